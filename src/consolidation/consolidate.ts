/**
 * The consolidation use case, once for every host: submitted files (a name and their bytes, so it runs
 * in Node and in the browser alike) → ranking inputs → the rulebook to rank with → the ranking (of the
 * province, or of one district and its communes) → cross-checks against reference figures → the
 * summary sheet(s). `scorecard rank`/`results`/`packets`, the pane's ranking view and the sample round
 * all go through here; they differ only in where the bytes come from and how the outcome is shown.
 *
 * Nothing here touches a disk or a DOM, and the reader itself is passed in (`read`): the pane loads it
 * as a chunk of its own when reading starts, and reading one file stays one call that a worker can take
 * over. One bad file never stops the batch: it becomes an invalid input with its reason in both
 * languages. The user's own mistakes (an unknown district, an unusable reference table) and the want of
 * a rulebook are returned as `refused`, with whatever was read, so each host reports them its own way.
 */
import type { FormMeta } from '../form/types';
import type { Rulebook } from '../core/rulebook/schema';
import { builtinRulebook } from '../core/rulebook/builtin';
import { matchUnit } from '../core/units';
import { rank, rankDistrict } from '../core/ranking/ranking';
import { withPrevious, type PreviousResult, type UnitMapRow } from '../core/ranking/previous';
import { RulebookError } from '../core/rulebook/load';
import type { ReceivedManifest } from '../core/ranking/received';
import type { Ranking, RankingInput, RankingOptions, ReceivedDate } from '../core/ranking/types';
import type { CrossCheckResult } from '../core/crosscheck';
import { msg, type Lang, type Message, type MessageKey } from '../i18n';
import { stageSheets, type Stage } from '../report/stages';
import { summarySheet } from '../report/summary';
import type { ReportSheet } from '../report/types';
import type { FileInputs } from '../xlsx/inputs';
import { receivedFrom } from '../core/ranking/received';
import { crossCheckFigures, type ReferenceFigures } from './crosscheck';
import { majorityRulebook } from './rulebook';

/** A submitted file. Its bytes are taken only when its turn comes: a batch is never all in memory. */
export interface SubmittedFile {
  /** How the file is named in the ranking: the path given on the command line, the file's name in the pane. */
  name: string;
  bytes: Uint8Array | (() => Uint8Array | Promise<Uint8Array>);
  /** Its modification time, asked for only when the user chose file times as received dates. */
  modified?: () => Date | undefined;
}

/** Thrown by a file's `bytes()` when it cannot or should not be read: the file is listed with this reason. */
export class UnreadableFile extends Error {
  constructor(readonly reason: Message) {
    super(reason.en);
  }
}

/**
 * One file's bytes → its ranking inputs (xlsx/inputs.ts `inputsFromXlsx`, or the pane's Web Worker doing
 * the same, hence the promise).
 */
export type ReadFile = (
  file: string,
  bytes: Uint8Array,
  resolveRulebook: (meta: FormMeta) => Rulebook | undefined,
  received?: ReceivedDate,
) => FileInputs | Promise<FileInputs>;

/**
 * Many files read at once (the command line's worker pool, xlsx/pool.ts): the same inputs as `read`
 * file by file, in the order given; it reports its own progress.
 */
export type ReadFiles = (requests: { file: string; received?: ReceivedDate }[]) => Promise<FileInputs[]>;

/** Where a host's advice differs (the command line names its options; the pane has none to name). */
export type Audience = 'cli' | 'pane';
const WORDING: Record<Audience, { severalRulebooks: MessageKey; noRulebook: MessageKey }> = {
  cli: { severalRulebooks: 'rankSeveralRulebooks', noRulebook: 'rankNoRulebook' },
  pane: { severalRulebooks: 'paneRankingSeveralRulebooks', noRulebook: 'paneRankingNoForms' },
};

export interface ConsolidationOptions {
  /** The reading of one file. */
  read: ReadFile;
  /** Reads every file at once instead (on every core); files then are read from their names. */
  readAll?: ReadFiles;
  /**
   * Files whose reading starts before the one in hand is taken in (default 0): for a reader on another
   * thread, which then always has the next file waiting instead of idling while this thread reports.
   */
  readAhead?: number;
  audience: Audience;
  /** The rulebook the user named: forms of another rulebook are listed as invalid. */
  rulebook?: Rulebook;
  /** The rulebook a form names, when the user did not name one (default: the built-in one). */
  resolveRulebook?: (meta: FormMeta) => Rulebook | undefined;
  /** Received dates by file base name (the incoming letters). */
  manifest?: ReceivedManifest;
  /** Files not in the manifest take their modification time as received date (asked for by the user). */
  fileTimes?: boolean;
  /** 'yyyy-mm-dd' */
  asOf?: string;
  year?: number;
  /** A district (id or name): only its own form and its communes' are ranked (Gia Lai's levels). */
  district?: string;
  /** The specialised agencies' figures to cross-check the counted forms against. */
  reference?: ReferenceFigures;
  /** Build the sheet(s) of the consolidation workbook: "Tổng hợp", or a stage's documents. */
  sheets?: { lang?: Lang; stage?: Stage };
  /** Files and folders that were not read (not a form, a folder that could not be listed): listed as invalid. */
  notRead?: { file: string; reason: Message }[];
  /** Changes the inputs once the rulebook is known, before ranking (`packets import` merges appraisals here). */
  prepare?: (rulebook: Rulebook, inputs: RankingInput[]) => RankingInput[];
  /** Last year's results (and the old-to-new unit map): each entry gains last year's figures and the change. */
  previous?: { results: PreviousResult[]; unitMap?: UnitMapRow[] };
  /** Told before and after each file and before ranking; awaited, so the pane can let the browser paint. */
  onProgress?: (event: ConsolidationEvent) => void | Promise<void>;
}

export type FileStatus = 'ok' | 'invalid';

/** What became of one submitted file. */
export interface FileOutcome {
  name: string;
  status: FileStatus;
  /** Forms read from the file. */
  forms: number;
  /** Why the file could not be read (its first problem). */
  reason?: Message;
  received?: ReceivedDate;
}

export type ConsolidationEvent =
  | { step: 'reading'; index: number; name: string }
  | { step: 'read'; index: number; file: FileOutcome }
  | { step: 'ranking' };

export type Refusal = {
  reason: Message;
  why: 'noRulebook' | 'unknownDistrict' | 'unusableReference' | 'unusablePrevious';
};

export interface Consolidated {
  /** One per submitted file, in order. */
  files: FileOutcome[];
  /** What was ranked (after `prepare`), the failures included. */
  inputs: RankingInput[];
  /** Undefined when no form could be read and no rulebook was named. */
  rulebook?: Rulebook;
  /** About the choice of rulebook; the ranking's own warnings are in `ranking.warnings`. */
  warnings: Message[];
  ranking?: Ranking;
  crossChecks?: { result: CrossCheckResult; warnings: Message[] };
  /** When `sheets` was asked for. */
  sheets?: ReportSheet[];
  refused?: Refusal;
}

interface Read {
  inputs: RankingInput[];
  rulebooks: Rulebook[];
  outcome: FileOutcome;
}

/** The received date of a file: the manifest's (by base name); else, only when asked, its modification time. */
function receivedOf(file: SubmittedFile, opts: ConsolidationOptions): ReceivedDate | undefined {
  const listed = receivedFrom(file.name, opts.manifest, undefined);
  if (listed || !opts.fileTimes || !file.modified) return listed;
  try {
    return receivedFrom(file.name, undefined, file.modified());
  } catch {
    return undefined;
  }
}

/** A form is scored with the rulebook the user named if it is the form's, else with the one it names. */
function rulebookFor(opts: ConsolidationOptions): (meta: FormMeta) => Rulebook | undefined {
  const named = opts.resolveRulebook ?? ((meta: FormMeta) => builtinRulebook(meta.rulebookId));
  // A form of another rulebook than the one named is still read (with its own rulebook) so that the
  // ranking lists it as invalid with "made for rulebook X, not Y".
  return (meta) => (opts.rulebook && meta.rulebookId === opts.rulebook.id ? opts.rulebook : named(meta));
}

/** One file → its inputs and outcome. Never throws. */
async function readOne(
  file: SubmittedFile,
  opts: ConsolidationOptions,
  resolve: (meta: FormMeta) => Rulebook | undefined,
  received: ReceivedDate | undefined,
): Promise<FileInputs> {
  try {
    const bytes = typeof file.bytes === 'function' ? await file.bytes() : file.bytes;
    return await opts.read(file.name, bytes, resolve, received); // awaited: a rejection is the file's failure
  } catch (e) {
    const failure =
      e instanceof UnreadableFile
        ? e.reason
        : msg('xlsxDamaged', { detail: e instanceof Error ? e.message : String(e) });
    return {
      inputs: [{ file: file.name, ...(received ? { received } : {}), failure }],
      rulebooks: [],
      ok: false,
    };
  }
}

/** What became of a file, from what was read of it. */
function outcomeOf(file: SubmittedFile, read: FileInputs, received: ReceivedDate | undefined): Read {
  const at = received ? { received } : {};
  const firstFailure = read.inputs.find((i) => 'failure' in i);
  const outcome: FileOutcome = {
    name: file.name,
    status: read.ok ? 'ok' : 'invalid',
    forms: read.inputs.filter((i) => 'submission' in i).length,
    ...(!read.ok && firstFailure && 'failure' in firstFailure ? { reason: firstFailure.failure } : {}),
    ...at,
  };
  return { inputs: read.inputs, rulebooks: read.rulebooks, outcome };
}

/**
 * The ranking of inputs: the province's, or one district's (its own form and its communes', each level
 * on its own) when `district` names one; undefined when it names no unit of the rulebook.
 */
export function rankInputs(
  rb: Rulebook,
  inputs: RankingInput[],
  options: RankingOptions & { district?: string },
): Ranking | undefined {
  const { district, ...rest } = options;
  if (!district) return rank(rb, inputs, rest);
  const unit = rb.units.find((u) => u.id === district) ?? matchUnit(rb, district);
  return unit ? rankDistrict(rb, unit.id, inputs, rest) : undefined;
}

/** The sheets of the consolidation workbook: a stage's documents, or "Tổng hợp" alone. */
export function consolidationSheets(
  rb: Rulebook,
  ranking: Ranking,
  opts: { lang?: Lang; stage?: Stage; asOf?: string; crossChecks?: CrossCheckResult },
): ReportSheet[] {
  const { stage, ...sheetOptions } = opts;
  return stage ? stageSheets(rb, ranking, stage, sheetOptions) : [summarySheet(rb, ranking, sheetOptions)];
}

/** Read every file, choose the rulebook, rank, cross-check and build the sheets. */
export async function consolidate(
  files: readonly SubmittedFile[],
  opts: ConsolidationOptions,
): Promise<Consolidated> {
  const resolve = rulebookFor(opts);
  const inputs: RankingInput[] = [];
  const outcomes: FileOutcome[] = [];
  const rulebooks = new Map<string, Rulebook>();
  const received = files.map((file) => receivedOf(file, opts));
  const readAll = opts.readAll
    ? await opts.readAll(files.map((file, i) => ({ file: file.name, received: received[i] })))
    : undefined;
  // readOne never rejects (a failure is the file's outcome): a read started early is never left unhandled.
  const started = new Map<number, Promise<FileInputs>>();
  const start = (i: number) => {
    if (i < files.length && !started.has(i)) started.set(i, readOne(files[i], opts, resolve, received[i]));
    return started.get(i);
  };
  for (const [index, file] of files.entries()) {
    await opts.onProgress?.({ step: 'reading', index, name: file.name });
    if (!readAll) for (let ahead = 1; ahead <= (opts.readAhead ?? 0); ahead++) start(index + ahead);
    const read = outcomeOf(file, readAll?.[index] ?? (await start(index)!), received[index]);
    started.delete(index);
    inputs.push(...read.inputs);
    for (const rb of read.rulebooks) rulebooks.set(rb.id, rb);
    outcomes.push(read.outcome);
    await opts.onProgress?.({ step: 'read', index, file: read.outcome });
  }
  for (const n of opts.notRead ?? []) inputs.push({ file: n.file, failure: n.reason });
  await opts.onProgress?.({ step: 'ranking' });
  return rankBatch({ files: outcomes, inputs, warnings: [] }, rulebooks, opts);
}

/** The ranking beside last year's; a unit map naming units that exist in neither year is refused. */
function comparedWithPrevious(
  rb: Rulebook,
  ranking: Ranking,
  previous: ConsolidationOptions['previous'],
): { ranking: Ranking } | { unusable: Message } {
  if (!previous) return { ranking };
  try {
    return { ranking: withPrevious(rb, ranking, previous.results, previous.unitMap ?? []) };
  } catch (e) {
    if (e instanceof RulebookError) return { unusable: e.reason };
    throw e;
  }
}

/** Everything after reading: the rulebook, the ranking, the cross-checks, the sheets. */
function rankBatch(
  read: Consolidated,
  rulebooks: ReadonlyMap<string, Rulebook>,
  opts: ConsolidationOptions,
): Consolidated {
  const wording = WORDING[opts.audience];
  const rb = opts.rulebook ?? majorityRulebook(read.inputs, rulebooks);
  if (!rb) return { ...read, refused: { reason: msg(wording.noRulebook), why: 'noRulebook' } };
  const warnings =
    !opts.rulebook && rulebooks.size > 1
      ? [msg(wording.severalRulebooks, { rulebooks: [...rulebooks.keys()].join(', '), rulebook: rb.id })]
      : [];
  const inputs = opts.prepare ? opts.prepare(rb, read.inputs) : read.inputs;
  const ranked = { ...read, rulebook: rb, inputs, warnings };
  const ranked0 = rankInputs(rb, inputs, {
    ...(opts.asOf ? { asOf: opts.asOf } : {}),
    ...(opts.year !== undefined ? { year: opts.year } : {}),
    ...(opts.district ? { district: opts.district } : {}),
  });
  if (!ranked0) {
    const reason = msg('rankUnknownUnit', { unit: opts.district!, rulebook: rb.id });
    return { ...ranked, refused: { reason, why: 'unknownDistrict' } };
  }
  const compared = comparedWithPrevious(rb, ranked0, opts.previous);
  if ('unusable' in compared)
    return { ...ranked, ranking: ranked0, refused: { reason: compared.unusable, why: 'unusablePrevious' } };
  const ranking = compared.ranking;
  const cross = opts.reference && crossCheckFigures(opts.reference, rb, ranking, inputs);
  if (cross && 'unusable' in cross)
    return { ...ranked, ranking, refused: { reason: cross.unusable, why: 'unusableReference' } };
  const sheets =
    opts.sheets &&
    consolidationSheets(rb, ranking, {
      ...opts.sheets,
      ...(opts.asOf ? { asOf: opts.asOf } : {}),
      ...(cross ? { crossChecks: cross.result } : {}),
    });
  return { ...ranked, ranking, ...(cross ? { crossChecks: cross } : {}), ...(sheets ? { sheets } : {}) };
}
