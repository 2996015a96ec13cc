/**
 * The ranking button's results sheet, written through the Office.js host on the recording double: very
 * hidden, the rows report/results-sheet.ts describes, in the same two syncs as "Tổng hợp", replacing
 * any older one (the add-in's or the command line's) without touching the user's sheets; and a round
 * trip: the workbook as Excel would save it, chosen as last year's results in the pane, gives the
 * same results as the ranking's JSON.
 */
import ExcelJS from 'exceljs';
import { rank, type Ranking, type RankingInput } from '../../src/core/ranking';
import { SUMMARY_SHEET, summarySheet } from '../../src/report';
import { previousFromJson, rankingJson } from '../../src/report/json';
import {
  previousFromResultsRows,
  RESULTS_FORMAT,
  RESULTS_SHEET,
  RESULTS_VERSION,
  resultsSheet,
} from '../../src/report/results-sheet';
import { hiddenSheetBytes, planBatches, sheetOverheadBytes } from '../../src/excel/report';
import { previousFromFile } from '../../src/taskpane/state/previous';
import { annexOf, entriesWorth, form } from '../core/ranking/fixtures';
import { bt, HOSTILE } from '../report/fixtures';
import type { ExcelDouble } from './double';
import { countSyncs, setup } from './fixtures';

/** A Bình Thuận ranking of `n` units over annexes I, III and IV, a few with names Excel would parse. */
function ranking(n: number, base = 300): Ranking {
  const annexes = ['I', 'III', 'IV'];
  const inputs: RankingInput[] = Array.from({ length: n }, (_, i) => {
    const annex = annexes[i % 3];
    return form(bt, annex, '', {
      unitName: i < HOSTILE.length ? HOSTILE[i] : `Đơn vị thử nghiệm số ${i + 1}`,
      entries: entriesWorth(annexOf(bt, annex), base + ((i * 7) % 190)),
      received: '2019-09-13',
      file: `nop/${i + 1}.xlsx`,
    });
  });
  return rank(bt, inputs, { asOf: '2019-09-30' });
}

/** A sheet's cells as rows[r][c], as the results reader takes them. */
function rowsOf(d: ExcelDouble, sheet: string): unknown[][] {
  const rows: unknown[][] = [];
  for (const [key, cell] of d.sheet(sheet).cells) {
    const [r, c] = key.split(',').map(Number);
    if (cell.value !== '' && cell.value !== undefined) (rows[r] ??= [])[c] = cell.value;
  }
  return rows;
}

/** The workbook as Excel would save it: every sheet's values, each with its visibility. */
async function saved(d: ExcelDouble): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const state = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' } as const;
  for (const name of d.sheetNames()) {
    const ws = wb.addWorksheet(name, { state: state[d.sheet(name).visibility] });
    rowsOf(d, name).forEach((row, r) =>
      row?.forEach((v, c) => {
        if (v !== undefined) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
      }),
    );
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const expected = (r: Ranking) => previousFromJson(rankingJson(r), 'x');

describe('the results sheet from the ranking button', () => {
  test('very hidden, its rows as the command line writes them, in the same 2 syncs; "Tổng hợp" active', async () => {
    const { d, host } = setup();
    const r = ranking(12);
    const { result, syncs } = await countSyncs(d, () =>
      host.writeReport([summarySheet(bt, r)], [resultsSheet(r)]),
    );
    expect(syncs).toBe(2);
    expect(result.sheetNames).toEqual([SUMMARY_SHEET]);
    expect(d.sheet(RESULTS_SHEET).visibility).toBe('VeryHidden');
    expect(d.activeSheet().name).toBe(SUMMARY_SHEET);
    const rows = rowsOf(d, RESULTS_SHEET);
    expect(rows[0]).toEqual([RESULTS_FORMAT, RESULTS_VERSION]);
    expect(rows[1]).toEqual(['annex', 'unitId', 'unit', 'total', 'index', 'rank', 'band']);
    // names Excel would take for formulas or numbers stay the names they are
    const units = rows.slice(2).map((row) => row[2]);
    for (const name of HOSTILE) expect(units).toContain(name);
    expect(previousFromResultsRows(rows, 'x')).toEqual(expected(r));
  });

  test('the same 2 syncs whatever the number of units: 6, 60 and 300', async () => {
    for (const n of [6, 60, 300]) {
      const { d, host } = setup();
      const r = ranking(n);
      const { syncs } = await countSyncs(d, () => host.writeReport([summarySheet(bt, r)], [resultsSheet(r)]));
      expect({ n, syncs }).toEqual({ n, syncs: 2 });
      expect(rowsOf(d, RESULTS_SHEET)).toHaveLength(n + 2);
    }
  });

  test('written again, the old one gives way (Excel deletes no very hidden sheet: it is hidden first)', async () => {
    const { d, host } = setup();
    d.type('Sheet1', 'A1', [['sổ theo dõi']]);
    await host.writeReport([summarySheet(bt, ranking(6))], [resultsSheet(ranking(6))]);
    const next = ranking(9, 350);
    const { syncs } = await countSyncs(d, () =>
      host.writeReport([summarySheet(bt, next)], [resultsSheet(next)]),
    );
    expect(syncs).toBe(2);
    expect(d.sheetNames().filter((n) => n === RESULTS_SHEET)).toHaveLength(1);
    expect(d.sheetNames()).toEqual(['Sheet1', SUMMARY_SHEET, RESULTS_SHEET]);
    expect(d.value('Sheet1', 'A1')).toBe('sổ theo dõi');
    expect(previousFromResultsRows(rowsOf(d, RESULTS_SHEET), 'x')).toEqual(expected(next));
  });

  test('a workbook of `rank -o` opened in Excel: its results sheet (no marker) is replaced, not doubled', async () => {
    const { d, host } = setup();
    // what ExcelJS wrote: a very hidden sheet of that name, and no marker name pointing at it
    d.addSheet(RESULTS_SHEET, 'VeryHidden');
    d.type(RESULTS_SHEET, 'A1', [[RESULTS_FORMAT, RESULTS_VERSION]]);
    const r = ranking(6);
    await host.writeReport([summarySheet(bt, r)], [resultsSheet(r)]);
    expect(d.sheetNames().filter((n) => n.toLowerCase() === RESULTS_SHEET)).toEqual([RESULTS_SHEET]);
    expect(previousFromResultsRows(rowsOf(d, RESULTS_SHEET), 'x')).toEqual(expected(r));
  });

  test('a write without data sheets writes none and leaves the one there', async () => {
    const { d, host } = setup();
    await host.writeReport([summarySheet(bt, ranking(6))]);
    expect(d.sheetNames()).not.toContain(RESULTS_SHEET);
    const r = ranking(6);
    await host.writeReport([summarySheet(bt, r)], [resultsSheet(r)]);
    await host.writeReport([summarySheet(bt, ranking(9))]);
    expect(previousFromResultsRows(rowsOf(d, RESULTS_SHEET), 'x')).toEqual(expected(r));
  });

  test('the results count in the first batch of a report split for the 5 MB limit', () => {
    const r = ranking(150);
    const report = summarySheet(bt, r);
    const reserved = hiddenSheetBytes([resultsSheet(r)]);
    expect(reserved).toBeGreaterThan(150 * 20);
    // a budget the report alone just fits: with the results beside it, it no longer does
    const [alone] = planBatches([report], Number.MAX_SAFE_INTEGER);
    const budget = sheetOverheadBytes(report) + alone.reduce((s, band) => s + band.bytes, 0);
    expect(planBatches([report], budget)).toHaveLength(1);
    expect(planBatches([report], budget, reserved).length).toBeGreaterThan(1);
  });
});

describe('round trip: the workbook saved from the pane is last year’s results', () => {
  test('chosen in the pane, it gives the ranking’s own results (as its JSON would)', async () => {
    const { d, host } = setup();
    const r = ranking(12);
    await host.writeReport([summarySheet(bt, r)], [resultsSheet(r)]);
    const state = await previousFromFile('xep-hang-2019.xlsx', await saved(d));
    expect('results' in state && state.results).toEqual(expected(r));
  });
});
