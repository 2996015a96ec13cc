/** Editing an authoring workbook the way a person would, with ExcelJS, for the authoring tests. */
import ExcelJS from 'exceljs';
import { builtinRulebook } from '../../src/core/rulebook';
import { rulebookToWorkbook } from '../../src/authoring/workbook';
import { workbookBytes as toBytes } from '../../src/xlsx/describe-write';
import type { AuthoringError } from '../../src/authoring/compile';

const cache = new Map<string, Promise<Uint8Array>>();

/** The authoring workbook of a built-in rulebook (written once per test file). */
export function exported(id: string): Promise<Uint8Array> {
  if (!cache.has(id)) cache.set(id, rulebookToWorkbook(builtinRulebook(id)!));
  return cache.get(id)!;
}

export async function edit(bytes: Uint8Array, change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  change(wb);
  return toBytes(wb);
}

/** The row number of a criterion on the "Tiêu chí" sheet (columns A annex, D id). */
export function criterionRow(wb: ExcelJS.Workbook, annex: string, id: string): number {
  const ws = wb.getWorksheet('Tiêu chí')!;
  for (let r = 3; r <= ws.rowCount; r++)
    if (ws.getCell(r, 1).text === annex && ws.getCell(r, 4).text === id) return r;
  throw new Error(`criterion ${annex}/${id} not found`);
}

/** The row of an item (by its Vietnamese label in column A) on a key/value sheet. */
export function itemRow(ws: ExcelJS.Worksheet, label: string): number {
  for (let r = 3; r <= ws.rowCount; r++) if (ws.getCell(r, 1).text === label) return r;
  throw new Error(`item ${label} not found`);
}

/** Every error names its sheet, row and column in both languages. */
export function expectLocated(e: AuthoringError, sheet: string, row: number, column: string) {
  expect({ sheet: e.sheet, row: e.row, column: e.column }).toEqual({ sheet, row, column });
  expect(e.message.vi).toContain(`Trang "${sheet}", dòng ${row}, cột ${column} (`);
  expect(e.message.en).toContain(`Sheet "${sheet}", row ${row}, column ${column} (`);
}
