/**
 * The pane's reader in a Web Worker: a submitted file's bytes (transferred, not copied) → its ranking
 * inputs, so that unzipping and parsing hundreds of forms never holds up the pane's own thread.
 * Rulebook objects do not come back as such (a structured clone would be a copy, and the ranking
 * groups forms by the very rulebook object): each is named by its index in the list the pane sent.
 */
import type { Rulebook } from '../../core/rulebook/schema';
import type { ReceivedDate } from '../../core/ranking/types';
import type { FormMeta } from '../../form/types';
import { inputsFromXlsx, type FileInputs } from '../../xlsx/inputs';

/** The pane → the worker: first the rulebooks it may resolve forms to, then files one by one. */
export type ReaderRequest =
  { rulebooks: Rulebook[] } | { i: number; file: string; bytes: Uint8Array; received?: ReceivedDate };

/** The worker → the pane: ready once loaded, then each file's inputs (rulebooks by index) or an error. */
export type ReaderReply =
  | { ready: true }
  | { i: number; inputs: FileInputs['inputs']; rulebooks: number[]; ok: boolean }
  | { i: number; error: string };

interface WorkerScope {
  onmessage: ((e: MessageEvent<ReaderRequest>) => void) | null;
  postMessage(message: ReaderReply): void;
}
const scope = self as unknown as WorkerScope;

/** As the pane's rulebook library resolves: the same id and version first, then the same id. */
export function resolverAmong(rulebooks: Rulebook[]): (meta: FormMeta) => Rulebook | undefined {
  return (meta) =>
    rulebooks.find((rb) => rb.id === meta.rulebookId && rb.version === meta.rulebookVersion) ??
    rulebooks.find((rb) => rb.id === meta.rulebookId);
}

let rulebooks: Rulebook[] = [];

scope.onmessage = ({ data }) => {
  if ('rulebooks' in data) {
    rulebooks = data.rulebooks;
    return;
  }
  try {
    const read = inputsFromXlsx(data.file, data.bytes, resolverAmong(rulebooks), data.received);
    const refs = read.rulebooks.map((rb) => rulebooks.indexOf(rb));
    scope.postMessage({ i: data.i, inputs: read.inputs, rulebooks: refs, ok: read.ok });
  } catch (e) {
    scope.postMessage({ i: data.i, error: e instanceof Error ? e.message : String(e) });
  }
};
scope.postMessage({ ready: true });
