#!/usr/bin/env node
'use strict';
/**
 * The task pane's bundle size: the JavaScript taskpane.html loads before the pane can show anything
 * (its <script> tags), gzipped, against the 200 KB budget and the ~136 KB of a minimal
 * React 19 + Fluent UI v9 pane (the reference). Lazily loaded chunks are listed apart; those the pane
 * requests as it starts (the rulebook library; the English catalogue for a pane in English) are
 * summed with the initial scripts as "before the pane is complete", so the split is not mistaken for
 * a saving it is not.
 *
 *   node scripts/bench-bundle.js [--build] [--json] [--check]
 *     --build   run the production build first (npm run build) instead of measuring dist/ as it is
 *     --json    print the figures as JSON
 *     --check   exit 1 when the initial JavaScript is over the budget
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { execFileSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const BUDGET_KB = 200;
/** Chunks mount.tsx loads at once (webpackChunkName), before the pane replaces its frame. */
const START_CHUNKS = { vi: /^(library|rulebook-data)\./, en: /^(library|rulebook-data|lang-en)\./ };
const REFERENCE_KB = 136;

const args = new Set(process.argv.slice(2));

function build() {
  execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

const gzipSize = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

/** Local scripts referenced by an HTML page, in order. */
function pageScripts(html) {
  // html-webpack-plugin minifies attributes (src=x.js, unquoted) in production
  return [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)]
    .map((m) => m[1] ?? m[2] ?? m[3])
    .filter((src) => !/^(https?:)?\/\//.test(src));
}

function measure() {
  const page = path.join(DIST, 'taskpane.html');
  if (!fs.existsSync(page)) return undefined;
  const initial = pageScripts(fs.readFileSync(page, 'utf8')).map((src) => {
    const buf = fs.readFileSync(path.join(DIST, src.split('?')[0]));
    return { file: src, bytes: buf.length, gzip: gzipSize(buf) };
  });
  const initialFiles = new Set(initial.map((f) => f.file));
  const lazy = fs
    .readdirSync(DIST)
    .filter((f) => f.endsWith('.js') && !initialFiles.has(f) && !f.startsWith('commands'))
    .map((f) => {
      const buf = fs.readFileSync(path.join(DIST, f));
      return { file: f, bytes: buf.length, gzip: gzipSize(buf) };
    });
  const gzip = initial.reduce((s, f) => s + f.gzip, 0);
  const bytes = initial.reduce((s, f) => s + f.bytes, 0);
  const atStart = (re) => kb(gzip + lazy.filter((f) => re.test(f.file)).reduce((s, f) => s + f.gzip, 0));
  return {
    initial: { files: initial, bytes, gzip, gzipKB: kb(gzip) },
    completeKB: { vi: atStart(START_CHUNKS.vi), en: atStart(START_CHUNKS.en) },
    lazy,
    budgetKB: BUDGET_KB,
    ratioToBudget: Math.round((kb(gzip) / BUDGET_KB) * 100) / 100,
    referenceKB: REFERENCE_KB,
    ratioToReference: Math.round((kb(gzip) / REFERENCE_KB) * 100) / 100,
  };
}

function main() {
  if (args.has('--build') || !fs.existsSync(path.join(DIST, 'taskpane.html'))) build();
  const r = measure();
  if (!r) {
    console.error('dist/taskpane.html not found: run "npm run build" first.');
    process.exit(2);
  }
  if (args.has('--json')) console.log(JSON.stringify(r, null, 2));
  else {
    console.log('Task pane bundle (production, gzip level 9)');
    for (const f of r.initial.files)
      console.log(
        `  initial  ${f.file.padEnd(40)} ${String(kb(f.bytes)).padStart(8)} KB  gzip ${String(kb(f.gzip)).padStart(7)} KB`,
      );
    for (const f of r.lazy)
      console.log(
        `  lazy     ${f.file.padEnd(40)} ${String(kb(f.bytes)).padStart(8)} KB  gzip ${String(kb(f.gzip)).padStart(7)} KB`,
      );
    console.log(`Initial JavaScript: ${r.initial.gzipKB} KB gzip (${kb(r.initial.bytes)} KB raw)`);
    console.log(`  ÷ target ${BUDGET_KB} KB = ${r.ratioToBudget}   (≤ 1 meets the target)`);
    console.log(
      `Before the pane is complete (initial + chunks loaded at start): ${r.completeKB.vi} KB in Vietnamese, ${r.completeKB.en} KB in English`,
    );
    console.log(
      `  ÷ reference ${REFERENCE_KB} KB (minimal React 19 + Fluent v9 pane) = ${r.ratioToReference}`,
    );
  }
  if (args.has('--check') && r.initial.gzipKB > BUDGET_KB) process.exit(1);
}

main();
