/**
 * `scorecard rank` on a folder as it arrives by e-mail: forms named after their units, an old .xls, a
 * PDF covering letter, a Word file, a damaged workbook, two copies of one unit's form, Office's lock file
 * and a hidden file; ranked with and without a received-dates list, by the built command line. Every
 * file sent appears in the output with a status or a reason; nothing in the folder is modified.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulebook } from '../../src/core/rulebook';
import { msg } from '../../src/i18n';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import type { RankingJson } from '../../src/report';
import { expectNoStackTrace, scorecard } from '../helpers/cli';
import { annexOf, entriesWorth } from '../core/ranking/fixtures';
import { editPart, legacyXls } from '../hostile/build';

const bt = builtinRulebook('binh-thuan-2019')!;
const inbox = mkdtempSync(join(tmpdir(), 'scorecard-email-'));
const lists = mkdtempSync(join(tmpdir(), 'scorecard-email-lists-'));
const form = (unitId: string, total: number) => {
  const u = bt.units.find((x) => x.id === unitId)!;
  return writeFormXlsx(
    planForm(bt, u.annex, { id: u.id, name: u.name }, 2019, {
      entries: entriesWorth(annexOf(bt, u.annex), total),
    }),
  );
};
const hashes = () =>
  Object.fromEntries(
    readdirSync(inbox).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(inbox, f)))
        .digest('hex'),
    ]),
  );
let before: Record<string, string>;

beforeAll(async () => {
  writeFileSync(join(inbox, 'Sở Nội vụ.xlsx'), await form('so-noi-vu', 480));
  writeFileSync(join(inbox, 'Sở Tài chính.xlsx'), await form('so-tai-chinh', 460));
  writeFileSync(join(inbox, 'Sở Xây dựng.xlsx'), await form('so-xay-dung', 470));
  writeFileSync(join(inbox, 'Sở Y tế.xlsx'), await form('so-y-te', 350));
  writeFileSync(join(inbox, 'Sở Y tế (1).xlsx'), await form('so-y-te', 360)); // sent twice
  writeFileSync(join(inbox, 'Sở Tư pháp.xls'), legacyXls()); // the only file of this unit
  writeFileSync(join(inbox, 'Công văn kèm theo.pdf'), '%PDF-1.4\n%âãÏÓ\n');
  writeFileSync(join(inbox, 'Báo cáo.docx'), 'PK\u0003\u0004');
  writeFileSync(
    join(inbox, 'Sở Công Thương.xlsx'),
    editPart(await form('so-cong-thuong', 455), 'xl/worksheets/sheet1.xml', (xml) =>
      xml.slice(0, Math.floor(xml.length / 2)),
    ),
  );
  writeFileSync(join(inbox, '~$Sở Nội vụ.xlsx'), 'lock');
  writeFileSync(join(inbox, '.DS_Store'), 'x');
  writeFileSync(
    join(lists, 'ngay-nhan.csv'),
    [
      'Tên tệp;Ngày nhận',
      'Sở Nội vụ.xlsx;13/09/2019',
      'Sở Tài chính.xlsx;16/09/2019',
      'Sở Xây dựng.xlsx;23/09/2019',
      'Sở Y tế.xlsx;10/09/2019',
      'Sở Y tế (1).xlsx;12/09/2019',
      'Sở Tư pháp.xls;12/09/2019',
      'Sở Công Thương.xlsx;12/09/2019',
    ].join('\n'),
  );
  before = hashes();
}, 120_000);

const entriesOf = (j: RankingJson) => j.groups.flatMap((g) => g.entries);
const unit = (j: RankingJson, id: string, status?: string) =>
  entriesOf(j).find((e) => e.unitId === id && (!status || e.status === status))!;

describe('without a received-dates list', () => {
  let r: ReturnType<typeof scorecard>;
  let json: RankingJson;
  beforeAll(() => {
    r = scorecard(['rank', inbox, '--as-of', '2020-03-01', '--json']);
    json = JSON.parse(r.stdout);
  });

  it('ranks the forms (exit 0) with one loud warning that lateness is not judged', () => {
    expectNoStackTrace(r.stderr);
    expect(r.code).toBe(0);
    const w = msg('rankWarnNoReceivedDates');
    expect(json.warnings).toEqual([{ message: w.vi, messageEn: w.en }]);
    expect(r.stderr.split(w.en)).toHaveLength(2);
    expect(json.receivedSource).toBe('none');
  });

  it('a form that would be late by its file time is ranked, "received date not given"', () => {
    const xd = unit(json, 'so-xay-dung');
    expect(xd).toMatchObject({ status: 'ranked', rank: 2, statusTextEn: msg('rankStatusNoReceivedDate').en });
  });

  it('every file sent is listed: forms with a status, the others with their reason; lock and hidden files are not', () => {
    const listed = new Map<string, string>();
    for (const e of entriesOf(json)) if (e.file) listed.set(e.file, e.status);
    for (const i of json.invalid) listed.set(i.file, i.reasonEn);
    const sent = readdirSync(inbox).filter((f) => !f.startsWith('~$') && !f.startsWith('.'));
    expect([...listed.keys()].map((f) => f.slice(inbox.length + 1)).sort()).toEqual(sent.sort());
    const reason = (f: string) => listed.get(join(inbox, f));
    expect(reason('Sở Tư pháp.xls')).toBe(msg('xlsxLegacy').en);
    expect(reason('Công văn kèm theo.pdf')).toBe(msg('rankNotFormPdf').en);
    expect(reason('Báo cáo.docx')).toBe(msg('rankNotFormWord').en);
    expect(reason('Sở Công Thương.xlsx')).toMatch(
      /^The file is damaged: its part xl\/worksheets\/sheet1\.xml is not well-formed XML/,
    );
    expect([reason('Sở Y tế.xlsx'), reason('Sở Y tế (1).xlsx')].sort()).toEqual(['duplicate', 'ranked']);
  });

  it('the unit whose only file is an .xls "sent in a format that cannot be read"; others that sent nothing are "not received"', () => {
    expect(unit(json, 'so-tu-phap')).toMatchObject({
      status: 'missing',
      rank: null,
      statusTextEn: msg('rankStatusSentUnreadable').en,
    });
    expect(unit(json, 'ban-dan-toc')).toMatchObject({
      status: 'missing',
      rank: null,
      statusTextEn: msg('rankStatusNotReceived').en,
    });
  });

  it('the damaged form is called damaged, not read as a form with missing entries', () => {
    expect(unit(json, 'so-cong-thuong').status).toBe('missing');
    expect(json.invalid.find((i) => i.file.endsWith('Sở Công Thương.xlsx'))!.reason).toMatch(
      /^Tệp bị hỏng: /,
    );
  });

  it('the terminal table says the same, with the warning once and no unit names cut', () => {
    const text = scorecard(['rank', inbox, '--as-of', '2020-03-01']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Đã xếp hạng — chưa có ngày nhận / Ranked — received date not given');
    expect(text.stdout).toContain('Chưa nhận / Not received');
    expect(text.stdout).toContain('Gửi tệp không đọc được / Sent in a format that cannot be read');
    // Two units whose names begin alike are both shown in full in the table.
    for (const u of bt.units.filter((x) => x.annex === 'III'))
      expect(
        text.stdout.split('\n').some((l) => l.includes(u.name) && l.includes('Chưa nhận / Not received')),
      ).toBe(true);
    expect(text.stderr.split(msg('rankWarnNoReceivedDates').vi)).toHaveLength(2);
    expect(hashes()).toEqual(before);
  });
});

describe('with a received-dates list', () => {
  let r: ReturnType<typeof scorecard>;
  let json: RankingJson;
  beforeAll(() => {
    r = scorecard([
      'rank',
      inbox,
      '--received',
      join(lists, 'ngay-nhan.csv'),
      '--as-of',
      '2020-03-01',
      '--json',
    ]);
    json = JSON.parse(r.stdout);
  });

  it('judges lateness from the list, with no warning', () => {
    expect(r.code).toBe(0);
    expect(json.warnings).toEqual([]);
    expect(unit(json, 'so-xay-dung')).toMatchObject({ status: 'late', rank: null });
    expect(unit(json, 'so-noi-vu')).toMatchObject({
      status: 'ranked',
      rank: 1,
      statusTextEn: msg('rankStatusRanked').en,
    });
    // Of the two copies, the later received counts.
    expect(unit(json, 'so-y-te', 'ranked').file).toBe(join(inbox, 'Sở Y tế (1).xlsx'));
  });

  it('units missing from the list did not send: the rulebook policy applies; the .xls unit still "sent in a format that cannot be read"', () => {
    expect(unit(json, 'ban-dan-toc').statusTextEn).toBe(msg('rankStatusMissing').en);
    expect(unit(json, 'so-tu-phap').statusTextEn).toBe(msg('rankStatusSentUnreadable').en);
  });

  it('exit codes: 1 when nothing can be ranked (only non-forms), 2 for a folder with nothing sent', () => {
    const onlyXls = mkdtempSync(join(tmpdir(), 'scorecard-email-xls-'));
    writeFileSync(join(onlyXls, 'Sở Tư pháp.xls'), legacyXls());
    const one = scorecard(['rank', onlyXls]);
    expect(one.code).toBe(1);
    expect(one.stdout).toContain(msg('xlsxLegacy').en);
    const empty = mkdtempSync(join(tmpdir(), 'scorecard-email-empty-'));
    writeFileSync(join(empty, '~$lock.xlsx'), 'x');
    expect(scorecard(['rank', empty]).code).toBe(2);
    expect(hashes()).toEqual(before);
  });
});
