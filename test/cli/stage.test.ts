/**
 * `scorecard rank … --stage preliminary|final -o <workbook>` through the built command line: the
 * sheets each stage writes, the cross-checks in the preliminary report, the figures of the appendix
 * equal to `rank --json`, and the usage errors (an unknown stage, a stage without -o).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { builtinRulebook } from '../../src/core/rulebook';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import type { RankingJson } from '../../src/report';
import { RESULTS_SHEET } from '../../src/report/results-sheet';
import { scorecard, expectNoStackTrace } from '../helpers/cli';
import { annexOf, entriesWorth } from '../core/ranking/fixtures';

const bt = builtinRulebook('binh-thuan-2019')!;
const root = mkdtempSync(join(tmpdir(), 'scorecard-stage-'));
const nop = join(root, 'nop');
const received = join(root, 'ngay-nhan.csv');
const reference = join(root, 'doi-chieu.csv');

// Nhóm I: two tied at the third place of three awards; one late.
const forms = [
  { annex: 'I', unit: 'so-noi-vu', total: 490, received: '13/09/2019' },
  { annex: 'I', unit: 'so-tu-phap', total: 470, received: '13/09/2019' },
  { annex: 'I', unit: 'so-tai-chinh', total: 460, received: '13/09/2019' },
  { annex: 'I', unit: 'so-xay-dung', total: 460, received: '13/09/2019' },
  { annex: 'I', unit: 'so-y-te', total: 480, received: '15/10/2019' },
  { annex: 'II', unit: 'van-phong-ubnd-tinh', total: 400, received: '13/09/2019' },
];

beforeAll(async () => {
  mkdirSync(nop);
  for (const f of forms) {
    const unit = bt.units.find((u) => u.id === f.unit)!;
    writeFileSync(
      join(nop, `${f.unit}.xlsx`),
      await writeFormXlsx(
        planForm(bt, f.annex, { id: unit.id, name: unit.name }, 2019, {
          entries: entriesWorth(annexOf(bt, f.annex), f.total),
        }),
      ),
    );
  }
  writeFileSync(received, ['tệp,ngày nhận', ...forms.map((f) => `${f.unit}.xlsx,${f.received}`)].join('\n'));
  writeFileSync(reference, 'đơn vị,tiêu chí,giá trị,nguồn\nSở Tư pháp,1.1,Không,Văn phòng UBND tỉnh\n');
}, 60_000);

/** Sheet name → the string values of its cells (a merged range once). */
async function workbookText(file: string): Promise<Map<string, string[]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, string[]>();
  wb.eachSheet((ws) => {
    const values: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.master.address === cell.address && typeof cell.value === 'string') values.push(cell.value);
      }),
    );
    out.set(ws.name, values);
  });
  return out;
}

describe('scorecard rank --stage', () => {
  const options = [
    '--rulebook',
    'binh-thuan-2019',
    '--received',
    received,
    '--as-of',
    '2019-11-20',
    '--reference',
    reference,
  ];

  it('preliminary: "Tổng hợp" only, its own title, the cross-checks, and no award', async () => {
    const file = join(root, 'so-bo.xlsx');
    const r = scorecard(['rank', nop, ...options, '--stage', 'preliminary', '-o', file]);
    expectNoStackTrace(r.stderr);
    expect(r.code).toBe(0);
    const sheets = await workbookText(file);
    expect([...sheets.keys()]).toEqual(['Tổng hợp']);
    const text = sheets.get('Tổng hợp')!;
    expect(text[0]).toBe(
      'BÁO CÁO KẾT QUẢ TỔNG HỢP SƠ BỘ ĐÁNH GIÁ, XẾP HẠNG ỨNG DỤNG CÔNG NGHỆ THÔNG TIN NĂM 2019',
    );
    expect(text).toContain('ĐỐI CHIẾU SỐ LIỆU VỚI SỐ LIỆU CỦA CÁC CƠ QUAN CHUYÊN MÔN');
    expect(text).toContain('Nộp muộn');
    expect(text).not.toContain('Khen thưởng');
    expect(text.some((s) => s.includes('Hội đồng quyết định'))).toBe(false);
  });

  it('final: the appendix and the award proposal, their figures equal to rank --json', async () => {
    const file = join(root, 'chinh-thuc.xlsx');
    const r = scorecard(['rank', nop, ...options, '--stage', 'final', '-o', file]);
    expectNoStackTrace(r.stderr);
    expect(r.code).toBe(0);
    const sheets = await workbookText(file);
    // The final results, very hidden, for next year's --previous (the preliminary report has none).
    expect([...sheets.keys()]).toEqual([
      'Tổng hợp',
      'Phụ lục Quyết định',
      'Đề nghị khen thưởng',
      RESULTS_SHEET,
    ]);

    const ranking: RankingJson = JSON.parse(scorecard(['rank', nop, ...options, '--json']).stdout);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const appendix = wb.getWorksheet('Phụ lục Quyết định')!;
    const rows: unknown[][] = [];
    appendix.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    for (const g of ranking.groups)
      for (const e of g.entries.filter((x) => x.status === 'ranked')) {
        const row = rows.find((x) => x[1] === e.unit)!;
        expect(row.slice(1, 5)).toEqual([e.unit, e.total, e.band, e.rank]);
      }
    const late = rows.find((x) => x[1] === 'Sở Y tế')!;
    expect(late[5]).toBe('Nộp muộn');
    expect(late[4]).toBeUndefined();

    const awards = sheets.get('Đề nghị khen thưởng')!;
    const tiesAt = awards.findIndex((s) => s.startsWith('II. CÁC ĐƠN VỊ ĐỒNG HẠNG'));
    expect(awards.slice(0, tiesAt)).toEqual(
      expect.arrayContaining(['Sở Nội vụ', 'Sở Tư pháp', 'Văn phòng UBND tỉnh']),
    );
    expect(awards.slice(0, tiesAt)).not.toContain('Sở Tài chính');
    expect(awards.slice(tiesAt)).toEqual(expect.arrayContaining(['Sở Tài chính', 'Sở Xây dựng']));
  });

  it('an unknown stage, or a stage without -o, is a usage error in both languages', () => {
    const bad = scorecard(['rank', nop, ...options, '--stage', 'draft', '-o', join(root, 'x.xlsx')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Giai đoạn "draft" không hợp lệ');
    expect(bad.stderr).toContain('Unknown stage "draft"');
    expectNoStackTrace(bad.stderr);
    const noOutput = scorecard(['rank', nop, ...options, '--stage', 'final']);
    expect(noOutput.code).toBe(2);
    expect(noOutput.stderr).toContain('--stage cần -o');
    expect(noOutput.stderr).toContain('--stage needs -o');
  });
});
