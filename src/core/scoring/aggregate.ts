/**
 * Aggregation of per-criterion points into group subtotals, total and band — the one place it is
 * done (the engine and the ranking with appraised points both use it). Group subtotals are sums
 * (means for `mean` annexes) of the applicable criteria; a `sum` total is rescaled to the annex's
 * scale when criteria are not applicable (points × annex max ÷ applicable max); a `mean` total is the
 * average. Every step rounds with round2/sum2 (numbers.ts), as the form's formulas do.
 */
import { countedCriteria } from '../rulebook/counted';
import type { Annex, Band } from '../rulebook/schema';
import { round2, sum2 } from '../numbers';
import type { AnnexScore, CriterionScore, GroupScore } from './types';

export function bandOf(annex: Annex, total: number): Band {
  return annex.bands.find((b) => total >= b.min) ?? annex.bands[annex.bands.length - 1];
}

function mean(points: number[]): number {
  return points.length ? round2(sum2(points) / points.length) : 0;
}

/** Subtotals, total and band from per-criterion points (already rounded to 2 decimals). */
export function aggregateCriteria(annex: Annex, criteria: CriterionScore[]): Omit<AnnexScore, 'criteria'> {
  // Unscored criteria are left out of their group's subtotal; unscored groups out of the total.
  const inSubtotal = new Set(
    annex.groups.flatMap((g) => g.criteria.filter((c) => c.scored !== false).map((c) => c.id)),
  );
  const inTotal = new Set(annex.groups.flatMap(countedCriteria).map((c) => c.id));
  const groups: GroupScore[] = annex.groups.map((group) => {
    const applicable = criteria.filter(
      (c) => c.groupCode === group.code && !c.notApplicable && inSubtotal.has(c.id),
    );
    return {
      code: group.code,
      title: group.title,
      points:
        annex.aggregate === 'mean'
          ? mean(applicable.map((c) => c.points))
          : sum2(applicable.map((c) => c.points)),
      max: annex.aggregate === 'mean' ? annex.max : applicable.reduce((s, c) => s + c.max, 0),
    };
  });
  const applicable = criteria.filter((c) => !c.notApplicable && inTotal.has(c.id));
  let total: number;
  if (annex.aggregate === 'mean') total = mean(applicable.map((c) => c.points));
  else {
    const applicableMax = applicable.reduce((s, c) => s + c.max, 0);
    const sum = sum2(applicable.map((c) => c.points));
    total =
      Math.abs(applicableMax - annex.max) < 1e-9 || applicableMax === 0
        ? sum
        : round2((sum * annex.max) / applicableMax);
  }
  return { annex: annex.code, total, band: bandOf(annex, total), groups };
}
