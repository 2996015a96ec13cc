/**
 * Pillars with weights, ranking and banding on the index, and min–max normalisation at consolidation,
 * at their boundaries: applicable maxima, unscored groups, a pillar with nothing applicable, weights in
 * proportion to the maxima (the plain sum), index rounding, one unit and ties. The form's formulas
 * (in-process evaluator) give the engine's total and band.
 */
import { annexForUnit, indexOf, parseRulebook, type RulebookInput } from '../../../src/core/rulebook';
import { nextBand, relativeShare, score } from '../../../src/core/scoring';
import { rank } from '../../../src/core/ranking';
import type { Entries } from '../../../src/core/scoring/types';
import { planForm } from '../../../src/form/plan';
import type { SheetPlan } from '../../../src/form/types';
import { Sheet, type Grid } from '../../form/evaluator';
import { randomEntries, rng } from '../../form/random-entries';
import { input, withPillars } from '../../helpers/frameworks';
import { form, smallRulebook } from '../ranking/fixtures';

type AnnexInput = RulebookInput['annexes'][number];

const rb = parseRulebook(withPillars([1, 1]));
const unit = (id: string) => rb.units.find((u) => u.id === id)!;
const own = (id: string) => annexForUnit(rb.annexes[0], unit(id));
const points = (p: Record<string, number | string>): Entries =>
  Object.fromEntries(
    Object.entries(p).map(([id, v]) => [id, typeof v === 'number' ? { points: v } : { value: v }]),
  );

describe('pillars: the weighted total', () => {
  it('each pillar earns its share of its applicable maximum, weighted', () => {
    // Sở Tư pháp: CQS = 1.1 + 1.2 + 1.4 (800), KTS = 2.1 (200; 2.2 is Sở Công Thương's only).
    const s = score(own('so-tu-phap'), points({ '1.1': 400, '1.2': 250, '1.4': 'Có', '2.1': 100 }));
    expect(s.pillars).toEqual([
      { code: 'CQS', title: 'Chính quyền số', weight: 1, points: 700, max: 800 },
      { code: 'KTS', title: 'Kinh tế số', weight: 1, points: 100, max: 200 },
    ]);
    // 1,000 × (700/800 + 100/200) ÷ 2, where the plain sum would be 800.
    expect(s.total).toBe(687.5);
    expect(indexOf(s.total, own('so-tu-phap').max)).toBe(0.6875);
  });

  it('unscored criteria and groups change nothing', () => {
    const base = points({ '1.1': 400, '1.2': 250, '1.4': 'Có', '2.1': 100 });
    const withUnscored = { ...base, ...points({ '1.3': 10, '3.1': 100 }) };
    expect(score(own('so-tu-phap'), withUnscored).total).toBe(score(own('so-tu-phap'), base).total);
  });

  it('a pillar with nothing applicable drops out and the others carry the weight', () => {
    const entries = { ...points({ '1.1': 400, '1.2': 250, '1.4': 'Có' }), '2.1': { na: 'Có' } };
    const s = score(own('so-tu-phap'), entries);
    expect(s.pillars![1]).toMatchObject({ code: 'KTS', points: 0, max: 0 });
    expect(s.total).toBe(875);
    // Nothing applicable at all: 0, not a division by zero.
    const none = parseRulebook(withPillars([1, 1]));
    expect(score(annexForUnit(none.annexes[0], unit('ban-qlda')), {}).total).toBe(0);
  });

  it('follows the unit’s applicable maximum (750 without administrative procedures)', () => {
    const annex = own('ban-qlda');
    expect(annex.max).toBe(750);
    const s = score(annex, points({ '1.1': 500, '1.4': 'Có', '2.1': 100 }));
    expect(s.pillars!.map((p) => p.max)).toEqual([550, 200]);
    expect(s.total).toBe(562.5); // 750 × (550/550 + 100/200) ÷ 2
  });

  it('weights in proportion to the pillars’ maxima give the plain sum', () => {
    const plain = parseRulebook(input());
    const weighted = parseRulebook(withPillars([800, 250]));
    const r = rng(42);
    for (let i = 0; i < 50; i++) {
      const { entries } = randomEntries(annexForUnit(plain.annexes[0], unit('so-cong-thuong')), r);
      delete entries['2.1']?.na; // N/A rescales the plain sum over the annex, pillars within the pillar
      const a = score(annexForUnit(plain.annexes[0], unit('so-cong-thuong')), entries).total;
      const b = score(annexForUnit(weighted.annexes[0], unit('so-cong-thuong')), entries).total;
      expect(Math.abs(a - b)).toBeLessThanOrEqual(0.01);
    }
  });

  it('the rulebook says which groups and only sum annexes', () => {
    const bad = (pillars: AnnexInput['pillars'], extra: Partial<AnnexInput> = {}) => {
      const i = withPillars([1, 1]);
      return () => parseRulebook({ ...i, annexes: [{ ...i.annexes[0], pillars, ...extra }] });
    };
    expect(bad([{ code: 'A', title: 'A', groups: ['1', '9'], weight: 1 }])).toThrow(/unknown group 9/);
    expect(
      bad([
        { code: 'A', title: 'A', groups: ['1', '2'], weight: 1 },
        { code: 'B', title: 'B', groups: ['2'], weight: 1 },
      ]),
    ).toThrow(/group 2 is in two pillars/);
    expect(bad([{ code: 'A', title: 'A', groups: ['1'], weight: 1 }])).toThrow(/group 2 is in no pillar/);
    expect(bad([{ code: 'A', title: 'A', groups: ['1'], weight: 0 }])).toThrow();
    // An unscored group need not be in a pillar; listing it there counts nothing.
    expect(bad([{ code: 'A', title: 'A', groups: ['1', '2', '3'], weight: 1 }])).not.toThrow();
  });
});

describe('the index', () => {
  it('rounds half away from zero at 4 decimals, as ROUND(x,4)', () => {
    expect(indexOf(1, 3)).toBe(0.3333);
    expect(indexOf(2, 3)).toBe(0.6667);
    expect(indexOf(687.55, 1000)).toBe(0.6876); // 0.68755 in binary is just below the half
    expect(indexOf(795.5, 1000)).toBe(0.7955);
    expect(indexOf(1000, 1000)).toBe(1);
    expect(indexOf(5, 0)).toBe(0);
  });
});

describe('ranking and banding on the index', () => {
  const indexBands = [
    { label: 'Tốt', labelEn: 'Good', min: 0.8 },
    { label: 'Khá', labelEn: 'Fair', min: 0.5 },
    { label: 'Yếu', labelEn: 'Weak', min: 0 },
  ];
  const onIndex = parseRulebook(withPillars([800, 250], { rankOn: 'index', bands: indexBands }));
  const ownOf = (id: string) => annexForUnit(onIndex.annexes[0], unit(id));

  it('bands compare the index with 0–1 thresholds; the next band is in points', () => {
    const s = score(ownOf('ban-qlda'), points({ '1.1': 500, '1.4': 'Có', '2.1': 50 }));
    expect(s.total).toBe(616.07); // 750 × (800 × 550/550 + 250 × 50/200) ÷ 1,050
    expect(s.band.label).toBe('Tốt'); // 0.8214
    const low = score(ownOf('so-tu-phap'), points({ '1.1': 500, '2.1': 100 }));
    expect(low.total).toBe(595.24); // 1,000 × (800 × 500/800 + 250 × 100/200) ÷ 1,050
    expect(low.band.label).toBe('Khá'); // 0.5952
    expect(nextBand(ownOf('so-tu-phap'), low.total)).toMatchObject({ needed: 204.76 });
  });

  it('a unit with a smaller maximum ranks above on the index, below on points', () => {
    const inputs = [
      form(onIndex, 'so', 'ban-qlda', {
        year: 2025,
        entries: points({ '1.1': 500, '1.4': 'Có', '2.1': 50 }),
      }),
      form(onIndex, 'so', 'so-tu-phap', {
        year: 2025,
        entries: points({ '1.1': 500, '1.2': 200, '1.4': 'Có', '2.1': 0 }),
      }),
    ];
    const order = (r: ReturnType<typeof rank>) =>
      r.tables[0].entries.filter((e) => e.rank).map((e) => [e.unitId, e.rank, e.total]);
    expect(order(rank(onIndex, inputs))).toEqual([
      ['ban-qlda', 1, 616.07], // 0.8214
      ['so-tu-phap', 2, 714.29], // 0.7143
    ]);
    const onPoints = parseRulebook(withPillars([800, 250]));
    const again = inputs.map((i) =>
      'submission' in i
        ? form(onPoints, 'so', i.submission.meta.unitId, { year: 2025, entries: i.submission.entries })
        : i,
    );
    expect(order(rank(onPoints, again))).toEqual([
      ['so-tu-phap', 1, 714.29],
      ['ban-qlda', 2, 616.07],
    ]);
  });

  it('indices equal to 4 decimals tie', () => {
    const inputs = ['so-tu-phap', 'so-cong-thuong'].map((id) =>
      form(onIndex, 'so', id, {
        year: 2025,
        entries: points({ '1.1': 500, '1.2': 250, '1.4': 'Có', '2.1': 200 }),
      }),
    );
    // 1,000 of 1,000 and 1,000 of 1,050 (2.2 not earned) — then a tie at 1.
    const r = rank(onIndex, inputs);
    expect(r.tables[0].entries.map((e) => e.rank)).toEqual([1, 2]);
    const tied = rank(onIndex, [
      inputs[0],
      form(onIndex, 'so', 'so-cong-thuong', {
        year: 2025,
        entries: points({ '1.1': 500, '1.2': 250, '1.4': 'Có', '2.1': 200, '2.2': 50 }),
      }),
    ]);
    expect(tied.tables[0].entries.map((e) => e.rank)).toEqual([1, 1]);
  });
});

describe('min–max normalisation at consolidation', () => {
  it('at the boundaries: one unit, all tied, the lowest and the best', () => {
    expect(relativeShare('minmax', 30, 30, 30)).toBe(1); // one unit, or every unit tied
    expect(relativeShare('minmax', 0, undefined, 0)).toBe(0); // nobody has a value
    expect(relativeShare('minmax', 10, 50, 10)).toBe(0);
    expect(relativeShare('minmax', 30, 50, 10)).toBe(0.5);
    expect(relativeShare('minmax', 50, 50, 10)).toBe(1);
    expect(relativeShare('best', 30, 50, 10)).toBe(0.6); // today's: value ÷ best
    expect(relativeShare(undefined, 30, 50)).toBe(0.6);
  });

  const small = (normalise: 'best' | 'minmax') => {
    const rb0 = smallRulebook();
    const input0 = JSON.parse(JSON.stringify(rb0)) as RulebookInput;
    for (const c of input0.annexes[0].groups.flatMap((g) => g.criteria))
      if (c.rule.type === 'relativeToBest') c.rule = { ...c.rule, normalise };
    return parseRulebook(input0);
  };
  const relative = (r: ReturnType<typeof smallRulebook>) =>
    r.annexes[0].groups.flatMap((g) => g.criteria).find((c) => c.rule.type === 'relativeToBest')!;
  const ranked = (r: ReturnType<typeof smallRulebook>, values: Record<string, number>) => {
    const c = relative(r);
    const inputs = Object.entries(values).map(([unitId, value]) => {
      const f = form(r, 'A', unitId);
      if ('submission' in f) f.submission.entries[c.id] = { ...f.submission.entries[c.id], value };
      return f;
    });
    const out = rank(r, inputs);
    return Object.fromEntries(out.tables[0].entries.map((e) => [e.unitId, e.criteria[c.id]]));
  };

  it('spreads the counted units from 0 to the maximum; one unit and ties earn the maximum', () => {
    const mm = small('minmax');
    const c = relative(mm);
    const units = mm.units.filter((u) => u.annex === 'A').map((u) => u.id);
    expect(units.length).toBeGreaterThanOrEqual(3);
    const [a, b, d] = units;
    expect(ranked(mm, { [a]: 10, [b]: 30, [d]: 50 })).toMatchObject({ [a]: 0, [b]: c.max / 2, [d]: c.max });
    expect(ranked(small('best'), { [a]: 10, [b]: 30, [d]: 50 })).toMatchObject({
      [a]: (c.max * 10) / 50,
      [d]: c.max,
    });
    expect(ranked(mm, { [a]: 20 })).toMatchObject({ [a]: c.max });
    expect(ranked(mm, { [a]: 20, [b]: 20, [d]: 20 })).toMatchObject({ [a]: c.max, [b]: c.max, [d]: c.max });
  });
});

describe('the form computes the weighted total and the band on the index', () => {
  function evaluate(plan: SheetPlan): Record<string, unknown> {
    const grid: Grid = new Map();
    for (const c of plan.cells)
      if (c.value !== undefined || c.formula !== undefined)
        grid.set(Sheet.key(c.row, c.col), { value: c.value, formula: c.formula });
    const sheet = new Sheet(grid);
    return Object.fromEntries(plan.names.map((n) => [n.name, sheet.cell(n.row, n.col)]));
  }
  const weighted = parseRulebook(
    withPillars([0.6, 0.4], {
      rankOn: 'index',
      bands: [
        { label: 'Tốt', labelEn: 'Good', min: 0.7 },
        { label: 'Yếu', labelEn: 'Weak', min: 0 },
      ],
    }),
  );

  it.each(['so-cong-thuong', 'so-tu-phap', 'ban-qlda'])('%s, random entries', (id) => {
    const annex = annexForUnit(weighted.annexes[0], unit(id));
    const r = rng(id.length * 104729);
    for (let i = 0; i < 60; i++) {
      const { entries } = randomEntries(annex, r);
      const values = evaluate(planForm(weighted, 'so', { id, name: unit(id).name }, 2025, { entries }));
      const engine = score(annex, entries);
      expect([i, values.TOTAL, values.BAND]).toEqual([i, engine.total, engine.band.label]);
    }
  });
});
