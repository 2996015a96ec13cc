/**
 * The form's formulas against the engine, in-process: each plan is evaluated by the small evaluator of
 * Excel semantics (evaluator.ts) for many random entries. The LibreOffice test does the same through a
 * real spreadsheet on fewer cases.
 */
import fc from 'fast-check';
import {
  builtinRulebooks,
  annexCriteria,
  ruleInputs,
  type Annex,
  type Rulebook,
} from '../../src/core/rulebook';
import { bandOf, provisionalOf, rawPoints, score, validate } from '../../src/core/scoring';
import { readSubmission } from '../../src/form/read';
import { a1 } from '../../src/sheet/a1';
import { typedCells } from './typed-cells';
import { parseYesNo, round2 } from '../../src/core/numbers';
import type { Entries } from '../../src/core/scoring/types';
import { planForm } from '../../src/form/plan';
import { bandFormula, NO_WORDS, YES_WORDS, yesExpr, num } from '../../src/form/formulas';
import { formName } from '../../src/form/names';
import { parseA1 } from '../../src/sheet/a1';
import type { SheetPlan } from '../../src/form/types';
import type { PlanConditionalFormat } from '../../src/sheet/types';
import { makeRulebook, everyRule } from '../helpers/rulebooks';
import { Sheet, type Grid } from './evaluator';
import { randomEntries, rng } from './random-entries';
import { edgeCases, edgeRulebook } from './edge-cases';

// Every plan records its rulebook's content hash (the canonical JSON, sha-256); these tests plan thousands
// of forms from the same few rulebooks, never changed, so each one's hash is computed once.
jest.mock('../../src/core/rulebook/load', () => {
  const actual = jest.requireActual('../../src/core/rulebook/load');
  const hashes = new WeakMap<object, string>();
  return {
    ...actual,
    contentHash: (rb: object) => {
      if (!hashes.has(rb)) hashes.set(rb, actual.contentHash(rb));
      return hashes.get(rb);
    },
  };
});

function sheetOf(plan: SheetPlan): Sheet {
  const grid: Grid = new Map();
  for (const c of plan.cells)
    if (c.value !== undefined || c.formula !== undefined)
      grid.set(Sheet.key(c.row, c.col), { value: c.value, formula: c.formula });
  return new Sheet(grid);
}

const at = (plan: SheetPlan, name: string) => plan.names.find((n) => n.name === name)!;
const valueOf = (plan: SheetPlan, sheet: Sheet, name: string) => {
  const n = at(plan, name);
  return sheet.cell(n.row, n.col);
};

/** A conditional format's formula as seen from a cell `dRow` rows below its range's top-left. */
function shifted(formula: string, dRow: number): string {
  return formula.replace(
    /("(?:[^"]|"")*")|(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z(])/g,
    (m, s, c$, col, r$, row) => (s ? s : `${c$}${col}${r$}${r$ ? row : Number(row) + dRow}`),
  );
}

/** Each conditional format of a plan with its range's corners, parsed once per plan. */
const cfAreas = new WeakMap<
  SheetPlan,
  { cf: PlanConditionalFormat; top: number; left: number; bottom: number; right: number }[]
>();
function areasOf(plan: SheetPlan) {
  let areas = cfAreas.get(plan);
  if (!areas) {
    areas = plan.conditionalFormats.map((cf) => {
      const [from, to] = cf.range.split(':').map((r) => parseA1(r)!);
      const end = to ?? from;
      return { cf, top: from.row, left: from.col, bottom: end.row, right: end.col };
    });
    cfAreas.set(plan, areas);
  }
  return areas;
}

function cfTrue(plan: SheetPlan, sheet: Sheet, row: number, col: number, fill?: string): boolean {
  return areasOf(plan).some(({ cf, top, left, bottom, right }) => {
    if (fill && cf.fill !== fill) return false;
    if (row < top || row > bottom || col < left || col > right) return false;
    const v = sheet.evaluate(shifted(cf.formula, row - top));
    return (Array.isArray(v) ? v[0] : v) === true;
  });
}

function expectSheetEqualsEngine(rb: Rulebook, annex: Annex, entries: Entries, label: string) {
  const plan = planForm(rb, annex.code, { id: 'u', name: 'U' }, 2024, { entries });
  const sheet = sheetOf(plan);
  const expected = score(annex, entries);
  const got: Record<string, unknown> = {};
  const want: Record<string, unknown> = {};
  for (const c of expected.criteria) {
    got[formName.points(c.id)] = valueOf(plan, sheet, formName.points(c.id));
    want[formName.points(c.id)] = c.points;
  }
  for (const g of expected.groups) {
    got[formName.group(g.code)] = valueOf(plan, sheet, formName.group(g.code));
    want[formName.group(g.code)] = g.points;
  }
  got.TOTAL = valueOf(plan, sheet, 'TOTAL');
  want.TOTAL = expected.total;
  got.BAND = valueOf(plan, sheet, 'BAND');
  want.BAND = expected.band.label;
  expect([label, got]).toEqual([label, want]);
  return { plan, sheet };
}

describe('yes/no spellings', () => {
  it('every yes word of the formulas is yes for the engine, every no word is no', () => {
    for (const w of YES_WORDS) expect([w, parseYesNo(w)]).toEqual([w, true]);
    for (const w of NO_WORDS) expect([w, parseYesNo(w)]).toEqual([w, false]);
  });

  it('the formula reads Có/có/CÓ/x/1/TRUE as yes and Không/0/blank/other text as no, like the engine', () => {
    const answers: (string | number | boolean | null)[] = [
      'Có',
      'có',
      'CÓ',
      ' có ',
      'x',
      'X',
      1,
      true,
      '1',
      'đạt',
      'Không',
      'không',
      0,
      false,
      '0',
      null,
      '',
      'có lẽ',
      2,
      1.5,
      '*',
      '?',
    ];
    for (const a of answers) {
      const sheet = new Sheet(new Map([[Sheet.key(0, 0), { value: a }]]));
      expect([a, sheet.evaluate(`=${yesExpr('A1')}`)]).toEqual([a, parseYesNo(a) === true]);
    }
  });
});

describe('points formulas of each rule type', () => {
  const rb = makeRulebook();
  const annex = rb.annexes[0];
  const input = (kind: string, max?: number): fc.Arbitrary<unknown> => {
    switch (kind) {
      case 'yesNo':
        return fc.constantFrom('Có', 'có', 'Không', 'x', 1, 0, true, false, 'chưa', undefined);
      case 'choice':
        return fc.constantFrom(0, 1, 2, 3, undefined);
      case 'count':
        return fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(undefined));
      case 'percent':
        return fc.oneof(
          fc.integer({ min: 0, max: 10000 }).map((x) => x / 10000),
          fc.constant(undefined),
        );
      default:
        return fc.oneof(
          fc.integer({ min: 0, max: (max ?? 500) * 100 }).map((x) => x / 100),
          fc.integer({ min: 0, max: 60 }),
          fc.constant(undefined),
        );
    }
  };

  it.each(annexCriteria(annex).map(({ criterion }) => [criterion.rule.type, criterion.id] as const))(
    '%s (%s) gives round2(rawPoints), 0 when not applicable',
    (_, id) => {
      const c = annexCriteria(annex).find((x) => x.criterion.id === id)!.criterion;
      const specs = ruleInputs(c);
      const entry = fc.record(
        Object.fromEntries(specs.map((s) => [s.key, input(s.kind, s.max)])) as Record<
          string,
          fc.Arbitrary<unknown>
        >,
      );
      fc.assert(
        fc.property(entry, fc.constantFrom(undefined, 'Có', 'Không'), (raw, na) => {
          const e = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
          if (c.notApplicableAllowed && na) e.na = na;
          const plan = planForm(rb, annex.code, { id: 'u', name: 'U' }, 2024, { entries: { [c.id]: e } });
          const sheet = sheetOf(plan);
          const expected = c.notApplicableAllowed && parseYesNo(na) === true ? 0 : round2(rawPoints(c, e));
          expect(valueOf(plan, sheet, formName.points(c.id))).toBe(expected);
        }),
        { numRuns: 150, seed: 42 },
      );
    },
  );

  it('text in a number cell counts 0 on the sheet, as N() reads it (the reader does not call it altered)', () => {
    const plan = planForm(rb, annex.code, { id: 'u', name: 'U' }, 2024, {
      entries: { '1.1': { points: 'bảy' } },
    });
    expect(valueOf(plan, sheetOf(plan), 'PT_1_1')).toBe(0);
  });

  it('steps: the step minimum is inclusive', () => {
    for (const [value, points] of [
      [0.99, 0],
      [1, 5],
      [2, 10],
      [3.5, 15],
      [4, 20],
      [100, 20],
    ]) {
      const plan = planForm(rb, annex.code, { id: 'u', name: 'U' }, 2024, { entries: { '2.2': { value } } });
      expect([value, valueOf(plan, sheetOf(plan), 'PT_2_2')]).toEqual([value, points]);
    }
  });
});

describe('whole forms: every annex of every built-in rulebook', () => {
  const cases = [...builtinRulebooks(), makeRulebook()].flatMap((rb) =>
    rb.annexes.map((annex) => [`${rb.id} ${annex.code}`, rb, annex] as const),
  );
  it.each(cases)('%s: PT_, GR_, TOTAL and BAND equal the engine for 60 random forms', (_, rb, annex) => {
    for (let seed = 1; seed <= 60; seed++) {
      const { entries } = randomEntries(annex, rng(seed * 7919));
      expectSheetEqualsEngine(rb, annex, entries, `seed ${seed * 7919}`);
    }
  });

  it.each(cases)(
    '%s: the marks for missing inputs, reasons and evidence agree with validate()',
    (_, rb, annex) => {
      for (let seed = 1; seed <= 25; seed++) {
        const { entries } = randomEntries(annex, rng(seed * 104729));
        const { plan, sheet } = expectSheetEqualsEngine(rb, annex, entries, `seed ${seed}`);
        const issues = validate(annex, entries);
        // what the sheet marks against what validate() says, one row per mark, compared once per form
        const got: unknown[] = [];
        const want: unknown[] = [];
        for (const { criterion: c } of annexCriteria(annex)) {
          const has = (code: string, field?: string) =>
            issues.some((i) => i.criterion === c.id && i.code === code && (!field || i.field === field));
          const reason = at(plan, formName.reason(c.id));
          got.push([c.id, 'reason', cfTrue(plan, sheet, reason.row, reason.col)]);
          want.push([c.id, 'reason', has('reasonRequired')]);
          const evidence = at(plan, formName.evidence(c.id));
          got.push([c.id, 'evidence', cfTrue(plan, sheet, evidence.row, evidence.col)]);
          want.push([c.id, 'evidence', has('evidenceRequired')]);
          for (const spec of ruleInputs(c)) {
            const n = at(plan, formName.input(c.id, spec.key));
            got.push([c.id, spec.key, cfTrue(plan, sheet, n.row, n.col, '#FCE4D6')]);
            want.push([c.id, spec.key, has('missing', spec.key)]);
            got.push([c.id, spec.key, 'invalid', cfTrue(plan, sheet, n.row, n.col, '#FFC7CE')]);
            want.push([c.id, spec.key, 'invalid', false]);
          }
        }
        expect([`seed ${seed}`, got]).toEqual([`seed ${seed}`, want]);
      }
    },
  );
});

/**
 * A form whose input cells hold what people type (typed-cells.ts): the sheet's values are read back
 * as either host reads them (readSubmission), and the engine on those entries must give every PT_,
 * GR_, TOTAL, BAND and STATUS the sheet shows, with no cell called altered.
 */
export function sheetAgainstEngine(
  rb: Rulebook,
  annex: Annex,
  cells: Record<string, unknown>,
  label: string,
) {
  const plan = planForm(rb, annex.code, { id: 'u', name: 'U' }, 2024);
  const grid: Grid = new Map();
  const byName = new Map(plan.names.map((n) => [n.name, n]));
  for (const c of plan.cells)
    if (c.value !== undefined || c.formula !== undefined)
      grid.set(Sheet.key(c.row, c.col), { value: c.value, formula: c.formula });
  for (const [name, v] of Object.entries(cells))
    if (v !== undefined)
      grid.set(Sheet.key(byName.get(name)!.row, byName.get(name)!.col), { value: v as string });
  const sheet = new Sheet(grid);
  const values = Object.fromEntries(plan.names.map((n) => [n.name, sheet.cell(n.row, n.col) ?? undefined]));
  const addresses = Object.fromEntries(plan.names.map((n) => [n.name, a1(n.row, n.col)]));
  const sub = readSubmission(rb, plan.meta, values, undefined, addresses);
  const expected = score(annex, sub.entries);
  const errors = provisionalOf(validate(annex, sub.entries))?.errors ?? 0;
  const got: Record<string, unknown> = {};
  const want: Record<string, unknown> = {};
  for (const c of expected.criteria) {
    got[formName.points(c.id)] = values[formName.points(c.id)];
    want[formName.points(c.id)] = c.points;
  }
  for (const g of expected.groups) {
    got[formName.group(g.code)] = values[formName.group(g.code)];
    want[formName.group(g.code)] = g.points;
  }
  Object.assign(got, { TOTAL: values.TOTAL, BAND: values.BAND, STATUS: values.STATUS, altered: sub.altered });
  Object.assign(want, { TOTAL: expected.total, BAND: expected.band.label, STATUS: errors, altered: [] });
  expect([label, got]).toEqual([label, want]);
  return { errors, entries: sub.entries };
}

describe('cells as people type them: numbers stored as text, blanks, spaces, non-breaking spaces, Vietnamese decimals', () => {
  const cases = [...builtinRulebooks(), makeRulebook()].flatMap((rb) =>
    rb.annexes.map((annex) => [`${rb.id} ${annex.code}`, rb, annex] as const),
  );
  it.each(cases)('%s: PT_, GR_, TOTAL, BAND and STATUS equal the engine for 40 forms', (_, rb, annex) => {
    let provisional = 0;
    for (let seed = 1; seed <= 40; seed++)
      if (sheetAgainstEngine(rb, annex, typedCells(annex, rng(seed * 31)), `seed ${seed * 31}`).errors)
        provisional++;
    expect(provisional).toBeGreaterThan(0); // the cases do exercise errors
  });

  const rb = makeRulebook();
  const annex = rb.annexes[0];
  it('a number stored as text counts 0 on the sheet and in the engine, and is an error naming its cell', () => {
    const { errors, entries } = sheetAgainstEngine(
      rb,
      annex,
      { IN_1_1_points: '2,5', IN_3_2_count: '0', IN_1_4_percent: '85%' },
      'text numbers',
    );
    expect(errors).toBe(3);
    const issues = validate(annex, entries).filter((i) => i.code === 'numberAsText');
    expect(issues.map((i) => i.message.en)).toEqual([
      expect.stringMatching(
        /^Criterion 1\.1: cell E\d+ holds a number stored as text «2,5», which the form counts as 0 — enter it again as the number 2\.5\.$/,
      ),
      expect.stringMatching(/cell E\d+ holds a number stored as text «85%».*the number 85%\.$/),
      expect.stringMatching(/cell E\d+ holds a number stored as text «0».*the number 0\.$/),
    ]);
  });
  it('a blank form scores 0 and is not provisional; a blank deduction earns nothing', () => {
    expect(sheetAgainstEngine(rb, annex, {}, 'blank').errors).toBe(0);
    const plan = planForm(rb, annex.code, { id: 'u', name: 'U' }, 2024);
    expect(valueOf(plan, sheetOf(plan), 'TOTAL')).toBe(0);
    expect(valueOf(plan, sheetOf(plan), 'PT_3_2')).toBe(0);
  });
  it('values above the max and percentages above 100 % earn nothing and make the total provisional', () => {
    const { errors } = sheetAgainstEngine(
      rb,
      annex,
      {
        IN_1_1_points: 20,
        IN_1_4_percent: 1.5,
        IN_1_3_numerator: 7,
        IN_1_3_denominator: 5,
        IN_3_1_lan: 11,
        IN_3_1_fw: 4,
      },
      'above max',
    );
    expect(errors).toBe(4);
  });
});

describe('totals, rescaling and bands', () => {
  it.each(edgeCases)('%s', (label, entries) => {
    expectSheetEqualsEngine(edgeRulebook, edgeRulebook.annexes[0], entries, label);
  });

  it('mean annexes: an empty group and an all-not-applicable form give 0', () => {
    const dn = builtinRulebooks().find((r) => r.annexes.some((a) => a.aggregate === 'mean'))!;
    const mean = dn.annexes.find((a) => a.aggregate === 'mean')!;
    const entries: Entries = {};
    for (const { criterion } of annexCriteria(mean))
      if (criterion.notApplicableAllowed) entries[criterion.id] = { na: 'Có' };
    expectSheetEqualsEngine(dn, mean, entries, 'mean, N/A');
    expectSheetEqualsEngine(dn, mean, {}, 'mean, blank');
  });

  it.each(
    [...builtinRulebooks(), makeRulebook()].flatMap((r) =>
      r.annexes.map((a) => [`${r.id} ${a.code}`, a] as const),
    ),
  )('%s: the band formula follows bandOf on and around every threshold', (_, annex) => {
    const totals = annex.bands.flatMap((b) => [b.min - 0.01, b.min, b.min + 0.01]).map(round2);
    for (const total of totals) {
      const sheet = new Sheet(new Map([[Sheet.key(0, 0), { value: total }]]));
      expect([total, sheet.evaluate(bandFormula(annex, 'A1'))]).toEqual([total, bandOf(annex, total).label]);
    }
  });

  it('writes number literals without exponents', () => {
    expect(num(0.0000001)).toBe('0.0000001');
    expect(num(450)).toBe('450');
    expect(num(2.5)).toBe('2.5');
  });
});

// keep the fixture's every-rule list in view: a new rule type must be added there (and get a test above)
it('the every-rule fixture covers every rule type', () => {
  expect(new Set(everyRule.map((c) => c.rule.type)).size).toBe(10);
});
