/** The pure parts of the Office.js host: cells.ts, a1.ts, metaBlocks.ts, resolve.ts, capabilities.ts. */
import fc from 'fast-check';
import {
  addressChunks,
  charsToPoints,
  needsQuotePrefix,
  planGrids,
  textConstant,
  toRects,
  validationGroups,
} from '../../src/excel/cells';
import {
  columnIndex,
  colName as columnName,
  parseReference,
  sheetRef as quoteSheetName,
} from '../../src/sheet/a1';
import { blockGrid, formsXml, freeBlockCol, parseBlocks, sameForm } from '../../src/excel/metaBlocks';
import { namesOnSheet, resolveSheet } from '../../src/excel/resolve';
import {
  detectCapabilities,
  ExcelHostError,
  highestExcelApi,
  MINIMUM_EXCEL_API,
  missingFeatures,
  requireFeature,
} from '../../src/excel/capabilities';
import { msg } from '../../src/i18n';
import { uniqueSheetName } from '../../src/excel/sheet-names';
import { metaSheetRows } from '../../src/form/meta';
import type { FormMeta } from '../../src/form/types';
import type { PlanValidation } from '../../src/sheet/types';

const meta: FormMeta = {
  rulebookId: 'rb',
  rulebookVersion: '1.0',
  rulebookHash: 'ab12',
  annex: 'I',
  unitId: 'snv',
  unitName: 'Sở Nội vụ',
  year: 2024,
  layoutVersion: 1,
};

describe('text guard', () => {
  test.each([
    '=A1',
    '+1',
    '-',
    '-x',
    '@x',
    "'x",
    '#N/A',
    '1',
    '1.10',
    '1/2',
    '12:30',
    '50%',
    'TRUE',
    'false',
    'Jan 5',
    '5-Mar',
    'March 2024',
    ' 7 ',
  ])('%j needs the quote prefix', (s) => {
    expect(needsQuotePrefix(s)).toBe(true);
    expect(textConstant(s)).toBe(`'${s}`);
  });
  test.each(['Sở Nội vụ', 'Có', 'Không', 'Tiêu chí 1.1', 'x = y', 'TỔNG CỘNG', '2.3a', ''])(
    '%j is written as is',
    (s) => {
      expect(needsQuotePrefix(s)).toBe(false);
      expect(textConstant(s)).toBe(s);
    },
  );
  test('in a text-formatted cell only a leading apostrophe needs one', () => {
    expect(textConstant('=A1', true)).toBe('=A1');
    expect(textConstant("'x", true)).toBe("''x");
  });
});

describe('grids', () => {
  test('formulas, numbers, guarded text and null where the plan is silent; number formats before', () => {
    const g = planGrids({
      cells: [
        { row: 0, col: 0, value: '1.1' },
        { row: 0, col: 2, formula: 'SUM(A1:A2)' },
        { row: 1, col: 1, value: 3, style: 'pct' },
        { row: 1, col: 0, value: '=x', style: 'text' },
      ],
      merges: [{ row: 2, col: 0, rows: 1, cols: 4 }],
      styles: { pct: { numberFormat: '0%' }, text: { numberFormat: '@' } },
    } as never);
    expect(g.rows).toBe(3);
    expect(g.cols).toBe(4);
    expect(g.formulas).toEqual([
      ["'1.1", null, '=SUM(A1:A2)', null],
      ['=x', 3, null, null],
      [null, null, null, null],
    ]);
    expect(g.numberFormats[1]).toEqual(['@', '0%', 'General', 'General']);
  });

  test('toRects covers exactly the cells, without overlap (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 6 })), {
          maxLength: 60,
        }),
        (pairs) => {
          const cells = pairs.map(([row, col]) => ({ row, col }));
          const want = new Set(cells.map((c) => `${c.row},${c.col}`));
          const seen = new Map<string, number>();
          for (const r of toRects(cells))
            for (let i = r.row; i < r.row + r.rows; i++)
              for (let j = r.col; j < r.col + r.cols; j++)
                seen.set(`${i},${j}`, (seen.get(`${i},${j}`) ?? 0) + 1);
          expect(new Set(seen.keys())).toEqual(want);
          expect([...seen.values()].every((n) => n === 1)).toBe(true);
        },
      ),
    );
  });

  test('toRects stacks a column of cells into one rectangle', () => {
    expect(toRects([0, 1, 2, 3].map((row) => ({ row, col: 4 })))).toEqual([
      { row: 0, col: 4, rows: 4, cols: 1 },
    ]);
    expect(
      toRects([
        { row: 0, col: 0 },
        { row: 0, col: 1 },
        { row: 1, col: 0 },
        { row: 1, col: 1 },
        { row: 3, col: 0 },
      ]),
    ).toEqual([
      { row: 0, col: 0, rows: 2, cols: 2 },
      { row: 3, col: 0, rows: 1, cols: 1 },
    ]);
  });

  test('identical validations form one group', () => {
    const v = (row: number, max: number): PlanValidation => ({
      row,
      col: 4,
      rule: { type: 'decimal', min: 0, max },
      prompt: { title: 'a', message: 'b' },
      error: { title: 'c', message: 'd' },
    });
    const groups = validationGroups([v(1, 10), v(2, 10), v(3, 5), v(4, 10)]);
    expect(groups.map((g) => g.rects)).toEqual([
      [
        { row: 1, col: 4, rows: 2, cols: 1 },
        { row: 4, col: 4, rows: 1, cols: 1 },
      ],
      [{ row: 3, col: 4, rows: 1, cols: 1 }],
    ]);
  });

  test('address chunks stay short and keep every address', () => {
    const addresses = Array.from({ length: 500 }, (_, i) => `E${i + 1}`);
    const chunks = addressChunks(addresses, 200);
    expect(chunks.every((c) => c.length <= 200)).toBe(true);
    expect(chunks.join(',').split(',')).toEqual(addresses);
  });

  test('column widths: characters to points as Excel measures them', () => {
    expect(charsToPoints(8.43)).toBeCloseTo(48, 0); // Excel's default column: 64 px
    expect(charsToPoints(44)).toBeCloseTo(234.75, 2);
  });
});

describe('A1', () => {
  test('column names round-trip', () => {
    for (const c of [0, 25, 26, 51, 52, 701, 702, 16383]) expect(columnIndex(columnName(c))).toBe(c);
    expect(columnName(27)).toBe('AB');
  });
  test('references as Excel writes them in names', () => {
    expect(parseReference("='Phụ lục I'!$E$12")).toEqual({
      sheet: 'Phụ lục I',
      row: 11,
      col: 4,
      rows: 1,
      cols: 1,
    });
    expect(parseReference("='It''s'!A1:B3")).toEqual({ sheet: "It's", row: 0, col: 0, rows: 3, cols: 2 });
    expect(parseReference('=Sheet1!$A$1:$B$2')).toMatchObject({ sheet: 'Sheet1', rows: 2, cols: 2 });
    expect(parseReference('_scorecard_meta!A1:C40')).toMatchObject({
      sheet: '_scorecard_meta',
      rows: 40,
      cols: 3,
    });
    expect(parseReference('={"a",1}')).toBeNull();
    expect(quoteSheetName('Sheet1')).toBe('Sheet1');
    expect(quoteSheetName('Phụ lục I')).toBe("'Phụ lục I'");
    expect(quoteSheetName('A1')).toBe("'A1'");
  });
  test('unique sheet names: suffixed, case-insensitive, at most 31 characters, no forbidden characters', () => {
    expect(uniqueSheetName('Phụ lục I', [])).toBe('Phụ lục I');
    expect(uniqueSheetName('Phụ lục I', ['phụ lục i'])).toBe('Phụ lục I (2)');
    expect(uniqueSheetName('Phụ lục I', ['Phụ lục I', 'Phụ lục I (2)'])).toBe('Phụ lục I (3)');
    const long = 'x'.repeat(40);
    expect(uniqueSheetName(long, ['x'.repeat(31)])).toBe(`${'x'.repeat(27)} (2)`);
    expect(uniqueSheetName('a/b:c', [])).toBe('a-b-c');
  });
});

describe('metadata blocks', () => {
  const rows = metaSheetRows(meta, 'Phụ lục I', [{ name: 'TOTAL', row: 40, col: 5 }]);
  const grid = blockGrid(rows, 'Phụ lục I (2)');

  test('a block: keys, values (text guarded), and the link formula on the sheet row', () => {
    expect(grid[0]).toEqual(['rulebookId', 'rb', null]);
    expect(grid[1]).toEqual(['rulebookVersion', "'1.0", null]);
    const sheetRow = grid.find((r) => r[0] === 'sheet')!;
    expect(sheetRow).toEqual(['sheet', 'Phụ lục I (2)', "='Phụ lục I (2)'!$A$1"]);
  });

  test('blocks are found in any column; the link wins over the sheet row; #REF! marks a deleted form', () => {
    const values = rows.map(([k, v]) => [k, v, '', '', k, v, '', '', k, v]);
    const formulas = values.map((r, i) => {
      const f = [...r];
      if (rows[i][0] === 'sheet') {
        f[6] = "='Renamed'!$A$1";
        f[10] = '=#REF!$A$1';
      }
      return f;
    });
    const blocks = parseBlocks(values, formulas);
    expect(blocks.map((b) => [b.col, b.sheet, b.linked, b.broken])).toEqual([
      [0, 'Phụ lục I', false, false],
      [4, 'Renamed', true, false],
      [8, undefined, false, true],
    ]);
    expect(blocks[0].meta).toEqual(meta);
    expect(blocks[0].addresses).toEqual({ TOTAL: 'F41' });
    expect(freeBlockCol(blocks, (n) => n === 'Renamed')).toBe(0);
    expect(freeBlockCol(blocks, () => true)).toBe(8);
  });

  test('same form: rulebook, annex, unit and year; not version or layout', () => {
    expect(sameForm(meta, { ...meta, rulebookVersion: '2', layoutVersion: 2, rulebookHash: 'x' })).toBe(true);
    for (const k of ['rulebookId', 'annex', 'unitId'] as const)
      expect(sameForm(meta, { ...meta, [k]: 'other' })).toBe(false);
    expect(sameForm(meta, { ...meta, year: 2025 })).toBe(false);
  });

  test('the XML part escapes what it must', () => {
    const xml = formsXml([{ meta: { ...meta, unitName: 'A & B <C>' }, sheet: 'Say "hi"' }]);
    expect(xml).toContain('<unitName>A &amp; B &lt;C&gt;</unitName>');
    expect(xml).toContain('sheet="Say &quot;hi&quot;"');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><forms xmlns="urn:it-scorecard:forms:1">/);
  });
});

describe('resolving names', () => {
  test("a sheet's own names win over the workbook's, names elsewhere are ignored", () => {
    const cells = namesOnSheet(
      'B',
      [
        { name: 'TOTAL', formula: "='A'!$F$40" },
        { name: 'BAND', formula: '=B!$F$41' },
      ],
      [{ name: 'total', formula: '=B!$F$39' }],
    );
    expect([...cells.entries()]).toEqual([
      ['total', { row: 38, col: 5, rows: 1, cols: 1 }],
      ['BAND', { row: 40, col: 5, rows: 1, cols: 1 }],
    ]);
  });

  test('values outside the used range read as empty', () => {
    const blocks = parseBlocks(
      blockGrid(metaSheetRows(meta, 'F', [{ name: 'IN_1_x', row: 0, col: 0 }]), 'F').map((r) => [
        r[0],
        String(r[1]).replace(/^'/, ''),
        '',
      ]),
      undefined,
    );
    const read = resolveSheet(
      'F',
      {
        address: 'F!B2:C3',
        values: [
          [1, 2],
          [3, 4],
        ],
      },
      [
        { name: 'IN_1_x', formula: '=F!$A$1' },
        { name: 'IN_1_y', formula: '=F!$C$3' },
      ],
      [],
      blocks,
    );
    expect(read).toMatchObject({
      values: { IN_1_x: '', IN_1_y: 4 },
      addresses: { IN_1_x: 'A1', IN_1_y: 'C3' },
      source: 'names',
    });
  });
});

describe('capabilities', () => {
  const excel = (version: string) => ({
    isSetSupported: (name: string, v = '1.1') =>
      name === 'ExcelApi' && Number(v.split('.')[1]) <= Number(version.split('.')[1]),
  });

  test('the highest version and the features', () => {
    expect(detectCapabilities(excel('1.14'))).toEqual({
      excelApi: '1.14',
      insertForm: true,
      dataValidation: true,
      comments: true,
      changeEvents: true,
      missing: [],
    });
    expect(detectCapabilities(excel('1.10'))).toEqual({
      excelApi: '1.10',
      insertForm: true,
      dataValidation: true,
      comments: true,
      changeEvents: true,
      missing: [],
    });
    expect(detectCapabilities(excel('1.8'))).toMatchObject({
      excelApi: '1.8',
      insertForm: true,
      dataValidation: true,
      comments: false,
      changeEvents: true,
    });
    expect(detectCapabilities(excel('1.7'))).toMatchObject({
      excelApi: '1.7',
      insertForm: true,
      dataValidation: false,
      comments: false,
      changeEvents: true,
    });
    expect(detectCapabilities(excel('1.6'))).toMatchObject({
      excelApi: '1.6',
      insertForm: false,
      dataValidation: false,
      comments: false,
      changeEvents: false,
    });
    expect(detectCapabilities(undefined)).toEqual({
      excelApi: '0',
      insertForm: false,
      dataValidation: false,
      comments: false,
      changeEvents: false,
      missing: [],
    });
    expect(
      highestExcelApi({
        isSetSupported: () => {
          throw new Error('no');
        },
      }),
    ).toBe('0');
  });

  test('what an Excel above the minimum lacks is said in both languages, with what happens instead', () => {
    expect(MINIMUM_EXCEL_API).toBe('1.7');
    const at = (v: string) => missingFeatures(excel(v));
    expect(at('1.7')).toEqual([
      msg('excelMissingDataValidation', { version: '1.8', have: 'ExcelApi 1.7' }),
      msg('excelMissingPrintSetup', { version: '1.9', have: 'ExcelApi 1.7' }),
      msg('excelMissingComments', { version: '1.10', have: 'ExcelApi 1.7' }),
    ]);
    expect(at('1.8')).toEqual([
      msg('excelMissingPrintSetup', { version: '1.9', have: 'ExcelApi 1.8' }),
      msg('excelMissingComments', { version: '1.10', have: 'ExcelApi 1.8' }),
    ]);
    expect(at('1.9')).toEqual([msg('excelMissingComments', { version: '1.10', have: 'ExcelApi 1.9' })]);
    expect(at('1.10')).toEqual([]);
    expect(at('1.7')[0].vi).toContain('Ngăn tác vụ vẫn kiểm tra');
    expect(at('1.7')[0].en).toContain('still checks every entry');
    expect(at('1.7')[2].en).toContain('appraisal log');
    expect(missingFeatures(undefined)).toEqual([]);
  });

  test('the missing requirement set is named in both languages', () => {
    let error: unknown;
    try {
      requireFeature(undefined, 'insertForm');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExcelHostError);
    const e = error as ExcelHostError;
    expect(e.code).toBe('requirementMissing');
    expect(e.text.vi).toBe(
      'Excel này không chèn phiếu đánh giá được: cần bộ API ExcelApi 1.7 trở lên (Excel này có không có bộ API Excel nào). Hãy dùng Microsoft 365 hoặc Office 2021 trở lên.',
    );
    expect(e.text.en).toBe(
      'This Excel cannot insert an assessment form: it needs the ExcelApi 1.7 requirement set or later (this Excel has no Excel API requirement set). Use Microsoft 365 or Office 2021 or later.',
    );
    expect(() => requireFeature(excel('1.10'), 'comments')).not.toThrow();
    expect(() => requireFeature(excel('1.9'), 'comments')).toThrow(/ExcelApi 1\.10.*ExcelApi 1\.9/);
  });
});
