/**
 * A criteria table file (CSV or .xlsx) as sheets of rows, without Node: the CLI (`rulebook import`,
 * `form import`) and the pane's "Bộ tiêu chí" view read table files the same way.
 */
import { parseCsvRecords } from '../core/ranking/received';
import type { Message } from '../i18n';
import { readSheetRows } from '../xlsx/read';
import { sheetName } from './cells';
import { SHEET_NAME_KEYS, type SheetKey } from './layout';
import { fold } from './notation';
import { findHeader, sheetTableRows, type Field, type TableRow } from './table-import';

export interface TableSheet {
  sheet: string;
  rows: TableRow[];
}

export const isCsv = (file: string) => /\.(csv|txt|tsv)$/i.test(file);

/** The file's name without its folders (either separator). */
export const fileBase = (file: string) => file.replace(/^.*[\\/]/, '');

/** The sheets of a table file: a CSV is one sheet named after the file; an unreadable .xlsx, its reason. */
export function readTableSheets(
  file: string,
  bytes: Uint8Array,
): { ok: true; sheets: TableSheet[] } | { ok: false; reason: Message } {
  if (isCsv(file)) {
    const text = new TextDecoder('utf-8').decode(bytes);
    const rows = parseCsvRecords(text).map((r) => ({ row: r.line, cells: r.cells }));
    return { ok: true, sheets: [{ sheet: fileBase(file), rows }] };
  }
  const read = readSheetRows(bytes);
  if (!read.ok) return read;
  return { ok: true, sheets: read.sheets.map((s) => ({ sheet: s.name, rows: sheetTableRows(s.rows) })) };
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

/** The file name without folders and extension: the default title of an imported table. */
export const fileStem = (file: string) => fileBase(file).replace(/(.)\.[^.]*$/, '$1');

/** A rulebook id from a file name: "Bộ chỉ số DTI 2025.xlsx" → "bo-chi-so-dti-2025". */
export function idFromFile(file: string): string {
  const slug = fold(fileStem(file))
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z0-9]/.test(slug) ? slug : `table-${slug || 'import'}`.replace(/-+$/, '');
}

/** Any sheet named as one of the authoring workbook's (either language): then it is read as that workbook. */
export function hasAuthoringSheet(sheets: TableSheet[]): boolean {
  const names = new Set(sheets.map((s) => fold(s.sheet)));
  return (Object.keys(SHEET_NAME_KEYS) as SheetKey[]).some(
    (key) => names.has(fold(sheetName(key, 'vi'))) || names.has(fold(sheetName(key, 'en'))),
  );
}

/**
 * How the pane reads a chosen file: a CSV, or a readable .xlsx without any sheet of the authoring
 * workbook, is a flat criteria table (its sheet with a header); anything else goes to the authoring
 * compiler, whose errors then name the missing sheets or why the file cannot be read.
 */
export function importKind(
  file: string,
  bytes: Uint8Array,
): { kind: 'authoring' } | { kind: 'table'; table: TableSheet } {
  const read = readTableSheets(file, bytes);
  if (!read.ok || (!isCsv(file) && hasAuthoringSheet(read.sheets))) return { kind: 'authoring' };
  return { kind: 'table', table: pickTableSheet(read.sheets, ['id', 'title', 'max']) };
}
