/**
 * The model of today's frameworks: criteria for some unit types or units only (a unit's maximum follows),
 * groups and criteria collected without points, results as an index, units with dates and merges. The
 * engine, the form's formulas (in-process evaluator) and `check` must agree on all of them.
 */
import fc from 'fast-check';
import {
  annexForUnit,
  appliesToUnit,
  builtinRulebook,
  indexOf,
  parseRulebook,
  RulebookError,
} from '../../../src/core/rulebook';
import { score } from '../../../src/core/scoring';
import { planForm } from '../../../src/form/plan';
import { readSubmission } from '../../../src/form/read';
import { formName } from '../../../src/form/names';
import { checkReport } from '../../../src/cli/check';
import { diffRulebooks } from '../../../src/core/rulebook/diff';
import { formatDiff } from '../../../src/authoring/diff';
import type { SheetPlan } from '../../../src/form/types';
import { Sheet, type Grid } from '../../form/evaluator';
import { randomEntries, rng } from '../../form/random-entries';
import { input } from '../../helpers/frameworks';

const rb = parseRulebook(input());
const annex = rb.annexes[0];
const unit = (id: string) => rb.units.find((u) => u.id === id)!;

describe('criteria for some unit types or units', () => {
  it("a unit's annex keeps its criteria and its maximum follows", () => {
    expect(annexForUnit(annex, unit('so-cong-thuong')).max).toBe(1050);
    expect(annexForUnit(annex, unit('so-tu-phap')).max).toBe(1000);
    expect(annexForUnit(annex, unit('ban-qlda')).max).toBe(750);
    expect(annexForUnit(annex, unit('ban-qlda')).groups.flatMap((g) => g.criteria.map((c) => c.id))).toEqual([
      '1.1',
      '1.3',
      '1.4',
      '2.1',
      '3.1',
    ]);
    // A blank form (no unit) shows every criterion.
    expect(annexForUnit(annex, undefined)).toBe(annex);
  });

  it('applies by type, by unit id, or to everyone', () => {
    const [c11, c12] = annex.groups[0].criteria;
    const c22 = annex.groups[1].criteria[1];
    expect(appliesToUnit(c11, { id: 'x' })).toBe(true);
    expect(appliesToUnit(c12, { id: 'x', type: 'co-tthc' })).toBe(true);
    expect(appliesToUnit(c12, { id: 'x' })).toBe(false);
    expect(appliesToUnit(c22, { id: 'so-cong-thuong', type: 'khong-tthc' })).toBe(true);
    expect(appliesToUnit(c22, { id: 'so-tu-phap', type: 'co-tthc' })).toBe(false);
  });

  it('full points are index 1 for every unit, whatever its maximum', () => {
    for (const id of ['so-cong-thuong', 'so-tu-phap', 'ban-qlda']) {
      const own = annexForUnit(annex, unit(id));
      const entries = Object.fromEntries(
        own.groups
          .flatMap((g) => g.criteria)
          .map((c) => [c.id, c.rule.type === 'yesNo' ? { value: 'Có' } : { points: c.max }]),
      );
      const s = score(own, entries);
      expect([s.total, indexOf(s.total, own.max)]).toEqual([own.max, 1]);
    }
  });
});

describe('collected without points', () => {
  it('an unscored criterion and an unscored group are shown but not counted', () => {
    const s = score(annex, { '1.1': { points: 400 }, '1.3': { points: 10 }, '3.1': { points: 80 } });
    expect(s.total).toBe(400);
    expect(s.groups.map((g) => [g.code, g.points, g.max])).toEqual([
      ['1', 400, 800],
      ['2', 0, 250],
      ['3', 80, 100],
    ]);
    expect(s.criteria.find((c) => c.id === '1.3')!.points).toBe(10);
  });

  it('the annex maximum is checked without them', () => {
    const bad = input();
    bad.annexes[0].max = 1110;
    expect(() => parseRulebook(bad)).toThrow(/add up to 1050, not 1110/);
  });
});

describe('index', () => {
  it.each([
    [795.5, 1000, 0.7955],
    [2, 3, 0.6667],
    [1, 3, 0.3333],
    [1, 20000, 0.0001], // 0.00005: half away from zero
    [0, 750, 0],
    [750, 750, 1],
    [5, 0, 0],
  ])('%d ÷ %d = %d', (total, max, index) => expect(indexOf(total, max)).toBe(index));

  it('always has at most 4 decimals and stays within 0..1 for totals within the maximum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (maxCents, share) => {
          const max = maxCents / 100;
          const total = Math.round(max * share * 100) / 100;
          const i = indexOf(total, max);
          expect(i).toBeGreaterThanOrEqual(0);
          expect(i).toBeLessThanOrEqual(1);
          expect(Math.abs(i * 10000 - Math.round(i * 10000))).toBeLessThan(1e-6);
          expect(Math.abs(i - total / max)).toBeLessThanOrEqual(0.00005 + 1e-12);
        },
      ),
    );
  });
});

describe('units of the two-level government', () => {
  it('dates and merges are checked', () => {
    const merged = input();
    merged.units![2] = { ...merged.units![2], mergedInto: 'so-khong-co' };
    expect(() => parseRulebook(merged)).toThrow(RulebookError);
    const dates = input();
    dates.units![2] = { ...dates.units![2], validFrom: '2025-07-01', validTo: '2025-06-30' };
    expect(() => parseRulebook(dates)).toThrow(/valid until 2025-06-30, before 2025-07-01/);
    expect(unit('ban-qlda')).toMatchObject({
      validTo: '2025-06-30',
      mergedInto: 'so-tu-phap',
      type: 'khong-tthc',
    });
  });
});

describe('the form agrees with the engine and check', () => {
  function evaluate(plan: SheetPlan): Record<string, unknown> {
    const grid: Grid = new Map();
    for (const c of plan.cells)
      if (c.value !== undefined || c.formula !== undefined)
        grid.set(Sheet.key(c.row, c.col), { value: c.value, formula: c.formula });
    const sheet = new Sheet(grid);
    return Object.fromEntries(plan.names.map((n) => [n.name, sheet.cell(n.row, n.col)]));
  }

  it.each(['so-cong-thuong', 'ban-qlda'])('%s: totals, subtotals and index on random entries', (id) => {
    const own = annexForUnit(annex, unit(id));
    const r = rng(id.length * 7919);
    for (let i = 0; i < 40; i++) {
      const { entries } = randomEntries(own, r);
      const plan = planForm(rb, 'so', { id, name: unit(id).name }, 2025, { entries });
      // Only the unit's criteria are on its form.
      expect(plan.names.filter((n) => n.name.startsWith('PT_')).length).toBe(
        own.groups.flatMap((g) => g.criteria).length,
      );
      const values = evaluate(plan);
      const engine = score(own, entries);
      expect(values.TOTAL).toBe(engine.total);
      for (const g of engine.groups) expect(values[formName.group(g.code)]).toBe(g.points);
      const submission = readSubmission(rb, metaOf(plan), values);
      expect(submission.altered).toEqual([]);
      const { report } = checkReport(rb, submission);
      expect(report.total).toBe(engine.total);
      expect(report.index).toBe(indexOf(engine.total, own.max));
    }
  });

  function metaOf(plan: SheetPlan) {
    const m = Object.fromEntries(plan.metaSheet.rows);
    return {
      rulebookId: m.rulebookId,
      rulebookVersion: m.rulebookVersion,
      rulebookHash: m.rulebookHash,
      annex: m.annex,
      unitId: m.unitId,
      unitName: m.unitName,
      year: Number(m.year),
      layoutVersion: Number(m.layoutVersion),
    } as never;
  }
});

describe('the built-in DTI-style example', () => {
  const dti = builtinRulebook('dti-2025')!;

  it('is reconstructed, says so, and states its assumptions', () => {
    expect(
      dti.annexes
        .flatMap((a) => a.groups.flatMap((g) => g.criteria))
        .every((c) => c.provenance === 'reconstructed'),
    ).toBe(true);
    expect(dti.reconstructedFrom?.en).toContain('QĐ 922/QĐ-BTTTT');
    expect(dti.assumptions.length).toBeGreaterThanOrEqual(5);
  });

  it('gives each sở the maximum of its indices, and a commune 1,000; unscored groups do not count', () => {
    const so = dti.annexes.find((a) => a.code === 'SO')!;
    const maxOf = (id: string) =>
      annexForUnit(
        so,
        dti.units.find((u) => u.id === id),
      ).max;
    expect([maxOf('so-khcn'), maxOf('so-tu-phap'), maxOf('vp-ubnd')]).toEqual([1000, 850, 750]);
    const xa = dti.annexes.find((a) => a.code === 'XA')!;
    expect(
      annexForUnit(
        xa,
        dti.units.find((u) => u.id === 'dac-khu-mau-c'),
      ).max,
    ).toBe(1000);
    expect(score(xa, { '8.1': { points: 1 } }).total).toBe(0);
  });
});

describe('diff of the new fields', () => {
  it('names who a criterion applies to, what is scored, and units’ dates and merges', () => {
    const changed = input();
    changed.annexes[0].groups[0].criteria[1] = {
      ...changed.annexes[0].groups[0].criteria[1],
      appliesTo: { unitTypes: ['co-tthc', 'kinh-te-so'] },
    };
    changed.annexes[0].groups[0].criteria[2] = {
      ...changed.annexes[0].groups[0].criteria[2],
      scored: undefined,
    };
    changed.annexes[0].max = 1060;
    changed.units![2] = { ...changed.units![2], validTo: '2025-07-01' };
    const d = diffRulebooks(rb, parseRulebook(changed));
    const fields = d.annexes[0].changed.flatMap((c) => c.changes.map((x) => `${c.id} ${x.field}`));
    expect(fields).toEqual(['1.2 appliesTo.unitTypes', '1.3 scored']);
    expect(d.units.changed).toEqual([
      {
        id: 'ban-qlda',
        name: 'Ban Quản lý dự án',
        changes: [{ field: 'validTo', from: '2025-06-30', to: '2025-07-01' }],
      },
    ]);
    expect(formatDiff(d, 'en')).toContain('Only for unit types');
  });
});
