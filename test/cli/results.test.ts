/**
 * `scorecard results`: one result workbook per unit, through the built command line, its figures equal
 * to `scorecard rank --json` of the same forms (totals, bands, ranks, group subtotals), the group's average
 * and best, the weakest criteria, and the cross-checks of that unit only.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { builtinRulebook } from '../../src/core/rulebook';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import type { RankingJson } from '../../src/report';
import { scorecard, expectNoStackTrace } from '../helpers/cli';
import { annexOf, entriesWorth } from '../core/ranking/fixtures';

const bt = builtinRulebook('binh-thuan-2019')!;
const root = mkdtempSync(join(tmpdir(), 'scorecard-results-'));
const nop = join(root, 'nop');
const out = join(nop, 'ket-qua'); // inside the input folder: a re-run must not read it
const received = join(root, 'ngay-nhan.csv');
const reference = join(root, 'doi-chieu.csv');

const forms: {
  annex: string;
  unit: string;
  total: number;
  appraisals?: Record<string, { points?: number; note?: string }>;
}[] = [
  {
    annex: 'I',
    unit: 'so-noi-vu',
    total: 480,
    appraisals: { '1.1': { points: 0, note: 'Chưa có kế hoạch năm' }, '1.3': { note: 'Đã xem quy chế' } },
  },
  { annex: 'I', unit: 'so-tu-phap', total: 455.5 },
  { annex: 'I', unit: 'so-tai-chinh', total: 455.5 },
  { annex: 'I', unit: 'so-xay-dung', total: 300 },
  { annex: 'II', unit: 'van-phong-ubnd-tinh', total: 400 },
];

beforeAll(async () => {
  mkdirSync(nop);
  for (const f of forms) {
    const unit = bt.units.find((u) => u.id === f.unit)!;
    const entries = entriesWorth(annexOf(bt, f.annex), f.total);
    writeFileSync(
      join(nop, `${f.unit}.xlsx`),
      await writeFormXlsx(
        planForm(bt, f.annex, { id: unit.id, name: unit.name }, 2019, { entries, appraisals: f.appraisals }),
      ),
    );
  }
  writeFileSync(received, ['tệp,ngày nhận', ...forms.map((f) => `${f.unit}.xlsx,13/09/2019`)].join('\n'));
  writeFileSync(reference, 'đơn vị,tiêu chí,giá trị,nguồn\nSở Tư pháp,1.1,Không,Văn phòng UBND tỉnh\n');
}, 60_000);

/** Each row's values, a merged range counted once. */
async function sheetRows(file: string): Promise<(string | number)[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Kết quả')!;
  const rows: (string | number)[][] = [];
  ws.eachRow((row) => {
    const values: (string | number)[] = [];
    row.eachCell((cell) => {
      if (
        cell.master.address === cell.address &&
        (typeof cell.value === 'string' || typeof cell.value === 'number')
      )
        values.push(cell.value);
    });
    rows.push(values);
  });
  return rows;
}

describe('scorecard results', () => {
  const options = [
    '--rulebook',
    'binh-thuan-2019',
    '--received',
    received,
    '--as-of',
    '2019-10-01',
    '--reference',
    reference,
  ];
  let ranking: RankingJson;
  let written: {
    unit: string;
    unitId: string;
    annex: string;
    file: string;
    total: number;
    rank: number | null;
    band: string | null;
  }[];
  beforeAll(() => {
    const r = scorecard(['results', nop, ...options, '-o', out, '--json']);
    expectNoStackTrace(r.stderr);
    expect(r.code).toBe(0);
    written = JSON.parse(r.stdout);
    ranking = JSON.parse(scorecard(['rank', nop, ...options, '--json']).stdout);
  });

  it('writes one workbook per unit with a form, named by annex and unit', () => {
    expect(readdirSync(out).sort()).toEqual(forms.map((f) => `ketqua_${f.annex}_${f.unit}.xlsx`).sort());
    expect(written).toHaveLength(forms.length);
  });

  it("every figure is the ranking's: total, band, rank, and each criteria group against the group's average and best", async () => {
    for (const w of written) {
      const entry = ranking.groups
        .find((g) => g.annex === w.annex)!
        .entries.find((e) => e.unitId === w.unitId)!;
      expect([w.total, w.band, w.rank]).toEqual([entry.total, entry.band, entry.rank]);
      const rows = await sheetRows(w.file);
      const text = rows.flat().filter((v): v is string => typeof v === 'string');
      expect(text).toContain(entry.unit);
      const placed = ranking.groups.find((g) => g.annex === w.annex)!.entries.filter((e) => e.rank !== null);
      expect(text).toContain(
        `Tổng điểm: ${String(entry.total).replace('.', ',')}/${w.annex === 'II' ? 420 : 500} (tự chấm ${String(entry.selfTotal).replace('.', ',')}).`,
      );
      expect(text).toContain(`Xếp loại: ${entry.band}.`);
      expect(text).toContain(`Hạng trong Nhóm ${w.annex}: ${entry.rank}/${placed.length}.`);
      for (const [code, points] of Object.entries(entry.groups)) {
        const row = rows.find((r) => r[0] === code && typeof r[1] === 'string' && r.length === 6)!;
        const values = placed.map((e) => e.groups[code]);
        const average = Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100;
        expect(row.slice(3)).toEqual([points, average, Math.max(...values)]);
      }
    }
  });

  it("ties share a rank, the award is stated, and the unit's weakest criteria are listed", async () => {
    const tuPhap = await sheetRows(join(out, 'ketqua_I_so-tu-phap.xlsx'));
    const taiChinh = await sheetRows(join(out, 'ketqua_I_so-tai-chinh.xlsx'));
    for (const rows of [tuPhap, taiChinh]) expect(rows.flat()).toContain('Hạng trong Nhóm I: 2/4.');
    expect((await sheetRows(join(out, 'ketqua_I_so-noi-vu.xlsx'))).flat()).toContain(
      'Thuộc diện đề nghị khen thưởng theo bộ tiêu chí.',
    );
    const xayDung = await sheetRows(join(out, 'ketqua_I_so-xay-dung.xlsx'));
    const weakest = xayDung.findIndex((r) => r[0] === 'CÁC TIÊU CHÍ ĐẠT THẤP NHẤT CỦA ĐƠN VỊ');
    expect(weakest).toBeGreaterThan(0);
    const first = xayDung[weakest + 2];
    expect(first[4]).toBeLessThan(1); // share of max
    expect(first[3]).toBeLessThan(first[2] as number); // points below max
  });

  it("the council's remarks: appraised points beside the self-score, and the notes", async () => {
    const rows = await sheetRows(join(out, 'ketqua_I_so-noi-vu.xlsx'));
    const title = rows.findIndex((r) => r[0] === 'Ý KIẾN THẨM ĐỊNH CỦA HỘI ĐỒNG');
    expect(title).toBeGreaterThan(0);
    expect(rows[title + 2]).toEqual([
      '1.1',
      bt.annexes[0].groups[0].criteria[0].title,
      10,
      0,
      'Chưa có kế hoạch năm',
    ]);
    expect(rows[title + 3]).toEqual(['1.3', bt.annexes[0].groups[0].criteria[2].title, 10, 'Đã xem quy chế']);
    expect(rows.flat()).toContain('Tổng điểm: 470/500 (tự chấm 480).');
    expect((await sheetRows(join(out, 'ketqua_I_so-tu-phap.xlsx'))).flat()).not.toContain(
      'Ý KIẾN THẨM ĐỊNH CỦA HỘI ĐỒNG',
    );
  });

  it('the cross-checks that concern a unit are in its workbook, and only there', async () => {
    const tuPhap = (await sheetRows(join(out, 'ketqua_I_so-tu-phap.xlsx'))).flat();
    expect(tuPhap).toContain('Văn phòng UBND tỉnh');
    const noiVu = await sheetRows(join(out, 'ketqua_I_so-noi-vu.xlsx'));
    const title = noiVu.findIndex((r) => r[0] === 'ĐỐI CHIẾU SỐ LIỆU VỚI SỐ LIỆU CỦA CÁC CƠ QUAN CHUYÊN MÔN');
    expect(noiVu[title + 1]).toEqual(['Không có.']);
  });

  it('a re-run with the output inside the input folder reads no result workbook as a form', () => {
    const r = scorecard(['results', nop, ...options, '-o', out, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(forms.length);
    expect(r.stderr).not.toMatch(/ketqua_/);
  });

  it('bad usage: no output folder, exit 2 with one line in both languages', () => {
    const r = scorecard(['results', nop, '--rulebook', 'binh-thuan-2019']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/-o <folder>/);
  });
});
