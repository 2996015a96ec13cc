/**
 * ReportSheets → the bytes of a .xlsx workbook (the ranking workbook of `scorecard rank -o`, the
 * documents of a stage): the described sheets (describe-write.ts), then the bar charts added to the
 * zip (report/charts.ts). Text values are written as strings (shared strings), never as formulas.
 */
import type { ReportSheet } from '../report/types';
import type { SheetDescription } from '../sheet/types';
import { addCharts } from '../report/charts';
import { writeDescribedXlsx } from './describe-write';

export async function writeRankingXlsx(sheet: ReportSheet): Promise<Uint8Array> {
  return writeReportXlsx([sheet]);
}

/**
 * Several report sheets in one workbook (the documents of a stage), each with its charts; `hidden`:
 * very hidden sheets after them (the ranking's results for next year's --previous).
 */
export async function writeReportXlsx(
  sheets: ReportSheet[],
  hidden: SheetDescription[] = [],
): Promise<Uint8Array> {
  // Charts are added by unzipping and zipping again: ExcelJS then need not compress (nor fflate inflate)
  // what is compressed once, at the end.
  let bytes = await writeDescribedXlsx(
    { sheets: [...sheets, ...hidden] },
    sheets.some((s) => s.charts.length),
  );
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
