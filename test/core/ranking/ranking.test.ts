import { builtinRulebook, type Rulebook } from '../../../src/core/rulebook';
import { msg } from '../../../src/i18n';
import {
  competitionRanks,
  describeEntry,
  holidayCalendar,
  rank,
  rankDistrict,
  statusLabel,
  type Ranking,
  type RankingInput,
  type RankingTable,
} from '../../../src/core/ranking';
import { annexOf, entriesWorth, form, fullEntries, smallEntries, smallRulebook } from './fixtures';

const bt = builtinRulebook('binh-thuan-2019')!;
const gl = builtinRulebook('gia-lai-2019')!;
const dn = builtinRulebook('dong-nai-2022')!;

const table = (r: Ranking, annex: string): RankingTable => r.tables.find((t) => t.annex === annex)!;
const entry = (t: RankingTable, unitId: string) => t.entries.find((e) => e.unitId === unitId && e.status !== 'duplicate')!;
const placed = (t: RankingTable) => t.entries.filter((e) => e.rank !== undefined).map((e) => [e.unitId, e.rank]);

/** A Bình Thuận form worth `total` points. */
const btForm = (annex: string, unitId: string, total: number, o: Parameters<typeof form>[3] = {}) =>
  form(bt, annex, unitId, { entries: entriesWorth(annexOf(bt, annex), total), received: '2019-09-13', ...o });

const small = (unitId: string, p: Parameters<typeof smallEntries>[0], o: Parameters<typeof form>[3] = {}) =>
  form(smallRb, 'A', unitId, { entries: smallEntries(p), received: '2019-08-29', ...o });
const smallRb = smallRulebook();

describe('competition ranks', () => {
  it('equal totals share a rank and the next is skipped: 1, 2, 2, 4', () => {
    expect(competitionRanks([90, 80, 80, 70])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([70, 80, 90, 80])).toEqual([4, 2, 1, 2]);
    expect(competitionRanks([])).toEqual([]);
  });

  it('equality is judged on 2-decimal totals: 0.1 + 0.2 ties with 0.3', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(competitionRanks([0.1 + 0.2, 0.3, 0.31, 0.29])).toEqual([2, 2, 1, 4]);
  });

  it('ties built from decimal points in the forms rank together', () => {
    const r = rank(smallRb, [
      small('a1', { a: 0.1, b: 0.2 }),
      small('a2', { a: 0.3, b: 0 }),
      small('a3', { a: 39.9, b: 0.2 }),
      small('a4', { a: 0.15, b: 0.14 }),
    ]);
    const t = table(r, 'A');
    // a tie is listed by unit name: Sở Hai before Sở Một
    expect(placed(t)).toEqual([
      ['a3', 1],
      ['a2', 2],
      ['a1', 2],
      ['a4', 4],
    ]);
    expect(entry(t, 'a1').total).toBe(40.3);
  });
});

describe('Bình Thuận 2019: bands, awards, lateness, missing', () => {
  const inputs: RankingInput[] = [
    btForm('I', 'so-noi-vu', 500),
    btForm('I', 'so-tu-phap', 470),
    btForm('I', 'so-tai-chinh', 460.5),
    btForm('I', 'so-ke-hoach-dau-tu', 460.5),
    btForm('I', 'so-cong-thuong', 449.99),
    btForm('I', 'so-y-te', 480, { received: '2019-09-23' }), // after 20/9: late, not ranked
    btForm('I', 'so-xay-dung', 300, { received: '2019-09-20' }), // the last on-time day
    btForm('II', 'van-phong-ubnd-tinh', 400),
    btForm('II', 'thanh-tra-tinh', 390),
    btForm('III', 'dai-phat-thanh-truyen-hinh', 455),
    btForm('III', 'truong-chinh-tri', 449.99),
    btForm('III', 'truong-cao-dang-cong-dong', 451),
  ];
  const r = rank(bt, inputs, { asOf: '2019-10-01' });
  const I = table(r, 'I');

  it('ranks annex I with a tie at 3', () => {
    expect(placed(I).slice(0, 6)).toEqual([
      ['so-noi-vu', 1],
      ['so-tu-phap', 2],
      ['so-ke-hoach-dau-tu', 3],
      ['so-tai-chinh', 3],
      ['so-cong-thuong', 5],
      ['so-xay-dung', 6],
    ]);
    expect(r.year).toBe(2019);
    expect(I.deadline).toEqual({ date: '2019-09-15', graceWorkingDays: 5, lastOnTime: '2019-09-20' });
  });

  it('bands on exact 2-decimal totals: 450 is Tốt, 449.99 is Khá', () => {
    expect(entry(I, 'so-cong-thuong').band?.label).toBe('Khá');
    expect(entry(I, 'so-tai-chinh').band?.label).toBe('Tốt');
    expect(entry(I, 'so-xay-dung').band?.label).toBe('Trung bình');
    expect(entry(table(r, 'II'), 'thanh-tra-tinh').band?.label).toBe('Tốt'); // annex II: Tốt from 380
  });

  it('awards: ranks 1–3 that are Tốt in I and III (a tie at 3 both get it); only rank 1 in II', () => {
    expect(I.entries.filter((e) => e.award).map((e) => e.unitId)).toEqual(['so-noi-vu', 'so-tu-phap', 'so-ke-hoach-dau-tu', 'so-tai-chinh']);
    const III = table(r, 'III');
    expect(placed(III)).toEqual([
      ['dai-phat-thanh-truyen-hinh', 1],
      ['truong-cao-dang-cong-dong', 2],
      ['truong-chinh-tri', 3],
    ]);
    // rank 3 but Khá: no award
    expect(III.entries.filter((e) => e.award).map((e) => e.unitId)).toEqual(['dai-phat-thanh-truyen-hinh', 'truong-cao-dang-cong-dong']);
    const II = table(r, 'II');
    expect(II.entries.filter((e) => e.award).map((e) => e.unitId)).toEqual(['van-phong-ubnd-tinh']);
    expect(entry(II, 'thanh-tra-tinh').rank).toBe(2);
  });

  it('a form received after 15/9 + 5 working days is late and not ranked; 20/9 is still on time', () => {
    const late = entry(I, 'so-y-te');
    expect(late.status).toBe('late');
    expect(late.rank).toBeUndefined();
    expect(late.award).toBe(false);
    expect(late.total).toBe(480);
    expect(late.notes[0]).toEqual(
      msg('rankLate', { received: '23/09/2019', deadline: '15/09/2019', grace: 5, lastOnTime: '20/09/2019' }),
    );
    expect(late.notes[0].en).toBe('Received 23/09/2019, after the deadline 15/09/2019 + 5 working days (20/09/2019).');
    expect(entry(I, 'so-xay-dung').status).toBe('ranked');
  });

  it('units without a form are missing, listed but not ranked (Bình Thuận)', () => {
    const missingI = I.entries.filter((e) => e.status === 'missing');
    expect(missingI).toHaveLength(16 - 7);
    expect(missingI.every((e) => e.rank === undefined && e.band === undefined)).toBe(true);
    expect(missingI[0].notes).toEqual([msg('rankMissingNotRanked')]);
    expect(r.missing.filter((m) => m.annex === 'I').map((m) => m.unitId)).toContain('ban-dan-toc');
    // annex IV: nobody sent a form, all ten are missing
    expect(table(r, 'IV').entries.map((e) => e.status)).toEqual(Array(10).fill('missing'));
    expect(I.entries[I.entries.length - 1].status).toBe('missing');
  });

  it('entries come ranked first, then late, then missing', () => {
    const order = I.entries.map((e) => e.status);
    expect(order.slice(0, 6)).toEqual(Array(6).fill('ranked'));
    expect(order[6]).toBe('late');
  });

  it('states where the received dates came from', () => {
    expect(r.receivedSource).toBe('manifest');
    const mixed = rank(bt, [btForm('I', 'so-noi-vu', 500), btForm('I', 'so-tu-phap', 470, { received: { date: '2019-09-14', source: 'mtime' } })]);
    expect(mixed.receivedSource).toBe('mixed');
    expect(rank(bt, [btForm('I', 'so-noi-vu', 500), form(bt, 'I', 'so-tu-phap')]).receivedSource).toBe('manifest');
    const none = rank(bt, [form(bt, 'I', 'so-noi-vu')]);
    expect(none.receivedSource).toBe('none');
    expect(entry(table(none, 'I'), 'so-noi-vu').notes).toContainEqual(msg('rankNoReceivedDate'));
    expect(entry(table(none, 'I'), 'so-noi-vu').status).toBe('ranked');
    const garbled = rank(bt, [btForm('I', 'so-noi-vu', 500, { received: '16/09/2019' })]); // hosts pass yyyy-mm-dd; never crash
    expect(entry(table(garbled, 'I'), 'so-noi-vu').notes).toContainEqual(msg('rankNoReceivedDate'));
  });

  it('describes entries and statuses in both languages', () => {
    expect(statusLabel('late')).toEqual({ vi: 'Nộp muộn', en: 'Late' });
    expect(statusLabel('missing')).toEqual({ vi: 'Không nộp', en: 'Missing' });
    expect(describeEntry(entry(I, 'so-tai-chinh'))).toBe('3. Sở Tài chính — 460,5 (Tốt) · Đã xếp hạng / Ranked');
  });
});

describe('lateness with a public holiday in the grace period', () => {
  // The small rulebook is due 30/8 with 5 working days of grace; 2/9/2019 (Quốc khánh) is inside them.
  it('received Monday 9/9/2019 is on time because 2/9 does not count; 10/9 is late', () => {
    const r = rank(smallRb, [small('a1', {}, { received: '2019-09-09' }), small('a2', {}, { received: '2019-09-10' })]);
    const t = table(r, 'A');
    expect(t.deadline?.lastOnTime).toBe('2019-09-09');
    expect(entry(t, 'a1').status).toBe('ranked');
    expect(entry(t, 'a2').status).toBe('late');
    expect(entry(t, 'a2').notes[0].vi).toBe('Nhận ngày 10/09/2019, sau hạn 30/08/2019 + 5 ngày làm việc (09/09/2019).');
  });

  it('lateness judged on a modification time says so', () => {
    const r = rank(smallRb, [small('a1', {}, { received: { date: '2019-09-10', source: 'mtime' } })]);
    const e = entry(table(r, 'A'), 'a1');
    expect(e).toMatchObject({ status: 'late', receivedSource: 'mtime', received: '2019-09-10' });
    expect(e.notes).toContainEqual(msg('rankReceivedFromMtime'));
    expect(r.receivedSource).toBe('mtime');
  });

  it('with weekends only, the same form would be late', () => {
    const r = rank(smallRb, [small('a1', {}, { received: '2019-09-09' })], { holidays: holidayCalendar([], [], [2019]) });
    expect(entry(table(r, 'A'), 'a1').status).toBe('late');
  });

  it('a year without holiday data is flagged on the table', () => {
    const r = rank(smallRb, [small('a1', {}, { year: 2031, received: '2031-08-29' })]);
    expect(table(r, 'A').notes).toEqual([msg('rankNoHolidayData', { year: 2031 })]);
  });

  it('missing units before the grace period ends say so', () => {
    const r = rank(smallRb, [small('a1', {})], { asOf: '2019-09-05' });
    const m = table(r, 'A').entries.find((e) => e.status === 'missing')!;
    expect(m.notes).toContainEqual(msg('rankNotYetDue', { lastOnTime: '09/09/2019' }));
    const later = rank(smallRb, [small('a1', {})], { asOf: '2019-09-10' });
    expect(table(later, 'A').entries.find((e) => e.status === 'missing')!.notes).toHaveLength(1);
  });

  it('Đồng Nai ranks late forms anyway (status late, with a rank)', () => {
    const a1 = annexOf(dn, '1');
    const ids = a1.groups.flatMap((g) => g.criteria).map((c) => c.id);
    const lower = fullEntries(a1);
    const parts = Object.keys(lower[ids[0]]).filter((k) => !['reason', 'evidence'].includes(k));
    for (const p of parts) lower[ids[0]][p] = 0;
    const r = rank(dn, [
      form(dn, '1', 'so-noi-vu', { year: 2022, received: '2022-10-31' }), // 30/10/2022 was a Sunday; no grace
      form(dn, '1', 'so-tai-chinh', { year: 2022, received: '2022-10-28', entries: lower }),
    ]);
    const t = table(r, '1');
    expect(entry(t, 'so-noi-vu')).toMatchObject({ status: 'late', rank: 1, total: 3 });
    expect(entry(t, 'so-noi-vu').notes).toContainEqual(msg('rankLateStillRanked'));
    expect(entry(t, 'so-noi-vu').notes[0].en).toBe('Received 31/10/2022, after the deadline 30/10/2022.');
    expect(entry(t, 'so-tai-chinh')).toMatchObject({ status: 'ranked', rank: 2 });
    expect(entry(t, 'so-tai-chinh').band?.label).toBe('A+');
  });
});

describe('relativeToBest criteria are completed across the ranked units', () => {
  it('value ÷ best value among ranked peers × max; late and invalid forms do not set the best', () => {
    const r = rank(smallRb, [
      small('a1', { value: 50 }),
      small('a2', { value: 100 }),
      small('a3', { value: 200 }),
      small('a4', { value: 400 }, { received: '2019-09-30' }), // late
      form(smallRb, 'A', 'a5', { entries: smallEntries({ value: 1000, d: 'hai mươi' }), received: '2019-08-29' }), // invalid: a word for a number
    ]);
    const t = table(r, 'A');
    expect(entry(t, 'a1').criteria['2.1']).toBe(5);
    expect(entry(t, 'a2').criteria['2.1']).toBe(10);
    expect(entry(t, 'a3').criteria['2.1']).toBe(20);
    expect(entry(t, 'a4').criteria['2.1']).toBe(20); // clamped at max against the ranked best
    expect(entry(t, 'a3').total).toBe(100);
    expect(entry(t, 'a1').total).toBe(85);
    expect(entry(t, 'a1').groups).toEqual({ '1': 60, '2': 25 });
  });

  it('Bình Thuận 4.7 (annex I) across units', () => {
    const I = annexOf(bt, 'I');
    const withValue = (v: number) => fullEntries(I, { '4.7': { value: v } });
    const r = rank(bt, [form(bt, 'I', 'so-noi-vu', { entries: withValue(300) }), form(bt, 'I', 'so-tu-phap', { entries: withValue(100) })]);
    expect(entry(table(r, 'I'), 'so-tu-phap').criteria['4.7']).toBe(10);
    expect(entry(table(r, 'I'), 'so-tu-phap').total).toBe(480);
  });
});

describe('appraisals', () => {
  it('an appraised value replaces the self points and can change the rank', () => {
    const r = rank(smallRb, [
      small('a1', { a: 40 }, { appraisals: { '1.1': { points: 20, note: 'thiếu tài liệu kiểm chứng' } } }),
      small('a2', { a: 30 }),
    ]);
    const t = table(r, 'A');
    expect(entry(t, 'a1')).toMatchObject({ selfTotal: 100, total: 80, appraised: true, appraisedCriteria: ['1.1'], rank: 2 });
    expect(entry(t, 'a1').selfCriteria['1.1']).toBe(40);
    expect(entry(t, 'a1').criteria['1.1']).toBe(20);
    expect(entry(t, 'a1').selfGroups['1']).toBe(60);
    expect(entry(t, 'a1').groups['1']).toBe(40);
    expect(entry(t, 'a2')).toMatchObject({ selfTotal: 90, total: 90, appraised: false, rank: 1 });
    const self = rank(smallRb, [small('a1', { a: 40 }), small('a2', { a: 30 })]);
    expect(placed(table(self, 'A'))).toEqual([
      ['a1', 1],
      ['a2', 2],
    ]);
  });

  it('the award follows the appraised band', () => {
    const I = annexOf(bt, 'I');
    const r = rank(bt, [
      form(bt, 'I', 'so-noi-vu', { entries: fullEntries(I), appraisals: { '4.10': { points: 0 }, '4.7': { points: 0 } } }),
      btForm('I', 'so-tu-phap', 470),
    ]);
    const t = table(r, 'I');
    expect(entry(t, 'so-noi-vu')).toMatchObject({ selfTotal: 500, total: 455, rank: 2, award: true });
    const r2 = rank(bt, [form(bt, 'I', 'so-noi-vu', { entries: fullEntries(I), appraisals: { '4.10': { points: 0 }, '4.7': { points: 0 }, '1.1': { points: 0 } } })]);
    expect(entry(table(r2, 'I'), 'so-noi-vu').band?.label).toBe('Khá');
    expect(entry(table(r2, 'I'), 'so-noi-vu').award).toBe(false);
  });
});

describe('duplicates', () => {
  it('the later received file counts; both are listed', () => {
    const r = rank(smallRb, [
      small('a1', { a: 10 }, { file: 'nop/so-mot-ban-sua.xlsx', received: '2019-08-29' }),
      small('a1', { a: 40 }, { file: 'nop/so-mot.xlsx', received: '2019-08-20' }),
      small('a2', { a: 20 }),
    ]);
    const t = table(r, 'A');
    const mine = t.entries.filter((e) => e.unitId === 'a1');
    expect(mine.map((e) => [e.file, e.status, e.rank])).toEqual([
      ['nop/so-mot-ban-sua.xlsx', 'ranked', 2],
      ['nop/so-mot.xlsx', 'duplicate', undefined],
    ]);
    expect(mine[1].notes).toContainEqual(msg('rankDuplicateSuperseded', { file: 'so-mot-ban-sua.xlsx' }));
    expect(mine[0].notes).toContainEqual(msg('rankDuplicateCounted', { count: 2, files: 'so-mot.xlsx' }));
    expect(t.entries[t.entries.length - 1].status).not.toBe('duplicate'); // missing units come after
  });

  it('same received date: the later file name counts; a name matched through the unit list is the same unit', () => {
    const r = rank(smallRb, [
      small('a1', { a: 40 }, { file: 'b.xlsx' }),
      form(smallRb, 'A', 'x', { unitName: '  SỞ MỘT ', entries: smallEntries({ a: 10 }), received: '2019-08-29', file: 'a.xlsx' }),
    ]);
    const t = table(r, 'A');
    expect(t.entries.filter((e) => e.unitId === 'a1').map((e) => [e.file, e.status])).toEqual([
      ['b.xlsx', 'ranked'],
      ['a.xlsx', 'duplicate'],
    ]);
  });

  it('a superseded file is neither invalid in the list nor the best value', () => {
    const r = rank(smallRb, [
      small('a1', { value: 900 }, { file: 'a1-cu.xlsx', received: '2019-08-01' }),
      small('a1', { value: 100 }, { file: 'a1-moi.xlsx', received: '2019-08-02' }),
      small('a2', { value: 50 }),
    ]);
    expect(entry(table(r, 'A'), 'a2').criteria['2.1']).toBe(10);
    expect(r.invalid).toEqual([]);
  });
});

/** The same form claiming another annex code. */
function withAnnex(input: RankingInput, annex: string): RankingInput {
  if (!('submission' in input)) return input;
  return { ...input, submission: { ...input.submission, meta: { ...input.submission.meta, annex } } };
}

describe('invalid forms', () => {
  const failure = { vi: 'Tệp hỏng', en: 'Corrupt file' };
  const r = rank(smallRb, [
    small('a1', {}),
    form(smallRb, 'A', 'a2', { entries: { ...smallEntries({}), '1.1': { points: 'bốn mươi' } }, received: '2019-08-29' }),
    { file: 'nop/hong.xlsx', failure },
    form(smallRb, 'A', 'a3', { rulebookId: 'binh-thuan-2019', file: 'nop/khac.xlsx' }),
    form(smallRb, 'A', 'a4', { year: 2018, file: 'nop/cu.xlsx' }),
    withAnnex(small('a5', {}, { file: 'nop/z.xlsx' }), 'Z'),
  ]);
  const t = table(r, 'A');

  it('error-level issues make a form invalid, with the reasons listed in both languages', () => {
    const e = entry(t, 'a2');
    expect(e.status).toBe('invalid');
    expect(e.rank).toBeUndefined();
    const reason = r.invalid.find((i) => i.file.endsWith('A-a2.xlsx'))!.reason;
    expect(reason.vi).toContain('Phiếu còn 1 lỗi');
    expect(reason.vi).toContain('bốn mươi');
    expect(reason.en).toContain('The form has 1 errors');
    expect(e.notes).toContainEqual(reason);
  });

  it('unreadable files, forms of another rulebook or annex are listed as invalid only', () => {
    // in the order the files were given
    expect(r.invalid.map((i) => i.file)).toEqual(['nop/A-a2.xlsx', 'nop/hong.xlsx', 'nop/khac.xlsx', 'nop/cu.xlsx', 'nop/z.xlsx']);
    expect(r.invalid[1].reason).toBe(failure);
    expect(r.invalid[2].reason.en).toBe('The form was made for rulebook "binh-thuan-2019", not "nho".');
    expect(r.invalid[4].reason.vi).toContain('không có phụ lục "Z"');
    expect(t.entries.some((e) => e.file === 'nop/hong.xlsx' || e.file === 'nop/khac.xlsx')).toBe(false);
  });

  it('a form of another year is invalid; the year is the one most forms carry', () => {
    expect(r.year).toBe(2019);
    expect(entry(t, 'a4').status).toBe('invalid');
    expect(entry(t, 'a4').notes).toContainEqual(msg('rankWrongYear', { formYear: 2018, year: 2019 }));
  });

  it('the valid form is ranked alone; a unit with an invalid form is not missing, one whose form could not be placed is', () => {
    expect(placed(t)).toEqual([['a1', 1]]);
    expect(r.missing.map((m) => m.unitId)).toEqual(['a3', 'a5']);
  });
});

describe('units', () => {
  it('a form whose unit is not in the list is still ranked, with a warning', () => {
    const r = rank(smallRb, [small('a1', {}), form(smallRb, 'A', 'la', { unitName: 'Sở Lạ', received: '2019-08-29', entries: smallEntries({ a: 30 }) })]);
    const t = table(r, 'A');
    const stranger = t.entries.find((e) => e.unitName === 'Sở Lạ')!;
    expect(stranger).toMatchObject({ status: 'ranked', rank: 2, matched: false, unitId: '' });
    expect(stranger.notes).toContainEqual(msg('rankUnmatchedUnit', { unit: 'Sở Lạ', annex: 'A' }));
  });

  it('a form of another rulebook version is scored with the version in use, with a note', () => {
    const r = rank(smallRb, [small('a1', {}, { version: '0.9' })]);
    const e = entry(table(r, 'A'), 'a1');
    expect(e.status).toBe('ranked');
    expect(e.notes[0].en).toMatch(/version 0\.9/);
  });
});

describe('Gia Lai 2019: levels and missing units ranked last', () => {
  const so = annexOf(gl, 'so');
  const glForm = (annex: string, unitId: string, total: number, received = '2019-10-15') =>
    form(gl, annex, unitId, { entries: entriesWorth(annexOf(gl, annex), total), received });

  it('each level is its own table; units without a form share the last rank', () => {
    const r = rank(gl, [
      glForm('so', 'so-noi-vu', 90),
      glForm('so', 'so-tai-chinh', 85),
      glForm('so', 'so-y-te', 85),
      glForm('so', 'so-tu-phap', 95, '2019-10-21'), // due 18/10, no grace: late, not ranked
      glForm('huyen', 'tp-pleiku', 70, '2019-10-25'), // districts are due 25/10
      glForm('xa', 'pleiku-dien-hong', 60),
    ]);
    expect(r.tables.map((t) => [t.annex, t.level])).toEqual([
      ['so', 'province'],
      ['huyen', 'district'],
      ['xa', 'commune'],
    ]);
    const t = table(r, 'so');
    expect(so.groups.length).toBeGreaterThan(0);
    expect(placed(t)).toEqual([
      ['so-noi-vu', 1],
      ['so-tai-chinh', 2],
      ['so-y-te', 2],
      ['so-ke-hoach-dau-tu', 4],
      ['so-tai-nguyen-moi-truong', 4],
      ['so-thong-tin-truyen-thong', 4],
    ]);
    expect(entry(t, 'so-tu-phap').status).toBe('late');
    expect(entry(t, 'so-tu-phap').rank).toBeUndefined();
    expect(entry(t, 'so-thong-tin-truyen-thong')).toMatchObject({ status: 'missing', rank: 4, total: 0, award: false });
    expect(entry(t, 'so-thong-tin-truyen-thong').notes).toEqual([msg('rankMissingLast')]);
    expect(entry(table(r, 'huyen'), 'tp-pleiku')).toMatchObject({ status: 'ranked', rank: 1 });
    expect(table(r, 'huyen').entries.filter((e) => e.status === 'missing').every((e) => e.rank === 2)).toBe(true);
    expect(table(r, 'huyen').deadline?.date).toBe('2019-10-25');
    expect(t.deadline?.date).toBe('2019-10-18');
  });

  it('a district consolidates its own form and its communes only', () => {
    const r = rankDistrict(gl, 'tp-pleiku', [
      glForm('huyen', 'tp-pleiku', 70),
      glForm('huyen', 'tx-an-khe', 90),
      glForm('xa', 'pleiku-dien-hong', 60),
      glForm('xa', 'pleiku-tra-da', 75),
      glForm('xa', 'an-khe-an-binh', 99),
      glForm('so', 'so-noi-vu', 90),
    ]);
    expect(r.tables.map((t) => t.annex)).toEqual(['huyen', 'xa']);
    expect(table(r, 'huyen').entries.map((e) => [e.unitId, e.status, e.rank])).toEqual([['tp-pleiku', 'ranked', 1]]);
    const xa = table(r, 'xa');
    expect(placed(xa).slice(0, 2)).toEqual([
      ['pleiku-tra-da', 1],
      ['pleiku-dien-hong', 2],
    ]);
    expect(xa.entries).toHaveLength(6); // the six communes of Pleiku in the list
    expect(xa.entries.filter((e) => e.status === 'missing').every((e) => e.rank === 3)).toBe(true);
    expect(r.missing.every((m) => m.annex === 'xa')).toBe(true);
    expect(() => rankDistrict(gl, 'khong-co', [])).toThrow(/khong-co/);
  });
});

describe('statistics for the summary sheet', () => {
  it('average points per criterion across ranked units, weakest share of max first', () => {
    const r = rank(smallRb, [small('a1', { a: 40, b: 10, d: 5 }), small('a2', { a: 20, naB: true, d: 15 }), small('a3', { a: 0, b: 0, d: 0 }, { received: '2019-09-30' })]);
    const s = table(r, 'A').statistics;
    expect(s.units).toBe(2);
    const byId = Object.fromEntries(s.criteria.map((c) => [c.id, c]));
    expect(byId['1.1']).toMatchObject({ average: 30, units: 2, share: 0.75 });
    expect(byId['1.2']).toMatchObject({ average: 10, units: 1, share: 0.5 }); // N/A unit left out
    expect(byId['2.2']).toMatchObject({ average: 10, share: 0.5 });
    expect(byId['2.1']).toMatchObject({ average: 20, share: 1 });
    expect(s.weakest.map((c) => c.id)).toEqual(['1.2', '2.2', '1.1', '2.1']);
    expect(byId['1.1'].provenance).toBe('reconstructed');
    // (40 + 10 + 20 + 5) = 75 and (20 + 20 + 15) × 100 / 80 = 68.75 → 71.875 → 71.88
    expect(s.averageTotal).toBe(71.88);
  });

  it('weakestCount limits the list', () => {
    const r = rank(smallRb, [small('a1', {})], { weakestCount: 2 });
    expect(table(r, 'A').statistics.weakest).toHaveLength(2);
  });
});

describe('edge cases', () => {
  it('no inputs: every listed unit is missing; no year, no deadline', () => {
    const r = rank(smallRb, []);
    expect(r.year).toBeUndefined();
    expect(r.tables[0].deadline).toBeUndefined();
    expect(r.missing).toHaveLength(5);
    expect(r.receivedSource).toBe('none');
  });

  it('a rulebook without a unit list has no missing units and no unit warnings', () => {
    const bare: Rulebook = smallRulebook({ units: [] });
    const r = rank(bare, [form(bare, 'A', 'x', { unitName: 'Sở X', received: '2019-08-29' })]);
    expect(r.tables[0].entries).toHaveLength(1);
    expect(r.tables[0].entries[0].notes).toEqual([]);
    expect(r.missing).toEqual([]);
  });
});
