/**
 * The sample entries (src/samples/entries.ts) for every annex of every built-in rulebook: valid inputs
 * of every rule type, reasons and evidence where validation asks for them, totals that grow with the
 * unit's quality (what lets entriesForTotal search), and exact totals where asked.
 */
import { builtinRulebooks, ruleInputs } from '../../src/core/rulebook';
import { score, validate } from '../../src/core/scoring';
import { annotate, entriesForTotal, entryValues, unitContext } from '../../src/samples';

const QUALITIES = [0, 0.25, 0.5, 0.75, 0.9, 1, 1.2];

describe.each(
  builtinRulebooks().flatMap((rb) => rb.annexes.map((a) => [`${rb.id} ${a.code}`, rb, a] as const)),
)('%s', (_name, rb, annex) => {
  const unit = rb.units.find((u) => u.annex === annex.code) ?? {
    id: 'thu-nghiem',
    name: 'Đơn vị thử nghiệm',
    annex: annex.code,
    aliases: [],
    provenance: 'reconstructed' as const,
  };
  const ctx = unitContext(unit, 'tinh.gov.vn', 2019);

  it('fills every input with a valid value, and a reason and evidence wherever validation asks, at any quality', () => {
    for (const q of QUALITIES) {
      const entries = annotate(annex, entryValues(annex, q, ctx), ctx);
      for (const c of annex.groups.flatMap((g) => g.criteria))
        for (const spec of ruleInputs(c)) expect(entries[c.id][spec.key]).toBeDefined();
      expect({ q, errors: validate(annex, entries).filter((i) => i.severity === 'error') }).toEqual({
        q,
        errors: [],
      });
    }
  });

  it('gives totals that never fall as the quality rises, from low to near the maximum', () => {
    const totals = QUALITIES.map((q) => score(annex, entryValues(annex, q, ctx)).total);
    for (let i = 1; i < totals.length; i++) expect(totals[i]).toBeGreaterThanOrEqual(totals[i - 1]);
    expect(totals[0]).toBeLessThan(annex.max * 0.5);
    const relative = annex.groups.flatMap((g) => g.criteria).filter((c) => c.rule.type === 'relativeToBest');
    expect(totals.at(-1)!).toBeGreaterThan((annex.max - relative.reduce((s, c) => s + c.max, 0)) * 0.9);
  });

  if (annex.aggregate !== 'mean')
    it('lands exactly on a chosen total (a band boundary, just below one)', () => {
      for (const band of annex.bands.filter((b) => b.min > 0)) {
        for (const target of [band.min, Math.round((band.min - 0.25) * 100) / 100]) {
          const entries = entriesForTotal(annex, target, ctx);
          expect(score(annex, entries).total).toBe(target);
          expect(validate(annex, entries).filter((i) => i.severity === 'error')).toEqual([]);
        }
      }
    });
});
