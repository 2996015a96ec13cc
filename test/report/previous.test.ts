/**
 * Year over year on the "Tổng hợp" sheet and in the terminal: last year's total, index, rank and band and
 * the change beside each unit that has them, a merged unit's mean said as such, a chart of the change;
 * nothing of it when the ranking was not compared with last year's.
 */
import { parseRulebook } from '../../src/core/rulebook';
import { withPrevious, type PreviousResult } from '../../src/core/ranking';
import { formatPoints } from '../../src/core/numbers';
import { t } from '../../src/i18n';
import { rankingText, summarySheet, type ReportSheet } from '../../src/report';
import { chartXml } from '../../src/report/charts';
import { parseA1 } from '../../src/sheet/a1';
import { input } from '../helpers/frameworks';
import { thisYearAcrossAMerge } from '../core/ranking/fixtures';

const rb = parseRulebook(input());
const now = thisYearAcrossAMerge(rb);
const last: PreviousResult[] = [
  { unitId: 'so-tu-phap', unitName: 'Sở Tư pháp', total: 700, index: 0.7, rank: 1, band: 'Chưa xếp loại' },
  { unitId: 'ban-qlda', unitName: 'Ban Quản lý dự án', total: 450, index: 0.6, rank: 3 },
  { unitName: 'Sở Công Thương', total: 620.5, index: 0.5909, rank: 2, band: 'Tốt' },
];
const compared = withPrevious(rb, now, last);

const cellAt = (sheet: ReportSheet, row: number, col: number) =>
  sheet.cells.find((c) => c.row === row && c.col === col)?.value;
const rowOf = (sheet: ReportSheet, text: string) => sheet.cells.find((c) => c.value === text)?.row;
const headerCols = (sheet: ReportSheet, lang: 'vi' | 'en' = 'vi') => {
  const row = rowOf(sheet, t(lang, 'reportColSelf'))!;
  return (key: Parameters<typeof t>[1]) =>
    sheet.cells.find((c) => c.row === row && c.value === t(lang, key))?.col;
};

describe('"Tổng hợp" sheet, year over year', () => {
  const sheet = summarySheet(rb, compared);
  const col = headerCols(sheet);
  const unitRow = (name: string) =>
    sheet.cells.find((c) => c.value === name && c.col === col('reportColUnit'))!.row;

  it('shows last year and the change in their own columns, equal to the entries’ previous', () => {
    const keys = [
      'reportColPreviousTotal',
      'reportColPreviousIndex',
      'reportColPreviousRank',
      'reportColPreviousBand',
      'reportColChangeTotal',
      'reportColChangeRank',
    ] as const;
    for (const k of keys) expect(col(k)).toBeDefined();
    // After this year's band, before the status.
    expect(col('reportColPreviousTotal')!).toBeGreaterThan(col('reportColBand')!);
    expect(col('reportColChangeRank')!).toBeLessThan(col('reportColStatus')!);
    expect(compared.tables[0].entries.filter((e) => e.previous).length).toBe(2);
    for (const e of compared.tables[0].entries) {
      const r = unitRow(e.unitName);
      const p = e.previous;
      // Units without a result last year (or without a form this year) leave the columns empty.
      if (!p) {
        expect(cellAt(sheet, r, col('reportColPreviousTotal')!)).toBeUndefined();
        continue;
      }
      expect(cellAt(sheet, r, col('reportColPreviousTotal')!)).toBe(p.total);
      expect(cellAt(sheet, r, col('reportColPreviousIndex')!)).toBe(p.index);
      expect(cellAt(sheet, r, col('reportColChangeTotal')!)).toBe(p.change.total);
      expect(cellAt(sheet, r, col('reportColChangeRank')!)).toBe(p.change.rank);
      expect(cellAt(sheet, r, col('reportColPreviousBand')!)).toBe(p.band);
    }
    const single = compared.tables[0].entries.find((e) => e.unitId === 'so-cong-thuong')!;
    expect(cellAt(sheet, unitRow(single.unitName), col('reportColPreviousRank')!)).toBe(2);
    expect(single.previous!.change.total).toBe(-20.5);
  });

  it('a merged unit: the mean, no rank of its own, and the note naming its predecessors', () => {
    const merged = compared.tables[0].entries.find((e) => e.unitId === 'so-tu-phap')!;
    const r = unitRow(merged.unitName);
    expect(cellAt(sheet, r, col('reportColPreviousTotal')!)).toBe(575);
    expect(cellAt(sheet, r, col('reportColPreviousRank')!)).toBe(t('vi', 'reportPreviousMean', { count: 2 }));
    expect(cellAt(sheet, r, col('reportColChangeRank')!)).toBeUndefined();
    const notes = String(cellAt(sheet, r, col('reportColNotes')!));
    expect(notes).toContain(t('vi', 'previousMeanOf', { units: 'Sở Tư pháp, Ban Quản lý dự án' }));
  });

  it('charts the change in total on an axis symmetric about zero, over the change column', () => {
    const change = sheet.charts.find(
      (c) => c.title === t('vi', 'reportChartChangeTitle', { group: compared.tables[0].rankingGroup }),
    )!;
    expect(change).toBeDefined();
    const [from, to] = change.values.split(':').map((a) => parseA1(a)!);
    expect(from.col).toBe(col('reportColChangeTotal'));
    const values = Array.from({ length: to.row - from.row + 1 }, (_, i) =>
      cellAt(sheet, from.row + i, from.col),
    );
    expect(values).toEqual(
      compared.tables[0].entries.filter((e) => e.counted).map((e) => e.previous!.change.total),
    );
    const reach = Math.max(...values.map((v) => Math.abs(v as number)));
    expect(change.min).toBe(-change.max!);
    expect(change.max!).toBeGreaterThanOrEqual(reach);
    // The written chart keeps that axis: negative bars are not cut off at zero.
    const xml = chartXml(change, 'Tổng hợp', ['a', 'b'], [1, -2]);
    expect(xml).toContain(`<c:min val="${change.min}"/>`);
    expect(xml).toContain(`<c:max val="${change.max}"/>`);
    // The chart of the change sits below the chart of the totals, without overlapping it.
    const totals = sheet.charts.find(
      (c) => c.title === t('vi', 'reportChartTitle', { group: compared.tables[0].rankingGroup }),
    )!;
    expect(change.anchor.row).toBeGreaterThan(totals.anchor.row + totals.anchor.rows - 1);
  });

  it('in English too', () => {
    const en = summarySheet(rb, compared, { lang: 'en' });
    expect(headerCols(en, 'en')('reportColPreviousTotal')).toBe(col('reportColPreviousTotal'));
  });

  it('without last year, neither the columns nor the chart', () => {
    const plain = summarySheet(rb, now);
    expect(rowOf(plain, t('vi', 'reportColPreviousTotal'))).toBeUndefined();
    expect(plain.charts.map((c) => c.title)).toEqual([
      t('vi', 'reportChartTitle', { group: compared.tables[0].rankingGroup }),
    ]);
    expect(plain.columns.length).toBe(sheet.columns.length - 6);
  });
});

describe('terminal text, year over year', () => {
  const text = rankingText(compared);
  const lineOf = (name: string) => text.split('\n').find((l) => l.includes(name) && !l.includes('*'))!;

  it('shows last year’s total and rank and the change, with signs', () => {
    expect(text).toContain(t('vi', 'reportColPreviousTotal'));
    expect(text).toContain(t('en', 'reportColChangeRank'));
    const line = lineOf('Sở Công Thương');
    expect(line).toContain(formatPoints(620.5));
    expect(line).toContain('-20,5');
    expect(line).toMatch(/\s2\s/);
    const merged = lineOf('Sở Tư pháp');
    expect(merged).toContain('575');
    expect(merged).toContain('+225');
    expect(merged).toContain(t('vi', 'reportPreviousMean', { count: 2 }));
  });

  it('says below the table whose mean a merged unit compares with', () => {
    expect(text).toContain(
      `* Sở Tư pháp: ${t('vi', 'previousMeanOf', { units: 'Sở Tư pháp, Ban Quản lý dự án' })}`,
    );
  });

  it('without last year, no such columns', () => {
    expect(rankingText(now)).not.toContain(t('vi', 'reportColPreviousTotal'));
  });
});
