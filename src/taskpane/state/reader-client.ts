/**
 * The pane's side of the reader worker (reader.worker.ts): a `read` for consolidate() that posts each
 * file's bytes to the worker (transferred: the pane keeps no copy) and resolves with its inputs, the
 * rulebooks given back as the pane's own objects. Loaded only where Worker exists; a worker that
 * cannot start (blocked, no script) is reported as undefined so the pane reads on its own thread.
 */
import type { Rulebook } from '../../core/rulebook/schema';
import type { ReceivedDate } from '../../core/ranking/types';
import type { FileInputs } from '../../xlsx/inputs';
import type { ReaderReply, ReaderRequest } from './reader.worker';

/** Longer than the worker needs to load its script on a busy machine; past it the pane reads itself. */
const START_TIMEOUT_MS = 15_000;

export interface WorkerReader {
  read(file: string, bytes: Uint8Array, received?: ReceivedDate): Promise<FileInputs>;
  close(): void;
}

function startWorker(): Worker {
  // webpack 5 bundles the worker (and the reader it imports) as its own chunk from this very expression.
  // @ts-expect-error import.meta: webpack compiles with module es2020, the type check with commonjs
  return new Worker(new URL('./reader.worker.ts', import.meta.url), { name: 'reader-worker' });
}

/** Resolves once the worker has loaded and said so; undefined when it failed or took too long. */
function whenReady(worker: Worker): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), START_TIMEOUT_MS);
    worker.onerror = () => {
      clearTimeout(timer);
      resolve(false);
    };
    worker.onmessage = (e: MessageEvent<ReaderReply>) => {
      clearTimeout(timer);
      resolve('ready' in e.data);
    };
  });
}

/** A reader on a worker, given every rulebook a form may name (in the library's order), or undefined. */
export async function workerReader(rulebooks: Rulebook[]): Promise<WorkerReader | undefined> {
  let worker: Worker;
  try {
    worker = startWorker();
  } catch {
    return undefined;
  }
  if (!(await whenReady(worker))) {
    worker.terminate();
    return undefined;
  }
  const waiting = new Map<number, { resolve: (r: FileInputs) => void; reject: (e: Error) => void }>();
  worker.onmessage = (e: MessageEvent<ReaderReply>) => {
    const reply = e.data;
    if ('ready' in reply) return;
    const pending = waiting.get(reply.i);
    waiting.delete(reply.i);
    if ('error' in reply) pending?.reject(new Error(reply.error));
    else
      pending?.resolve({
        inputs: reply.inputs,
        rulebooks: reply.rulebooks.flatMap((k) => (rulebooks[k] ? [rulebooks[k]] : [])),
        ok: reply.ok,
      });
  };
  // A worker that dies mid-run fails the files it holds (each listed with the reason), not the run.
  worker.onerror = (e) => {
    for (const pending of waiting.values()) pending.reject(new Error(e.message || 'reader worker failed'));
    waiting.clear();
  };
  const post = (message: ReaderRequest, transfer: Transferable[] = []) =>
    worker.postMessage(message, transfer);
  post({ rulebooks });
  let next = 0;
  return {
    read: (file, bytes, received) =>
      new Promise((resolve, reject) => {
        const i = next++;
        waiting.set(i, { resolve, reject });
        post({ i, file, bytes, ...(received ? { received } : {}) }, [bytes.buffer]);
      }),
    close: () => worker.terminate(),
  };
}
