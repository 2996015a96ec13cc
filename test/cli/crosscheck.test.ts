/**
 * `scorecard rank --reference <figures.csv|xlsx> [--tolerance]` end to end through the built command
 * line: real .xlsx forms, a reference table as CSV (Vietnamese headings, BOM) and as .xlsx, differences
 * at and beyond the tolerance in `rank --json` and on the "Tổng hợp" sheet, bad rows as warnings while
 * the ranking runs, and scores never changed by a reference.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { builtinRulebook } from '../../src/core/rulebook';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import type { RankingJson } from '../../src/report';
import type { CrossChecksJson } from '../../src/report/crosscheck';
import { scorecard, expectNoStackTrace } from '../helpers/cli';
import { annexOf, fullEntries } from '../core/ranking/fixtures';

const bt = builtinRulebook('binh-thuan-2019')!;
const root = mkdtempSync(join(tmpdir(), 'scorecard-cross-'));
const nop = join(root, 'nop');
const csv = join(root, 'so-lieu-doi-chieu.csv');
const xlsx = join(root, 'so-lieu-doi-chieu.xlsx');
const received = join(root, 'ngay-nhan.csv');
const annexI = annexOf(bt, 'I');

const forms = [
  { unit: 'so-noi-vu', overrides: { '2.1': { numerator: 90, denominator: 100 } } }, // 18 points
  { unit: 'so-tu-phap', overrides: { '2.1': { numerator: 100, denominator: 110 } } }, // 18.18 points
  { unit: 'so-tai-chinh', overrides: {} },
];

beforeAll(async () => {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(nop);
  for (const f of forms) {
    const unit = bt.units.find((u) => u.id === f.unit)!;
    const entries = fullEntries(
      annexI,
      Object.fromEntries(
        Object.entries(f.overrides).map(([id, v]) => [id, { ...v, reason: 'Lý do', evidence: 'Hồ sơ' }]),
      ),
    );
    writeFileSync(
      join(nop, `${f.unit}.xlsx`),
      await writeFormXlsx(planForm(bt, 'I', { id: unit.id, name: unit.name }, 2019, { entries })),
    );
  }
  writeFileSync(received, ['tệp,ngày nhận', ...forms.map((f) => `${f.unit}.xlsx,13/09/2019`)].join('\n'));
  writeFileSync(
    csv,
    '\uFEFF' +
      [
        ' Đơn vị ; Tiêu chí ; Chỉ tiêu ; Giá trị ; Nguồn ',
        'Sở Nội vụ;2.1;denominator;120;Sở Nội vụ (biên chế 2019)', // 20 apart: beyond 10%
        'Sở Tư pháp;2.1;Mẫu số;100;Sở Nội vụ (biên chế 2019)', // 10 apart: at 10% of 100
        'Sở Tài chính;2.1;numerator;100;Sở Nội vụ (biên chế 2019)', // the same
        'Sở Không Có;2.1;numerator;1;Sở Nội vụ', // unknown unit
        'Sở Tài chính;2.2;;nhiều;Sở TT&TT', // not a number
      ].join('\r\n'),
  );
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Số liệu');
  ws.addRows([
    ['Cơ quan, đơn vị', 'Mã tiêu chí', 'Chỉ tiêu', 'Giá trị', 'Cơ quan cung cấp'],
    ['Sở Nội vụ', '2.1', 'numerator', 60, 'Sở Tài chính'],
    ['Sở Nội vụ', '2.1', 'numerator', 61, 'Sở Tài chính'], // a second value from the same source
    ['Sở Nội vụ', '1.1', '', 'Không', 'Văn phòng UBND tỉnh'],
  ]);
  writeFileSync(xlsx, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}, 60_000);

type Json = RankingJson & CrossChecksJson;
const rankJson = (...extra: string[]) => {
  const r = scorecard([
    'rank',
    nop,
    '--rulebook',
    'binh-thuan-2019',
    '--received',
    received,
    '--as-of',
    '2019-10-01',
    '--json',
    ...extra,
  ]);
  expectNoStackTrace(r.stderr);
  return { ...r, json: JSON.parse(r.stdout) as Json };
};

describe('scorecard rank --reference', () => {
  it('lists every difference by default, with the points the reference figure would give; bad rows are warnings, the ranking runs', () => {
    const r = rankJson('--reference', csv);
    expect(r.code).toBe(0);
    expect(r.json.crossChecks).toEqual([
      {
        line: 2,
        annex: 'I',
        unit: 'Sở Nội vụ',
        unitId: 'so-noi-vu',
        criterion: '2.1',
        input: 'denominator',
        reported: 100,
        reference: 120,
        difference: -20,
        source: 'Sở Nội vụ (biên chế 2019)',
        reportedPoints: 18,
        referencePoints: 15,
      },
      expect.objectContaining({
        line: 3,
        unit: 'Sở Tư pháp',
        input: 'denominator',
        reported: 110,
        reference: 100,
        reportedPoints: 18.18,
        referencePoints: 20,
      }),
    ]);
    expect(r.json.crossCheckSummary).toMatchObject({ tolerancePercent: 0, compared: 3 });
    const warnings = r.stderr.split('\n').filter((l) => l.includes('so-lieu-doi-chieu.csv'));
    expect(warnings).toEqual([
      'Cảnh báo / Warning: Bảng số liệu đối chiếu so-lieu-doi-chieu.csv: Dòng 5: không tìm thấy đơn vị "Sở Không Có" trong bộ tiêu chí binh-thuan-2019. / Reference figures so-lieu-doi-chieu.csv: Line 5: unit "Sở Không Có" is not in rulebook binh-thuan-2019.',
      'Cảnh báo / Warning: Bảng số liệu đối chiếu so-lieu-doi-chieu.csv: Dòng 6: giá trị "nhiều" (Sở Tài chính, tiêu chí 2.2) không phải là số. / Reference figures so-lieu-doi-chieu.csv: Line 6: value "nhiều" (Sở Tài chính, criterion 2.2) is not a number.',
    ]);
    expect(r.json.crossCheckSummary.warnings.map((w) => w.messageEn)).toEqual(
      warnings.map((w) => w.split(' / ').pop()),
    );
  });

  it('--tolerance 10%: a difference at the tolerance is not listed, one beyond it is', () => {
    const r = rankJson('--reference', csv, '--tolerance', '10%');
    expect(r.json.crossChecks.map((c) => [c.unit, c.reported, c.reference])).toEqual([
      ['Sở Nội vụ', 100, 120],
    ]);
    expect(r.json.crossCheckSummary.tolerancePercent).toBe(10);
  });

  it('references never change a score: the groups are the same with and without them', () => {
    const without = rankJson();
    const withRef = rankJson('--reference', csv);
    expect(withRef.json.groups).toEqual(without.json.groups);
    expect(Object.keys(without.json)).not.toContain('crossChecks');
  });

  it('reads the table from .xlsx: Vietnamese headings, a yes/no value, two values from one source set aside', () => {
    const r = rankJson('--reference', xlsx);
    expect(r.code).toBe(0);
    expect(r.json.crossChecks).toEqual([
      expect.objectContaining({
        line: 4,
        criterion: '1.1',
        input: 'value',
        reported: 1,
        reference: 0,
        reportedPoints: 10,
        referencePoints: 0,
        source: 'Văn phòng UBND tỉnh',
      }),
    ]);
    expect(r.stderr).toContain(
      'Line 3: Sở Tài chính already gave 60 on line 2 for Sở Nội vụ, criterion 2.1 (numerator), now 61; this figure is not compared.',
    );
  });

  it('prints the differences after the ranking table, and writes them on the "Tổng hợp" sheet', async () => {
    const workbook = join(root, 'tong-hop.xlsx');
    const r = scorecard([
      'rank',
      nop,
      '--rulebook',
      'binh-thuan-2019',
      '--received',
      received,
      '--as-of',
      '2019-10-01',
      '--reference',
      csv,
      '--tolerance',
      '10',
      '-o',
      workbook,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Chênh lệch so với số liệu của cơ quan chuyên môn (sai số cho phép: 10%): 1');
    expect(r.stdout).toContain(
      'Sở Nội vụ — criterion 2.1 (denominator): reported 100, Sở Nội vụ (biên chế 2019): 120; self-score 18 points, 15 points by the reference figure',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(workbook);
    const ws = wb.getWorksheet('Tổng hợp')!;
    const rows: (string | number)[][] = [];
    // Merged-away cells repeat their master's value in ExcelJS: each merge counts once.
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
    const title = rows.findIndex(
      (row) => row[0] === 'ĐỐI CHIẾU SỐ LIỆU VỚI SỐ LIỆU CỦA CÁC CƠ QUAN CHUYÊN MÔN',
    );
    expect(title).toBeGreaterThan(0);
    expect(rows[title + 1][0]).toMatch(/^Sai số cho phép: 10%\. Đã đối chiếu 3 số liệu\./);
    expect(rows[title + 3]).toEqual([
      1,
      'Sở Nội vụ',
      '2.1',
      'Tổng số cán bộ, công chức, viên chức (không tính lao động hợp đồng phục vụ)',
      100,
      120,
      'Sở Nội vụ (biên chế 2019)',
      18,
      15,
    ]);
  });

  it('bad usage: a tolerance that is not one, a reference that cannot be read or has no such columns → exit 2, one line in both languages', () => {
    const noColumns = join(root, 'khong-cot.csv');
    writeFileSync(noColumns, 'a,b\n1,2\n');
    const notXlsx = join(root, 'hong.xlsx');
    writeFileSync(notXlsx, 'không phải bảng tính');
    for (const extra of [
      ['--reference', csv, '--tolerance', 'mười'],
      ['--reference', join(root, 'khong-co.csv')],
      ['--reference', noColumns],
      ['--reference', notXlsx],
    ]) {
      const r = scorecard(['rank', nop, '--rulebook', 'binh-thuan-2019', '--json', ...extra]);
      expect(r.code).toBe(2);
      expectNoStackTrace(r.stderr);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/ \/ /);
    }
  });
});
