/**
 * Write consolidation sheets (ReportSheet, src/report) into the open workbook: the ranking button's
 * "Tổng hợp". The decisions are pure and exported (reportGrid, planBatches, previousReports); the
 * Office.js part queues each batch and syncs once per batch:
 *
 *   sync 1        survey: the sheets' names and the workbook's names (which sheets the add-in wrote)
 *   sync 2        everything else: old report sheets out, new sheets in, cells, formats, merges,
 *                 row heights, print setup, charts, marker names, activation
 *   sync 3…       only when one batch would exceed Excel on the web's 5 MB request limit: the cell
 *                 rows are split into bands and packed into batches of at most CHUNK_BUDGET
 *                 (estimated), one sync per batch.
 *                 This loop of syncs is the single exception to "never sync in a loop", and exists
 *                 only for that limit; a few hundred units fit one batch.
 *
 * A report sheet is recognised by a workbook-scoped defined name SCORECARD_REPORT_<n> pointing at its
 * A1 (the reference follows the sheet through renames), never by its title: a user's own sheet called
 * "Tổng hợp" is never deleted; the new report then gets "Tổng hợp (2)". A copy the user makes of a
 * report carries at most sheet-level copies of the name, which are not looked at, so it is kept too.
 */
import type { CellStyle, SheetDescription } from '../sheet/types';
import type { ReportChart, ReportSheet } from '../report/types';
import { t } from '../i18n';
import { a1 as cellAddress, parseReference } from '../sheet/a1';
import { charsToPoints, hasFormat, textConstant, toRects } from './cells';
import { supports, type Requirements } from './capabilities';
import type { ExcelRunner } from './runner';
import { uniqueSheetName } from './sheet-names';
import { applyBorders, applyStyle, queuePrintSetup, targets } from './write';

/** Excel on the web refuses a request (and a response) above 5 MB (office-notes §2.1). */
export const REQUEST_LIMIT = 5 * 1024 * 1024;
/** What one batch may be estimated at: a fifth of headroom for the request envelope and estimate error. */
export const CHUNK_BUDGET = 4 * 1024 * 1024;
/**
 * Bytes of one queued command as Office.js serialises it (action id and type, object path, property
 * name, arguments): ~150–300 in practice; counted high on purpose, so an estimate errs towards
 * splitting.
 */
export const OP_BYTES = 400;

export const REPORT_MARKER = 'SCORECARD_REPORT';
const MARKER = /^SCORECARD_REPORT(?:_\d+)?$/i;
const markerName = (k: number) => `${REPORT_MARKER}_${k + 1}`;

export type GridCell = string | number | null;

/**
 * Bytes a string may take in a request: ASCII one byte each; anything else six, as a JSON `\uXXXX`
 * escape (the worst a serialiser may do: UTF-8 would take 2–3 bytes for a Vietnamese letter).
 */
export function payloadLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) n += s.charCodeAt(i) < 0x80 ? 1 : 6;
  return n;
}

/** The JSON of a value as a request may carry it, in bytes (worst case, see payloadLength). */
export const jsonBytes = (v: unknown) => payloadLength(JSON.stringify(v) ?? 'null');

/**
 * A report sheet as 2-D arrays: the cell contents (null where there is none: Excel leaves the cell
 * alone), the number formats (null where General) and which rows hold a formula. Text goes through
 * textConstant: anything Excel would parse as typed input (=HYPERLINK(…), +84…, -1+2, @SUM, 1.10,
 * TRUE) gets Excel's quote prefix and stays the text it is.
 */
export function reportGrid(sheet: SheetDescription): {
  rows: number;
  cols: number;
  cells: GridCell[][];
  numberFormats: (string | null)[][];
  formulaRows: Set<number>;
} {
  let rows = 0;
  let cols = sheet.columns.length;
  for (const c of sheet.cells) {
    rows = Math.max(rows, c.row + 1);
    cols = Math.max(cols, c.col + 1);
  }
  for (const m of sheet.merges) {
    rows = Math.max(rows, m.row + m.rows);
    cols = Math.max(cols, m.col + m.cols);
  }
  const cells: GridCell[][] = Array.from({ length: rows }, () => new Array<GridCell>(cols).fill(null));
  const numberFormats: (string | null)[][] = Array.from({ length: rows }, () =>
    new Array<string | null>(cols).fill(null),
  );
  const formulaRows = new Set<number>();
  for (const c of sheet.cells) {
    const format = c.style ? sheet.styles[c.style]?.numberFormat : undefined;
    if (format) numberFormats[c.row][c.col] = format;
    if (c.formula !== undefined) {
      cells[c.row][c.col] = c.formula.startsWith('=') ? c.formula : `=${c.formula}`;
      formulaRows.add(c.row);
    } else if (typeof c.value === 'number') cells[c.row][c.col] = Number.isFinite(c.value) ? c.value : null;
    else if (typeof c.value === 'string') cells[c.row][c.col] = textConstant(c.value, format === '@');
  }
  return { rows, cols, cells, numberFormats, formulaRows };
}

/** Rows [first, last) of one sheet, written in one batch. */
export interface Band {
  sheet: number;
  first: number;
  last: number;
  /** Estimated request bytes of the band's writes. */
  bytes: number;
}

/** Commands a style costs on one area: one per property it sets (borders are counted apart). */
function styleOps(style: CellStyle | undefined): number {
  if (!style) return 0;
  return Object.entries(style).filter(([k, v]) => v !== undefined && k !== 'numberFormat' && k !== 'border')
    .length;
}
/** Commands of the thin grid on one area: 6 edges × (getItem, style, weight, color). */
const BORDER_OPS = 24;

/** What the estimate needs of a sheet, computed once. */
interface Costing {
  sheet: ReportSheet;
  /** JSON bytes of each row's contents plus its number formats. */
  rowJson: number[];
  cellsByRow: ReportSheet['cells'][];
}

function costing(sheet: ReportSheet, grid: ReturnType<typeof reportGrid>): Costing {
  const cellsByRow: ReportSheet['cells'][] = Array.from({ length: grid.rows }, () => []);
  for (const c of sheet.cells) cellsByRow[c.row].push(c);
  return {
    sheet,
    rowJson: grid.cells.map((row, r) => jsonBytes(row) + jsonBytes(grid.numberFormats[r])),
    cellsByRow,
  };
}

/**
 * Estimated request bytes of writing rows [first, last) as queueBand does: the contents and number
 * formats as JSON, plus OP_BYTES for every command (each style's properties on each of its rectangles
 * in the band, as if RangeAreas were not available; the grid of borders; merges; row heights).
 */
export function bandBytes(c: Costing, first: number, last: number): number {
  let bytes = 0;
  const byStyle = new Map<string, { row: number; col: number }[]>();
  const bordered: { row: number; col: number }[] = [];
  let ops = 2; // the block's range, its contents
  for (let r = first; r < last; r++) {
    bytes += c.rowJson[r];
    for (const cell of c.cellsByRow[r]) {
      if (!cell.style) continue;
      const list = byStyle.get(cell.style) ?? [];
      list.push(cell);
      byStyle.set(cell.style, list);
      if (c.sheet.styles[cell.style]?.border) bordered.push(cell);
    }
    if (c.sheet.rowHeights[r] !== undefined) ops += 2;
  }
  for (const [key, cells] of byStyle) ops += toRects(cells).length * (styleOps(c.sheet.styles[key]) + 1);
  ops += toRects(bordered).length * BORDER_OPS;
  ops += c.sheet.merges.filter((m) => m.row >= first && m.row < last).length * 2;
  return bytes + ops * OP_BYTES;
}

/** The fixed commands of a sheet (font, column widths, freeze, print setup, charts, marker name), in bytes. */
export function sheetOverheadBytes(sheet: ReportSheet): number {
  const ops = 8 + sheet.columns.length * 2 + 12 + sheet.charts.length * 14;
  return ops * OP_BYTES + sheet.charts.reduce((s, c) => s + jsonBytes(c), 0);
}

/**
 * The batches. Each sheet's rows are halved until every band's estimate fits `budget` (a cut never
 * goes through a merge), then adjacent bands are packed greedily into batches of at most `budget`;
 * the first batch also carries every sheet's fixed commands and `reserved` bytes (the data sheets,
 * hiddenSheetBytes). A single row over the budget stays one
 * band (Excel may refuse it; no report row comes near).
 */
export function planBatches(sheets: ReportSheet[], budget = CHUNK_BUDGET, reserved = 0): Band[][] {
  const bands: Band[] = [];
  sheets.forEach((sheet, index) => {
    const grid = reportGrid(sheet);
    const cost = costing(sheet, grid);
    const noCut = new Set<number>(); // a cut before row r would split a merge
    for (const m of sheet.merges) for (let r = m.row + 1; r < m.row + m.rows; r++) noCut.add(r);
    const split = (first: number, last: number) => {
      const bytes = bandBytes(cost, first, last);
      let cut: number | undefined;
      if (bytes > budget) {
        const mid = Math.floor((first + last) / 2);
        for (let d = 0; cut === undefined && d < last - first; d++)
          for (const at of [mid - d, mid + d]) if (at > first && at < last && !noCut.has(at)) cut = cut ?? at;
      }
      if (cut === undefined) bands.push({ sheet: index, first, last, bytes });
      else {
        split(first, cut);
        split(cut, last);
      }
    };
    if (grid.rows > 0) split(0, grid.rows);
  });
  const batches: Band[][] = [[]];
  let used = sheets.reduce((s, sh) => s + sheetOverheadBytes(sh), reserved);
  for (const band of bands) {
    if (used + band.bytes > budget && used > 0) {
      batches.push([]);
      used = 0;
    }
    batches[batches.length - 1].push(band);
    used += band.bytes;
  }
  return batches;
}

/** A workbook name as the survey read it. */
export interface NameInfo {
  name: string;
  formula: string;
}

const sameSheetName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The add-in's earlier report sheets (by marker name, whatever they are called now) and the marker
 * names to delete (those of existing reports and those left dangling, #REF!).
 */
export function previousReports(
  sheetNames: string[],
  names: NameInfo[],
): { sheets: string[]; names: string[] } {
  const sheets: string[] = [];
  const markers: string[] = [];
  for (const n of names) {
    if (!MARKER.test(n.name)) continue;
    markers.push(n.name);
    const ref = parseReference(n.formula);
    const sheet = ref ? sheetNames.find((s) => sameSheetName(s, ref.sheet)) : undefined;
    if (sheet && !sheets.includes(sheet)) sheets.push(sheet);
  }
  return { sheets, names: markers };
}

/** Names for the new sheets: as the reports ask, unique among the sheets that stay (a user's "Tổng hợp" stays). */
export function reportSheetNames(wanted: string[], staying: string[]): string[] {
  const taken = [...staying];
  return wanted.map((name) => {
    const unique = uniqueSheetName(name, taken);
    taken.push(unique);
    return unique;
  });
}

export interface WriteReportOptions {
  requirements?: Requirements;
  /**
   * Very hidden data sheets written with the reports (the ranking's results, for next year's
   * comparison): values only, each replacing the sheet of its name, whoever wrote it.
   */
  hidden?: SheetDescription[];
  /** Per-batch estimate limit (tests lower it to force chunking). */
  budget?: number;
}

export interface WriteReportResult {
  sheetNames: string[];
  /** context.sync() calls made. */
  syncs: number;
  /** Batches of writes (syncs after the survey). */
  batches: number;
  /** What this Excel could not apply (print setup before ExcelApi 1.9). */
  skipped: string[];
}

interface Written {
  sheet: Excel.Worksheet;
  report: ReportSheet;
  grid: ReturnType<typeof reportGrid>;
}

/** Consecutive rows of equal height → one command per run. */
function heightRuns(
  rowHeights: Record<number, number>,
  first: number,
  last: number,
): { row: number; rows: number; height: number }[] {
  const runs: { row: number; rows: number; height: number }[] = [];
  for (let r = first; r < last; r++) {
    const h = rowHeights[r];
    if (h === undefined) continue;
    const prev = runs[runs.length - 1];
    if (prev && prev.row + prev.rows === r && prev.height === h) prev.rows++;
    else runs.push({ row: r, rows: 1, height: h });
  }
  return runs;
}

/** Queue the rows [first, last) of a report: number formats, contents, row heights, styles, borders, merges. */
function queueBand({ sheet, report, grid }: Written, first: number, last: number, rangeAreas: boolean): void {
  const rows = last - first;
  if (rows <= 0 || grid.cols === 0) return;
  const block = sheet.getRangeByIndexes(first, 0, rows, grid.cols);
  const formats = grid.numberFormats.slice(first, last);
  if (formats.some((row) => row.some((f) => f !== null))) block.numberFormat = formats as string[][];
  const cells = grid.cells.slice(first, last);
  let formula = false;
  for (let r = first; r < last && !formula; r++) formula = grid.formulaRows.has(r);
  // Formulas only where the report has them; otherwise the same array as plain values.
  if (formula) block.formulas = cells as unknown as string[][];
  else block.values = cells as unknown as string[][];

  for (const run of heightRuns(report.rowHeights, first, last))
    sheet.getRangeByIndexes(run.row, 0, run.rows, 1).getEntireRow().format.rowHeight = run.height;

  const inBand = report.cells.filter((c) => c.row >= first && c.row < last);
  const byStyle = new Map<string, { row: number; col: number }[]>();
  for (const c of inBand) {
    if (!c.style) continue;
    const list = byStyle.get(c.style) ?? [];
    list.push(c);
    byStyle.set(c.style, list);
  }
  const options = { rangeAreas };
  for (const [key, cellsOfStyle] of byStyle) {
    const style = report.styles[key];
    if (!style || !hasFormat({ ...style, border: undefined })) continue;
    for (const target of targets<{ format: Excel.RangeFormat }>(sheet, toRects(cellsOfStyle), options))
      applyStyle(target, style);
  }
  const bordered = toRects(inBand.filter((c) => c.style && report.styles[c.style]?.border));
  for (const target of targets<{ format: Excel.RangeFormat }>(sheet, bordered, options)) applyBorders(target);
  for (const m of report.merges)
    if (m.row >= first && m.row < last) sheet.getRangeByIndexes(m.row, m.col, m.rows, m.cols).merge(false);
}

/** Queue a bar chart over the report: values, unit names as categories, rank 1 on top, axis 0…max. */
function queueChart(sheet: Excel.Worksheet, chart: ReportChart): void {
  const c = sheet.charts.add('BarClustered', sheet.getRange(chart.values), 'Columns');
  c.title.text = chart.title;
  c.legend.visible = false;
  const series = c.series.getItemAt(0);
  series.name = chart.seriesName;
  series.setXAxisValues(sheet.getRange(chart.categories)); // ExcelApi 1.7
  c.axes.categoryAxis.reversePlotOrder = true; // bars top to bottom in rank order (1.7)
  c.axes.valueAxis.minimum = chart.min ?? 0;
  if (chart.max !== undefined) c.axes.valueAxis.maximum = chart.max;
  if (chart.valueAxisTitle !== undefined) {
    // A new chart's axis title is hidden: the text alone would not show.
    c.axes.valueAxis.title.text = chart.valueAxisTitle;
    c.axes.valueAxis.title.visible = true;
  }
  c.dataLabels.showValue = true;
  const { row, col, rows, cols } = chart.anchor;
  c.setPosition(cellAddress(row, col), cellAddress(row + rows - 1, col + cols - 1));
}

/** Request bytes of the data sheets: their values, and a few commands each. */
export function hiddenSheetBytes(hidden: SheetDescription[]): number {
  return hidden.reduce((sum, sheet) => sum + jsonBytes(reportGrid(sheet).cells) + 6 * OP_BYTES, 0);
}

/**
 * Queue a very hidden data sheet in place of any sheet of its name: people never see it, and programs
 * find it by that name, so an older one (this add-in's, or the command line's opened in Excel) goes.
 * Excel refuses to delete a very hidden sheet: it is made merely hidden first.
 */
function queueHiddenSheet(wb: Excel.Workbook, sheet: SheetDescription, existing: string[]): void {
  const old = existing.find((name) => sameSheetName(name, sheet.sheetName));
  if (old !== undefined) {
    const gone = wb.worksheets.getItem(old);
    gone.visibility = 'Hidden';
    gone.delete();
  }
  const ws = wb.worksheets.add(sheet.sheetName);
  const grid = reportGrid(sheet);
  if (grid.rows > 0 && grid.cols > 0)
    ws.getRangeByIndexes(0, 0, grid.rows, grid.cols).values = grid.cells as unknown as string[][];
  ws.visibility = 'VeryHidden';
}

/**
 * Replace the add-in's report sheets with `reports` (and its data sheets with `options.hidden`). Runs with delayForCellEdit, so a user typing in a
 * cell delays the write instead of failing it. Office.js has no transactions: if a batch fails, events
 * are turned back on (one more sync) and the error is rethrown; a partly written sheet stays visible.
 */
export async function writeReportSheets(
  run: ExcelRunner,
  reports: ReportSheet[],
  options: WriteReportOptions = {},
): Promise<WriteReportResult> {
  const req = options.requirements;
  const rangeAreas = supports(req, 'rangeAreas');
  const pageLayout = supports(req, 'pageLayout');
  const hidden = options.hidden ?? [];
  const batches = planBatches(reports, options.budget, hiddenSheetBytes(hidden));
  const skipped = pageLayout ? [] : ['print setup (ExcelApi 1.9)'];
  let syncs = 0;
  const sheetNames = await run({ delayForCellEdit: true }, async (ctx) => {
    const sync = async () => {
      syncs++;
      await ctx.sync();
    };
    // Sync 1: which sheets exist and which of them the add-in wrote.
    const wb = ctx.workbook;
    const sheetList = wb.worksheets.load('items/name');
    const nameList = wb.names.load('items/name,items/formula');
    await sync();
    const existing = sheetList.items.map((s) => s.name);
    const previous = previousReports(
      existing,
      nameList.items.map((n) => ({ name: n.name, formula: String(n.formula ?? '') })),
    );
    const staying = existing.filter((s) => !previous.sheets.some((p) => sameSheetName(p, s)));
    const finalNames = reportSheetNames(
      reports.map((r) => r.sheetName),
      staying,
    );

    let written: Written[] = [];
    const setEvents = (on: boolean) => {
      if (supports(req, 'enableEvents')) ctx.runtime.enableEvents = on;
    };
    try {
      for (const [b, bands] of batches.entries()) {
        setEvents(false); // our writes must not wake the live view's onChanged handlers
        if (supports(req, 'suspendCalculation')) wb.application.suspendApiCalculationUntilNextSync();
        if (pageLayout) wb.application.suspendScreenUpdatingUntilNextSync();
        if (b === 0) {
          // Old reports out, after the new sheets exist (a workbook must keep a visible sheet); names first.
          for (const name of previous.names) wb.names.getItem(name).delete();
          const taken = [...existing, ...finalNames];
          const old = previous.sheets.map((name) => {
            const sheet = wb.worksheets.getItem(name);
            const aside = uniqueSheetName('_scorecard_old', taken);
            taken.push(aside);
            sheet.name = aside; // frees the report's name for the new sheet
            return sheet;
          });
          written = reports.map((report, i) => ({
            sheet: wb.worksheets.add(finalNames[i]),
            report,
            grid: reportGrid(report),
          }));
          for (const sheet of old) sheet.delete();
          for (const sheet of hidden) queueHiddenSheet(wb, sheet, existing);
          written.forEach(({ sheet, report }, i) => {
            const all = sheet.getRange();
            all.format.font.name = report.font.name;
            all.format.font.size = report.font.size;
            report.columns.forEach((width, col) => {
              sheet.getRangeByIndexes(0, col, 1, 1).getEntireColumn().format.columnWidth =
                charsToPoints(width);
            });
            if (report.freezeRows > 0) sheet.freezePanes.freezeRows(report.freezeRows);
            if (pageLayout) queuePrintSetup(sheet, report.print);
            wb.names.add(markerName(i), sheet.getRange('A1'), t('vi', 'excelReportMarker'));
          });
        }
        for (const band of bands) queueBand(written[band.sheet], band.first, band.last, rangeAreas);
        if (b === batches.length - 1) {
          for (const { sheet, report } of written)
            for (const chart of report.charts) queueChart(sheet, chart);
          written[0]?.sheet.activate();
          setEvents(true);
        }
        await sync();
      }
    } catch (error) {
      setEvents(true);
      await ctx.sync().catch(() => undefined);
      syncs++;
      throw error;
    }
    return finalNames;
  });
  return { sheetNames, syncs, batches: batches.length, skipped };
}
