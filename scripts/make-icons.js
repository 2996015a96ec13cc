#!/usr/bin/env node
'use strict';
/**
 * Draws the add-in's icons (a bar chart rising to a tick mark on the Excel-green tile) as PNG files
 * in assets/: icon-16/32/64/80/128.png. No image library and no download: the pixels are computed here
 * (4×4 supersampling for smooth edges) and encoded with node's zlib. The output is deterministic, and a
 * file is only rewritten when its bytes change, so webpack can call this on every build.
 *
 *   node scripts/make-icons.js [outDir]
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZES = [16, 32, 64, 80, 128];
const TILE = [0x10, 0x7c, 0x41]; // Excel green
const INK = [0xff, 0xff, 0xff];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (width*height*4) → PNG bytes (8-bit RGBA, filter 0 on every row). */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Distance from p to the segment ab. */
function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** What covers the point (u, v) of the unit square: 'ink', 'tile' or nothing. */
function shapeAt(u, v) {
  const radius = 0.18;
  const cx = Math.min(Math.max(u, radius), 1 - radius);
  const cy = Math.min(Math.max(v, radius), 1 - radius);
  if (Math.hypot(u - cx, v - cy) > radius) return null; // outside the rounded tile
  // three bars rising left to right
  const bars = [
    [0.18, 0.62],
    [0.4, 0.46],
    [0.62, 0.3],
  ];
  for (const [x, top] of bars) if (u >= x && u <= x + 0.16 && v >= top && v <= 0.84) return 'ink';
  // a tick mark above the first two bars
  if (segmentDistance(u, v, 0.2, 0.3, 0.3, 0.4) < 0.045 || segmentDistance(u, v, 0.3, 0.4, 0.5, 0.16) < 0.045)
    return 'ink';
  return 'tile';
}

function drawIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let tile = 0;
      let ink = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const hit = shapeAt((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size);
          if (hit === 'tile') tile++;
          else if (hit === 'ink') ink++;
        }
      const covered = tile + ink;
      const i = (y * size + x) * 4;
      if (!covered) continue;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round((TILE[c] * tile + INK[c] * ink) / covered);
      rgba[i + 3] = Math.round((255 * covered) / (S * S));
    }
  return encodePng(size, size, rgba);
}

/** Writes the icons into outDir; returns the paths written or already up to date. */
function makeIcons(outDir = path.join(__dirname, '..', 'assets')) {
  fs.mkdirSync(outDir, { recursive: true });
  return SIZES.map((size) => {
    const file = path.join(outDir, `icon-${size}.png`);
    const png = drawIcon(size);
    const current = fs.existsSync(file) ? fs.readFileSync(file) : null;
    if (!current || !current.equals(png)) {
      // write then rename: a build running at the same time never copies a half-written file
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, png);
      fs.renameSync(tmp, file);
    }
    return file;
  });
}

module.exports = { makeIcons, encodePng, drawIcon, SIZES };

if (require.main === module) {
  for (const file of makeIcons(process.argv[2])) console.log(path.relative(process.cwd(), file));
}
