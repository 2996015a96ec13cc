#!/usr/bin/env node
'use strict';
/**
 * The floor of the ranking benchmark (scripts/bench.js): a bare Node process that reads every .xlsx
 * file of a folder and inflates every entry of each (zlib, native), keeping nothing. Whatever reads
 * forms must at least do this. Prints {"files","entries","inflatedBytes"} as JSON.
 *
 * --checked: the reader's own floor instead: only the parts a form reader reads (the workbook, its
 * relationships, the worksheets, the shared strings), each inflated, its CRC-32 checked and its XML
 * checked for well-formedness with the reader's own check (lib/src/xlsx/xml.js): what keeping the
 * promise "a damaged part is refused, never read as blank cells" costs before any cell is read.
 *
 *   node scripts/bench-floor.js <folder> [--checked]
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const CHECKED = process.argv.includes('--checked');
const READ_BY_READER =
  /^(_rels\/\.rels|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/worksheets\/[^/]+\.xml|xl\/sharedStrings\.xml)$/;
const { xmlProblem } = CHECKED ? require('../lib/src/xlsx/xml.js') : {};

/** The part's bytes, checked as the reader checks them (CRC-32, well-formed XML). */
function check(name, data, crc) {
  if (zlib.crc32(data) >>> 0 !== crc) throw new Error(`${name}: CRC-32`);
  const problem = xmlProblem(data.toString('latin1'));
  if (problem) throw new Error(`${name}: ${problem}`);
}

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
    const name = b.toString('latin1', o + 46, o + 46 + b.readUInt16LE(o + 28));
    const read = !CHECKED || READ_BY_READER.test(name);
    const raw = b.subarray(start, start + compressed);
    // One output chunk of the entry's size, as the reader inflates (zip.ts): the fastest zlib allows.
    const size = b.readUInt32LE(o + 24);
    const chunkSize = Math.min(Math.max(64, size + 1), 1 << 20);
    const data = !read ? undefined : method === 8 ? zlib.inflateRawSync(raw, { chunkSize }) : raw;
    if (data && CHECKED) check(name, data, b.readUInt32LE(o + 16));
    bytes += data ? data.length : 0;
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
