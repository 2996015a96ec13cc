/**
 * Year over year for an annex ranked on the index (the built-in dti-2025): the change chart and the
 * change column are in index (0–1, 4 decimals, axis titled as the index), beside the change in total;
 * an annex ranked on points keeps charting points.
 */
import { builtinRulebook, parseRulebook, type Rulebook } from '../../src/core/rulebook';
import { rank, withPrevious, type PreviousResult } from '../../src/core/ranking';
import type { Ranking } from '../../src/core/ranking/types';
import { t } from '../../src/i18n';
import { rankingText, summarySheet, type ReportSheet } from '../../src/report';
import { rankingJson } from '../../src/report/json';
import { chartXml } from '../../src/report/charts';
import { parseA1 } from '../../src/sheet/a1';
import { input } from '../helpers/frameworks';
import { annexOf, entriesWorth, form } from '../core/ranking/fixtures';

const dti = builtinRulebook('dti-2025')!;
const so = annexOf(dti, 'SO');

/** This year's ranking of three sở, compared with last year's indices (one of them now lower). */
function dtiCompared(): Ranking {
  const now = rank(
    dti,
    (
      [
        ['so-tu-phap', 800],
        ['so-noi-vu', 650],
        ['vp-ubnd', 500],
      ] as const
    ).map(([unit, total]) => form(dti, 'SO', unit, { year: 2025, entries: entriesWorth(so, total) })),
  );
  const last: PreviousResult[] = [
    { unitId: 'so-tu-phap', unitName: 'Sở Tư pháp', total: 700, index: 0.7, rank: 1 },
    { unitId: 'so-noi-vu', unitName: 'Sở Nội vụ', total: 690, index: 0.69, rank: 2 },
    { unitId: 'vp-ubnd', unitName: 'Văn phòng UBND tỉnh', total: 380, index: 0.4, rank: 3 },
  ];
  return withPrevious(dti, now, last);
}

const cellAt = (sheet: ReportSheet, row: number, col: number) =>
  sheet.cells.find((c) => c.row === row && c.col === col)?.value;
const headerCol = (sheet: ReportSheet, key: Parameters<typeof t>[1]) =>
  sheet.cells.find((c) => c.value === t('vi', key) && sheet.styles[c.style ?? '']?.fill)?.col;
const chartTitled = (sheet: ReportSheet, key: Parameters<typeof t>[1], group: string) =>
  sheet.charts.find((c) => c.title === t('vi', key, { group }));
/** The values of a chart's range, read from the sheet. */
const valuesOf = (sheet: ReportSheet, range: string) => {
  const [from, to] = range.split(':').map((a) => parseA1(a)!);
  return Array.from({ length: to.row - from.row + 1 }, (_, i) => cellAt(sheet, from.row + i, from.col));
};

describe('an annex ranked on the index, compared with last year', () => {
  const compared = dtiCompared();
  const table = compared.tables.find((tb) => tb.annex === 'SO')!;
  const placed = table.entries.filter((e) => e.counted);
  const sheet = summarySheet(dti, compared);

  it('the fixture: three placed units, each compared, one going down in index', () => {
    expect(so.rankOn).toBe('index');
    expect(placed.map((e) => !!e.previous)).toEqual([true, true, true]);
    expect(placed.some((e) => e.previous!.change.index < 0)).toBe(true);
  });

  it('the change in index has its column beside the change in total', () => {
    const index = headerCol(sheet, 'reportColChangeIndex')!;
    const total = headerCol(sheet, 'reportColChangeTotal')!;
    expect(index).toBe(total + 1);
    for (const e of placed) {
      const row = sheet.cells.find((c) => c.value === e.unitName)!.row;
      expect(cellAt(sheet, row, index)).toBe(e.previous!.change.index);
      expect(cellAt(sheet, row, total)).toBe(e.previous!.change.total);
    }
    const style = sheet.cells.find((c) => c.col === index && typeof c.value === 'number')!.style!;
    expect(sheet.styles[style].numberFormat).toBe('+0.0000;-0.0000;0.0000');
  });

  it('charts the change in index, on an axis titled as the index and symmetric about zero', () => {
    const change = chartTitled(sheet, 'reportChartChangeIndexTitle', table.rankingGroup)!;
    expect(change).toBeDefined();
    expect(chartTitled(sheet, 'reportChartChangeTitle', table.rankingGroup)).toBeUndefined();
    expect(change.seriesName).toBe(t('vi', 'reportChartChangeIndexSeries'));
    expect(change.valueAxisTitle).toBe(t('vi', 'reportChartAxisIndex'));
    expect(parseA1(change.values.split(':')[0])!.col).toBe(headerCol(sheet, 'reportColChangeIndex'));
    const values = valuesOf(sheet, change.values) as number[];
    expect(values).toEqual(placed.map((e) => e.previous!.change.index));
    const reach = Math.max(...values.map(Math.abs));
    expect(change.min).toBe(-change.max!);
    expect(change.max!).toBeGreaterThanOrEqual(reach);
    expect(change.max!).toBeLessThan(reach + 0.05 + 1e-9); // on the index's scale, not ±1 point
    expect(change.numberFormat).toMatch(/0\.0000/);
  });

  it('the chart of the ranked values is the index, titled and labelled so', () => {
    const main = chartTitled(sheet, 'reportChartIndexTitle', table.rankingGroup)!;
    expect(main).toBeDefined();
    expect(main.seriesName).toBe(t('vi', 'reportChartIndexSeries'));
    expect(main.valueAxisTitle).toBe(t('vi', 'reportChartAxisIndex'));
    expect(main.max).toBe(1);
    expect(parseA1(main.values.split(':')[0])!.col).toBe(headerCol(sheet, 'reportColIndex'));
  });

  it('the written chart carries the axis title and 4-decimal labels', () => {
    const change = chartTitled(sheet, 'reportChartChangeIndexTitle', table.rankingGroup)!;
    const xml = chartXml(change, 'Tổng hợp', ['a', 'b'], [0.1, -0.0123]);
    const valAx = xml.slice(xml.indexOf('<c:valAx>'));
    expect(valAx).toContain(`<a:t>${t('vi', 'reportChartAxisIndex')}</a:t>`);
    expect(xml).toContain('<c:numFmt formatCode="+0.0000;-0.0000;0.0000" sourceLinked="0"/>');
  });

  it('the terminal shows the change in index, signed with 4 decimals; the JSON keeps both changes', () => {
    const text = rankingText(compared, dti);
    expect(text).toContain(t('vi', 'reportColChangeIndex'));
    const down = placed.find((e) => e.previous!.change.index < 0)!;
    const line = text.split('\n').find((l) => l.includes(down.unitName))!;
    expect(line).toContain(down.previous!.change.index.toFixed(4).replace('.', ','));
    // Without the rulebook the text is as before.
    expect(rankingText(compared)).not.toContain(t('vi', 'reportColChangeIndex'));
    const json = rankingJson(compared).groups[0].entries.find((e) => e.unitId === down.unitId)!;
    expect(json.previous!.change).toMatchObject({
      total: down.previous!.change.total,
      index: down.previous!.change.index,
    });
  });
});

describe('an annex ranked on points keeps points', () => {
  const rb: Rulebook = parseRulebook(input());
  const points = (p: Record<string, number>) =>
    Object.fromEntries(Object.entries(p).map(([id, v]) => [id, { points: v }]));
  const compared = withPrevious(
    rb,
    rank(rb, [
      form(rb, 'so', 'so-tu-phap', { year: 2025, entries: points({ '1.1': 500, '2.1': 100 }) }),
      form(rb, 'so', 'so-cong-thuong', { year: 2025, entries: points({ '1.1': 400 }) }),
    ]),
    [
      { unitId: 'so-tu-phap', unitName: 'Sở Tư pháp', total: 550, index: 0.55, rank: 1 },
      { unitId: 'so-cong-thuong', unitName: 'Sở Công Thương', total: 420, index: 0.4, rank: 2 },
    ],
  );
  const sheet = summarySheet(rb, compared);

  it('no index change column; the charts in points, with the axis titled so', () => {
    expect(headerCol(sheet, 'reportColChangeIndex')).toBeUndefined();
    const change = chartTitled(sheet, 'reportChartChangeTitle', compared.tables[0].rankingGroup)!;
    expect(parseA1(change.values.split(':')[0])!.col).toBe(headerCol(sheet, 'reportColChangeTotal'));
    expect(change.max).toBe(50); // whole points
    for (const c of sheet.charts) {
      expect(c.valueAxisTitle).toBe(t('vi', 'reportChartAxisPoints'));
      expect(c.numberFormat).toBeUndefined();
    }
    expect(rankingText(compared, rb)).not.toContain(t('vi', 'reportColChangeIndex'));
  });
});
