import { annexForUnit, builtinRulebook, type Rulebook } from '../../../src/core/rulebook';
import { rankingJson } from '../../../src/report/json';
import { msg } from '../../../src/i18n';
import {
  competitionRanks,
  describeEntry,
  holidayCalendar,
  rank,
  rankDistrict,
  entryStatus,
  statusLabel,
  unitFromFileName,
  type Ranking,
  type RankingInput,
  type RankingTable,
} from '../../../src/core/ranking';
import { annexOf, entriesWorth, form, fullEntries, smallEntries, smallRulebook } from './fixtures';

const bt = builtinRulebook('binh-thuan-2019')!;
const gl = builtinRulebook('gia-lai-2019')!;
const dn = builtinRulebook('dong-nai-2022')!;

const table = (r: Ranking, annex: string): RankingTable => r.tables.find((t) => t.annex === annex)!;
const entry = (t: RankingTable, unitId: string) =>
  t.entries.find((e) => e.unitId === unitId && e.status !== 'duplicate')!;
const placed = (t: RankingTable) =>
  t.entries.filter((e) => e.rank !== undefined).map((e) => [e.unitId, e.rank]);

/** A Bình Thuận form worth `total` points. */
const btForm = (annex: string, unitId: string, total: number, o: Parameters<typeof form>[3] = {}) =>
  form(bt, annex, unitId, { entries: entriesWorth(annexOf(bt, annex), total), received: '2019-09-13', ...o });

const glForm = (annex: string, unitId: string, total: number, received = '2019-10-15') =>
  form(gl, annex, unitId, { entries: entriesWorth(annexOf(gl, annex), total), received });

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

  it('awards: ranks 1–3 that are Tốt in I and III; a tie at the third place goes to the council; only rank 1 in II', () => {
    expect(I.entries.filter((e) => e.award).map((e) => e.unitId)).toEqual(['so-noi-vu', 'so-tu-phap']);
    // Two units share the third place: Điều 12 names positions 1, 2, 3 and says nothing of ties.
    expect(I.entries.filter((e) => e.awardTie).map((e) => e.unitId)).toEqual([
      'so-ke-hoach-dau-tu',
      'so-tai-chinh',
    ]);
    expect(entry(I, 'so-tai-chinh').notes).toContainEqual(
      msg('rankAwardTie', { rank: 3, topN: 3, count: 2 }),
    );
    const III = table(r, 'III');
    expect(placed(III)).toEqual([
      ['dai-phat-thanh-truyen-hinh', 1],
      ['truong-cao-dang-cong-dong', 2],
      ['truong-chinh-tri', 3],
    ]);
    // rank 3 but Khá: no award
    expect(III.entries.filter((e) => e.award).map((e) => e.unitId)).toEqual([
      'dai-phat-thanh-truyen-hinh',
      'truong-cao-dang-cong-dong',
    ]);
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
    // "không được đánh giá, xếp hạng": no band; the computed total stays in a note, labelled as not counted.
    expect(late.band).toBeUndefined();
    expect(late.counted).toBe(false);
    expect(late.notes).toContainEqual(msg('rankLateNotRanked'));
    expect(late.notes).toContainEqual({
      vi: 'Điểm tự tính 480 — không được tính vào xếp hạng.',
      en: 'Computed total 480 — not counted in the ranking.',
    });
    expect(late.notes[0]).toEqual(
      msg('rankLate', { received: '23/09/2019', deadline: '15/09/2019', grace: 5, lastOnTime: '20/09/2019' }),
    );
    expect(late.notes[0].en).toBe(
      'Received 23/09/2019, after the deadline 15/09/2019 + 5 working days (20/09/2019).',
    );
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
    const mixed = rank(bt, [
      btForm('I', 'so-noi-vu', 500),
      btForm('I', 'so-tu-phap', 470, { received: { date: '2019-09-14', source: 'mtime' } }),
    ]);
    expect(mixed.receivedSource).toBe('mixed');
    expect(rank(bt, [btForm('I', 'so-noi-vu', 500), form(bt, 'I', 'so-tu-phap')]).receivedSource).toBe(
      'manifest',
    );
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
    expect(describeEntry(entry(I, 'so-tai-chinh'))).toBe(
      '3. Sở Tài chính — 460,5 (Tốt) · Đã xếp hạng / Ranked',
    );
  });
});

describe('lateness with a public holiday in the grace period', () => {
  // The small rulebook is due 30/8 with 5 working days of grace; 2/9/2019 (Quốc khánh) is inside them.
  it('received Monday 9/9/2019 is on time because 2/9 does not count; 10/9 is late', () => {
    const r = rank(smallRb, [
      small('a1', {}, { received: '2019-09-09' }),
      small('a2', {}, { received: '2019-09-10' }),
    ]);
    const t = table(r, 'A');
    expect(t.deadline?.lastOnTime).toBe('2019-09-09');
    expect(entry(t, 'a1').status).toBe('ranked');
    expect(entry(t, 'a2').status).toBe('late');
    expect(entry(t, 'a2').notes[0].vi).toBe(
      'Nhận ngày 10/09/2019, sau hạn 30/08/2019 + 5 ngày làm việc (09/09/2019).',
    );
  });

  it('lateness judged on a modification time says so', () => {
    const r = rank(smallRb, [small('a1', {}, { received: { date: '2019-09-10', source: 'mtime' } })]);
    const e = entry(table(r, 'A'), 'a1');
    expect(e).toMatchObject({ status: 'late', receivedSource: 'mtime', received: '2019-09-10' });
    expect(e.notes).toContainEqual(msg('rankReceivedFromMtime'));
    expect(r.receivedSource).toBe('mtime');
  });

  it('with weekends only, the same form would be late', () => {
    const r = rank(smallRb, [small('a1', {}, { received: '2019-09-09' })], {
      holidays: holidayCalendar([], [], [2019]),
    });
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
      form(smallRb, 'A', 'a5', {
        entries: { ...smallEntries({ value: 1000 }), '2.2': { points: 'hai mươi' } },
        received: '2019-08-29',
      }), // invalid: not a number
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
    const r = rank(bt, [
      form(bt, 'I', 'so-noi-vu', { entries: withValue(300) }),
      form(bt, 'I', 'so-tu-phap', { entries: withValue(100) }),
    ]);
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
    expect(entry(t, 'a1')).toMatchObject({
      selfTotal: 100,
      total: 80,
      appraised: true,
      appraisedCriteria: ['1.1'],
      rank: 2,
    });
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
      form(bt, 'I', 'so-noi-vu', {
        entries: fullEntries(I),
        appraisals: { '4.10': { points: 0 }, '4.7': { points: 0 } },
      }),
      btForm('I', 'so-tu-phap', 470),
    ]);
    const t = table(r, 'I');
    expect(entry(t, 'so-noi-vu')).toMatchObject({ selfTotal: 500, total: 455, rank: 2, award: true });
    const r2 = rank(bt, [
      form(bt, 'I', 'so-noi-vu', {
        entries: fullEntries(I),
        appraisals: { '4.10': { points: 0 }, '4.7': { points: 0 }, '1.1': { points: 0 } },
      }),
    ]);
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
      form(smallRb, 'A', 'x', {
        unitName: '  SỞ MỘT ',
        entries: smallEntries({ a: 10 }),
        received: '2019-08-29',
        file: 'a.xlsx',
      }),
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
    form(smallRb, 'A', 'a2', {
      entries: { ...smallEntries({}), '1.1': { points: 'bốn mươi' } },
      received: '2019-08-29',
    }),
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
    expect(r.invalid.map((i) => i.file)).toEqual([
      'nop/A-a2.xlsx',
      'nop/hong.xlsx',
      'nop/khac.xlsx',
      'nop/cu.xlsx',
      'nop/z.xlsx',
    ]);
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
    const r = rank(smallRb, [
      small('a1', {}),
      form(smallRb, 'A', 'la', {
        unitName: 'Sở Lạ',
        received: '2019-08-29',
        entries: smallEntries({ a: 30 }),
      }),
    ]);
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
      ['so-tu-phap', 4],
      ['so-ke-hoach-dau-tu', 4],
      ['so-tai-nguyen-moi-truong', 4],
      ['so-thong-tin-truyen-thong', 4],
    ]);
    // CV 1252: "Sau thời gian này, đơn vị nào chưa gửi … (xem như xếp hạng cuối)": late and unsent share the last place.
    expect(entry(t, 'so-tu-phap')).toMatchObject({ status: 'late', rank: 4, counted: false, award: false });
    expect(entry(t, 'so-tu-phap').band).toBeUndefined();
    expect(entry(t, 'so-tu-phap').notes).toContainEqual(msg('rankLateRankedLast'));
    expect(entry(t, 'so-thong-tin-truyen-thong')).toMatchObject({
      status: 'missing',
      rank: 4,
      total: 0,
      award: false,
    });
    expect(entry(t, 'so-thong-tin-truyen-thong').notes).toEqual([msg('rankMissingLast')]);
    expect(entry(table(r, 'huyen'), 'tp-pleiku')).toMatchObject({ status: 'ranked', rank: 1 });
    expect(
      table(r, 'huyen')
        .entries.filter((e) => e.status === 'missing')
        .every((e) => e.rank === 2),
    ).toBe(true);
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
    expect(table(r, 'huyen').entries.map((e) => [e.unitId, e.status, e.rank])).toEqual([
      ['tp-pleiku', 'ranked', 1],
    ]);
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
    const r = rank(smallRb, [
      small('a1', { a: 40, b: 10, d: 5 }),
      small('a2', { a: 20, naB: true, d: 15 }),
      small('a3', { a: 0, b: 0, d: 0 }, { received: '2019-09-30' }),
    ]);
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

describe('the decisions at their edges', () => {
  const withPolicy = (rb: Rulebook, change: (copy: Rulebook) => void): Rulebook => {
    const copy = structuredClone(rb);
    change(copy);
    return copy;
  };

  it('annex II awards one unit (Điều 12: "chỉ khen thưởng cho 01 đơn vị"): a two-way tie at the top goes to the council', () => {
    const inputs = [btForm('II', 'van-phong-ubnd-tinh', 400), btForm('II', 'thanh-tra-tinh', 400)];
    const II = table(rank(bt, inputs), 'II');
    expect(placed(II)).toEqual([
      ['thanh-tra-tinh', 1],
      ['van-phong-ubnd-tinh', 1],
    ]);
    expect(II.entries.filter((e) => e.award)).toEqual([]);
    expect(
      II.entries.every((e) => e.awardTie && e.notes.some((n) => n.vi.includes('Hội đồng quyết định'))),
    ).toBe(true);
    // A rulebook that awards every tied unit says so with ties: 'all'.
    const all = withPolicy(bt, (rb) => rb.awards.forEach((a) => (a.ties = 'all')));
    expect(table(rank(all, inputs), 'II').entries.filter((e) => e.award)).toHaveLength(2);
    // Without a tie, the single award goes to the first.
    const one = table(
      rank(bt, [btForm('II', 'van-phong-ubnd-tinh', 400), btForm('II', 'thanh-tra-tinh', 399.99)]),
      'II',
    );
    expect(one.entries.filter((e) => e.award).map((e) => e.unitId)).toEqual(['van-phong-ubnd-tinh']);
    expect(one.entries.some((e) => e.awardTie)).toBe(false);
  });

  it('a form of the wrong annex is shown in its unit’s own group, neither ranked nor awarded, and the unit is not unsent', () => {
    const r = rank(bt, [
      btForm('I', 'van-phong-ubnd-tinh', 500),
      btForm('I', 'so-noi-vu', 460),
      btForm('II', 'thanh-tra-tinh', 390),
    ]);
    const I = table(r, 'I');
    expect(I.entries.some((e) => e.unitId === 'van-phong-ubnd-tinh')).toBe(false);
    expect(entry(I, 'so-noi-vu')).toMatchObject({ rank: 1, award: true });
    const II = table(r, 'II');
    const wrong = entry(II, 'van-phong-ubnd-tinh');
    expect(wrong).toMatchObject({ status: 'wrongAnnex', counted: false, award: false });
    expect(wrong.rank).toBeUndefined();
    expect(wrong.band).toBeUndefined();
    expect(wrong.notes[0].en).toContain('the unit needs to send an annex II form');
    expect(statusLabel('wrongAnnex')).toEqual({ vi: 'Sai phụ lục', en: 'Wrong annex' });
    expect(r.missing.some((m) => m.unitId === 'van-phong-ubnd-tinh')).toBe(false);
    expect(entry(II, 'thanh-tra-tinh')).toMatchObject({ rank: 1, award: true });
  });

  it('Bình Thuận: a form with blank reasons or evidence is ranked with a warning (QĐ 1867 excludes only late or unsent forms)', () => {
    const annex = annexOf(bt, 'I');
    const entries = entriesWorth(annex, 470);
    const withEvidence = annex.groups.flatMap((g) => g.criteria).filter((c) => c.evidence.required);
    for (const c of withEvidence.slice(0, 2)) entries[c.id] = { ...entries[c.id], evidence: '' };
    const r = rank(bt, [
      form(bt, 'I', 'so-tu-phap', { entries, received: '2019-09-13' }),
      btForm('I', 'so-noi-vu', 460),
    ]);
    const e = entry(table(r, 'I'), 'so-tu-phap');
    expect(e).toMatchObject({ status: 'ranked', rank: 1, counted: true, award: true });
    expect(e.band?.label).toBe('Tốt');
    expect(e.notes.find((n) => n.en.startsWith('The form is incomplete'))?.en).toContain(withEvidence[0].id);
    // A rulebook whose decision excludes incomplete forms says so with incomplete: 'notRanked'.
    const strict = withPolicy(bt, (rb) => (rb.policies.incomplete = 'notRanked'));
    const s = rank(strict, [form(strict, 'I', 'so-tu-phap', { entries, received: '2019-09-13' })]);
    expect(entry(table(s, 'I'), 'so-tu-phap')).toMatchObject({ status: 'invalid', counted: false });
    expect(s.invalid).toHaveLength(1);
  });

  it('Gia Lai: a criterion completed at consolidation that falls below its maximum needs a reason (warning)', () => {
    const annex = annexOf(gl, 'so');
    const c = annex.groups.flatMap((g) => g.criteria).find((x) => x.rule.type === 'relativeToBest')!;
    const best = fullEntries(annex);
    const lower = fullEntries(annex, { [c.id]: { value: 50, evidence: 'Thống kê', reason: '' } });
    const r = rank(gl, [
      form(gl, 'so', 'so-noi-vu', {
        entries: { ...best, [c.id]: { value: 100, evidence: 'Thống kê' } },
        received: '2019-10-10',
      }),
      form(gl, 'so', 'so-tai-chinh', { entries: lower, received: '2019-10-10' }),
    ]);
    const t = table(r, 'so');
    expect(entry(t, 'so-tai-chinh').criteria[c.id]).toBe(c.max / 2);
    expect(entry(t, 'so-tai-chinh')).toMatchObject({ status: 'ranked', counted: true, rank: 2 });
    expect(
      entry(t, 'so-tai-chinh').notes.some(
        (n) => n.en.startsWith('The form is incomplete') && n.en.includes(c.id),
      ),
    ).toBe(true);
    expect(entry(t, 'so-noi-vu').notes.some((n) => n.en.startsWith('The form is incomplete'))).toBe(false);
    // Turned off, the criterion asks for no reason.
    const off = withPolicy(gl, (rb) => (rb.policies.reasonsAfterConsolidation = false));
    const r2 = rank(off, [
      form(off, 'so', 'so-noi-vu', {
        entries: { ...best, [c.id]: { value: 100, evidence: 'Thống kê' } },
        received: '2019-10-10',
      }),
      form(off, 'so', 'so-tai-chinh', { entries: lower, received: '2019-10-10' }),
    ]);
    expect(
      entry(table(r2, 'so'), 'so-tai-chinh').notes.some((n) => n.en.startsWith('The form is incomplete')),
    ).toBe(false);
  });

  it('rulebooks written with the older schedule booleans keep their meaning', () => {
    const old = withPolicy(gl, (rb) => {
      rb.policies = { incomplete: 'warning', reasonsAfterConsolidation: true };
      rb.schedule.lateNotRanked = true;
      rb.schedule.missingRankedLast = true;
    });
    const t = table(
      rank(old, [glForm('so', 'so-noi-vu', 90), glForm('so', 'so-tu-phap', 95, '2019-10-21')]),
      'so',
    );
    expect(entry(t, 'so-tu-phap')).toMatchObject({ status: 'late', counted: false });
    expect(entry(t, 'so-tu-phap').rank).toBeUndefined();
    expect(t.entries.filter((e) => e.status === 'missing').every((e) => e.rank === 2)).toBe(true);
  });
});

describe('lateness only from evidence', () => {
  const undated = (annex: string, unitId: string, total: number) =>
    form(bt, annex, unitId, { entries: entriesWorth(annexOf(bt, annex), total) });

  it('without any received date, forms are ranked with "received date not given" and one warning is given', () => {
    const r = rank(
      bt,
      [
        undated('I', 'so-noi-vu', 480),
        undated('I', 'so-tu-phap', 470),
        undated('II', 'van-phong-ubnd-tinh', 400),
      ],
      { asOf: '2020-03-01' },
    );
    const t = table(r, 'I');
    expect(placed(t).slice(0, 2)).toEqual([
      ['so-noi-vu', 1],
      ['so-tu-phap', 2],
    ]);
    for (const e of t.entries.filter((x) => x.file)) {
      expect(e.status).toBe('ranked');
      expect(entryStatus(e)).toEqual(msg('rankStatusNoReceivedDate'));
      expect(e.notes).toContainEqual(msg('rankNoReceivedDate'));
    }
    expect(r.warnings).toEqual([msg('rankWarnNoReceivedDates')]);
    expect(r.receivedSource).toBe('none');
  });

  it('without a received-dates list, units that sent nothing are "not received", not ranked last', () => {
    const r = rank(bt, [undated('I', 'so-noi-vu', 480)], { asOf: '2020-03-01' });
    const m = table(r, 'I').entries.find((e) => e.unitId === 'ban-dan-toc')!;
    expect(m.status).toBe('missing');
    expect(m.rank).toBeUndefined();
    expect(entryStatus(m)).toEqual(msg('rankStatusNotReceived'));
    expect(m.notes).toEqual([msg('rankNotReceivedNote')]);
    // With the list, the same unit did not send: the rulebook's policy applies.
    const listed = rank(bt, [btForm('I', 'so-noi-vu', 480)], { asOf: '2020-03-01' });
    const n = table(listed, 'I').entries.find((e) => e.unitId === 'ban-dan-toc')!;
    expect(entryStatus(n)).toEqual(statusLabel('missing'));
    expect(listed.warnings).toEqual([]);
  });

  it('a unit whose only file cannot be read (an old .xls named after it) "sent in a format that cannot be read"', () => {
    const xls: RankingInput = {
      file: 'nop/I - Sở Tư pháp.xls',
      received: { date: '2019-09-13', source: 'manifest' },
      failure: msg('xlsxLegacy'),
    };
    const r = rank(bt, [btForm('I', 'so-noi-vu', 480), xls], { asOf: '2020-03-01' });
    const e = table(r, 'I').entries.find((x) => x.unitId === 'so-tu-phap')!;
    expect(e.status).toBe('missing');
    expect(e.rank).toBeUndefined();
    expect(entryStatus(e)).toEqual(msg('rankStatusSentUnreadable'));
    expect(e.notes[0]).toEqual(msg('rankSentUnreadable', { file: 'I - Sở Tư pháp.xls' }));
    expect(r.invalid).toEqual([{ file: xls.file, reason: msg('xlsxLegacy') }]);
  });

  it('a file name identifies a unit by name, id or alias, with or without the annex in front; else none', () => {
    expect(unitFromFileName(bt, 'a/Sở Nội vụ.xls', 'I')?.id).toBe('so-noi-vu');
    expect(unitFromFileName(bt, 'so-noi-vu.pdf', 'I')?.id).toBe('so-noi-vu');
    expect(unitFromFileName(bt, 'Phụ lục I - Sở Nội vụ.xls', 'I')?.id).toBe('so-noi-vu');
    expect(unitFromFileName(bt, 'I_Sở Nội vụ.xlsx', 'I')?.id).toBe('so-noi-vu');
    expect(unitFromFileName(bt, 'bao-cao.xls', 'I')).toBeUndefined();
    expect(unitFromFileName(bt, 'Sở Nội vụ.xls', 'IV')).toBeUndefined();
  });

  it('dates from file times are marked on every row and warned about once', () => {
    const mtime = (unitId: string) =>
      btForm('I', unitId, 470, { received: { date: '2019-09-13', source: 'mtime' } });
    const r = rank(bt, [mtime('so-noi-vu'), mtime('so-tu-phap')], { asOf: '2020-03-01' });
    for (const e of table(r, 'I').entries.filter((x) => x.file)) {
      expect(entryStatus(e)).toEqual(msg('rankStatusFromFileTime'));
      expect(e.notes).toContainEqual(msg('rankReceivedFromMtime'));
    }
    expect(r.warnings).toEqual([msg('rankWarnFileTimes')]);
  });
});

describe('criteria that apply to some units only (dti-2025)', () => {
  const dti = builtinRulebook('dti-2025')!;
  const so = annexOf(dti, 'SO');
  const full = (unitId: string) => {
    const unit = dti.units.find((u) => u.id === unitId)!;
    return form(dti, 'SO', unitId, {
      year: 2025,
      received: '2025-10-01',
      entries: fullEntries(annexForUnit(so, unit)),
    });
  };

  it('each unit is scored on its own criteria: its maximum, its index and the statistics follow', () => {
    const r = rank(dti, [full('so-khcn'), full('so-tu-phap'), full('vp-ubnd')]);
    const t = table(r, 'SO');
    // A sở tasked with the digital economy scores every criterion; one without administrative procedures fewer.
    expect(entry(t, 'so-khcn')).toMatchObject({ total: 1000, counted: true });
    expect(entry(t, 'so-khcn').max).toBeUndefined();
    expect(entry(t, 'so-tu-phap')).toMatchObject({ total: 850, max: 850 });
    expect(entry(t, 'vp-ubnd')).toMatchObject({ total: 750, max: 750 });
    expect('7.1' in entry(t, 'so-tu-phap').criteria).toBe(false);
    // 7.1 applies to one of the three: its average is that unit's, not diluted by the others' absence.
    expect(t.statistics.criteria.find((c) => c.id === '7.1')).toMatchObject({
      units: 1,
      average: 150,
      share: 1,
    });
    const json = rankingJson(r);
    const idx = Object.fromEntries(
      json.groups[0].entries.filter((e) => e.file).map((e) => [e.unitId, e.index]),
    );
    expect(idx).toEqual({ 'so-khcn': 1, 'so-tu-phap': 1, 'vp-ubnd': 1 });
  });
});
