/** A1 addresses for the 0-based (row, col) coordinates of a SheetPlan. */

export function colName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
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
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  return row >= 1 ? { row: row - 1, col: col - 1 } : undefined;
}

/** A sheet name as it appears in a reference: quoted when it is not a plain identifier ('Phụ lục I'!). */
export function sheetRef(sheetName: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheetName) && !parseA1(sheetName)
    ? sheetName
    : `'${sheetName.replace(/'/g, "''")}'`;
}
