/**
 * A ReportSheet → the bytes of a .xlsx workbook (the ranking workbook of `scorecard rank -o`): cells,
 * styles, merges and print setup with ExcelJS, then the bar charts added to the zip (charts.ts).
 * Text values are written as strings (shared strings), never as formulas, whatever they start with.
 */
import ExcelJS from 'exceljs';
import type { CellStyle } from '../form/types';
import type { ReportSheet } from './types';
import { addCharts } from './charts';

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const MM_PER_INCH = 25.4;

function cellStyle(style: CellStyle | undefined, font: ReportSheet['font']): Partial<ExcelJS.Style> {
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
  return out;
}

/** The ExcelJS workbook of report sheets, in order, without charts (exported for tests that inspect it). */
export function buildReportWorkbook(sheets: ReportSheet | ReportSheet[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'scorecard';
  for (const sheet of Array.isArray(sheets) ? sheets : [sheets]) addSheet(wb, sheet);
  return wb;
}

function addSheet(wb: ExcelJS.Workbook, sheet: ReportSheet): void {
  const ws = wb.addWorksheet(sheet.sheetName, {
    views:
      sheet.freezeRows > 0
        ? [{ state: 'frozen', xSplit: 0, ySplit: sheet.freezeRows, topLeftCell: `A${sheet.freezeRows + 1}` }]
        : [{}],
  });
  const baseFont = { name: sheet.font.name, size: sheet.font.size };
  sheet.columns.forEach((width, i) => {
    const col = ws.getColumn(i + 1);
    col.width = width;
    col.font = baseFont;
  });
  for (const [row, height] of Object.entries(sheet.rowHeights)) ws.getRow(Number(row) + 1).height = height;

  const styles = new Map<string, Partial<ExcelJS.Style>>();
  const styleOf = (key?: string) => {
    const k = key ?? '';
    if (!styles.has(k)) styles.set(k, cellStyle(key ? sheet.styles[key] : undefined, sheet.font));
    return styles.get(k)!;
  };
  for (const c of sheet.cells) {
    const cell = ws.getCell(c.row + 1, c.col + 1);
    cell.style = styleOf(c.style);
    if (c.formula !== undefined)
      cell.value = {
        formula: c.formula.replace(/^=/, ''),
        ...(c.result !== undefined ? { result: c.result } : {}),
      } as ExcelJS.CellFormulaValue;
    // A string is stored as a string: ExcelJS never parses "=…" in a value as a formula.
    else if (c.value !== undefined) cell.value = typeof c.value === 'number' ? c.value : String(c.value);
  }
  for (const m of sheet.merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);

  const m = sheet.print.margins;
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: sheet.print.orientation,
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
    ...(sheet.print.titleRows
      ? { printTitlesRow: `${sheet.print.titleRows.first + 1}:${sheet.print.titleRows.last + 1}` }
      : {}),
  } as Partial<ExcelJS.PageSetup>;
}

export async function writeRankingXlsx(sheet: ReportSheet): Promise<Uint8Array> {
  return writeReportXlsx([sheet]);
}

/** Several report sheets in one workbook (the documents of a stage), each with its charts. */
export async function writeReportXlsx(sheets: ReportSheet[]): Promise<Uint8Array> {
  const wb = buildReportWorkbook(sheets);
  const buffer = (await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer | Uint8Array;
  let bytes =
    buffer instanceof Uint8Array
      ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
      : new Uint8Array(buffer);
  for (const sheet of sheets) {
    if (!sheet.charts.length) continue;
    const values = new Map<string, string | number>();
    for (const c of sheet.cells) {
      const v = c.formula !== undefined ? c.result : c.value;
      if (v !== undefined) values.set(`${c.row},${c.col}`, v);
    }
    bytes = addCharts(
      bytes,
      sheet.sheetName,
      sheet.charts,
      (row, col) => values.get(`${row},${col}`),
      sheet.font.name,
    );
  }
  return bytes;
}
