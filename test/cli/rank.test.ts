/**
 * `scorecard rank` end to end: forms of every annex of Bình Thuận 2019 written as real .xlsx files
 * (planForm + writeFormXlsx), with a late form (received-dates manifest), a duplicate, a form with
 * errors, missing units, a form of another rulebook, a non-workbook, an empty file and a workbook
 * without a form, ranked by the built command line. Plus the progress line (src/cli/progress.ts).
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { builtinRulebook } from '../../src/core/rulebook';
import { bilingual, msg, t } from '../../src/i18n';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import type { Appraisal } from '../../src/form/types';
import type { Entries } from '../../src/core/scoring/types';
import type { RankingJson } from '../../src/report';
import { RESULTS_SHEET } from '../../src/report/results-sheet';
import { main } from '../../src/cli/main';
import { fileProgress, progressLine, type ProgressStream } from '../../src/cli/progress';
import { scorecard, expectNoStackTrace } from '../helpers/cli';
import { annexOf, entriesWorth, fullEntries } from '../core/ranking/fixtures';

const bt = builtinRulebook('binh-thuan-2019')!;
const gl = builtinRulebook('gia-lai-2019')!;
const root = mkdtempSync(join(tmpdir(), 'scorecard-rank-'));
const nop = join(root, 'nop');
const out = join(root, 'ket-qua');
mkdirSync(join(nop, 'dot-2'), { recursive: true });
mkdirSync(out);

const UNMATCHED = '=SUM(A1:A3)'; // a unit name a spreadsheet would compute if it were not written as text

interface FormSpec {
  file: string;
  annex: string;
  unitId?: string;
  unitName?: string;
  total?: number;
  entries?: Entries;
  appraisals?: Record<string, Appraisal>;
  received?: string;
}

const forms: FormSpec[] = [
  { file: 'I-noi-vu.xlsx', annex: 'I', unitId: 'so-noi-vu', total: 480, received: '13/09/2019' },
  { file: 'I-tu-phap.xlsx', annex: 'I', unitId: 'so-tu-phap', total: 460, received: '2019-09-16' },
  { file: 'dot-2/I-tai-chinh.xlsx', annex: 'I', unitId: 'so-tai-chinh', total: 460, received: '2019-09-20' }, // the last on-time day
  { file: 'I-cong-thuong.xlsx', annex: 'I', unitId: 'so-cong-thuong', total: 455, received: '2019-09-13' },
  { file: 'I-xay-dung.xlsx', annex: 'I', unitId: 'so-xay-dung', total: 499, received: '2019-09-23' }, // late: after 20/9
  { file: 'I-y-te-lan-1.xlsx', annex: 'I', unitId: 'so-y-te', total: 300, received: '2019-09-10' }, // superseded
  { file: 'I-y-te-lan-2.xlsx', annex: 'I', unitId: 'so-y-te', total: 350, received: '2019-09-12' },
  {
    file: 'I-giao-thong.xlsx',
    annex: 'I',
    unitId: 'so-giao-thong-van-tai',
    entries: { ...fullEntries(annexOf(bt, 'I')), '1.5': { count: -3, evidence: 'x', reason: 'y' } },
    received: '2019-09-13',
  },
  { file: 'I-la.xlsx', annex: 'I', unitName: UNMATCHED, total: 300, received: '2019-09-13' },
  {
    file: 'II-van-phong.xlsx',
    annex: 'II',
    unitId: 'van-phong-ubnd-tinh',
    total: 400,
    received: '2019-09-13',
  },
  {
    file: 'III-truong-chinh-tri.xlsx',
    annex: 'III',
    unitId: 'truong-chinh-tri',
    total: 470,
    received: '2019-09-13',
  },
  {
    file: 'III-cao-dang.xlsx',
    annex: 'III',
    unitId: 'truong-cao-dang-cong-dong',
    total: 300,
    received: '2019-09-13',
  },
  // Appraisal: 1.1 (10 points, full in the form) appraised 0: 470 → 460, second behind Bắc Bình's 465.
  {
    file: 'IV-phan-thiet.xlsx',
    annex: 'IV',
    unitId: 'tp-phan-thiet',
    total: 470,
    appraisals: { '1.1': { points: 0, note: '=chưa có kế hoạch' } },
    received: '2019-09-13',
  },
  { file: 'IV-bac-binh.xlsx', annex: 'IV', unitId: 'bac-binh', total: 465, received: '2019-09-13' },
  { file: 'IV-la-gi.xlsx', annex: 'IV', unitId: 'tx-la-gi', total: 449.99, received: '2019-09-13' },
  { file: 'IV-tuy-phong.xlsx', annex: 'IV', unitId: 'tuy-phong', total: 300 }, // not in the manifest: ranked, lateness not judged
];

const manifest = join(root, 'ngay-nhan.csv');
const allFiles = () => {
  const list: string[] = [];
  const walk = (d: string) =>
    readdirSync(d, { withFileTypes: true }).forEach((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : list.push(join(d, e.name)),
    );
  walk(root);
  return list.filter((f) => !f.startsWith(out));
};
const fingerprint = () =>
  Object.fromEntries(
    allFiles().map((f) => [
      f,
      { sha: createHash('sha256').update(readFileSync(f)).digest('hex'), mtime: statSync(f).mtimeMs },
    ]),
  );

let before: ReturnType<typeof fingerprint>;

beforeAll(async () => {
  for (const f of forms) {
    const unit = f.unitId ? bt.units.find((u) => u.id === f.unitId)! : { id: '', name: f.unitName! };
    const entries = f.entries ?? entriesWorth(annexOf(bt, f.annex), f.total!);
    writeFileSync(
      join(nop, f.file),
      await writeFormXlsx(
        planForm(bt, f.annex, { id: unit.id, name: unit.name }, 2019, { entries, appraisals: f.appraisals }),
      ),
    );
  }
  const tuyPhong = join(nop, 'IV-tuy-phong.xlsx');
  utimesSync(tuyPhong, new Date(2019, 8, 14, 10), new Date(2019, 8, 14, 10));
  // A Gia Lai form among Bình Thuận's.
  writeFileSync(
    join(nop, 'khac-bo-tieu-chi.xlsx'),
    await writeFormXlsx(planForm(gl, 'so', { id: 'so-noi-vu', name: 'Sở Nội vụ' }, 2019)),
  );
  writeFileSync(join(nop, 'khong-phai-bang-tinh.xlsx'), 'Đây không phải bảng tính.');
  writeFileSync(join(nop, 'rong.xlsx'), '');
  const blank = new ExcelJS.Workbook();
  blank.addWorksheet('Sheet1').getCell('A1').value = 'Không có phiếu';
  writeFileSync(
    join(nop, 'khong-co-phieu.xlsx'),
    new Uint8Array((await blank.xlsx.writeBuffer()) as ArrayBuffer),
  );
  writeFileSync(join(nop, '~$I-noi-vu.xlsx'), 'lock'); // Office's lock file: not a submission
  writeFileSync(join(nop, 'ghi-chu.txt'), 'ghi chú'); // not .xlsx: listed as not a form
  const listed = forms.filter((f) => f.received).map((f) => `${basename(f.file)};${f.received}`);
  writeFileSync(
    manifest,
    [
      'Tên tệp;Ngày nhận',
      ...listed,
      'khac-bo-tieu-chi.xlsx;13/09/2019',
      'khong-phai-bang-tinh.xlsx;13/09/2019',
      'rong.xlsx;13/09/2019',
      'khong-co-phieu.xlsx;13/09/2019',
    ].join('\r\n'),
  );
  before = fingerprint();
}, 120_000);

describe('scorecard rank on a folder of forms of every annex', () => {
  const workbook = join(out, 'xep-hang.xlsx');
  let r: ReturnType<typeof scorecard>;
  let json: RankingJson;
  beforeAll(() => {
    r = scorecard([
      'rank',
      nop,
      join(nop, 'ghi-chu.txt'),
      '--received',
      manifest,
      '--as-of',
      '2019-09-30',
      '-o',
      workbook,
      '--json',
    ]);
    json = JSON.parse(r.stdout);
  });
  const group = (annex: string) => json.groups.find((g) => g.annex === annex)!;
  const entry = (annex: string, unit: string, status?: string) =>
    group(annex).entries.find((e) => e.unit === unit && (!status || e.status === status))!;

  it('exits 0, prints no stack trace and warns that one form belongs to another rulebook', () => {
    expectNoStackTrace(r.stderr);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      t('en', 'rankSeveralRulebooks', {
        rulebooks: 'binh-thuan-2019, gia-lai-2019',
        rulebook: 'binh-thuan-2019',
      }),
    );
    expect(r.stderr).not.toContain('\r'); // no progress line when stderr is not a terminal
  });

  it('has exactly the documented JSON shape', () => {
    expect(Object.keys(json)).toEqual([
      'rulebook',
      'assumptions',
      'asOf',
      'receivedSource',
      'groups',
      'missing',
      'invalid',
      'warnings',
    ]);
    // The assumptions the ranking rests on travel with it.
    expect(json.assumptions.map((a) => a.whatEn)).toEqual(bt.assumptions.map((a) => a.what.en));
    expect(json).toMatchObject({
      rulebook: 'binh-thuan-2019',
      asOf: '2019-09-30',
      receivedSource: 'manifest',
    });
    for (const w of json.warnings) expect(Object.keys(w)).toEqual(['message', 'messageEn']);
    expect(json.groups.map((g) => g.annex)).toEqual(['I', 'II', 'III', 'IV']);
    for (const g of json.groups) {
      expect(Object.keys(g)).toEqual(['annex', 'entries']);
      for (const e of g.entries) {
        expect(Object.keys(e)).toEqual([
          'unit',
          'unitId',
          'file',
          'total',
          'index',
          'selfTotal',
          'appraisedTotal',
          'band',
          'rank',
          'status',
          'statusText',
          'statusTextEn',
          'counted',
          'award',
          'awardTie',
          'groups',
          'notes',
          'previous',
        ]);
        expect(['ranked', 'late', 'missing', 'invalid', 'duplicate']).toContain(e.status);
        for (const n of e.notes) expect(Object.keys(n)).toEqual(['message', 'messageEn']);
      }
    }
    for (const m of json.missing) expect(Object.keys(m)).toEqual(['unit', 'annex']);
    for (const i of json.invalid) expect(Object.keys(i)).toEqual(['file', 'reason', 'reasonEn']);
  });

  it('ranks annex I: ties share a rank, awards go to the top three that are Tốt', () => {
    const placed = group('I').entries.filter((e) => e.rank !== null && e.status !== 'missing');
    expect(placed.map((e) => [e.unit, e.rank, e.total, e.band, e.award])).toEqual([
      ['Sở Nội vụ', 1, 480, 'Tốt', true],
      ['Sở Tài chính', 2, 460, 'Tốt', true],
      ['Sở Tư pháp', 2, 460, 'Tốt', true],
      ['Sở Công Thương', 4, 455, 'Tốt', false],
      ['Sở Y tế', 5, 350, 'Khá', false],
      [UNMATCHED, 6, 300, 'Trung bình', false],
    ]);
    expect(placed.every((e) => e.status === 'ranked')).toBe(true);
    expect(entry('I', 'Sở Nội vụ').groups).toEqual(
      expect.objectContaining({ '1': expect.any(Number), '5': expect.any(Number) }),
    );
    expect(Object.values(entry('I', 'Sở Nội vụ').groups).reduce((s, x) => s + x, 0)).toBeCloseTo(480, 6);
    expect(entry('I', UNMATCHED).unitId).toBeNull();
    expect(entry('I', UNMATCHED).notes.map((n) => n.messageEn)).toContain(
      t('en', 'rankUnmatchedUnit', { unit: UNMATCHED, annex: 'I' }),
    );
  });

  it('a form received after 15/9 + 5 working days is late and not ranked', () => {
    const late = entry('I', 'Sở Xây dựng');
    // "xem như không được đánh giá, xếp hạng": no band; the computed total is kept, marked as not counted.
    expect(late).toMatchObject({
      status: 'late',
      rank: null,
      award: false,
      total: 499,
      band: null,
      counted: false,
    });
    expect(late.notes.map((n) => n.messageEn)).toContain('Computed total 499 — not counted in the ranking.');
    expect(late.notes[0].message).toBe(
      msg('rankLate', { received: '23/09/2019', deadline: '15/09/2019', grace: 5, lastOnTime: '20/09/2019' })
        .vi,
    );
    expect(entry('I', 'Sở Tài chính').status).toBe('ranked'); // received 20/9, the last on-time day
  });

  it('a form missing from the received-dates list is ranked, says "received date not given", and one warning says so', () => {
    const undated = entry('IV', 'Huyện Tuy Phong');
    expect(undated).toMatchObject({
      status: 'ranked',
      rank: 4,
      statusText: msg('rankStatusNoReceivedDate').vi,
      statusTextEn: msg('rankStatusNoReceivedDate').en,
    });
    expect(undated.notes.map((n) => n.messageEn)).toContain(msg('rankNoReceivedDate').en);
    // Its modification time (14/9) is not used: nothing was asked.
    expect(undated.notes.map((n) => n.messageEn)).not.toContain(msg('rankReceivedFromMtime').en);
    const warning = msg('rankWarnSomeUndated', { count: 1 });
    expect(json.warnings).toEqual([{ message: warning.vi, messageEn: warning.en }]);
    expect(r.stderr.split(warning.en)).toHaveLength(2); // once
  });

  it('--received-from-file-times: a file not in the list takes its modification time, marked on its row', () => {
    const res = scorecard([
      'rank',
      nop,
      '--received',
      manifest,
      '--received-from-file-times',
      '--as-of',
      '2019-09-30',
      '--json',
    ]);
    expect(res.code).toBe(0);
    const j: RankingJson = JSON.parse(res.stdout);
    expect(j.receivedSource).toBe('mixed');
    const tp = j.groups.find((g) => g.annex === 'IV')!.entries.find((e) => e.unitId === 'tuy-phong')!;
    expect(tp).toMatchObject({ status: 'ranked', statusTextEn: msg('rankStatusFromFileTime').en });
    expect(tp.notes.map((n) => n.messageEn)).toContain(msg('rankReceivedFromMtime').en);
    expect(j.warnings.map((w) => w.messageEn)).toEqual([msg('rankWarnFileTimes').en]);
    // Rows dated by the list are not marked.
    expect(j.groups[0].entries.find((e) => e.unitId === 'so-noi-vu')!.statusText).toBe(
      msg('rankStatusRanked').vi,
    );
  });

  it('of two files for one unit the later received counts; the other is listed as duplicate', () => {
    const dup = entry('I', 'Sở Y tế', 'duplicate');
    expect(dup).toMatchObject({ total: 300, rank: null, file: join(nop, 'I-y-te-lan-1.xlsx') });
    expect(entry('I', 'Sở Y tế', 'ranked')).toMatchObject({
      total: 350,
      file: join(nop, 'I-y-te-lan-2.xlsx'),
    });
  });

  it('a form with errors is invalid and listed with its reason', () => {
    const bad = entry('I', 'Sở Giao thông vận tải', 'invalid');
    expect(bad.rank).toBeNull();
    const listed = json.invalid.find((i) => i.file === join(nop, 'I-giao-thong.xlsx'))!;
    expect(listed.reason).toMatch(/^Phiếu còn 1 lỗi: Tiêu chí 1\.5/);
    expect(listed.reasonEn).toMatch(/^The form has 1 errors: Criterion 1\.5/);
  });

  it('annexes II, III and IV: awards by their own rules; an appraisal lowers a total and changes the ranks', () => {
    expect(group('II').entries.map((e) => [e.unit, e.rank, e.band, e.status, e.award])).toEqual([
      ['Văn phòng UBND tỉnh', 1, 'Tốt', 'ranked', true],
      ['Thanh tra tỉnh', null, null, 'missing', false],
    ]);
    expect(
      group('III')
        .entries.filter((e) => e.status === 'ranked')
        .map((e) => [e.unit, e.rank, e.band, e.award]),
    ).toEqual([
      ['Trường Chính trị tỉnh', 1, 'Tốt', true],
      ['Trường Cao đẳng Cộng đồng Bình Thuận', 2, 'Trung bình', false],
    ]);
    const iv = group('IV').entries.filter((e) => e.status === 'ranked');
    expect(
      iv.map((e) => [e.unitId, e.rank, e.selfTotal, e.appraisedTotal, e.total, e.band, e.award]),
    ).toEqual([
      ['bac-binh', 1, 465, null, 465, 'Tốt', true],
      ['tp-phan-thiet', 2, 470, 460, 460, 'Tốt', true],
      ['tx-la-gi', 3, 449.99, null, 449.99, 'Khá', false],
      ['tuy-phong', 4, 300, null, 300, 'Trung bình', false],
    ]);
  });

  it('lists the missing units and every bad file with a reason in both languages', () => {
    expect(json.missing).toContainEqual({ unit: 'Thanh tra tỉnh', annex: 'II' });
    expect(json.missing).toContainEqual({ unit: 'Ban Dân tộc', annex: 'I' });
    expect(json.missing.some((m) => m.unit === 'Sở Y tế' || m.unit === 'Sở Giao thông vận tải')).toBe(false);
    const reason = (file: string) => json.invalid.find((i) => i.file === join(nop, file));
    expect(reason('khong-phai-bang-tinh.xlsx')).toEqual({
      file: join(nop, 'khong-phai-bang-tinh.xlsx'),
      reason: msg('xlsxNotZip').vi,
      reasonEn: msg('xlsxNotZip').en,
    });
    expect(reason('rong.xlsx')?.reasonEn).toBe(msg('xlsxNotZip').en);
    expect(reason('khong-co-phieu.xlsx')?.reasonEn).toBe(msg('xlsxNoForm').en);
    expect(reason('ghi-chu.txt')?.reasonEn).toBe(msg('rankNotFormOther', { ext: '.txt' }).en);
    expect(json.invalid.filter((i) => i.file.endsWith('ghi-chu.txt'))).toHaveLength(1);
    expect(reason('khac-bo-tieu-chi.xlsx')?.reasonEn).toBe(
      msg('rankWrongRulebook', { formRulebook: 'gia-lai-2019', rulebook: 'binh-thuan-2019' }).en,
    );
    expect(json.invalid.some((i) => i.file.includes('~$'))).toBe(false);
    for (const i of json.invalid) expect(i.reason && i.reasonEn && i.reason !== i.reasonEn).toBeTruthy();
  });

  it('writes the ranking workbook with the same content as the JSON', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(workbook);
    const ws = wb.getWorksheet('Tổng hợp')!;
    const header = (text: string) => {
      let found = 0;
      ws.eachRow((row) =>
        row.eachCell((cell, col) => (cell.value === text && !found ? (found = col) : undefined)),
      );
      return found;
    };
    const col = {
      unit: header('Cơ quan, đơn vị'),
      rank: header('Hạng'),
      total: header('Tổng điểm'),
      band: header('Xếp loại'),
      status: header('Trạng thái'),
      award: header('Khen thưởng'),
      file: header('Tệp'),
      self: header('Tự chấm'),
      appraised: header('Thẩm định'),
    };
    const rows: ExcelJS.Row[] = [];
    ws.eachRow((row) => rows.push(row));
    for (const g of json.groups)
      for (const e of g.entries) {
        const row = rows.find(
          (rw) =>
            rw.getCell(col.unit).value === e.unit &&
            (e.file
              ? rw.getCell(col.file).value === basename(e.file)
              : rw.getCell(col.status).value === t('vi', 'rankStatusMissing')),
        );
        expect(row).toBeDefined();
        expect(row!.getCell(col.rank).value ?? null).toBe(e.rank);
        expect(row!.getCell(col.total).value ?? null).toBe(e.counted ? e.total : null);
        expect(row!.getCell(col.self).value ?? null).toBe(e.selfTotal);
        expect(row!.getCell(col.appraised).value).toBe(
          e.appraisedTotal ?? (e.status === 'missing' ? null : t('vi', 'reportNotAppraised')),
        );
        expect(row!.getCell(col.band).value ?? null).toBe(e.band);
        expect(row!.getCell(col.status).value).toBe(e.statusText);
        expect(row!.getCell(col.award).value ?? null).toBe(e.award ? t('vi', 'reportAwardYes') : null);
      }
    // The unit name that looks like a formula is a string in the workbook.
    const la = rows.find((rw) => rw.getCell(col.unit).value === UNMATCHED)!;
    expect(la.getCell(col.unit).type).toBe(ExcelJS.ValueType.String);
    let formulas = 0;
    ws.eachRow((row) =>
      row.eachCell((cell) => (cell.type === ExcelJS.ValueType.Formula ? formulas++ : undefined)),
    );
    expect(formulas).toBe(0);
    for (const m of json.missing) expect(rows.some((rw) => rw.getCell(col.unit).value === m.unit)).toBe(true);
    for (const i of json.invalid) expect(rows.some((rw) => rw.getCell(2).value === i.file)).toBe(true);
  });

  it('never writes into the submitted files', () => {
    expect(fingerprint()).toEqual(before);
  });

  it('without --json prints a ranking table per annex', () => {
    const text = scorecard(['rank', nop, '--received', manifest, '--as-of', '2019-09-30']);
    expect(text.code).toBe(0);
    expectNoStackTrace(text.stderr);
    const lines = text.stdout.split('\n');
    for (const g of json.groups)
      expect(text.stdout).toContain(bt.annexes.find((a) => a.code === g.annex)!.title);
    expect(lines.find((l) => l.includes('Sở Nội vụ') && l.includes('480')))?.toMatch(
      /^\s+1\s+Sở Nội vụ\s+480\s+0,9600\s+Tốt\s+Đã xếp hạng \/ Ranked\s+Có \/ Yes$/,
    );
    expect(lines.find((l) => l.includes('Sở Xây dựng')))?.toMatch(
      /^\s+–\s+Sở Xây dựng\s+—\s+Nộp muộn \/ Late$/,
    );
    expect(text.stdout).toContain(t('vi', 'reportReceivedManifest'));
    expect(lines.find((l) => l.includes('Huyện Tuy Phong')))?.toContain(
      bilingual(msg('rankStatusNoReceivedDate')),
    );
    expect(fingerprint()).toEqual(before);
  });
});

describe('scorecard rank: usage and batches that rank nothing', () => {
  const reasonLine = (s: string) => {
    expectNoStackTrace(s);
    expect(s.trim().split('\n')).toHaveLength(1);
    return s.trim();
  };

  it('exits 2 with a one-line bilingual reason on bad usage', () => {
    const empty = mkdtempSync(join(tmpdir(), 'scorecard-rank-empty-'));
    writeFileSync(join(empty, '~$lock.xlsx'), 'x'); // a lock file is not a file anyone sent
    const badManifest = join(out, 'sai.csv');
    writeFileSync(badManifest, 'a;b\nc;d\n');
    const cases: [string[], string][] = [
      [['rank'], t('en', 'cliMissingOption', { option: '<files or folders…>' })],
      [['rank', empty], t('en', 'rankNoFiles', { paths: empty })],
      [['rank', nop, '--bogus'], t('en', 'cliUnknownOption', { option: '--bogus' })],
      [['rank', nop, '--received', join(root, 'khong-co.csv')], 'Cannot read file'],
      [['rank', nop, '--received', badManifest], t('en', 'manifestNoColumns', { header: 'a | b' })],
      [['rank', nop, '--as-of', '30/09/2019'], t('en', 'rankBadDate', { date: '30/09/2019' })],
      [['rank', join(root, 'khong-co')], 'Cannot read file'],
      [
        ['rank', nop, '-o', join(nop, 'I-noi-vu.xlsx')],
        t('en', 'rankOutputIsInput', { file: join(nop, 'I-noi-vu.xlsx') }),
      ],
      [['rank', nop, '--rulebook', 'khong-co'], 'not found'],
    ];
    for (const [args, reason] of cases) {
      const res = scorecard(args);
      expect({ args, code: res.code }).toEqual({ args, code: 2 });
      expect(reasonLine(res.stderr)).toContain(reason);
      expect(res.stderr).toMatch(/ \/ /); // Vietnamese / English
    }
    expect(fingerprint()).toEqual(before);
  });

  it('a ranking workbook written into the input folder is replaced on a re-run, never read as a submission', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scorecard-rank-rerun-'));
    for (const f of forms.slice(0, 2))
      writeFileSync(join(dir, basename(f.file)), readFileSync(join(nop, f.file)));
    const target = join(dir, 'xep-hang.xlsx');
    const dates = join(dir, 'ngay-nhan.json');
    writeFileSync(dates, JSON.stringify({ 'I-noi-vu.xlsx': '2019-09-13', 'I-tu-phap.xlsx': '2019-09-13' }));
    for (let run = 0; run < 2; run++) {
      const res = scorecard([
        'rank',
        dir,
        '-o',
        target,
        '--received',
        dates,
        '--as-of',
        '2019-09-30',
        '--json',
      ]);
      expect(res.code).toBe(0);
      const j: RankingJson = JSON.parse(res.stdout);
      expect(j.invalid).toEqual([]);
      expect(j.groups[0].entries.filter((e) => e.file).map((e) => basename(e.file!))).toEqual([
        'I-noi-vu.xlsx',
        'I-tu-phap.xlsx',
      ]);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    // One summary, replaced; beside it only the very hidden results for next year's --previous.
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', RESULTS_SHEET]);
  });

  it('another rulebook: the forms made for it are invalid with their reason; its one blank form is ranked with an incomplete warning (CV 1252 sets no sanction)', () => {
    const res = scorecard(['rank', nop, '--rulebook', 'gia-lai-2019', '--as-of', '2019-10-30', '--json']);
    expect(res.code).toBe(0);
    const j: RankingJson = JSON.parse(res.stdout);
    expect(j.rulebook).toBe('gia-lai-2019');
    const bad = j.invalid.find((i) => i.file === join(nop, 'I-noi-vu.xlsx'))!;
    expect(bad.reasonEn).toBe(
      msg('rankWrongRulebook', { formRulebook: 'binh-thuan-2019', rulebook: 'gia-lai-2019' }).en,
    );
    // The one Gia Lai form, left blank, earns 0 and is ranked with a warning; without received dates the
    // unit list's others are "not received" rather than ranked last.
    const blank = j.groups.find((g) => g.annex === 'so')!.entries.find((e) => e.status !== 'missing')!;
    expect(blank).toMatchObject({ unitId: 'so-noi-vu', status: 'ranked', counted: true, total: 0, rank: 1 });
    expect(blank.notes.some((n) => n.messageEn.startsWith('The form is incomplete'))).toBe(true);
    expect(
      j.groups
        .find((g) => g.annex === 'so')!
        .entries.filter((e) => e.status === 'missing')
        .every((e) => e.rank === null && e.statusTextEn === 'Not received'),
    ).toBe(true);
  });

  it('files of which none holds a form: exit 1, every file listed, rulebook null', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scorecard-rank-bad-'));
    writeFileSync(join(dir, 'a.xlsx'), 'x');
    writeFileSync(join(dir, 'b.xlsx'), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    const res = scorecard(['rank', dir, '--json']);
    expect(res.code).toBe(1);
    const j: RankingJson = JSON.parse(res.stdout);
    expect(j).toMatchObject({ rulebook: null, groups: [], missing: [] });
    expect(j.invalid.map((i) => basename(i.file))).toEqual(['a.xlsx', 'b.xlsx']);
    expect(res.stderr).toContain(t('en', 'rankNoRulebook'));
  });
});

describe('progress on a terminal', () => {
  class Tty implements ProgressStream {
    isTTY = true;
    columns = 200;
    chunks: string[] = [];
    write(s: string) {
      this.chunks.push(s);
      return true;
    }
  }

  it('shows files done / total, files per second and invalid so far on one rewritten line', () => {
    const tty = new Tty();
    let clock = 0;
    const p = fileProgress(4, { stream: tty, now: () => clock, intervalMs: 100 });
    clock = 50;
    p.tick(); // the first tick draws
    clock = 120;
    p.tick(true); // 70 ms after the last draw: not drawn
    clock = 160;
    p.tick();
    clock = 1000;
    p.tick(true); // the last file always draws
    p.done();
    expect(tty.chunks.every((c) => c.startsWith('\r') || c === '\n')).toBe(true);
    expect(tty.chunks.at(-1)).toBe('\n');
    const lines = tty.chunks.filter((c) => c.startsWith('\r')).map((c) => c.slice(1).replace('\x1b[K', ''));
    expect(lines[0]).toBe(progressLine(1, 4, 0, 50));
    expect(lines.slice(1)).toEqual([
      progressLine(3, 4, 1, 160),
      progressLine(4, 4, 2, 1000),
      progressLine(4, 4, 2, 1000),
    ]);
    expect(progressLine(4, 4, 2, 1000)).toBe(
      'Đã đọc 4/4 tệp · 4 tệp/giây · 2 không hợp lệ / Read 4/4 files · 4 files/s · 2 invalid',
    );
  });

  it('is quiet when not on a terminal or when asked to be', () => {
    const pipe = Object.assign(new Tty(), { isTTY: false });
    fileProgress(3, { stream: pipe }).tick();
    const quiet = new Tty();
    const q = fileProgress(3, { stream: quiet, quiet: true });
    q.tick();
    q.done();
    expect([pipe.chunks, quiet.chunks]).toEqual([[], []]);
  });

  it('clips the line to the terminal width so that "\\r" rewrites all of it', () => {
    const narrow = Object.assign(new Tty(), { columns: 30 });
    const p = fileProgress(2, { stream: narrow });
    p.tick();
    expect(narrow.chunks[0].replace('\r', '').replace('\x1b[K', '')).toHaveLength(29);
  });

  it('scorecard rank shows it on a terminal, not with --json', async () => {
    const run = async (json: boolean) => {
      const tty = new Tty();
      const outText: string[] = [];
      const code = await main(
        ['rank', nop, '--received', manifest, '--as-of', '2019-09-30', ...(json ? ['--json'] : [])],
        {
          out: (s) => outText.push(s),
          err: () => undefined,
          progress: tty,
        },
      );
      return { code, chunks: tty.chunks };
    };
    const shown = await run(false);
    expect(shown.code).toBe(0);
    const files = 16 + 4; // the forms, another rulebook's, a non-workbook, an empty file, a workbook without a form
    expect(shown.chunks.at(-2)).toContain(`${files}/${files}`);
    expect(shown.chunks.at(-2)).toMatch(/ 3 không hợp lệ \/ /);
    expect((await run(true)).chunks).toEqual([]);
  }, 60_000);
});
