/** ExcelJS's Workbook class in the pane: the package's browser bundle (see exceljs.ts). */
import ExcelJS from 'exceljs';

export const Workbook = ExcelJS.Workbook;
