/** ExcelHost.readActive and selectName against the recording double. */
import { planForm } from '../../src/form/plan';
import { META_NAME, META_SHEET } from '../../src/form/names';
import { metaSheetRows } from '../../src/form/meta';
import { readSubmission } from '../../src/form/read';
import { makeRulebook, everyRule } from '../helpers/rulebooks';
import { a1 } from './double';
import { builtinPlans, countSyncs, setup } from './fixtures';

const rb = makeRulebook({}, everyRule);
const plan = planForm(rb, 'A', { id: 'snv', name: 'Sở Nội vụ' }, 2024);
const largest = builtinPlans().reduce((a, b) => (b.plan.names.length > a.plan.names.length ? b : a));

describe('readActive', () => {
  test.each(['throw', 'propagate'] as const)(
    'a form: one sync, every name mapped to the value just written (null objects: %s)',
    async (nullObjects) => {
      const { d, host } = setup({ nullObjects, evaluate: (f) => `calc ${f}` });
      const { sheetName } = await host.insertForm(largest.plan);
      const typed: Record<string, number> = {};
      largest.plan.names
        .filter((n) => n.name.startsWith('IN_'))
        .forEach((n, i) => {
          typed[n.name] = i + 0.25;
          d.type(sheetName, a1(n.row, n.col), [[i + 0.25]]);
        });
      const { result, syncs } = await countSyncs(d, () => host.readActive());
      expect(syncs).toBe(1);
      if (result.kind !== 'form') throw new Error(JSON.stringify(result));
      expect(result.sheetName).toBe(sheetName);
      expect(result.meta).toEqual(largest.plan.meta);
      expect(Object.keys(result.values).sort()).toEqual(largest.plan.names.map((n) => n.name).sort());
      for (const n of largest.plan.names) {
        expect(result.addresses[n.name]).toBe(a1(n.row, n.col));
        const cell = largest.plan.cells.find(
          (c) => c.row === n.row && c.col === n.col && (c.formula !== undefined || c.value !== undefined),
        );
        const expected =
          n.name in typed
            ? typed[n.name]
            : cell?.formula !== undefined
              ? `calc ${cell.formula}`
              : (cell?.value ?? '');
        expect({ name: n.name, value: result.values[n.name] }).toEqual({ name: n.name, value: expected });
      }
    },
  );

  test('the values feed form/read.ts: a Submission with the typed entries', async () => {
    const { d, host } = setup();
    const { sheetName } = await host.insertForm(plan);
    const at = (name: string) => plan.names.find((n) => n.name === name)!;
    d.type(sheetName, a1(at('IN_1_1_points').row, at('IN_1_1_points').col), [[7.5]]);
    d.type(sheetName, a1(at('IN_1_2_value').row, at('IN_1_2_value').col), [['Có']]);
    d.type(sheetName, a1(at('REASON_1_1').row, at('REASON_1_1').col), [['Thiếu 1 hệ thống']]);
    d.type(sheetName, a1(at('APPR_1_1').row, at('APPR_1_1').col), [[7]]);
    const read = await host.readActive();
    if (read.kind !== 'form') throw new Error('not a form');
    const sub = readSubmission(rb, read.meta, read.values);
    expect(sub.entries['1.1']).toEqual({ points: 7.5, reason: 'Thiếu 1 hệ thống' });
    expect(sub.entries['1.2']).toEqual({ value: 'Có' });
    expect(sub.appraisals['1.1']).toEqual({ points: 7 });
  });

  test('a sheet that is not a form, in a workbook with a form: noMetadata in one sync', async () => {
    const { d, host } = setup();
    await host.insertForm(plan);
    d.activate('Sheet1');
    const { result, syncs } = await countSyncs(d, () => host.readActive());
    expect(result).toEqual({ kind: 'notForm', sheetName: 'Sheet1', reason: 'noMetadata' });
    expect(syncs).toBe(1);
  });

  test('a workbook without any form: noMetadata (a second sync only if Excel refuses null-object chains)', async () => {
    for (const [nullObjects, expected] of [
      ['throw', 2],
      ['propagate', 1],
    ] as const) {
      const { d, host } = setup({ nullObjects });
      const { result, syncs } = await countSyncs(d, () => host.readActive());
      expect(result).toEqual({ kind: 'notForm', sheetName: 'Sheet1', reason: 'noMetadata' });
      expect(syncs).toBe(expected);
    }
  });

  test('form names without the metadata sheet: damaged, explained in both languages', async () => {
    const { d, host } = setup();
    const { sheetName } = await host.insertForm(plan);
    d.deleteSheet(META_SHEET);
    const read = await host.readActive();
    expect(read).toMatchObject({ kind: 'notForm', sheetName, reason: 'damaged' });
    expect(read.kind === 'notForm' && read.detail).toMatch(/_scorecard_meta.* \/ .*_scorecard_meta/);
  });

  test('unreadable metadata (no annex): damaged', async () => {
    const { d, host } = setup();
    const { sheetName } = await host.insertForm(plan);
    const annexRow = plan.metaSheet.rows.findIndex(([k]) => k === 'annex') + 1;
    d.type(META_SHEET, `B${annexRow}`, [['']]);
    expect(await host.readActive()).toMatchObject({ kind: 'notForm', sheetName, reason: 'damaged' });
  });

  test('names lost (a tool dropped them): the metadata rows still locate every cell', async () => {
    const { d, host } = setup();
    const { sheetName } = await host.insertForm(plan);
    const n = plan.names.find((x) => x.name === 'IN_1_1_points')!;
    d.type(sheetName, a1(n.row, n.col), [[4]]);
    d._names = [];
    const read = await host.readActive();
    if (read.kind !== 'form') throw new Error(JSON.stringify(read));
    expect(read.values['IN_1_1_points']).toBe(4);
    expect(Object.keys(read.values).length).toBe(plan.names.length);
  });

  test('a form written by the .xlsx host (metadata in A:B, no link column) is recognised, also after a rename', async () => {
    const { d, host } = setup();
    d.addSheet(plan.sheetName);
    d.addSheet(META_SHEET, 'VeryHidden');
    d.type(
      META_SHEET,
      'A1',
      metaSheetRows(plan.meta, plan.sheetName, plan.names).map(([k, v]) => [
        k,
        typeof v === 'number' ? v : `'${v}`,
      ]),
    );
    for (const n of plan.names) d.addName(n.name, plan.sheetName, a1(n.row, n.col));
    d.addName(META_NAME, META_SHEET, `A1:B${plan.metaSheet.rows.length}`);
    const n = plan.names.find((x) => x.name === 'IN_2_1_count')!;
    d.type(plan.sheetName, a1(n.row, n.col), [[3]]);
    d.activate(plan.sheetName);
    expect(await host.readActive()).toMatchObject({
      kind: 'form',
      sheetName: plan.sheetName,
      meta: plan.meta,
      values: { IN_2_1_count: 3 },
    });
    d.renameSheet(plan.sheetName, 'Đã đổi tên');
    expect(await host.readActive()).toMatchObject({
      kind: 'form',
      sheetName: 'Đã đổi tên',
      meta: plan.meta,
      values: { IN_2_1_count: 3 },
    });
  });
});

describe('selectName', () => {
  test('one sync: activates the form and selects the named cell', async () => {
    const { d, host } = setup();
    const { sheetName } = await host.insertForm(plan);
    await host.readActive();
    d.activate('Sheet1');
    const n = plan.names.find((x) => x.name === 'REASON_1_1')!;
    const { syncs } = await countSyncs(d, () => host.selectName('REASON_1_1'));
    expect(syncs).toBe(1);
    expect(d.selection).toEqual({ sheet: sheetName, address: a1(n.row, n.col) });
    expect(d.activeSheet().name).toBe(sheetName);
  });

  test('without an earlier read, Excel resolves the name on the active sheet', async () => {
    const { d, host } = setup();
    const { sheetName } = await host.insertForm(plan);
    const fresh = new (host.constructor as typeof import('../../src/excel/host').ExcelHost)(d.run as never, {
      requirements: d.requirements,
    });
    const n = plan.names.find((x) => x.name === 'TOTAL')!;
    const { syncs } = await countSyncs(d, () => fresh.selectName('TOTAL'));
    expect(syncs).toBe(1);
    expect(d.selection).toEqual({ sheet: sheetName, address: a1(n.row, n.col) });
  });

  test('an unknown name rejects', async () => {
    const { host } = setup();
    await host.insertForm(plan);
    await expect(host.selectName('IN_9_9_nothing')).rejects.toThrow(/IN_9_9_nothing/);
  });
});
