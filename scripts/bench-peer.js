#!/usr/bin/env node
'use strict';
/**
 * The peer of the ranking benchmark (scripts/bench.js): a Node process that loads workbooks fully with
 * ExcelJS (a general-purpose workbook library), the first <sample> .xlsx files of a folder (all by
 * default). Prints {"requireMs","loopMs","loaded"} as JSON, so that a sample can be extrapolated.
 *
 *   node scripts/bench-peer.js <folder> [sample]
 */
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

async function main() {
  const t0 = performance.now();
  const ExcelJS = require('exceljs');
  const requireMs = performance.now() - t0;
  const dir = process.argv[2];
  const all = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort();
  const files = all.slice(0, Number(process.argv[3]) || all.length);
  const t1 = performance.now();
  for (const f of files) await new ExcelJS.Workbook().xlsx.load(fs.readFileSync(path.join(dir, f)));
  console.log(JSON.stringify({ requireMs, loopMs: performance.now() - t1, loaded: files.length }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
