/** Criteria tables from files (CSV or .xlsx) for `rulebook import` and `form import`. */
import { basename, extname } from 'node:path';
import { parseCsvRecords } from '../core/ranking/received';
import { readSheetRows } from '../xlsx/read';
import { findHeader, sheetTableRows, type Field, type TableRow } from '../authoring/table-import';
import { sheetName } from '../authoring/compile';
import { fold } from '../authoring/notation';
import { CliError } from './io';

export interface TableSheet {
  sheet: string;
  rows: TableRow[];
}

export const isCsv = (file: string) => /\.(csv|txt|tsv)$/i.test(file);

/** The sheets of a table file: a CSV is one sheet named after the file. */
export function tableSheets(file: string, bytes: Uint8Array): TableSheet[] {
  if (isCsv(file)) {
    const text = new TextDecoder('utf-8').decode(bytes);
    return [
      { sheet: basename(file), rows: parseCsvRecords(text).map((r) => ({ row: r.line, cells: r.cells })) },
    ];
  }
  const read = readSheetRows(bytes);
  if (!read.ok) throw new CliError(read.reason);
  return read.sheets.map((s) => ({ sheet: s.name, rows: sheetTableRows(s.rows) }));
}

/** The first sheet with a header naming the `required` columns; else the first sheet (its error says what is missing). */
export function pickTableSheet(sheets: TableSheet[], required: Field[]): TableSheet {
  return sheets.find((s) => findHeader(s.rows, required)) ?? sheets[0] ?? { sheet: '', rows: [] };
}

/** The authoring workbook "Bộ tiêu chí" has both a criteria and an annexes sheet (in either language). */
export function isAuthoringWorkbook(sheets: TableSheet[]): boolean {
  const names = new Set(sheets.map((s) => fold(s.sheet)));
  const has = (key: 'criteria' | 'annexes') =>
    names.has(fold(sheetName(key, 'vi'))) || names.has(fold(sheetName(key, 'en')));
  return has('criteria') && has('annexes');
}

/** A rulebook id from a file name: "Bộ chỉ số DTI 2025.xlsx" → "bo-chi-so-dti-2025". */
export function idFromFile(file: string): string {
  const slug = fold(basename(file, extname(file)))
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z0-9]/.test(slug) ? slug : `table-${slug || 'import'}`.replace(/-+$/, '');
}
