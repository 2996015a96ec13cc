/**
 * The engine: an annex and a unit's entries → points per criterion, subtotals, total, band.
 * Blank and unreadable inputs count as 0 (as a blank cell does in the form's formulas); validate()
 * reports them. Rounding: see numbers.ts (round2 at criterion, group and total).
 */
import type { Annex, Band, Criterion } from '../rulebook/schema';
import { ruleInputs, type InputSpec } from '../rulebook/inputs';
import { parseNumber, parseYesNo, round2 } from '../numbers';
import { aggregateCriteria, bandOf } from './aggregate';
import type { AnnexScore, CriterionEntry, CriterionScore, Entries, PeerBest } from './types';

export { bandOf };

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** An input's value as the formulas see it: a number, yes → 1, no → 0, anything else 0. */
export function inputValue(spec: InputSpec, raw: unknown): number {
  if (spec.kind === 'yesNo') return parseYesNo(raw) === true ? 1 : 0;
  const n = parseNumber(raw);
  return n === undefined || Number.isNaN(n) ? 0 : n;
}

export function isNotApplicable(c: Criterion, entry: CriterionEntry | undefined): boolean {
  return c.notApplicableAllowed && parseYesNo(entry?.na) === true;
}

/** Points before rounding, clamped to 0..max. */
export function rawPoints(c: Criterion, entry: CriterionEntry | undefined, best?: number): number {
  const v: Record<string, number> = {};
  for (const spec of ruleInputs(c)) v[spec.key] = inputValue(spec, entry?.[spec.key]);
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
      p = r.mode === 'percent' ? clamp(v.percent, 0, 1) * c.max : v.denominator > 0 ? clamp(v.numerator / v.denominator, 0, 1) * c.max : 0;
      break;
    case 'perItem':
      p = v.count * r.pointsPerItem;
      break;
    case 'steps':
      p = Math.max(0, ...r.steps.filter((s) => v.value >= s.min).map((s) => s.points));
      break;
    case 'bestOf':
      p = Math.max(0, ...r.alternatives.filter((a) => v[a.key] === 1).map((a) => a.points));
      break;
    case 'sumOfParts':
      p = r.parts.reduce((s, part) => s + clamp(v[part.key], 0, part.max), 0);
      break;
    case 'deduction':
      p = Math.max(r.floor, c.max - Math.max(0, v.count) * r.pointsPerItem);
      break;
    case 'relativeToBest':
      p = best && best > 0 ? clamp(v.value / best, 0, 1) * c.max : 0;
      break;
    case 'levelAverage': {
      const top = c.max;
      p = r.parts.reduce((s, part) => s + clamp(v[part.key], 0, top), 0) / r.parts.length;
      break;
    }
  }
  return clamp(p, 0, c.max);
}

/** The next band up and the points still needed to reach it; undefined at the top band. */
export function nextBand(annex: Annex, total: number): { band: Band; needed: number } | undefined {
  const above = annex.bands.filter((b) => b.min > total);
  const band = above[above.length - 1];
  return band && { band, needed: round2(band.min - total) };
}

export function score(annex: Annex, entries: Entries, best: PeerBest = {}): AnnexScore {
  const criteria: CriterionScore[] = [];
  for (const group of annex.groups) {
    for (const c of group.criteria) {
      const entry = entries[c.id];
      const notApplicable = isNotApplicable(c, entry);
      criteria.push({
        id: c.id,
        groupCode: group.code,
        points: notApplicable ? 0 : round2(rawPoints(c, entry, best[c.id])),
        max: c.max,
        notApplicable,
        pending: c.rule.type === 'relativeToBest' && !(best[c.id] > 0),
      });
    }
  }
  return { ...aggregateCriteria(annex, criteria), criteria };
}
