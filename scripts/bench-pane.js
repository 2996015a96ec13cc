#!/usr/bin/env node
'use strict';
/**
 * The ranking button in Chromium on a batch of forms: printed, never asserted (not a test).
 *
 *   node scripts/bench-pane.js [--forms 500] [--main-thread] [--no-build]
 *
 * Serves the pane as users get it (production mode, on the test host double: no Excel, no network),
 * drives Debian's Chromium with playwright-core, sets the forms of scripts/bench-forms.js (ExcelJS-written,
 * cached) on the file input, presses "Xếp hạng" and prints: the time to the ranked sheet at the host,
 * the read time and files/s, and the longest task on the pane's main thread while it ran (the Long
 * Tasks API: tasks of 50 ms and more; none means the pane never froze for 50 ms). --main-thread hides
 * Worker from the page, so the pane reads on its own thread (the fallback), for comparison.
 * Needs lib/ (npx tsc -p tsconfig.cli.json) for the form generator.
 */
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { chromium } = require('playwright-core');
const { ensureForms } = require('./bench-forms');

const ROOT = path.join(__dirname, '..');
const BUILD = path.join(ROOT, 'test-output', 'pane-build-production-test');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const FORMS = Number(option('--forms', '500'));
const MAIN_THREAD = argv.includes('--main-thread');

/** The same build the browser tests share (test/helpers/pane-builds.ts), made here when missing. */
function ensureBuild() {
  if (argv.includes('--no-build') && fs.existsSync(path.join(BUILD, 'taskpane.html'))) return;
  if (fs.existsSync(path.join(BUILD, '.built.json'))) return;
  process.stderr.write('bench-pane: building the pane (production, test host)…\n');
  const cli = require.resolve('webpack-cli/bin/cli.js');
  const out = path.relative(ROOT, BUILD);
  execFileSync(process.execPath, [cli, '--mode', 'production', '--env', 'test', '--env', `outDir=${out}`], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
};

function serve(dir) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(dir, url === '/' ? 'taskpane.html' : url);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Installed before the pane loads: every long main-thread task (start, duration), from page load. */
function watchLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

/** The longest task that ran (at least partly) within [from, to] ms of the page's clock, and how many did. */
function longestWithin(tasks, from, to) {
  const inside = tasks.filter(([start, duration]) => start + duration >= from && start <= to);
  return { ms: Math.max(0, ...inside.map(([, d]) => d)), count: inside.length };
}

const describeLongest = (l) =>
  l.count ? `${Math.round(l.ms)} ms (${l.count} tasks of 50 ms or more)` : 'none of 50 ms or more';

async function run(page, files) {
  await page.getByTestId('ranking-view').waitFor();
  await page.getByTestId('files-input').setInputFiles(files);
  await page
    .getByTestId('file-row')
    .nth(files.length - 1)
    .waitFor({ timeout: 120_000 });
  const from = await page.evaluate(() => performance.now());
  const started = Date.now();
  await page.getByTestId('start-ranking').click();
  await page.getByTestId('written').waitFor({ timeout: 600_000 });
  const wall = Date.now() - started;
  await page.waitForTimeout(200); // the last long-task entries are delivered asynchronously
  const files_ = page.getByTestId('files');
  const readMs = Number(await files_.getAttribute('data-read-ms'));
  const ok = await page.locator('[data-testid=file-row][data-status=ok]').count();
  const tasks = await page.evaluate(() => window.__longTasks);
  const reading = longestWithin(tasks, from, from + readMs);
  const overall = longestWithin(tasks, from, from + wall);
  return { wall, readMs, ok, reading, overall };
}

async function main() {
  ensureBuild();
  const { files } = await ensureForms(FORMS);
  const server = await serve(BUILD);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 320, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // The reader worker ends with the run: its start is what tells where the files were read.
    const workers = [];
    page.on('worker', (w) => workers.push(path.basename(w.url())));
    await page.addInitScript(watchLongTasks);
    if (MAIN_THREAD) await page.addInitScript(() => delete window.Worker);
    await page.goto(`http://127.0.0.1:${server.address().port}/?view=ranking`);
    const r = await run(page, files);
    const where = workers.length ? `worker (${workers.join(', ')})` : 'main thread';
    console.log(
      [
        `Pane ranking, Chromium, production build, ${FORMS} forms read on the ${where}:`,
        `  start → ranked sheet at the host: ${(r.wall / 1000).toFixed(2)} s`,
        `  reading: ${(r.readMs / 1000).toFixed(2)} s = ${((FORMS * 1000) / Math.max(1, r.readMs)).toFixed(1)} files/s (${r.ok} ok)`,
        `  longest main-thread task while reading: ${describeLongest(r.reading)}`,
        `  longest main-thread task, start → ranked (ranking and the sheet are on the main thread): ${describeLongest(r.overall)}`,
        ...(errors.length ? [`  page errors: ${errors.join('; ')}`] : []),
      ].join('\n'),
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
