/**
 * ReportSheets → the bytes of a .xlsx workbook (the ranking workbook of `scorecard rank -o`, the
 * documents of a stage): the described sheets (describe-write.ts), then the bar charts added to the
 * zip (report/charts.ts). Text values are written as strings (shared strings), never as formulas.
 */
import type { ReportSheet } from '../report/types';
import type { SheetDescription } from '../sheet/types';
import { addCharts } from '../report/charts';
import { writeDescribedXlsx } from './describe-write';
import { zipOf, zipParts } from './zip-write';

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
  // Charts are added to the parts, zipped once at the end: ExcelJS then need not compress what is
  // unzipped again.
  const charted = sheets.some((s) => s.charts.length);
  const bytes = await writeDescribedXlsx({ sheets: [...sheets, ...hidden] }, charted);
  if (!charted) return bytes;
  const parts = zipParts(bytes);
  for (const sheet of sheets) {
    if (!sheet.charts.length) continue;
    const values = new Map<string, string | number>();
    for (const c of sheet.cells) {
      const v = c.formula !== undefined ? c.result : c.value;
      if (v !== undefined) values.set(`${c.row},${c.col}`, v);
    }
    addCharts(
      parts,
      sheet.sheetName,
      sheet.charts,
      (row, col) => values.get(`${row},${col}`),
      sheet.font.name,
    );
  }
  // [Content_Types].xml first, as Office writes it.
  const { '[Content_Types].xml': types, ...rest } = parts;
  return zipOf({ '[Content_Types].xml': types, ...rest });
}
