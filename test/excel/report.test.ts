/**
 * The consolidation sheet written through the Office.js host (src/excel/report.ts), on the recording
 * double: the previous report is replaced, a user's own "Tổng hợp" is kept, text copied from a
 * submission stays text, the bar charts point at the right ranges, two syncs whatever the number of
 * units, and a report too big for one 5 MB request is split into batches under the limit.
 */
import { rank, type RankingInput } from '../../src/core/ranking';
import { t } from '../../src/i18n';
import { parseA1 } from '../../src/sheet/a1';
import { summarySheet, SUMMARY_SHEET, type ReportSheet } from '../../src/report';
import {
  CHUNK_BUDGET,
  planBatches,
  previousReports,
  reportGrid,
  reportSheetNames,
  payloadLength,
  REQUEST_LIMIT,
  writeReportSheets,
} from '../../src/excel/report';
import { annexOf, entriesWorth, form } from '../core/ranking/fixtures';
import { bt, btRanking, HOSTILE } from '../report/fixtures';
import { ExcelDouble } from './double';
import { countSyncs, setup } from './fixtures';

/** A Bình Thuận ranking of `n` units spread over annexes I, III and IV, a few with hostile names. */
function ranking(n: number) {
  const annexes = ['I', 'III', 'IV'];
  const inputs: RankingInput[] = Array.from({ length: n }, (_, i) => {
    const annex = annexes[i % 3];
    const unitName = i < HOSTILE.length ? HOSTILE[i] : `Đơn vị thử nghiệm số ${i + 1}`;
    return form(bt, annex, '', {
      unitName,
      entries: entriesWorth(annexOf(bt, annex), 300 + ((i * 7) % 190)),
      received: '2019-09-13',
      file: `nop/${i + 1}.xlsx`,
    });
  });
  return rank(bt, inputs, { asOf: '2019-09-30' });
}
const report = (n: number) => summarySheet(bt, ranking(n), { asOf: '2019-09-30' });

/** JSON with every non-ASCII character escaped (\uXXXX): the largest form a request may take. */
const escapedJson = (v: unknown) =>
  JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const markers = (d: ExcelDouble) => d.names().filter((n) => /^SCORECARD_REPORT/.test(n.name));
const cellText = (d: ExcelDouble, sheet: string, row: number, col: number) =>
  d.sheet(sheet).cells.get(`${row},${col}`);

describe('pure parts', () => {
  test('payloadLength counts the worst case: non-ASCII as a JSON \\u escape, never less than UTF-8', () => {
    for (const s of ['abc', 'Tổng hợp', 'Đơn vị thử nghiệm', '😀 x', '']) {
      expect(payloadLength(s)).toBe(escapedJson(s).length - 2);
      expect(payloadLength(s)).toBeGreaterThanOrEqual(Buffer.byteLength(s, 'utf8'));
    }
  });

  test('reportGrid: numbers stay numbers, text that looks like input gets the quote prefix, formulas only from the report', () => {
    const sheet: ReportSheet = {
      ...report(6),
      cells: [
        { row: 0, col: 0, value: HOSTILE[0] },
        { row: 0, col: 1, value: 12.5 },
        { row: 0, col: 2, value: '1.10' },
        { row: 1, col: 0, value: 'Sở Nội vụ' },
        { row: 1, col: 1, formula: 'SUM(B1:B1)' },
        { row: 2, col: 3, value: Number.NaN },
      ],
      merges: [],
    };
    const grid = reportGrid(sheet);
    expect(grid.cells[0][0]).toBe(`'${HOSTILE[0]}`);
    expect(grid.cells[0][1]).toBe(12.5);
    expect(grid.cells[0][2]).toBe("'1.10");
    expect(grid.cells[1][0]).toBe('Sở Nội vụ');
    expect(grid.cells[1][1]).toBe('=SUM(B1:B1)');
    expect(grid.cells[2][3]).toBeNull();
    expect([...grid.formulaRows]).toEqual([1]);
  });

  test("previousReports finds the add-in's sheets by marker name, whatever their title; never by title", () => {
    const found = previousReports(
      ['Sheet1', 'Tổng hợp', 'Kết quả 2019', 'Tổng hợp (2)'],
      [
        { name: 'SCORECARD_REPORT_1', formula: "='Kết quả 2019'!$A$1" },
        { name: 'SCORECARD_REPORT_2', formula: '=#REF!$A$1' },
        { name: 'TOTAL', formula: "='Tổng hợp'!$A$1" },
      ],
    );
    expect(found.sheets).toEqual(['Kết quả 2019']);
    expect(found.names).toEqual(['SCORECARD_REPORT_1', 'SCORECARD_REPORT_2']);
    expect(reportSheetNames(['Tổng hợp'], ['Sheet1', 'Tổng hợp'])).toEqual(['Tổng hợp (2)']);
  });

  test('a report of 60 units is one batch; a huge one is split into bands under the budget, never inside a merge', () => {
    expect(planBatches([report(60)])).toHaveLength(1);
    const big = hugeReport(3000);
    const batches = planBatches([big]);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches)
      expect(batch.reduce((s, band) => s + band.bytes, 0)).toBeLessThanOrEqual(CHUNK_BUDGET);
    const bands = batches.flat();
    expect(bands[0].first).toBe(0);
    for (let i = 1; i < bands.length; i++) expect(bands[i].first).toBe(bands[i - 1].last); // every row once, in order
    expect(bands[bands.length - 1].last).toBe(3000);
    for (const m of big.merges)
      expect(bands.some((b) => b.first <= m.row && m.row + m.rows <= b.last)).toBe(true);
  });
});

/** A synthetic report of `rows` rows × 12 columns of long Vietnamese text: several megabytes. */
function hugeReport(rows: number): ReportSheet {
  const text =
    'Đã triển khai hệ thống quản lý văn bản và điều hành, chữ ký số chuyên dùng, thư điện tử công vụ; ';
  const cells: ReportSheet['cells'] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < 12; c++)
      cells.push({
        row: r,
        col: c,
        value: c === 0 ? r + 1 : `${r}:${c} ${text.repeat(2)}`,
        style: c % 2 ? 'a' : 'b',
      });
  return {
    sheetName: SUMMARY_SHEET,
    columns: Array(12).fill(20),
    rowHeights: {},
    font: { name: 'Times New Roman', size: 11 },
    styles: { a: { wrap: true, border: true }, b: { bold: true, fill: '#E2EFDA' } },
    cells,
    // merges of two rows every 100 rows, so a cut has to step around them
    merges: Array.from({ length: Math.floor(rows / 100) }, (_, i) => ({
      row: i * 100 + 99 - (i % 2),
      col: 12,
      rows: 2,
      cols: 1,
    })).filter((m) => m.row + m.rows <= rows),
    freezeRows: 1,
    print: {
      paper: 'A4',
      orientation: 'landscape',
      fitToWidth: true,
      margins: { top: 20, bottom: 20, left: 30, right: 15 },
    },
    charts: [],
  };
}

describe('writeReport on the recording double', () => {
  test('writes "Tổng hợp" in two syncs: cells, text kept as text, styles, merges, widths, print setup, charts, marker', async () => {
    const { d, host } = setup();
    const sheet = summarySheet(bt, btRanking(), { asOf: '2019-09-30' });
    const { result, syncs } = await countSyncs(d, () => host.writeReport(sheet ? [sheet] : []));
    expect(result.sheetNames).toEqual([SUMMARY_SHEET]);
    expect(syncs).toBe(2);
    const s = d.sheet(SUMMARY_SHEET);
    expect(d.activeSheet().name).toBe(SUMMARY_SHEET);

    // every value as the report has it; text that would be a formula stays text
    for (const c of sheet.cells) {
      if (c.value === undefined) continue;
      const cell = s.cells.get(`${c.row},${c.col}`)!;
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(c.value);
    }
    for (const name of HOSTILE.filter((h) => sheet.cells.some((c) => c.value === h))) {
      const c = sheet.cells.find((x) => x.value === name)!;
      expect(cellText(d, SUMMARY_SHEET, c.row, c.col)).toMatchObject({
        value: name,
        quotePrefix: true,
        formula: undefined,
      });
    }
    expect(sheet.cells.some((c) => c.value === HOSTILE[0])).toBe(true); // =HYPERLINK(…) is among them

    // number formats, styles, borders, merges, column widths, print setup
    const total = sheet.cells.find((c) => c.style === 'total' && typeof c.value === 'number')!;
    expect(s.cells.get(`${total.row},${total.col}`)).toMatchObject({ numberFormat: '0.00' });
    expect(s.cells.get(`${total.row},${total.col}`)!.format).toMatchObject({
      'font.bold': true,
      'fill.color': '#E2EFDA',
    });
    expect(s.cells.get(`${total.row},${total.col}`)!.borders).toMatchObject({
      top: 'Continuous/Thin/#000000',
      left: 'Continuous/Thin/#000000',
    });
    expect(s.merges).toHaveLength(sheet.merges.length);
    expect(s.columnWidths.get(2)).toBeCloseTo((sheet.columns[2] * 7 + 5) * 0.75, 1);
    expect(s.font).toEqual({ name: 'Times New Roman', size: 11 });
    expect(s.pageLayout).toMatchObject({
      paperSize: 'A4',
      orientation: 'Landscape',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    });
    for (const [row, h] of Object.entries(sheet.rowHeights)) expect(s.rowHeights.get(Number(row))).toBe(h);

    // one bar chart per annex with placed units, over the report's own ranges
    expect(sheet.charts.length).toBeGreaterThan(0);
    expect(s.charts).toHaveLength(sheet.charts.length);
    sheet.charts.forEach((c, i) => {
      expect(s.charts[i]).toMatchObject({
        type: 'BarClustered',
        source: c.values,
        categories: c.categories,
        seriesName: c.seriesName,
        title: c.title,
        valueMin: 0,
        valueMax: c.max,
        valueAxisTitle: c.valueAxisTitle,
        valueAxisTitleVisible: true,
        reversePlotOrder: true,
        legendVisible: false,
        position: { start: `${colLetter(c.anchor.col)}${c.anchor.row + 1}` },
      });
      // the categories are the unit names of the rows whose totals the bars show
      expect(parseA1(c.categories.split(':')[0])!.row).toBe(parseA1(c.values.split(':')[0])!.row);
    });

    // the marker: a workbook name on the report's A1
    expect(markers(d)).toEqual([
      { name: 'SCORECARD_REPORT_1', scope: null, sheet: SUMMARY_SHEET, address: 'A1' },
    ]);
    expect(d.enableEvents).toBe(true);
  });

  test('re-running replaces the previous report and keeps every other sheet', async () => {
    const { d, host } = setup();
    d.type('Sheet1', 'A1', [['ghi chú của người dùng']]);
    await host.writeReport([report(30)]);
    const { syncs } = await countSyncs(d, () => host.writeReport([report(9)]));
    expect(syncs).toBe(2);
    expect(d.sheetNames()).toEqual(['Sheet1', SUMMARY_SHEET]);
    expect(markers(d)).toHaveLength(1);
    // the rows of the 30-unit table below the 9-unit one are gone with the old sheet
    const second = report(9);
    const lastRow = Math.max(...second.cells.map((c) => c.row));
    expect(
      [...d.sheet(SUMMARY_SHEET).cells.keys()].every((k) => Number(k.split(',')[0]) <= lastRow + 2),
    ).toBe(true);
    expect(d.value('Sheet1', 'A1')).toBe('ghi chú của người dùng');
  });

  test('a user\'s own sheet called "Tổng hợp" is never deleted; a renamed report is still recognised', async () => {
    const { d, host } = setup();
    d.addSheet(SUMMARY_SHEET);
    d.type(SUMMARY_SHEET, 'B2', [['Bảng của tôi', 42]]);
    const first = await host.writeReport([report(12)]);
    expect(first.sheetNames).toEqual([`${SUMMARY_SHEET} (2)`]);
    await host.writeReport([report(12)]);
    expect(d.sheetNames()).toEqual(['Sheet1', SUMMARY_SHEET, `${SUMMARY_SHEET} (2)`]);
    expect(d.value(SUMMARY_SHEET, 'B2')).toBe('Bảng của tôi');
    expect(d.value(SUMMARY_SHEET, 'C2')).toBe(42);

    d.renameSheet(`${SUMMARY_SHEET} (2)`, 'Kết quả 2019');
    await host.writeReport([report(12)]);
    expect(d.sheetNames()).toEqual(['Sheet1', SUMMARY_SHEET, `${SUMMARY_SHEET} (2)`]);
    expect(d.value(SUMMARY_SHEET, 'B2')).toBe('Bảng của tôi');
    expect(markers(d).map((m) => m.sheet)).toEqual([`${SUMMARY_SHEET} (2)`]);
  });

  test('the number of syncs does not grow with the units: 6, 60 and 300 units take 2 each', async () => {
    for (const n of [6, 60, 300]) {
      const { d, host } = setup();
      const { syncs } = await countSyncs(d, () => host.writeReport([report(n)]));
      expect({ n, syncs }).toEqual({ n, syncs: 2 });
    }
  });

  test('runs with delayForCellEdit, so a user typing in a cell delays the write instead of failing it', async () => {
    const d = new ExcelDouble();
    const calls: unknown[] = [];
    const run = ((...args: unknown[]) => {
      calls.push(args[0]);
      return (d.run as (...a: unknown[]) => Promise<unknown>)(...args);
    }) as never;
    await writeReportSheets(run, [report(6)], { requirements: d.requirements });
    expect(calls).toEqual([{ delayForCellEdit: true }]);
  });

  test('on ExcelApi 1.8 the print setup is skipped and formats go per rectangle; still 2 syncs', async () => {
    const { d, host } = setup({ apiVersion: '1.8' });
    const { syncs } = await countSyncs(d, () => host.writeReport([report(12)]));
    expect(syncs).toBe(2);
    expect(host.skipped).toEqual(['print setup (ExcelApi 1.9)']);
    expect(d.sheet(SUMMARY_SHEET).pageLayout).toEqual({});
    expect(d.sheet(SUMMARY_SHEET).charts.length).toBeGreaterThan(0);
  });

  test('a report too big for one request is written in several batches, each under 5 MB, one sync each', async () => {
    const d = new ExcelDouble();
    const big = hugeReport(3000);
    const before = d.syncs;
    const result = await writeReportSheets(d.run as never, [big], { requirements: d.requirements });
    expect(result.batches).toBeGreaterThan(1);
    expect(result.syncs).toBe(1 + result.batches);
    expect(d.syncs - before).toBe(result.syncs);
    // what each sync carried, measured on the recorded writes (independently of the estimate)
    const perBatch = new Map<number, number>();
    for (const w of d.writes)
      perBatch.set(
        w.batch,
        (perBatch.get(w.batch) ?? 0) + escapedJson(w.value).length + w.address.length + 40,
      );
    const sizes = [...perBatch.values()];
    expect(Math.max(...sizes)).toBeLessThan(REQUEST_LIMIT);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(REQUEST_LIMIT); // it really needed splitting
    // every row arrived, text as text
    const s = d.sheet(SUMMARY_SHEET);
    expect(s.cells.get('2999,11')?.value).toBe(big.cells[big.cells.length - 1].value);
    expect(s.cells.get('0,0')?.value).toBe(1);
    expect(s.merges).toHaveLength(big.merges.length);
    expect(d.enableEvents).toBe(true);
  });

  test('a failing batch is rethrown and events are turned back on', async () => {
    const { d, host } = setup();
    const sheet = report(6);
    const broken: ReportSheet = {
      ...sheet,
      styles: { ...sheet.styles, title: { ...sheet.styles.title, color: 'red' } },
    }; // not #RRGGBB
    await expect(host.writeReport([broken])).rejects.toThrow(/InvalidArgument/);
    expect(d.enableEvents).toBe(true);
  });

  test('the marker name carries an explanation for whoever finds it in the Name Manager', async () => {
    const { d, host } = setup();
    await host.writeReport([report(6)]);
    expect(d._names.find((n) => n.name === 'SCORECARD_REPORT_1')?.comment).toBe(t('vi', 'excelReportMarker'));
    expect(t('vi', 'excelReportMarker').length).toBeLessThanOrEqual(255);
  });
});

function colLetter(c: number): string {
  return c < 26
    ? String.fromCharCode(65 + c)
    : colLetter(Math.floor(c / 26) - 1) + String.fromCharCode(65 + (c % 26));
}
