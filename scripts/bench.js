#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: the benchmarks, printed, never asserted (tests never assert times).
 *
 * 1. The task pane's initial JavaScript, gzip (scripts/bench-bundle.js; builds dist/ when it is missing).
 * 2. Ranking: for N forms (50, 200, 1,000 and 5,000), written by ExcelJS (bench-forms.js) and
 *    saved by LibreOffice (bench-lo.js), whole processes timed in the same run on the same files:
 *      rank -o  `scorecard rank <folder> --received … --as-of … -o ranking.xlsx --json`, with its peak
 *               memory (resident set high-water mark of the process and its threads, bench-rss.js);
 *      rank     the same without -o (the ranking alone, no workbook written);
 *      floor    a bare Node process that reads every file and inflates every zip entry (bench-floor.js);
 *      checked  the reader's own floor: the parts it reads inflated, CRC-checked and checked for
 *               well-formed XML (bench-floor.js --checked), the price of refusing a damaged part;
 *      peer     a Node process that loads every workbook fully with ExcelJS (bench-peer.js); above 200
 *               forms a sample of 100 is loaded and the rest extrapolated (said so where printed).
 *    Printed: each time (median of 3 rounds, interleaved; 1 round at 5,000), rank ÷ floor with and
 *    without -o (target ≤ 3× at 1,000), checked ÷ floor, peer ÷ rank -o (target ≥ 5×), peak memory
 *    (target < 500 MB at 5,000), time per form across N (linear growth keeps it flat).
 * 3. Where the time goes for 1,000 forms (bench-breakdown.js): start-up, read, inflate, scan, score,
 *    rank, write, in one thread.
 *
 *   node scripts/bench.js [--sizes 50,200,1000,5000] [--kinds exceljs,libreoffice] [--rounds 3]
 *                         [--no-build] [--no-bundle] [--no-peer] [--no-breakdown] [--json]
 *
 * The machine may be shared: absolute times are noisy, ratios measured in the same run are what count.
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
const SIZES = option('--sizes', '50,200,1000,5000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const KINDS = option('--kinds', 'exceljs,libreoffice').split(',');
const ROUNDS = Math.max(1, Number(option('--rounds', '3')));
const PEER_SAMPLE = 100;
const AS_OF = '2019-09-30';

const seconds = (ms) => (ms / 1000).toFixed(2);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (kb) => Math.round(kb / 1024);

/** A whole Node process, timed: its wall time, stdout, and the peak memory bench-rss.js reports. */
function timed(args, what) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${what} exited with ${r.status}: ${r.stderr}`);
  const rss = /BENCH_MAXRSS_KB=(\d+)/.exec(r.stderr ?? '');
  return { ms, stdout: r.stdout, maxRssKB: rss ? Number(rss[1]) : undefined };
}

function bundleBench() {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'bench-bundle.js'), '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) return console.log(`Task pane: bench-bundle.js exited with ${r.status}\n`);
  const b = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
  console.log(
    `Task pane initial JavaScript: ${b.initial.gzipKB} KB gzip (${b.initial.files.length} files; target ≤ 200 KB)\n`,
  );
  return b.initial.gzipKB;
}

function buildCli() {
  const tsc = require.resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.cli.json'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('tsc -p tsconfig.cli.json failed');
}

async function formsOf(kind, n) {
  if (kind === 'exceljs') return require('./bench-forms').ensureForms(n);
  return require('./bench-lo').ensureLoForms(n);
}

/** One size of one kind: rank, floor (interleaved rounds) and peer. */
function measure(kind, n, forms, out) {
  for (const f of forms.files) fs.readFileSync(f); // the same warm file cache for everyone
  const rounds = n >= 5000 ? 1 : ROUNDS;
  const rank = [];
  const plain = [];
  const floor = [];
  const checked = [];
  const rss = [];
  const rankArgs = [path.join(ROOT, 'bin', 'scorecard.js'), 'rank', forms.dir];
  rankArgs.push('--received', forms.manifest, '--as-of', AS_OF, '--json');
  for (let k = 0; k < rounds; k++) {
    floor.push(timed([path.join(__dirname, 'bench-floor.js'), forms.dir], 'floor').ms);
    checked.push(timed([path.join(__dirname, 'bench-floor.js'), forms.dir, '--checked'], 'checked floor').ms);
    plain.push(timed(rankArgs, 'scorecard rank').ms);
    const workbook = path.join(out, `ranking-${kind}-${n}.xlsx`);
    const r = timed(
      ['-r', path.join(__dirname, 'bench-rss.js'), ...rankArgs, '-o', workbook],
      'scorecard rank -o',
    );
    rank.push(r.ms);
    rss.push(r.maxRssKB);
    if (k === 0) {
      const j = JSON.parse(r.stdout);
      var ranked = j.groups.reduce((s, g) => s + (g.entries ?? []).filter((e) => e.rank != null).length, 0);
      var invalid = j.invalid.length;
    }
  }
  let peer;
  if (!flag('--no-peer')) {
    const sample = n <= 200 ? n : PEER_SAMPLE;
    const p = timed([path.join(__dirname, 'bench-peer.js'), forms.dir, String(sample)], 'peer');
    const j = JSON.parse(p.stdout);
    peer = { ms: p.ms - j.loopMs + (j.loopMs * n) / j.loaded, sampled: j.loaded < n, loaded: j.loaded };
  }
  return {
    kind,
    n,
    ranked,
    invalid,
    rounds,
    rankMs: median(rank),
    plainMs: median(plain),
    floorMs: median(floor),
    checkedMs: median(checked),
    peakMB: mb(Math.max(...rss.filter(Boolean))),
    peerMs: peer?.ms,
    peerSampled: peer?.sampled,
  };
}

function print(r) {
  const perForm = (ms) => `${((ms / r.n) * 1000).toFixed(0).padStart(5)} µs/form`;
  const how = r.rounds > 1 ? `median of ${r.rounds}` : 'one run';
  console.log(`${r.kind}, N = ${r.n} forms (${r.ranked} ranked, ${r.invalid} invalid; ${how})`);
  console.log(`  rank -o ${seconds(r.rankMs).padStart(6)} s  ${perForm(r.rankMs)}   peak ${r.peakMB} MB`);
  console.log(`  rank    ${seconds(r.plainMs).padStart(6)} s  ${perForm(r.plainMs)}   (no workbook written)`);
  console.log(`  floor   ${seconds(r.floorMs).padStart(6)} s  ${perForm(r.floorMs)}`);
  console.log(
    `  checked ${seconds(r.checkedMs).padStart(6)} s  ${perForm(r.checkedMs)}   (the parts read, CRC and XML checked)`,
  );
  if (r.peerMs !== undefined)
    console.log(
      `  peer    ${seconds(r.peerMs).padStart(6)} s  ${perForm(r.peerMs)}${r.peerSampled ? `   (extrapolated from ${PEER_SAMPLE} forms)` : ''}`,
    );
  const ratio = (ms) => (ms / r.floorMs).toFixed(2);
  console.log(
    `  rank -o ÷ floor = ${ratio(r.rankMs)}×, rank ÷ floor = ${ratio(r.plainMs)}× (target ≤ 3×); checked ÷ floor = ${ratio(r.checkedMs)}×`,
  );
  if (r.peerMs !== undefined)
    console.log(`  peer ÷ rank -o = ${(r.peerMs / r.rankMs).toFixed(2)}× (target ≥ 5×)`);
}

function breakdown(kind, forms) {
  const r = timed(
    [path.join(__dirname, 'bench-breakdown.js'), forms.dir, forms.manifest, AS_OF],
    'breakdown',
  );
  const b = JSON.parse(r.stdout);
  const total = b.startup + b.read + b.inflate + b.scan + b.score + b.rank + b.write;
  const part = (label, ms) => `${label} ${seconds(ms)} s (${Math.round((100 * ms) / total)}%)`;
  console.log(
    `Where the time goes, ${kind}, ${b.files} forms, one thread, cold: ${[
      part('start-up', b.startup),
      part('read', b.read),
      part('inflate', b.inflate),
      part('scan', b.scan),
      part('score', b.score),
      part('rank', b.rank),
      part('write', b.write),
    ].join(', ')}`,
  );
  return b;
}

async function main() {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-bench-'));
  const report = { cores: os.cpus().length, node: process.version, sizes: [], breakdown: {} };
  if (!flag('--no-bundle')) report.paneInitialGzipKB = bundleBench();
  if (!flag('--no-build')) buildCli();
  console.log(
    `== Ranking (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}) ==`,
  );
  for (const kind of KINDS) {
    for (const n of SIZES) {
      const forms = await formsOf(kind, n);
      if (!forms) {
        console.log(`${kind}: skipped (LibreOffice's soffice not found)`);
        break;
      }
      const r = measure(kind, n, forms, out);
      report.sizes.push(r);
      print(r);
      if (n === 1000 && !flag('--no-breakdown')) report.breakdown[kind] = breakdown(kind, forms);
      console.log('');
    }
    const mine = report.sizes.filter((r) => r.kind === kind);
    if (mine.length > 1)
      console.log(
        `${kind}: rank per form across N: ${mine.map((r) => `${r.n}: ${((r.rankMs / r.n) * 1000).toFixed(0)} µs`).join(', ')} (flat = linear; start-up weighs on small N)\n`,
      );
  }
  fs.rmSync(out, { recursive: true, force: true });
  if (flag('--json')) console.log(JSON.stringify(report, null, 2));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
