/**
 * The round's timetable from the "Thời hạn" and "Mốc thời gian" sheets: deadlines per annex, the data
 * window, the grace days, the policies for late, unsent and incomplete forms, and the milestones.
 */
import { parseNumber } from '../core/numbers';
import { t } from '../i18n';
import {
  LEGACY_POLICY_ITEMS,
  MILESTONE_COLUMNS,
  SCHEDULE_COLUMNS,
  SCHEDULE_ITEMS,
  type ItemDef,
} from './layout';
import {
  IF_NOT_WORKING_DAY,
  INCOMPLETE_POLICIES,
  LATE_POLICIES,
  MILESTONE_KINDS,
  UNSENT_POLICIES,
  parseMonthDay,
  splitList,
  type Choice,
} from './notation';
import { bi, blank, cellText, type Obj, type SheetReader, type Table, type TableRow } from './cells';
import type { Locator } from './errors';

/** Items of "Thời hạn" whose row an error about them points at. */
const LOCATED_ITEMS = [
  'graceWorkingDays',
  'windowStart',
  'windowEnd',
  'startPreviousYear',
  'late',
  'unsent',
  'incomplete',
  'reasonsAfterConsolidation',
];

/**
 * The schedule and the policies. `annexes` are the codes the "Phụ lục" sheet defines (a deadline
 * naming another annex is an error).
 */
export function readSchedule(
  c: SheetReader,
  annexes: { has(code: string): boolean },
  loc: Locator,
): { schedule: Obj; policies: Obj } {
  const sched = c.items('schedule', SCHEDULE_COLUMNS, SCHEDULE_ITEMS);
  const schedule: Obj = {};
  const policies: Obj = {};
  if (sched.table) {
    const st = sched.table;
    const one = (key: string) => sched.found.get(key)?.[0];
    schedule.deadlines = readDeadlines(c, st, sched.found.get('deadline') ?? [], annexes, loc);
    schedule.graceWorkingDays = readGrace(c, st, one('graceWorkingDays'));
    schedule.dataWindow = readDataWindow(c, st, one);
    for (const k of LOCATED_ITEMS) {
      const e = one(k);
      if (e) loc.items.set(k, [e.row.row]);
    }
    readPolicies(c, st, one, policies, loc);
  }
  // A workbook without milestone rows (or of an earlier version) leaves the round's steps unsaid.
  const milestones = readMilestones(c, loc);
  if (milestones.length) schedule.milestones = milestones;
  return { schedule, policies };
}

/** The deadlines, one per row: a day of the year and the annexes it applies to. */
function readDeadlines(
  c: SheetReader,
  st: Table,
  deadlines: ItemEntry[],
  annexes: { has(code: string): boolean },
  loc: Locator,
): Obj[] {
  if (!deadlines.length) c.itemAt(st, st.firstDataRow, SCHEDULE_ITEMS[0], 'value', bi('awNoDeadline'));
  const out = deadlines.map((e) => {
    const date = c.itemParsed(st, e, 'value', parseMonthDay);
    const codes = splitList(c.itemText(st, e, 'extra') ?? '');
    for (const code of codes)
      if (!annexes.has(code))
        c.itemAt(
          st,
          e.row.row,
          e.def,
          'extra',
          bi('awUndefinedAnnex', { annex: code, sheet: c.nameOf('annexes') }),
        );
    return { annexes: codes, date };
  });
  loc.items.set(
    'deadline',
    deadlines.map((e) => e.row.row),
  );
  return out;
}

/** Working days of grace after a deadline: a whole count, 0 when the row is absent. */
function readGrace(c: SheetReader, st: Table, grace: ItemEntry | undefined): number | undefined {
  if (!grace) return 0;
  const n = parseNumber(cellText(grace.row.get('value')));
  if (n === undefined || !Number.isInteger(n) || n < 0)
    c.itemAt(
      st,
      grace.row.row,
      grace.def,
      'value',
      bi('awNotWholeCount', { value: cellText(grace.row.get('value')) ?? '' }),
    );
  return n;
}

/** The period the data must cover: two days of the year, and whether it starts in the previous year. */
function readDataWindow(c: SheetReader, st: Table, one: (key: string) => ItemEntry | undefined): Obj {
  const day = (key: string) => {
    const e = one(key);
    if (!e) {
      const def = SCHEDULE_ITEMS.find((i) => i.key === key)!;
      c.itemAt(
        st,
        st.firstDataRow,
        def,
        'value',
        bi('awMissingItem', (lang) => ({ item: t(lang, def.label) })),
      );
      return undefined;
    }
    return c.itemParsed(st, e, 'value', parseMonthDay);
  };
  const flag = (key: string) => {
    const e = one(key);
    return e && c.itemYesNo(st, e);
  };
  return {
    start: day('windowStart'),
    end: day('windowEnd'),
    startPreviousYear: flag('startPreviousYear') ?? false,
  };
}

export type ItemEntry = { row: TableRow; def: ItemDef };

/**
 * The policies from the "Thời hạn" sheet. Workbooks of earlier versions spell the late and unsent
 * policies as yes/no items; they are read as the policy they mean, unless the policy's own item is
 * there too (then the two must agree: which one the author meant cannot be guessed).
 */
function readPolicies(
  c: SheetReader,
  st: Table,
  one: (key: string) => ItemEntry | undefined,
  policies: Obj,
  loc: Locator,
) {
  const choose = <T extends string>(key: string, choices: Choice<T>[]) => {
    const e = one(key);
    const id = e && c.itemChoice(st, e, choices);
    if (id) policies[key] = id;
  };
  choose('late', LATE_POLICIES);
  choose('unsent', UNSENT_POLICIES);
  choose('incomplete', INCOMPLETE_POLICIES);
  const reasons = one('reasonsAfterConsolidation');
  const b = reasons && c.itemYesNo(st, reasons);
  if (b !== undefined) policies.reasonsAfterConsolidation = b;
  for (const [key, spelled] of Object.entries(LEGACY_POLICY_ITEMS)) {
    const e = one(key);
    const yes = e && c.itemYesNo(st, e);
    if (!e || yes === undefined) continue;
    const meant = yes ? spelled.yes : spelled.no;
    const own = one(spelled.policy);
    if (!own) {
      policies[spelled.policy] = meant;
      loc.items.set(spelled.policy, [e.row.row]);
    } else if (policies[spelled.policy] !== undefined && policies[spelled.policy] !== meant)
      c.itemAt(
        st,
        e.row.row,
        e.def,
        'value',
        bi('awLegacyConflict', (lang) => ({ item: t(lang, own.def.label), other: own.row.row })),
      );
  }
}

/**
 * The round's milestones from "Mốc thời gian", in the order of their rows: an `after` names a
 * milestone of a row above, since the timeline counts each date from one already known.
 */
function readMilestones(c: SheetReader, loc: Locator): Obj[] {
  const table = c.table('milestones', MILESTONE_COLUMNS, false);
  const seen = new Map<string, number>();
  const out: Obj[] = [];
  for (const r of table?.rows ?? []) {
    const t0 = table!;
    const id = c.text(t0, r, 'id', true);
    if (id !== undefined && seen.has(id))
      c.at(t0, r.row, 'id', bi('awDuplicateMilestone', { id, other: seen.get(id)! }));
    // Milestones are shown to everyone in both languages: an English title missing is an error of its own.
    const titleEn = c.text(t0, r, 'titleEn');
    if (titleEn === undefined) c.at(t0, r.row, 'titleEn', bi('awMilestoneNoEnglish'));
    const kind = c.choice(t0, r, 'kind', MILESTONE_KINDS, true);
    const m: Obj = { id, kind, title: c.text(t0, r, 'title', true), titleEn };
    for (const k of ['by', 'byEn']) {
      const s = c.text(t0, r, k);
      if (s !== undefined) m[k] = s;
    }
    const date = c.parsed(t0, r, 'date', parseMonthDay);
    if (date !== undefined) m.date = date;
    readAfter(c, t0, r, m, seen);
    // Only a submission may have neither: it follows the deadlines of "Thời hạn".
    if (blank(r.get('date')) && m.after === undefined && kind !== undefined && kind !== 'submission')
      c.at(t0, r.row, 'date', bi('awMilestoneNoDate', { sheet: c.nameOf('schedule') }));
    const ifNotWorkingDay = c.choice(t0, r, 'ifNotWorkingDay', IF_NOT_WORKING_DAY, false);
    if (ifNotWorkingDay) m.ifNotWorkingDay = ifNotWorkingDay;
    const source = c.text(t0, r, 'source');
    if (source !== undefined) m.source = source;
    m.assumption = c.yesNo(t0, r, 'assumption', false);
    const [vi, en] = [c.text(t0, r, 'note'), c.text(t0, r, 'noteEn')];
    if (vi !== undefined && en !== undefined) m.note = { vi, en };
    else if (vi !== undefined || en !== undefined)
      c.at(t0, r.row, vi === undefined ? 'note' : 'noteEn', bi('awMilestoneNoteHalf'));
    if (id !== undefined && !seen.has(id)) seen.set(id, r.row);
    out.push(m);
    loc.milestone.push(r.row);
  }
  return out;
}

/** "Sau mốc" and its working days: both or neither; the milestone named must be on a row above. */
function readAfter(c: SheetReader, t0: Table, r: TableRow, m: Obj, above: Map<string, number>) {
  const after = c.text(t0, r, 'after');
  const days = c.number(t0, r, 'workingDays', { nonNegative: true, whole: true });
  if (after === undefined) {
    if (!blank(r.get('workingDays'))) c.at(t0, r.row, 'workingDays', bi('awMilestoneDaysWithoutAfter'));
    return;
  }
  if (!above.has(after))
    c.at(
      t0,
      r.row,
      'after',
      bi('awUnknownMilestone', {
        id: after,
        sheet: c.nameOf('milestones'),
        known: [...above.keys()].join(', ') || '—',
      }),
    );
  if (blank(r.get('workingDays'))) c.at(t0, r.row, 'workingDays', bi('awMilestoneNoDays', { id: after }));
  m.after = { milestone: after, workingDays: days };
}
