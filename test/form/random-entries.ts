/**
 * Seeded random entries for forms: valid values of every input kind, in the spellings officials type
 * (Có, có, x, 1, TRUE), with blanks, not-applicable answers, values on step boundaries, 2–3 decimals.
 */
import type { Annex, Criterion } from '../../src/core/rulebook/schema';
import { ruleInputs, type InputSpec } from '../../src/core/rulebook/inputs';
import type { Appraisal } from '../../src/form/types';
import type { CriterionEntry, Entries } from '../../src/core/scoring/types';

// The same seeded generator as the samples (mulberry32), so a failing case can be replayed from its seed.
import { rng, type Rng } from '../../src/samples/random';
export { rng, type Rng };

const YES = ['Có', 'có', 'CÓ', 'x', 'X', 1, true, 'c', ' có ', 'đạt'];
const NO = ['Không', 'không', 0, false, 'k', 'ko', 'chưa'];
const TEXTS = [
  'Báo cáo số 12/BC-STTTT',
  'Chưa đủ kinh phí',
  '=SUM(A1:A3)',
  '+84 912',
  '-',
  '@ghi chú',
  'Quyết định 1867/QĐ-UBND; "trích"',
];

const dec = (r: Rng, max: number, places = 2) => Math.round(r.next() * max * 10 ** places) / 10 ** places;

function inputValue(r: Rng, c: Criterion, spec: InputSpec, entry: CriterionEntry): unknown {
  switch (spec.kind) {
    case 'yesNo':
      return r.chance(0.55) ? r.pick(YES) : r.pick(NO);
    case 'points':
      return r.chance(0.2) ? spec.max : r.chance(0.1) ? 0 : dec(r, spec.max ?? c.max, r.chance(0.5) ? 2 : 1);
    case 'percent':
      return r.chance(0.15) ? r.pick([0, 1]) : dec(r, 1, r.pick([2, 3, 4]));
    case 'count': {
      const rule = c.rule;
      const per = rule.type === 'perItem' || rule.type === 'deduction' ? rule.pointsPerItem : 1;
      return r.int(0, Math.ceil(c.max / per) + 2);
    }
    case 'choice':
      return r.pick(spec.choices!.map((ch) => ch.value));
    case 'number': {
      const rule = c.rule;
      if (rule.type === 'steps') {
        const s = r.pick(rule.steps);
        return r.pick([s.min, s.min + 1, Math.max(0, s.min - 0.5), dec(r, s.min * 2 + 1, 1)]);
      }
      if (spec.key === 'denominator') return r.chance(0.08) ? 0 : r.int(1, 400);
      if (spec.key === 'numerator') return undefined; // set after the denominator
      return r.chance(0.5) ? r.int(0, 1000) : dec(r, 100, 2);
    }
  }
  void entry;
}

export function randomEntries(
  annex: Annex,
  r: Rng,
): { entries: Entries; appraisals: Record<string, Appraisal> } {
  const entries: Entries = {};
  const appraisals: Record<string, Appraisal> = {};
  for (const c of annex.groups.flatMap((g) => g.criteria)) {
    const entry: CriterionEntry = {};
    for (const spec of ruleInputs(c)) {
      if (r.chance(0.07)) continue; // blank: 0 for the engine and the formulas alike
      const v = inputValue(r, c, spec, entry);
      if (v !== undefined) entry[spec.key] = v;
    }
    if (c.rule.type === 'ratio' && c.rule.mode === 'fraction' && entry.denominator !== undefined) {
      const d = entry.denominator as number;
      entry.numerator = r.chance(0.2) ? d : r.chance(0.5) ? r.int(0, d) : dec(r, d, 2);
    }
    if (c.notApplicableAllowed && r.chance(0.3)) entry.na = r.chance(0.6) ? r.pick(YES) : r.pick(NO);
    if (r.chance(0.4)) entry.reason = r.pick(TEXTS);
    if (r.chance(0.4)) entry.evidence = r.pick(TEXTS);
    if (Object.keys(entry).length) entries[c.id] = entry;
    if (r.chance(0.3))
      appraisals[c.id] = { points: dec(r, c.max, 2), ...(r.chance(0.5) ? { note: r.pick(TEXTS) } : {}) };
  }
  return { entries, appraisals };
}
