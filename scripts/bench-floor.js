#!/usr/bin/env node
'use strict';
/**
 * The floor of the ranking benchmark (scripts/bench.js): a bare Node process that reads every .xlsx
 * file of a folder and inflates every entry of each (zlib, native), keeping nothing. Whatever reads
 * forms must at least do this. Prints {"files","entries","inflatedBytes"} as JSON.
 *
 *   node scripts/bench-floor.js <folder>
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

/** Inflate every entry of a zip from its central directory (no checks: the files are the bench's own). */
function inflateAll(b) {
  let eocd = b.length - 22;
  while (eocd >= 0 && b.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = b.readUInt16LE(eocd + 10);
  let o = b.readUInt32LE(eocd + 16);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const method = b.readUInt16LE(o + 10);
    const compressed = b.readUInt32LE(o + 20);
    const local = b.readUInt32LE(o + 42);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const data = b.subarray(start, start + compressed);
    bytes += method === 8 ? zlib.inflateRawSync(data).length : data.length;
    o += 46 + b.readUInt16LE(o + 28) + b.readUInt16LE(o + 30) + b.readUInt16LE(o + 32);
  }
  return { count, bytes };
}

const dir = process.argv[2];
let entries = 0;
let inflatedBytes = 0;
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx'));
for (const f of files) {
  const r = inflateAll(fs.readFileSync(path.join(dir, f)));
  entries += r.count;
  inflatedBytes += r.bytes;
}
console.log(JSON.stringify({ files: files.length, entries, inflatedBytes }));
