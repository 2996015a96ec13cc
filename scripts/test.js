#!/usr/bin/env node
'use strict';
/**
 * `npm test`: the command line's build, then the type check and jest side by side.
 *
 *   node scripts/test.js [jest arguments]      e.g. npm test -- test/cli
 *
 * - lib/ first: the command-line tests run bin/scorecard.js from it. The build is incremental
 *   (tsconfig.cli.json), so after `npm ci`, whose prepare script has just built lib/, it only checks.
 * - ts-jest and webpack only transpile, so `tsc --noEmit` is the one type check of sources and tests.
 *   It runs beside jest, not before it: run first, it kept one of the two cores idle for ~12 s.
 *   Its report is printed after jest's, so the two do not interleave.
 *
 * Exits non-zero when any of the three fails.
 */
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc');
const node = (args, stdio) => spawn(process.execPath, args, { cwd: ROOT, stdio });
const exited = (child) => new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));

async function main() {
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.cli.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) return build.status ?? 1;

  const typecheck = node([tsc, '--noEmit', '-p', 'tsconfig.json'], ['ignore', 'pipe', 'pipe']);
  let report = '';
  typecheck.stdout.on('data', (chunk) => (report += chunk));
  typecheck.stderr.on('data', (chunk) => (report += chunk));
  const jest = node([require.resolve('jest/bin/jest'), ...process.argv.slice(2)], 'inherit');

  const [jestCode, typecheckCode] = await Promise.all([exited(jest), exited(typecheck)]);
  if (typecheckCode !== 0) process.stderr.write(`\nType check (tsc --noEmit) failed:\n${report}\n`);
  else process.stdout.write('Type check (tsc --noEmit): no errors.\n');
  return jestCode || typecheckCode;
}

main().then((code) => process.exit(code));
