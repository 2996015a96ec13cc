/** ExcelHost.insertForm against the recording double: syncs, names, cells, formats, metadata, protection. */
import { planForm } from '../../src/form/plan';
import { builtinRulebook } from '../../src/core/rulebook/builtin';
import { META_NAME, META_SHEET } from '../../src/form/names';
import { FORMS_XML_NAMESPACE } from '../../src/excel/metaBlocks';
import type { SheetPlan } from '../../src/form/types';
import { makeRulebook, everyRule } from '../helpers/rulebooks';
import { a1, areaA1, parseA1Area } from './double';
import { builtinPlans, countSyncs, criteriaCount, setup } from './fixtures';

const plans = builtinPlans();
const largest = plans.reduce((a, b) => (criteriaCount(b.plan) > criteriaCount(a.plan) ? b : a));
const tinyRb = makeRulebook({}, [everyRule[1]]);
const tiny = planForm(tinyRb, 'A', { id: 'snv', name: 'Sở Nội vụ' }, 2024);

describe('sync budget', () => {
  test('the built-in rulebooks give annexes of very different sizes', () => {
    expect(plans.length).toBeGreaterThanOrEqual(3);
    expect(criteriaCount(largest.plan)).toBeGreaterThan(10 * criteriaCount(tiny));
  });

  test.each(plans.map((p) => [`${p.rb.id} ${p.annex}`, p] as const))(
    '%s is inserted in at most 3 syncs',
    async (_label, { plan }) => {
      for (const nullObjects of ['throw', 'propagate'] as const) {
        const { d, host } = setup({ nullObjects });
        const { result, syncs } = await countSyncs(d, () => host.insertForm(plan));
        expect(result).toEqual({ sheetName: plan.sheetName, upgraded: false });
        expect(syncs).toBeLessThanOrEqual(3);
      }
    },
  );

  test('the count does not grow with the number of criteria', async () => {
    const counts: number[] = [];
    for (const plan of [tiny, largest.plan]) {
      for (const nullObjects of ['throw', 'propagate'] as const) {
        const { d, host } = setup({ nullObjects });
        counts.push((await countSyncs(d, () => host.insertForm(plan))).syncs);
        // A second form into the same workbook: the metadata sheet now exists.
        const other = { ...plan, meta: { ...plan.meta, unitId: 'other_unit' } };
        counts.push((await countSyncs(d, () => host.insertForm(other))).syncs);
      }
    }
    // [tiny throw, tiny 2nd, tiny propagate, tiny 2nd, largest …] – the same for both sizes.
    expect(counts.slice(0, 4)).toEqual(counts.slice(4));
    expect(counts).toEqual([3, 2, 2, 2, 3, 2, 2, 2]);
  });

  test('every write of the form goes out in the last sync', async () => {
    const { d, host } = setup();
    await host.insertForm(largest.plan);
    const last = d.syncs;
    const formWrites = d.writes.filter((w) => w.sheet === largest.plan.sheetName);
    expect(formWrites.length).toBeGreaterThan(100);
    expect(formWrites.every((w) => w.batch === last)).toBe(true);
  });
});

describe('what lands on the sheet', () => {
  const cases = [
    largest,
    plans.find((p) => p.rb.id !== largest.rb.id)!,
    { rb: tinyRb, annex: 'A', plan: tiny },
  ];

  test.each(cases.map((c) => [`${c.rb.id} ${c.annex}`, c.plan] as const))(
    '%s: names, formulas, constants, merges',
    async (_l, plan) => {
      const { d, host } = setup();
      const { sheetName } = await host.insertForm(plan);
      expect(d.activeSheet().name).toBe(sheetName);

      // Every defined name at workbook scope, on the right cell.
      const names = new Map(
        d
          .names()
          .filter((n) => n.scope === null)
          .map((n) => [n.name, n]),
      );
      for (const n of plan.names)
        expect(names.get(n.name)).toEqual({
          name: n.name,
          scope: null,
          sheet: sheetName,
          address: a1(n.row, n.col),
        });
      expect(names.get(META_NAME)).toMatchObject({
        sheet: META_SHEET,
        address: `A1:B${plan.metaSheet.rows.length}`,
      });

      for (const c of plan.cells) {
        const cell = d.cell(sheetName, a1(c.row, c.col));
        if (c.formula !== undefined) expect(cell?.formula).toBe(c.formula);
        else if (c.value !== undefined) {
          // Constants stay what they are: text stays text (ids such as "1.1" included), numbers numbers.
          expect(cell?.formula).toBeUndefined();
          expect(cell?.value).toBe(c.value);
        }
      }
      const sheet = d.sheet(sheetName);
      expect(sheet.merges.map(areaA1).sort()).toEqual(plan.merges.map((m) => areaA1(m)).sort());
      expect(sheet.freezeRows).toBe(plan.freezeRows);
      plan.columns.forEach((w, i) => expect(sheet.columnWidths.get(i)).toBeCloseTo((w * 7 + 5) * 0.75, 1));
      expect(sheet.font).toEqual({ name: plan.font.name, size: plan.font.size });
    },
  );

  test.each(cases.map((c) => [`${c.rb.id} ${c.annex}`, c.plan] as const))(
    '%s: styles, borders, input cells unlocked',
    async (_l, plan) => {
      const { d, host } = setup();
      const { sheetName } = await host.insertForm(plan);
      for (const c of plan.cells) {
        const style = c.style ? plan.styles[c.style] : undefined;
        const cell = d.cell(sheetName, a1(c.row, c.col));
        if (!style) continue;
        expect(cell?.locked).toBe(!style.unlocked);
        if (style.bold) expect(cell?.format['font.bold']).toBe(true);
        if (style.fill) expect(cell?.format['fill.color']).toBe(style.fill);
        if (style.numberFormat) expect(cell?.numberFormat).toBe(style.numberFormat);
        if (style.hAlign)
          expect(cell?.format.horizontalAlignment).toBe(
            { left: 'Left', center: 'Center', right: 'Right' }[style.hAlign],
          );
        if (style.border)
          expect(Object.keys(cell?.borders ?? {}).sort()).toEqual(['bottom', 'left', 'right', 'top']);
        if (style.wrap) expect(cell?.format.wrapText).toBe(true);
      }
    },
  );

  test.each(cases.map((c) => [`${c.rb.id} ${c.annex}`, c.plan] as const))(
    '%s: validations and conditional formats on the right cells',
    async (_l, plan) => {
      const { d, host } = setup();
      const { sheetName } = await host.insertForm(plan);
      const sheet = d.sheet(sheetName);
      expect(sheet.validations.size).toBe(plan.validations.length);
      for (const v of plan.validations) {
        const got = sheet.validations.get(`${v.row},${v.col}`);
        expect(got?.ignoreBlanks).toBe(true);
        expect(got?.prompt).toMatchObject({ showPrompt: true, title: v.prompt.title });
        expect(got?.errorAlert).toMatchObject({ showAlert: true, style: 'Stop', title: v.error.title });
        const r = v.rule;
        if (r.type === 'list')
          expect(got?.rule).toEqual({ list: { inCellDropDown: true, source: r.values.join(',') } });
        else {
          const kind = r.type === 'whole' ? 'wholeNumber' : 'decimal';
          const basic =
            r.max === undefined
              ? { formula1: r.min, operator: 'GreaterThanOrEqualTo' }
              : { formula1: r.min, formula2: r.max, operator: 'Between' };
          expect(got?.rule).toEqual({ [kind]: basic });
        }
      }
      const norm = (range: string) => areaA1(parseA1Area(range)!);
      const got = sheet.conditionalFormats
        .map((c) => `${c.address} ${c.formula} ${c.fill} ${c.fontColor ?? ''}`)
        .sort();
      const want = plan.conditionalFormats
        .map((c) => `${norm(c.range)} =${c.formula} ${c.fill} ${c.color ?? ''}`)
        .sort();
      expect(got).toEqual(want);
    },
  );

  test('the metadata sheet is very hidden and holds the plan rows, the custom XML part the identity', async () => {
    const { d, host } = setup();
    const { sheetName } = await host.insertForm(largest.plan);
    const meta = d.sheet(META_SHEET);
    expect(meta.visibility).toBe('VeryHidden');
    largest.plan.metaSheet.rows.forEach(([key, value], i) => {
      expect(d.value(META_SHEET, `A${i + 1}`)).toBe(key);
      expect(d.value(META_SHEET, `B${i + 1}`)).toBe(key === 'sheet' ? sheetName : value);
    });
    // rulebookVersion "1.0"-like text stays text: the metadata reads back exactly.
    expect(typeof d.value(META_SHEET, 'B2')).toBe('string');
    expect(
      d.cell(META_SHEET, `C${largest.plan.metaSheet.rows.findIndex(([k]) => k === 'sheet') + 1}`)?.formula,
    ).toBe(`='${sheetName}'!$A$1`);
    const parts = d.parts().filter((p) => p.namespaceUri === FORMS_XML_NAMESPACE);
    expect(parts).toHaveLength(1);
    expect(parts[0].xml).toContain(`<unitId>${largest.plan.meta.unitId}</unitId>`);
    expect(parts[0].xml).toContain(`<form sheet="${sheetName}">`);
  });

  test('print setup: A4, orientation, one page wide, title rows, margins in points', async () => {
    const { d, host } = setup();
    const { sheetName } = await host.insertForm(largest.plan);
    const p = largest.plan.print;
    const mm = (x: number) => expect.closeTo((x * 72) / 25.4, 1);
    expect(d.sheet(sheetName).pageLayout).toEqual({
      paperSize: 'A4',
      orientation: p.orientation === 'landscape' ? 'Landscape' : 'Portrait',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      topMargin: mm(p.margins.top),
      bottomMargin: mm(p.margins.bottom),
      leftMargin: mm(p.margins.left),
      rightMargin: mm(p.margins.right),
      printTitleRows: `$${p.titleRows.first + 1}:$${p.titleRows.last + 1}`,
    });
    expect(host.skipped).toEqual([]);
  });

  test('protection comes last, events are off during the write and on again after', async () => {
    const { d, host } = setup();
    const { sheetName } = await host.insertForm(largest.plan);
    const last = d.writes.filter((w) => w.batch === d.syncs);
    const protectAt = last.findIndex((w) => w.property === 'protection.protect');
    expect(protectAt).toBeGreaterThan(0);
    expect(last[protectAt].sheet).toBe(sheetName);
    expect(last[protectAt].value).toEqual({
      allowFormatColumns: true,
      allowFormatRows: true,
      selectionMode: 'Normal',
    });
    expect(last.slice(protectAt + 1).map((w) => w.property)).toEqual(['runtime.enableEvents']);
    expect(last[0]).toMatchObject({ property: 'runtime.enableEvents', value: false });
    expect(last[last.length - 1]).toMatchObject({ property: 'runtime.enableEvents', value: true });
    expect(last.some((w) => w.property === 'application.suspendApiCalculationUntilNextSync')).toBe(true);
    expect(d.sheet(sheetName).protection.protected).toBe(true);
    expect(d.enableEvents).toBe(true);
  });

  test('a password in the plan is passed to protect', async () => {
    const { d, host } = setup();
    const { sheetName } = await host.insertForm({ ...tiny, protect: { password: 'mật khẩu' } });
    expect(d.sheet(sheetName).protection.password).toBe('mật khẩu');
  });
});

describe('text that Excel would read as something else stays text', () => {
  const risky = [
    '=SUM(A1:A3)',
    '+84 912 345 678',
    '-',
    '- gạch đầu dòng',
    '@home',
    '1.10',
    '1.1',
    '2',
    'TRUE',
    '50%',
    '#N/A',
    "'quoted",
    '1/2',
    'Jan 5',
    '12:30',
    '',
    'Bình thường',
  ];

  function handPlan(values: (string | number)[], numberFormat?: string): SheetPlan {
    return {
      ...tiny,
      cells: values.map((value, i) => ({ row: i, col: 0, value, style: numberFormat ? 'text' : undefined })),
      styles: numberFormat ? { text: { numberFormat } } : {},
      merges: [],
      names: [{ name: 'IN_x_value', row: 0, col: 0 }],
      validations: [],
      conditionalFormats: [],
      rowHeights: {},
      metaSheet: { ...tiny.metaSheet, rows: tiny.metaSheet.rows.filter(([k]) => !k.startsWith('name:')) },
    };
  }

  test.each([undefined, '@'])('written with number format %s', async (numberFormat) => {
    const { d, host } = setup();
    const { sheetName } = await host.insertForm(handPlan(risky, numberFormat));
    risky.forEach((text, i) => {
      const cell = d.cell(sheetName, `A${i + 1}`);
      expect({ text, formula: cell?.formula, value: cell?.value }).toEqual({
        text,
        formula: undefined,
        value: text,
      });
    });
    // Numbers stay numbers.
    const { d: d2, host: h2 } = setup();
    await h2.insertForm(handPlan([0, 1.5, -2]));
    expect([
      d2.value(tiny.sheetName, 'A1'),
      d2.value(tiny.sheetName, 'A2'),
      d2.value(tiny.sheetName, 'A3'),
    ]).toEqual([0, 1.5, -2]);
  });

  test('a list too long for an inline source is kept on the metadata sheet', async () => {
    const { d, host } = setup();
    const values = Array.from({ length: 40 }, (_, i) => `Mức ${i}, có dấu phẩy`);
    const plan: SheetPlan = {
      ...tiny,
      validations: [
        {
          row: 30,
          col: 4,
          rule: { type: 'list', values },
          prompt: { title: 't', message: 'm' },
          error: { title: 't', message: 'm' },
        },
      ],
    };
    const { sheetName } = await host.insertForm(plan);
    const rule = d.sheet(sheetName).validations.get('30,4')?.rule as { list: { source: string } };
    const ref = /^='?_scorecard_meta'?!\$C\$(\d+):\$C\$(\d+)$/.exec(rule.list.source);
    expect(ref).not.toBeNull();
    const [first, last] = [Number(ref![1]), Number(ref![2])];
    expect(last - first + 1).toBe(values.length);
    values.forEach((v, i) => expect(d.value(META_SHEET, `C${first + i}`)).toBe(v));
  });
});

describe('more than one form in a workbook', () => {
  test('another unit: a unique sheet name, names on its own sheet, its own metadata block', async () => {
    const rb = builtinRulebook(largest.rb.id)!;
    const units = rb.units.filter((u) => u.annex === largest.annex).slice(0, 2);
    const [first, second] =
      units.length === 2
        ? units
        : [
            { id: 'u1', name: 'Đơn vị 1' },
            { id: 'u2', name: 'Đơn vị 2' },
          ];
    const p1 = planForm(rb, largest.annex, first, 2024);
    const p2 = planForm(rb, largest.annex, second, 2024);
    const { d, host } = setup();
    const r1 = await host.insertForm(p1);
    const r2 = await host.insertForm(p2);
    expect(r1.sheetName).toBe(p1.sheetName);
    expect(r2).toEqual({ sheetName: `${p1.sheetName} (2)`, upgraded: false });
    // The first form keeps the workbook-level names; the second carries the same names on its sheet.
    const own = d.names().filter((n) => n.scope === r2.sheetName);
    expect(own.map((n) => n.name).sort()).toEqual([...p2.names.map((n) => n.name), META_NAME].sort());
    expect(own.find((n) => n.name === META_NAME)).toMatchObject({
      sheet: META_SHEET,
      address: `E1:F${p2.metaSheet.rows.length}`,
    });
    expect(d.names().filter((n) => n.scope === null && n.name === 'TOTAL')).toEqual([
      expect.objectContaining({ sheet: r1.sheetName }),
    ]);

    const read2 = await host.readActive();
    expect(read2).toMatchObject({ kind: 'form', sheetName: r2.sheetName, meta: { unitId: p2.meta.unitId } });
    d.activate(r1.sheetName);
    expect(await host.readActive()).toMatchObject({
      kind: 'form',
      sheetName: r1.sheetName,
      meta: { unitId: p1.meta.unitId },
    });
    expect(d.parts()[0].xml.match(/<form /g)).toHaveLength(2);
  });

  test('a sheet with the plan name that is not a form is left alone', async () => {
    const { d, host } = setup();
    d.addSheet(tiny.sheetName);
    d.type(tiny.sheetName, 'A1', [['ghi chú của người dùng']]);
    const r = await host.insertForm(tiny);
    expect(r).toEqual({ sheetName: `${tiny.sheetName} (2)`, upgraded: false });
    expect(d.value(tiny.sheetName, 'A1')).toBe('ghi chú của người dùng');
    expect(d.names().find((n) => n.name === 'TOTAL')).toMatchObject({ scope: null, sheet: r.sheetName });
  });

  test('names left dangling by a deleted form sheet do not block a new form', async () => {
    const { d, host } = setup();
    await host.insertForm(tiny);
    d.deleteSheet(tiny.sheetName);
    expect(d.names().find((n) => n.name === 'TOTAL')?.sheet).toBe('#REF!');
    const r = await host.insertForm(tiny);
    expect(r).toEqual({ sheetName: tiny.sheetName, upgraded: false });
    expect(d.names().filter((n) => n.name === 'TOTAL')).toEqual([
      expect.objectContaining({ scope: null, sheet: tiny.sheetName }),
    ]);
    expect(await host.readActive()).toMatchObject({ kind: 'form', sheetName: tiny.sheetName });
  });
});

describe('requirement sets', () => {
  test('below ExcelApi 1.7 insertForm rejects, in both languages, before touching the workbook', async () => {
    const { d, host } = setup({ apiVersion: '1.6' });
    const error = await host.insertForm(tiny).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const e = error as Error & { text: { vi: string; en: string } };
    expect(e.text.vi).toContain('ExcelApi 1.7');
    expect(e.text.en).toContain('ExcelApi 1.7');
    expect(e.text.vi).toContain('chèn phiếu');
    expect(e.text.en).toContain('insert an assessment form');
    expect(e.text.en).toContain('ExcelApi 1.6');
    expect(e.message).toBe(`${e.text.vi} / ${e.text.en}`);
    expect(d.syncs).toBe(0);
    expect(d.writes).toHaveLength(0);
  });

  test('ExcelApi 1.8: no print setup, no RangeAreas, no screen-updating switch; what was skipped is recorded', async () => {
    const { d, host } = setup({ apiVersion: '1.8' });
    const { sheetName } = await host.insertForm(largest.plan);
    expect(host.skipped).toEqual(['print setup (ExcelApi 1.9)']);
    expect(d.sheet(sheetName).pageLayout).toEqual({});
    expect(d.writes.some((w) => w.property === 'application.suspendScreenUpdatingUntilNextSync')).toBe(false);
    // Still complete: every name, validation and the protection.
    expect(d.names().filter((n) => n.scope === null)).toHaveLength(largest.plan.names.length + 1);
    expect(d.sheet(sheetName).validations.size).toBe(largest.plan.validations.length);
    expect(d.sheet(sheetName).protection.protected).toBe(true);
  });
});
