/**
 * A1 notation, the one place for it: column letters, cell and range addresses for the 0-based
 * (row, col) coordinates of a sheet description, and the parsers of what files and Excel give back
 * (cell addresses, ranges, sheet-qualified references in defined names).
 */

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function colName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "A" → 0, "aa" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "E12" (relative) or "$E$12" (absolute). */
export function a1(row: number, col: number, absolute = false): string {
  return absolute ? `$${colName(col)}$${row + 1}` : `${colName(col)}${row + 1}`;
}

export function rangeA1(
  row: number,
  col: number,
  lastRow: number,
  lastCol: number,
  absolute = false,
): string {
  const from = a1(row, col, absolute);
  const to = a1(lastRow, lastCol, absolute);
  return from === to ? from : `${from}:${to}`;
}

/** "E12", "$E$12", "e12" → { row: 11, col: 4 }; undefined for anything else. */
export function parseA1(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return undefined;
  const row = Number(m[2]);
  return row >= 1 ? { row: row - 1, col: columnIndex(m[1]) } : undefined;
}

/**
 * The r attribute of a cell in a worksheet's XML ("E12", always upper case, no $) → [row, col]; a
 * strict and cheap form of parseA1 for the reader's inner loop.
 */
export function cellPosition(ref: string): [number, number] | undefined {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (let i = 0; i < m[1].length; i++) col = col * 26 + (m[1].charCodeAt(i) - 64);
  return [Number(m[2]) - 1, col - 1];
}

/** A sheet name as it appears in a reference: quoted when it is not a plain identifier ('Phụ lục I'!). */
export function sheetRef(sheetName: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheetName) && !parseA1(sheetName)
    ? sheetName
    : `'${sheetName.replace(/'/g, "''")}'`;
}

/** A rectangle of cells: top-left (0-based) and size. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function rectAddress(r: Rect, absolute = false): string {
  return rangeA1(r.row, r.col, r.row + r.rows - 1, r.col + r.cols - 1, absolute);
}

/** "A1" or "A1:C3" (optionally with $) → a rectangle. */
export function parseArea(text: string): Rect | null {
  const [a, b] = text.split(':');
  const first = parseA1(a);
  if (!first) return null;
  const last = b === undefined ? first : parseA1(b);
  if (!last) return null;
  const row = Math.min(first.row, last.row);
  const col = Math.min(first.col, last.col);
  return { row, col, rows: Math.abs(last.row - first.row) + 1, cols: Math.abs(last.col - first.col) + 1 };
}

/** "'It''s'!rest" → ["It's", "rest"]; undefined when the quote is not closed by "'!". */
function quotedSheet(s: string): [string, string] | undefined {
  let name = '';
  let i = 1;
  for (; i < s.length; i++) {
    if (s[i] !== "'") name += s[i];
    else if (s[i + 1] === "'") {
      name += "'";
      i++;
    } else break;
  }
  return s[i + 1] === '!' ? [name, s.slice(i + 2)] : undefined;
}

/**
 * A reference to one area of one sheet, as Excel shows it in NamedItem.formula ("='My sheet'!$E$12"),
 * in Range.address ("Sheet1!A1:K80") or in a file's defined names. Anything else (#REF!, constants,
 * several areas) → null.
 */
export function parseReference(text: string): ({ sheet: string } & Rect) | null {
  let s = text.trim();
  if (s.startsWith('=')) s = s.slice(1);
  if (/#REF!/i.test(s)) return null; // the sheet or cell was deleted
  let parts: [string, string] | undefined;
  if (s.startsWith("'")) parts = quotedSheet(s);
  else {
    const bang = s.lastIndexOf('!');
    parts = bang > 0 ? [s.slice(0, bang), s.slice(bang + 1)] : undefined;
  }
  if (!parts) return null;
  const area = parseArea(parts[1]);
  return area ? { sheet: parts[0], ...area } : null;
}

/** 'Phụ lục I'!$E$12 or Sheet1!E12 → the sheet and the cell a defined name points at (a range: its top-left cell). */
export function parseNameRef(ref: string): { sheet: string; address: string } | undefined {
  const r = parseReference(ref);
  return r ? { sheet: r.sheet, address: a1(r.row, r.col) } : undefined;
}
