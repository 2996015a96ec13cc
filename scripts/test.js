#!/usr/bin/env node
/**
 * `npm test`: build lib/ for the command-line tests (build:cli) and type-check src and test (typecheck)
 * side by side, then jest. Each tsc run is single-threaded, so on two cores the two take as long as the
 * longer one instead of their sum. Arguments after `npm test --` go to jest.
 */
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');

/** Runs an npm script (the definitions stay in package.json), resolving to its exit code. */
function npmRun(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { cwd: root, stdio: 'inherit', shell: true });
    child.on('error', (e) => {
      console.error(`npm run ${script}: ${e.message}`);
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function main() {
  const codes = await Promise.all([npmRun('build:cli'), npmRun('typecheck')]);
  if (codes.some((c) => c !== 0)) return 1;
  const jest = spawn(process.execPath, [require.resolve('jest/bin/jest'), ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  return new Promise((resolve) => jest.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

main().then((code) => process.exit(code));
