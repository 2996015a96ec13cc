import { entryStatus, rank } from '../../src/core/ranking';
import { indexOf, reconstructionNotice } from '../../src/core/rulebook';
import { t } from '../../src/i18n';
import { parseA1, rangeA1 } from '../../src/sheet/a1';
import {
  summarySheet,
  weakestProvinceWide,
  SUMMARY_SHEET,
  rankingJson,
  isFormulaLike,
  type ReportCell,
  type ReportSheet,
} from '../../src/report';
import { form, smallEntries, smallRulebook } from '../core/ranking/fixtures';
import { bt, btRanking, HOSTILE } from './fixtures';

const at = (sheet: ReportSheet, row: number, col: number) =>
  sheet.cells.find((c) => c.row === row && c.col === col);
const texts = (sheet: ReportSheet) =>
  sheet.cells.flatMap((c) => (typeof c.value === 'string' ? [c.value] : []));
const rowOf = (sheet: ReportSheet, text: string) => sheet.cells.find((c) => c.value === text)?.row;
/** The header row of the annex tables, and each column's heading. */
function tableColumns(sheet: ReportSheet): Record<string, number> {
  const row = rowOf(sheet, t('vi', 'reportColSelf'))!;
  return Object.fromEntries(
    sheet.cells
      .filter((c) => c.row === row && typeof c.value === 'string')
      .map((c) => [c.value as string, c.col]),
  );
}

describe('summarySheet: the "Tổng hợp" sheet', () => {
  const result = btRanking();
  const sheet = summarySheet(bt, result);
  const cols = tableColumns(sheet);
  const col = (key: Parameters<typeof t>[1]) => cols[t('vi', key)];

  it('has a title with the year, the rulebook and decision, the received-date source and the as-of date', () => {
    expect(sheet.sheetName).toBe(SUMMARY_SHEET);
    const all = texts(sheet);
    expect(all).toContain(t('vi', 'reportTitle', { year: 2019 }));
    expect(
      all.some(
        (s) => s.includes('1867/QĐ-UBND') && s.includes('23/07/2019') && s.includes('binh-thuan-2019'),
      ),
    ).toBe(true);
    expect(result.receivedSource).toBe('mixed');
    expect(all.some((s) => s.startsWith(t('vi', 'reportReceivedMixed')) && s.includes('30/09/2019'))).toBe(
      true,
    );
    expect(all).toContain(reconstructionNotice(bt).vi);
    // Every assumption of the rulebook, numbered, with its reason.
    for (const a of bt.assumptions)
      expect(all.some((s) => s.includes(a.what.vi) && s.includes(a.why.vi))).toBe(true);
  });

  it('has a table for every annex, with every entry of the ranking, in its order', () => {
    for (const table of result.tables) {
      const heading = rowOf(
        sheet,
        t('vi', 'reportAnnexHeading', { group: table.rankingGroup, title: table.title }),
      );
      expect(heading).toBeDefined();
      const header = sheet.cells.find((c) => c.row > heading! && c.value === t('vi', 'reportColNo'))!.row;
      table.entries.forEach((e, i) => {
        const r = header + 1 + i;
        expect(at(sheet, r, col('reportColNo'))?.value).toBe(i + 1);
        expect(at(sheet, r, col('reportColUnit'))?.value).toBe(e.unitName || undefined);
        expect(at(sheet, r, col('reportColRank'))?.value).toBe(e.rank);
        expect(at(sheet, r, col('reportColStatus'))?.value).toBe(entryStatus(e).vi);
        expect(at(sheet, r, col('reportColBand'))?.value).toBe(e.band?.label);
        expect(at(sheet, r, col('reportColAward'))?.value).toBe(
          e.award ? t('vi', 'reportAwardYes') : undefined,
        );
        expect(at(sheet, r, col('reportColTotal'))?.value).toBe(e.counted ? e.total : undefined);
        // The index: total ÷ the unit's maximum, 4 decimals, as in the JSON.
        const index = at(sheet, r, col('reportColIndex'))?.value;
        expect(index).toBe(e.counted ? indexOf(e.total, e.max ?? table.max) : undefined);
        if (e.counted) expect(String(index)).toMatch(/^\d(\.\d{1,4})?$/);
        expect(at(sheet, r, col('reportColSelf'))?.value).toBe(
          e.status === 'missing' ? undefined : e.selfTotal,
        );
        for (const [k, g] of table.groups.entries())
          expect(at(sheet, r, 3 + k)?.value).toBe(e.status === 'missing' ? undefined : e.groups[g.code]);
        expect(at(sheet, r, col('reportColNotes'))?.value ?? '').toBe(
          e.notes.map((n) => (n.vi === n.en ? n.vi : `${n.vi} / ${n.en}`)).join('\n'),
        );
      });
    }
    expect(result.tables.map((tb) => tb.annex)).toEqual(['I', 'II', 'III', 'IV']);
  });

  it('shows self and appraised totals and the change, and marks units not yet appraised', () => {
    const row = rowOf(sheet, 'Văn phòng UBND tỉnh')!;
    const e = result.tables[1].entries.find((x) => x.unitId === 'van-phong-ubnd-tinh')!;
    expect(e.appraised).toBe(true);
    expect(e.selfTotal).toBe(400);
    expect(at(sheet, row, col('reportColSelf'))?.value).toBe(400);
    expect(at(sheet, row, col('reportColAppraised'))?.value).toBe(e.total);
    expect(at(sheet, row, col('reportColChange'))?.value).toBe(e.total - 400);
    expect(e.total).toBeLessThan(400);
    const other = rowOf(sheet, 'Sở Nội vụ')!;
    expect(at(sheet, other, col('reportColAppraised'))?.value).toBe(t('vi', 'reportNotAppraised'));
    expect(at(sheet, other, col('reportColChange'))?.value).toBeUndefined();
  });

  it('marks received dates taken from a file’s modification time when the sources are mixed', () => {
    const row = rowOf(sheet, 'Huyện Tuy Phong')!;
    expect(at(sheet, row, col('reportColReceived'))?.value).toBe('14/09/2019 *');
    expect(at(sheet, rowOf(sheet, 'Sở Nội vụ')!, col('reportColReceived'))?.value).toBe('13/09/2019');
  });

  it('lists the missing units and the invalid files with both reasons', () => {
    const missingTitle = rowOf(sheet, t('vi', 'reportMissingTitle'))!;
    const invalidTitle = rowOf(sheet, t('vi', 'reportInvalidTitle'))!;
    expect(result.missing.length).toBeGreaterThan(5);
    result.missing.forEach((m, i) => {
      const r = missingTitle + 2 + i;
      expect(at(sheet, r, 0)?.value).toBe(i + 1);
      expect(at(sheet, r, 1)?.value).toBe(m.unitName);
      expect(at(sheet, r, 3)?.value).toBe(m.annex);
    });
    expect(result.invalid.map((i) => i.file)).toEqual(['nop/@hong.xlsx', 'nop/loi.xlsx']);
    result.invalid.forEach((inv, i) => {
      const r = invalidTitle + 2 + i;
      expect(at(sheet, r, 1)?.value).toBe(inv.file);
      expect(at(sheet, r, 3)?.value).toBe(`${inv.reason.vi}\n${inv.reason.en}`);
    });
  });

  it('writes every piece of user text as a text value, never as a formula', () => {
    // The report builds no formulas at all; user text is only ever a `value`.
    expect(sheet.cells.filter((c) => c.formula !== undefined)).toEqual([]);
    for (const name of [...HOSTILE.slice(0, 4), 'nop/@hong.xlsx', '=cmd|calc.xlsx']) {
      const cells = sheet.cells.filter((c) => c.value === name);
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) expect(typeof c.value).toBe('string');
    }
    expect(
      isFormulaLike(HOSTILE[0]) &&
        isFormulaLike('+1') &&
        isFormulaLike('-1') &&
        isFormulaLike('@a') &&
        !isFormulaLike('Sở'),
    ).toBe(true);
  });

  it('has a statistics table per annex: average points and share of max per criterion', () => {
    for (const table of result.tables) {
      const title = rowOf(sheet, t('vi', 'reportStatsTitle', { group: table.rankingGroup }))!;
      expect(title).toBeDefined();
      const first = title + 3; // note, header, rows
      table.statistics.criteria.forEach((s, i) => {
        const r = first + i;
        expect(at(sheet, r, 0)?.value).toBe(s.id);
        expect(at(sheet, r, 2)?.value).toBe(
          s.provenance === 'reconstructed' ? `${s.title} (${t('vi', 'reconstructed')})` : s.title,
        );
        expect(at(sheet, r, 4)?.value).toBe(s.max);
        expect(at(sheet, r, 5)?.value).toBe(s.units);
        expect(at(sheet, r, 6)?.value).toBe(s.average);
        expect(at(sheet, r, 7)?.value).toBeCloseTo(s.share, 12);
      });
    }
  });

  it('lists the weakest criteria province-wide, pooled across annexes by title, weakest first', () => {
    const weakest = weakestProvinceWide(result, 5);
    expect(weakest).toHaveLength(5);
    for (let i = 1; i < weakest.length; i++)
      expect(weakest[i].share).toBeGreaterThanOrEqual(weakest[i - 1].share);
    // A criterion that several annexes share is one row, weighted by the units counted in each.
    const title = result.tables[0].statistics.criteria[0].title;
    const pooled = weakestProvinceWide(result, 1000).find((w) => w.title === title)!;
    const parts = result.tables.flatMap((tb) =>
      tb.statistics.criteria.filter((s) => s.title === title && s.units),
    );
    expect(parts.length).toBeGreaterThan(1);
    expect(pooled.units).toBe(parts.reduce((n, s) => n + s.units, 0));
    expect(pooled.share).toBeCloseTo(parts.reduce((n, s) => n + s.share * s.units, 0) / pooled.units, 12);
    const row = rowOf(sheet, t('vi', 'reportWeakestTitle'))! + 2;
    expect(at(sheet, row, 2)?.value).toBe(
      weakest[0].reconstructed ? `${weakest[0].title} (${t('vi', 'reconstructed')})` : weakest[0].title,
    );
    expect(at(sheet, row, 6)?.value).toBe(weakest[0].share);
  });

  it('has a bar chart per annex over the placed units’ names and totals, in rank order', () => {
    const withPlaced = result.tables.filter((tb) =>
      tb.entries.some((e) => e.rank !== undefined && e.status !== 'missing'),
    );
    expect(sheet.charts.map((c) => c.annex)).toEqual(withPlaced.map((tb) => tb.annex));
    for (const chart of sheet.charts) {
      const table = result.tables.find((tb) => tb.annex === chart.annex)!;
      const placed = table.entries.filter((e) => e.rank !== undefined && e.status !== 'missing');
      const [from, to = from] = chart.categories.split(':').map((r) => parseA1(r)!);
      expect(to.row - from.row + 1).toBe(placed.length);
      expect(from.col).toBe(col('reportColUnit'));
      expect(chart.values).toBe(rangeA1(from.row, col('reportColTotal'), to.row, col('reportColTotal')));
      placed.forEach((e, i) => {
        expect(at(sheet, from.row + i, from.col)?.value).toBe(e.unitName);
        expect(at(sheet, from.row + i, col('reportColTotal'))?.value).toBe(e.total);
      });
      expect(chart.max).toBe(table.max);
      // The chart sits below its table and above whatever follows.
      const lastRow = from.row + table.entries.length - 1;
      expect(chart.anchor.row).toBeGreaterThan(lastRow);
      const next = sheet.cells.filter((c) => c.row > lastRow && c.value !== undefined).map((c) => c.row);
      expect(Math.min(...next)).toBeGreaterThanOrEqual(chart.anchor.row + chart.anchor.rows);
    }
  });

  it('every merge is inside the columns and every cell’s style exists', () => {
    for (const c of sheet.cells) {
      expect(c.col).toBeLessThan(sheet.columns.length);
      if (c.style) expect(sheet.styles[c.style]).toBeDefined();
    }
    for (const m of sheet.merges) expect(m.col + m.cols).toBeLessThanOrEqual(sheet.columns.length);
  });

  it('can be made in English; notes stay bilingual, Vietnamese first', () => {
    const en = summarySheet(bt, result, { lang: 'en' });
    expect(texts(en)).toContain(t('en', 'reportTitle', { year: 2019 }));
    expect(texts(en)).toContain(t('en', 'reportColUnit'));
    expect(en.sheetName).toBe(SUMMARY_SHEET);
  });

  it('says when nothing is missing or invalid, and leaves out the notice when no criterion is reconstructed', () => {
    const official = smallRulebook();
    for (const g of official.annexes[0].groups) for (const c of g.criteria) c.provenance = 'official';
    const r = rank(
      official,
      ['a1', 'a2', 'a3', 'a4', 'a5'].map((u) =>
        form(official, 'A', u, { entries: smallEntries({}), received: '2019-08-29' }),
      ),
    );
    const s = summarySheet(official, r);
    expect(texts(s)).not.toContain(t('vi', 'reconstructedNotice'));
    expect(texts(s).filter((x) => x === t('vi', 'reportNone'))).toHaveLength(2);
    expect(s.charts).toHaveLength(1);
  });

  it('the JSON of the same ranking carries self and appraised totals', () => {
    const json = rankingJson(result);
    const vp = json.groups[1].entries.find((e) => e.unitId === 'van-phong-ubnd-tinh')!;
    expect(vp.selfTotal).toBe(400);
    expect(vp.appraisedTotal).toBe(vp.total);
    expect(json.groups[0].entries.find((e) => e.unitId === 'so-noi-vu')!.appraisedTotal).toBeNull();
    const cells: ReportCell[] = sheet.cells;
    expect(cells.length).toBeGreaterThan(100);
  });
});

describe('summarySheet: the ranking warnings', () => {
  it('says once, in red at the top, that lateness was not judged when no form has a received date', () => {
    const rb = smallRulebook();
    const ranking = rank(rb, [
      form(rb, 'A', 'a1', { entries: smallEntries({ a: 30 }) }),
      form(rb, 'A', 'a2', { entries: smallEntries({ a: 20 }) }),
    ]);
    expect(ranking.warnings).toHaveLength(1);
    const sheet = summarySheet(rb, ranking);
    const warned = sheet.cells.filter(
      (c) => c.value === `${ranking.warnings[0].vi} / ${ranking.warnings[0].en}`,
    );
    expect(warned).toHaveLength(1);
    expect(warned[0].style).toBe('notice');
    expect(warned[0].row).toBeLessThan(rowOf(sheet, t('vi', 'reportColSelf'))!);
    expect(rankingJson(ranking).warnings).toEqual([
      { message: ranking.warnings[0].vi, messageEn: ranking.warnings[0].en },
    ]);
  });
});
