/**
 * `scorecard rulebook import <table>` and `scorecard form import <table>`, run as a user would (build
 * first): a criteria table as exchanged (CSV with BOM, .xlsx with multi-line cells) → a rulebook → a
 * filled form that `scorecard check` scores to the table's own sums.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { scorecard, expectNoStackTrace } from '../helpers/cli';
import { parseRulebook, builtinRulebook } from '../../src/core/rulebook';
import { workbookBytes as toBytes } from '../../src/xlsx/describe-write';
import { readWorkbook } from '../../src/xlsx/read';

const dir = mkdtempSync(join(tmpdir(), 'scorecard-table-'));
const file = (name: string) => join(dir, name);
const decision = ['--province', 'Lâm Đồng', '--decision', '15/QĐ-UBND', '--decision-date', '2025-08-20'];

function run(args: string[]) {
  const r = scorecard(args);
  expectNoStackTrace(r.stdout + r.stderr);
  return r;
}

// A commune's filled table: three-level ids, an appraisal above the self-score, notes on several lines.
const HEADER = [
  'STT',
  'Nhóm',
  'Chỉ tiêu',
  'Điểm tối đa',
  'Tự đánh giá',
  'Thẩm định',
  'Chênh lệch',
  'Trạng thái',
  'Minh chứng/Ghi chú',
];
const ROWS: (string | number)[][] = [
  [
    '4.10',
    'Chính quyền số',
    '  Tỷ lệ hồ sơ\n trực tuyến toàn trình ',
    20,
    15,
    17,
    -2,
    'Hoàn thành',
    'Báo cáo 45/BC-UBND – 3/3/2025: kết quả\nThành viên thẩm định: Thống nhất',
  ],
  ['4.2', 'Chính quyền số', 'Hệ thống quản lý văn bản', 10, 10, 9, 1, 'Hoàn thành', ''],
  [
    '4.22.11',
    'Chính quyền số',
    'Camera giám sát',
    5,
    2.5,
    2.5,
    0,
    'Đang thực hiện',
    'Cần bổ sung minh chứng',
  ],
  ['1.1', 'Nhận thức số', 'Nghị quyết chuyên đề', 15, 12, 12, 0, 'Hoàn thành', ''],
];

function csv(rows: (string | number)[][]): string {
  // Numbers with a decimal comma, as a Vietnamese spreadsheet exports them.
  const q = (v: string | number) =>
    typeof v === 'number' ? String(v).replace('.', ',') : /[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  return '\uFEFF' + [HEADER, ...rows].map((r) => r.map(q).join(';')).join('\r\n') + '\r\n';
}

async function xlsx(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Bảng điểm');
  ws.addRow(['BẢNG TỰ ĐÁNH GIÁ CHỈ SỐ CHUYỂN ĐỔI SỐ NĂM 2025']);
  ws.addRow([]);
  ws.addRow([...HEADER].reverse());
  for (const r of rows) ws.addRow([...r].reverse());
  return toBytes(wb);
}

describe('scorecard rulebook import <criteria table>', () => {
  it('a CSV table becomes a rulebook: natural order, groups as they come, points entered directly', () => {
    writeFileSync(file('xa.csv'), csv(ROWS));
    const r = run([
      'rulebook',
      'import',
      file('xa.csv'),
      ...decision,
      '--id',
      'lam-dong-xa-2025',
      '--title',
      'Bộ chỉ số cấp xã',
      '-o',
      file('xa.json'),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 nhóm, 4 tiêu chí, tổng điểm tối đa 50');
    const rb = parseRulebook(JSON.parse(readFileSync(file('xa.json'), 'utf8')));
    expect(rb.id).toBe('lam-dong-xa-2025');
    expect(rb.decision).toEqual({ number: '15/QĐ-UBND', date: '2025-08-20' });
    expect(rb.annexes[0].groups.map((g) => [g.title, g.criteria.map((c) => c.id)])).toEqual([
      ['Chính quyền số', ['4.2', '4.10', '4.22.11']],
      ['Nhận thức số', ['1.1']],
    ]);
    expect(rb.annexes[0].groups[0].criteria[1].title).toBe('Tỷ lệ hồ sơ trực tuyến toàn trình');
    expect(
      rb.annexes[0].groups[0].criteria.every(
        (c) => c.rule.type === 'manual' && c.provenance === 'reconstructed',
      ),
    ).toBe(true);
  });

  it('the same table as .xlsx (title above, columns reversed) gives the same rulebook', async () => {
    writeFileSync(file('xa.xlsx'), await xlsx(ROWS));
    const r = run([
      'rulebook',
      'import',
      file('xa.xlsx'),
      ...decision,
      '--id',
      'lam-dong-xa-2025',
      '--title',
      'Bộ chỉ số cấp xã',
      '--provenance',
      'reconstructed',
      '-o',
      file('xa2.json'),
    ]);
    expect(r.code).toBe(0);
    const [a, b] = ['xa.json', 'xa2.json'].map((f) => JSON.parse(readFileSync(file(f), 'utf8')));
    expect(b.annexes).toEqual(a.annexes);
    expect(b.sources).toEqual(['bảng tiêu chí xa.xlsx']); // the source names the file it came from
  });

  it('the authoring workbook is still compiled as before', () => {
    expect(run(['rulebook', 'export', '--rulebook', 'gia-lai-2019', '-o', file('gl.xlsx')]).code).toBe(0);
    const r = run(['rulebook', 'import', file('gl.xlsx'), '-o', file('gl.json')]);
    expect(r.code).toBe(0);
    expect(parseRulebook(JSON.parse(readFileSync(file('gl.json'), 'utf8')))).toEqual(
      builtinRulebook('gia-lai-2019'),
    );
  });

  it('errors are located, bilingual, and nothing is written', () => {
    const bad = [...ROWS, ['4.2', 'Chính quyền số', 'Lặp mã', 'mười', 0, 0, 0, '', '']];
    writeFileSync(file('bad.csv'), csv(bad));
    const r = run(['rulebook', 'import', file('bad.csv'), ...decision, '-o', file('bad.json')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringContaining('có 1 lỗi'),
      'bad.csv, dòng 8, cột D (Điểm tối đa): điểm tối đa của tiêu chí 4.2 là "mười", không phải số dương. / bad.csv, row 8, column D (Điểm tối đa): the maximum of criterion 4.2 is "mười", not a positive number.',
    ]);
    expect(existsSync(file('bad.json'))).toBe(false);
  });

  it('a bad option is one bilingual line', () => {
    writeFileSync(file('xa.csv'), csv(ROWS));
    const r = run([
      'rulebook',
      'import',
      file('xa.csv'),
      ...decision,
      '--provenance',
      'official-ish',
      '-o',
      file('p.json'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'Nguồn gốc "official-ish" không hợp lệ; dùng official hoặc reconstructed. / Provenance "official-ish" is not valid; use official or reconstructed.',
    );
    expect(existsSync(file('p.json'))).toBe(false);
  });
});

describe('scorecard form import <filled table>', () => {
  const selfSum = ROWS.reduce((s, r) => s + (r[4] as number), 0);
  const appraisedSum = ROWS.reduce((s, r) => s + (r[5] as number), 0);

  it.each([
    ['xa.csv', () => csv(ROWS)],
    ['xa.xlsx', () => xlsx(ROWS)],
  ])('%s → a filled form that check scores to the table sums', async (name, make) => {
    writeFileSync(file(name), await make());
    if (!existsSync(file('xa.json')))
      run(['rulebook', 'import', file('xa.csv'), ...decision, '-o', file('xa.json')]);
    const out = file(`${name}.form.xlsx`);
    const f = run([
      'form',
      'import',
      file(name),
      '--rulebook',
      file('xa.json'),
      '--unit',
      'Xã Đạ Huoai',
      '--year',
      '2025',
      '-o',
      out,
      '--json',
    ]);
    expect(f.stderr).toBe('');
    expect(f.code).toBe(0);
    expect(JSON.parse(f.stdout)).toMatchObject({
      unit: 'Xã Đạ Huoai',
      year: 2025,
      selfTotal: selfSum,
      appraisedTotal: appraisedSum,
    });
    const c = run(['check', out, '--json']);
    expect(c.code).toBe(0);
    const report = JSON.parse(c.stdout);
    expect(report).toMatchObject({
      unit: 'Xã Đạ Huoai',
      year: 2025,
      selfTotal: selfSum,
      appraisedTotal: appraisedSum,
      total: selfSum,
    });
    expect(appraisedSum).toBeGreaterThan(selfSum); // an appraisal above the self-score stands
    expect(report.criteria.find((x: { id: string }) => x.id === '4.10').points).toBe(15);
    // Evidence and the appraisal land in their cells, lines kept.
    const read = readWorkbook(new Uint8Array(readFileSync(out)));
    if (!read.ok) throw new Error(read.reason.en);
    expect(read.forms[0].values.EVIDENCE_4_10).toBe(
      'Báo cáo 45/BC-UBND – 3/3/2025: kết quả\nThành viên thẩm định: Thống nhất',
    );
    expect(read.forms[0].values.APPR_4_10).toBe(17);
  });

  it('a self-score above its maximum is a located error and no form is written', () => {
    const bad = ROWS.map((r) => (r[0] === '1.1' ? [...r.slice(0, 4), 16, ...r.slice(5)] : r));
    writeFileSync(file('over.csv'), csv(bad));
    const out = file('over.xlsx');
    const r = run([
      'form',
      'import',
      file('over.csv'),
      '--rulebook',
      file('xa.json'),
      '--unit',
      'Xã Đạ Huoai',
      '-o',
      out,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'over.csv, row 7, column E (Tự đánh giá): 16 points for criterion 1.1 exceed its maximum 15.',
    );
    expect(existsSync(out)).toBe(false);
  });
});
