/**
 * The round's timeline per built-in rulebook: due dates across weekends, public holidays (the built-in
 * Vietnamese calendar) and make-up Saturdays, `after` milestones counted in working days, and what is
 * due next on an as-of date.
 */
import {
  builtinRulebook,
  parseRulebook,
  type Rulebook,
  type RulebookInput,
} from '../../../src/core/rulebook';
import { holidayCalendar, holidayOn, weekday } from '../../../src/core/ranking';
import { roundTimeline, type Timeline } from '../../../src/core/round/timeline';

const bt = builtinRulebook('binh-thuan-2019')!;
const dn = builtinRulebook('dong-nai-2022')!;
const gl = builtinRulebook('gia-lai-2019')!;

const dues = (tl: Timeline) => tl.milestones.map((m) => [m.kind, m.due]);

/** A built-in rulebook with its schedule changed (through the schema, as a file would be read). */
function withSchedule(
  rb: Rulebook,
  change: (s: RulebookInput['schedule']) => RulebookInput['schedule'],
): Rulebook {
  const json = JSON.parse(JSON.stringify(rb)) as RulebookInput;
  return parseRulebook({ ...json, schedule: change(json.schedule) }, 'test');
}

describe('every built-in rulebook lists its milestones', () => {
  it.each([bt, dn, gl].map((rb) => [rb.id, rb] as const))(
    '%s: submission, preliminary report, appraisal, decision and publication, each quoted or marked as an assumption',
    (_id, rb) => {
      const kinds = rb.schedule.milestones!.map((m) => m.kind);
      expect(kinds).toEqual(
        expect.arrayContaining(['submission', 'preliminary', 'appraisal', 'decision', 'publication']),
      );
      for (const m of rb.schedule.milestones!) {
        if (m.assumption) expect(m.note?.vi && m.note.en).toBeTruthy();
        else expect(m.source).toMatch(/"/); // the decision's own words
      }
    },
  );
});

describe('Bình Thuận (QĐ 1867/2019 Điều 8, 12, 14)', () => {
  it('2019: 15/9 is a Sunday, + 5 working days is 20/9; 10/11 is a Sunday, so the appraisal is due Friday 8/11', () => {
    const tl = roundTimeline(bt, 2019);
    expect(dues(tl)).toEqual([
      ['submission', '2019-09-20'],
      ['preliminary', '2019-09-30'],
      ['appraisal', '2019-11-08'],
      ['decision', '2019-11-25'],
      ['award', '2019-12-09'], // 25/11 (Monday) + 10 working days
      ['publication', '2019-12-31'],
    ]);
    const appraisal = tl.milestones.find((m) => m.kind === 'appraisal')!;
    expect(appraisal.written).toBe('2019-11-10');
    expect(appraisal.moved).toEqual({
      from: '2019-11-10',
      rule: 'previous',
      dayOff: { vi: 'Chủ nhật', en: 'Sunday' },
    });
    const submission = tl.milestones[0];
    expect(submission).toMatchObject({
      written: '2019-09-15',
      workingDays: 5,
      annexes: ['I', 'II', 'III', 'IV'],
      assumption: false,
    });
    expect(tl.milestones.find((m) => m.kind === 'award')).toMatchObject({
      assumption: true,
      written: '2019-11-25',
      workingDays: 10,
    });
    expect(tl.notes).toEqual([]);
  });

  it('2018: 15/9 is a Saturday (+5: 21/9), 30/9 a Sunday (28/9), 10/11 a Saturday (9/11)', () => {
    expect(dues(roundTimeline(bt, 2018)).slice(0, 3)).toEqual([
      ['submission', '2018-09-21'],
      ['preliminary', '2018-09-28'],
      ['appraisal', '2018-11-09'],
    ]);
  });

  it('public holidays of the built-in calendar are not counted: a deadline of 28/8/2025 + 5 working days skips 1–2/9 (Quốc khánh)', () => {
    const early = withSchedule(bt, (s) => ({
      ...s,
      deadlines: [{ annexes: ['I', 'II', 'III', 'IV'], date: '--08-28' }],
    }));
    expect(holidayOn('2025-09-01')).toBeDefined();
    expect(holidayOn('2025-09-02')).toBeDefined();
    expect(roundTimeline(early, 2025).milestones[0].due).toBe('2025-09-08'); // 29/8, 3/9, 4/9, 5/9, 8/9
  });

  it('a milestone on a public holiday moves to the working day before, named by the holiday', () => {
    const rb = withSchedule(bt, (s) => ({
      ...s,
      milestones: [{ id: 'x', kind: 'preliminary', title: 'Báo cáo', titleEn: 'Report', date: '--09-02' }],
    }));
    const [m] = roundTimeline(rb, 2019).milestones;
    expect(m.due).toBe('2019-08-30'); // 2/9/2019 is a Monday holiday; 31/8 and 1/9 a weekend
    expect(m.moved?.dayOff.vi).toBe(holidayOn('2019-09-02')!.name);
  });

  it('a given calendar: a day off inside the grace period is skipped and a make-up Saturday counts', () => {
    const calendar = holidayCalendar(['2019-09-17'], ['2019-09-21'], [2019]);
    expect(roundTimeline(bt, 2019, { holidays: calendar }).milestones[0].due).toBe('2019-09-21'); // 16, 18, 19, 20, 21 (Saturday)
    expect(weekday('2019-09-21')).toBe(6);
  });

  it('says so when the calendar has no holidays for the year (weekends only are counted)', () => {
    const tl = roundTimeline(bt, 2040);
    expect(tl.notes.map((n) => n.en).join(' ')).toMatch(/2040/);
    expect(tl.milestones[0].due).toBe('2040-09-21'); // 15/9/2040 is a Saturday
  });
});

describe('Đồng Nai (CV 2083/2022) and Gia Lai (CV 1252/2019)', () => {
  it("Đồng Nai 2022: forms by 30/10 (kept as written, a Sunday: the ranking counts it so), results to the People's Committee by 20/11 (a Sunday: 18/11)", () => {
    const tl = roundTimeline(dn, 2022);
    expect(dues(tl)).toEqual([
      ['submission', '2022-10-30'],
      ['preliminary', '2022-11-04'], // 5/11/2022 is a Saturday
      ['appraisal', '2022-11-15'],
      ['decision', '2022-11-18'],
      ['publication', '2022-11-25'], // 18/11 + 5 working days
    ]);
    expect(tl.milestones.find((m) => m.kind === 'decision')).toMatchObject({
      assumption: false,
      written: '2022-11-20',
    });
    expect(tl.milestones[0].moved).toBeUndefined();
  });

  it('Gia Lai 2019: one submission per deadline (provincial 18/10; districts and communes 25/10), field checks "in November"', () => {
    const tl = roundTimeline(gl, 2019);
    expect(tl.milestones.filter((m) => m.kind === 'submission').map((m) => [m.annexes, m.due])).toEqual([
      [['so'], '2019-10-18'],
      [['huyen', 'xa'], '2019-10-25'],
    ]);
    expect(tl.milestones.find((m) => m.kind === 'appraisal')).toMatchObject({
      due: '2019-11-29',
      assumption: true,
    });
    expect(tl.milestones.find((m) => m.kind === 'decision')!.due).toBe('2019-12-13'); // 15/12/2019 is a Sunday
    expect(tl.milestones.find((m) => m.kind === 'publication')!.due).toBe('2019-12-27');
  });
});

describe('what is due next', () => {
  it('marks passed milestones, the next one with the working days left, and the later ones', () => {
    const tl = roundTimeline(gl, 2019, { asOf: '2019-10-20' });
    expect(tl.milestones.map((m) => m.state)).toEqual([
      'past',
      'next',
      'upcoming',
      'upcoming',
      'upcoming',
      'upcoming',
    ]);
    expect(tl.next).toMatchObject({ kind: 'submission', annexes: ['huyen', 'xa'], workingDaysLeft: 5 }); // 21–25/10
  });

  it('a milestone due on the as-of day is next, with 0 working days left; after the last one nothing is next', () => {
    expect(roundTimeline(bt, 2019, { asOf: '2019-09-30' }).next).toMatchObject({
      kind: 'preliminary',
      workingDaysLeft: 0,
    });
    const after = roundTimeline(bt, 2019, { asOf: '2020-01-02' });
    expect(after.next).toBeUndefined();
    expect(after.milestones.every((m) => m.state === 'past')).toBe(true);
  });
});

describe('the schema', () => {
  it('refuses a milestone after one not listed before it, and a dateless milestone that is not a submission', () => {
    expect(() =>
      withSchedule(bt, (s) => ({
        ...s,
        milestones: [
          { id: 'a', kind: 'award', title: 'A', titleEn: 'A', after: { milestone: 'b', workingDays: 1 } },
        ],
      })),
    ).toThrow(/not listed before/);
    expect(() =>
      withSchedule(bt, (s) => ({
        ...s,
        milestones: [{ id: 'a', kind: 'decision', title: 'A', titleEn: 'A' }],
      })),
    ).toThrow(/date or after/);
  });

  it('a rulebook without milestones gives an empty timeline that says so', () => {
    const none = withSchedule(bt, (s) => ({ ...s, milestones: undefined }));
    const tl = roundTimeline(none, 2019);
    expect(tl.milestones).toEqual([]);
    expect(tl.notes[0].en).toMatch(/no milestones/);
  });
});
