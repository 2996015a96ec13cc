/**
 * Calendar dates as 'yyyy-mm-dd' strings and working-day arithmetic. Everything is computed on UTC
 * day numbers, so the machine's time zone never moves a date (a form received on 16/9 is 16/9 in
 * Hà Nội and on a server in Europe alike).
 */

/** Days off and make-up working Saturdays; built from rulebooks/holidays-vn.json by holidays.ts. */
export interface HolidayCalendar {
  /** Public holidays, compensatory and swapped days off ('yyyy-mm-dd'). */
  daysOff: ReadonlySet<string>;
  /** Saturdays or Sundays made working days in exchange for a swapped day off (làm bù). */
  workdays?: ReadonlySet<string>;
  /** Years the data covers; a year outside it counts weekends only (callers may say so). */
  years?: ReadonlySet<number>;
}

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid 'yyyy-mm-dd', else undefined (2019-02-29 is not a date). */
export function dayNumber(iso: string): number | undefined {
  const m = ISO.exec(iso);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms / DAY_MS;
}

export const isIsoDate = (s: string): boolean => dayNumber(s) !== undefined;

export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function days(iso: string): number {
  const n = dayNumber(iso);
  if (n === undefined) throw new RangeError(`not a date (yyyy-mm-dd): ${iso}`);
  return n;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(days(iso) * DAY_MS).getUTCDay();
}

export function addDays(iso: string, n: number): string {
  return fromDayNumber(days(iso) + n);
}

/** Monday to Friday, not a day off; or a make-up working Saturday. */
export function isWorkingDay(iso: string, holidays: HolidayCalendar): boolean {
  if (holidays.workdays?.has(iso)) return true;
  const wd = weekday(iso);
  return wd !== 0 && wd !== 6 && !holidays.daysOff.has(iso);
}

/** The n-th working day after `iso` (n = 0: `iso` itself, whatever day it is). */
export function addWorkingDays(iso: string, n: number, holidays: HolidayCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  let d = days(iso);
  for (let left = n; left > 0;) {
    d += 1;
    if (isWorkingDay(fromDayNumber(d), holidays)) left -= 1;
  }
  return fromDayNumber(d);
}

/** Working days in (from, to]: 0 when `to` is not after `from`. */
export function workingDaysBetween(from: string, to: string, holidays: HolidayCalendar): number {
  let count = 0;
  for (let d = days(from) + 1, end = days(to); d <= end; d++)
    if (isWorkingDay(fromDayNumber(d), holidays)) count++;
  return count;
}

export interface Lateness {
  late: boolean;
  /** The last day a form still counts as on time: the deadline plus the grace working days. */
  lastOnTime: string;
  /** Working days after lastOnTime up to the received date (0 when on time). */
  workingDaysLate: number;
}

/**
 * A form is on time when received on or before the deadline plus `graceDays` working days
 * (Bình Thuận: 5 working days after 15 September, weekends and public holidays not counted).
 */
export function lateness(
  received: string,
  deadline: string,
  graceDays: number,
  holidays: HolidayCalendar,
): Lateness {
  const lastOnTime = addWorkingDays(deadline, graceDays, holidays);
  const late = days(received) > days(lastOnTime);
  return { late, lastOnTime, workingDaysLate: late ? workingDaysBetween(lastOnTime, received, holidays) : 0 };
}

/**
 * 'yyyy-mm-dd' of a moment in local time: the officer's calendar day (today's date, a file's
 * modification time). The one place a time zone is read, on purpose.
 */
export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** 'dd/mm/yyyy', as dates are written in Vietnamese documents (also used in the English text). */
export function formatDate(iso: string): string {
  const m = ISO.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * A date as users write it: 'yyyy-mm-dd' (also with a time after it: '2019-09-16T08:30'), or the
 * Vietnamese day-first 'dd/mm/yyyy' (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy). Never month-first.
 */
export function parseDate(text: string): string | undefined {
  const s = text.normalize('NFC').trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(s);
  let iso: string | undefined;
  if (m) iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\s.*)?$/.exec(s)))
    iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return iso && isIsoDate(iso) ? iso : undefined;
}

/** A rulebook month-day ('--09-15') in a year; undefined when it is not a date that year (--02-29). */
export function dateInYear(monthDay: string, year: number): string | undefined {
  const iso = `${String(year).padStart(4, '0')}-${monthDay.replace(/^--/, '')}`;
  return isIsoDate(iso) ? iso : undefined;
}
