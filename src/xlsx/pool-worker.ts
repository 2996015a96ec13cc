/**
 * A worker thread of the reading pool (pool.ts): reads the files it is sent, a batch at a time, and
 * sends back each file's inputs. The rulebook the user named comes once, as workerData.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Rulebook } from '../core/rulebook/schema';
import { readRequest, type ReadRequest } from './pool';

const named = (workerData as { rulebook?: Rulebook } | null)?.rulebook;

parentPort?.on('message', (batch: { i: number; req: ReadRequest }[]) => {
  parentPort!.postMessage(batch.map(({ i, req }) => readRequest(req, named, i)));
});
