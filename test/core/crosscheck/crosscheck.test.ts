/**
 * Cross-checks (QĐ 1867 Điều 9.2.b): reference tables read leniently but never guessed (headings in
 * both languages, BOM, stray spaces; every unusable row located), differences at and beyond the
 * tolerance, the points a reference figure would give, and scores left as they are.
 */
import { builtinRulebook } from '../../../src/core/rulebook';
import { rank } from '../../../src/core/ranking';
import {
  crossCheck,
  csvTableRows,
  parseReferenceRows,
  parseTolerance,
  beyondTolerance,
} from '../../../src/core/crosscheck';
import { summarySheet } from '../../../src/report/summary';
import { annexOf, form, fullEntries, smallEntries, smallRulebook } from '../ranking/fixtures';

const small = smallRulebook();
const inputs = [
  form(small, 'A', 'a1', { entries: smallEntries({ value: 80 }), received: '2019-08-20' }),
  form(small, 'A', 'a2', { entries: smallEntries({ value: 100 }), received: '2019-08-20' }),
  form(small, 'A', 'a3', { entries: smallEntries({ value: 50, a: 30 }), received: '2019-08-20' }),
];
const ranking = rank(small, inputs, { asOf: '2019-09-30' });
const check = (csv: string, tolerance = 0) => {
  const table = parseReferenceRows(small, csvTableRows(csv));
  return { table, result: crossCheck(ranking, inputs, table.figures, tolerance) };
};

describe('reading a reference table', () => {
  it('takes Vietnamese headings with or without diacritics, a BOM, ; separators and stray spaces', () => {
    for (const header of [
      '\uFEFF Đơn vị ; Tiêu chí ; Chỉ tiêu ; Giá trị ; Nguồn ',
      'don vi;tieu chi;chi tieu;gia tri;nguon',
      'Unit;Criterion;Input;Value;Source',
    ]) {
      const { table } = check(`${header}\n  Sở Một ; 2.1 ; value ; 80 ; Sở Nội vụ \n`);
      expect(table.problems).toEqual([]);
      expect(table.figures).toHaveLength(1);
      expect(table.figures[0]).toMatchObject({
        line: 2,
        value: 80,
        source: 'Sở Nội vụ',
        unit: { id: 'a1' },
        criterion: { id: '2.1' },
        input: { key: 'value' },
      });
    }
  });

  it('the input column is optional where the criterion has one input; a unit by id or name; Vietnamese numbers', () => {
    const { table } = check('đơn vị,tiêu chí,giá trị,nguồn\na2,2.1,"1.234,5",Sở Tài chính\n');
    expect(table.problems).toEqual([]);
    expect(table.figures[0]).toMatchObject({ unit: { id: 'a2' }, value: 1234.5 });
  });

  it('every unusable row is a located warning in both languages, and the other rows are still read', () => {
    const { table } = check(
      [
        'đơn vị;tiêu chí;chỉ tiêu;giá trị;nguồn',
        'Sở Không Có;2.1;;80;A', // unknown unit
        'Sở Một;9.9;;80;A', // unknown criterion
        'Sở Một;2.1;numerator;80;A', // unknown input
        'Sở Một;2.1;;tám mươi;A', // not a number
        'Sở Một;;;80;A', // incomplete
        'Sở Hai;2.1;;90;B',
        'Sở Hai;2.1;;95;B', // a second value from the same source
        'Sở Hai;2.1;;95;C', // another source: its own figure
        'Sở Ba;2.1;;50;D',
        'Sở Ba;2.1;;50;D', // the same value twice counts once
      ].join('\n'),
    );
    expect(table.problems.map((p) => p.en)).toEqual([
      'Line 2: unit "Sở Không Có" is not in rulebook nho.',
      'Line 3: annex A (unit Sở Một) has no criterion "9.9".',
      'Line 4: criterion 2.1 has no input "numerator"; its inputs: value.',
      'Line 5: value "tám mươi" (Sở Một, criterion 2.1) is not a number.',
      'Line 6: unit, criterion or value missing; the line is skipped.',
      'Line 8: B already gave 90 on line 7 for Sở Hai, criterion 2.1 (value), now 95; this figure is not compared.',
    ]);
    expect(table.problems[0].vi).toBe('Dòng 2: không tìm thấy đơn vị "Sở Không Có" trong bộ tiêu chí nho.');
    expect(table.figures.map((f) => [f.line, f.source])).toEqual([
      [9, 'C'],
      [10, 'D'],
    ]);
  });

  it('a table without unit, criterion and value headings is unreadable and says which header it found', () => {
    const { table } = check('a;b;c\n1;2;3\n');
    expect(table.unreadable).toBe(true);
    expect(table.problems[0].en).toMatch(/header row: a \| b \| c/);
  });

  it('a criterion of several inputs needs the input: by key or by its label', () => {
    const bt = builtinRulebook('binh-thuan-2019')!;
    const rows = csvTableRows(
      'unit,criterion,input,value,source\nSở Nội vụ,2.1,,5,X\nSở Nội vụ,2.1,Mẫu số,120,X\nSở Nội vụ,2.2,,85%,X\nSở Nội vụ,2.2,,1.5,X\n',
    );
    const table = parseReferenceRows(bt, rows);
    expect(table.problems.map((p) => p.en)).toEqual([
      'Line 2: criterion 2.1 has several inputs (numerator, denominator); name the input.',
      'Line 5: value 1.5 (Sở Nội vụ, criterion 2.2, percent) must be between 0 and 1.',
    ]);
    expect(table.figures.map((f) => [f.input.key, f.value])).toEqual([
      ['denominator', 120],
      ['percent', 0.85],
    ]);
  });
});

describe('comparing', () => {
  it('lists every difference by default, with the points the reference figure would give (relative to the best unit)', () => {
    const { result } = check(
      'unit,criterion,value,source\nSở Một,2.1,80,Sở Nội vụ\nSở Ba,2.1,100,Sở Nội vụ\nSở Hai,2.1,60,Sở Nội vụ\n',
    );
    expect(result.compared).toBe(3);
    // Sở Ba reported 50 of the best 100 (10 points); at 100 it would have 20.
    // Sở Hai reported the best, 100; at 60 the best becomes Sở Một's 80, so 60/80 × 20 = 15.
    expect(
      result.checks.map((c) => [
        c.unitId,
        c.reported,
        c.reference,
        c.difference,
        c.reportedPoints,
        c.referencePoints,
      ]),
    ).toEqual([
      ['a3', 50, 100, -50, 10, 20],
      ['a2', 100, 60, 40, 20, 15],
    ]);
  });

  it('a difference at the tolerance is not listed; one beyond it is', () => {
    // Sở Một reported 80; the tolerance is 5% of the reference value.
    expect(check('unit,criterion,value\nSở Một,2.1,84\n', 0.05).result.checks).toHaveLength(0); // 4 ≤ 4.2
    expect(check('unit,criterion,value\nSở Một,2.1,85\n', 0.05).result.checks).toHaveLength(1); // 5 > 4.25
    expect(beyondTolerance(110, 100, 0.1)).toBe(false); // exactly at 10%
    expect(beyondTolerance(110.01, 100, 0.1)).toBe(true);
    expect(beyondTolerance(0.3, 0.1 + 0.2, 0)).toBe(false); // binary noise is no difference
    expect(beyondTolerance(1, 0, 0.5)).toBe(true); // any difference from a zero reference
  });

  it('tolerances as typed', () => {
    expect(parseTolerance('5%')).toBeCloseTo(0.05);
    expect(parseTolerance('2,5%')).toBeCloseTo(0.025);
    expect(parseTolerance('10')).toBeCloseTo(0.1);
    expect(parseTolerance('0')).toBe(0);
    for (const bad of ['-1', '101%', 'năm', '']) expect(parseTolerance(bad)).toBeUndefined();
  });

  it('a figure for a unit without a counted form is a located warning', () => {
    const { result } = check('unit,criterion,value\nSở Bốn,2.1,10\n');
    expect(result.compared).toBe(0);
    expect(result.problems.map((p) => p.en)).toEqual([
      'Line 2: Sở Bốn has no counted form, so criterion 2.1 is not compared.',
    ]);
  });

  it('never changes a score: the ranking is the same object, untouched', () => {
    const before = JSON.stringify(ranking);
    check('unit,criterion,value\nSở Một,2.1,1\nSở Hai,2.1,1\n');
    expect(JSON.stringify(ranking)).toBe(before);
  });

  it('a yes/no input takes Có/Không as its value', () => {
    const bt = builtinRulebook('binh-thuan-2019')!;
    const bti = [
      form(bt, 'I', 'so-noi-vu', { entries: fullEntries(annexOf(bt, 'I')), received: '2019-09-13' }),
    ];
    const table = parseReferenceRows(
      bt,
      csvTableRows('unit,criterion,value,source\nSở Nội vụ,1.1,Không,Văn phòng UBND tỉnh\n'),
    );
    const result = crossCheck(rank(bt, bti, { asOf: '2019-10-01' }), bti, table.figures);
    expect(result.checks).toMatchObject([
      {
        criterion: '1.1',
        input: 'value',
        reported: 1,
        reference: 0,
        reportedPoints: 10,
        referencePoints: 0,
        source: 'Văn phòng UBND tỉnh',
      },
    ]);
  });
});

describe('on the "Tổng hợp" sheet', () => {
  const texts = (cells: { value?: string | number }[]) =>
    cells.map((c) => c.value).filter((v): v is string => typeof v === 'string');

  it('a section lists each difference: unit, criterion, input, reported, reference, source and both points', () => {
    const { result } = check('unit,criterion,value,source\nSở Ba,2.1,100,Sở Nội vụ\n');
    const sheet = summarySheet(small, ranking, { crossChecks: result });
    const all = texts(sheet.cells);
    expect(all).toContain('ĐỐI CHIẾU SỐ LIỆU VỚI SỐ LIỆU CỦA CÁC CƠ QUAN CHUYÊN MÔN');
    expect(
      all.some((s) =>
        s.startsWith('Sai số cho phép: không (mọi chênh lệch đều được liệt kê). Đã đối chiếu 1 số liệu.'),
      ),
    ).toBe(true);
    const title = sheet.cells.find((c) => c.value === 'Điểm theo số liệu đối chiếu')!;
    const row = sheet.cells
      .filter((c) => c.row === title.row + 1)
      .sort((a, b) => a.col - b.col)
      .map((c) => c.value)
      .filter((v) => v !== undefined);
    expect(row).toEqual([1, 'Sở Ba', '2.1', 'value', 50, 100, 'Sở Nội vụ', 10, 20]);
  });

  it('says when nothing differs; without a reference the sheet has no such section', () => {
    const { result } = check('unit,criterion,value,source\nSở Một,2.1,80,Sở Nội vụ\n');
    const withNone = texts(summarySheet(small, ranking, { crossChecks: result, lang: 'en' }).cells);
    expect(withNone).toContain("CROSS-CHECKS AGAINST THE SPECIALISED AGENCIES' FIGURES");
    expect(
      withNone.some((s) =>
        s.startsWith('Tolerance: none (every difference is listed). Figures compared: 1.'),
      ),
    ).toBe(true);
    expect(texts(summarySheet(small, ranking).cells).some((s) => s.includes('ĐỐI CHIẾU'))).toBe(false);
  });
});
