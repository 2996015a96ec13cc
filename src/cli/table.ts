/** Criteria tables from files (CSV or .xlsx) for `rulebook import` and `form import`. */
import { readTableSheets, type TableSheet } from '../authoring/table-file';
import { CliError } from './io';

export {
  idFromFile,
  isAuthoringWorkbook,
  isCsv,
  pickTableSheet,
  type TableSheet,
} from '../authoring/table-file';

/** The sheets of a table file: a CSV is one sheet named after the file. */
export function tableSheets(file: string, bytes: Uint8Array): TableSheet[] {
  const read = readTableSheets(file, bytes);
  if (!read.ok) throw new CliError(read.reason);
  return read.sheets;
}
