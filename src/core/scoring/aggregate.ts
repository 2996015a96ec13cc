/**
 * Aggregation of per-criterion points into group subtotals, total and band — the one place it is
 * done (the engine and the ranking with appraised points both use it). Group subtotals are sums
 * (means for `mean` annexes) of the applicable criteria; a `sum` total is rescaled to the annex's
 * scale when criteria are not applicable (points × annex max ÷ applicable max); a `mean` total is the
 * average. Every step rounds with round2/sum2 (numbers.ts), as the form's formulas do.
 */
import { countedCriteria } from '../rulebook/counted';
import type { Annex, Band } from '../rulebook/schema';
import { indexOf } from '../rulebook/applies';
import { round2, sum2 } from '../numbers';
import type { AnnexScore, CriterionScore, GroupScore, PillarScore } from './types';

/** What the annex ranks and bands on: the total, or the index (total ÷ the annex's maximum, 4 decimals). */
export function rankValue(annex: Annex, total: number): number {
  return annex.rankOn === 'index' ? indexOf(total, annex.max) : total;
}

/** The band of a total; an annex ranking on the index compares the index with its thresholds. */
export function bandOf(annex: Annex, total: number): Band {
  const value = rankValue(annex, total);
  return annex.bands.find((b) => value >= b.min) ?? annex.bands[annex.bands.length - 1];
}

/**
 * Points and applicable maximum of each pillar (groups left out for the unit count nothing), and the
 * weighted total: annex max × Σ weight × points ÷ max, over Σ weight, of the pillars with a maximum.
 * The order of operations is the form's formula's, so the sheet gives the same number.
 */
export function pillarTotal(
  annex: Annex,
  groups: { code: string; points: number; max: number }[],
): { pillars: PillarScore[]; total: number } {
  const pillars = (annex.pillars ?? []).map((p) => {
    const mine = groups.filter((g) => p.groups.includes(g.code));
    return {
      code: p.code,
      title: p.title,
      weight: p.weight,
      points: sum2(mine.map((g) => g.points)),
      max: Math.round(mine.reduce((s, g) => s + g.max, 0) * 1e6) / 1e6,
    };
  });
  let weighted = 0;
  let weights = 0;
  for (const p of pillars) {
    weighted += p.max === 0 ? 0 : p.weight * (p.points / p.max);
    weights += p.max === 0 ? 0 : p.weight;
  }
  return { pillars, total: weights === 0 ? 0 : round2((annex.max * weighted) / weights) };
}

function mean(points: number[]): number {
  return points.length ? round2(sum2(points) / points.length) : 0;
}

/**
 * The criteria counted in their group's subtotal (the scored ones) and in the total (those of scored
 * groups), per annex: a consolidation aggregates thousands of forms of one annex. Rulebooks are not
 * changed once loaded, so an annex object keeps its sets.
 */
const countedOf = new WeakMap<Annex, { inSubtotal: Set<string>; inTotal: Set<string> }>();
function counted(annex: Annex) {
  let sets = countedOf.get(annex);
  if (!sets) {
    sets = {
      inSubtotal: new Set(
        annex.groups.flatMap((g) => g.criteria.filter((c) => c.scored !== false).map((c) => c.id)),
      ),
      inTotal: new Set(annex.groups.flatMap(countedCriteria).map((c) => c.id)),
    };
    countedOf.set(annex, sets);
  }
  return sets;
}

/** Subtotals, total and band from per-criterion points (already rounded to 2 decimals). */
export function aggregateCriteria(annex: Annex, criteria: CriterionScore[]): Omit<AnnexScore, 'criteria'> {
  // Unscored criteria are left out of their group's subtotal; unscored groups out of the total.
  const { inSubtotal, inTotal } = counted(annex);
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
  if (annex.pillars && annex.aggregate === 'sum') {
    const counted = annex.groups.filter((g) => g.scored !== false).map((g) => g.code);
    const { pillars, total } = pillarTotal(
      annex,
      groups.filter((g) => counted.includes(g.code)),
    );
    return { annex: annex.code, total, band: bandOf(annex, total), groups, pillars };
  }
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
