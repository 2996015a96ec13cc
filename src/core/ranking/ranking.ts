/**
 * Consolidation: many submitted forms → one ranking table per annex (each annex is a ranking group;
 * Gia Lai's levels are separate annexes, so levels are ranked separately).
 *
 * Order of work, per annex:
 *  1. classify every file: unreadable / other rulebook / unknown annex (listed as invalid only), form of
 *     another year or with a value that cannot be right (invalid), a form of another annex than its
 *     unit's group (`wrongAnnex`, shown in the unit's group), several files for one unit (the last
 *     received counts, the others are `duplicate`), received after the deadline + grace working days
 *     (`late`), entries still missing (the rulebook's `incomplete` policy);
 *  2. the best value among the counted units completes every relativeToBest criterion (second pass);
 *  3. score every form; appraised points replace self points criterion by criterion;
 *  4. competition ranks on the counted totals, bands, awards (ties at a cut-off as the rulebook says);
 *     late forms and units without a form take the last place where the rulebook's policies say so.
 */
import type { Annex, Criterion, Rulebook, Unit } from '../rulebook/schema';
import { ruleInputs } from '../rulebook/inputs';
import { contentHash, RulebookError } from '../rulebook/load';
import { inputValue, isNotApplicable, peerRange, score, validate } from '../scoring';
import type { AnnexScore, Issue, PeerBest } from '../scoring/types';
import { latePolicy, unsentPolicy } from '../rulebook/policies';
import { annexForUnit, indexOf } from '../rulebook/applies';
import { matchUnit, normalizeName } from '../units';
import { formatPoints, round2 } from '../numbers';
import type { Submission } from '../submission';
import { bilingual, msg, type Message } from '../../i18n';
import { applyAppraisals } from './aggregate';
import { formatDate, isIsoDate, lateness, type HolidayCalendar } from './dates';
import { annexDeadline, type AnnexDeadline } from './deadline';
import { vietnamHolidays } from './holidays';
import { fileBaseName } from './received';
import { message } from './text';
import type {
  AnnexStatistics,
  CriterionStatistic,
  Ranking,
  RankingEntry,
  RankingInput,
  RankingOptions,
  RankingStatus,
  RankingTable,
  ReceivedDate,
  ReceivedSourceSummary,
} from './types';

const statusKey = {
  ranked: 'rankStatusRanked',
  late: 'rankStatusLate',
  missing: 'rankStatusMissing',
  invalid: 'rankStatusInvalid',
  duplicate: 'rankStatusDuplicate',
  wrongAnnex: 'rankStatusWrongAnnex',
} as const;

/** The status as shown to users: Đã xếp hạng / Ranked, Nộp muộn / Late, … */
export function statusLabel(status: RankingStatus): Message {
  return msg(statusKey[status]);
}

/** An entry's status as shown: the fuller text when the ranking gives one ("Not received"), else the label. */
export function entryStatus(e: Pick<RankingEntry, 'status' | 'statusText'>): Message {
  return e.statusText ?? statusLabel(e.status);
}

/** Totals are compared in hundredths: the engine rounds every total to 2 decimals (numbers.ts). */
const cents = (total: number) => Math.round(total * 100);

/**
 * Competition ranking (as Excel's RANK.EQ): equal totals share a rank and the next rank is skipped
 * (1, 2, 2, 4). Equality is judged on the 2-decimal totals, compared as whole hundredths, so
 * 0.1 + 0.2 and 0.3 tie. Returns the rank of each total, in the given order.
 */
export function competitionRanks(totals: number[]): number[] {
  const c = totals.map(cents);
  const desc = [...c].sort((a, b) => b - a);
  // The rank of a total is 1 + the number of strictly higher totals: its first position in `desc`.
  const first = new Map<number, number>();
  desc.forEach((v, i) => first.has(v) || first.set(v, i + 1));
  return c.map((v) => first.get(v)!);
}

interface Candidate {
  /** Position in the inputs, so lists come out in the order the files were given. */
  index: number;
  file: string;
  received?: ReceivedDate;
  submission: Submission;
  /** The annex the form is of. */
  annex: Annex;
  /** Its criteria that apply to the unit, with their maximum: what the form is scored on. */
  own: Annex;
  /** The ranking group the form is shown in: the unit's own annex (differs for a wrong-annex form). */
  table: Annex;
  unit?: Unit;
  /** Identity for duplicates: the unit's id, else what the form says. */
  key: string;
  unitId: string;
  unitName: string;
  status: RankingStatus;
  statusText?: Message;
  /** Why the form is invalid (empty when it is not). */
  reasons: Message[];
  notes: Message[];
  /** Entries, reasons or evidence still missing (the rulebook's `incomplete` policy decides). */
  incomplete: Issue[];
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byName = (a: string, b: string) => a.localeCompare(b, 'vi');

/** Issues that say something is not filled in yet (to do), rather than that a value cannot be right. */
const isIncomplete = (i: Issue) => i.severity === 'todo';

function findAnnexCode(rb: Rulebook, code: string): Annex | undefined {
  const c = String(code ?? '')
    .trim()
    .toLowerCase();
  return rb.annexes.find((a) => a.code.toLowerCase() === c);
}

/** The assessment year most forms of this rulebook carry (ties: the later year). */
function inferYear(rb: Rulebook, subs: Submission[]): number | undefined {
  const counts = new Map<number, number>();
  for (const s of subs)
    if (s.meta.rulebookId === rb.id && Number.isInteger(s.meta.year))
      counts.set(s.meta.year, (counts.get(s.meta.year) ?? 0) + 1);
  let best: number | undefined;
  for (const [year, n] of counts)
    if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && year > best)) best = year;
  return best;
}

/**
 * The unit a form belongs to: by the id it carries, then by its name through the annex's units, then
 * through every unit (a form of the wrong annex still names its unit).
 */
function identifyUnit(rb: Rulebook, sub: Submission, annex: Annex): { unit?: Unit; notes: Message[] } {
  const { unitId, unitName } = sub.meta;
  const notes: Message[] = [];
  let unit = unitId ? rb.units.find((u) => u.id === unitId) : undefined;
  for (const text of [unitName, unitId])
    if (!unit && text) unit = matchUnit(rb, text, annex.code) ?? matchUnit(rb, text);
  if (!unit && rb.units.length)
    notes.push(msg('rankUnmatchedUnit', { unit: unitName || unitId, annex: annex.code }));
  return { unit, notes };
}

function receivedSummary(inputs: RankingInput[]): ReceivedSourceSummary {
  const sources = new Set(inputs.flatMap((i) => (i.received ? [i.received.source] : [])));
  return sources.size === 0 ? 'none' : sources.size > 1 ? 'mixed' : [...sources][0];
}

/** Said once for the ranking: counted forms whose lateness could not be judged, or rests on file times. */
function receivedWarnings(tables: RankingTable[]): Message[] {
  const counted = tables
    .flatMap((tb) => tb.entries)
    .filter((e) => e.status === 'ranked' || e.status === 'late');
  const undated = counted.filter((e) => !e.received).length;
  const warnings: Message[] = [];
  if (undated && undated === counted.length) warnings.push(msg('rankWarnNoReceivedDates'));
  else if (undated) warnings.push(msg('rankWarnSomeUndated', { count: undated }));
  if (counted.some((e) => e.receivedSource === 'mtime')) warnings.push(msg('rankWarnFileTimes'));
  return warnings;
}

/**
 * The unit a file's name identifies ("Sở Nội vụ.xls", "I - Sở Nội vụ.xlsx", "so-noi-vu.pdf"), within
 * an annex; undefined when the name names no unit, or several.
 */
export function unitFromFileName(rb: Rulebook, file: string, annex: string): Unit | undefined {
  const stem = fileBaseName(file)
    .replace(/ \[[^\]]*\]$/, '')
    .replace(/\.[^.]*$/, '');
  const code = annex.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const withoutAnnex = stem.replace(new RegExp(`^(phụ lục|phu luc|pl)?[\\s_-]*${code}[\\s_.-]+`, 'i'), '');
  for (const name of [stem, withoutAnnex, withoutAnnex.replace(/_/g, ' ')]) {
    const unit = name.trim() && matchUnit(rb, name, annex);
    if (unit) return unit;
  }
  return undefined;
}

/** The values of a relativeToBest criterion among the ranked units (units marking it N/A left out). */
function peerValues(c: Criterion, ranked: Candidate[]): number[] {
  const spec = ruleInputs(c)[0];
  return ranked
    .map((k) => k.submission.entries[c.id])
    .filter((entry) => !isNotApplicable(c, entry))
    .map((entry) => inputValue(spec, entry?.[spec.key]))
    .filter((v) => Number.isFinite(v));
}

/**
 * Best value among the ranked units, per relativeToBest criterion, and for min–max criteria the lowest
 * (a unit that counts 0 is the lowest).
 */
function peerBest(annex: Annex, ranked: Candidate[]): { best: PeerBest; lowest: PeerBest } {
  const best: PeerBest = {};
  const lowest: PeerBest = {};
  for (const c of annex.groups.flatMap((g) => g.criteria)) {
    if (c.rule.type !== 'relativeToBest') continue;
    const range = peerRange(c.rule.normalise, peerValues(c, ranked));
    if (range.best !== undefined) best[c.id] = range.best;
    if (range.lowest !== undefined) lowest[c.id] = range.lowest;
  }
  return { best, lowest };
}

function statistics(annex: Annex, ranked: RankingEntry[], weakestCount: number): AnnexStatistics {
  const criteria: CriterionStatistic[] = annex.groups.flatMap((group) =>
    group.criteria.map((c) => {
      // Units the criterion applies to and that did not mark it not applicable.
      const counted = ranked.filter((e) => c.id in e.criteria && !e.notApplicable.includes(c.id));
      const sum = counted.reduce((s, e) => s + (e.criteria[c.id] ?? 0), 0);
      return {
        id: c.id,
        groupCode: group.code,
        title: c.title,
        max: c.max,
        provenance: c.provenance,
        units: counted.length,
        average: counted.length ? round2(sum / counted.length) : 0,
        share: counted.length ? sum / counted.length / c.max : 0,
      };
    }),
  );
  const weakest = criteria
    .filter((s) => s.units > 0)
    .sort((a, b) => a.share - b.share || byCodePoint(a.id, b.id))
    .slice(0, weakestCount);
  const averageTotal = ranked.length ? round2(ranked.reduce((s, e) => s + e.total, 0) / ranked.length) : 0;
  return { units: ranked.length, averageTotal, criteria, weakest };
}

const hasSubmission = (i: RankingInput): i is Extract<RankingInput, { submission: Submission }> =>
  'submission' in i;

const joinMessages = (list: Message[]): Message =>
  list.length === 1 ? list[0] : { vi: list.map((r) => r.vi).join(' '), en: list.map((r) => r.en).join(' ') };

/** The issues' criteria, once each, in order: "1.2, 3.4". */
const criteriaOf = (issues: Issue[]) => [...new Set(issues.map((i) => i.criterion))].join(', ');

/** A form of this rulebook: its annex, unit, identity and what is wrong with it; or why it is not one. */
function classify(
  rb: Rulebook,
  hash: string,
  year: number | undefined,
  index: number,
  input: Extract<RankingInput, { submission: Submission }>,
) {
  const sub = input.submission;
  if (sub.meta.rulebookId !== rb.id)
    return {
      failure: msg('rankWrongRulebook', { formRulebook: sub.meta.rulebookId || '?', rulebook: rb.id }),
    };
  const annex = findAnnexCode(rb, sub.meta.annex);
  if (!annex)
    return {
      failure: msg('unknownAnnex', {
        annex: sub.meta.annex,
        rulebook: rb.id,
        known: rb.annexes.map((a) => a.code).join(', '),
      }),
    };
  const { unit, notes } = identifyUnit(rb, sub, annex);
  if (sub.meta.rulebookVersion !== rb.version || (sub.meta.rulebookHash && sub.meta.rulebookHash !== hash))
    notes.push(
      msg('rankOtherVersion', {
        formVersion: sub.meta.rulebookVersion || '?',
        formHash: sub.meta.rulebookHash || '?',
        version: rb.version,
        hash,
      }),
    );
  if (sub.altered?.length) notes.push(msg('rankAltered', { count: sub.altered.length }));
  const reasons: Message[] = [];
  if (year !== undefined && sub.meta.year !== year)
    reasons.push(msg('rankWrongYear', { formYear: sub.meta.year, year }));
  const own = annexForUnit(annex, unit);
  const issues = validate(own, sub.entries);
  const errors = issues.filter((i) => i.severity === 'error' && !isIncomplete(i));
  if (errors.length)
    reasons.push(
      message('rankHasErrors', (lang) => ({
        count: errors.length,
        issues: errors.map((e) => e.message[lang]).join(' '),
      })),
    );
  const table = unit ? (findAnnexCode(rb, unit.annex) ?? annex) : annex;
  const candidate: Candidate = {
    index,
    file: input.file,
    received: input.received,
    submission: sub,
    annex,
    own,
    table,
    unit,
    key: unit
      ? `id:${unit.id}`
      : sub.meta.unitId
        ? `id:${sub.meta.unitId}`
        : sub.meta.unitName?.trim()
          ? `name:${normalizeName(sub.meta.unitName)}`
          : `file:${input.file}`,
    unitId: unit?.id ?? sub.meta.unitId ?? '',
    unitName: unit?.name ?? sub.meta.unitName ?? sub.meta.unitId ?? '',
    status: table !== annex ? 'wrongAnnex' : reasons.length ? 'invalid' : 'ranked',
    reasons,
    notes: [...reasons, ...notes],
    incomplete: issues.filter(isIncomplete),
  };
  if (table !== annex)
    candidate.notes.unshift(
      msg('rankWrongAnnex', { unit: candidate.unitName, annex: annex.code, expected: table.code }),
    );
  return { candidate };
}

/** Several files for one unit and annex: the last received counts (ties: the later file name). */
function markDuplicates(candidates: Candidate[]) {
  const byUnit = new Map<string, Candidate[]>();
  for (const c of candidates) {
    if (c.status === 'wrongAnnex') continue;
    const k = `${c.annex.code}\u0000${c.key}`;
    const group = byUnit.get(k);
    if (group) group.push(c);
    else byUnit.set(k, [c]);
  }
  for (const group of byUnit.values()) {
    if (group.length < 2) continue;
    group.sort(
      (a, b) => byCodePoint(a.received?.date ?? '', b.received?.date ?? '') || byCodePoint(a.file, b.file),
    );
    const counted = group[group.length - 1];
    const others = group.slice(0, -1);
    for (const o of others) {
      o.status = 'duplicate';
      o.notes.push(msg('rankDuplicateSuperseded', { file: fileBaseName(counted.file) }));
    }
    counted.notes.push(
      msg('rankDuplicateCounted', {
        count: group.length,
        files: others.map((o) => fileBaseName(o.file)).join(', '),
      }),
    );
  }
}

/**
 * Late forms: "trước ngày X" is read as including day X, then the grace working days. Lateness is
 * judged only from evidence: without a received date the form is ranked and says so.
 */
function judgeLateness(
  rb: Rulebook,
  c: Candidate,
  deadline: AnnexDeadline | undefined,
  holidays: HolidayCalendar,
) {
  if (!c.received || !isIsoDate(c.received.date)) {
    c.notes.push(msg('rankNoReceivedDate'));
    c.statusText = msg('rankStatusNoReceivedDate');
    return;
  }
  // A modification time moves when a file is copied: every row that uses one says so.
  if (c.received.source === 'mtime') {
    c.notes.push(msg('rankReceivedFromMtime'));
    c.statusText = msg('rankStatusFromFileTime');
  }
  if (!deadline) return c.notes.push(msg('rankNoDeadline'));
  const l = lateness(c.received.date, deadline.date, deadline.graceWorkingDays, holidays);
  if (!l.late) return;
  c.status = 'late';
  const params = {
    received: formatDate(c.received.date),
    deadline: formatDate(deadline.date),
    grace: deadline.graceWorkingDays,
    lastOnTime: formatDate(l.lastOnTime),
  };
  c.notes.push(msg(deadline.graceWorkingDays ? 'rankLate' : 'rankLateNoGrace', params));
  if (c.received.source === 'mtime') c.statusText = msg('rankStatusLateFromFileTime');
  c.notes.push(
    msg(
      (
        {
          ranked: 'rankLateStillRanked',
          notRanked: 'rankLateNotRanked',
          rankedLast: 'rankLateRankedLast',
        } as const
      )[latePolicy(rb)],
    ),
  );
}

/** The rulebook's `incomplete` policy: a warning naming the criteria, or the form is not ranked. */
function judgeCompleteness(rb: Rulebook, c: Candidate) {
  if (!c.incomplete.length || c.status === 'invalid') return;
  const params = { count: c.incomplete.length, criteria: criteriaOf(c.incomplete) };
  if (rb.policies.incomplete === 'notRanked') {
    c.status = 'invalid';
    delete c.statusText;
    c.reasons.push(msg('rankIncompleteNotRanked', params));
    c.notes.push(c.reasons[c.reasons.length - 1]);
  } else c.notes.push(msg('rankIncompleteWarning', params));
}

/**
 * Reasons below maximum for criteria completed at consolidation (value ÷ best unit): judged on the
 * unit's own points once the best is known, since the reason explains the unit's own figures.
 */
function reasonsAfterConsolidation(rb: Rulebook, annex: Annex, self: AnnexScore, sub: Submission): Issue[] {
  if (!rb.policies.reasonsAfterConsolidation) return [];
  return annex.groups.flatMap((g) =>
    g.criteria.flatMap((c) => {
      const s = self.criteria.find((x) => x.id === c.id);
      const blank = String(sub.entries[c.id]?.reason ?? '').trim() === '';
      if (
        c.rule.type !== 'relativeToBest' ||
        !c.reasonRequiredBelowMax ||
        !s ||
        s.notApplicable ||
        s.points >= c.max ||
        !blank
      )
        return [];
      const issue: Issue = {
        criterion: c.id,
        field: 'reason',
        severity: 'todo',
        code: 'reasonRequired',
        message: message('issueReasonRequired', (lang) => ({
          criterion: c.id,
          points: formatPoints(s.points, lang),
          max: formatPoints(c.max, lang),
        })),
      };
      return [issue];
    }),
  );
}

/** Scores one form: self points with the best values, appraised points replacing them criterion by criterion. */
function entryOf(
  c: Candidate,
  peers: { best: PeerBest; lowest: PeerBest },
): { entry: RankingEntry; self: AnnexScore } {
  const self = score(c.own, c.submission.entries, peers.best, peers.lowest);
  const final = applyAppraisals(c.own, self, c.submission.appraisals);
  const points = (s: AnnexScore) => Object.fromEntries(s.criteria.map((x) => [x.id, x.points]));
  const subtotals = (s: AnnexScore) => Object.fromEntries(s.groups.map((g) => [g.code, g.points]));
  const entry: RankingEntry = {
    unitId: c.unitId,
    unitName: c.unitName,
    matched: !!c.unit,
    file: c.file,
    ...(c.received ? { received: c.received.date, receivedSource: c.received.source } : {}),
    selfTotal: self.total,
    total: final.score.total,
    ...(c.own.max !== c.annex.max ? { max: c.own.max } : {}),
    band: final.score.band,
    status: c.status,
    counted: false,
    award: false,
    groups: subtotals(final.score),
    selfGroups: subtotals(self),
    criteria: points(final.score),
    selfCriteria: points(self),
    notApplicable: final.score.criteria.filter((x) => x.notApplicable).map((x) => x.id),
    appraisedCriteria: final.appraised,
    appraised: final.appraised.length > 0,
    ...(c.statusText ? { statusText: c.statusText } : {}),
    notes: [...c.notes, ...final.notes],
  };
  return { entry, self };
}

function missingEntry(unit: Unit, notes: Message[]): RankingEntry {
  return {
    unitId: unit.id,
    unitName: unit.name,
    matched: true,
    selfTotal: 0,
    total: 0,
    status: 'missing',
    counted: false,
    award: false,
    groups: {},
    selfGroups: {},
    criteria: {},
    selfCriteria: {},
    notApplicable: [],
    appraisedCriteria: [],
    appraised: false,
    notes,
  };
}

/**
 * Awards: the first topN of the annex that reach the award's band. Units sharing the rank at the
 * cut-off (two firsts for one award, two thirds for the third) are all awarded (`ties: all`) or
 * flagged for the council, none awarded (`ties: council`).
 */
function award(rb: Rulebook, annex: Annex, counted: RankingEntry[]) {
  for (const a of rb.awards.filter((x) => x.annexes.includes(annex.code))) {
    const within = counted.filter((e) => e.rank! <= a.topN && e.band?.label === a.band);
    const cutRank = Math.max(0, ...within.map((e) => e.rank!));
    const beyond = counted.filter((e) => e.rank! <= a.topN).length > a.topN;
    for (const e of within) {
      const tied = beyond && e.rank === cutRank;
      if (tied && a.ties === 'council') {
        e.awardTie = true;
        e.notes.push(
          msg('rankAwardTie', {
            rank: e.rank!,
            topN: a.topN,
            count: within.filter((x) => x.rank === cutRank).length,
          }),
        );
      } else e.award = true;
    }
  }
}

/** Not counted: the band goes, the computed total stays in a note labelled as not counted. */
function uncount(e: RankingEntry) {
  if (e.status === 'missing') return;
  e.notes.push(message('rankTotalNotCounted', (lang) => ({ total: formatPoints(e.total, lang) })));
  delete e.band;
}

const ORDER: Record<RankingStatus, number> = {
  ranked: 0,
  late: 1,
  wrongAnnex: 2,
  invalid: 3,
  duplicate: 4,
  missing: 5,
};

/** A file that is not ranked, with its position among the inputs (lists keep the order given). */
type Invalid = Ranking['invalid'][number] & { index: number };

/** What every annex of one consolidation shares. */
interface Round {
  rb: Rulebook;
  options: RankingOptions;
  year?: number;
  holidays: HolidayCalendar;
  late: ReturnType<typeof latePolicy>;
  unsent: ReturnType<typeof unsentPolicy>;
  /** Received dates were given, so a unit without a form did not send one. */
  datesGiven: boolean;
  unreadableFiles: string[];
  invalid: Invalid[];
  /** Units without a form, in the rulebook's order. */
  missing: Ranking['missing'];
}

/** The assessment year: as asked, else the one most forms carry, else the year of the as-of date. */
function roundYear(rb: Rulebook, inputs: RankingInput[], options: RankingOptions): number | undefined {
  const subs = inputs.filter(hasSubmission).map((i) => i.submission);
  return options.year ?? inferYear(rb, subs) ?? (options.asOf ? Number(options.asOf.slice(0, 4)) : undefined);
}

/** 1. Classify each file; a district's consolidation keeps its own units (a form matching none cannot be placed). */
function classifyAll(round: Round, inputs: RankingInput[]): Candidate[] {
  const hash = contentHash(round.rb);
  const keepUnit = round.options.unitFilter;
  const candidates: Candidate[] = [];
  for (const [index, input] of inputs.entries()) {
    if (!hasSubmission(input)) {
      round.invalid.push({ index, file: input.file, reason: input.failure });
      continue;
    }
    const { candidate, failure } = classify(round.rb, hash, round.year, index, input);
    if (failure) round.invalid.push({ index, file: input.file, reason: failure });
    else if (candidate && (!keepUnit || (candidate.unit && keepUnit(candidate.unit))))
      candidates.push(candidate);
  }
  markDuplicates(candidates);
  return candidates;
}

/** Remarks on an annex's table: holiday data missing for the years its deadline spans. */
function holidayNotes(deadline: AnnexDeadline | undefined, holidays: HolidayCalendar): Message[] {
  if (!deadline || !holidays.years) return [];
  const years = new Set([deadline.date, deadline.lastOnTime].map((d) => Number(d.slice(0, 4))));
  return [...years].filter((y) => !holidays.years!.has(y)).map((y) => msg('rankNoHolidayData', { year: y }));
}

/** Lateness and completeness of an annex's forms; the invalid ones are listed. */
function judgeAll(round: Round, mine: Candidate[], deadline: AnnexDeadline | undefined) {
  for (const c of mine) if (c.status === 'ranked') judgeLateness(round.rb, c, deadline, round.holidays);
  for (const c of mine) if (c.status === 'ranked' || c.status === 'late') judgeCompleteness(round.rb, c);
  for (const c of mine)
    if (c.status === 'invalid')
      round.invalid.push({ index: c.index, file: c.file, reason: joinMessages(c.reasons) });
}

/** 2–3. Complete relativeToBest criteria from the counted units, then score everyone. */
function scoreAll(round: Round, annex: Annex, mine: Candidate[]): RankingEntry[] {
  const counts = (c: Candidate) => c.status === 'ranked' || (c.status === 'late' && round.late === 'ranked');
  const peers = peerBest(annex, mine.filter(counts));
  return mine.map((c) => {
    const { entry, self } = entryOf(c, peers);
    entry.counted = counts(c);
    const unexplained = entry.counted ? reasonsAfterConsolidation(round.rb, c.own, self, c.submission) : [];
    if (!unexplained.length) return entry;
    c.incomplete = unexplained;
    judgeCompleteness(round.rb, c);
    entry.status = c.status;
    entry.counted = counts(c);
    if (c.status === 'invalid') delete entry.statusText;
    entry.notes.push(...c.notes.filter((n) => !entry.notes.includes(n)));
    if (c.status === 'invalid')
      round.invalid.push({ index: c.index, file: c.file, reason: joinMessages(c.reasons) });
    return entry;
  });
}

/**
 * 4. Ranks of the counted totals (or indices), then the places taken last by policy, and awards.
 * Returns the counted entries and the place "last" stands for.
 */
function placeAll(
  round: Round,
  annex: Annex,
  entries: RankingEntry[],
): { counted: RankingEntry[]; last: number } {
  const counted = entries.filter((e) => e.counted);
  // Ranks compare 2-decimal values: an index ranks on its hundredths of a percent (4 decimals).
  const onIndex = annex.rankOn === 'index';
  const rankBy = (e: RankingEntry) => (onIndex ? indexOf(e.total, e.max ?? annex.max) * 100 : e.total);
  competitionRanks(counted.map(rankBy)).forEach((r, i) => (counted[i].rank = r));
  for (const e of entries) if (!e.counted) uncount(e);
  const last = counted.length + 1;
  if (round.late === 'rankedLast') for (const e of entries) if (e.status === 'late') e.rank = last;
  award(round.rb, annex, counted);
  return { counted, last };
}

/** The annex's units that sent no form: not sent is a finding only when received dates say what arrived. */
function unsentEntries(
  round: Round,
  annex: Annex,
  mine: Candidate[],
  deadline: AnnexDeadline | undefined,
  last: number,
): RankingEntry[] {
  const { rb, options } = round;
  const present = new Set(mine.filter((c) => c.unit).map((c) => c.unit!.id));
  const notYetDue = deadline && options.asOf && options.asOf <= deadline.lastOnTime;
  const keepUnit = options.unitFilter;
  return rb.units
    .filter((u) => u.annex === annex.code && !present.has(u.id) && (!keepUnit || keepUnit(u)))
    .map((u) => {
      // A file that names the unit but could not be read means it did send something.
      const unreadable = round.unreadableFiles.find((f) => unitFromFileName(rb, f, annex.code) === u);
      const judged = round.datesGiven && !unreadable;
      const notes = unreadable
        ? [msg('rankSentUnreadable', { file: fileBaseName(unreadable) })]
        : round.datesGiven
          ? [msg(round.unsent === 'rankedLast' ? 'rankMissingLast' : 'rankMissingNotRanked')]
          : [msg('rankNotReceivedNote')];
      if (notYetDue) notes.push(msg('rankNotYetDue', { lastOnTime: formatDate(deadline.lastOnTime) }));
      round.missing.push({ unitId: u.id, unitName: u.name, annex: annex.code });
      const entry = missingEntry(u, notes);
      if (judged && round.unsent === 'rankedLast') entry.rank = last;
      if (!judged) entry.statusText = msg(unreadable ? 'rankStatusSentUnreadable' : 'rankStatusNotReceived');
      return entry;
    });
}

/** Counted first (by rank), then late, wrong annex, invalid, duplicate, missing; then by name and file. */
function sortEntries(entries: RankingEntry[]) {
  const order = (e: RankingEntry) => (e.counted ? 0 : ORDER[e.status]);
  entries.sort(
    (a, b) =>
      order(a) - order(b) ||
      (a.rank ?? 0) - (b.rank ?? 0) ||
      byName(a.unitName, b.unitName) ||
      byCodePoint(a.file ?? '', b.file ?? ''),
  );
}

/** One annex's ranking table, or undefined when it has no entry at all. */
function annexTable(round: Round, annex: Annex, candidates: Candidate[]): RankingTable | undefined {
  const mine = candidates.filter((c) => c.table === annex);
  const deadline = annexDeadline(round.rb, annex, round.year, round.holidays);
  judgeAll(round, mine, deadline);
  const entries = scoreAll(round, annex, mine);
  const { counted, last } = placeAll(round, annex, entries);
  entries.push(...unsentEntries(round, annex, mine, deadline, last));
  if (!entries.length) return undefined;
  sortEntries(entries);
  return {
    annex: annex.code,
    title: annex.title,
    rankingGroup: annex.rankingGroup,
    ...(annex.level ? { level: annex.level } : {}),
    max: annex.max,
    groups: annex.groups.map((g) => ({ code: g.code, title: g.title })),
    ...(deadline ? { deadline } : {}),
    entries,
    statistics: statistics(annex, counted, round.options.weakestCount ?? 5),
    notes: holidayNotes(deadline, round.holidays),
  };
}

export function rank(rb: Rulebook, inputs: RankingInput[], options: RankingOptions = {}): Ranking {
  const round: Round = {
    rb,
    options,
    year: roundYear(rb, inputs, options),
    holidays: options.holidays ?? vietnamHolidays(),
    late: latePolicy(rb),
    unsent: unsentPolicy(rb),
    datesGiven: inputs.some((i) => i.received),
    unreadableFiles: inputs.filter((i) => !hasSubmission(i)).map((i) => i.file),
    invalid: [],
    missing: [],
  };
  const candidates = classifyAll(round, inputs);
  const tables = rb.annexes.flatMap((annex) => annexTable(round, annex, candidates) ?? []);
  return {
    rulebook: { id: rb.id, version: rb.version, title: rb.title, assumptions: rb.assumptions },
    ...(round.year !== undefined ? { year: round.year } : {}),
    ...(options.asOf ? { asOf: options.asOf } : {}),
    receivedSource: receivedSummary(inputs),
    tables,
    missing: round.missing,
    invalid: round.invalid.sort((a, b) => a.index - b.index).map(({ file, reason }) => ({ file, reason })),
    warnings: receivedWarnings(tables),
  };
}

/**
 * A district's consolidation (Gia Lai): its own form and its communes' (units whose parent is the
 * district), each annex, hence each level, ranked separately. Forms whose unit is not in the
 * rulebook's list cannot be placed under a district and are left out.
 */
export function rankDistrict(
  rb: Rulebook,
  districtUnitId: string,
  inputs: RankingInput[],
  options: RankingOptions = {},
): Ranking {
  const district = rb.units.find((u) => u.id === districtUnitId);
  if (!district) throw new RulebookError(msg('rankUnknownUnit', { unit: districtUnitId, rulebook: rb.id }));
  return rank(rb, inputs, {
    ...options,
    unitFilter: (u) => u.id === district.id || u.parent === district.id,
  });
}

/** One line per entry for logs and the command line: "1. Sở Nội vụ — 455,5 (Tốt) · Đã xếp hạng / Ranked". */
export function describeEntry(e: RankingEntry): string {
  const place = e.rank !== undefined ? `${e.rank}. ` : '–  ';
  const band = e.band ? ` (${e.band.label})` : '';
  const total = e.counted ? formatPoints(e.total) : '—';
  return `${place}${e.unitName} — ${total}${band} · ${bilingual(entryStatus(e))}`;
}
