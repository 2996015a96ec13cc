/**
 * The round's timeline for a year: each milestone of the rulebook's schedule with its due date, counted
 * in working days where the decision counts them (weekends, public holidays and make-up Saturdays from
 * the holiday calendar), and what is due next on a given day. Pure: the calendar comes in as data.
 */
import type { Milestone, MilestoneKind, Rulebook } from '../rulebook/schema';
import {
  addDays,
  addWorkingDays,
  dateInYear,
  isWorkingDay,
  lateness,
  weekday,
  workingDaysBetween,
  type HolidayCalendar,
} from '../ranking/dates';
import { holidayOn, vietnamHolidays } from '../ranking/holidays';
import { msg, type Message } from '../../i18n';

export type MilestoneState = 'past' | 'next' | 'upcoming';

export interface TimelineMilestone {
  id: string;
  kind: MilestoneKind;
  title: string;
  titleEn: string;
  by?: string;
  byEn?: string;
  /** The annexes a submission milestone concerns (one milestone per deadline of the schedule). */
  annexes?: string[];
  /** The date as written: the month-day in the year, or the date of the milestone it follows. */
  written: string;
  /** The last day: `written` plus any working days, moved off a day that is not a working day. */
  due: string;
  /** Working days counted after `written` (the grace of a submission, or `after`). */
  workingDays: number;
  /** `due` was moved because `written` (or the end of the count) is not a working day. */
  moved?: { from: string; rule: 'previous' | 'next'; dayOff: Message };
  source?: string;
  assumption: boolean;
  note?: Message;
  /** Against the as-of date: already passed, the next one due, or later. */
  state?: MilestoneState;
  /** Working days from the as-of date to `due` (for the next milestone). */
  workingDaysLeft?: number;
}

export interface Timeline {
  rulebook: { id: string; version: string };
  year: number;
  asOf?: string;
  milestones: TimelineMilestone[];
  /** The first milestone not yet passed on the as-of date; undefined when all have passed or no as-of. */
  next?: TimelineMilestone;
  /** Holiday data missing for the year, milestones the rulebook does not list, … */
  notes: Message[];
}

export interface TimelineOptions {
  /** 'yyyy-mm-dd': marks each milestone past / next / upcoming. */
  asOf?: string;
  holidays?: HolidayCalendar;
}

/** The nearest working day at or before (previous) or after (next) `iso`. */
function nearestWorkingDay(iso: string, rule: 'previous' | 'next', holidays: HolidayCalendar): string {
  let d = iso;
  for (let i = 0; i < 60 && !isWorkingDay(d, holidays); i++) d = addDays(d, rule === 'previous' ? -1 : 1);
  return d;
}

type Draft = Omit<TimelineMilestone, 'state' | 'workingDaysLeft'>;

function describe(
  m: Milestone,
): Pick<Draft, 'id' | 'kind' | 'title' | 'titleEn' | 'by' | 'byEn' | 'source' | 'assumption' | 'note'> {
  return {
    id: m.id,
    kind: m.kind,
    title: m.title,
    titleEn: m.titleEn,
    ...(m.by ? { by: m.by } : {}),
    ...(m.byEn ? { byEn: m.byEn } : {}),
    ...(m.source ? { source: m.source } : {}),
    assumption: m.assumption,
    ...(m.note ? { note: m.note } : {}),
  };
}

/** A date made due: moved to a working day by the milestone's rule (a submission's grace already counts working days). */
function settle(counted: string, m: Milestone, holidays: HolidayCalendar): Pick<Draft, 'due' | 'moved'> {
  if (m.ifNotWorkingDay === 'keep' || isWorkingDay(counted, holidays)) return { due: counted };
  const due = nearestWorkingDay(counted, m.ifNotWorkingDay, holidays);
  return { due, moved: { from: counted, rule: m.ifNotWorkingDay, dayOff: dayOffName(counted) } };
}

/** Why a day is not worked: its holiday's name, else the weekend day. */
function dayOffName(iso: string): Message {
  const holiday = holidayOn(iso);
  if (holiday) return { vi: holiday.name, en: holiday.nameEn };
  return msg(weekday(iso) === 0 ? 'roundSunday' : weekday(iso) === 6 ? 'roundSaturday' : 'roundDayOff');
}

/** The milestones of a year in the rulebook's order; a submission follows every deadline of the schedule. */
function draft(rb: Rulebook, year: number, holidays: HolidayCalendar, notes: Message[]): Draft[] {
  const out: Draft[] = [];
  const byId = new Map<string, Draft>();
  for (const m of rb.schedule.milestones ?? []) {
    const made: Draft[] = [];
    if (m.after) {
      const before = byId.get(m.after.milestone);
      if (!before) continue; // the schema refuses this; a hand-built rulebook only loses the milestone
      const counted = addWorkingDays(before.due, m.after.workingDays, holidays);
      made.push({
        ...describe(m),
        written: before.due,
        workingDays: m.after.workingDays,
        ...settle(counted, m, holidays),
      });
    } else if (m.date) {
      const written = dateInYear(m.date, year);
      if (!written) notes.push(msg('roundNoDate', { milestone: m.title, date: m.date, year }));
      else made.push({ ...describe(m), written, workingDays: 0, ...settle(written, m, holidays) });
    } else {
      for (const d of rb.schedule.deadlines) {
        const written = dateInYear(d.date, year);
        if (!written) continue;
        const grace = rb.schedule.graceWorkingDays;
        const counted = lateness(written, written, grace, holidays).lastOnTime;
        made.push({
          ...describe(m),
          annexes: d.annexes,
          written,
          workingDays: grace,
          ...settle(counted, m, holidays),
        });
      }
    }
    // A later milestone `after` this one counts from the last of its dates (the last deadline).
    const last = made.reduce<Draft | undefined>((a, b) => (!a || b.due > a.due ? b : a), undefined);
    if (last) byId.set(m.id, last);
    out.push(...made);
  }
  return out;
}

/** The timeline of a round: every milestone dated for `year`, and against `asOf` which one is due next. */
export function roundTimeline(rb: Rulebook, year: number, opts: TimelineOptions = {}): Timeline {
  const holidays = opts.holidays ?? vietnamHolidays();
  const notes: Message[] = [];
  if (!rb.schedule.milestones?.length) notes.push(msg('roundNoMilestones', { rulebook: rb.id }));
  if (holidays.years && !holidays.years.has(year)) notes.push(msg('rankNoHolidayData', { year }));
  // Earliest due first; the rulebook's order among milestones due the same day.
  const drafts = draft(rb, year, holidays, notes)
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.due < b.d.due ? -1 : a.d.due > b.d.due ? 1 : a.i - b.i))
    .map(({ d }) => d);
  const asOf = opts.asOf;
  let next: TimelineMilestone | undefined;
  const milestones = drafts.map((d): TimelineMilestone => {
    if (!asOf) return d;
    if (d.due < asOf) return { ...d, state: 'past' };
    if (!next) {
      next = { ...d, state: 'next', workingDaysLeft: workingDaysBetween(asOf, d.due, holidays) };
      return next;
    }
    return { ...d, state: 'upcoming' };
  });
  return {
    rulebook: { id: rb.id, version: rb.version },
    year,
    ...(asOf ? { asOf } : {}),
    milestones,
    ...(next ? { next } : {}),
    notes,
  };
}
