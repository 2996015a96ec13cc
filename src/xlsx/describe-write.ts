/**
 * Sheet descriptions (sheet/types.ts) → an ExcelJS workbook → .xlsx bytes. The one place where
 * forms, reports, review packets and authoring workbooks become files; what is form-specific (the
 * metadata link and name, a carried rulebook) is added by write.ts, charts by xlsx/report.ts.
 * Works in Node and in the browser bundle.
 */
import ExcelJS from 'exceljs';
import type {
  CellStyle,
  PlanValidation,
  SheetDescription,
  SheetPrint,
  SheetProtection,
  ValidationRule,
  WorkbookDescription,
} from '../sheet/types';
import { a1, colName, rangeA1, sheetRef } from '../sheet/a1';

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const MM_PER_INCH = 25.4;

export function excelStyle(
  style: CellStyle | undefined,
  font: SheetDescription['font'],
): Partial<ExcelJS.Style> {
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
    const thin: Partial<ExcelJS.Border> = {
      style: 'thin',
      color: { argb: argb(s.borderColor ?? '#000000') },
    };
    out.border = { top: thin, bottom: thin, left: thin, right: thin };
  }
  if (s.numberFormat) out.numFmt = s.numberFormat;
  if (s.unlocked) out.protection = { locked: false };
  return out;
}

/** The frozen panes, and the cell selected when the file opens. */
function view(d: SheetDescription): Partial<ExcelJS.WorksheetView> {
  const x = d.freezeColumns ?? 0;
  if (d.freezeRows <= 0 && x <= 0) return {};
  return {
    state: 'frozen',
    xSplit: x,
    ySplit: d.freezeRows,
    topLeftCell: a1(d.freezeRows, x),
    ...(d.activeCell ? { activeCell: d.activeCell } : {}),
  };
}

/** Longest inline list Excel accepts; longer lists, or values holding a comma, are listed on the metadata sheet. */
const INLINE_LIST_LIMIT = 255;

/** Where a drop-down list too long for the validation itself is written: a range on another sheet. */
type Spill = ((values: string[]) => string) | undefined;

function validationRule(
  rule: ValidationRule,
  spill: Spill,
): Pick<ExcelJS.DataValidation, 'type' | 'operator' | 'formulae'> {
  if (rule.type === 'list') {
    const inline = rule.values.join(',');
    const fits =
      inline.length <= INLINE_LIST_LIMIT && !rule.values.some((v) => v.includes(',') || v.includes('"'));
    return { type: 'list', formulae: [fits || !spill ? `"${inline}"` : spill(rule.values)] };
  }
  return rule.max === undefined
    ? { type: rule.type, operator: 'greaterThanOrEqual', formulae: [rule.min] }
    : { type: rule.type, operator: 'between', formulae: [rule.min, rule.max] };
}

function dataValidation(v: PlanValidation, spill: Spill): ExcelJS.DataValidation {
  return {
    ...validationRule(v.rule, spill),
    allowBlank: true,
    showInputMessage: !v.quiet,
    ...(v.prompt.title ? { promptTitle: v.prompt.title } : {}),
    prompt: v.prompt.message,
    showErrorMessage: true,
    errorStyle: v.rule.type === 'list' && v.rule.strict === false ? 'warning' : 'stop',
    errorTitle: v.error.title,
    error: v.error.message,
  };
}

type Validations = { add(address: string, validation: ExcelJS.DataValidation): void };

function addValidations(ws: ExcelJS.Worksheet, d: SheetDescription, spill: Spill): void {
  for (const v of d.validations ?? []) {
    const rule = dataValidation(v, spill);
    if ((v.rows ?? 1) === 1) ws.getCell(v.row + 1, v.col + 1).dataValidation = rule;
    // A whole column of a table: one range, not one validation per cell.
    else
      (ws as unknown as { dataValidations: Validations }).dataValidations.add(
        rangeA1(v.row, v.col, v.row + v.rows! - 1, v.col),
        rule,
      );
  }
}

function addConditionalFormats(ws: ExcelJS.Worksheet, d: SheetDescription): void {
  (d.conditionalFormats ?? []).forEach((cf, i) =>
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
}

function pageSetup(print: SheetPrint): Partial<ExcelJS.PageSetup> {
  const m = print.margins;
  return {
    paperSize: 9, // A4
    orientation: print.orientation,
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
    ...(print.titleRows
      ? { printTitlesRow: `${print.titleRows.first + 1}:${print.titleRows.last + 1}` }
      : {}),
    ...(print.area ? { printArea: print.area } : {}),
  } as Partial<ExcelJS.PageSetup>;
}

/** Locked cells need no password to unlock; the sheet keeps column widths and row heights adjustable. */
async function protect(ws: ExcelJS.Worksheet, p: SheetProtection): Promise<void> {
  await ws.protect(p.password ?? '', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    ...(p.autoFilter ? { autoFilter: true } : {}),
    ...(p.password ? { spinCount: 10000 } : {}),
  });
}

/** Column widths, hidden columns and the styles whole columns carry (the base font at least). */
function columns(
  ws: ExcelJS.Worksheet,
  d: SheetDescription,
  styleOf: (key?: string) => Partial<ExcelJS.Style>,
) {
  const hidden = new Set(d.hiddenColumns ?? []);
  d.columns.forEach((width, i) => {
    const col = ws.getColumn(i + 1);
    col.width = width;
    const key = d.columnStyles?.[i];
    if (key !== undefined) col.style = styleOf(key);
    else col.font = { name: d.font.name, size: d.font.size };
    if (hidden.has(i)) col.hidden = true;
  });
}

function cells(
  ws: ExcelJS.Worksheet,
  d: SheetDescription,
  styleOf: (key?: string) => Partial<ExcelJS.Style>,
) {
  for (const c of d.cells) {
    const cell = ws.getCell(c.row + 1, c.col + 1);
    const key = c.style ?? d.columnStyles?.[c.col];
    cell.style = styleOf(key);
    // A formula is written as a formula; any text is written as text (a shared string), even "=…".
    if (c.formula !== undefined)
      cell.value = {
        formula: c.formula.replace(/^=/, ''),
        ...(c.result !== undefined ? { result: c.result } : {}),
      } as ExcelJS.CellFormulaValue;
    else if (c.value !== undefined) cell.value = typeof c.value === 'number' ? c.value : String(c.value);
    if (c.note !== undefined) cell.note = c.note;
  }
}

/** Very hidden key/value rows; drop-down lists too long to be inline are written below, in column C. */
function metaSheet(wb: ExcelJS.Workbook, meta: NonNullable<SheetDescription['metaSheet']>): Spill {
  const ws = wb.addWorksheet(meta.name, { state: 'veryHidden' });
  ws.getColumn(1).width = 40;
  ws.getColumn(2).width = 40;
  meta.rows.forEach(([key, value], i) => {
    ws.getCell(i + 1, 1).value = key;
    ws.getCell(i + 1, 2).value = value;
  });
  let spillRow = meta.rows.length + 2;
  return (values) => {
    values.forEach((v, i) => (ws.getCell(spillRow + i, 3).value = v));
    const ref = `${sheetRef(meta.name)}!$C$${spillRow}:$C$${spillRow + values.length - 1}`;
    spillRow += values.length + 1;
    return ref;
  };
}

/** One described sheet added to the workbook (its metadata sheet, if any, right after it). */
export async function addSheet(wb: ExcelJS.Workbook, d: SheetDescription): Promise<ExcelJS.Worksheet> {
  const ws = wb.addWorksheet(d.sheetName, {
    views: [view(d)],
    ...(d.state === 'veryHidden' ? { state: 'veryHidden' } : {}),
    ...(d.defaultRowHeight ? { properties: { defaultRowHeight: d.defaultRowHeight } } : {}),
  });
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  const styleOf = (key?: string) => {
    const k = key ?? '';
    if (!styles.has(k)) styles.set(k, excelStyle(key ? d.styles[key] : undefined, d.font));
    return styles.get(k)!;
  };
  columns(ws, d, styleOf);
  for (const [row, height] of Object.entries(d.rowHeights)) ws.getRow(Number(row) + 1).height = height;
  cells(ws, d, styleOf);
  for (const m of d.merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
  const spill = d.metaSheet ? metaSheet(wb, d.metaSheet) : undefined;
  addValidations(ws, d, spill);
  addConditionalFormats(ws, d);
  const sheet = sheetRef(d.sheetName);
  for (const n of d.names ?? []) wb.definedNames.add(`${sheet}!$${colName(n.col)}$${n.row + 1}`, n.name);
  if (d.autoFilter) {
    const f = d.autoFilter;
    ws.autoFilter = {
      from: { row: f.row + 1, column: f.col + 1 },
      to: { row: f.lastRow + 1, column: f.lastCol + 1 },
    };
  }
  if (d.print) ws.pageSetup = pageSetup(d.print);
  // & starts a header/footer code: the producer doubles any & of its own text.
  if (d.print?.footer) ws.headerFooter = { oddFooter: d.print.footer };
  if (d.protect) await protect(ws, d.protect);
  return ws;
}

/** A new workbook made by scorecard. */
export function newWorkbook(title?: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'scorecard';
  if (title !== undefined) wb.title = title;
  return wb;
}

/** The ExcelJS workbook of described sheets, in order (exported for tests that inspect it). */
export async function buildDescribedWorkbook(book: WorkbookDescription): Promise<ExcelJS.Workbook> {
  const wb = newWorkbook(book.title);
  for (const sheet of book.sheets) await addSheet(wb, sheet);
  return wb;
}

/** `stored`: the parts are not compressed, for a caller that zips the workbook again (charts). */
export async function workbookBytes(wb: ExcelJS.Workbook, stored = false): Promise<Uint8Array> {
  const options = stored ? { zip: { compression: 'STORE' } } : undefined;
  // A Buffer in Node, an ArrayBuffer in the browser.
  const buffer = (await wb.xlsx.writeBuffer(options as ExcelJS.XlsxWriteOptions)) as unknown as
    ArrayBuffer | Uint8Array;
  return buffer instanceof Uint8Array
    ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
    : new Uint8Array(buffer);
}

/** Described sheets → .xlsx bytes; `stored`: see workbookBytes. */
export async function writeDescribedXlsx(book: WorkbookDescription, stored = false): Promise<Uint8Array> {
  return workbookBytes(await buildDescribedWorkbook(book), stored);
}
