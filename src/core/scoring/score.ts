/**
 * The engine: an annex and a unit's entries → points per criterion, subtotals, total, band.
 * Rounding: see numbers.ts (round2 at criterion, group and total).
 *
 * What an input counts (inputValue), the same on the form's formulas (form/formulas.ts):
 *  - a number within the input's bounds counts as itself;
 *  - anything else counts 0: blank, a text the sheet cannot compute with (a SheetText), a value below
 *    the input's minimum or above its maximum (20 points where the maximum is 15, 150 %). Such a value
 *    cannot be right, so it earns nothing until corrected: validate() reports it as an error and the
 *    total is provisional (provisionalOf) rather than resting on it.
 *  - A criterion earns nothing from inputs that do not count: a blank count of deductions or a blank
 *    value of steps gives 0, not "no deductions" (full points) or the lowest step; a fraction whose
 *    numerator exceeds its denominator gives 0.
 */
import type { Annex, Band, Criterion } from '../rulebook/schema';
import { ruleInputs, type InputSpec } from '../rulebook/inputs';
import { parseNumber, parseYesNo, round2 } from '../numbers';
import { aggregateCriteria, bandOf, rankValue } from './aggregate';
import type {
  AnnexScore,
  CriterionEntry,
  CriterionScore,
  Entries,
  Issue,
  PeerBest,
  SheetText,
} from './types';

export { bandOf, rankValue };

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A text read from a number cell of a form (form/read.ts wraps it so; see SheetText). */
export function isSheetText(v: unknown): v is SheetText {
  return typeof v === 'object' && v !== null && typeof (v as SheetText).sheetText === 'string';
}

/**
 * The number an input holds, or undefined when it holds none. A number is itself, TRUE/FALSE 1/0 (as
 * LibreOffice stores them and N() reads them); a typed string ("2,5", "85%": entries of `scorecard
 * score`) is read as a Vietnamese number; a SheetText and anything else hold no number — as the
 * sheet's ISNUMBER() says of them.
 */
export function inputNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (typeof raw === 'string') {
    const n = parseNumber(raw);
    return n !== undefined && Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** The number an input counts with, or undefined when it does not count (blank, not a number, out of bounds). */
export function countedNumber(spec: InputSpec, raw: unknown): number | undefined {
  const n = inputNumber(raw);
  if (n === undefined || n < spec.min || (spec.max !== undefined && n > spec.max)) return undefined;
  return n;
}

/** An input's value as the formulas see it: yes → 1, no → 0; a number that counts, else 0. */
export function inputValue(spec: InputSpec, raw: unknown): number {
  if (spec.kind === 'yesNo') return parseYesNo(raw) === true ? 1 : 0;
  return countedNumber(spec, raw) ?? 0;
}

export function isNotApplicable(c: Criterion, entry: CriterionEntry | undefined): boolean {
  return c.notApplicableAllowed && parseYesNo(entry?.na) === true;
}

/**
 * The share of the maximum a value earns against its peers: value ÷ best, or min–max (value − lowest) ÷
 * (best − lowest). Where every counted unit has the same value (one unit, all tied) the range is empty
 * and each is the best: full points for a value above 0, as value ÷ best gives.
 */
export function relativeShare(
  normalise: 'best' | 'minmax' | undefined,
  value: number,
  best: number | undefined,
  lowest = 0,
): number {
  if (!best || best <= 0) return 0;
  if (normalise !== 'minmax') return clamp(value / best, 0, 1);
  const range = best - lowest;
  if (range <= 0) return value >= best ? 1 : 0;
  return clamp((value - lowest) / range, 0, 1);
}

/**
 * What a relativeToBest criterion is scored against, from the peers' values: the best value above 0
 * and, for min–max, the lowest (a unit that counts 0 is the lowest). The ranking and the cross-check
 * take it from here, so a replaced figure is scored as the ranking would score it.
 */
export function peerRange(
  normalise: 'best' | 'minmax' | undefined,
  values: number[],
): { best?: number; lowest?: number } {
  const positive = values.filter((v) => v > 0);
  return {
    ...(positive.length ? { best: Math.max(...positive) } : {}),
    ...(normalise === 'minmax' && values.length ? { lowest: Math.min(...values) } : {}),
  };
}

/** Points before rounding, clamped to 0..max. */
export function rawPoints(
  c: Criterion,
  entry: CriterionEntry | undefined,
  best?: number,
  lowest?: number,
): number {
  const specs = ruleInputs(c);
  const v: Record<string, number> = {};
  for (const spec of specs) v[spec.key] = inputValue(spec, entry?.[spec.key]);
  const counts = (key: string) =>
    countedNumber(
      specs.find((s) => s.key === key)!,
      entry?.[key],
    ) !== undefined;
  const r = c.rule;
  let p: number;
  switch (r.type) {
    case 'manual':
      p = v.points;
      break;
    case 'yesNo':
      p = v.value === 1 ? c.max : 0;
      break;
    case 'ratio':
      p =
        r.mode === 'percent'
          ? v.percent * c.max
          : v.denominator > 0 && v.numerator <= v.denominator
            ? (v.numerator / v.denominator) * c.max
            : 0;
      break;
    case 'perItem':
      p = v.count * r.pointsPerItem;
      break;
    case 'steps':
      p = counts('value') ? Math.max(0, ...r.steps.filter((s) => v.value >= s.min).map((s) => s.points)) : 0;
      break;
    case 'bestOf':
      p = Math.max(0, ...r.alternatives.filter((a) => v[a.key] === 1).map((a) => a.points));
      break;
    case 'sumOfParts':
      p = r.parts.reduce((s, part) => s + v[part.key], 0);
      break;
    case 'deduction':
      p = counts('count') ? Math.max(r.floor, c.max - v.count * r.pointsPerItem) : 0;
      break;
    case 'relativeToBest':
      p = relativeShare(r.normalise, v.value, best, lowest) * c.max;
      break;
    case 'levelAverage':
      p = r.parts.reduce((s, part) => s + v[part.key], 0) / r.parts.length;
      break;
  }
  return clamp(p, 0, c.max);
}

/** The next band up and the points still needed to reach it; undefined at the top band. */
export function nextBand(annex: Annex, total: number): { band: Band; needed: number } | undefined {
  const above = annex.bands.filter((b) => b.min > rankValue(annex, total));
  const band = above[above.length - 1];
  // Index thresholds are turned into points: what the unit still has to earn.
  const min = band && annex.rankOn === 'index' ? band.min * annex.max : band?.min;
  return band && { band, needed: round2(min! - total) };
}

/** `lowest`: the lowest value among peers, for min–max normalised criteria (0 when not given). */
export function score(
  annex: Annex,
  entries: Entries,
  best: PeerBest = {},
  lowest: PeerBest = {},
): AnnexScore {
  const criteria: CriterionScore[] = [];
  for (const group of annex.groups) {
    for (const c of group.criteria) {
      const entry = entries[c.id];
      const notApplicable = isNotApplicable(c, entry);
      criteria.push({
        id: c.id,
        groupCode: group.code,
        points: notApplicable ? 0 : round2(rawPoints(c, entry, best[c.id], lowest[c.id])),
        max: c.max,
        notApplicable,
        pending: c.rule.type === 'relativeToBest' && !(best[c.id] > 0),
      });
    }
  }
  const result: AnnexScore = { ...aggregateCriteria(annex, criteria), criteria };
  const range = finalRange(annex, entries, criteria);
  return range ? { ...result, finalRange: range } : result;
}

/**
 * Where the total can end once consolidation completes the pending (relativeToBest) criteria: each
 * earns 0 (a value of 0, or not counted) up to its max (the unit is the best); undefined when nothing
 * is pending. The other criteria keep their points.
 */
function finalRange(
  annex: Annex,
  entries: Entries,
  criteria: CriterionScore[],
): { min: number; max: number } | undefined {
  const pending = criteria.filter((c) => c.pending && !c.notApplicable);
  if (!pending.length) return undefined;
  const byId = new Map(annex.groups.flatMap((g) => g.criteria).map((c) => [c.id, c]));
  const atBest = criteria.map((cs) => {
    if (!pending.includes(cs)) return cs;
    const c = byId.get(cs.id)!;
    const spec = ruleInputs(c)[0];
    return { ...cs, points: inputValue(spec, entries[c.id]?.[spec.key]) > 0 ? c.max : 0 };
  });
  return { min: aggregateCriteria(annex, criteria).total, max: aggregateCriteria(annex, atBest).total };
}

/** Issues that are not a "to do" (not entered yet, a reason or evidence still missing): values that cannot be right. */
const TODO_CODES: ReadonlySet<Issue['code']> = new Set(['missing', 'reasonRequired', 'evidenceRequired']);

/**
 * A total and band are provisional while the form holds an error (a value that cannot be right: not a
 * number, a number stored as text, out of range, above the max, inconsistent); the count is what the
 * form's STATUS cell shows ("tạm tính — còn N lỗi"). Things still to do (missing inputs, reasons,
 * evidence) do not make a total provisional: they are simply not earned yet.
 */
export function provisionalOf(issues: Issue[]): { errors: number } | undefined {
  const errors = issues.filter((i) => i.severity === 'error' && !TODO_CODES.has(i.code)).length;
  return errors ? { errors } : undefined;
}

/** A score with its `provisional` mark set from the form's issues (see provisionalOf). */
export function withProvisional(result: AnnexScore, issues: Issue[]): AnnexScore {
  const provisional = provisionalOf(issues);
  const out: AnnexScore = { ...result };
  if (provisional) out.provisional = provisional;
  else delete out.provisional;
  return out;
}
