#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: the benchmarks, printed, never asserted.
 *
 * 1. The task pane's bundle size (scripts/bench-bundle.js), when that script is there.
 * 2. Ranking speed (issue 5 §7): N filled forms (N = 50, 200, 1000; scripts/bench-forms.js) ranked by
 *    `scorecard rank`, against two references timed in the same run on the same files:
 *      floor — only inflating, in-process with fflate, the XML parts the reader needs;
 *      peer  — loading each file fully with a general-purpose workbook library (ExcelJS).
 *    Printed: files per second of each, rank ÷ floor (time) and peer ÷ rank (time).
 *    Target: 1,000 forms in under 10 s on 2 cores, within 3× of the floor, several times faster than the peer.
 *
 *   node scripts/bench.js [--sizes 50,200,1000] [--no-build] [--no-bundle] [--no-peer] [--rounds 3] [--json]
 *
 * The command line is the compiled lib/ (built first with `tsc -p tsconfig.cli.json` unless --no-build).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const ROOT = path.join(__dirname, '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const SIZES = option('--sizes', '50,200,1000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const ROUNDS = Math.max(1, Number(option('--rounds', '3')));
const AS_OF = '2019-09-30';

/** The parts of a form the reader inflates (test/xlsx/speed.ts uses the same list). */
const READER_PARTS =
  /^(_rels\/\.rels|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/worksheets\/sheet\d+\.xml)$/;

function runBundleBench() {
  const script = path.join(__dirname, 'bench-bundle.js');
  if (!fs.existsSync(script)) return;
  console.log('== Task pane bundle ==');
  const r = spawnSync(process.execPath, [script], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0)
    console.log(`(bench-bundle.js exited with ${r.status}; continuing with the ranking benchmark)`);
  console.log('');
}

function buildCli() {
  const tsc = require.resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.cli.json'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('tsc -p tsconfig.cli.json failed');
}

const seconds = (ms) => (ms / 1000).toFixed(2);
const rate = (n, ms) => (n / (ms / 1000)).toFixed(0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function rankingBench() {
  const { ensureForms } = require('./bench-forms');
  const { unzipSync } = require('fflate');
  const ExcelJS = require('exceljs');
  const rankCli = require(path.join(ROOT, 'lib', 'src', 'cli', 'rank.js'));
  const { parseReceivedManifest } = require(path.join(ROOT, 'lib', 'src', 'core', 'ranking'));
  const { summarySheet } = require(path.join(ROOT, 'lib', 'src', 'report'));
  const { writeRankingXlsx } = require(path.join(ROOT, 'lib', 'src', 'report', 'xlsx.js'));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-bench-'));

  console.log(
    `== Ranking (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}) ==`,
  );
  const results = [];
  for (const n of SIZES) {
    const { dir, manifest, files } = await ensureForms(n);
    for (const f of files) fs.readFileSync(f); // the same warm file cache for every contestant
    // One untimed run of each in-process contestant first, so that no figure carries the JIT's warm-up.
    const warm = parseReceivedManifest(fs.readFileSync(manifest, 'utf8'), 'csv');
    await rankCli.rankFiles(files, { manifest: warm, asOf: AS_OF });
    for (const f of files)
      unzipSync(new Uint8Array(fs.readFileSync(f)), { filter: (e) => READER_PARTS.test(e.name) });
    if (!flag('--no-peer'))
      for (const f of files.slice(0, 20)) await new ExcelJS.Workbook().xlsx.load(fs.readFileSync(f));

    // The floor: read each file and inflate only the parts the reader needs.
    const floor = [];
    for (let k = 0; k < ROUNDS; k++)
      floor.push(
        await time(() => {
          for (const f of files)
            unzipSync(new Uint8Array(fs.readFileSync(f)), { filter: (e) => READER_PARTS.test(e.name) });
        }),
      );

    // The rank pipeline in-process: expand the folder, read every file, rank; and the ranking workbook.
    const inProcess = [];
    const withWorkbook = [];
    let ranking;
    let rulebook;
    for (let k = 0; k < ROUNDS; k++) {
      const man = parseReceivedManifest(fs.readFileSync(manifest, 'utf8'), 'csv');
      inProcess.push(
        await time(async () => {
          const r = await rankCli.rankFiles(rankCli.collectFiles([dir]), { manifest: man, asOf: AS_OF });
          ranking = r.ranking;
          rulebook = r.rulebook;
        }),
      );
      withWorkbook.push(
        inProcess[k] + (await time(() => writeRankingXlsx(summarySheet(rulebook, ranking, { asOf: AS_OF })))),
      );
    }

    // The real command line, as a user runs it (a new Node process: start-up included).
    const cli = [];
    for (let k = 0; k < ROUNDS; k++) {
      const t0 = performance.now();
      const r = spawnSync(
        process.execPath,
        [
          path.join(ROOT, 'bin', 'scorecard.js'),
          'rank',
          dir,
          '--received',
          manifest,
          '--as-of',
          AS_OF,
          '-o',
          path.join(out, `ranking-${n}.xlsx`),
          '--json',
        ],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 30,
        },
      );
      cli.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`scorecard rank exited with ${r.status}: ${r.stderr}`);
    }

    // The peer: every file loaded fully by ExcelJS (once: it is the slow one).
    let peer;
    if (!flag('--no-peer'))
      peer = await time(async () => {
        for (const f of files) await new ExcelJS.Workbook().xlsx.load(fs.readFileSync(f));
      });

    const placed = ranking.tables.reduce(
      (s, t) => s + t.entries.filter((e) => e.rank !== undefined && e.status !== 'missing').length,
      0,
    );
    const r = {
      n,
      ranked: placed,
      invalid: ranking.invalid.length,
      floorMs: median(floor),
      rankMs: median(inProcess),
      rankWithWorkbookMs: median(withWorkbook),
      cliMs: median(cli),
      peerMs: peer,
    };
    results.push(r);
    const line = (label, ms) =>
      `  ${label.padEnd(44)} ${seconds(ms).padStart(7)} s  ${rate(n, ms).padStart(6)} files/s`;
    console.log(
      `N = ${n} forms (${r.ranked} ranked, ${r.invalid} invalid; in-process: after a warm-up run, median of ${ROUNDS} rounds, peer once)`,
    );
    console.log(line('rank, in-process (read + rank)', r.rankMs));
    console.log(line('rank, in-process + ranking workbook', r.rankWithWorkbookMs));
    console.log(line('scorecard rank … -o x.xlsx --json (process)', r.cliMs));
    console.log(line('floor: fflate inflate of the reader’s parts', r.floorMs));
    if (peer !== undefined) console.log(line('peer: ExcelJS workbook.xlsx.load', peer));
    console.log(
      `  rank ÷ floor = ${(r.rankMs / r.floorMs).toFixed(2)}× (in-process; CLI ${(r.cliMs / r.floorMs).toFixed(2)}×)   target ≤ 3×`,
    );
    if (peer !== undefined)
      console.log(
        `  peer ÷ rank  = ${(peer / r.rankMs).toFixed(2)}× (in-process; CLI ${(peer / r.cliMs).toFixed(2)}×)   target: several times`,
      );
    if (n >= 1000)
      console.log(`  ${n} forms by the command line in ${seconds(r.cliMs)} s   target < 10 s on 2 cores`);
    console.log('');
  }
  fs.rmSync(out, { recursive: true, force: true });
  return results;
}

async function main() {
  if (!flag('--no-bundle')) runBundleBench();
  if (!flag('--no-build')) buildCli();
  const results = await rankingBench();
  if (flag('--json')) console.log(JSON.stringify(results, null, 2));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
