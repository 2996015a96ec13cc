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

/**
 * Last year's results from the rows of that sheet (rows[r][c], 0-based, holes where nothing is, as
 * xlsx/grid-read gives them). Rows of another format, or of a newer version than this one reads, are
 * one error in both languages naming the file; a row without a number is left out, as in the JSON.
 */
export function previousFromResultsRows(rows: unknown[][], file: string): PreviousResult[] {
  const head = rows[0] ?? [];
  if (head[0] !== RESULTS_FORMAT || typeof head[1] !== 'number')
    throw new RulebookError(msg('previousXlsxNoResults', { file }));
  if (head[1] > RESULTS_VERSION)
    throw new RulebookError(msg('previousXlsxNewer', { file, version: head[1] }));
  // Array.from: a header row with holes (someone edited the sheet) still gives a column per name.
  const at = new Map(Array.from(rows[1] ?? [], (name, c) => [String(name), c] as const));
  if (COLUMNS.some((name) => !at.has(name))) throw new RulebookError(msg('previousXlsxNoResults', { file }));
  const text = (v: unknown) => (v === undefined || v === null ? null : String(v));
  const groups = new Map<string, Partial<RankingJsonEntry>[]>();
  for (const row of rows.slice(2)) {
    if (!row) continue;
    const cell = (name: (typeof COLUMNS)[number]) => row[at.get(name)!];
    const annex = String(cell('annex') ?? '');
    if (!groups.has(annex)) groups.set(annex, []);
    groups.get(annex)!.push({
      unitId: text(cell('unitId')),
      unit: text(cell('unit')) ?? undefined,
      total: cell('total') as number,
      index: cell('index') as number,
      rank: cell('rank') as number,
      band: text(cell('band')),
      counted: true,
    });
  }
  // previousFromJson checks each value's type, so both files are read by the same rules.
  const json = { groups: [...groups].map(([annex, entries]) => ({ annex, entries })) };
  return previousFromJson(json, file);
}
