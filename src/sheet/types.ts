/**
 * SheetDescription: what one worksheet contains, cell by cell, as pure data. Forms (form/plan.ts),
 * reports (report/), review packets (packets/) and authoring workbooks (authoring/) only produce
 * descriptions; src/xlsx turns them into files and src/excel applies them through Office.js, so the
 * same content comes out of every host.
 *
 * Coordinates are 0-based (row, col); sheet/a1.ts converts. Formulas are in Excel's invariant
 * (English, comma-separated) syntax with A1 references, starting with "=".
 */

export type HAlign = 'left' | 'center' | 'right';

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  /** points */
  size?: number;
  color?: string; // '#RRGGBB'
  fill?: string; // '#RRGGBB'
  hAlign?: HAlign;
  vAlign?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  /** thin border on all four sides, black unless borderColor says otherwise */
  border?: boolean;
  borderColor?: string; // '#RRGGBB'
  /** Excel number format, e.g. '0.00', '0%', '@' (text) */
  numberFormat?: string;
  /** unlocked for input when the sheet is protected */
  unlocked?: boolean;
}

/**
 * One cell. `value` is a constant and stays one: text is written as text by every host (never parsed
 * as a formula, whatever it starts with). `formula` is only ever built from the sheet's own
 * addresses, never from user text; `result` is its cached value, where the producer knows it.
 */
export interface SheetCell {
  row: number;
  col: number;
  value?: string | number;
  /** A formula beginning with "=". */
  formula?: string;
  result?: string | number;
  /** Key into the description's styles. */
  style?: string;
  /** A cell note (comment), e.g. the help of a column header. */
  note?: string;
}

export interface Merge {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** A workbook-level defined name pointing at one cell of the sheet. */
export interface PlanName {
  name: string;
  row: number;
  col: number;
}

export type ValidationRule =
  | { type: 'decimal'; min: number; max?: number }
  | { type: 'whole'; min: number; max?: number }
  /** `strict: false`: the list is offered, other text is accepted with a warning (a unit not listed). */
  | { type: 'list'; values: string[]; strict?: boolean };

export interface PlanValidation {
  row: number;
  col: number;
  /** The validation covers `rows` rows from `row` (default 1): a whole column of a table. */
  rows?: number;
  rule: ValidationRule;
  /** Input prompt and error alert, Vietnamese. */
  prompt: { title: string; message: string };
  error: { title: string; message: string };
  /** The prompt is kept but not shown on selection (a drop-down explained by the header's note). */
  quiet?: boolean;
}

/** Highlight cells of `range` (A1, on the sheet) where `formula` (relative to its top-left cell) is true. */
export interface PlanConditionalFormat {
  range: string;
  formula: string;
  fill: string;
  color?: string;
}

/** A4 margins of administrative documents, in millimetres (Nghị định 30/2020/NĐ-CP: 20 top and bottom, 30 left, 15 right). */
export const DOCUMENT_MARGINS = { top: 20, bottom: 20, left: 30, right: 15 } as const;

export interface PrintSetup {
  paper: 'A4';
  orientation: 'portrait' | 'landscape';
  fitToWidth: true;
  /** Rows repeated at the top of each printed page (0-based, inclusive). */
  titleRows: { first: number; last: number };
  /** Margins in millimetres (Nghị định 30/2020/NĐ-CP). */
  margins: { top: number; bottom: number; left: number; right: number };
}

/** Print setup where the title rows are optional, with an optional print area and page footer. */
export type SheetPrint = Omit<PrintSetup, 'titleRows'> & {
  titleRows?: PrintSetup['titleRows'];
  /** The printed area, A1 on the sheet ("A1:L40"). */
  area?: string;
  /** Footer in Excel's header/footer codes ("&L…&R&P/&N"). */
  footer?: string;
};

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
  /** Axis minimum (default 0): below zero for a chart of changes. */
  min?: number;
  /** The value axis's title: what the bars measure (points, or the 0–1 index). */
  valueAxisTitle?: string;
  /** Number format of the bar labels (default '0.00'; an index has 4 decimals). */
  numberFormat?: string;
  /** The cells the chart covers: its top-left cell and its size in rows and columns. */
  anchor: { row: number; col: number; rows: number; cols: number };
}

/** Sheet protection: no password by default; `autoFilter` lets the filter be used on a protected sheet. */
export interface SheetProtection {
  password?: string;
  autoFilter?: boolean;
}

export interface SheetDescription {
  sheetName: string;
  /** 'veryHidden': a sheet only programs see (metadata). */
  state?: 'visible' | 'veryHidden';
  /** Column widths in characters. */
  columns: number[];
  /** Columns (0-based) hidden from view. */
  hiddenColumns?: number[];
  /** Style key applied to whole columns (cells typed later take it: text formats, wrapping). */
  columnStyles?: Record<number, string>;
  defaultRowHeight?: number;
  /** Row heights in points, where not default. */
  rowHeights: Record<number, number>;
  font: { name: string; size: number };
  styles: Record<string, CellStyle>;
  cells: SheetCell[];
  merges: Merge[];
  names?: PlanName[];
  validations?: PlanValidation[];
  conditionalFormats?: PlanConditionalFormat[];
  /** Rows frozen at the top (0: none), columns frozen at the left. */
  freezeRows: number;
  freezeColumns?: number;
  /** The selected cell when the file opens (A1). */
  activeCell?: string;
  /** The filter buttons' range (0-based, inclusive). */
  autoFilter?: { row: number; col: number; lastRow: number; lastCol: number };
  print?: SheetPrint;
  protect?: SheetProtection;
  charts?: ReportChart[];
  /** Very hidden sheet holding metadata as key/value rows (forms). */
  metaSheet?: { name: string; rows: [string, string | number][] };
}

/** A workbook: its sheets in order and its title. */
export interface WorkbookDescription {
  title?: string;
  sheets: SheetDescription[];
}

/** Text that a spreadsheet would parse as a formula if typed into a cell. */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@]/.test(text);
}
