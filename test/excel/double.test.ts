/** The recording double keeps Office.js's rules, so the host tests mean something. */
import { ExcelDouble } from './double';

type Ctx = Excel.RequestContext;
const run = <T>(d: ExcelDouble, f: (ctx: Ctx) => Promise<T>) => d.run<T>(f as never);

describe('batches and syncs', () => {
  test('loaded properties are readable only after a sync; syncs are counted', async () => {
    const d = new ExcelDouble();
    d.type('Sheet1', 'A1', [[1, 'x']]);
    await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1').load('values');
      expect(() => r.values).toThrow(/PropertyNotLoaded/);
      await ctx.sync();
      expect(r.values).toEqual([[1, 'x']]);
    });
    expect(d.syncs).toBe(1);
  });

  test('run() sends what is still queued in one more sync, and nothing when nothing is queued', async () => {
    const d = new ExcelDouble();
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('B2').values = [[5]];
    });
    expect(d.syncs).toBe(1);
    expect(d.writes).toEqual([
      { batch: 1, sheet: 'Sheet1', address: 'B2', property: 'values', value: [[5]] },
    ]);
    await run(d, async () => undefined);
    expect(d.syncs).toBe(1);
  });

  test('an invalid command fails the sync, and the rest of its batch is not applied', async () => {
    const d = new ExcelDouble();
    await expect(
      run(d, async (ctx) => {
        ctx.workbook.worksheets.getItem('Nope').getRange('A1').values = [[1]];
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[2]];
        await ctx.sync();
      }),
    ).rejects.toThrow(/ItemNotFound.*Nope/);
    expect(d.value('Sheet1', 'A1')).toBe('');
    expect(d.log).toEqual([{ kind: 'sync', batch: 1, ok: false }]);
  });

  test('unknown properties and methods throw, so an unexpected API use is caught', async () => {
    const d = new ExcelDouble();
    await run(d, async (ctx) => {
      expect(() => (ctx.workbook as unknown as { tables: unknown }).tables).toThrow(
        /Workbook\.tables is not modelled/,
      );
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      expect(() => ((r as unknown as { hyperlink: unknown }).hyperlink = {})).toThrow(
        /cannot set Range\.hyperlink/,
      );
      expect(() => (r.format as unknown as { indentLevel: number }).indentLevel).toThrow(/not modelled/);
      expect(() => r.load('text')).toThrow(/cannot load text/);
    });
  });

  test('APIs above the requirement set of this Excel throw', async () => {
    const d = new ExcelDouble({ apiVersion: '1.8' });
    await run(d, async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      expect(() => sheet.pageLayout).toThrow(/ExcelApi 1\.9/);
      expect(() => sheet.getRanges('A1,B2')).toThrow(/ExcelApi 1\.9/);
      expect(() => ctx.workbook.application.suspendScreenUpdatingUntilNextSync()).toThrow(/ExcelApi 1\.9/);
      expect(() => sheet.getRange('A1').dataValidation).not.toThrow();
    });
    expect(d.requirements.isSetSupported('ExcelApi', '1.8')).toBe(true);
    expect(d.requirements.isSetSupported('ExcelApi', '1.9')).toBe(false);
  });

  test('2-D writes must match the range', async () => {
    const d = new ExcelDouble();
    await expect(
      run(d, async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').values = [[1, 2]];
        await ctx.sync();
      }),
    ).rejects.toThrow(/2×2 array/);
  });
});

describe('cells as Excel stores typed text', () => {
  test.each([
    ['=1+1', { formula: '=1+1' }],
    ["'=1+1", { value: '=1+1', quotePrefix: true }],
    ['1.10', { value: 1.1 }],
    ['50%', { value: 0.5 }],
    ['TRUE', { value: true }],
    ['-abc', { formula: '=-abc' }],
    ['@abc', { formula: '=abc' }],
    ['Sở Nội vụ', { value: 'Sở Nội vụ' }],
    [null, { value: 'before' }],
  ])('%j', async (typed, expected) => {
    const d = new ExcelDouble();
    d.type('Sheet1', 'A1', [['before']]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').formulas = [[typed as string]];
      await ctx.sync();
    });
    expect(d.cell('Sheet1', 'A1')).toMatchObject(expected);
  });

  test("a text format ('@') keeps what is written", async () => {
    const d = new ExcelDouble();
    await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      r.numberFormat = [['@']];
      r.values = [['=x']];
      await ctx.sync();
    });
    expect(d.cell('Sheet1', 'A1')).toMatchObject({ value: '=x', formula: undefined });
  });

  test('a protected sheet refuses writes to locked cells only', async () => {
    const d = new ExcelDouble();
    await run(d, async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Sheet1');
      s.getRange('B2').format.protection.locked = false;
      s.protection.protect();
      await ctx.sync();
      s.getRange('B2').values = [[1]];
      await ctx.sync();
      s.getRange('A1').values = [[1]];
      await expect(ctx.sync()).rejects.toThrow(/locked/);
    });
    expect(d.value('Sheet1', 'B2')).toBe(1);
  });
});

describe('names and sheets', () => {
  test('names: valid, unique per scope, follow renames, #REF! after a delete', async () => {
    const d = new ExcelDouble();
    d.addSheet('Phụ lục I');
    await run(d, async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Phụ lục I');
      ctx.workbook.names.add('TOTAL', s.getRange('F40'));
      s.names.add('TOTAL', s.getRange('F41')); // the same name on the sheet's scope is allowed
      await ctx.sync();
      ctx.workbook.names.add('total', s.getRange('F42'));
      await expect(ctx.sync()).rejects.toThrow(/already exists/);
      ctx.workbook.names.add('A1', s.getRange('F42'));
      await expect(ctx.sync()).rejects.toThrow(/not a valid name/);
    });
    d.renameSheet('Phụ lục I', 'PL1');
    const names = await run(d, async (ctx) => {
      const n = ctx.workbook.names.load('items/name,items/formula');
      await ctx.sync();
      return n.items.map((x) => x.formula);
    });
    expect(names).toEqual(['=PL1!$F$40']);
    d.type('Sheet1', 'A1', [["='PL1'!F40"]]);
    d.deleteSheet('PL1');
    expect(d.names()).toEqual([{ name: 'TOTAL', scope: null, sheet: '#REF!', address: 'F40' }]);
    expect(d.cell('Sheet1', 'A1')?.formula).toBe('=#REF!F40');
  });

  test('a workbook keeps one visible sheet; a hidden sheet cannot be activated', async () => {
    const d = new ExcelDouble();
    await expect(
      run(d, async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').visibility = 'Hidden';
        await ctx.sync();
      }),
    ).rejects.toThrow(/one visible sheet/);
  });

  test.each(['throw', 'propagate'] as const)('null objects (%s)', async (mode) => {
    const d = new ExcelDouble({ nullObjects: mode });
    const attempt = run(d, async (ctx) => {
      const s = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      const used = s.getUsedRangeOrNullObject(true).load('values');
      await ctx.sync();
      return [s.isNullObject, used.isNullObject];
    });
    if (mode === 'throw') await expect(attempt).rejects.toThrow(/null object/);
    else await expect(attempt).resolves.toEqual([true, true]);
  });
});

describe('events', () => {
  test('handlers count after a sync, stop after remove + sync; fire passes Excel-shaped arguments', async () => {
    const d = new ExcelDouble();
    const seen: unknown[] = [];
    const result = await run(d, async (ctx) => {
      const h = ctx.workbook.worksheets.getItem('Sheet1').onChanged.add(async (e) => void seen.push(e));
      expect(d.handlerCount()).toBe(0);
      await ctx.sync();
      return h;
    });
    await d.fireChanged('Sheet1', { address: 'C3' });
    expect(seen).toEqual([
      {
        type: 'WorksheetChanged',
        changeType: 'RangeEdited',
        source: 'Local',
        worksheetId: d.sheet('Sheet1').id,
        address: 'C3',
      },
    ]);
    await d.run(result.context as never, async (ctx: Ctx) => {
      result.remove();
      await ctx.sync();
    });
    expect(d.handlerCount()).toBe(0);
  });
});
