/**
 * ExcelJS's Workbook class. Node loads the class's own module (~0.09 s) rather than the package's entry
 * (~0.21 s), which also loads the streaming reader and writer (unzipper, archiver) nothing here uses.
 * The pane's build takes exceljs-browser.ts instead: the package's browser bundle (webpack.config.js,
 * browserExcelJs).
 */
import type ExcelJS from 'exceljs';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a module of the package, not its entry
export const Workbook = require('exceljs/lib/doc/workbook') as typeof ExcelJS.Workbook;
