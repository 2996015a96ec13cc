/**
 * ReportSheet: what a consolidation sheet ("Tổng hợp") contains, cell by cell, and the charts drawn
 * over it. Pure data like the forms' SheetPlan, so the .xlsx writer (report/xlsx.ts) and the Excel
 * host (the pane's ranking button) apply the same content. Coordinates are 0-based (row, col).
 */
import type { CellStyle, Merge, PrintSetup } from '../form/types';

export type { CellStyle, Merge };

/**
 * One cell. `value` is a constant and stays one: text is written as text by every host, so a unit
 * name, note or file name copied from a submission that starts with =, +, - or @ never becomes a
 * formula (the .xlsx writer stores it as a string; the Excel host must write it as text, e.g. with
 * the number format '@' set before the value, see isFormulaLike). `formula` is only ever built by the
 * report from its own cell addresses, never from user text.
 */
export interface ReportCell {
  row: number;
  col: number;
  value?: string | number;
  /** A formula beginning with "=", in Excel's invariant syntax; `result` is its cached value. */
  formula?: string;
  result?: string | number;
  /** Key into ReportSheet.styles. */
  style?: string;
}

/** A clustered bar chart of one series drawn over the sheet. */
export interface ReportChart {
  title: string;
  /** The annex (ranking group) whose totals it shows. */
  annex: string;
  /** Name of the series (legend and tooltips). */
  seriesName: string;
  /** Sheet-local A1 ranges of the same length (no sheet name): the bar labels and the bar values. */
  categories: string;
  values: string;
  /** Axis maximum (the annex's maximum total). */
  max?: number;
  /** The cells the chart covers: its top-left cell and its size in rows and columns. */
  anchor: { row: number; col: number; rows: number; cols: number };
}

/** Print setup of a report: as a form's, with optional rows repeated on each printed page. */
export type ReportPrint = Omit<PrintSetup, 'titleRows'> & { titleRows?: PrintSetup['titleRows'] };

export interface ReportSheet {
  sheetName: string;
  /** Column widths in characters. */
  columns: number[];
  /** Row heights in points, where not default. */
  rowHeights: Record<number, number>;
  font: { name: string; size: number };
  styles: Record<string, CellStyle>;
  cells: ReportCell[];
  merges: Merge[];
  /** Rows frozen at the top (0: none). */
  freezeRows: number;
  print: ReportPrint;
  charts: ReportChart[];
}

/** Text that a spreadsheet would parse as a formula if typed into a cell. */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@]/.test(text);
}
