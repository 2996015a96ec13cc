/**
 * The pane's webpack builds that tests load, each built once per change of its inputs and shared by
 * every suite and jest worker that needs it (a build is the slowest step of a browser suite: 40 s to
 * minutes on a loaded 2-core machine). A build folder holds a stamp (.built.json) with the arguments
 * and the time the build started; it is reused while no input is newer than that. Concurrent workers
 * asking for the same build wait on a lock folder instead of building it twice.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/**
 *  - test: the pane on the host double (test/browser/fixtures), development mode (React's warnings
 *    reach the console, where the suites look for errors);
 *  - test-production: the same, minified as users get it (speeds and clicks as in production);
 *  - production: `npm run build` (index.tsx on Excel's host, commands page, manifests).
 */
export type PaneBuildKind = 'test' | 'test-production' | 'production';

const BUILDS: Record<PaneBuildKind, { dir: string; args: string[] }> = {
  test: { dir: 'test-output/pane-build', args: ['--env', 'test'] },
  'test-production': {
    dir: 'test-output/pane-build-production-test',
    args: ['--mode', 'production', '--env', 'test'],
  },
  production: { dir: 'test-output/pane-prod', args: ['--mode', 'production'] },
};

/** What a build is made from: sources, data, assets, fixtures of the test entry, configuration. */
const INPUTS = [
  'src',
  'rulebooks',
  'assets',
  'test/browser/fixtures',
  'webpack.config.js',
  'scripts/make-icons.js',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

const STAMP = '.built.json';
const LOCK_STALE_MS = 15 * 60_000;

export const paneBuildDir = (kind: PaneBuildKind) => path.join(ROOT, BUILDS[kind].dir);

function newestInput(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(file)
    .reduce((newest, name) => Math.max(newest, newestInput(path.join(file, name))), stat.mtimeMs);
}

function upToDate(dir: string, args: string[]): boolean {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(dir, STAMP), 'utf8')) as {
      args: string[];
      startedMs: number;
    };
    if (JSON.stringify(stamp.args) !== JSON.stringify(args)) return false;
    return INPUTS.every((input) => newestInput(path.join(ROOT, input)) <= stamp.startedMs);
  } catch {
    return false;
  }
}

function runWebpack(dir: string, args: string[]): void {
  const cli = require.resolve('webpack-cli/bin/cli.js');
  const startedMs = Date.now();
  try {
    execFileSync(process.execPath, [cli, ...args, '--env', `outDir=${path.relative(ROOT, dir)}`], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 600_000, // a loaded 2-core machine needs minutes
    });
  } catch (e) {
    const out = `${(e as { stdout?: Buffer }).stdout ?? ''}${(e as { stderr?: Buffer }).stderr ?? ''}`;
    throw new Error(`webpack ${args.join(' ')} failed:\n${out.slice(-4000)}`);
  }
  fs.writeFileSync(path.join(dir, STAMP), JSON.stringify({ args, startedMs }));
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Takes the build's lock folder, waiting while another process holds it. */
function lock(lockDir: string): void {
  for (;;) {
    try {
      fs.mkdirSync(lockDir, { recursive: false });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    // a worker killed mid-build leaves its lock: take over once it is older than any build takes
    const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > LOCK_STALE_MS) fs.rmSync(lockDir, { recursive: true, force: true });
    else sleep(500);
  }
}

/** The folder of an up-to-date build of this kind, building it first if needed (synchronous). */
export function paneBuild(kind: PaneBuildKind): string {
  const dir = paneBuildDir(kind);
  const { args } = BUILDS[kind];
  if (upToDate(dir, args)) return dir;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lockDir = `${dir}.lock`;
  lock(lockDir);
  try {
    // another worker may have built it while this one waited for the lock
    if (!upToDate(dir, args)) runWebpack(dir, args);
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
  return dir;
}
