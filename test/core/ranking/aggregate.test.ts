import fc from 'fast-check';
import { builtinRulebooks, ruleInputs, type Annex } from '../../../src/core/rulebook';
import { score, validate, type Entries } from '../../../src/core/scoring';
import { aggregateCriteria, applyAppraisals } from '../../../src/core/ranking';
import { fullEntries, smallEntries, smallRulebook } from './fixtures';
import { makeRulebook } from '../../helpers/rulebooks';

const annexes: Annex[] = [
  ...builtinRulebooks().flatMap((rb) => rb.annexes),
  makeRulebook().annexes[0],
  smallRulebook().annexes[0],
];

/** Random entries: every numeric input scaled by a random factor, yes/no flipped, N/A where allowed. */
function randomEntries(annex: Annex): fc.Arbitrary<Entries> {
  const criteria = annex.groups.flatMap((g) => g.criteria);
  return fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: criteria.length, maxLength: criteria.length }),
      fc.array(fc.boolean(), { minLength: criteria.length, maxLength: criteria.length }),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: criteria.length, maxLength: criteria.length }),
    )
    .map(([factors, flips, na]) => {
      const full = fullEntries(annex);
      criteria.forEach((c, i) => {
        const entry = { ...full[c.id] };
        for (const spec of ruleInputs(c)) {
          const v = entry[spec.key];
          if (spec.kind === 'yesNo') entry[spec.key] = flips[i] ? 'Không' : v;
          else if (spec.kind === 'choice')
            entry[spec.key] = spec.choices![factors[i] % spec.choices!.length].value;
          else if (typeof v === 'number' && spec.key !== 'denominator')
            entry[spec.key] = Math.round(v * factors[i]) / 100;
        }
        if (c.notApplicableAllowed && na[i] === 0) entry.na = 'Có';
        full[c.id] = entry;
      });
      return full;
    });
}

describe('aggregateCriteria mirrors the engine', () => {
  it.each(annexes.map((a) => [a.code, a] as const))(
    'annex %s: same subtotals, total and band as score()',
    (_code, annex) => {
      fc.assert(
        fc.property(randomEntries(annex), fc.integer({ min: 1, max: 500 }), (entries, bestValue) => {
          const best = Object.fromEntries(
            annex.groups
              .flatMap((g) => g.criteria)
              .filter((c) => c.rule.type === 'relativeToBest')
              .map((c) => [c.id, bestValue]),
          );
          const engine = score(annex, entries, best);
          const again = aggregateCriteria(annex, engine.criteria);
          expect(again.total).toBe(engine.total);
          expect(again.band).toEqual(engine.band);
          expect(again.groups).toEqual(engine.groups);
        }),
        { numRuns: 60 },
      );
    },
  );

  it('the fixtures fill every built-in annex without errors (so rankings built on them are valid)', () => {
    for (const annex of builtinRulebooks().flatMap((rb) => rb.annexes))
      expect(validate(annex, fullEntries(annex)).filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('applyAppraisals', () => {
  const annex = smallRulebook().annexes[0];
  const best = { '2.1': 100 };

  it('nothing appraised: the self score, untouched', () => {
    const self = score(annex, smallEntries({ a: 30 }), best);
    const r = applyAppraisals(annex, self, { '1.1': { note: 'đã xem' } });
    expect(r.score).toBe(self);
    expect(r.appraised).toEqual([]);
  });

  it('appraised points replace self points and go through the same aggregation', () => {
    const self = score(annex, smallEntries({ a: 30 }), best);
    expect(self.total).toBe(90);
    const r = applyAppraisals(annex, self, { '1.1': { points: 12.5 }, '2.2': { points: 10 } });
    expect(r.appraised).toEqual(['1.1', '2.2']);
    expect(r.score.total).toBe(62.5);
    expect(r.score.groups.map((g) => g.points)).toEqual([32.5, 30]);
    expect(r.score.band.label).toBe('Khá');
  });

  it('a not-applicable criterion is rescaled, and an appraised value there makes it count', () => {
    // 1.2 (max 20) not applicable: 30 + 20 + 20 = 70 of 80 → 70 × 100 / 80 = 87.5.
    const self = score(annex, smallEntries({ a: 30, naB: true }), best);
    expect(self.total).toBe(87.5);
    const lowered = applyAppraisals(annex, self, { '1.1': { points: 20 } });
    expect(lowered.score.total).toBe(75); // 60 × 100 / 80
    const counted = applyAppraisals(annex, self, { '1.2': { points: 5 } });
    expect(counted.score.total).toBe(75); // 30 + 5 + 20 + 20, no rescale
  });

  it('clamps appraised points to 0..max and says so', () => {
    const self = score(annex, smallEntries({}), best);
    const r = applyAppraisals(annex, self, { '1.1': { points: 45 }, '2.2': { points: -1 } });
    expect(r.score.criteria.find((c) => c.id === '1.1')!.points).toBe(40);
    expect(r.score.criteria.find((c) => c.id === '2.2')!.points).toBe(0);
    expect(r.notes).toHaveLength(2);
    expect(r.notes[0].vi).toContain('45');
  });

  it('a mean annex (Đồng Nai) averages the appraised levels', () => {
    const dn = builtinRulebooks().find((rb) => rb.id === 'dong-nai-2022')!.annexes[0];
    const self = score(dn, fullEntries(dn));
    expect(self.total).toBe(3);
    const ids = dn.groups.flatMap((g) => g.criteria).map((c) => c.id);
    const r = applyAppraisals(dn, self, { [ids[0]]: { points: 0 } });
    // one criterion of n at 0, the others at 3: 3 × (n − 1) / n, rounded to 2 decimals
    expect(r.score.total).toBe(Math.round((300 * (ids.length - 1)) / ids.length) / 100);
  });
});
