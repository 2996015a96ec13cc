/**
 * Any workbook's sheets as grids of plain values, for the readers that take a whole workbook made by
 * people (returned review packets, authoring workbooks): rich text joined, a formula's cached result,
 * a link's text, errors kept apart. ExcelJS reads it; forms use the faster targeted reader (read.ts).
 */
import type ExcelJS from 'exceljs';
import { Workbook } from './exceljs';

/** A cell's value as plain data; undefined for an empty cell. */
export type PlainValue = string | number | boolean | Date | { error: string } | undefined;

export interface SheetGrid {
  name: string;
  /** 'visible', 'hidden' or 'veryHidden'. */
  state: string;
  /** rows[r][c], 0-based; holes where nothing is. */
  rows: PlainValue[][];
}

export function plainValue(v: ExcelJS.CellValue | undefined): PlainValue {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v)
      return plainValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('error' in v) return { error: String((v as ExcelJS.CellErrorValue).error) };
    if ('text' in v) return plainValue((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  }
  return undefined;
}

function grid(ws: ExcelJS.Worksheet): SheetGrid {
  const rows: PlainValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: PlainValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      cells[c - 1] = plainValue(cell.value);
    });
    rows[r - 1] = cells;
  });
  return { name: ws.name, state: ws.state, rows };
}

/** Every sheet of a workbook, in order; throws what ExcelJS throws for a file it cannot read. */
export async function readGrids(bytes: Uint8Array): Promise<SheetGrid[]> {
  const wb = new Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map(grid);
}
