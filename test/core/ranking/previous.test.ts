/**
 * Year over year across a merge: each unit beside last year's total, index, rank and band; a unit that
 * took over others compares with the plain mean of its predecessors and says so; a unit map naming an
 * unknown unit is one located error in both languages.
 */
import { parseRulebook, RulebookError } from '../../../src/core/rulebook';
import { parseUnitMap, rank, withPrevious, type PreviousResult } from '../../../src/core/ranking';
import { previousFromJson, rankingJson } from '../../../src/report/json';
import { input } from '../../helpers/frameworks';
import { thisYearAcrossAMerge } from './fixtures';

const rb = parseRulebook(input());
const now = thisYearAcrossAMerge(rb);
const last: PreviousResult[] = [
  { unitId: 'so-tu-phap', unitName: 'Sở Tư pháp', total: 700, index: 0.7, rank: 1, band: 'Chưa xếp loại' },
  { unitId: 'ban-qlda', unitName: 'Ban Quản lý dự án', total: 450, index: 0.6, rank: 3 },
  { unitName: 'Sở Công Thương', total: 620.5, index: 0.5909, rank: 2, band: 'Chưa xếp loại' },
  { unitName: 'Sở Xây dựng cũ', total: 300, index: 0.3, rank: 4 },
];
const entry = (r: ReturnType<typeof rank>, id: string) => r.tables[0].entries.find((e) => e.unitId === id)!;

describe('year over year', () => {
  it('a unit compares with its own result: total, index, rank, band and the change', () => {
    const e = entry(withPrevious(rb, now, last), 'so-cong-thuong');
    expect(e.total).toBe(600);
    expect(e.previous).toEqual({
      total: 620.5,
      index: 0.5909,
      rank: 2,
      band: 'Chưa xếp loại',
      change: { total: -20.5, index: -0.0195, rank: 0 }, // 600 of 1,050: 0.5714, second again
    });
  });

  it('a merged unit compares with the mean of its predecessors and says so', () => {
    const e = entry(withPrevious(rb, now, last), 'so-tu-phap');
    expect(e.total).toBe(800);
    expect(e.previous).toMatchObject({ total: 575, index: 0.65, change: { total: 225, index: 0.15 } });
    expect(e.previous!.rank).toBeUndefined();
    expect(e.previous!.band).toBeUndefined();
    expect(e.previous!.meanOf).toEqual(['Sở Tư pháp', 'Ban Quản lý dự án']);
    expect(e.notes.some((n) => n.vi.includes('Ban Quản lý dự án') && n.en.includes('mean'))).toBe(true);
  });

  it('a unit map adds predecessors the rulebook does not know', () => {
    const e = entry(
      withPrevious(rb, now, last, [{ from: 'Sở Xây dựng cũ', to: 'Sở Công Thương', line: 2 }]),
      'so-cong-thuong',
    );
    expect(e.previous).toMatchObject({ total: 460.25, meanOf: ['Sở Công Thương', 'Sở Xây dựng cũ'] });
  });

  it('without last year’s result there is nothing to compare', () => {
    const e = entry(withPrevious(rb, now, []), 'so-cong-thuong');
    expect(e.previous).toBeUndefined();
  });

  it('a unit map naming an unknown unit is one located error in both languages', () => {
    const fail = (row: { from: string; to: string; line: number }) => {
      try {
        withPrevious(rb, now, last, [row]);
      } catch (err) {
        return (err as RulebookError).reason;
      }
      return undefined;
    };
    const old = fail({ from: 'Sở Không Có', to: 'Sở Tư pháp', line: 3 });
    expect(old?.vi).toMatch(/dòng 3, cột 1.*Sở Không Có/);
    expect(old?.en).toMatch(/line 3, column 1.*Sở Không Có/);
    const target = fail({ from: 'Sở Xây dựng cũ', to: 'Sở Mới', line: 4 });
    expect(target?.vi).toMatch(/dòng 4, cột 2.*Sở Mới/);
    expect(target?.en).toMatch(/line 4, column 2.*Sở Mới/);
  });

  it('reads last year’s ranking JSON and a unit map CSV; JSON entries carry `previous`', () => {
    const lastYear = JSON.parse(JSON.stringify(rankingJson(now)));
    const read = previousFromJson(lastYear, 'xep-hang-2024.json');
    expect(read.map((r) => [r.unitId, r.total, r.index, r.rank])).toEqual([
      ['so-tu-phap', 800, 0.8, 1],
      ['so-cong-thuong', 600, 0.5714, 2],
    ]);
    const map = parseUnitMap('\uFEFFĐơn vị cũ,Đơn vị mới\n\n"Sở Công Thương","Sở Tư pháp"\r\n');
    expect(map).toEqual([{ from: 'Sở Công Thương', to: 'Sở Tư pháp', line: 3 }]);
    const json = rankingJson(withPrevious(rb, now, read));
    const tp = json.groups[0].entries.find((e) => e.unitId === 'so-tu-phap')!;
    expect(tp.previous).toMatchObject({ total: 800, rank: 1, change: { total: 0, index: 0, rank: 0 } });
    expect(rankingJson(now).groups[0].entries.every((e) => e.previous === null)).toBe(true);
    expect(() => previousFromJson({ tables: [] }, 'sai.json')).toThrow(/sai\.json is not a ranking/);
  });
});
