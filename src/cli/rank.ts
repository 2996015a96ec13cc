/**
 * `scorecard rank <files or folders...>`: many submitted workbooks → one ranking per annex.
 *
 * Folders are searched recursively. Every file is accounted for: *.xlsx files are read as forms, any
 * other file (.xls, .ods, .pdf, …) is listed as "not a form" with its reason; only Office lock files
 * (~$…) and hidden files (.…, Thumbs.db, desktop.ini) are skipped. Each file is read on its own
 * (read-only) and anything wrong with it becomes an invalid input with its reason in both languages:
 * one bad file never stops the batch. Received dates come from the manifest (--received, by file base
 * name) only; file modification times are used only when asked (--received-from-file-times), because
 * copying or saving a file from e-mail changes them. The ranking is printed (a table per annex, or
 * JSON with --json) and, with -o, written as the "Tổng hợp" workbook.
 *
 * Exit codes: 0 forms were ranked (invalid files are reported, not fatal); 1 no form could be ranked;
 * 2 bad usage (no files, a path that does not exist, unreadable manifest, bad option).
 */
import { readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { builtinRulebook, type Rulebook } from '../core/rulebook';
import { matchUnit } from '../core/units';
import {
  isIsoDate,
  parseReceivedManifest,
  rank,
  rankDistrict,
  type Ranking,
  type RankingInput,
  type ReceivedDate,
  type ReceivedManifest,
} from '../core/ranking';
import { bilingual, msg, t, type Message } from '../i18n';
import type { FormMeta } from '../form/types';
import { inputsFromXlsx, majorityRulebook, notFormReason, type FileInputs } from '../xlsx/inputs';
import { readSubmissionFiles } from '../xlsx/pool';
import { localDate, receivedFrom } from '../xlsx/received';
import { readWorkbook } from '../xlsx/read';
import { rankingJson, rankingText, type RankingJson } from '../report';
import { writeReportXlsx } from '../report/xlsx';
import { outputSheets, stageOption } from './stage';
import { cannotRead, cannotWrite, CliError, readText, resolveRulebook } from './io';
import { parseOptions, parseYear } from './template';
import { fileProgress, type ProgressStream } from './progress';
import { crossCheckRanking, referenceInput } from './reference';
import { crossChecksJson, crossChecksText } from '../report/crosscheck';

/** Names in a folder nobody sent: Office lock files, hidden files (macOS ._…, .DS_Store) and Windows' own. */
const isIgnored = (name: string) =>
  name.startsWith('~$') || name.startsWith('.') || /^(thumbs\.db|desktop\.ini)$/i.test(name);
const isCandidate = (name: string) => /\.xlsx$/i.test(name) && !isIgnored(name);
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A folder inside the given ones that could not be listed, or a file that is not a form: reported with the invalid files. */
export interface UnreadableFolder {
  file: string;
  reason: Message;
}

/**
 * The files to read, in a stable order: each path as given, folders expanded recursively (sorted by
 * name). `exclude` holds resolved paths never to read (the output workbook). A given path that does
 * not exist or cannot be listed is a usage error; a folder below it that cannot be listed is pushed
 * to `unreadable` and the rest is still collected. Files in the folders that are not .xlsx go to
 * `notForms` with the reason, so that every file sent is accounted for.
 */
export function collectFiles(
  paths: string[],
  exclude: ReadonlySet<string> = new Set(),
  unreadable: UnreadableFolder[] = [],
  notForms: UnreadableFolder[] = [],
): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = resolve(file);
    if (seen.has(key) || exclude.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  const visited = new Set<string>();
  const walk = (dir: string, top: boolean) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return; // a symbolic link back up the tree
    visited.add(real);
    let entries: string[];
    try {
      entries = readdirSync(dir).sort(byCodePoint);
    } catch (e) {
      const reason = cannotRead(dir, e);
      if (top) throw new CliError(reason);
      unreadable.push({ file: dir, reason });
      return;
    }
    for (const name of entries) {
      const path = `${dir.replace(/[\\/]+$/, '')}/${name}`;
      let isDir = false;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        // A dangling link: not a submission.
        continue;
      }
      if (isDir) walk(path, false);
      else if (isCandidate(name)) add(path);
      else if (!isIgnored(name) && !seen.has(resolve(path)) && !exclude.has(resolve(path))) {
        seen.add(resolve(path));
        notForms.push({ file: path, reason: notFormReason(name) });
      }
    }
  };
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      throw new CliError(cannotRead(p, e));
    }
    if (isDir) walk(p, true);
    else add(p);
  }
  return files;
}

/** An existing file that holds an assessment form (a submission): never to be overwritten. */
export function holdsForm(file: string): boolean {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    return false;
  }
  return readWorkbook(bytes).ok;
}

export { localDate };

/**
 * The received date of a file: the manifest's (by base name); else, only when asked, its modification
 * time (shared with the pane: xlsx/received.ts); else none, and lateness is not judged.
 */
export function receivedDate(
  file: string,
  manifest?: ReceivedManifest,
  fileTimes = false,
): ReceivedDate | undefined {
  const listed = receivedFrom(file, manifest, undefined);
  if (listed || !fileTimes) return listed;
  try {
    return receivedFrom(file, undefined, statSync(file).mtime);
  } catch {
    return undefined;
  }
}

export interface ReadOptions {
  /** The rulebook the user named: forms of another rulebook are invalid. */
  rulebook?: Rulebook;
  manifest?: ReceivedManifest;
  /** Files not in the manifest take their modification time as received date (--received-from-file-times). */
  fileTimes?: boolean;
  /** Called once per file, after it was read. */
  onFile?: (file: string, ok: boolean) => void;
  /** The files already read (xlsx/pool.ts), in the same order: used instead of reading them again. */
  read?: FileInputs[];
}

/** Read every file into ranking inputs. Never throws for a bad file: it becomes a failure with a reason. */
export function readInputs(
  files: string[],
  opts: ReadOptions = {},
): { inputs: RankingInput[]; rulebooks: Map<string, Rulebook> } {
  const inputs: RankingInput[] = [];
  const rulebooks = new Map<string, Rulebook>();
  for (const [index, file] of files.entries()) {
    const pre = opts.read?.[index];
    if (pre) {
      inputs.push(...pre.inputs);
      for (const rb of pre.rulebooks) rulebooks.set(rb.id, rb);
      continue;
    }
    const received = receivedDate(file, opts.manifest, opts.fileTimes);
    const at = received ? { received } : {};
    let ok = false;
    try {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(file); // read-only: submissions are never written
      } catch (e) {
        inputs.push({ file, ...at, failure: cannotRead(basename(file), e) });
        continue;
      }
      // A form of another rulebook than the one named is still read (with its own built-in rulebook)
      // so that rank() lists it as invalid with "made for rulebook X, not Y".
      const resolveFor = (meta: FormMeta): Rulebook | undefined =>
        opts.rulebook && meta.rulebookId === opts.rulebook.id
          ? opts.rulebook
          : builtinRulebook(meta.rulebookId);
      // The same bytes → inputs step as the pane's consolidation view (xlsx/inputs.ts).
      const read = inputsFromXlsx(file, bytes, resolveFor, received);
      inputs.push(...read.inputs);
      for (const rb of read.rulebooks) rulebooks.set(rb.id, rb);
      ok = read.ok;
    } catch (e) {
      // The reader never throws for bad input; anything else still must not stop the batch.
      inputs.push({
        file,
        ...at,
        failure: msg('xlsxDamaged', { detail: e instanceof Error ? e.message : String(e) }),
      });
    } finally {
      opts.onFile?.(file, ok);
    }
  }
  return { inputs, rulebooks };
}

export interface RankFilesOptions extends ReadOptions {
  asOf?: string;
  year?: number;
  /** Folders that could not be listed (collectFiles): listed with the invalid files. */
  unreadable?: UnreadableFolder[];
  /** Changes the inputs once the rulebook is known, before ranking (`packets import` merges appraisals here). */
  prepare?: (rulebook: Rulebook, inputs: RankingInput[]) => RankingInput[];
  /** A district (id or name): rank only its own form and its communes' (Gia Lai's levels). */
  district?: string;
}

export interface RankFilesResult {
  /** Undefined when no form could be read and no rulebook was named. */
  rulebook?: Rulebook;
  ranking?: Ranking;
  inputs: RankingInput[];
  warnings: Message[];
}

/** The pipeline without printing or writing: read, choose the rulebook, rank. */
export function rankFiles(files: string[], opts: RankFilesOptions = {}): RankFilesResult {
  const { inputs, rulebooks } = readInputs(files, opts);
  for (const u of opts.unreadable ?? []) inputs.push({ file: u.file, failure: u.reason });
  const warnings: Message[] = [];
  const rb = opts.rulebook ?? majorityRulebook(inputs, rulebooks);
  if (!rb) return { inputs, warnings };
  if (!opts.rulebook && rulebooks.size > 1)
    warnings.push(
      msg('rankSeveralRulebooks', { rulebooks: [...rulebooks.keys()].join(', '), rulebook: rb.id }),
    );
  const ready = opts.prepare ? opts.prepare(rb, inputs) : inputs;
  const options = {
    ...(opts.asOf ? { asOf: opts.asOf } : {}),
    ...(opts.year !== undefined ? { year: opts.year } : {}),
  };
  let ranking: Ranking;
  if (opts.district) {
    const district = rb.units.find((u) => u.id === opts.district) ?? matchUnit(rb, opts.district);
    if (!district) throw new CliError(msg('rankUnknownUnit', { unit: opts.district, rulebook: rb.id }));
    ranking = rankDistrict(rb, district.id, ready, options);
  } else ranking = rank(rb, ready, options);
  return { rulebook: rb, ranking, inputs: ready, warnings };
}

/** The JSON when nothing could be ranked for want of a rulebook: the inputs' reasons only. */
function unrankedJson(inputs: RankingInput[], asOf: string | undefined): RankingJson {
  const sources = new Set(inputs.flatMap((i) => (i.received ? [i.received.source] : [])));
  return {
    rulebook: null,
    assumptions: [],
    asOf: asOf ?? null,
    receivedSource: sources.size === 0 ? 'none' : sources.size > 1 ? 'mixed' : [...sources][0],
    groups: [],
    missing: [],
    invalid: inputs.flatMap((i) =>
      'failure' in i ? [{ file: i.file, reason: i.failure.vi, reasonEn: i.failure.en }] : [],
    ),
    warnings: [],
  };
}

export interface RankIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** A terminal for the progress line (process.stderr); absent: no progress. */
  progress?: ProgressStream;
}

const warning = (m: Message) =>
  `${t('vi', 'severityWarning')} / ${t('en', 'severityWarning')}: ${bilingual(m)}`;

/** The options of `scorecard rank` (also taken by `scorecard packets import`). */
export const RANK_OPTIONS = {
  rulebook: { type: 'string' },
  received: { type: 'string' },
  'as-of': { type: 'string' },
  year: { type: 'string' },
  district: { type: 'string' },
  'received-from-file-times': { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  reference: { type: 'string' },
  tolerance: { type: 'string' },
  stage: { type: 'string' },
} as const;

export async function rankCommand(args: string[], io: RankIo): Promise<number> {
  const { values, positionals } = parseOptions(args, RANK_OPTIONS);
  return rankPaths(positionals, values, io);
}

/**
 * `scorecard rank` once its options are parsed: forms' paths → printed ranking, -o workbook, exit code.
 * Shared with `scorecard packets import`, which adds the appraisals of returned packets (`prepare`)
 * and keeps the packet files out of the forms (`exclude`).
 */
/** The received-dates list; its unusable rows are warnings, and one from which no date can be taken is unreadable. */
export function readManifest(file: string, io: Pick<RankIo, 'err'>): ReceivedManifest {
  const manifest = parseReceivedManifest(readText(file), /\.json$/i.test(file) ? 'json' : 'csv');
  const problem = (p: Message): Message => ({
    vi: t('vi', 'rankManifestProblem', { file, problem: p.vi }),
    en: t('en', 'rankManifestProblem', { file, problem: p.en }),
  });
  if (!manifest.entries.size && manifest.problems.length) throw new CliError(problem(manifest.problems[0]));
  for (const p of manifest.problems) io.err(warning(problem(p)));
  return manifest;
}

export async function rankPaths(
  positionals: string[],
  values: Record<string, string | boolean | undefined>,
  io: RankIo,
  hooks: { prepare?: RankFilesOptions['prepare']; exclude?: string[] } = {},
): Promise<number> {
  if (!positionals.length) throw new CliError(msg('cliMissingOption', { option: '<files or folders…>' }));
  const given =
    typeof values.rulebook === 'string' && values.rulebook ? resolveRulebook(values.rulebook) : undefined;
  const asOf = typeof values['as-of'] === 'string' ? values['as-of'].trim() : localDate(new Date());
  if (!isIsoDate(asOf)) throw new CliError(msg('rankBadDate', { date: asOf }));
  const year = typeof values.year === 'string' ? parseYear(values.year) : undefined;
  const reference = referenceInput(values);
  const stage = stageOption(values);

  const manifest = typeof values.received === 'string' ? readManifest(values.received, io) : undefined;

  const output = typeof values.output === 'string' && values.output ? values.output : undefined;
  const outputPath = output ? resolve(output) : undefined;
  // The output may sit in the input folder (a re-run replaces it), but it never replaces a form.
  if (outputPath && (positionals.some((p) => resolve(p) === outputPath) || holdsForm(outputPath)))
    throw new CliError(msg('rankOutputIsInput', { file: output! }));
  const unreadable: UnreadableFolder[] = [];
  const notForms: UnreadableFolder[] = [];
  const files = collectFiles(
    positionals,
    new Set([...(outputPath ? [outputPath] : []), ...(hooks.exclude ?? []).map((p) => resolve(p))]),
    unreadable,
    notForms,
  );
  // The received-dates list and the files named on the command line are not submissions.
  const manifestPath = typeof values.received === 'string' ? resolve(values.received) : undefined;
  unreadable.push(...notForms.filter((n) => resolve(n.file) !== manifestPath));
  if (!files.length && !unreadable.length)
    throw new CliError(msg('rankNoFiles', { paths: positionals.join(', ') }));

  const progress = fileProgress(files.length, { stream: io.progress, quiet: !!values.json });
  let result: RankFilesResult;
  try {
    const district =
      typeof values.district === 'string' && values.district.trim() ? values.district.trim() : undefined;
    const fileTimes = values['received-from-file-times'] === true;
    // Read on every core (xlsx/pool.ts); the same inputs as reading here one file at a time.
    const read = await readSubmissionFiles(
      files.map((file) => ({ file, received: receivedDate(file, manifest, fileTimes) })),
      {
        rulebook: given,
        cannotRead: (file, e) => cannotRead(basename(file), e),
        onProgress: (_, ok) => progress.tick(!ok),
      },
    );
    result = rankFiles(files, {
      read,
      rulebook: given,
      manifest,
      fileTimes,
      asOf,
      year,
      unreadable,
      district,
      prepare: hooks.prepare,
      onFile: (_, ok) => progress.tick(!ok),
    });
  } finally {
    progress.done();
  }
  for (const w of result.warnings) io.err(warning(w));

  if (!result.ranking || !result.rulebook) {
    if (values.json) io.out(JSON.stringify(unrankedJson(result.inputs, asOf), null, 2));
    else
      for (const i of result.inputs)
        if ('failure' in i) io.out(`  - ${i.file}\n      ${bilingual(i.failure)}`);
    io.err(bilingual(msg('rankNoRulebook')));
    return 1;
  }
  const ranking = result.ranking;
  const cross = reference && crossCheckRanking(reference, result.rulebook, ranking, result.inputs);
  // Said once, loudly, on the terminal; the JSON and the "Tổng hợp" sheet carry the same warnings.
  for (const w of ranking.warnings) io.err(warning(w));
  for (const w of cross?.warnings ?? []) io.err(warning(w));
  if (values.json)
    io.out(
      JSON.stringify(
        { ...rankingJson(ranking), ...(cross ? crossChecksJson(cross.result, cross.warnings) : {}) },
        null,
        2,
      ),
    );
  else io.out(cross ? `${rankingText(ranking)}\n${crossChecksText(cross.result)}` : rankingText(ranking));

  if (output) {
    const bytes = await writeReportXlsx(
      outputSheets(result.rulebook, ranking, stage, {
        asOf,
        ...(cross ? { crossChecks: cross.result } : {}),
      }),
    );
    try {
      writeFileSync(output, bytes);
    } catch (e) {
      throw new CliError(cannotWrite(output, e));
    }
    if (!values.json) io.out(bilingual(msg('rankWritten', { file: output })));
  }

  const placed = ranking.tables.some((tb) => tb.entries.some((e) => e.counted));
  if (!placed) {
    io.err(bilingual(msg('rankNothingRanked')));
    return 1;
  }
  return 0;
}
