/**
 * SheetPlan: what a form sheet contains, cell by cell. Pure data, produced by plan.ts from a rulebook
 * annex, a unit and a year, and applied by both hosts (excel/ for Office.js, xlsx/ for files), so a
 * form made in Excel and one made by the command line are the same form.
 *
 * Coordinates are 0-based (row, col); `a1` helpers in a1.ts convert. Formulas are in Excel's
 * invariant (English, comma-separated) syntax with A1 references, starting with "=".
 */

import type { FormMeta } from '../core/submission';

// The domain records live in core; re-exported here so form code keeps its imports.
export type { Appraisal, FormMeta, Submission } from '../core/submission';

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
  /** thin border on all four sides */
  border?: boolean;
  /** Excel number format, e.g. '0.00', '0%' */
  numberFormat?: string;
  /** unlocked for input when the sheet is protected */
  unlocked?: boolean;
}

export interface PlanCell {
  row: number;
  col: number;
  /** A constant: text is always written as text (never interpreted as a formula). */
  value?: string | number;
  /** A formula beginning with "=". */
  formula?: string;
  /** Key into SheetPlan.styles. */
  style?: string;
}

export interface Merge {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** A workbook-level defined name pointing at one cell of the form sheet. */
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
  rule: ValidationRule;
  /** Input prompt and error alert, Vietnamese. */
  prompt: { title: string; message: string };
  error: { title: string; message: string };
}

/** Highlight cells of `range` (A1, on the form sheet) where `formula` (relative to its top-left cell) is true. */
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

export interface SheetPlan {
  sheetName: string;
  meta: FormMeta;
  /** Column widths in characters. */
  columns: number[];
  /** Row heights in points, where not default. */
  rowHeights: Record<number, number>;
  font: { name: string; size: number };
  styles: Record<string, CellStyle>;
  cells: PlanCell[];
  merges: Merge[];
  names: PlanName[];
  validations: PlanValidation[];
  conditionalFormats: PlanConditionalFormat[];
  /** Rows frozen at the top (the table header stays visible). */
  freezeRows: number;
  print: PrintSetup;
  /** Protect the sheet (inputs are unlocked by their style); no password by default. */
  protect: { password?: string };
  /** Very hidden sheet holding the metadata as key/value rows. */
  metaSheet: { name: string; rows: [string, string | number][] };
}
