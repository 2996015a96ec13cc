import holidaysJson from '../../../rulebooks/holidays-vn.json';
import { calendarFromData, holidayOn, vietnamHolidays, weekday } from '../../../src/core/ranking';

const vn = vietnamHolidays();
const years = Array.from({ length: 12 }, (_, i) => 2016 + i);

/** First day of the lunar year (Tết, mùng 1) in Vietnam, UTC+7. */
const tet: Record<number, string> = {
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
};
/** Giỗ Tổ Hùng Vương, 10th day of the 3rd lunar month. */
const hungKings: Record<number, string> = {
  2016: '2016-04-16',
  2017: '2017-04-06',
  2018: '2018-04-25',
  2019: '2019-04-14',
  2020: '2020-04-02',
  2021: '2021-04-21',
  2022: '2022-04-10',
  2023: '2023-04-29',
  2024: '2024-04-18',
  2025: '2025-04-07',
  2026: '2026-04-26',
  2027: '2027-04-16',
};

describe('rulebooks/holidays-vn.json', () => {
  it('parses, and covers 2016–2027', () => {
    // The built-in calendar is used as it is, unchecked at run time: the schema must find nothing to
    // change in what it reads (no default to fill).
    expect(holidaysJson).toMatchObject(calendarFromData(holidaysJson).data);
    expect(vn.data).toBe(holidaysJson);
    for (const y of years) expect(vn.years?.has(y)).toBe(true);
  });

  it('every date lies in its own year; every make-up working day is a weekend day', () => {
    for (const [year, data] of Object.entries(vn.data.years)) {
      for (const d of data.daysOff) expect(d.date.slice(0, 4)).toBe(year);
      for (const w of data.workdays) expect([0, 6]).toContain(weekday(w.date));
    }
  });

  it('holds the fixed holidays of every year', () => {
    for (const y of years)
      for (const md of ['01-01', '04-30', '05-01', '09-02']) expect(vn.daysOff.has(`${y}-${md}`)).toBe(true);
  });

  it('holds Tết (mùng 1 to mùng 4 and the last day of the year) and Giỗ Tổ Hùng Vương by the lunar calendar', () => {
    for (const y of years) {
      const first = Date.parse(`${tet[y]}T00:00:00Z`);
      for (let d = -1; d <= 3; d++)
        expect(vn.daysOff.has(new Date(first + d * 86_400_000).toISOString().slice(0, 10))).toBe(true);
      expect(vn.daysOff.has(hungKings[y])).toBe(true);
    }
  });

  it('gives Quốc khánh two days from 2021 (Labour Code 2019), except where the year is not decided', () => {
    for (const y of years.filter((y) => y >= 2021 && y <= 2026)) {
      const days = vn.data.years[y].daysOff.filter(
        (d) => d.name.startsWith('Quốc khánh') && d.kind === 'holiday',
      );
      expect(days).toHaveLength(2);
    }
    for (const y of years.filter((y) => y < 2021))
      expect(
        vn.data.years[y].daysOff.filter((d) => d.name.startsWith('Quốc khánh') && d.kind === 'holiday'),
      ).toHaveLength(1);
    expect(vn.data.years[2027].notes).toMatch(/NOT CONFIRMED/);
    expect(vn.data.years[2026].notes).toMatch(/NOT CONFIRMED/);
  });

  it('has compensatory days where a holiday fell on a weekend', () => {
    expect(vn.daysOff.has('2017-09-04')).toBe(true); // 2/9/2017 was a Saturday
    expect(vn.daysOff.has('2018-09-03')).toBe(true); // 2/9/2018 was a Sunday
    expect(vn.daysOff.has('2019-04-15')).toBe(true); // Giỗ Tổ 14/4/2019 was a Sunday
    expect(vn.daysOff.has('2023-09-04')).toBe(true);
    expect(holidayOn('2019-09-02')?.name).toBe('Quốc khánh');
    expect(holidayOn('2019-09-03')).toBeUndefined();
  });
});
