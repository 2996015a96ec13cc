/**
 * The ranking workbook: cells written by ExcelJS (user text always as text), bar charts added to the
 * zip by hand (charts.ts), checked part by part, read back by ExcelJS and opened by LibreOffice.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { summarySheet, type ReportSheet } from '../../src/report';
import { writeRankingXlsx } from '../../src/xlsx/report';
import { addCharts, chartXml, rangeCells, xmlText } from '../../src/report/charts';
import { zipOf, zipParts } from '../../src/xlsx/zip-write';
import { readWorkbook } from '../../src/xlsx/read';
import { makeProfile, requireSoffice } from '../helpers/soffice';
import { bt, btRanking, HOSTILE } from './fixtures';

// xml2js (a dev dependency without types) as the well-formedness check of the parts written by hand.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseStringPromise } = require('xml2js') as { parseStringPromise: (xml: string) => Promise<unknown> };

const files = (bytes: Uint8Array) => unzipSync(bytes);
const text = (bytes: Uint8Array, path: string) => strFromU8(files(bytes)[path]);

async function load(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb.worksheets[0];
}

/** A small sheet: hostile texts in column A, a number, and one formula the report itself built. */
function hostileSheet(): ReportSheet {
  const values = [...HOSTILE, '-', '@', '=', '+'];
  return {
    sheetName: 'Tổng hợp',
    columns: [30, 10],
    rowHeights: {},
    font: { name: 'Times New Roman', size: 11 },
    styles: { t: { wrap: true, border: true } },
    cells: [
      ...values.map((value, i) => ({ row: i, col: 0, value, style: 't' })),
      { row: 0, col: 1, value: 7 },
      { row: 1, col: 1, formula: '=B1*2', result: 14 },
    ],
    merges: [],
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

describe('writeRankingXlsx: cells', () => {
  it('writes text that looks like a formula as text, and only the report’s own formulas as formulas', async () => {
    const sheet = hostileSheet();
    const bytes = await writeRankingXlsx(sheet);
    const xml = text(bytes, 'xl/worksheets/sheet1.xml');
    // Exactly one <f> element: B2's. Every hostile text is a shared string.
    expect(xml.match(/<f[\s>]/g)).toHaveLength(1);
    expect(xml).toMatch(/<c r="B2"[^>]*><f>B1\*2<\/f>/);
    const shared = text(bytes, 'xl/sharedStrings.xml');
    for (const v of HOSTILE) expect(shared).toContain(xmlText(v));
    const ws = await load(bytes);
    sheet.cells
      .filter((c) => typeof c.value === 'string')
      .forEach((c) => {
        const cell = ws.getCell(c.row + 1, c.col + 1);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.value).toBe(c.value);
      });
    expect(ws.getCell('B1').value).toBe(7);
    expect(ws.getCell('B2').formula).toBe('B1*2');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('writes the whole summary sheet: cells, merges, widths, print setup', async () => {
    const sheet = summarySheet(bt, btRanking(), { charts: false });
    const bytes = await writeRankingXlsx(sheet);
    expect(Object.keys(files(bytes)).some((p) => p.startsWith('xl/charts/'))).toBe(false);
    const ws = await load(bytes);
    expect(ws.name).toBe('Tổng hợp');
    for (const c of sheet.cells)
      if (c.value !== undefined) expect(ws.getCell(c.row + 1, c.col + 1).value).toBe(c.value);
    expect(ws.getColumn(3).width).toBe(sheet.columns[2]);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, paperSize: 9 });
    const merged = sheet.merges[0];
    expect(ws.getCell(merged.row + 1, merged.col + merged.cols).isMerged).toBe(true);
    expect(text(bytes, 'xl/worksheets/sheet1.xml')).not.toMatch(/<f[\s>]/);
  });
});

describe('bar charts added to the zip', () => {
  const sheet = summarySheet(bt, btRanking());
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await writeRankingXlsx(sheet);
  });

  it('adds a drawing, one chart part per annex, their relationships and content types', () => {
    expect(sheet.charts.length).toBe(4);
    const parts = files(bytes);
    const charts = Object.keys(parts)
      .filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))
      .sort();
    expect(charts).toEqual(sheet.charts.map((_, i) => `xl/charts/chart${i + 1}.xml`));
    expect(parts['xl/drawings/drawing1.xml']).toBeDefined();
    const sheetXml = text(bytes, 'xl/worksheets/sheet1.xml');
    const drawingId = /<drawing [^>]*r:id="([^"]+)"/.exec(sheetXml)![1];
    // <drawing> after the page setup, as the schema's order wants.
    expect(sheetXml.indexOf('<drawing ')).toBeGreaterThan(sheetXml.indexOf('<pageSetup'));
    expect(text(bytes, 'xl/worksheets/_rels/sheet1.xml.rels')).toMatch(
      new RegExp(`Id="${drawingId}" Type="[^"]+/drawing" Target="../drawings/drawing1.xml"`),
    );
    const drawingRels = text(bytes, 'xl/drawings/_rels/drawing1.xml.rels');
    charts.forEach((c, i) =>
      expect(drawingRels).toContain(
        `Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart${i + 1}.xml"`,
      ),
    );
    const types = text(bytes, '[Content_Types].xml');
    expect(types).toContain(
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>',
    );
    for (const c of charts)
      expect(types).toContain(
        `<Override PartName="/${c}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
      );
    expect(Object.keys(parts)[0]).toBe('[Content_Types].xml');
  });

  it('every new or changed part is well-formed XML', async () => {
    const parts = files(bytes);
    for (const p of Object.keys(parts).filter((x) =>
      /^(xl\/(charts|drawings)\/|xl\/worksheets\/|\[Content_Types\])/.test(x),
    ))
      await expect(parseStringPromise(strFromU8(parts[p]))).resolves.toBeDefined();
  });

  it('each chart reads its annex’s unit names and totals from the sheet, with the same values cached', () => {
    sheet.charts.forEach((chart, i) => {
      const xml = text(bytes, `xl/charts/chart${i + 1}.xml`);
      const refs = [...xml.matchAll(/<c:f>([^<]+)<\/c:f>/g)].map((m) => m[1].replace(/&apos;/g, "'"));
      const abs = (r: string) => r.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
      expect(refs).toEqual([`'Tổng hợp'!${abs(chart.categories)}`, `'Tổng hợp'!${abs(chart.values)}`]);
      const value = (row: number, col: number) =>
        sheet.cells.find((c) => c.row === row && c.col === col)?.value;
      const cats = [...xml.matchAll(/<c:strCache>.*?<\/c:strCache>/g)][0][0];
      const nums = [...xml.matchAll(/<c:numCache>.*?<\/c:numCache>/g)][0][0];
      const names = [...cats.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]);
      const totals = [...nums.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1]));
      expect(names).toEqual(
        rangeCells(chart.categories).map(({ row, col }) => xmlText(String(value(row, col)))),
      );
      expect(totals).toEqual(rangeCells(chart.values).map(({ row, col }) => value(row, col)));
      expect(xml).toContain(`<a:t>${xmlText(chart.title)}</a:t>`);
      expect(xml).toContain(`<c:max val="${chart.max}"/>`);
    });
    // A hostile unit name reaches the chart cache escaped, and the file stays well-formed.
    expect(text(bytes, 'xl/charts/chart1.xml')).toContain(xmlText(HOSTILE[0]));
  });

  it('ExcelJS and the fast reader still open the workbook', async () => {
    const ws = await load(bytes);
    expect(ws.getCell(1, 1).value).toBe(sheet.cells[0].value);
    const read = readWorkbook(bytes);
    expect(read.ok).toBe(false); // a ranking workbook holds no form, and says so instead of failing
    if (!read.ok) expect(read.reason.en).toMatch(/form/);
  });

  it('keeps the sheet’s existing relationships (a hyperlink); refuses a second drawing or an unknown sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tổng hợp');
    ws.getCell('A1').value = { text: 'link', hyperlink: 'https://example.invalid/' };
    ws.getCell('A2').value = 'Sở A';
    ws.getCell('B2').value = 10;
    const base = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(files(base)['xl/worksheets/_rels/sheet1.xml.rels']).toBeDefined();
    const chart = {
      title: 'T',
      annex: 'I',
      seriesName: 'S',
      categories: 'A2',
      values: 'B2',
      anchor: { row: 3, col: 0, rows: 10, cols: 5 },
    };
    const parts = zipParts(base);
    addCharts(parts, 'Tổng hợp', [chart], (r, c) => (r === 1 ? (c === 0 ? 'Sở A' : 10) : undefined));
    const out = zipOf(parts);
    const rels = text(out, 'xl/worksheets/_rels/sheet1.xml.rels');
    expect(rels).toContain('https://example.invalid/');
    expect(rels).toContain('../drawings/drawing1.xml');
    const again = await load(out);
    expect(again.getCell('A1').hyperlink).toBe('https://example.invalid/');
    // A refused sheet leaves the parts as they were.
    const charted = zipParts(out);
    const before = { ...charted };
    expect(() => addCharts(charted, 'Tổng hợp', [chart], () => undefined)).toThrow(/already has a drawing/);
    expect(charted).toEqual(before);
    expect(() => addCharts(charted, 'Khác', [chart], () => undefined)).toThrow(/sheet not found/);
    expect(charted).toEqual(before);
  });

  it('drops characters XML cannot carry from user text in the chart', () => {
    const xml = chartXml(
      {
        title: 'a\u0001b',
        annex: 'I',
        seriesName: 's',
        categories: 'A1',
        values: 'B1',
        anchor: { row: 0, col: 0, rows: 1, cols: 1 },
      },
      'S',
      ['x\u0002<y>&'],
      [1],
    );
    expect(xml).toContain('<a:t>ab</a:t>');
    expect(xml).toContain('<c:v>x&lt;y&gt;&amp;</c:v>');
  });
});

describe('LibreOffice opens the ranking workbook', () => {
  const soffice = requireSoffice('the LibreOffice check of the ranking workbook (test/report/xlsx.test.ts)');
  const maybe = soffice ? it : it.skip;

  maybe(
    'converts it (charts included) and keeps text that looks like a formula as text',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'scorecard-report-lo-'));
      const ranking = join(dir, 'ranking.xlsx');
      const hostile = join(dir, 'hostile.xlsx');
      const sheet = summarySheet(bt, btRanking());
      writeFileSync(ranking, await writeRankingXlsx(sheet));
      writeFileSync(hostile, await writeRankingXlsx(hostileSheet()));
      const convert = (to: string, file: string) => {
        const out = join(dir, to.split(':')[0]);
        const r = spawnSync(
          soffice!,
          [
            '--headless',
            '--norestore',
            '--nologo',
            `-env:UserInstallation=${makeProfile()}`,
            '--convert-to',
            to,
            '--outdir',
            out,
            file,
          ],
          {
            encoding: 'utf8',
            timeout: 180_000,
          },
        );
        return { r, out };
      };
      // Re-saved as .xlsx by LibreOffice: its own chart parts show it read every chart.
      const xlsx = convert('xlsx', ranking);
      const resaved = join(xlsx.out, 'ranking.xlsx');
      expect({ status: xlsx.r.status, exists: existsSync(resaved) }).toEqual({ status: 0, exists: true });
      const lo = unzipSync(new Uint8Array(readFileSync(resaved)));
      expect(Object.keys(lo).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toHaveLength(
        sheet.charts.length,
      );
      const loSheet = await load(new Uint8Array(readFileSync(resaved)));
      expect(loSheet.getCell(1, 1).value).toBe(sheet.cells[0].value);
      // As CSV: the hostile texts come out as typed, not computed (=1+1 is not 2).
      const csv = convert('csv:Text - txt - csv (StarCalc):44,34,76,1', hostile);
      const rows = readFileSync(join(csv.out, 'hostile.csv'), 'utf8').split(/\r?\n/);
      expect(csv.r.status).toBe(0);
      expect(rows[4]).toBe('"=1+1",');
      expect(rows[0]).toBe('"=HYPERLINK(""http://x.invalid"",""bấm"")",7');
      expect(rows[1]).toBe('"+84 912 345 678",14');
      expect(rows[2]).toBe('"-1+2",');
      expect(rows[3]).toBe('"@SUM(A1)",');
      // PDF (the printed report) converts too.
      const pdf = convert('pdf', ranking);
      expect(pdf.r.status).toBe(0);
      expect(existsSync(join(pdf.out, 'ranking.pdf'))).toBe(true);
    },
    300_000,
  );
});
