import { formatPoints, parseNumber, parseYesNo, round2, sum2 } from '../../src/core/numbers';

describe('parseNumber reads numbers as Vietnamese users type them', () => {
  it.each([
    ['2,5', 2.5],
    ['85%', 0.85],
    ['2,5%', 0.025],
    ['1.234', 1234],
    ['1.234.567', 1234567],
    ['1.234,5', 1234.5],
    ['2.5', 2.5],
    ['1.2345', 1.2345],
    ['  12 ', 12],
    ['1 234', 1234],
    ['1\u00a0234,75', 1234.75],
    ['-3', -3],
    ['+4,25', 4.25],
    ['0', 0],
    ['100%', 1],
  ])('%s → %d', (text, value) => expect(parseNumber(text)).toBe(value));

  it.each(['abc', '2,5,5', '1.23.4', '1,2.3', '%', '-', '12a', '1.234.56,7'])('%s is not a number', (text) =>
    expect(parseNumber(text)).toBeNaN(),
  );

  it('treats blank as no value and passes numbers through', () => {
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('   ')).toBeUndefined();
    expect(parseNumber(undefined)).toBeUndefined();
    expect(parseNumber(null)).toBeUndefined();
    expect(parseNumber(7.25)).toBe(7.25);
    expect(parseNumber({})).toBeNaN();
  });
});

describe('round2 is ROUND(x, 2): half away from zero on the decimal value', () => {
  it.each([
    [1.005, 1.01],
    [2.675, 2.68],
    [-1.005, -1.01],
    [0.125, 0.13],
    [449.994999, 449.99],
    [449.995, 450],
    [1 / 3, 0.33],
    [2 / 3, 0.67],
    [0.1 + 0.2, 0.3],
    [123456.785, 123456.79],
    [0, 0],
  ])('round2(%d) = %d', (x, y) => expect(round2(x)).toBe(y));

  it('sums decimals without binary noise', () => {
    const parts = Array.from({ length: 45 }, () => 9.99).concat([0.45]);
    expect(parts.reduce((s, v) => s + v, 0)).not.toBe(450);
    expect(sum2(parts)).toBe(450);
    expect(sum2([0.1, 0.2])).toBe(0.3);
  });

  it('formats with a decimal comma in Vietnamese', () => {
    expect(formatPoints(449.99)).toBe('449,99');
    expect(formatPoints(449.99, 'en')).toBe('449.99');
    expect(formatPoints(450)).toBe('450');
  });
});

describe('parseYesNo', () => {
  it.each([
    ['Có', true],
    ['có', true],
    ['CÓ', true],
    ['co\u0301', true],
    ['x', true],
    [1, true],
    [true, true],
    ['Không', false],
    ['khong', false],
    [0, false],
    [false, false],
  ])('%s → %s', (v, b) => expect(parseYesNo(v)).toBe(b));
  it('blank is undefined, nonsense is null', () => {
    expect(parseYesNo('')).toBeUndefined();
    expect(parseYesNo('maybe')).toBeNull();
    expect(parseYesNo(2)).toBeNull();
  });
});
