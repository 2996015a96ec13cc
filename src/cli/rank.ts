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
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Rulebook } from '../core/rulebook';
import { isIsoDate, parseReceivedManifest, type RankingInput, type ReceivedManifest } from '../core/ranking';
import { bilingual, msg, t, type Message } from '../i18n';
import { inputsFromXlsx } from '../xlsx/inputs';
import { readSubmissionFiles } from '../xlsx/pool';
import { localDate } from '../core/ranking/dates';
import { rankingJson, rankingText, type RankingJson, type Stage } from '../report';
import {
  consolidate,
  UnreadableFile,
  type Consolidated,
  type ConsolidationEvent,
  type ConsolidationOptions,
  type ReadFiles,
  type SubmittedFile,
} from '../consolidation';
import { stageOption } from './stage';
import { cannotRead, cannotWrite, CliError, readText, resolveRulebook, warning, type Io } from './io';
import { parseOptions, parseYear } from './args';
import { collectFiles, holdsForm, type UnreadableFolder } from './files';
import { fileProgress } from './progress';
import { referenceInput, type ReferenceInput } from './reference';
import { crossChecksJson, crossChecksText } from '../report/crosscheck';
import { previousOption } from './previous';
import { resultsSheet } from '../report/results-sheet';

/** A file on disk as the consolidation takes it: read (read-only) only when its turn comes. */
export function submittedFile(path: string): SubmittedFile {
  return {
    name: path,
    bytes: () => {
      try {
        return readFileSync(path); // read-only: submissions are never written
      } catch (e) {
        throw new UnreadableFile(cannotRead(basename(path), e));
      }
    },
    modified: () => statSync(path).mtime,
  };
}

export interface RankFilesOptions {
  /** The rulebook the user named: forms of another rulebook are invalid. */
  rulebook?: Rulebook;
  manifest?: ReceivedManifest;
  /** Files not in the manifest take their modification time as received date (--received-from-file-times). */
  fileTimes?: boolean;
  /** Called once per file, after it was read. */
  onFile?: (file: string, ok: boolean) => void;
  /** Read on every core (xlsx/pool.ts) rather than one file after another: the same inputs. */
  pooled?: boolean;
  asOf?: string;
  year?: number;
  /** Folders that could not be listed (collectFiles): listed with the invalid files. */
  unreadable?: UnreadableFolder[];
  /** Changes the inputs once the rulebook is known, before ranking (`packets import` merges appraisals here). */
  prepare?: ConsolidationOptions['prepare'];
  /** A district (id or name): rank only its own form and its communes' (Gia Lai's levels). */
  district?: string;
  /** --reference/--tolerance: the figures to cross-check against. */
  reference?: ReferenceInput;
  /** The -o workbook's sheets (with --stage, its documents) are built. */
  sheets?: { stage?: Stage };
  /** --previous/--unit-map: last year's results to compare with. */
  previous?: ConsolidationOptions['previous'];
}

export type RankFilesResult = Consolidated;

/**
 * The consolidation of files on disk, without printing or writing: read, choose the rulebook, rank.
 * An unknown district is bad usage; the other refusals are for the caller to report.
 */
export async function rankFiles(files: string[], opts: RankFilesOptions = {}): Promise<RankFilesResult> {
  const { unreadable, onFile, pooled, ...options } = opts;
  const readAll: ReadFiles | undefined = pooled
    ? (requests) =>
        readSubmissionFiles(requests, {
          rulebook: options.rulebook,
          cannotRead: (file, e) => cannotRead(basename(file), e),
          onProgress: (file, ok) => onFile?.(file, ok),
        })
    : undefined;
  const result = await consolidate(files.map(submittedFile), {
    ...options,
    read: inputsFromXlsx,
    ...(readAll ? { readAll } : {}),
    audience: 'cli',
    ...(unreadable ? { notRead: unreadable } : {}),
    ...(onFile && !readAll
      ? {
          onProgress: (e: ConsolidationEvent) =>
            void (e.step === 'read' && onFile(e.file.name, e.file.status === 'ok')),
        }
      : {}),
  });
  if (result.refused?.why === 'unknownDistrict' || result.refused?.why === 'unusablePrevious')
    throw new CliError(result.refused.reason);
  return result;
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
  previous: { type: 'string' },
  'unit-map': { type: 'string' },
} as const;

export async function rankCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(args, RANK_OPTIONS);
  return rankPaths(positionals, values, io);
}

/** The received-dates list; its unusable rows are warnings, and one from which no date can be taken is unreadable. */
export function readManifest(file: string, io: Pick<Io, 'err'>): ReceivedManifest {
  const manifest = parseReceivedManifest(readText(file), /\.json$/i.test(file) ? 'json' : 'csv');
  const problem = (p: Message): Message => ({
    vi: t('vi', 'rankManifestProblem', { file, problem: p.vi }),
    en: t('en', 'rankManifestProblem', { file, problem: p.en }),
  });
  if (!manifest.entries.size && manifest.problems.length) throw new CliError(problem(manifest.problems[0]));
  for (const p of manifest.problems) io.err(warning(problem(p)));
  return manifest;
}

/**
 * `scorecard rank` once its options are parsed: forms' paths → printed ranking, -o workbook, exit code.
 * Shared with `scorecard packets import`, which adds the appraisals of returned packets (`prepare`)
 * and keeps the packet files out of the forms (`exclude`).
 */
export async function rankPaths(
  positionals: string[],
  values: Record<string, string | boolean | undefined>,
  io: Io,
  hooks: { prepare?: RankFilesOptions['prepare']; exclude?: string[] } = {},
): Promise<number> {
  if (!positionals.length) throw new CliError(msg('cliMissingOption', { option: '<files or folders…>' }));
  const given =
    typeof values.rulebook === 'string' && values.rulebook ? resolveRulebook(values.rulebook) : undefined;
  const asOf = typeof values['as-of'] === 'string' ? values['as-of'].trim() : localDate(new Date());
  if (!isIsoDate(asOf)) throw new CliError(msg('rankBadDate', { date: asOf }));
  const year = typeof values.year === 'string' ? parseYear(values.year) : undefined;
  const reference = referenceInput(values);
  const previous = previousOption(values);
  const stage = stageOption(values);

  const manifest = typeof values.received === 'string' ? readManifest(values.received, io) : undefined;

  const output = typeof values.output === 'string' && values.output ? values.output : undefined;
  const outputPath = output ? resolve(output) : undefined;
  // The output may sit in the input folder (a re-run replaces it), but it never replaces a form.
  if (outputPath && (positionals.some((p) => resolve(p) === outputPath) || holdsForm(outputPath)))
    throw new CliError(msg('rankOutputIsInput', { file: output! }));
  const unreadable: UnreadableFolder[] = [];
  const notForms: UnreadableFolder[] = [];
  // Last year's ranking and the unit map are not submissions, even in the forms' folder.
  const lastYear = [values.previous, values['unit-map']].flatMap((f) =>
    typeof f === 'string' && f ? [resolve(f)] : [],
  );
  const files = collectFiles(
    positionals,
    new Set([
      ...(outputPath ? [outputPath] : []),
      ...lastYear,
      ...(hooks.exclude ?? []).map((p) => resolve(p)),
    ]),
    unreadable,
    notForms,
  );
  // The received-dates list and the files named on the command line are not submissions.
  const manifestPath = typeof values.received === 'string' ? resolve(values.received) : undefined;
  const named = new Set([manifestPath, ...lastYear]);
  unreadable.push(...notForms.filter((n) => !named.has(resolve(n.file))));
  if (!files.length && !unreadable.length)
    throw new CliError(msg('rankNoFiles', { paths: positionals.join(', ') }));

  const progress = fileProgress(files.length, { stream: io.progress, quiet: !!values.json });
  let result: RankFilesResult;
  try {
    const district =
      typeof values.district === 'string' && values.district.trim() ? values.district.trim() : undefined;
    const fileTimes = values['received-from-file-times'] === true;
    result = await rankFiles(files, {
      rulebook: given,
      manifest,
      fileTimes,
      asOf,
      year,
      unreadable,
      district,
      ...(reference ? { reference } : {}),
      ...(previous ? { previous } : {}),
      ...(output ? { sheets: stage ? { stage } : {} } : {}),
      prepare: hooks.prepare,
      pooled: true,
      onFile: (_, ok) => progress.tick(!ok),
    });
  } finally {
    progress.done();
  }
  for (const w of result.warnings) io.err(warning(w));
  if (result.refused?.why === 'unusableReference') throw new CliError(result.refused.reason);

  if (!result.ranking || !result.rulebook) {
    if (values.json) io.out(JSON.stringify(unrankedJson(result.inputs, asOf), null, 2));
    else
      for (const i of result.inputs)
        if ('failure' in i) io.out(`  - ${i.file}\n      ${bilingual(i.failure)}`);
    io.err(bilingual(result.refused?.reason ?? msg('rankNoRulebook')));
    return 1;
  }
  const ranking = result.ranking;
  const cross = result.crossChecks;
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
  else
    io.out(
      cross
        ? `${rankingText(ranking, result.rulebook)}\n${crossChecksText(cross.result)}`
        : rankingText(ranking, result.rulebook),
    );

  if (output && result.sheets) {
    // ExcelJS is loaded only when a workbook is written: reading and ranking never need it
    const { writeReportXlsx } = await import('../xlsx/report');
    // With the results next year's --previous reads back; not in the preliminary report, whose
    // totals are self-scores before appraisal.
    const results = stage === 'preliminary' ? [] : [resultsSheet(ranking)];
    const bytes = await writeReportXlsx(result.sheets, results);
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
