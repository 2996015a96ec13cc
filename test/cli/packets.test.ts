/**
 * `scorecard packets` end to end, through the built command line (run `npx tsc -p tsconfig.cli.json`
 * first): forms of annexes I and IV written as real .xlsx files (planForm + writeFormXlsx), exported
 * as one packet per annex and criteria group, two returned packets filled as a reviewer would (with
 * ExcelJS: a number, "9,5" as text, a value out of range, and a second packet that contradicts the
 * first), then imported with the forms: the ranking changes, the problems are reported, the submitted
 * files are untouched.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulebook } from '../../src/core/rulebook';
import { t } from '../../src/i18n';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import type { RankingJson } from '../../src/report';
import { readPacketXlsx } from '../../src/packets';
import { scorecard, expectNoStackTrace } from '../helpers/cli';
import { annexOf, entriesWorth } from '../core/ranking/fixtures';
import { fillPacket, loadPacket, rowOf } from '../packets/helpers';

const bt = builtinRulebook('binh-thuan-2019')!;
const root = mkdtempSync(join(tmpdir(), 'scorecard-packets-'));
const nop = join(root, 'nop');
const out = join(root, 'thamdinh');
const back = join(root, 'gui-lai');
const manifest = join(root, 'ngay-nhan.csv');
mkdirSync(nop);
mkdirSync(back);

const forms = [
  { file: 'I-noi-vu.xlsx', annex: 'I', unitId: 'so-noi-vu', total: 480, received: '13/09/2019' },
  { file: 'I-tu-phap.xlsx', annex: 'I', unitId: 'so-tu-phap', total: 470, received: '13/09/2019' },
  { file: 'I-tai-chinh.xlsx', annex: 'I', unitId: 'so-tai-chinh', total: 460, received: '30/09/2019' }, // late
  { file: 'IV-phan-thiet.xlsx', annex: 'IV', unitId: 'tp-phan-thiet', total: 470, received: '13/09/2019' },
  { file: 'IV-bac-binh.xlsx', annex: 'IV', unitId: 'bac-binh', total: 465, received: '13/09/2019' },
];

const fingerprint = () =>
  Object.fromEntries(
    readdirSync(nop).map((f) => [
      f,
      {
        sha: createHash('sha256')
          .update(readFileSync(join(nop, f)))
          .digest('hex'),
        mtime: statSync(join(nop, f)).mtimeMs,
      },
    ]),
  );
let before: ReturnType<typeof fingerprint>;

beforeAll(async () => {
  for (const f of forms) {
    const unit = bt.units.find((u) => u.id === f.unitId)!;
    const entries = entriesWorth(annexOf(bt, f.annex), f.total);
    writeFileSync(
      join(nop, f.file),
      await writeFormXlsx(planForm(bt, f.annex, { id: unit.id, name: unit.name }, 2019, { entries })),
    );
  }
  writeFileSync(manifest, ['tệp;ngày nhận', ...forms.map((f) => `${f.file};${f.received}`)].join('\n'));
  before = fingerprint();
}, 60_000);

describe('scorecard packets export', () => {
  let r: ReturnType<typeof scorecard>;
  beforeAll(() => {
    r = scorecard([
      'packets',
      'export',
      nop,
      '--received',
      manifest,
      '--reviewer',
      '3=Sở Nội vụ',
      '--reviewer',
      '5=Sở Kế hoạch và Đầu tư',
      '-o',
      out,
      '--json',
    ]);
  });

  it('writes one packet per annex and criteria group, named thamdinh_<annex>_nhom<code>.xlsx', () => {
    expectNoStackTrace(r.stderr);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ rulebook: 'binh-thuan-2019', year: 2019, folder: out, invalid: [] });
    const names = ['I', 'IV'].flatMap((a) => [1, 2, 3, 4, 5].map((g) => `thamdinh_${a}_nhom${g}.xlsx`));
    expect(json.packets.map((p: { file: string }) => p.file)).toEqual(names.map((n) => join(out, n)));
    expect(readdirSync(out).sort()).toEqual([...names].sort());
    expect(json.packets[2]).toEqual({
      file: join(out, 'thamdinh_I_nhom3.xlsx'),
      annex: 'I',
      group: '3',
      title: 'Nguồn nhân lực CNTT',
      reviewer: 'Sở Nội vụ',
      units: 3,
      rows: 12,
    });
  });

  it('titles each packet with its group and reviewer, and marks the late form', async () => {
    const { ws } = await loadPacket(readFileSync(join(out, 'thamdinh_I_nhom3.xlsx')));
    expect(ws.getCell('A1').value).toBe('Nhóm tiêu chí 3: Nguồn nhân lực CNTT — gửi Sở Nội vụ thẩm định');
    expect(ws.getCell(rowOf(ws, 'so-tai-chinh', '3.1'), 3).value).toBe('Nộp muộn');
    const first = await loadPacket(readFileSync(join(out, 'thamdinh_I_nhom1.xlsx')));
    expect(first.ws.getCell('A1').value).toBe(
      `Nhóm tiêu chí 1: Văn bản chỉ đạo, điều hành về ứng dụng và phát triển CNTT — gửi ${t('vi', 'packetReviewerDefault')} thẩm định`,
    );
  });

  it('prints a line per packet without --json, and a re-run does not read its own packets as forms', () => {
    const again = scorecard(['packets', 'export', nop, out, '--received', manifest, '-o', out]);
    expectNoStackTrace(again.stderr);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    expect(again.stdout.trim().split('\n')).toHaveLength(10);
    expect(again.stdout).toContain('Đã ghi ');
    expect(again.stdout).toContain(' / Wrote ');
  });

  it('leaves the submitted files untouched', () => {
    expect(fingerprint()).toEqual(before);
  });
});

describe('scorecard packets import', () => {
  const first = join(back, 'thamdinh_I_nhom3.xlsx');
  const second = join(back, 'thamdinh_I_nhom3_lan2.xlsx');
  let r: ReturnType<typeof scorecard>;
  let json: RankingJson;
  let plain: RankingJson;
  beforeAll(async () => {
    const exported = readFileSync(join(out, 'thamdinh_I_nhom3.xlsx'));
    // Sở Nội vụ's reviewer: Nội vụ's 3.2 from 20 to 5 (480 → 465), Tư pháp's 3.3 typed "9,5" (470 → 469,5),
    // and a slip: 25 for Tài chính's 3.1 (max 20).
    writeFileSync(
      first,
      await fillPacket(exported, [
        { unitId: 'so-noi-vu', criterion: '3.2', points: 5, note: 'Chỉ 25% có chứng chỉ' },
        { unitId: 'so-tu-phap', criterion: '3.3', points: '9,5' },
        { unitId: 'so-tai-chinh', criterion: '3.1', points: 25 },
      ]),
    );
    // A second return of the same packet, later on the command line, says 6 for Nội vụ's 3.2: it wins (466).
    writeFileSync(
      second,
      await fillPacket(exported, [
        { unitId: 'so-noi-vu', criterion: '3.2', points: 6, note: 'Chỉ 30% có chứng chỉ' },
      ]),
    );
    copyFileSync(join(out, 'thamdinh_IV_nhom1.xlsx'), join(back, 'thamdinh_IV_nhom1.xlsx')); // returned untouched
    r = scorecard([
      'packets',
      'import',
      first,
      second,
      '--forms',
      nop,
      back,
      '--received',
      manifest,
      '--as-of',
      '2019-10-01',
      '-o',
      join(root, 'xep-hang.xlsx'),
      '--json',
    ]);
    json = JSON.parse(r.stdout);
    plain = JSON.parse(
      scorecard(['rank', nop, '--received', manifest, '--as-of', '2019-10-01', '--json']).stdout,
    );
  }, 60_000);

  const of = (j: RankingJson, annex: string, unitId: string) =>
    j.groups.find((g) => g.annex === annex)!.entries.find((e) => e.unitId === unitId)!;

  it('ranks on the appraised points: Tư pháp overtakes Nội vụ', () => {
    expectNoStackTrace(r.stderr);
    expect(r.code).toBe(0);
    const pick = (j: RankingJson, u: string) => {
      const e = of(j, 'I', u);
      return [e.rank, e.selfTotal, e.appraisedTotal, e.total, e.status];
    };
    expect([pick(plain, 'so-noi-vu'), pick(plain, 'so-tu-phap')]).toEqual([
      [1, 480, null, 480, 'ranked'],
      [2, 470, null, 470, 'ranked'],
    ]);
    expect([pick(json, 'so-noi-vu'), pick(json, 'so-tu-phap'), pick(json, 'so-tai-chinh')]).toEqual([
      [2, 480, 466, 466, 'ranked'],
      [1, 470, 469.5, 469.5, 'ranked'],
      [null, 460, null, 460, 'late'], // its out-of-range appraisal was not used
    ]);
    expect(of(json, 'IV', 'tp-phan-thiet')).toMatchObject({ rank: 1, total: 470, appraisedTotal: null });
  });

  it('keeps the JSON of scorecard rank, with the packets left out of the forms', () => {
    expect(Object.keys(json)).toEqual(Object.keys(plain));
    // The two given packets are not read as forms; a packet among the forms that was not given is left out with a warning.
    expect(json.invalid).toEqual([]);
    expect(r.stderr).toContain(
      t('en', 'packetsSkippedAmongForms', { file: join(back, 'thamdinh_IV_nhom1.xlsx') }),
    );
    expect(r.stderr).not.toContain(t('en', 'packetsSkippedAmongForms', { file: first }));
    expect(existsSync(join(root, 'xep-hang.xlsx'))).toBe(true);
  });

  it('reports the value out of range with sheet and row, and the conflict between the two packets, in both languages', async () => {
    const { ws } = await loadPacket(readFileSync(first));
    const row = rowOf(ws, 'so-tai-chinh', '3.1');
    const lines = r.stderr.trim().split('\n');
    const outOfRange = lines.find(
      (l) => l.includes('thamdinh_I_nhom3.xlsx') && l.includes(`Trang "Nhóm 3", dòng ${row}`),
    )!;
    expect(outOfRange).toContain('ngoài khoảng 0–20');
    expect(outOfRange).toContain(`Sheet "Nhóm 3", row ${row}`);
    const conflict = lines.find((l) => l.includes('tiêu chí 3.2'))!;
    expect(conflict).toContain(
      t('vi', 'packetMergeConflict', {
        unit: 'Sở Nội vụ',
        annex: 'I',
        criterion: '3.2',
        first: 'thamdinh_I_nhom3.xlsx',
        firstValue: '5 "Chỉ 25% có chứng chỉ"',
        second: 'thamdinh_I_nhom3_lan2.xlsx',
        secondValue: '6 "Chỉ 30% có chứng chỉ"',
      }),
    );
    expect(r.stderr).toContain(t('en', 'packetsImported', { packets: 2, applied: 2, forms: 2 }));
  });

  it('prints the summary and the ranking table without --json', () => {
    const text = scorecard([
      'packets',
      'import',
      first,
      '--forms',
      nop,
      '--received',
      manifest,
      '--as-of',
      '2019-10-01',
    ]);
    expectNoStackTrace(text.stderr);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(t('vi', 'packetsImported', { packets: 1, applied: 2, forms: 2 }));
    expect(text.stdout).toMatch(/1\s+Sở Tư pháp\s+469,5/);
  });

  it('reads a returned packet again the same way (the import never writes into packets or forms)', async () => {
    const read = await readPacketXlsx(readFileSync(first));
    expect(read.ok && read.appraisals.map((a) => [a.unitId, a.criterion, a.points])).toEqual([
      ['so-noi-vu', '3.2', 5],
      ['so-tu-phap', '3.3', 9.5],
    ]);
    expect(fingerprint()).toEqual(before);
  });
});

describe('scorecard packets: bad usage is one bilingual line, exit 2, no stack trace', () => {
  const oneLine = (res: ReturnType<typeof scorecard>) => {
    expectNoStackTrace(res.stderr);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain(' / ');
  };

  it('no sub-command, an unknown one, a missing -o or --forms, an unknown option, a bad --reviewer', () => {
    oneLine(scorecard(['packets']));
    oneLine(scorecard(['packets', 'gui']));
    oneLine(scorecard(['packets', 'export', nop]));
    oneLine(scorecard(['packets', 'import', join(out, 'thamdinh_I_nhom3.xlsx')]));
    oneLine(scorecard(['packets', 'import', '--forms', nop]));
    oneLine(scorecard(['packets', 'export', nop, '-o', out, '--khong-co']));
    const bad = scorecard(['packets', 'export', nop, '-o', out, '--reviewer', 'Sở Nội vụ']);
    oneLine(bad);
    expect(bad.stderr).toContain(t('en', 'packetsBadReviewer', { value: 'Sở Nội vụ' }));
  });

  it('a form given as a packet: a warning for it, then "no packet could be read"', () => {
    const res = scorecard(['packets', 'import', join(nop, 'I-noi-vu.xlsx'), '--forms', nop]);
    expectNoStackTrace(res.stderr);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(t('en', 'packetNotPacket'));
    expect(res.stderr.trim().split('\n').pop()).toBe(
      `${t('vi', 'packetsNoPacket')} / ${t('en', 'packetsNoPacket')}`,
    );
  });

  it('a packet of another year is not used', () => {
    const res = scorecard([
      'packets',
      'import',
      join(out, 'thamdinh_I_nhom3.xlsx'),
      '--forms',
      nop,
      '--year',
      '2020',
    ]);
    expectNoStackTrace(res.stderr);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(t('en', 'packetWrongYear', { packetYear: 2019, year: 2020 }));
  });

  it('never writes a packet over a submitted form, nor the ranking over a packet', async () => {
    const trap = join(root, 'bay');
    mkdirSync(trap);
    copyFileSync(join(nop, 'I-noi-vu.xlsx'), join(trap, 'thamdinh_I_nhom1.xlsx'));
    const sha = createHash('sha256')
      .update(readFileSync(join(trap, 'thamdinh_I_nhom1.xlsx')))
      .digest('hex');
    const res = scorecard(['packets', 'export', nop, '-o', trap]);
    oneLine(res);
    expect(res.stderr).toContain(
      t('en', 'packetsOverwriteForm', { file: join(trap, 'thamdinh_I_nhom1.xlsx') }),
    );
    expect(
      createHash('sha256')
        .update(readFileSync(join(trap, 'thamdinh_I_nhom1.xlsx')))
        .digest('hex'),
    ).toBe(sha);
    expect(readdirSync(trap)).toEqual(['thamdinh_I_nhom1.xlsx']);
    const packet = join(out, 'thamdinh_I_nhom2.xlsx');
    oneLine(scorecard(['packets', 'import', packet, '--forms', nop, '-o', packet]));
  });
});
