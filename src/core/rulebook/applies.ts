/**
 * Who a criterion applies to, and the result as an index. A criterion with `appliesTo` is filled only by
 * the unit types or units it names; for any other unit it is not on the form and not in the maximum, so
 * a unit's annex is the annex narrowed to its criteria, with the maximum they add up to (1,000 for most
 * units, 750 for units without administrative procedures). Results are also given as an index: total ÷
 * the unit's maximum, to 4 decimals (the DTI publishes 0.7955).
 */
import { countedCriteria } from './counted';
import type { Annex, Criterion, Rulebook, Unit } from './schema';

/** The unit's id and type, as far as they are known (a blank form has neither). */
export type UnitRef = { id: string; type?: string };

export function appliesToUnit(c: Criterion, unit: UnitRef | undefined): boolean {
  if (!c.appliesTo || !unit) return true;
  const { unitTypes, units } = c.appliesTo;
  return (
    (units?.includes(unit.id) ?? false) ||
    (unit.type !== undefined && (unitTypes?.includes(unit.type) ?? false))
  );
}

/** Sum of maxima without binary noise (0.1 + 0.2). */
const sumMax = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x, 0) * 1e6) / 1e6;

/** The annex a unit fills: the criteria that apply to it; a `sum` annex's maximum is theirs. */
export function annexForUnit(annex: Annex, unit: UnitRef | undefined): Annex {
  if (!unit || !annex.groups.some((g) => g.criteria.some((c) => c.appliesTo))) return annex;
  const groups = annex.groups
    .map((g) => ({ ...g, criteria: g.criteria.filter((c) => appliesToUnit(c, unit)) }))
    .filter((g) => g.criteria.length > 0);
  const max =
    annex.aggregate === 'sum' ? sumMax(groups.flatMap(countedCriteria).map((c) => c.max)) : annex.max;
  return { ...annex, groups, max };
}

/** The unit of the rulebook with this id (forms carry the id); its type decides what applies. */
export function unitById(rb: Rulebook, id: string | undefined): Unit | undefined {
  return id ? rb.units.find((u) => u.id === id) : undefined;
}

/** The annex of a form of `unitId`: narrowed when the rulebook knows the unit. */
export function formAnnex(rb: Rulebook, annex: Annex, unitId: string | undefined): Annex {
  return annexForUnit(annex, unitById(rb, unitId));
}

/** total ÷ max, half away from zero at 4 decimals on the 15-significant-digit form (as ROUND(x,4)). */
export function indexOf(total: number, max: number): number {
  if (!(max > 0) || !Number.isFinite(total)) return 0;
  const x = total / max;
  const [mantissa, exp] = Math.abs(x).toPrecision(15).split('e');
  const rounded = Number(`${Math.round(Number(`${mantissa}e${Number(exp ?? 0) + 4}`))}e-4`);
  return x < 0 ? -rounded : rounded;
}
