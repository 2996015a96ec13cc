/**
 * The ranking's results kept in the workbook of `scorecard rank -o`, for next year's `--previous`: a
 * very hidden sheet of rows (a version line, then one row per counted entry with what last year's
 * comparison needs), written and read back here (pure). Rows rather than one JSON cell, because a cell
 * holds at most 32,767 characters and a province has thousands of communes. The rows read back go
 * through previousFromJson, so a workbook and the ranking's JSON give the same results.
 */
import type { Ranking } from '../core/ranking/types';
import type { PreviousResult } from '../core/ranking/previous';
import { RulebookError } from '../core/rulebook/load';
import { msg } from '../i18n';
import type { SheetDescription } from '../sheet/types';
import { previousFromJson, rankingJson, type RankingJsonEntry } from './json';

/** The sheet's name: programs find it by this name; people never see it. */
export const RESULTS_SHEET = '_scorecard_ranking';
/** What the first row says the sheet is, and the version of its rows' layout. */
export const RESULTS_FORMAT = 'scorecard-ranking-results';
export const RESULTS_VERSION = 1;

/** The columns of a result row, in order (the keys of the ranking's JSON entries). */
const COLUMNS = ['annex', 'unitId', 'unit', 'total', 'index', 'rank', 'band'] as const;

/** The very hidden sheet holding the counted entries' results. */
export function resultsSheet(ranking: Ranking): SheetDescription {
  const rows: (string | number | undefined)[][] = [[RESULTS_FORMAT, RESULTS_VERSION], [...COLUMNS]];
  for (const g of rankingJson(ranking).groups)
    for (const e of g.entries)
      if (e.counted && e.total !== null && e.index !== null)
        rows.push([
          g.annex,
          e.unitId ?? undefined,
          e.unit,
          e.total,
          e.index,
          e.rank ?? undefined,
          e.band ?? undefined,
        ]);
  return {
    sheetName: RESULTS_SHEET,
    state: 'veryHidden',
    columns: COLUMNS.map(() => 16),
    rowHeights: {},
    font: { name: 'Times New Roman', size: 11 },
    styles: {},
    // Every text a value, never a formula (sheet/types.ts): unit names are written as they are.
    cells: rows.flatMap((cells, row) =>
      cells.flatMap((value, col) => (value === undefined || value === '' ? [] : [{ row, col, value }])),
    ),
    merges: [],
    freezeRows: 0,
  };
}

type Cell = unknown;

/**
 * Last year's results from the rows of that sheet (rows[r][c], 0-based, as xlsx/grid-read gives them).
 * Rows of another format, or of a newer version than this one reads, are one error in both languages
 * naming the file.
 */
export function previousFromResultsRows(rows: Cell[][], file: string): PreviousResult[] {
  const [head, columns] = [rows[0] ?? [], rows[1] ?? []];
  if (head[0] !== RESULTS_FORMAT || typeof head[1] !== 'number')
    throw new RulebookError(msg('previousXlsxNoResults', { file }));
  if (head[1] > RESULTS_VERSION)
    throw new RulebookError(msg('previousXlsxNewer', { file, version: head[1] }));
  const at = new Map(columns.map((name, c) => [String(name), c]));
  if (COLUMNS.some((name) => !at.has(name))) throw new RulebookError(msg('previousXlsxNoResults', { file }));
  const cell = (row: Cell[], name: (typeof COLUMNS)[number]) => row[at.get(name)!];
  const text = (v: Cell) => (v === undefined || v === null ? null : String(v));
  const groups = new Map<string, Partial<RankingJsonEntry>[]>();
  for (const row of rows.slice(2)) {
    if (!row) continue;
    const annex = String(cell(row, 'annex') ?? '');
    const entry: Partial<RankingJsonEntry> = {
      unitId: text(cell(row, 'unitId')),
      unit: text(cell(row, 'unit')) ?? undefined,
      total: cell(row, 'total') as number,
      index: cell(row, 'index') as number,
      rank: cell(row, 'rank') as number,
      band: text(cell(row, 'band')),
      counted: true,
    };
    groups.set(annex, [...(groups.get(annex) ?? []), entry]);
  }
  const json = { groups: [...groups].map(([annex, entries]) => ({ annex, entries })) };
  return previousFromJson(json, file);
}
