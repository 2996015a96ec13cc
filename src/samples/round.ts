/**
 * The sample round (`npm run samples`): what an ICT department holds after the deadline, made from
 * the built-in rulebooks. Pure: this file decides every form's entries and received date; write.ts
 * puts them on disk.
 *
 * Bình Thuận 2019 (QĐ 1867): a form for every unit of annexes I–IV, most of them mid-to-high, with
 * the cases an officer meets: a unit exactly on a band's lower bound and one just below it, a form
 * received after 15/9 + 5 working days (late), a unit that sent two files on different days (the
 * later counts, the earlier is a duplicate), a form with a blank input and a missing reason (invalid)
 * and a unit that sent nothing (missing). Gia Lai 2019 (QĐ 169): a district's own form and its
 * communes' forms, as the district forwards them. DTI 2025 (reconstructed): sở and communes of a
 * two-level province, each on its own annex (only the criteria that apply to it), ranked on the index.
 *
 * The ranking core checks the round as it is built (`expectedRanking`): a boundary unit that does
 * not land on its total, or a case that does not get its status, is a generator bug and throws.
 */
import type { Rulebook, Unit } from '../core/rulebook/schema';
import { builtinRulebook } from '../core/rulebook/builtin';
import { contentHash, findAnnex } from '../core/rulebook/load';
import { annexForUnit } from '../core/rulebook/applies';
import { rankInputs } from '../consolidation/consolidate';
import type { Ranking, RankingInput, RankingStatus } from '../core/ranking/types';
import { formatDate } from '../core/ranking/dates';
import type { Entries } from '../core/scoring/types';
import type { Submission } from '../form/types';
import { annotate, entriesForTotal, entryValues, unitContext, type UnitContext } from './entries';
import { rng, seedOf } from './random';

/** Why a form is in the round besides being an ordinary submission. */
export type SampleCase = 'late' | 'duplicate' | 'superseding' | 'errors' | 'boundary';

export interface SampleForm {
  /** Path inside the round's folder, with / separators: "phu-luc-I/so-noi-vu.xlsx". */
  file: string;
  annex: string;
  unit: { id: string; name: string };
  entries: Entries;
  /** Received date (the incoming letter), yyyy-mm-dd. */
  received: string;
  cases: SampleCase[];
  /** The final total a boundary unit is made to reach. */
  target?: number;
  /** The status the ranking must give it. */
  expected: RankingStatus;
}

export interface SampleRound {
  /** Folder under the output folder: "binh-thuan-2019". */
  folder: string;
  rulebookId: string;
  year: number;
  /** The consolidation day the demo uses, so its output never depends on today's date. */
  asOf: string;
  /** A district's consolidation (its own form and its communes'): the district's unit id. */
  district?: string;
  forms: SampleForm[];
  /** Units of the rulebook's list that sent nothing (by design). */
  missing: { id: string; name: string; annex: string }[];
}

/** The manifest's file name inside the round's folder. */
export const MANIFEST = 'received.csv';

const YEAR = 2019;

function rulebook(id: string): Rulebook {
  const rb = builtinRulebook(id);
  if (!rb) throw new Error(`samples: no built-in rulebook ${id}`);
  return rb;
}

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The received-dates manifest as an ICT department keeps it: "tệp,ngày nhận", dd/mm/yyyy. */
export function manifestCsv(round: SampleRound): string {
  const base = (file: string) => file.split('/').pop()!;
  return (
    ['tệp,ngày nhận', ...round.forms.map((f) => `${base(f.file)},${formatDate(f.received)}`)].join('\n') +
    '\n'
  );
}

/** The round's forms as ranking inputs, without going through files (for the check below and the tests). */
export function sampleInputs(round: SampleRound): RankingInput[] {
  const rb = rulebook(round.rulebookId);
  const hash = contentHash(rb);
  return round.forms.map((f) => {
    const submission: Submission = {
      meta: {
        rulebookId: rb.id,
        rulebookVersion: rb.version,
        rulebookHash: hash,
        annex: f.annex,
        unitId: f.unit.id,
        unitName: f.unit.name,
        year: round.year,
        layoutVersion: 1,
      },
      entries: f.entries,
      appraisals: {},
      altered: [],
    };
    return {
      file: `${round.folder}/${f.file}`,
      received: { date: f.received, source: 'manifest' as const },
      submission,
    };
  });
}

/**
 * The ranking the round must give: its forms ranked as the consolidation ranks files (the province, or
 * the round's district), without going through the files, so the demo's figures can be checked against it.
 */
export function expectedRanking(round: SampleRound): Ranking {
  const rb = rulebook(round.rulebookId);
  const options = { year: round.year, asOf: round.asOf, district: round.district };
  const ranking = rankInputs(rb, sampleInputs(round), options);
  if (!ranking) throw new Error(`samples: no unit ${round.district} in ${rb.id}`);
  return ranking;
}

/** Working days up to the last on-time day (20/9/2019 for Bình Thuận, 25/10/2019 for Gia Lai). */
function onTimeDays(r: ReturnType<typeof rng>, days: number[], month: number): string {
  return iso(YEAR, month, r.pick(days));
}

function ordinaryQuality(unit: Unit): number {
  return 0.79 + 0.21 * rng(seedOf('quality', unit.id)).next();
}

/** Bình Thuận 2019: every unit of annexes I–IV, with the cases an officer meets. */
export function binhThuanRound(): SampleRound {
  const rb = rulebook('binh-thuan-2019');
  const special: Record<string, { cases: SampleCase[]; target?: number; received?: string }> = {
    'so-tu-phap': { cases: ['boundary'], target: 450 }, // Tốt: the lower bound is inclusive
    'so-tai-chinh': { cases: ['boundary'], target: 449.5 }, // Khá: half a point short of Tốt
    'so-xay-dung': { cases: ['late'], received: iso(YEAR, 9, 25) }, // after 20/9 = 15/9 + 5 working days
    'so-y-te': { cases: ['duplicate'] },
    'thanh-tra-tinh': { cases: ['boundary'], target: 379.75 }, // annex II: Tốt from 380
    'truong-cao-dang-cong-dong': { cases: ['errors'] },
    'tanh-linh': { cases: ['boundary'], target: 350 }, // Khá from 350
  };
  const missing = new Set(['phu-quy']);
  // Mon 9/9 … Fri 20/9/2019 (14 and 15/9 are a weekend).
  const onTime = [9, 10, 11, 12, 13, 16, 17, 18, 19, 20];
  const forms: SampleForm[] = [];
  const contexts = new Map<string, UnitContext>();
  for (const unit of rb.units) {
    if (missing.has(unit.id)) continue;
    const annex = findAnnex(rb, unit.annex);
    const ctx = unitContext(unit, 'binhthuan.gov.vn', YEAR);
    contexts.set(unit.id, ctx);
    const s = special[unit.id];
    const r = rng(seedOf('received', unit.id));
    const file = `phu-luc-${annex.code}/${unit.id}.xlsx`;
    const base = { annex: annex.code, unit: { id: unit.id, name: unit.name } };
    const entries = annotate(annex, entryValues(annex, ordinaryQuality(unit), ctx), ctx);
    if (s?.cases.includes('duplicate')) {
      // A first file, then a corrected one a week later: the later one counts.
      const first = annotate(annex, entryValues(annex, ordinaryQuality(unit) - 0.12, ctx), ctx);
      forms.push({
        ...base,
        file: `phu-luc-${annex.code}/${unit.id}-lan-1.xlsx`,
        entries: first,
        received: iso(YEAR, 9, 10),
        cases: ['duplicate'],
        expected: 'duplicate',
      });
      forms.push({
        ...base,
        file: `phu-luc-${annex.code}/${unit.id}-lan-2.xlsx`,
        entries,
        received: iso(YEAR, 9, 17),
        cases: ['superseding'],
        expected: 'ranked',
      });
      continue;
    }
    if (s?.cases.includes('errors')) {
      forms.push({
        ...base,
        file,
        entries: withErrors(rb, annex.code, entries),
        received: iso(YEAR, 9, 13),
        cases: ['errors'],
        expected: 'invalid',
      });
      continue;
    }
    forms.push({
      ...base,
      file,
      entries,
      received: s?.received ?? onTimeDays(r, onTime, 9),
      cases: s?.cases ?? [],
      ...(s?.target !== undefined ? { target: s.target } : {}),
      expected: s?.cases.includes('late') ? 'late' : 'ranked',
    });
  }
  const round: SampleRound = {
    folder: 'binh-thuan-2019',
    rulebookId: rb.id,
    year: YEAR,
    asOf: iso(YEAR, 9, 30), // the preliminary consolidation (by 30 September)
    forms,
    missing: rb.units
      .filter((u) => missing.has(u.id))
      .map((u) => ({ id: u.id, name: u.name, annex: u.annex })),
  };
  landOnBoundaries(rb, round, contexts);
  return checked(round);
}

/**
 * A numerator above its denominator (an error: the form is invalid) and a missing reason (a yes/no
 * criterion answered "Không" with no reason given: a to-do).
 */
function withErrors(rb: Rulebook, annexCode: string, entries: Entries): Entries {
  const criteria = findAnnex(rb, annexCode).groups.flatMap((g) => g.criteria);
  const out: Entries = { ...entries };
  // A value that cannot be right (more items done than there are) makes the form invalid; the reason
  // left out below is only a to-do, which the decisions do not sanction.
  const fraction = criteria.find((c) => c.rule.type === 'ratio' && c.rule.mode === 'fraction')!;
  const denominator = Number(out[fraction.id].denominator) || 10;
  out[fraction.id] = { ...out[fraction.id], numerator: denominator + 5, denominator };
  const yesNo = criteria.find((c) => c.rule.type === 'yesNo' && c.reasonRequiredBelowMax)!;
  const { reason: _reason, evidence: _evidence, ...answer } = out[yesNo.id];
  void _reason;
  void _evidence;
  out[yesNo.id] = { ...answer, value: 'Không' };
  return out;
}

/**
 * Put each boundary unit exactly on its target final total. The final total adds the criteria
 * compared with the best unit, which depend on the round; their inputs are kept, so the best values
 * do not move and the provisional total can be aimed at target − those points.
 */
function landOnBoundaries(rb: Rulebook, round: SampleRound, contexts: Map<string, UnitContext>): void {
  const ranking = expectedRanking(round);
  for (const f of round.forms) {
    if (f.target === undefined) continue;
    const entry = ranking.tables
      .find((t) => t.annex === f.annex)!
      .entries.find((e) => e.unitId === f.unit.id)!;
    const annex = findAnnex(rb, f.annex);
    const relative = annex.groups
      .flatMap((g) => g.criteria)
      .filter((c) => c.rule.type === 'relativeToBest')
      .reduce((s, c) => s + (entry.criteria[c.id] ?? 0), 0);
    f.entries = entriesForTotal(
      annex,
      Math.round((f.target - relative) * 100) / 100,
      contexts.get(f.unit.id)!,
      f.entries,
    );
  }
}

/** Gia Lai 2019: a district (Thành phố Pleiku by default) and every commune under it. */
export function giaLaiDistrictRound(districtId = 'tp-pleiku'): SampleRound {
  const rb = rulebook('gia-lai-2019');
  const district = rb.units.find((u) => u.id === districtId);
  if (!district) throw new Error(`samples: no unit ${districtId} in ${rb.id}`);
  const units = [district, ...rb.units.filter((u) => u.parent === district.id)];
  // Mon 21/10 … Fri 25/10/2019, the deadline of districts and communes (no grace days in Gia Lai).
  const onTime = [21, 22, 23, 24, 25];
  const forms: SampleForm[] = units.map((unit) => {
    const annex = findAnnex(rb, unit.annex);
    const ctx = unitContext(unit, 'gialai.gov.vn', YEAR);
    const folder = unit.id === district.id ? '' : 'xa/';
    return {
      file: `${folder}${unit.id}.xlsx`,
      annex: annex.code,
      unit: { id: unit.id, name: unit.name },
      entries: annotate(annex, entryValues(annex, ordinaryQuality(unit), ctx), ctx),
      received: onTimeDays(rng(seedOf('received', unit.id)), onTime, 10),
      cases: [],
      expected: 'ranked' as const,
    };
  });
  return checked({
    folder: 'gia-lai-2019',
    rulebookId: rb.id,
    year: YEAR,
    asOf: iso(YEAR, 10, 31),
    district: district.id,
    forms,
    missing: [],
  });
}

/**
 * DTI 2025 (reconstructed, sở and communes after the two-level reorganisation): a form for every unit,
 * on time, ranked on the index. Each unit fills its own annex: a sở without the digital-economy task
 * or without administrative procedures has fewer criteria and a smaller maximum, so only the index
 * compares it with the others.
 */
export function dtiRound(): SampleRound {
  const rb = rulebook('dti-2025');
  const year = 2025;
  // Mon 8/12 … Mon 15/12/2025, the deadline of sở and communes (no grace days).
  const onTime = [8, 9, 10, 11, 12, 15];
  const forms: SampleForm[] = rb.units.map((unit) => {
    const annex = annexForUnit(findAnnex(rb, unit.annex), unit);
    const ctx = unitContext(unit, 'tinh.gov.vn', year);
    return {
      file: `${unit.level === 'commune' ? 'cap-xa' : 'cap-so'}/${unit.id}.xlsx`,
      annex: annex.code,
      unit: { id: unit.id, name: unit.name },
      entries: annotate(annex, entryValues(annex, ordinaryQuality(unit), ctx), ctx),
      received: iso(year, 12, rng(seedOf('received', unit.id)).pick(onTime)),
      cases: [],
      expected: 'ranked' as const,
    };
  });
  return checked({
    folder: 'dti-2025',
    rulebookId: rb.id,
    year,
    asOf: iso(year, 12, 31),
    forms,
    missing: [],
  });
}

/** Every form gets the status it was made for and every boundary unit its total, or the generator is wrong. */
function checked(round: SampleRound): SampleRound {
  const ranking = expectedRanking(round);
  const entries = ranking.tables.flatMap((t) => t.entries);
  for (const f of round.forms) {
    const e = entries.find((x) => x.file === `${round.folder}/${f.file}`);
    if (!e) throw new Error(`samples: ${f.file} is not in the ranking`);
    if (e.status !== f.expected) throw new Error(`samples: ${f.file} is ${e.status}, not ${f.expected}`);
    if (f.target !== undefined && e.total !== f.target)
      throw new Error(`samples: ${f.file} totals ${e.total}, not ${f.target}`);
  }
  for (const m of round.missing)
    if (!entries.some((e) => e.unitId === m.id && e.status === 'missing'))
      throw new Error(`samples: ${m.id} is not missing`);
  return round;
}

/** The whole sample round: Bình Thuận 2019, a Gia Lai district and a DTI 2025 round. */
export function sampleRounds(): SampleRound[] {
  return [binhThuanRound(), giaLaiDistrictRound(), dtiRound()];
}
