/**
 * Pure preparation of a SheetPlan for Office.js: the 2-D arrays written in one call each (formulas
 * and constants, number formats), the rectangles each style covers, validations grouped by rule.
 * No Office here, so every decision about what is written where is unit-tested without the double.
 */
import type { CellStyle, PlanValidation, SheetPlan } from '../form/types';
import type { Rect } from './a1';

/**
 * Excel parses a string written to Range.values/formulas as if it were typed: "=…", "+…", "-…", "@…"
 * become formulas, "1.1" a number (or a date), "50%" a fraction, "TRUE" a boolean, "#N/A" an error.
 * A plan constant that is text must stay text (an id "1.10" must not become 1.1), so such
 * strings get Excel's quote prefix "'", which Excel stores as a cell flag, not as content.
 */
export function needsQuotePrefix(s: string): boolean {
  if (s === '') return false;
  if (/^[=+\-@'#]/.test(s)) return true;
  if (/^(true|false)$/i.test(s.trim())) return true;
  // Without a letter, Excel may read it as a number, date, time, fraction or percentage.
  if (!/\p{L}/u.test(s)) return true;
  // Month names make dates too ("Jan 5", "5-Mar", "March 2024").
  return /^\s*(\d{1,2}[\s\-/])?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?([\s\-/]\d{1,4})*\s*$/i.test(
    s,
  );
}

/**
 * The text to write so Excel keeps `s` as the text `s`. In a cell formatted as text ('@') only a
 * leading apostrophe needs one: Excel takes it as the quote prefix even there.
 */
export function textConstant(s: string, textFormat = false): string {
  return (textFormat ? s.startsWith("'") : needsQuotePrefix(s)) ? `'${s}` : s;
}

/** Rows × cols covered by the plan's cells and merges, from A1. */
export function planExtent(plan: Pick<SheetPlan, 'cells' | 'merges'>): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (const c of plan.cells) {
    rows = Math.max(rows, c.row + 1);
    cols = Math.max(cols, c.col + 1);
  }
  for (const m of plan.merges) {
    rows = Math.max(rows, m.row + m.rows);
    cols = Math.max(cols, m.col + m.cols);
  }
  return { rows, cols };
}

export type FormulaCell = string | number | null;

/**
 * The table block as one 2-D array for Range.formulas: formulas as "=…", numbers as numbers, text
 * guarded by textConstant, and null (Excel leaves the cell alone) where the plan has no content.
 * Also the block's number formats ('General' by default) for Range.numberFormat, written first so a
 * text format ('@') is in place before the constants arrive.
 */
export function planGrids(plan: SheetPlan): {
  rows: number;
  cols: number;
  formulas: FormulaCell[][];
  numberFormats: string[][];
} {
  const { rows, cols } = planExtent(plan);
  const formulas: FormulaCell[][] = Array.from({ length: rows }, () =>
    new Array<FormulaCell>(cols).fill(null),
  );
  const numberFormats: string[][] = Array.from({ length: rows }, () =>
    new Array<string>(cols).fill('General'),
  );
  for (const c of plan.cells) {
    const format = c.style ? plan.styles[c.style]?.numberFormat : undefined;
    if (format) numberFormats[c.row][c.col] = format;
    if (c.formula !== undefined)
      formulas[c.row][c.col] = c.formula.startsWith('=') ? c.formula : `=${c.formula}`;
    else if (typeof c.value === 'number') formulas[c.row][c.col] = c.value;
    else if (typeof c.value === 'string') formulas[c.row][c.col] = textConstant(c.value, format === '@');
  }
  return { rows, cols, formulas, numberFormats };
}

/**
 * Cells → as few rectangles as possible: runs along each row, then runs of identical spans stacked
 * down consecutive rows. Enough for a form, whose styles come in columns and bands.
 */
export function toRects(cells: { row: number; col: number }[]): Rect[] {
  const byRow = new Map<number, number[]>();
  for (const { row, col } of cells) {
    const cols = byRow.get(row) ?? [];
    cols.push(col);
    byRow.set(row, cols);
  }
  const open = new Map<string, Rect>(); // "col:cols" → rectangle still growing downwards
  const done: Rect[] = [];
  let previousRow = -2;
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const cols = [...new Set(byRow.get(row))].sort((a, b) => a - b);
    const runs: [number, number][] = [];
    for (const c of cols) {
      const last = runs[runs.length - 1];
      if (last && c === last[0] + last[1]) last[1]++;
      else runs.push([c, 1]);
    }
    const next = new Map<string, Rect>();
    for (const [col, n] of runs) {
      const key = `${col}:${n}`;
      const growing = row === previousRow + 1 ? open.get(key) : undefined;
      if (growing) {
        growing.rows++;
        open.delete(key);
        next.set(key, growing);
      } else next.set(key, { row, col, rows: 1, cols: n });
    }
    done.push(...open.values());
    open.clear();
    for (const [k, r] of next) open.set(k, r);
    previousRow = row;
  }
  done.push(...open.values());
  return done.sort((a, b) => a.row - b.row || a.col - b.col);
}

/** Each style key → the rectangles of the cells that use it. */
export function styleRects(plan: SheetPlan): Map<string, Rect[]> {
  const cellsByStyle = new Map<string, { row: number; col: number }[]>();
  for (const c of plan.cells) {
    if (!c.style) continue;
    const list = cellsByStyle.get(c.style) ?? [];
    list.push({ row: c.row, col: c.col });
    cellsByStyle.set(c.style, list);
  }
  const out = new Map<string, Rect[]>();
  for (const [style, cells] of cellsByStyle) out.set(style, toRects(cells));
  return out;
}

/** Does the style change anything Excel's Range.format holds (number formats go with the grid)? */
export function hasFormat(style: CellStyle): boolean {
  return Object.entries(style).some(([k, v]) => k !== 'numberFormat' && v !== undefined);
}

/** Identical validations (rule, prompt and alert) → one group of rectangles, one set of writes. */
export function validationGroups(
  validations: PlanValidation[],
): { validation: PlanValidation; rects: Rect[] }[] {
  const groups = new Map<string, { validation: PlanValidation; cells: { row: number; col: number }[] }>();
  for (const v of validations) {
    const key = JSON.stringify([v.rule, v.prompt, v.error]);
    const g = groups.get(key) ?? { validation: v, cells: [] };
    g.cells.push({ row: v.row, col: v.col });
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({ validation: g.validation, rects: toRects(g.cells) }));
}

/** Comma-joined addresses for Worksheet.getRanges, split so no address string gets long. */
export function addressChunks(addresses: string[], maxLength = 2000): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const a of addresses) {
    if (current && current.length + 1 + a.length > maxLength) {
      chunks.push(current);
      current = a;
    } else current = current ? `${current},${a}` : a;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Excel's column width unit is points in Office.js; the plan's is characters of the default font. */
export function charsToPoints(chars: number): number {
  // Excel: pixels = chars × 7 + 5 (maximum digit width 7 px at the default font), 0.75 pt per pixel.
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

export const mmToPoints = (mm: number) => Math.round(((mm * 72) / 25.4) * 100) / 100;

/** Excel's limits on validation texts: a 32-character title, a 255-character message. */
export const clipText = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
