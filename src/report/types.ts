/**
 * ReportSheet: what a consolidation sheet ("Tổng hợp") contains, cell by cell, and the charts drawn
 * over it: a sheet description (sheet/types.ts), so the .xlsx writer (xlsx/report.ts) and the Excel
 * host (the pane's ranking button) apply the same content. Text values stay text in every host (the
 * Excel host writes them with the number format '@' set before the value, see isFormulaLike).
 */
import type { ReportChart, SheetDescription, SheetPrint } from '../sheet/types';

export type {
  CellStyle,
  Merge,
  ReportChart,
  SheetCell as ReportCell,
  SheetPrint as ReportPrint,
} from '../sheet/types';
export { isFormulaLike } from '../sheet/types';

export interface ReportSheet extends SheetDescription {
  print: SheetPrint;
  charts: ReportChart[];
}
