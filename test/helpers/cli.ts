/** Runs the built command line (bin/scorecard.js → lib/) as a user would, capturing output and exit code. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');

export function scorecard(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'scorecard.js'), ...args], {
    cwd: opts.cwd ?? root,
    encoding: 'utf8',
    input: opts.input,
    env: { ...process.env, SCORECARD_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** No output of the command line may ever be a stack trace. */
export function expectNoStackTrace(text: string) {
  if (/\n\s+at .+\(.+:\d+:\d+\)/.test(text)) throw new Error(`stack trace in output:\n${text}`);
}
