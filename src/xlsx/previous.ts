/**
 * Last year's results from last year's ranking workbook (`scorecard rank -o`): the very hidden results
 * sheet (report/results-sheet.ts), read with ExcelJS. A file that is no workbook, or a workbook without
 * that sheet (an older version's, any other), is one error in both languages naming the file.
 */
import type { PreviousResult } from '../core/ranking/previous';
import { RulebookError } from '../core/rulebook/load';
import { msg } from '../i18n';
import { previousFromResultsRows, RESULTS_SHEET } from '../report/results-sheet';
import { readGrids, type SheetGrid } from './grid-read';

export async function previousFromXlsx(bytes: Uint8Array, file: string): Promise<PreviousResult[]> {
  let grids: SheetGrid[];
  try {
    grids = await readGrids(bytes);
  } catch {
    throw new RulebookError(msg('previousXlsxUnreadable', { file }));
  }
  const sheet = grids.find((g) => g.name === RESULTS_SHEET);
  if (!sheet) throw new RulebookError(msg('previousXlsxNoResults', { file }));
  return previousFromResultsRows(sheet.rows, file);
}
