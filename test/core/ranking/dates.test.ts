import {
  addWorkingDays,
  dateInYear,
  formatDate,
  holidayCalendar,
  isWorkingDay,
  lateness,
  parseDate,
  vietnamHolidays,
  weekday,
  workingDaysBetween,
} from '../../../src/core/ranking';

const vn = vietnamHolidays();
const weekendsOnly = holidayCalendar([]);

describe('working days', () => {
  it('weekends and public holidays are not working days; make-up Saturdays are', () => {
    expect(weekday('2019-09-15')).toBe(0); // Sunday
    expect(isWorkingDay('2019-09-13', vn)).toBe(true); // Friday
    expect(isWorkingDay('2019-09-14', vn)).toBe(false); // Saturday
    expect(isWorkingDay('2019-09-02', vn)).toBe(false); // Quốc khánh, a Monday
    expect(isWorkingDay('2019-09-02', weekendsOnly)).toBe(true);
    expect(isWorkingDay('2019-05-04', vn)).toBe(true); // Saturday worked in exchange for 29/4/2019
    expect(isWorkingDay('2019-04-29', vn)).toBe(false);
  });

  it('addWorkingDays: 0 is the day itself; counting skips weekends', () => {
    expect(addWorkingDays('2019-09-15', 0, vn)).toBe('2019-09-15');
    expect(addWorkingDays('2019-09-13', 1, weekendsOnly)).toBe('2019-09-16');
    expect(addWorkingDays('2019-09-15', 5, vn)).toBe('2019-09-20');
    expect(() => addWorkingDays('2019-09-15', -1, vn)).toThrow();
    expect(() => addWorkingDays('2019-02-30', 1, vn)).toThrow();
  });

  it('a public holiday inside the grace period pushes the last on-time day', () => {
    // Deadline Friday 30/8/2019 + 5 working days: 2/9 (Quốc khánh) does not count → Monday 9/9, not Friday 6/9.
    expect(addWorkingDays('2019-08-30', 5, weekendsOnly)).toBe('2019-09-06');
    expect(addWorkingDays('2019-08-30', 5, vn)).toBe('2019-09-09');
    // 2024: Saturday, Sunday, then two Quốc khánh days (2/9 and 3/9) → the first working day is Wednesday 4/9.
    expect(addWorkingDays('2024-08-30', 1, vn)).toBe('2024-09-04');
    // Tết 2020 (23/1–29/1): a deadline on 22/1 plus 1 working day is 30/1.
    expect(addWorkingDays('2020-01-22', 1, vn)).toBe('2020-01-30');
  });

  it('workingDaysBetween counts (from, to]', () => {
    expect(workingDaysBetween('2019-09-20', '2019-09-23', vn)).toBe(1);
    expect(workingDaysBetween('2019-08-30', '2019-09-09', vn)).toBe(5);
    expect(workingDaysBetween('2019-09-09', '2019-08-30', vn)).toBe(0);
  });
});

describe('lateness', () => {
  it('Bình Thuận 2019: due Sunday 15/9, 5 working days of grace → on time through Friday 20/9', () => {
    expect(lateness('2019-09-20', '2019-09-15', 5, vn)).toEqual({
      late: false,
      lastOnTime: '2019-09-20',
      workingDaysLate: 0,
    });
    expect(lateness('2019-09-21', '2019-09-15', 5, vn)).toEqual({
      late: true,
      lastOnTime: '2019-09-20',
      workingDaysLate: 0,
    });
    expect(lateness('2019-09-23', '2019-09-15', 5, vn)).toEqual({
      late: true,
      lastOnTime: '2019-09-20',
      workingDaysLate: 1,
    });
    expect(lateness('2019-09-10', '2019-09-15', 5, vn).late).toBe(false);
  });

  it('a holiday in the grace period: received 9/9/2019 is on time only because 2/9 is a holiday', () => {
    expect(lateness('2019-09-09', '2019-08-30', 5, vn).late).toBe(false);
    expect(lateness('2019-09-09', '2019-08-30', 5, weekendsOnly).late).toBe(true);
    expect(lateness('2019-09-10', '2019-08-30', 5, vn)).toMatchObject({ late: true, workingDaysLate: 1 });
  });

  it('no grace: late the day after the deadline', () => {
    expect(lateness('2019-10-18', '2019-10-18', 0, vn).late).toBe(false);
    expect(lateness('2019-10-19', '2019-10-18', 0, vn).late).toBe(true);
  });

  it('does not depend on the local time zone', () => {
    const saved = process.env.TZ;
    try {
      const results = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Ho_Chi_Minh'].map((tz) => {
        process.env.TZ = tz;
        return [
          addWorkingDays('2019-08-30', 5, vn),
          weekday('2019-09-15'),
          lateness('2019-09-23', '2019-09-15', 5, vn).late,
        ];
      });
      expect(results).toEqual([
        ['2019-09-09', 0, true],
        ['2019-09-09', 0, true],
        ['2019-09-09', 0, true],
      ]);
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe('date text', () => {
  it('parses ISO and Vietnamese day-first dates, rejects impossible ones', () => {
    expect(parseDate('2019-09-16')).toBe('2019-09-16');
    expect(parseDate('2019-09-16T08:30:00')).toBe('2019-09-16');
    expect(parseDate('16/09/2019')).toBe('2019-09-16');
    expect(parseDate('6/9/2019')).toBe('2019-09-06');
    expect(parseDate('16-09-2019')).toBe('2019-09-16');
    expect(parseDate('16.09.2019')).toBe('2019-09-16');
    expect(parseDate(' 01/10/2019 ')).toBe('2019-10-01');
    expect(parseDate('09/31/2019')).toBeUndefined(); // month-first is never assumed
    expect(parseDate('30/02/2019')).toBeUndefined();
    expect(parseDate('hôm qua')).toBeUndefined();
    expect(parseDate('')).toBeUndefined();
  });

  it('formats dd/mm/yyyy and places month-days in a year', () => {
    expect(formatDate('2019-09-05')).toBe('05/09/2019');
    expect(dateInYear('--09-15', 2019)).toBe('2019-09-15');
    expect(dateInYear('--02-29', 2019)).toBeUndefined();
    expect(dateInYear('--02-29', 2020)).toBe('2020-02-29');
  });
});
