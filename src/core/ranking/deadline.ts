/**
 * A round's dates for one annex in one assessment year: the data window, the due date and the last
 * on-time day after the grace working days. The ranking judges lateness with them; the forms print them.
 */
import type { Annex, Rulebook } from '../rulebook/schema';
import { dateInYear, lateness, type HolidayCalendar } from './dates';

export interface AnnexDeadline {
  /** 'yyyy-mm-dd' */
  date: string;
  graceWorkingDays: number;
  /** "trước ngày X" is read as including day X; then the grace working days (weekends and holidays excluded). */
  lastOnTime: string;
}

export function annexDeadline(
  rb: Rulebook,
  annex: Annex,
  year: number | undefined,
  holidays: HolidayCalendar,
): AnnexDeadline | undefined {
  if (year === undefined) return undefined;
  const entry = rb.schedule.deadlines.find((d) => d.annexes.includes(annex.code)) ?? rb.schedule.deadlines[0];
  const date = dateInYear(entry.date, year);
  if (!date) return undefined;
  const grace = rb.schedule.graceWorkingDays;
  return { date, graceWorkingDays: grace, lastOnTime: lateness(date, date, grace, holidays).lastOnTime };
}

/** The period the figures cover ('yyyy-mm-dd' both ends), or undefined where a month-day is not a date that year. */
export function dataWindow(rb: Rulebook, year: number): { start: string; end: string } | undefined {
  const w = rb.schedule.dataWindow;
  const start = dateInYear(w.start, w.startPreviousYear ? year - 1 : year);
  const end = dateInYear(w.end, year);
  return start && end ? { start, end } : undefined;
}
