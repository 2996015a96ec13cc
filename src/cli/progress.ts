/**
 * Progress of a batch on a terminal, so a long run shows it is alive: files done / total, files per second
 * and invalid so far, on one line that rewrites itself. Quiet when the stream is not a terminal or when asked
 * (--json), so piped output and logs stay clean. Used by `scorecard rank` (and `check` on many files).
 */
import { bilingual, msg } from '../i18n';

/** The part of a Node stream progress needs (process.stderr, or a test double). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

export interface Progress {
  /** One file finished; `invalid` when it could not be used. */
  tick(invalid?: boolean): void;
  /** The batch finished: the final figures stay on their own line. */
  done(): void;
}

export interface ProgressOptions {
  stream?: ProgressStream;
  /** Never show (--json). */
  quiet?: boolean;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
  /** Minimum milliseconds between two redraws (default 100). */
  intervalMs?: number;
}

const silent: Progress = { tick: () => undefined, done: () => undefined };

/** The progress line: "Đã đọc 120/1000 tệp · 350 tệp/giây · 3 không hợp lệ / Read 120/1000 files · …". */
export function progressLine(done: number, total: number, invalid: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0;
  return bilingual(msg('rankProgress', { done, total, rate, invalid }));
}

export function fileProgress(total: number, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream;
  if (opts.quiet || !stream?.isTTY || total <= 0) return silent;
  const now = opts.now ?? Date.now;
  const interval = opts.intervalMs ?? 100;
  const started = now();
  let done = 0;
  let invalid = 0;
  let drawn = -Infinity;
  let finished = false;
  const draw = () => {
    const line = progressLine(done, total, invalid, now() - started);
    // A line longer than the terminal wraps, and "\r" would then rewrite only its last part.
    const width = stream.columns && stream.columns > 10 ? stream.columns - 1 : line.length;
    stream.write(`\r${[...line].slice(0, width).join('')}\x1b[K`);
    drawn = now();
  };
  return {
    tick(bad = false) {
      if (finished) return;
      done++;
      if (bad) invalid++;
      if (now() - drawn >= interval || done === total) draw();
    },
    done() {
      if (finished) return;
      finished = true;
      draw();
      stream.write('\n');
    },
  };
}
