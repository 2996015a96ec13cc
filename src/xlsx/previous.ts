/**
 * Last year's results from last year's ranking workbook (`scorecard rank -o`, or the workbook the
 * pane's ranking button wrote into): the very hidden results sheet (report/results-sheet.ts), read
 * with the fast reader (read.ts), so neither the command line nor the pane loads ExcelJS for it. A
 * file that is no workbook, or a workbook without that sheet (an older version's, any other), is one
 * error in both languages naming the file.
 */
import type { PreviousResult } from '../core/ranking/previous';
import { RulebookError } from '../core/rulebook/load';
import { msg } from '../i18n';
import { previousFromResultsRows, RESULTS_SHEET } from '../report/results-sheet';
import { readNamedSheetRows } from './read';

export function previousFromWorkbook(bytes: Uint8Array, file: string): PreviousResult[] {
  const read = readNamedSheetRows(bytes, RESULTS_SHEET);
  if (!read.ok) throw new RulebookError(msg('previousXlsxUnreadable', { file }));
  if (!read.rows) throw new RulebookError(msg('previousXlsxNoResults', { file }));
  return previousFromResultsRows(read.rows, file);
}
