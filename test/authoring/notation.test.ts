import fc from 'fast-check';
import {
  formatAlternatives,
  formatLevels,
  formatParts,
  formatSteps,
  parseAlternatives,
  parseDate,
  parseLevels,
  parseMonthDay,
  parseParts,
  parseSteps,
  readChoice,
  RULE_TYPES,
  PROVENANCES,
  splitList,
} from '../../src/authoring/notation';

const value = <T>(p: { ok: true; value: T } | { ok: false }) => (p.ok ? p.value : undefined);

// Labels as officials write them: Vietnamese text with brackets, colons, equals signs, ; and |.
const label = fc
  .array(
    fc.constantFrom(
      'Có',
      ' phòng',
      ' (UPS)',
      ': ',
      '=',
      ';',
      '|',
      ' 4',
      'đ',
      'Từ',
      ' trở lên',
      '≤',
      '→',
      'x',
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join('').trim())
  .filter((s) => s !== '' && !/^[\d.,+-]/.test(s) && !/[\s]$/.test(s));
const key = fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,8}$/);
const points = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(0.5, 2.25, 12.75));

describe('rule parameter notations', () => {
  it('steps: "1→5; 2→10; 3→15; 4→20", with labels, arrows typed as -> or =>, decimal commas', () => {
    expect(value(parseSteps('1→5; 2→10; 3→15; 4→20'))).toEqual([
      { min: 1, points: 5 },
      { min: 2, points: 10 },
      { min: 3, points: 15 },
      { min: 4, points: 20 },
    ]);
    expect(value(parseSteps('4 cuộc→20; 3->15 (Ba cuộc); 0,5 => 2,5: nửa'))).toEqual([
      { min: 4, points: 20, label: '4 cuộc' },
      { min: 3, points: 15, label: 'Ba cuộc' },
      { min: 0.5, points: 2.5, label: 'nửa' },
    ]);
    expect(
      formatSteps([
        { min: 4, points: 20, label: 'Từ 4 cuộc trở lên' },
        { min: 0.5, points: 1 },
      ]),
    ).toBe('4→20 (Từ 4 cuộc trở lên); 0,5→1');
  });

  it('steps that cannot be read are refused with the piece that failed, in both languages', () => {
    const p = parseSteps('1→5; hai→10');
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(p.problem.vi).toContain('"hai→10"');
      expect(p.problem.en).toContain('"hai→10"');
      expect(p.problem.vi).not.toBe(p.problem.en);
    }
    expect(parseSteps('1 5').ok).toBe(false);
    expect(parseSteps('1→').ok).toBe(false);
  });

  it('alternatives, parts and levels read what they write, even with separators inside labels', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ key, label, points }), {
          minLength: 2,
          maxLength: 5,
          selector: (a) => a.key,
        }),
        (alts) => {
          expect(value(parseAlternatives(formatAlternatives(alts)))).toEqual(alts);
          const parts = alts.map((a) => ({ key: a.key, label: a.label, max: a.points }));
          expect(value(parseParts(formatParts(parts), true))).toEqual(parts);
          const plain = alts.map((a) => ({ key: a.key, label: a.label }));
          expect(value(parseParts(formatParts(plain), false))).toEqual(plain);
          const levels = alts.map((a) => ({ value: a.points, label: a.label }));
          expect(value(parseLevels(formatLevels(levels)))).toEqual(levels);
        },
      ),
    );
  });

  it('steps read what they write', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ min: points, points, label: fc.option(label, { nil: undefined }) }), {
          minLength: 1,
          maxLength: 5,
        }),
        (steps) => {
          const clean = steps.map((s) => (s.label === undefined ? { min: s.min, points: s.points } : s));
          expect(value(parseSteps(formatSteps(clean)))).toEqual(clean);
        },
      ),
    );
  });

  it('keys may be left out when typing; they are made from the position', () => {
    expect(value(parseAlternatives('Cả hai = 15 | Chỉ Internet = 10'))).toEqual([
      { key: 'a1', label: 'Cả hai', points: 15 },
      { key: 'a2', label: 'Chỉ Internet', points: 10 },
    ]);
    expect(value(parseParts('LAN <= 10 | Tường lửa ≤ 5', true))).toEqual([
      { key: 'p1', label: 'LAN', max: 10 },
      { key: 'p2', label: 'Tường lửa', max: 5 },
    ]);
    expect(parseAlternatives('Cả hai | Chỉ Internet = 10').ok).toBe(false);
    expect(parseParts('LAN 10', true).ok).toBe(false);
    expect(parseLevels('Không | 1 = Một phần').ok).toBe(false);
  });
});

describe('dates, lists and choices', () => {
  it('reads dates as typed or as Excel dates', () => {
    expect(value(parseDate('23/7/2019'))).toBe('2019-07-23');
    expect(value(parseDate('2019-07-23'))).toBe('2019-07-23');
    expect(value(parseDate(new Date(Date.UTC(2019, 6, 23))))).toBe('2019-07-23');
    expect(parseDate('31/02/2019').ok).toBe(false);
    expect(value(parseMonthDay('15/9'))).toBe('--09-15');
    expect(value(parseMonthDay('--09-15'))).toBe('--09-15');
    expect(value(parseMonthDay(new Date(Date.UTC(2024, 8, 15))))).toBe('--09-15');
    expect(parseMonthDay('15/13').ok).toBe(false);
    // Office.js gives date cells as serial numbers
    expect(value(parseDate(43669))).toBe('2019-07-23');
    expect(value(parseMonthDay(45550))).toBe('--09-15');
  });

  it('splits lists on ; , or line breaks', () => {
    expect(splitList('I; II;III')).toEqual(['I', 'II', 'III']);
    expect(splitList('I, III')).toEqual(['I', 'III']);
    expect(splitList('a; b\nc')).toEqual(['a; b', 'c']);
  });

  it('reads a choice by its Vietnamese label, English label or id, without caring for case or diacritics', () => {
    expect(readChoice(RULE_TYPES, 'Bậc thang')).toBe('steps');
    expect(readChoice(RULE_TYPES, 'bac thang')).toBe('steps');
    expect(readChoice(RULE_TYPES, 'sumOfParts')).toBe('sumOfParts');
    expect(readChoice(RULE_TYPES, 'Sum of parts')).toBe('sumOfParts');
    expect(readChoice(RULE_TYPES, 'bậc')).toBeUndefined();
    expect(readChoice(PROVENANCES, 'Tái dựng')).toBe('reconstructed');
    expect(readChoice(PROVENANCES, 'official')).toBe('official');
  });
});
