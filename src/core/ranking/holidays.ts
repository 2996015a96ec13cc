/**
 * Vietnamese public holidays as data (rulebooks/holidays-vn.json): the days off of civil servants
 * per year, including compensatory and swapped days, and the make-up Saturdays. Bundled as JSON
 * like the built-in rulebooks, so the core stays free of file access.
 */
import { z } from 'zod';
import holidaysVn from '../../../rulebooks/holidays-vn.json';
import { isIsoDate, type HolidayCalendar } from './dates';

const isoDate = z.string().refine(isIsoDate, 'expected a date yyyy-mm-dd');

const HolidayDay = z.object({
  date: isoDate,
  name: z.string().min(1),
  nameEn: z.string().min(1),
  kind: z.enum(['holiday', 'compensatory', 'swapped']),
});

const HolidayYear = z.object({
  daysOff: z.array(HolidayDay),
  workdays: z.array(z.object({ date: isoDate, note: z.string().optional() })).default([]),
  notes: z.string().optional(),
});

export const HolidayData = z.object({
  id: z.string(),
  title: z.string(),
  years: z.record(z.string().regex(/^\d{4}$/), HolidayYear),
});

export type HolidayDay = z.infer<typeof HolidayDay>;
export type HolidayData = z.infer<typeof HolidayData>;

/** Build a calendar from holiday data (the built-in file, or one a province supplies). */
export function calendarFromData(json: unknown): HolidayCalendar & { data: HolidayData } {
  const data = HolidayData.parse(json);
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
  return (builtin ??= calendarFromData(holidaysVn));
}

/** The holiday that makes `iso` a day off, for notes ("02/09/2019: Quốc khánh"). */
export function holidayOn(iso: string, calendar = vietnamHolidays()): HolidayDay | undefined {
  return calendar.data.years[iso.slice(0, 4)]?.daysOff.find((d) => d.date === iso);
}
