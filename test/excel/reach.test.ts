/**
 * Reach: the add-in starts from ExcelApi 1.7 (Office 2019) and does what each version allows. On the
 * recording double at 1.7, 1.8, 1.10 and 1.14: insert a form, type entries, read it back, rank two
 * units and write "Tổng hợp", with the capability messages each level should give. The double throws
 * on any API above its version, so a pass also proves nothing newer was called.
 */
import { builtinRulebook } from '../../src/core/rulebook/builtin';
import { rank, type RankingInput } from '../../src/core/ranking';
import { msg } from '../../src/i18n';
import { formName } from '../../src/form/names';
import { planForm } from '../../src/form/plan';
import { readSubmission } from '../../src/form/read';
import { summarySheet, SUMMARY_SHEET } from '../../src/report';
import { annexOf, entriesWorth } from '../core/ranking/fixtures';
import { a1, type ExcelDouble } from './double';
import { countSyncs, setup } from './fixtures';
import type { ExcelHost } from '../../src/excel/host';
import type { SheetPlan } from '../../src/form/types';

const rb = builtinRulebook('binh-thuan-2019')!;
const units = rb.units.filter((u) => u.annex === 'I').slice(0, 2);
const plans = units.map((u) => planForm(rb, 'I', { id: u.id, name: u.name }, 2019));

const missing = {
  dataValidation: (have: string) =>
    msg('excelMissingDataValidation', { version: '1.8', have: `ExcelApi ${have}` }),
  printSetup: (have: string) => msg('excelMissingPrintSetup', { version: '1.9', have: `ExcelApi ${have}` }),
  comments: (have: string) => msg('excelMissingComments', { version: '1.10', have: `ExcelApi ${have}` }),
};

const levels = [
  {
    version: '1.7',
    missing: [missing.dataValidation('1.7'), missing.printSetup('1.7'), missing.comments('1.7')],
    skipped: ['data validation (ExcelApi 1.8)', 'print setup (ExcelApi 1.9)'],
  },
  {
    version: '1.8',
    missing: [missing.printSetup('1.8'), missing.comments('1.8')],
    skipped: ['print setup (ExcelApi 1.9)'],
  },
  { version: '1.10', missing: [], skipped: [] },
  { version: '1.14', missing: [], skipped: [] },
];

/** Type a full set of entries worth `total` into the form's input cells, as a person would. */
function fill(d: ExcelDouble, sheetName: string, plan: SheetPlan, total: number) {
  const at = new Map(plan.names.map((n) => [n.name, n]));
  for (const [criterion, entry] of Object.entries(entriesWorth(annexOf(rb, 'I'), total))) {
    for (const [key, value] of Object.entries(entry)) {
      const name =
        key === 'reason'
          ? formName.reason(criterion)
          : key === 'evidence'
            ? formName.evidence(criterion)
            : formName.input(criterion, key);
      const cell = at.get(name);
      if (cell && value !== undefined) d.type(sheetName, a1(cell.row, cell.col), [[value]]);
    }
  }
}

async function insertAndRead(
  d: ExcelDouble,
  host: ExcelHost,
  plan: SheetPlan,
  value: number,
): Promise<RankingInput> {
  const { sheetName } = await host.insertForm(plan);
  fill(d, sheetName, plan, value);
  const read = await host.readActive();
  if (read.kind !== 'form') throw new Error(`not read as a form: ${JSON.stringify(read)}`);
  expect(read.sheetName).toBe(sheetName);
  return {
    file: `${sheetName}.xlsx`,
    received: { date: '2019-09-13', source: 'manifest' },
    submission: readSubmission(rb, read.meta, read.values),
  };
}

describe.each(levels)('ExcelApi $version', ({ version, missing: expected, skipped }) => {
  test('capabilities: forms can be inserted; what is missing is said in both languages', () => {
    const { host } = setup({ apiVersion: version });
    const caps = host.capabilities();
    expect(caps).toMatchObject({
      excelApi: version,
      insertForm: true,
      changeEvents: true,
      dataValidation: version !== '1.7',
    });
    expect(caps.missing).toEqual(expected);
  });

  test('inserts two forms, reads them back, ranks them and writes "Tổng hợp"', async () => {
    const { d, host } = setup({ apiVersion: version });
    const inputs: RankingInput[] = [];
    for (const [i, plan] of plans.entries()) {
      inputs.push(await insertAndRead(d, host, plan, 400 + 50 * i));
      expect(host.skipped).toEqual(skipped);
    }
    expect(inputs.map((x) => ('submission' in x ? x.submission.meta.unitId : x.failure.en))).toEqual(
      units.map((u) => u.id),
    );
    const ranking = rank(rb, inputs, { asOf: '2019-09-30' });
    const sheet = summarySheet(rb, ranking, { asOf: '2019-09-30' });
    const ours = ranking.tables.flatMap((t) => t.entries).filter((e) => units.some((u) => u.id === e.unitId));
    expect(ours.map((e) => e.status)).toEqual(['ranked', 'ranked']);
    expect(ours.map((e) => e.total)).toEqual([450, 400]);
    const result = await host.writeReport([sheet]);
    expect(result.sheetNames).toEqual([SUMMARY_SHEET]);
    const written = [...d.sheet(SUMMARY_SHEET).cells.values()].map((c) => c.value);
    for (const u of units) expect(written).toContain(u.name);
  });
});

describe('ExcelApi 1.7 (Office 2019)', () => {
  const plan = plans[0];

  test('a form goes in without one data-validation write, in the same number of syncs as on 1.14', async () => {
    const old = setup({ apiVersion: '1.7' });
    const current = setup({ apiVersion: '1.14' });
    const atOld = await countSyncs(old.d, () => old.host.insertForm(plan));
    const atCurrent = await countSyncs(current.d, () => current.host.insertForm(plan));
    expect(atOld.syncs).toBe(atCurrent.syncs);
    expect(atOld.syncs).toBeLessThanOrEqual(3);

    expect(plan.validations.length).toBeGreaterThan(0);
    expect(old.d.writes.filter((w) => w.property.startsWith('dataValidation'))).toEqual([]);
    expect(old.d.sheet(plan.sheetName).validations.size).toBe(0);
    expect(current.d.sheet(plan.sheetName).validations.size).toBe(plan.validations.length);
    expect(old.host.skipped).toContain('data validation (ExcelApi 1.8)');
  });

  test('everything else of the form is there: names, formulas, conditional formats, protection', async () => {
    const { d, host } = setup({ apiVersion: '1.7' });
    const { sheetName } = await host.insertForm(plan);
    expect(d.names().filter((n) => n.scope === null)).toHaveLength(plan.names.length + 1);
    for (const c of plan.cells.filter((x) => x.formula !== undefined))
      expect(d.cell(sheetName, a1(c.row, c.col))?.formula).toBe(c.formula);
    expect(d.sheet(sheetName).protection.protected).toBe(true);
    expect(d.writes.some((w) => w.sheet === sheetName && w.property.startsWith('conditionalFormats'))).toBe(
      plan.conditionalFormats.length > 0,
    );
  });

  test('the live checks still follow the form: change events are attached and an edit reaches the pane', async () => {
    const { d, host } = setup({ apiVersion: '1.7' });
    const { sheetName } = await host.insertForm(plan);
    let changes = 0;
    const detach = await host.watch(() => changes++);
    const input = plan.names.find((n) => n.name.startsWith('IN_'))!;
    await d.fireChanged(sheetName, { address: a1(input.row, input.col) });
    await new Promise((r) => setTimeout(r, 120));
    expect(changes).toBe(1);
    await detach();
  });

  test('an Excel below 1.7 is refused before anything is written, naming ExcelApi 1.7 in both languages', async () => {
    const { d, host } = setup({ apiVersion: '1.6' });
    expect(host.capabilities()).toMatchObject({ insertForm: false, excelApi: '1.6' });
    const error = (await host.insertForm(plan).catch((e: unknown) => e)) as Error & {
      text: { vi: string; en: string };
    };
    expect(error.text.vi).toContain('cần bộ API ExcelApi 1.7');
    expect(error.text.en).toContain('needs the ExcelApi 1.7 requirement set');
    expect(d.syncs).toBe(0);
    expect(d.writes).toHaveLength(0);
  });
});
