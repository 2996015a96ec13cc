/**
 * The .xlsx host, writing side: a SheetPlan → the bytes of a .xlsx workbook, with ExcelJS (it writes
 * data validation, conditional formats, protection, defined names, print titles and very hidden
 * sheets; see docs/forms.md for the choice). Works in Node and in the browser bundle.
 */
import ExcelJS from 'exceljs';
import type { CellStyle, SheetPlan, ValidationRule } from '../form/types';
import { colName, rangeA1, sheetRef } from '../form/a1';
import { META_NAME } from '../form/names';
import { SHEET_KEY } from '../form/meta';
import type { Rulebook } from '../core/rulebook/schema';
import { carrierRows } from '../core/rulebook/carry';
import { CARRIED_RULEBOOK_SHEET } from './read';

export interface WriteOptions {
  /**
   * A rulebook to carry inside the form, for forms made from a rulebook that is not built in: the
   * form can then be checked and ranked without a separate file. Built-in forms carry nothing.
   */
  carry?: Rulebook;
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const MM_PER_INCH = 25.4;

function cellStyle(style: CellStyle | undefined, font: SheetPlan['font']): Partial<ExcelJS.Style> {
  const s = style ?? {};
  const out: Partial<ExcelJS.Style> = {
    font: {
      name: font.name,
      size: s.size ?? font.size,
      bold: s.bold,
      italic: s.italic,
      ...(s.color ? { color: { argb: argb(s.color) } } : {}),
    },
  };
  if (s.hAlign || s.vAlign || s.wrap)
    out.alignment = { horizontal: s.hAlign, vertical: s.vAlign, wrapText: s.wrap };
  if (s.fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(s.fill) } };
  if (s.border) {
    const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
    out.border = { top: thin, bottom: thin, left: thin, right: thin };
  }
  if (s.numberFormat) out.numFmt = s.numberFormat;
  if (s.unlocked) out.protection = { locked: false };
  return out;
}

/** Longest inline list Excel accepts; longer lists, or values holding a comma, are listed on the metadata sheet. */
const INLINE_LIST_LIMIT = 255;

function validation(
  rule: ValidationRule,
  spill: (values: string[]) => string,
): Pick<ExcelJS.DataValidation, 'type' | 'operator' | 'formulae'> {
  if (rule.type === 'list') {
    const inline = rule.values.join(',');
    const fits =
      inline.length <= INLINE_LIST_LIMIT && !rule.values.some((v) => v.includes(',') || v.includes('"'));
    return { type: 'list', formulae: [fits ? `"${inline}"` : spill(rule.values)] };
  }
  return rule.max === undefined
    ? { type: rule.type, operator: 'greaterThanOrEqual', formulae: [rule.min] }
    : { type: rule.type, operator: 'between', formulae: [rule.min, rule.max] };
}

/** Build the ExcelJS workbook of a plan (exported for tests that inspect it before serialisation). */
export async function buildWorkbook(plan: SheetPlan, options: WriteOptions = {}): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'scorecard';
  wb.calcProperties.fullCalcOnLoad = true; // Excel computes the formulas when the file is opened
  const ws = wb.addWorksheet(plan.sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: plan.freezeRows, topLeftCell: `A${plan.freezeRows + 1}` }],
  });
  const baseFont = { name: plan.font.name, size: plan.font.size };
  plan.columns.forEach((width, i) => {
    const col = ws.getColumn(i + 1);
    col.width = width;
    col.font = baseFont;
  });
  for (const [row, height] of Object.entries(plan.rowHeights)) ws.getRow(Number(row) + 1).height = height;

  const styles = new Map<string, Partial<ExcelJS.Style>>();
  const styleOf = (key?: string) => {
    const k = key ?? '';
    if (!styles.has(k)) styles.set(k, cellStyle(key ? plan.styles[key] : undefined, plan.font));
    return styles.get(k)!;
  };
  for (const c of plan.cells) {
    const cell = ws.getCell(c.row + 1, c.col + 1);
    cell.style = styleOf(c.style);
    // A formula is written as a formula; any other text is written as text, even when it starts with "=".
    if (c.formula !== undefined)
      cell.value = { formula: c.formula.replace(/^=/, '') } as ExcelJS.CellFormulaValue;
    else if (c.value !== undefined) cell.value = c.value;
  }
  for (const m of plan.merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);

  // The metadata sheet (very hidden) comes right after the form sheet; long drop-down lists are written
  // into its column C below the metadata rows, as the Office.js host does.
  const meta = wb.addWorksheet(plan.metaSheet.name, { state: 'veryHidden' });
  let spillRow = plan.metaSheet.rows.length + 2;
  const spill = (values: string[]) => {
    values.forEach((v, i) => (meta.getCell(spillRow + i, 3).value = v));
    const ref = `${sheetRef(plan.metaSheet.name)}!$C$${spillRow}:$C$${spillRow + values.length - 1}`;
    spillRow += values.length + 1;
    return ref;
  };
  for (const v of plan.validations)
    ws.getCell(v.row + 1, v.col + 1).dataValidation = {
      ...validation(v.rule, spill),
      allowBlank: true,
      showInputMessage: true,
      promptTitle: v.prompt.title,
      prompt: v.prompt.message,
      showErrorMessage: true,
      errorStyle: v.rule.type === 'list' && v.rule.strict === false ? 'warning' : 'stop',
      errorTitle: v.error.title,
      error: v.error.message,
    };

  plan.conditionalFormats.forEach((cf, i) =>
    ws.addConditionalFormatting({
      ref: cf.range,
      rules: [
        {
          type: 'expression',
          priority: i + 1,
          formulae: [cf.formula.replace(/^=/, '')],
          style: {
            fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(cf.fill) } },
            ...(cf.color ? { font: { color: { argb: argb(cf.color) } } } : {}),
          },
        },
      ],
    }),
  );

  const sheet = sheetRef(plan.sheetName);
  for (const n of plan.names) wb.definedNames.add(`${sheet}!$${colName(n.col)}$${n.row + 1}`, n.name);

  const m = plan.print.margins;
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: plan.print.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: {
      top: m.top / MM_PER_INCH,
      bottom: m.bottom / MM_PER_INCH,
      left: m.left / MM_PER_INCH,
      right: m.right / MM_PER_INCH,
      header: 0.3,
      footer: 0.3,
    },
    printTitlesRow: `${plan.print.titleRows.first + 1}:${plan.print.titleRows.last + 1}`,
  } as Partial<ExcelJS.PageSetup>;

  // Locked cells need no password to unlock; the sheet keeps column widths and row heights adjustable.
  await ws.protect(plan.protect.password ?? '', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    ...(plan.protect.password ? { spinCount: 10000 } : {}),
  });

  meta.getColumn(1).width = 40;
  meta.getColumn(2).width = 40;
  plan.metaSheet.rows.forEach(([key, value], i) => {
    meta.getCell(i + 1, 1).value = key;
    meta.getCell(i + 1, 2).value = value;
    // A link to the form sheet beside its recorded name: Excel rewrites it when the sheet is renamed
    // (the Office.js host writes the same, docs/excel-host.md).
    if (key === SHEET_KEY)
      meta.getCell(i + 1, 3).value = { formula: `${sheet}!$A$1` } as ExcelJS.CellFormulaValue;
  });
  wb.definedNames.add(
    `${sheetRef(plan.metaSheet.name)}!${rangeA1(0, 0, plan.metaSheet.rows.length - 1, 1, true)}`,
    META_NAME,
  );
  if (options.carry) {
    // Key in A, value in B; values are written as plain strings/numbers (a JSON piece never becomes a formula).
    const carrier = wb.addWorksheet(CARRIED_RULEBOOK_SHEET, { state: 'veryHidden' });
    carrierRows(options.carry).forEach(([key, value], i) => {
      carrier.getCell(i + 1, 1).value = key;
      carrier.getCell(i + 1, 2).value = value;
    });
  }
  return wb;
}

export async function writeFormXlsx(plan: SheetPlan, options: WriteOptions = {}): Promise<Uint8Array> {
  const wb = await buildWorkbook(plan, options);
  // A Buffer in Node, an ArrayBuffer in the browser.
  const buffer = (await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer | Uint8Array;
  return buffer instanceof Uint8Array
    ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
    : new Uint8Array(buffer);
}
