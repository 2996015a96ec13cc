/**
 * The points that the formulas of forms made before 2026-12 compute, for one purpose only: telling a
 * result those older formulas gave from a result typed over a formula (read.ts, `altered`). Those
 * formulas read every number through N() and clamped out-of-range values instead of counting them 0,
 * so a blank deduction count gave full points and 150 % gave the maximum. The engine no longer scores
 * that way (core/scoring/score.ts); an old form keeps its old cached results until recalculated with
 * new formulas, and those results are not alterations.
 */
import type { Annex, Criterion } from '../core/rulebook/schema';
import { ruleInputs } from '../core/rulebook/inputs';
import { parseYesNo, round2 } from '../core/numbers';
import { aggregateCriteria } from '../core/scoring/aggregate';
import { isNotApplicable } from '../core/scoring/score';
import type { AnnexScore, CriterionEntry, CriterionScore, Entries } from '../core/scoring/types';

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** N(cell): a number is itself, TRUE 1, anything else (blank, any text) 0. */
const n = (raw: unknown) => (typeof raw === 'number' ? raw : raw === true ? 1 : 0);

function legacyPoints(c: Criterion, entry: CriterionEntry | undefined): number {
  const v: Record<string, number> = {};
  for (const spec of ruleInputs(c))
    v[spec.key] =
      spec.kind === 'yesNo' ? (parseYesNo(entry?.[spec.key]) === true ? 1 : 0) : n(entry?.[spec.key]);
  const r = c.rule;
  switch (r.type) {
    case 'manual':
      return clamp(v.points, 0, c.max);
    case 'yesNo':
      return v.value === 1 ? c.max : 0;
    case 'ratio':
      return r.mode === 'percent'
        ? clamp(v.percent, 0, 1) * c.max
        : v.denominator > 0
          ? clamp(v.numerator / v.denominator, 0, 1) * c.max
          : 0;
    case 'perItem':
      return clamp(v.count * r.pointsPerItem, 0, c.max);
    case 'steps':
      return clamp(Math.max(0, ...r.steps.filter((s) => v.value >= s.min).map((s) => s.points)), 0, c.max);
    case 'bestOf':
      return clamp(
        Math.max(0, ...r.alternatives.filter((a) => v[a.key] === 1).map((a) => a.points)),
        0,
        c.max,
      );
    case 'sumOfParts':
      return clamp(
        r.parts.reduce((s, part) => s + clamp(v[part.key], 0, part.max), 0),
        0,
        c.max,
      );
    case 'deduction':
      return clamp(Math.max(r.floor, c.max - Math.max(0, v.count) * r.pointsPerItem), 0, c.max);
    case 'relativeToBest':
      return 0;
    case 'levelAverage':
      return clamp(
        r.parts.reduce((s, part) => s + clamp(v[part.key], 0, c.max), 0) / r.parts.length,
        0,
        c.max,
      );
  }
}

/** The score the older formulas compute from the form's cells (entries as readSubmission gives them). */
export function legacyScore(annex: Annex, entries: Entries): AnnexScore {
  const criteria: CriterionScore[] = annex.groups.flatMap((group) =>
    group.criteria.map((c) => {
      const notApplicable = isNotApplicable(c, entries[c.id]);
      return {
        id: c.id,
        groupCode: group.code,
        points: notApplicable ? 0 : round2(legacyPoints(c, entries[c.id])),
        max: c.max,
        notApplicable,
        pending: c.rule.type === 'relativeToBest',
      };
    }),
  );
  return { ...aggregateCriteria(annex, criteria), criteria };
}
