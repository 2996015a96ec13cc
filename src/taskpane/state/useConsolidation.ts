/**
 * The consolidation view's state (the ribbon's "Xếp hạng" button): many submitted .xlsx files are read
 * here in the pane, one by one, each with its own progress, then ranked, and the "Tổng hợp" sheet is
 * written through host.writeReport. Submissions are only ever read as bytes: never opened in Excel,
 * never written.
 *
 *   choose files (+ optional received-dates manifest, as-of date, district; without a manifest lateness
 *   is not judged: a file's modification time is no evidence of when it was sent, so it is used only on
 *   request)
 *     → start: the reader (src/xlsx/inputs.ts) is loaded on first use (its own chunk)
 *     → the consolidation (src/consolidation, the same as `scorecard rank`'s): per file reading → ok |
 *       invalid (reason in both languages), a macrotask between files so the pane paints the progress
 *       and stays responsive; then the rulebook, the ranking and the "Tổng hợp" sheet
 *     → host.writeReport()
 *
 * The reducer and runConsolidation are plain functions (tested without React); useConsolidation ties
 * them to the view. Imported only by views/RankingView.tsx, so none of this is in the initial bundle.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { Rulebook } from '../../core/rulebook/schema';
import { isIsoDate } from '../../core/ranking/dates';
import { parseReceivedManifest, type ReceivedManifest } from '../../core/ranking/received';
import type { Ranking, RankingInput, ReceivedDate } from '../../core/ranking/types';
import type { WorkbookHost } from '../../host/types';
import { msg, t, type Lang, type Message } from '../../i18n';
import type { ReportSheet } from '../../report/types';
import {
  consolidate,
  UnreadableFile,
  type Consolidated,
  type ConsolidationEvent,
  type ConsolidationOptions,
  type ReadFile,
  type SubmittedFile,
} from '../../consolidation/consolidate';
import { localDate } from '../../core/ranking/dates';
import type * as Reader from '../../xlsx/inputs';
import { errorMessage } from './errors';
import { fileBytes, fileText } from './chosen-file';
import { previousOption, type PreviousState } from './previous';
import { resultsSheet } from '../../report/results-sheet';
import type { RulebookLibrary } from './rulebooks';

/** A submitted workbook is well under 1 MB; anything this big is not a form and is not read into memory. */
export const MAX_FILE_MB = 64;

/** A chosen file, as the runner needs it (a browser File through fromFile; tests pass their own). */
export interface SourceFile {
  name: string;
  size: number;
  /** Modification time, ms since the epoch (File.lastModified); 0 when unknown. */
  lastModified: number;
  bytes(): Promise<Uint8Array>;
}

export const fromFile = (file: File): SourceFile => ({
  name: file.name,
  size: file.size,
  lastModified: file.lastModified,
  bytes: () => fileBytes(file),
});

export type FileStatus = 'queued' | 'reading' | 'ok' | 'invalid';

export interface FileEntry {
  /** name, size and modification time: the same file chosen twice is listed once. */
  key: string;
  file: SourceFile;
  status: FileStatus;
  /** Forms read from the file. */
  forms: number;
  /** Why the file could not be read. */
  reason?: Message;
  received?: ReceivedDate;
}

export type ManifestState = { file: string; manifest: ReceivedManifest } | { file: string; error: Message };

export interface ConsolidationResult {
  rulebook: Rulebook;
  ranking: Ranking;
  warnings: Message[];
  /** What the files gave (the council's remarks on each unit's result sheet come from the forms). */
  inputs?: RankingInput[];
  /** The sheet was written (its names), could not be (why), or this host cannot write sheets. */
  written?: { sheetNames: string[] } | { error: Message } | { unavailable: true };
}

export type Phase = 'idle' | 'reading' | 'ranking' | 'writing' | 'done';

export interface ConsolidationState {
  phase: Phase;
  files: FileEntry[];
  manifest?: ManifestState;
  /** 'yyyy-mm-dd' */
  asOf: string;
  /** A district (id or name) to consolidate alone, with its communes; none: the whole province. */
  district?: string;
  /** Last year's results (and unit map) to compare with. */
  previous?: PreviousState;
  result?: ConsolidationResult;
  /** Nothing could be ranked (no readable form) or the ranking failed. */
  error?: Message;
  /** Time spent reading the files (ms), once read. */
  readMs?: number;
}

export type ConsolidationAction =
  | { type: 'add'; files: SourceFile[] }
  | { type: 'clear' }
  | { type: 'manifest'; manifest?: ManifestState }
  | { type: 'asOf'; asOf: string }
  | { type: 'district'; district?: string }
  | { type: 'previous'; previous?: PreviousState }
  | { type: 'start' }
  | {
      type: 'file';
      index: number;
      patch: Partial<Pick<FileEntry, 'status' | 'forms' | 'reason' | 'received'>>;
    }
  | { type: 'read'; readMs: number }
  | { type: 'ranked'; result: ConsolidationResult }
  | { type: 'done'; result?: ConsolidationResult; error?: Message };

const fileKey = (f: SourceFile) => `${f.name}|${f.size}|${f.lastModified}`;
const running = (phase: Phase) => phase === 'reading' || phase === 'ranking' || phase === 'writing';

export function initialConsolidation(asOf: string): ConsolidationState {
  return { phase: 'idle', files: [], asOf };
}

export function consolidationReducer(
  state: ConsolidationState,
  action: ConsolidationAction,
): ConsolidationState {
  switch (action.type) {
    case 'add': {
      if (running(state.phase)) return state;
      const known = new Set(state.files.map((f) => f.key));
      const added: FileEntry[] = [];
      for (const file of action.files) {
        const key = fileKey(file);
        if (known.has(key)) continue;
        known.add(key);
        added.push({ key, file, status: 'queued', forms: 0 });
      }
      // A new choice makes the last result stale: every file is read again on the next start.
      return {
        ...state,
        phase: 'idle',
        result: undefined,
        error: undefined,
        readMs: undefined,
        files: [...state.files.map(queued), ...added],
      };
    }
    case 'clear':
      return running(state.phase)
        ? state
        : {
            ...initialConsolidation(state.asOf),
            manifest: state.manifest,
            district: state.district,
            previous: state.previous,
          };
    case 'manifest':
      return running(state.phase) ? state : { ...state, manifest: action.manifest };
    case 'asOf':
      return running(state.phase) ? state : { ...state, asOf: action.asOf };
    case 'district':
      return running(state.phase) ? state : { ...state, district: action.district };
    case 'previous':
      return running(state.phase) ? state : { ...state, previous: action.previous };
    case 'start':
      return {
        ...state,
        phase: 'reading',
        result: undefined,
        error: undefined,
        readMs: undefined,
        files: state.files.map(queued),
      };
    case 'file':
      return {
        ...state,
        files: state.files.map((f, i) => (i === action.index ? { ...f, ...action.patch } : f)),
      };
    case 'read':
      return { ...state, phase: 'ranking', readMs: action.readMs };
    case 'ranked':
      return { ...state, phase: 'writing', result: action.result };
    case 'done':
      return { ...state, phase: 'done', result: action.result ?? state.result, error: action.error };
  }
}

function queued(f: FileEntry): FileEntry {
  return { key: f.key, file: f.file, status: 'queued', forms: 0 };
}

/** Counts for the overall progress. */
export function progressOf(state: ConsolidationState): { total: number; done: number; invalid: number } {
  let done = 0;
  let invalid = 0;
  for (const f of state.files) {
    if (f.status === 'ok' || f.status === 'invalid') done++;
    if (f.status === 'invalid') invalid++;
  }
  return { total: state.files.length, done, invalid };
}

/** Lets the browser paint and handle input: a macrotask (MessageChannel: not throttled like nested timers). */
export function yieldToBrowser(): Promise<void> {
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface ConsolidationDeps {
  host: WorkbookHost;
  /** choices: the rulebooks the reader worker may resolve forms to (without it, files are read here). */
  library: Pick<RulebookLibrary, 'resolve'> & Partial<Pick<RulebookLibrary, 'choices'>>;
  lang: Lang;
  /** Between files; default yieldToBrowser. */
  yieldToUi?: () => Promise<void>;
  /** The reader module; default: a dynamic import (its own chunk, loaded on the first start). */
  loadReader?: () => Promise<typeof Reader>;
  now?: () => number;
}

/** Files in the worker's hands at once: enough that it never waits, few enough to hold little memory. */
const WORKER_READ_AHEAD = 2;

const loadReaderChunk = () => import(/* webpackChunkName: "xlsx-reader" */ '../../xlsx/inputs');

/** How the files are read for one run, and what to let go of after it. */
interface PaneReader {
  read: ReadFile;
  /** Files handed over before the one in hand is taken in (consolidate's readAhead). */
  readAhead?: number;
  close(): void;
}

/**
 * A Web Worker reads the files where the browser has one, so the pane's thread only paints and answers
 * clicks; where there is none (jsdom), it cannot start, or a reader is injected, the reader chunk reads
 * here, file by file with a pause between them.
 */
async function openReader(deps: ConsolidationDeps): Promise<PaneReader> {
  const rulebooks = deps.library.choices?.().map((c) => c.rulebook);
  if (!deps.loadReader && rulebooks && typeof Worker === 'function') {
    const client = await import(/* webpackChunkName: "reader-client" */ './reader-client');
    const worker = await client.workerReader(rulebooks);
    if (worker)
      return {
        read: (file, bytes, _resolve, received) => worker.read(file, bytes, received),
        // The worker is handed the next files while this thread takes one in and repaints.
        readAhead: WORKER_READ_AHEAD,
        close: () => worker.close(),
      };
  }
  const reader = await (deps.loadReader ?? loadReaderChunk)();
  return { read: reader.inputsFromXlsx, close: () => undefined };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** A chosen file as the consolidation takes it: one too big to be a form is refused without being read. */
function submitted(file: SourceFile): SubmittedFile {
  return {
    name: file.name,
    bytes: async () => {
      if (file.size > MAX_FILE_MB * 1024 * 1024)
        throw new UnreadableFile(msg('paneRankingTooBig', { size: mb(file.size), max: MAX_FILE_MB }));
      try {
        return await file.bytes();
      } catch (e) {
        throw new UnreadableFile(msg('paneRankingUnreadable', { detail: errorMessage(e).en }));
      }
    },
    modified: () => (file.lastModified ? new Date(file.lastModified) : undefined),
  };
}

export interface RunOptions {
  manifest?: ReceivedManifest;
  asOf: string;
  fileTimes?: boolean;
  /** A district (id or name): only its own form and its communes' are ranked. */
  district?: string;
  /** Last year's results: each unit's change is shown (consolidate's `previous`). */
  previous?: ConsolidationOptions['previous'];
}

/** The consolidation's progress as the view's actions; a pause before each file and before ranking lets the pane paint. */
function reporting(
  dispatch: (action: ConsolidationAction) => void,
  pause: () => Promise<void>,
  readMs: () => number,
): (event: ConsolidationEvent) => Promise<void> {
  return async (event) => {
    if (event.step === 'reading') {
      dispatch({ type: 'file', index: event.index, patch: { status: 'reading' } });
      await pause();
    } else if (event.step === 'read') {
      const { status, forms, reason, received } = event.file;
      dispatch({ type: 'file', index: event.index, patch: { status, forms, reason, received } });
    } else {
      dispatch({ type: 'read', readMs: readMs() });
      await pause();
    }
  };
}

/**
 * Read, rank and write. Every step reports through `dispatch`; nothing here throws: a bad file becomes
 * an invalid entry with its reason, a failed write is reported with the result still shown.
 */
export async function runConsolidation(
  files: SourceFile[],
  options: RunOptions,
  deps: ConsolidationDeps,
  dispatch: (action: ConsolidationAction) => void,
): Promise<void> {
  dispatch({ type: 'start' });
  let reader: PaneReader;
  try {
    reader = await openReader(deps);
  } catch (e) {
    dispatch({ type: 'done', error: msg('paneRankingFailed', { detail: errorMessage(e).en }) });
    return;
  }
  try {
    await consolidateAndWrite(files, options, deps, reader, dispatch);
  } finally {
    reader.close();
  }
}

async function consolidateAndWrite(
  files: SourceFile[],
  options: RunOptions,
  deps: ConsolidationDeps,
  reader: Pick<PaneReader, 'read' | 'readAhead'>,
  dispatch: (action: ConsolidationAction) => void,
): Promise<void> {
  const pause = deps.yieldToUi ?? yieldToBrowser;
  const now = deps.now ?? (() => (typeof performance !== 'undefined' ? performance.now() : Date.now()));
  const started = now();
  const asOf = isIsoDate(options.asOf) ? options.asOf : undefined;
  let done: Consolidated;
  try {
    done = await consolidate(files.map(submitted), {
      read: reader.read,
      ...(reader.readAhead ? { readAhead: reader.readAhead } : {}),
      audience: 'pane',
      // A form is scored with the rulebook it names: a built-in one or one the user loaded from a file.
      resolveRulebook: (meta) => {
        const found = deps.library.resolve(meta);
        return found.ok ? found.rulebook : undefined;
      },
      ...(options.manifest ? { manifest: options.manifest } : {}),
      ...(options.fileTimes ? { fileTimes: true } : {}),
      ...(asOf ? { asOf } : {}),
      ...(options.district?.trim() ? { district: options.district.trim() } : {}),
      ...(options.previous ? { previous: options.previous } : {}),
      sheets: { lang: deps.lang },
      onProgress: reporting(dispatch, pause, () => now() - started),
    });
  } catch (e) {
    dispatch({ type: 'done', error: msg('paneRankingFailed', { detail: errorMessage(e).en }) });
    return;
  }
  if (done.refused || !done.rulebook || !done.ranking || !done.sheets) {
    dispatch({ type: 'done', error: done.refused?.reason ?? msg('paneRankingNoForms') });
    return;
  }
  const { rulebook, ranking } = done;
  await writeResult(
    { rulebook, ranking, inputs: done.inputs, warnings: [...done.warnings, ...ranking.warnings] },
    done.sheets,
    deps,
    dispatch,
  );
}

/** The "Tổng hợp" sheet to the host; the result is shown whether or not it could be written. */
async function writeResult(
  result: ConsolidationResult,
  sheets: ReportSheet[],
  deps: ConsolidationDeps,
  dispatch: (action: ConsolidationAction) => void,
): Promise<void> {
  if (!deps.host.writeReport) {
    dispatch({ type: 'done', result: { ...result, written: { unavailable: true } } });
    return;
  }
  dispatch({ type: 'ranked', result });
  try {
    // With the results next year's ranking reads back from this workbook, once saved (as `rank -o`'s).
    const { sheetNames } = await deps.host.writeReport(sheets, [resultsSheet(result.ranking)]);
    dispatch({ type: 'done', result: { ...result, written: { sheetNames } } });
  } catch (e) {
    dispatch({ type: 'done', result: { ...result, written: { error: errorMessage(e) } } });
  }
}

/** A manifest file → its entries, or why none could be taken (the reason names the file). */
export function manifestFrom(file: string, text: string): ManifestState {
  const manifest = parseReceivedManifest(text, /\.json$/i.test(file) ? 'json' : 'csv');
  // A list from which not one date could be taken is unreadable, not a list to ignore quietly.
  if (!manifest.entries.size) {
    const problem = manifest.problems[0] ?? msg('manifestNoColumns', { header: '' });
    return {
      file,
      error: {
        vi: t('vi', 'paneRankingManifestUnusable', { file, problem: problem.vi }),
        en: t('en', 'paneRankingManifestUnusable', { file, problem: problem.en }),
      },
    };
  }
  return { file, manifest };
}

export interface Consolidation {
  state: ConsolidationState;
  addFiles: (files: File[] | SourceFile[]) => void;
  clear: () => void;
  setAsOf: (asOf: string) => void;
  /** Consolidate one district and its communes (Gia Lai's levels); undefined or blank: the province. */
  setDistrict: (district: string | undefined) => void;
  loadManifest: (file: File) => Promise<void>;
  removeManifest: () => void;
  /** Last year's results as read by the view (state/previous.ts); undefined removes them. */
  setPrevious: (previous: PreviousState | undefined) => void;
  start: () => void;
}

const isFile = (f: File | SourceFile): f is File => typeof File !== 'undefined' && f instanceof File;

export function useConsolidation(
  host: WorkbookHost,
  library: ConsolidationDeps['library'],
  lang: Lang,
  deps: Partial<ConsolidationDeps> = {},
): Consolidation {
  const [state, dispatch] = useReducer(consolidationReducer, undefined, () =>
    initialConsolidation(localDate(new Date())),
  );
  const latest = useRef(state);
  latest.current = state;
  // Only the newest run may report; one that outlives the view is ignored.
  const runId = useRef(0);
  useEffect(
    () => () => {
      runId.current++;
    },
    [],
  );
  const depsRef = useRef(deps);
  depsRef.current = deps;

  const addFiles = useCallback(
    (files: File[] | SourceFile[]) =>
      dispatch({ type: 'add', files: files.map((f) => (isFile(f) ? fromFile(f) : f)) }),
    [],
  );
  const clear = useCallback(() => dispatch({ type: 'clear' }), []);
  const setAsOf = useCallback((asOf: string) => dispatch({ type: 'asOf', asOf }), []);
  const setDistrict = useCallback(
    (district: string | undefined) => dispatch({ type: 'district', district }),
    [],
  );
  const setPrevious = useCallback(
    (previous: PreviousState | undefined) => dispatch({ type: 'previous', previous }),
    [],
  );
  const removeManifest = useCallback(() => dispatch({ type: 'manifest', manifest: undefined }), []);
  const loadManifest = useCallback(async (file: File) => {
    let manifest: ManifestState;
    try {
      manifest = manifestFrom(file.name, await fileText(file));
    } catch (e) {
      manifest = { file: file.name, error: msg('paneRankingUnreadable', { detail: errorMessage(e).en }) };
    }
    dispatch({ type: 'manifest', manifest });
  }, []);
  const start = useCallback(() => {
    const current = latest.current;
    if (running(current.phase) || !current.files.length) return;
    const id = ++runId.current;
    const guarded = (action: ConsolidationAction) => {
      if (runId.current === id) dispatch(action);
    };
    const manifest =
      current.manifest && 'manifest' in current.manifest ? current.manifest.manifest : undefined;
    void runConsolidation(
      current.files.map((f) => f.file),
      {
        manifest,
        asOf: current.asOf,
        district: current.district,
        previous: previousOption(current.previous),
      },
      { host, library, lang, ...depsRef.current },
      guarded,
    );
  }, [host, library, lang]);

  return { state, addFiles, clear, setAsOf, setDistrict, loadManifest, removeManifest, setPrevious, start };
}
