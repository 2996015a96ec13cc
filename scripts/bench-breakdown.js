#!/usr/bin/env node
'use strict';
/**
 * Where the time of `scorecard rank` goes (scripts/bench.js): one cold pass, in one thread, as the
 * command does it, over a folder of forms. Prints JSON of milliseconds:
 *   startup  loading the command line's modules (lib/src/cli/main.js and what it imports)
 *   read     reading the files from the disk
 *   inflate  inflating and checksumming the zip entries the reader asks for (fflate, CRC-32)
 *   scan     the XML: well-formedness checks, defined names, cells (readWorkbook less its inflating)
 *   score    forms → submissions: values checked and scored, comments (the rest of inputsFromXlsx)
 *   rank     rank(): the tables, ties, lateness
 *   write    the "Tổng hợp" workbook (-o), ExcelJS included (loaded on first use)
 *
 *   node scripts/bench-breakdown.js <folder> <received.csv> <as-of>
 */
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const LIB = path.join(__dirname, '..', 'lib', 'src');

async function main() {
  const [dir, manifestFile, asOf] = process.argv.slice(2);
  const out = {};
  let t = performance.now();
  require(path.join(LIB, 'cli', 'main.js'));
  out.startup = performance.now() - t;

  const zip = require(path.join(LIB, 'xlsx', 'zip.js'));
  const read = require(path.join(LIB, 'xlsx', 'read.js'));
  const { inputsFromXlsx } = require(path.join(LIB, 'xlsx', 'inputs.js'));
  const { rulebookResolver } = require(path.join(LIB, 'xlsx', 'pool.js'));
  const { rank, parseReceivedManifest } = require(path.join(LIB, 'core', 'ranking'));
  const { receivedFrom } = require(path.join(LIB, 'core', 'ranking', 'received.js'));
  const receivedDate = (file, manifest) => receivedFrom(file, manifest, undefined);
  const { majorityRulebook } = require(path.join(LIB, 'consolidation', 'rulebook.js'));

  // Time spent inside the inflater and inside readWorkbook, by wrapping the modules' exports (the
  // compiled modules call each other through them).
  let inflateMs = 0;
  let inflateInWorkbookMs = 0;
  let workbookMs = 0;
  let inWorkbook = false;
  const inflateEntry = zip.inflateEntry;
  zip.inflateEntry = (...a) => {
    const t0 = performance.now();
    try {
      return inflateEntry(...a);
    } finally {
      const dt = performance.now() - t0;
      inflateMs += dt;
      if (inWorkbook) inflateInWorkbookMs += dt;
    }
  };
  const readWorkbook = read.readWorkbook;
  read.readWorkbook = (...a) => {
    const t0 = performance.now();
    inWorkbook = true;
    try {
      return readWorkbook(...a);
    } finally {
      inWorkbook = false;
      workbookMs += performance.now() - t0;
    }
  };

  const manifest = parseReceivedManifest(fs.readFileSync(manifestFile, 'utf8'), 'csv');
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => path.join(dir, f));
  t = performance.now();
  const bytes = files.map((f) => fs.readFileSync(f));
  out.read = performance.now() - t;

  t = performance.now();
  const inputs = [];
  const rulebooks = new Map();
  const resolve = rulebookResolver(undefined);
  files.forEach((file, i) => {
    const r = inputsFromXlsx(file, bytes[i], resolve, receivedDate(file, manifest));
    inputs.push(...r.inputs);
    for (const rb of r.rulebooks) rulebooks.set(rb.id, rb);
  });
  const inputsMs = performance.now() - t;
  out.inflate = inflateMs;
  out.scan = workbookMs - inflateInWorkbookMs;
  out.score = inputsMs - workbookMs - (inflateMs - inflateInWorkbookMs);
  out.commentsInflate = inflateMs - inflateInWorkbookMs;

  const rb = majorityRulebook(inputs, rulebooks);
  t = performance.now();
  const ranking = rank(rb, inputs, { asOf });
  out.rank = performance.now() - t;

  t = performance.now();
  const { consolidationSheets } = require(path.join(LIB, 'consolidation', 'consolidate.js'));
  const { writeReportXlsx } = require(path.join(LIB, 'xlsx', 'report.js'));
  await writeReportXlsx(consolidationSheets(rb, ranking, { asOf }));
  out.write = performance.now() - t;
  out.files = files.length;
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
