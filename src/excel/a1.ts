/**
 * A1 addresses for the Office.js host: the cell helpers of form/a1.ts, plus what the host reads back
 * from Excel: sheet-qualified references in defined names ("='PL I - Sở Nội vụ'!$E$12", "=#REF!$E$12")
 * and range addresses ("Sheet1!A1:K80").
 */
import { a1, colName, parseA1, sheetRef } from '../form/a1';

export const columnName = colName;
export const quoteSheetName = sheetRef;

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellAddress(row: number, col: number, absolute = false): string {
  return a1(row, col, absolute);
}

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function rectAddress(r: Rect, absolute = false): string {
  const first = cellAddress(r.row, r.col, absolute);
  return r.rows === 1 && r.cols === 1
    ? first
    : `${first}:${cellAddress(r.row + r.rows - 1, r.col + r.cols - 1, absolute)}`;
}

export function parseCell(text: string): { row: number; col: number } | null {
  return parseA1(text) ?? null;
}

/** "A1" or "A1:C3" (optionally with $) → a rectangle. */
export function parseArea(text: string): Rect | null {
  const [a, b] = text.split(':');
  const first = parseCell(a);
  if (!first) return null;
  const last = b === undefined ? first : parseCell(b);
  if (!last) return null;
  const row = Math.min(first.row, last.row);
  const col = Math.min(first.col, last.col);
  return { row, col, rows: Math.abs(last.row - first.row) + 1, cols: Math.abs(last.col - first.col) + 1 };
}

/**
 * A reference to one area of one sheet, as Excel shows it in NamedItem.formula ("='My sheet'!$E$12")
 * or Range.address ("Sheet1!A1:K80"). Anything else (#REF!, constants, several areas) → null.
 */
export function parseReference(text: string): ({ sheet: string } & Rect) | null {
  let s = text.trim();
  if (s.startsWith('=')) s = s.slice(1);
  if (/#REF!/i.test(s)) return null; // the sheet or cell was deleted
  let sheet: string;
  let rest: string;
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    for (; i < s.length; i++) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i++;
        } else break;
      } else name += s[i];
    }
    if (s[i + 1] !== '!') return null;
    sheet = name;
    rest = s.slice(i + 2);
  } else {
    const bang = s.lastIndexOf('!');
    if (bang <= 0) return null;
    sheet = s.slice(0, bang);
    rest = s.slice(bang + 1);
  }
  const area = parseArea(rest);
  return area ? { sheet, ...area } : null;
}
