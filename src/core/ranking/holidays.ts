/**
 * Vietnamese public holidays as data (rulebooks/holidays-vn.json): the days off of civil servants
 * per year, including compensatory and swapped days, and the make-up Saturdays. Bundled as JSON
 * like the built-in rulebooks, so the core stays free of file access.
 */
import holidaysVn from '../../../rulebooks/holidays-vn.json';
import type { HolidayCalendar } from './dates';
import type { HolidayData, HolidayDay } from './holidays-schema';

export type { HolidayData, HolidayDay };

/**
 * Build a calendar from holiday data a province supplies, checked against the schema (zod, loaded on
 * this first use only: ranking with the built-in calendar never loads it).
 */
export function calendarFromData(json: unknown): HolidayCalendar & { data: HolidayData } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, synchronously
  const schema = require('./holidays-schema') as typeof import('./holidays-schema');
  return calendarOf(schema.HolidayData.parse(json));
}

/** The calendar of checked holiday data. */
function calendarOf(data: HolidayData): HolidayCalendar & { data: HolidayData } {
  const daysOff = new Set<string>();
  const workdays = new Set<string>();
  for (const year of Object.values(data.years)) {
    for (const d of year.daysOff) daysOff.add(d.date);
    for (const w of year.workdays) workdays.add(w.date);
  }
  return { daysOff, workdays, years: new Set(Object.keys(data.years).map(Number)), data };
}

/** A calendar from plain lists (tests, or a user's own list of days off). */
export function holidayCalendar(
  daysOff: Iterable<string>,
  workdays: Iterable<string> = [],
  years?: Iterable<number>,
): HolidayCalendar {
  return {
    daysOff: new Set(daysOff),
    workdays: new Set(workdays),
    ...(years ? { years: new Set(years) } : {}),
  };
}

let builtin: (HolidayCalendar & { data: HolidayData }) | undefined;

/** The built-in Vietnamese calendar (2016 onwards; see `notes` per year for what is not confirmed). */
export function vietnamHolidays(): HolidayCalendar & { data: HolidayData } {
  // The built-in file is checked against the schema by its test (holidays.test.ts), not on every run.
  return (builtin ??= calendarOf(holidaysVn as HolidayData));
}

/** The holiday that makes `iso` a day off, for notes ("02/09/2019: Quốc khánh"). */
export function holidayOn(iso: string, calendar = vietnamHolidays()): HolidayDay | undefined {
  return calendar.data.years[iso.slice(0, 4)]?.daysOff.find((d) => d.date === iso);
}
