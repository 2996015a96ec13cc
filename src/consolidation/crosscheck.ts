/**
 * The cross-checks of a ranking against the specialised agencies' figures, every problem of their
 * table located (the table's file name) and in both languages. The table's rows are read by the host
 * (the CLI from a .csv or .xlsx on disk); this step only compares.
 */
import { crossCheck, parseReferenceRows, type CrossCheckResult, type TableRow } from '../core/crosscheck';
import type { Rulebook } from '../core/rulebook/schema';
import type { Ranking, RankingInput } from '../core/ranking/types';
import { t, type Message } from '../i18n';

export interface ReferenceFigures {
  /** The table's file, as the user named it: problems are located in it. */
  file: string;
  rows: TableRow[];
  /** A fraction of the reference value (0: any difference). */
  tolerance: number;
}

export type CrossChecked = { result: CrossCheckResult; warnings: Message[] } | { unusable: Message };

const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/** A problem of the reference table, prefixed with the table's name. */
export const locatedIn = (file: string, problem: Message): Message => ({
  vi: t('vi', 'crossProblem', { file: baseName(file), problem: problem.vi }),
  en: t('en', 'crossProblem', { file: baseName(file), problem: problem.en }),
});

/** A table from which no figure can be taken is unusable (the whole table, not a row, is wrong). */
export function crossCheckFigures(
  ref: ReferenceFigures,
  rb: Rulebook,
  ranking: Ranking,
  inputs: RankingInput[],
): CrossChecked {
  const table = parseReferenceRows(rb, ref.rows);
  if (table.unreadable) return { unusable: locatedIn(ref.file, table.problems[0]) };
  const result = crossCheck(ranking, inputs, table.figures, ref.tolerance);
  return {
    result,
    warnings: [...table.problems, ...result.problems].map((p) => locatedIn(ref.file, p)),
  };
}
