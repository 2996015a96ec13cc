import fc from 'fast-check';
import { ruleInputs } from '../../../src/core/rulebook';
import {
  rawPoints,
  score,
  validate,
  nextBand,
  bandOf,
  provisionalOf,
  withProvisional,
  type Entries,
} from '../../../src/core/scoring';
import { makeRulebook } from '../../helpers/rulebooks';

const rb = makeRulebook();
const annex = rb.annexes[0];
const criterion = (id: string) => annex.groups.flatMap((g) => g.criteria).find((c) => c.id === id)!;
const pts = (id: string, entry: Record<string, unknown>, best?: number) =>
  rawPoints(criterion(id), entry, best);

describe('every rule type', () => {
  it('manual: the entered points, Vietnamese decimals understood; above the max (an error) earns nothing', () => {
    expect(pts('1.1', { points: 7.5 })).toBe(7.5);
    expect(pts('1.1', { points: '2,5' })).toBe(2.5);
    expect(pts('1.1', { points: 10 })).toBe(10);
    expect(pts('1.1', { points: 12 })).toBe(0);
    expect(pts('1.1', { points: -3 })).toBe(0);
    expect(pts('1.1', {})).toBe(0);
  });
  it('yesNo: max for yes, 0 for no or blank', () => {
    expect(pts('1.2', { value: 'Có' })).toBe(20);
    expect(pts('1.2', { value: 'không' })).toBe(0);
    expect(pts('1.2', { value: 1 })).toBe(20);
    expect(pts('1.2', {})).toBe(0);
  });
  it('ratio: numerator ÷ denominator × max; zero denominator, numerator above it or a percent above 100 % (errors) give 0', () => {
    expect(pts('1.3', { numerator: 45, denominator: 60 })).toBe(22.5);
    expect(pts('1.3', { numerator: 60, denominator: 60 })).toBe(30);
    expect(pts('1.3', { numerator: 70, denominator: 60 })).toBe(0);
    expect(pts('1.3', { numerator: 5, denominator: 0 })).toBe(0);
    expect(pts('1.4', { percent: '85%' })).toBeCloseTo(12.75, 10);
    expect(pts('1.4', { percent: 1 })).toBe(15);
    expect(pts('1.4', { percent: 1.2 })).toBe(0);
    expect(pts('1.4', { percent: '150%' })).toBe(0);
  });
  it('perItem: count × points per item, capped', () => {
    expect(pts('2.1', { count: 2 })).toBe(10);
    expect(pts('2.1', { count: 5 })).toBe(12);
  });
  it('steps: the highest step reached (4/3/2/1 meetings → 20/15/10/5)', () => {
    expect([0, 1, 2, 3, 4, 9].map((value) => pts('2.2', { value }))).toEqual([0, 5, 10, 15, 20, 20]);
    expect(pts('2.2', { value: 2.5 })).toBe(10);
  });
  it('bestOf: the highest alternative that applies', () => {
    expect(pts('2.3', { tslcd: 'Có', internet: 'Có' })).toBe(10);
    expect(pts('2.3', { tslcd: 'Không', internet: 'Có' })).toBe(6);
    expect(pts('2.3', { tslcd: 'Không', internet: 'Không' })).toBe(0);
  });
  it('sumOfParts: each part within its sub-cap (a part above it earns nothing), the sum within max', () => {
    expect(pts('3.1', { lan: 5, fw: 4, av: 3 })).toBe(12);
    expect(pts('3.1', { lan: 15, fw: 4, av: 3 })).toBe(7);
    expect(pts('3.1', { lan: 10, fw: 10, av: 10 })).toBe(25);
  });
  it('deduction: max − count × points, never below the floor', () => {
    expect(pts('3.2', { count: 0 })).toBe(10);
    expect(pts('3.2', { count: 2 })).toBe(4);
    expect(pts('3.2', { count: 7 })).toBe(1);
  });
  it('relativeToBest: value ÷ best × max, 0 until the best is known', () => {
    expect(pts('3.3', { value: 30 })).toBe(0);
    expect(pts('3.3', { value: 30 }, 120)).toBe(12);
    expect(pts('3.3', { value: 150 }, 120)).toBe(48);
  });
  it('levelAverage: the average of part levels', () => {
    expect(pts('3.4', { a: 3, b: 2, c: 2 })).toBeCloseTo(7 / 3, 12);
    expect(pts('3.4', { a: 3, b: 3, c: 3 })).toBe(3);
  });
});

describe('property: points always within 0..max, whatever is typed', () => {
  const anyValue = fc.oneof(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.integer({ min: -100, max: 100 }),
    fc.constantFrom('Có', 'Không', 'x', '', '2,5', '85%', '1.234', 'abc', '-1', '1e309'),
    fc.constant(undefined),
  );
  for (const c of annex.groups.flatMap((g) => g.criteria))
    it(`${c.id} (${c.rule.type})`, () =>
      fc.assert(
        fc.property(
          fc.record(Object.fromEntries(ruleInputs(c).map((s) => [s.key, anyValue]))),
          fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: undefined }),
          (entry, best) => {
            const p = rawPoints(c, entry, best);
            return Number.isFinite(p) && p >= 0 && p <= c.max;
          },
        ),
        { numRuns: 300 },
      ));
});

describe('score()', () => {
  const full: Entries = {
    '1.1': { points: 10 },
    '1.2': { value: 'Có', evidence: 'KH số 12/KH-SNV' },
    '1.3': { numerator: 60, denominator: 60 },
    '1.4': { percent: 1 },
    '2.1': { count: 3 },
    '2.2': { value: 4 },
    '2.3': { tslcd: 'Có', internet: 'Có' },
    '3.1': { lan: 10, fw: 10, av: 10 },
    '3.2': { count: 0 },
    '3.3': { value: 100 },
    '3.4': { a: 3, b: 3, c: 3 },
  };
  it('adds criteria into group subtotals and a total; the best unit gets full relative points', () => {
    const s = score(annex, full, { '3.3': 100 });
    expect(s.total).toBe(annex.max);
    expect(s.groups.map((g) => [g.code, g.points, g.max])).toEqual([
      ['1', 75, 75],
      ['2', 42, 42],
      ['3', 86, 86],
    ]);
    expect(s.band.label).toBe('Tốt');
    expect(s.criteria.find((c) => c.id === '3.3')!.pending).toBe(false);
  });
  it('marks relative criteria pending without peers', () => {
    const s = score(annex, full);
    expect(s.criteria.find((c) => c.id === '3.3')).toMatchObject({ points: 0, pending: true });
    expect(s.total).toBe(annex.max - 48);
  });
  it('rescales the total when a criterion is not applicable', () => {
    const s = score(annex, { ...full, '2.3': { na: 'Có' } }, { '3.3': 100 });
    expect(s.criteria.find((c) => c.id === '2.3')).toMatchObject({ notApplicable: true, points: 0 });
    expect(s.groups[1].max).toBe(32);
    expect(s.total).toBe(annex.max); // everything applicable is full
    const partial = score(annex, { ...full, '2.3': { na: 'Có' }, '1.1': { points: 0 } }, { '3.3': 100 });
    expect(partial.total).toBe(Math.round(((193 - 10) * 203 * 100) / 193) / 100);
  });
  it('rounds each criterion to 2 decimals (ROUND(x,2)) before adding', () => {
    const s = score(annex, { '3.4': { a: 1, b: 1, c: 0 } });
    expect(s.criteria.find((c) => c.id === '3.4')!.points).toBe(0.67);
  });
});

describe('bands: thresholds compared on exact 2-decimal values', () => {
  const mk = (bands: { min: number }[]) =>
    makeRulebook({
      annexes: [
        {
          code: 'B',
          title: 'Phụ lục',
          appliesTo: 'x',
          max: 500,
          bands: [
            { label: 'Tốt', labelEn: 'Good', min: 450 },
            { label: 'Khá', labelEn: 'Fair', min: 350 },
            { label: 'Trung bình', labelEn: 'Average', min: 250 },
            { label: 'Yếu', labelEn: 'Weak', min: 0 },
          ].slice(0, bands.length),
          rankingGroup: 'B',
          groups: [
            {
              code: '1',
              title: 'Nhóm',
              criteria: Array.from({ length: 50 }, (_, i) => ({
                id: `1.${i + 1}`,
                title: `Tiêu chí ${i + 1}`,
                max: 10,
                rule: { type: 'manual' as const },
                provenance: 'reconstructed' as const,
              })),
            },
          ],
        },
      ],
    }).annexes[0];
  const annexB = mk([{ min: 450 }, { min: 350 }, { min: 250 }, { min: 0 }]);
  const entriesOf = (points: number[]) =>
    Object.fromEntries(points.map((p, i) => [`1.${i + 1}`, { points: p }]));

  it('450 built from decimals is Tốt; 449.99 is Khá', () => {
    // 45 × 9.99 + 0.05 + 4 × 0.1 = 450, but floating-point addition of these is not exactly 450.
    const points = [...Array(45).fill(9.99), 0.05, 0.1, 0.1, 0.1, 0.1];
    expect(points.reduce((s, p) => s + p, 0)).not.toBe(450);
    const s = score(annexB, entriesOf(points));
    expect(s.total).toBe(450);
    expect(s.band.label).toBe('Tốt');
    const below = score(annexB, entriesOf([...Array(45).fill(9.99), 0.04, 0.1, 0.1, 0.1, 0.1]));
    expect(below.total).toBe(449.99);
    expect(below.band.label).toBe('Khá');
  });
  it('the next band and the points still needed', () => {
    expect(nextBand(annexB, 449.99)).toEqual({ band: annexB.bands[0], needed: 0.01 });
    expect(nextBand(annexB, 120.5)).toEqual({ band: annexB.bands[2], needed: 129.5 });
    expect(nextBand(annexB, 480)).toBeUndefined();
    expect(bandOf(annexB, 0).label).toBe('Yếu');
  });
});

describe('validate()', () => {
  const codes = (entries: Entries) =>
    validate(annex, entries).map((i) => `${i.criterion}:${i.field}:${i.code}:${i.severity}`);
  it('reports missing inputs as things to do, not errors', () => {
    expect(codes({})).toContain('1.1:points:missing:todo');
    expect(codes({})).toContain('3.1:lan:missing:todo');
    expect(validate(annex, {}).filter((i) => i.severity === 'error')).toEqual([]);
  });
  it('reports not a number, negative, not whole, out of range, above max', () => {
    const found = codes({
      '1.1': { points: 11, reason: 'x' },
      '1.3': { numerator: 'mười', denominator: 10 },
      '1.4': { percent: '120%' },
      '2.1': { count: 2.5 },
      '3.2': { count: -1 },
      '3.1': { lan: 11, fw: 1, av: 1 },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        '1.1:points:aboveMax:error',
        '1.3:numerator:notANumber:error',
        '1.4:percent:outOfRange:error',
        '2.1:count:notWhole:error',
        '3.2:count:negative:error',
        '3.1:lan:outOfRange:error',
      ]),
    );
  });
  it('reports numerator above denominator, reason and evidence required, bad yes/no and level', () => {
    const found = codes({
      '1.1': { points: 8 },
      '1.2': { value: 'Có' },
      '1.3': { numerator: 70, denominator: 60 },
      '2.3': { tslcd: 'có lẽ', internet: 'Có' },
      '3.4': { a: 4, b: 1, c: 1 },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        '1.1:reason:reasonRequired:todo',
        '1.2:evidence:evidenceRequired:todo',
        '1.3:numerator:numeratorAboveDenominator:error',
        '2.3:tslcd:notYesNo:error',
        '3.4:a:notAChoice:error',
      ]),
    );
    expect(codes({ '1.1': { points: 10 } })).not.toContain('1.1:reason:reasonRequired:todo');
    expect(codes({ '1.2': { value: 'Không' } })).not.toContain('1.2:evidence:evidenceRequired:todo');
  });
  it('skips a not-applicable criterion, and refuses N/A where it is not allowed', () => {
    expect(codes({ '2.3': { na: 'Có' } }).filter((c) => c.startsWith('2.3'))).toEqual([]);
    expect(codes({ '1.1': { na: 'Có' } })).toContain('1.1:na:notApplicableNotAllowed:error');
  });
  it('warns about unknown criteria and speaks both languages', () => {
    const issues = validate(annex, { '9.9': { points: 1 }, '1.3': { numerator: 'abc', denominator: 2 } });
    expect(issues.find((i) => i.criterion === '9.9')).toMatchObject({
      code: 'unknownCriterion',
      severity: 'warning',
    });
    const nan = issues.find((i) => i.code === 'notANumber')!;
    expect(nan.message.vi).toBe('Tiêu chí 1.3: "abc" ở "Tử số" không phải là số.');
    expect(nan.message.en).toBe('Criterion 1.3: "abc" in "Numerator" is not a number.');
  });
});

describe('a blank input earns no points, for every rule type', () => {
  for (const c of annex.groups.flatMap((g) => g.criteria))
    it(`${c.id} (${c.rule.type}): blank → 0, whatever the peer best`, () => {
      expect(rawPoints(c, undefined, 100)).toBe(0);
      expect(rawPoints(c, {}, 100)).toBe(0);
      // whitespace typed as an entry is blank too
      expect(rawPoints(c, Object.fromEntries(ruleInputs(c).map((s) => [s.key, '  '])), 100)).toBe(0);
    });
  it('a blank form scores 0 (a deduction left blank is not "no deductions")', () => {
    expect(score(annex, {}).total).toBe(0);
    expect(pts('3.2', {})).toBe(0);
    expect(pts('3.2', { count: 0 })).toBe(10);
    expect(pts('2.2', {})).toBe(0);
  });
});

describe('numbers stored as text in a form cell (SheetText) count 0, as the sheet counts them', () => {
  const text = (sheetText: string, cell = 'E20') => ({ sheetText, cell });
  it('counts 0 in every number input, while the same text typed in an entries file is a number', () => {
    expect(pts('1.1', { points: text('2,5') })).toBe(0);
    expect(pts('1.1', { points: '2,5' })).toBe(2.5);
    expect(pts('3.2', { count: text('2') })).toBe(0); // not "no deductions" either
    expect(pts('2.2', { value: text('4') })).toBe(0);
    expect(pts('1.4', { percent: text('85%') })).toBe(0);
    expect(pts('3.4', { a: text('3'), b: 3, c: 3 })).toBe(2);
  });
  it('is an error naming the cell and the number it probably meant', () => {
    const issues = validate(annex, {
      '1.1': { points: text('2,5', 'E12') },
      '1.4': { percent: text(' 85% ', 'E15') },
      '2.1': { count: text('\u00a0', 'E17') },
    });
    const asText = issues.filter((i) => i.code === 'numberAsText');
    expect(asText.map((i) => [i.criterion, i.severity])).toEqual([
      ['1.1', 'error'],
      ['1.4', 'error'],
    ]);
    expect(asText[0].message.vi).toBe(
      'Tiêu chí 1.1: ô E12 chứa số dạng văn bản «2,5», phiếu tính coi là 0 — nhập lại dạng số 2,5.',
    );
    expect(asText[0].message.en).toBe(
      'Criterion 1.1: cell E12 holds a number stored as text «2,5», which the form counts as 0 — enter it again as the number 2.5.',
    );
    expect(asText[1].message.vi).toContain('nhập lại dạng số 85%');
    expect(issues.find((i) => i.criterion === '2.1')).toMatchObject({
      code: 'notANumber',
      severity: 'error',
    });
  });
  it('TRUE/FALSE in a number input count 1/0, as in both spreadsheets', () => {
    expect(pts('3.2', { count: true })).toBe(7);
    expect(pts('1.1', { points: true })).toBe(1);
    expect(
      validate(annex, { '1.1': { points: true } }).find((i) => i.criterion === '1.1' && i.field === 'points'),
    ).toBeUndefined();
  });
});

describe('provisional totals', () => {
  it('counts errors (values that cannot be right), not things still to do', () => {
    expect(provisionalOf(validate(annex, {}))).toBeUndefined(); // only "missing": nothing is wrong yet
    const issues = validate(annex, {
      '1.1': { points: 20 },
      '1.4': { percent: 1.5 },
      '1.3': { numerator: 7, denominator: 5 },
      '3.2': { count: -1 },
    });
    expect(provisionalOf(issues)).toEqual({ errors: 4 });
    const s = withProvisional(score(annex, { '1.1': { points: 20 } }), issues);
    expect(s.provisional).toEqual({ errors: 4 });
    expect(withProvisional(s, []).provisional).toBeUndefined();
  });
  it('gives the range the total reaches once relativeToBest criteria are completed', () => {
    const entries: Entries = { '1.1': { points: 10 }, '3.3': { value: 30 } };
    const s = score(annex, entries);
    expect(s.finalRange).toEqual({ min: 10, max: 58 });
    expect(score(annex, entries, { '3.3': 60 }).finalRange).toBeUndefined();
    expect(score(annex, { '1.1': { points: 10 } }).finalRange).toEqual({ min: 10, max: 10 }); // a blank value stays 0
  });
});
