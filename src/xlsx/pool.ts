/**
 * Reading many submitted files on every core (Node only: the command line; the pane has its own
 * worker). Each worker thread reads a file from the disk, turns it into ranking inputs (inputs.ts) and
 * drops its bytes before the next one, so memory holds the inputs, never the files. Results come back
 * in the order the files were given, whatever order the workers finish in; a file that cannot be read
 * becomes a failure with its reason, and a worker that dies hands its files back to this thread.
 * Small batches, a single core, or a build without the compiled worker read in this thread: the
 * results are the same either way.
 */
import { readFileSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Rulebook } from '../core/rulebook/schema';
import { builtinRulebook } from '../core/rulebook/builtin';
import type { ReceivedDate } from '../core/ranking/types';
import { msg, type Message } from '../i18n';
import type { FormMeta } from '../form/types';
import { inputsFromXlsx, type FileInputs } from './inputs';

/** One file to read, with the received date its inputs carry (taken from the manifest by the caller). */
export interface ReadRequest {
  file: string;
  received?: ReceivedDate;
}

export interface PoolOptions {
  /** The rulebook the user named: forms made with its id are read with it, others with their built-in. */
  rulebook?: Rulebook;
  /** The reason a file that cannot be read from the disk gives (default: "damaged", with the error). */
  cannotRead?: (file: string, error: unknown) => Message;
  /** Called once per file as it is read (in the order files finish, not the order given). */
  onProgress?: (file: string, ok: boolean, done: number, total: number) => void;
  /** Worker threads beside this thread, which reads too; default: the cores less one, at most 3; 0: none. */
  threads?: number;
  /** false: this thread only hands out files (the workers read them all); default true. */
  readHere?: boolean;
  /** The compiled worker (tests); default: pool-worker.js beside this module. */
  workerScript?: string;
}

/**
 * Below this many files a worker costs more than it saves: it loads and warms the reader in its own
 * isolate (~0.15 s) while this thread reads on. Measured on the 2-vCPU machine (scripts/bench.js), where
 * a second thread adds little throughput: one worker read 50 forms in 0.31 s against 0.25 s here alone,
 * 200 in 0.90 s against 0.81 s, 1,000 in 2.4 s against 2.5–2.9 s.
 */
export const POOL_MIN_FILES = 300;
/** Files handed to a worker at a time: few enough to share the work out evenly at the end. */
const BATCH = 4;

/** How a worker sends a file's rulebooks back: by id when this thread has the very same one. */
export type RulebookRef = { named: true } | { builtin: string } | { carried: Rulebook };

/** What a worker sends back for one file. */
export type WorkerResult =
  | { i: number; inputs: FileInputs['inputs']; rulebooks: RulebookRef[]; ok: boolean }
  | { i: number; readError: { message: string; code?: string } };

/** A form's rulebook: the named one for its id, else the built-in of its id (the carried one is the reader's). */
export function rulebookResolver(named: Rulebook | undefined) {
  return (meta: FormMeta): Rulebook | undefined =>
    named && meta.rulebookId === named.id ? named : builtinRulebook(meta.rulebookId);
}

/** Read one file from the disk into inputs (the worker's job, and this thread's when there is no worker). */
export function readRequest(req: ReadRequest, named: Rulebook | undefined, index = 0): WorkerResult {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(req.file); // read-only: submissions are never written
  } catch (e) {
    const err = e as { message?: string; code?: string };
    return { i: index, readError: { message: String(err?.message ?? e), code: err?.code } };
  }
  const read = inputsFromXlsx(req.file, bytes, rulebookResolver(named), req.received);
  const rulebooks = read.rulebooks.map((rb): RulebookRef => {
    if (named && rb === named) return { named: true };
    return builtinRulebook(rb.id) === rb ? { builtin: rb.id } : { carried: rb };
  });
  return { i: index, inputs: read.inputs, rulebooks, ok: read.ok };
}

/** A worker's result as this thread's FileInputs: the rulebooks by identity, a read error as a failure. */
function settle(req: ReadRequest, r: WorkerResult, opts: PoolOptions): FileInputs {
  if ('readError' in r) {
    const error = Object.assign(new Error(r.readError.message), { code: r.readError.code });
    const failure = opts.cannotRead
      ? opts.cannotRead(req.file, error)
      : msg('xlsxDamaged', { detail: r.readError.message });
    const at = req.received ? { received: req.received } : {};
    return { inputs: [{ file: req.file, ...at, failure }], rulebooks: [], ok: false };
  }
  const rulebooks = r.rulebooks.flatMap((ref) => {
    const rb = 'named' in ref ? opts.rulebook : 'builtin' in ref ? builtinRulebook(ref.builtin) : ref.carried;
    return rb ? [rb] : [];
  });
  return { inputs: r.inputs, rulebooks, ok: r.ok };
}

function defaultWorkerScript(): string | undefined {
  const script = join(__dirname, 'pool-worker.js');
  return existsSync(script) ? script : undefined;
}

function threadsFor(count: number, opts: PoolOptions): number {
  // This thread reads too (it would otherwise wait), so one worker fewer than the cores.
  const wanted = opts.threads ?? Math.min(3, availableParallelism() - 1);
  if (wanted < 1 || count < (opts.threads ? 2 : POOL_MIN_FILES)) return 0;
  return Math.min(wanted, Math.ceil(count / BATCH));
}

/**
 * Every file's inputs, in the order given. Never rejects for a bad file: each becomes a failure with
 * its reason (what readInputs of the command line does one file at a time).
 */
export async function readSubmissionFiles(
  requests: ReadRequest[],
  opts: PoolOptions = {},
): Promise<FileInputs[]> {
  const results: FileInputs[] = new Array(requests.length);
  let done = 0;
  const finish = (r: WorkerResult) => {
    const req = requests[r.i];
    results[r.i] = settle(req, r, opts);
    opts.onProgress?.(req.file, results[r.i].ok, ++done, requests.length);
  };
  const readHere = (i: number) => finish(readRequest(requests[i], opts.rulebook, i));
  const queue = [...requests.keys()];
  const threads = threadsFor(requests.length, opts);
  const script = threads ? (opts.workerScript ?? defaultWorkerScript()) : undefined;
  if (!script) {
    for (const i of queue) readHere(i);
    return results;
  }
  const workers = Array.from({ length: threads }, () => runWorker(script, requests, queue, opts, finish));
  // This thread takes files from the same queue, one at a time, letting the workers' replies in between
  // (a worker starting up takes a few hundred files' time; this thread reads meanwhile).
  while (opts.readHere !== false && queue.length) {
    readHere(queue.shift()!);
    await new Promise((resolve) => setImmediate(resolve));
  }
  // Files a worker was given but did not finish (it could not start, or died), and any still queued
  // when every worker stopped, are read here.
  const leftovers = (await Promise.all(workers)).flat();
  for (const i of [...leftovers, ...queue.splice(0)].sort((a, b) => a - b)) readHere(i);
  return results;
}

/**
 * One worker: takes BATCH files at a time from the shared queue until it is empty. Resolves with the
 * indexes it was given but did not finish (none unless it failed).
 */
function runWorker(
  script: string,
  requests: ReadRequest[],
  queue: number[],
  opts: PoolOptions,
  finish: (r: WorkerResult) => void,
): Promise<number[]> {
  return new Promise((resolve) => {
    const pending = new Set<number>();
    let settled = false;
    const end = () => {
      if (settled) return;
      settled = true;
      resolve([...pending]);
      void worker.terminate();
    };
    const next = () => {
      const batch = queue.splice(0, BATCH);
      if (!batch.length) return end();
      for (const i of batch) pending.add(i);
      worker.postMessage(batch.map((i) => ({ i, req: requests[i] })));
    };
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: { rulebook: opts.rulebook } });
    } catch {
      // A rulebook that cannot be sent to a thread, no threads left: this thread reads everything.
      return resolve([]);
    }
    worker.on('message', (batch: WorkerResult[]) => {
      for (const r of batch) {
        pending.delete(r.i);
        finish(r);
      }
      next();
    });
    worker.on('error', end);
    worker.on('exit', end);
    next();
  });
}
