/**
 * unitResultSheet (pure) on the small rulebook and on a mean-scored annex (Đồng Nai), and LibreOffice
 * opening a unit's result workbook and a "Tổng hợp" sheet with cross-checks (their text read back as CSV).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulebook } from '../../src/core/rulebook';
import { rank } from '../../src/core/ranking';
import { crossCheck, csvTableRows, parseReferenceRows } from '../../src/core/crosscheck';
import { resultEntries, unitResultSheet } from '../../src/report/result';
import { summarySheet } from '../../src/report/summary';
import { writeRankingXlsx } from '../../src/xlsx/report';
import type { ReportSheet } from '../../src/report';
import { makeProfile, requireSoffice } from '../helpers/soffice';
import { annexOf, form, fullEntries, smallEntries, smallRulebook } from '../core/ranking/fixtures';

const small = smallRulebook();
const inputs = [
  form(small, 'A', 'a1', { entries: smallEntries({ a: 40, value: 100 }), received: '2019-08-20' }),
  form(small, 'A', 'a2', { entries: smallEntries({ a: 20, value: 50 }), received: '2019-08-20' }),
  form(small, 'A', 'a3', { entries: smallEntries({ a: 10, naB: true }), received: '2019-08-20' }),
  form(small, 'A', 'a4', {
    entries: { ...smallEntries({}), '1.1': { points: 'nhiều' } },
    received: '2019-08-20',
  }), // invalid
];
const ranking = rank(small, inputs, { asOf: '2019-09-30' });
const table = ranking.tables[0];
const entryOf = (id: string) => table.entries.find((e) => e.unitId === id)!;
const rowsOf = (sheet: ReportSheet) => {
  const rows = new Map<number, (string | number)[]>();
  for (const c of [...sheet.cells].sort((a, b) => a.row - b.row || a.col - b.col))
    if (c.value !== undefined) rows.set(c.row, [...(rows.get(c.row) ?? []), c.value]);
  return [...rows.values()];
};

describe("a unit's result sheet", () => {
  it('every unit with a form gets one; units without a form and superseded duplicates none', () => {
    expect(resultEntries(ranking).map((r) => [r.entry.unitId, r.entry.status])).toEqual([
      ['a1', 'ranked'],
      ['a2', 'ranked'],
      ['a3', 'ranked'],
      ['a4', 'invalid'],
    ]);
  });

  it('criteria groups against the average and best of the placed units; the weakest criteria leave out what is not applicable', () => {
    const rows = rowsOf(unitResultSheet(small, ranking, table, entryOf('a3')));
    const a = entryOf('a1').groups['1'];
    const b = entryOf('a2').groups['1'];
    const c = entryOf('a3').groups['1'];
    expect(rows.find((r) => r[0] === '1')).toEqual([
      '1',
      'Nhóm 1',
      60,
      c,
      Math.round(((a + b + c) / 3) * 100) / 100,
      Math.max(a, b, c),
    ]);
    const weakest = rows.findIndex((r) => r[0] === 'CÁC TIÊU CHÍ ĐẠT THẤP NHẤT CỦA ĐƠN VỊ');
    // 1.1 is 10/40; 1.2 (not applicable, so 0 points) is left out; 2.1 and 2.2 are at their maximum.
    expect(rows.slice(weakest + 2)).toEqual([
      ['1.1', 'Điểm 1.1', 40, 10, 0.25, table.statistics.criteria.find((s) => s.id === '1.1')!.average],
    ]);
  });

  it('an invalid form: not ranked, with its reason in both languages', () => {
    const rows = rowsOf(unitResultSheet(small, ranking, table, entryOf('a4'))).flat();
    expect(rows).toContain('Không xếp hạng (Không hợp lệ).');
    expect(rows.some((s) => typeof s === 'string' && s.includes(' / '))).toBe(true);
  });

  it('English sheet text', () => {
    const rows = rowsOf(unitResultSheet(small, ranking, table, entryOf('a1'), { lang: 'en' })).flat();
    expect(rows).toContain('Rank in Nhóm A: 1 of 3.');
    expect(rows).toContain("THE UNIT'S WEAKEST CRITERIA");
  });

  it('a mean-scored annex (Đồng Nai): every group is out of the annex scale', () => {
    const dn = builtinRulebook('dong-nai-2022')!;
    const unit = dn.units.find((u) => u.annex === '1')!;
    const dnInputs = [
      form(dn, '1', unit.id, { entries: fullEntries(annexOf(dn, '1')), year: 2022, received: '2022-10-20' }),
    ];
    const dnRanking = rank(dn, dnInputs, { asOf: '2022-11-01' });
    const sheet = unitResultSheet(
      dn,
      dnRanking,
      dnRanking.tables[0],
      dnRanking.tables[0].entries.find((e) => e.unitId === unit.id)!,
    );
    const groupRows = rowsOf(sheet).filter((r) => r.length === 6 && typeof r[2] === 'number');
    expect(groupRows.length).toBe(annexOf(dn, '1').groups.length);
    for (const r of groupRows) expect(r[2]).toBe(3);
  });
});

describe('LibreOffice opens a result workbook and the "Tổng hợp" sheet with cross-checks', () => {
  const soffice = requireSoffice('the LibreOffice check of the result workbook (test/report/result.test.ts)');
  const maybe = soffice ? it : it.skip;

  maybe(
    'their text comes back as written',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'scorecard-result-lo-'));
      const refs = parseReferenceRows(
        small,
        csvTableRows('unit,criterion,value,source\nSở Hai,2.1,80,Sở Nội vụ\n'),
      );
      const cross = crossCheck(ranking, inputs, refs.figures);
      expect(cross.checks).toHaveLength(1);
      writeFileSync(
        join(dir, 'ketqua.xlsx'),
        await writeRankingXlsx(
          unitResultSheet(small, ranking, table, entryOf('a2'), { crossChecks: cross.checks }),
        ),
      );
      writeFileSync(
        join(dir, 'tonghop.xlsx'),
        await writeRankingXlsx(summarySheet(small, ranking, { crossChecks: cross, charts: false })),
      );
      const r = spawnSync(
        soffice!,
        [
          '--headless',
          '--norestore',
          '--nologo',
          `-env:UserInstallation=${makeProfile()}`,
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76,1',
          '--outdir',
          join(dir, 'csv'),
          join(dir, 'ketqua.xlsx'),
          join(dir, 'tonghop.xlsx'),
        ],
        { encoding: 'utf8', timeout: 180_000 },
      );
      expect(r.status).toBe(0);
      const result = readFileSync(join(dir, 'csv', 'ketqua.csv'), 'utf8');
      expect(result).toContain('Sở Hai');
      expect(result).toContain(`Hạng trong Nhóm A: ${entryOf('a2').rank}/3.`);
      // 50 of the best 100 gives 10 points; 80 would give 16 (the best stays Sở Một's 100).
      expect(result).toContain('"2.1","value",50,80,10.00,16.00,"Sở Nội vụ"');
      const summary = readFileSync(join(dir, 'csv', 'tonghop.csv'), 'utf8');
      expect(summary).toContain('ĐỐI CHIẾU SỐ LIỆU VỚI SỐ LIỆU CỦA CÁC CƠ QUAN CHUYÊN MÔN');
      expect(summary).toContain('1,"Sở Hai",,"2.1","value",50,80,"Sở Nội vụ",,10.00,16.00');
    },
    240_000,
  );
});
