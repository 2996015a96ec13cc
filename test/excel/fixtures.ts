/** Shared set-up for the Excel host tests: a double, a host on it, and plans of real rulebooks. */
import { ExcelHost } from '../../src/excel/host';
import { planForm } from '../../src/form/plan';
import { builtinRulebooks } from '../../src/core/rulebook/builtin';
import type { Rulebook } from '../../src/core/rulebook/schema';
import type { SheetPlan } from '../../src/form/types';
import { ExcelDouble, type DoubleOptions } from './double';

export function setup(options: DoubleOptions = {}, debounceMs = 50) {
  const d = new ExcelDouble(options);
  const host = new ExcelHost(d.run as never, { requirements: d.requirements, debounceMs });
  return { d, host };
}

/** A unit of the annex from the rulebook's list, or a made-up one. */
export function unitFor(rb: Rulebook, annex: string) {
  const u = rb.units.find((x) => x.annex === annex) ?? rb.units[0];
  return u ? { id: u.id, name: u.name } : { id: 'unit_1', name: 'Sở Thử nghiệm' };
}

export function builtinPlans(year = 2024): { rb: Rulebook; annex: string; plan: SheetPlan }[] {
  return builtinRulebooks().flatMap((rb) =>
    rb.annexes.map((a) => ({ rb, annex: a.code, plan: planForm(rb, a.code, unitFor(rb, a.code), year) })),
  );
}

export const criteriaCount = (plan: SheetPlan) => plan.names.filter((n) => n.name.startsWith('PT_')).length;

/** Syncs spent by one call. */
export async function countSyncs<T>(
  d: ExcelDouble,
  f: () => Promise<T>,
): Promise<{ result: T; syncs: number }> {
  const before = d.syncs;
  const result = await f();
  return { result, syncs: d.syncs - before };
}
