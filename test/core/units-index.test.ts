/**
 * matchUnit looks names up in an index built once per unit list (for consolidations of hundreds of
 * forms); it must answer exactly as the plain scan it replaced, kept here as the reference.
 */
import fc from 'fast-check';
import { builtinRulebooks, type Rulebook, type Unit } from '../../src/core/rulebook';
import { coreName, matchUnit, normalizeName, unitKeys } from '../../src/core/units';

// The units' own normalized names and keys, computed once (both are pure): the scan still compares every
// unit for every query, as the code it replaced did, without normalizing the same names thousands of times.
const normalized = new Map<string, string>();
const normalizedOnce = (s: string) => {
  if (!normalized.has(s)) normalized.set(s, normalizeName(s));
  return normalized.get(s)!;
};
const keys = new Map<Unit, string[]>();
const keysOnce = (u: Unit) => {
  if (!keys.has(u)) keys.set(u, unitKeys(u));
  return keys.get(u)!;
};

function scanMatch(rb: Rulebook, text: string, annex?: string): Unit | undefined {
  const pool = rb.units.filter((u) => !annex || u.annex === annex);
  const exact = normalizeName(text);
  const byExact = pool.filter((u) => [u.id, u.name, ...u.aliases].some((s) => normalizedOnce(s) === exact));
  if (byExact.length === 1) return byExact[0];
  if (byExact.length > 1) return undefined;
  const core = coreName(text);
  const byCore = pool.filter((u) => keysOnce(u).includes(core));
  return byCore.length === 1 ? byCore[0] : undefined;
}

describe('matchUnit through the unit index', () => {
  const rulebooks = builtinRulebooks();
  const names = rulebooks.flatMap((rb) => rb.units.flatMap((u) => [u.id, u.name, ...u.aliases]));
  const variant = fc
    .tuple(
      fc.constantFrom(...names),
      fc.constantFrom('', 'UBND ', 'Huyện ', 'TP. ', 'xã '),
      fc.constantFrom('nfc', 'nfd', 'upper', 'spaces', 'cut'),
    )
    .map(([name, prefix, how]) => {
      const s = prefix + name;
      return how === 'nfd'
        ? s.normalize('NFD')
        : how === 'upper'
          ? s.toUpperCase()
          : how === 'spaces'
            ? `  ${s.replace(/ /g, '   ')} `
            : how === 'cut'
              ? s.slice(0, -1)
              : s;
    });

  it('answers as the plain scan for every listed name and its variants, with and without an annex', () => {
    for (const rb of rulebooks)
      for (const text of names) {
        expect(matchUnit(rb, text)).toBe(scanMatch(rb, text));
        for (const a of rb.annexes) expect(matchUnit(rb, text, a.code)).toBe(scanMatch(rb, text, a.code));
      }
    fc.assert(
      fc.property(fc.constantFrom(...rulebooks), variant, fc.boolean(), (rb, text, byAnnex) => {
        const annex = byAnnex ? rb.annexes[text.length % rb.annexes.length].code : undefined;
        expect(matchUnit(rb, text, annex)).toBe(scanMatch(rb, text, annex));
      }),
      { numRuns: 2000 },
    );
  });
});
