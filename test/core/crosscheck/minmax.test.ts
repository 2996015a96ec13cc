/**
 * The points a reference figure would give for a min–max criterion: the figure scored against the
 * lowest and best of the placed units with it in place of the unit's own, exactly as the ranking would
 * score it had the unit reported that figure (not value ÷ best).
 */
import type { Rulebook } from '../../../src/core/rulebook';
import { rank } from '../../../src/core/ranking';
import type { RankingInput } from '../../../src/core/ranking/types';
import { crossCheck, csvTableRows, parseReferenceRows } from '../../../src/core/crosscheck';
import { form, smallEntries, smallRulebook } from '../ranking/fixtures';

/** The small rulebook with its relativeToBest criterion 2.1 (max 20) normalised `normalise`. */
function rulebook(normalise: 'best' | 'minmax'): Rulebook {
  const rb = structuredClone(smallRulebook());
  const c = rb.annexes[0].groups[1].criteria[0];
  expect(c.id).toBe('2.1');
  c.rule = { type: 'relativeToBest', normalise };
  return rb;
}

const UNITS = ['a1', 'a2', 'a3'];
const inputsOf = (rb: Rulebook, values: number[]): RankingInput[] =>
  values.map((value, i) =>
    form(rb, 'A', UNITS[i], { entries: smallEntries({ value }), received: '2019-08-20' }),
  );

/** The reference figure `reference` for unit `unit` (a1…): the cross-check's points, and the ranking's had the unit reported it. */
function referencePoints(rb: Rulebook, values: number[], unit: number, reference: number) {
  const inputs = inputsOf(rb, values);
  const ranking = rank(rb, inputs, { asOf: '2019-09-30' });
  const table = parseReferenceRows(
    rb,
    csvTableRows(`unit,criterion,value\n${UNITS[unit]},2.1,${reference}\n`),
  );
  expect(table.problems).toEqual([]);
  const [check] = crossCheck(ranking, inputs, table.figures).checks;
  const replaced = values.map((v, i) => (i === unit ? reference : v));
  const reranked = rank(rb, inputsOf(rb, replaced), { asOf: '2019-09-30' });
  const entry = reranked.tables[0].entries.find((e) => e.unitId === UNITS[unit])!;
  return { check, ranked: entry.selfCriteria['2.1'] };
}

describe('cross-check of a min–max criterion', () => {
  const minmax = rulebook('minmax');

  it('scores against the lowest and the best with the figure in place', () => {
    // 50 → 90 among 80 and 100: the lowest becomes 80, (90 − 80) ÷ (100 − 80) × 20 = 10 (÷ best: 18).
    const { check, ranked } = referencePoints(minmax, [80, 100, 50], 2, 90);
    expect(check.reportedPoints).toBe(0); // 50 was the lowest
    expect(check.referencePoints).toBe(10);
    expect(ranked).toBe(10);
  });

  it('the figure becomes the new lowest: no points', () => {
    // 80 → 20: lowest 20, so 0 (÷ best: 4); the others' range widens.
    const { check, ranked } = referencePoints(minmax, [80, 100, 50], 0, 20);
    expect(check.reportedPoints).toBe(12); // (80 − 50) ÷ 50 × 20
    expect(check.referencePoints).toBe(0);
    expect(ranked).toBe(0);
  });

  it('the figure becomes the new best: full points, and the old best no longer sets the range', () => {
    const { check, ranked } = referencePoints(minmax, [80, 100, 50], 2, 120);
    expect(check.referencePoints).toBe(20);
    expect(ranked).toBe(20);
    // The old best, replaced below the others: it is the lowest now.
    const lower = referencePoints(minmax, [80, 100, 50], 1, 40);
    expect(lower.check.referencePoints).toBe(0);
    expect(lower.ranked).toBe(0);
  });

  it('ties: every placed unit at the same value earns full points, as each is the best', () => {
    const { check, ranked } = referencePoints(minmax, [80, 80, 50], 2, 80);
    expect(check.referencePoints).toBe(20);
    expect(ranked).toBe(20);
    // Tied at the lowest: nothing.
    const low = referencePoints(minmax, [50, 80, 100], 2, 50);
    expect(low.check.referencePoints).toBe(0);
    expect(low.ranked).toBe(0);
  });

  it('one unit: its figure is both lowest and best, full points above 0, none at 0', () => {
    const one = referencePoints(minmax, [80], 0, 60);
    expect(one.check.referencePoints).toBe(20);
    expect(one.ranked).toBe(20);
    const zero = referencePoints(minmax, [80], 0, 0);
    expect(zero.check.referencePoints).toBe(0);
    expect(zero.ranked).toBe(0);
  });

  it('a criterion relative to the best keeps value ÷ best', () => {
    const { check, ranked } = referencePoints(rulebook('best'), [80, 100, 50], 2, 90);
    expect(check.referencePoints).toBe(18);
    expect(ranked).toBe(18);
  });
});
