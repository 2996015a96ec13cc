/**
 * The .xlsx host, writing side: a SheetPlan → the bytes of a .xlsx workbook. The sheet itself is
 * written by describe-write.ts like every described sheet; what only a form has is added here: the
 * link from the metadata to the form sheet, the metadata's defined name and a carried rulebook.
 * ExcelJS writes data validation, conditional formats, protection, defined names, print titles and
 * very hidden sheets (see docs/forms.md for the choice). Works in Node and in the browser bundle.
 */
import type ExcelJS from 'exceljs';
import type { SheetPlan } from '../form/types';
import { rangeA1, sheetRef } from '../sheet/a1';
import { META_NAME } from '../form/names';
import { SHEET_KEY } from '../form/meta';
import type { Rulebook } from '../core/rulebook/schema';
import { carrierRows } from '../core/rulebook/carry';
import { CARRIED_RULEBOOK_SHEET } from './read';
import { addSheet, newWorkbook, workbookBytes } from './describe-write';

export interface WriteOptions {
  /**
   * A rulebook to carry inside the form, for forms made from a rulebook that is not built in: the
   * form can then be checked and ranked without a separate file. Built-in forms carry nothing.
   */
  carry?: Rulebook;
}

/** The metadata sheet's name, and a link to the form sheet beside its recorded name. */
function linkMetadata(wb: ExcelJS.Workbook, plan: SheetPlan): void {
  const meta = wb.getWorksheet(plan.metaSheet.name)!;
  const at = plan.metaSheet.rows.findIndex(([key]) => key === SHEET_KEY);
  // Excel rewrites the link when the sheet is renamed (the Office.js host writes the same, docs/excel-host.md).
  if (at >= 0)
    meta.getCell(at + 1, 3).value = {
      formula: `${sheetRef(plan.sheetName)}!$A$1`,
    } as ExcelJS.CellFormulaValue;
  wb.definedNames.add(
    `${sheetRef(plan.metaSheet.name)}!${rangeA1(0, 0, plan.metaSheet.rows.length - 1, 1, true)}`,
    META_NAME,
  );
}

/** Key in A, value in B; values are written as plain strings/numbers (a JSON piece never becomes a formula). */
function carryRulebook(wb: ExcelJS.Workbook, rulebook: Rulebook): void {
  const carrier = wb.addWorksheet(CARRIED_RULEBOOK_SHEET, { state: 'veryHidden' });
  carrierRows(rulebook).forEach(([key, value], i) => {
    carrier.getCell(i + 1, 1).value = key;
    carrier.getCell(i + 1, 2).value = value;
  });
}

/** Build the ExcelJS workbook of a plan (exported for tests that inspect it before serialisation). */
export async function buildWorkbook(plan: SheetPlan, options: WriteOptions = {}): Promise<ExcelJS.Workbook> {
  const wb = newWorkbook();
  wb.calcProperties.fullCalcOnLoad = true; // Excel computes the formulas when the file is opened
  await addSheet(wb, plan);
  linkMetadata(wb, plan);
  if (options.carry) carryRulebook(wb, options.carry);
  return wb;
}

export async function writeFormXlsx(plan: SheetPlan, options: WriteOptions = {}): Promise<Uint8Array> {
  return workbookBytes(await buildWorkbook(plan, options));
}
