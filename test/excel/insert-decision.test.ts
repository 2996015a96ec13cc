/**
 * The decisions of insertForm on plain data (src/excel/insert-decision.ts), without the Office.js double:
 * which sheet, which names go, where the metadata block lies, what is carried over on an upgrade.
 */
import { planForm } from '../../src/form/plan';
import { META_NAME, META_SHEET } from '../../src/form/names';
import type { SheetPlan } from '../../src/form/types';
import { uniqueSheetName } from '../../src/excel/host';
import { cellAddress, quoteSheetName } from '../../src/excel/a1';
import type { MetaBlock } from '../../src/excel/metaBlocks';
import {
  decideInsert,
  formToUpgrade,
  spillPlacer,
  type WorkbookSurvey,
} from '../../src/excel/insert-decision';
import { makeRulebook, everyRule } from '../helpers/rulebooks';

const rb = makeRulebook({}, [everyRule[1]]);
const plan: SheetPlan = planForm(rb, 'A', { id: 'snv', name: 'Sở Nội vụ' }, 2024);
const other: SheetPlan = planForm(rb, 'A', { id: 'stc', name: 'Sở Tài chính' }, 2024);
const entry = plan.names.find((n) => n.name.startsWith('IN_'))!;

const ref = (sheet: string, row: number, col: number) => `='${sheet}'!${cellAddress(row, col, true)}`;
const block = (col: number, p: SheetPlan, sheet: string): MetaBlock => ({
  col,
  rows: [],
  meta: p.meta,
  sheet,
  linked: true,
  broken: false,
  addresses: {},
});
const survey = (over: Partial<WorkbookSurvey> = {}): WorkbookSurvey => ({
  sheets: [{ name: 'Sheet1', visibility: 'Visible' }],
  names: [],
  blocks: [],
  metaRows: 0,
  metaExists: false,
  partIds: [],
  ...over,
});
/** A workbook that already holds `p`'s form on `sheet`, names at workbook scope, block at column 0. */
const withForm = (p: SheetPlan, sheet: string, over: Partial<WorkbookSurvey> = {}): WorkbookSurvey =>
  survey({
    sheets: [
      { name: sheet, visibility: 'Visible' },
      { name: META_SHEET, visibility: 'VeryHidden' },
    ],
    names: [
      ...p.names.map((n) => ({ name: n.name, formula: ref(sheet, n.row, n.col) })),
      { name: META_NAME, formula: `='${META_SHEET}'!$A$1:$B$${p.metaSheet.rows.length}` },
    ],
    blocks: [block(0, p, sheet)],
    metaRows: p.metaSheet.rows.length,
    metaExists: true,
    partIds: ['part-1'],
    ...over,
  });

describe('a new form', () => {
  test('into an empty workbook: the plan sheet name, workbook names, block at column 0, a new metadata sheet', () => {
    const a = decideInsert(plan, survey(), undefined, uniqueSheetName);
    expect(a).toMatchObject({
      plan,
      upgraded: false,
      sheetName: plan.sheetName,
      deleteNames: [],
      scope: 'workbook',
      setAside: undefined,
      meta: { create: true, col: 0, clearRows: 0, spillRow: plan.metaSheet.rows.length + 1 },
      customXml: { deleteIds: [] },
    });
    expect(a.meta.grid).toHaveLength(plan.metaSheet.rows.length);
    expect(a.customXml.xml).toContain('<unitId>snv</unitId>');
  });

  test('a sheet of that name that is no form stays; the form takes "name (2)"', () => {
    const s = survey({ sheets: [{ name: plan.sheetName.toUpperCase(), visibility: 'Visible' }] });
    const a = decideInsert(plan, s, undefined, uniqueSheetName);
    expect(a.sheetName).toBe(`${plan.sheetName} (2)`);
    expect(a.setAside).toBeUndefined();
  });

  test('beside another unit: names on its own sheet, the next block, both forms in the XML part', () => {
    const s = withForm(plan, 'Form SNV');
    expect(formToUpgrade(s, other.meta)).toBeUndefined();
    const a = decideInsert(other, s, undefined, uniqueSheetName);
    expect(a.scope).toBe('sheet');
    expect(a.deleteNames).toEqual([]); // the first form's names, SCORECARD_META included, stay
    expect(a.meta).toMatchObject({ create: false, col: 4, clearRows: 0 });
    expect(a.meta.spillRow).toBe(plan.metaSheet.rows.length + 1);
    expect(a.customXml.deleteIds).toEqual(['part-1']);
    expect(a.customXml.xml).toContain('<unitId>snv</unitId>');
    expect(a.customXml.xml).toContain('<unitId>stc</unitId>');
  });

  test('names of a deleted form sheet go, and so does its SCORECARD_META; the names then go to the workbook', () => {
    const s = withForm(plan, 'Gone', { sheets: [{ name: META_SHEET, visibility: 'VeryHidden' }] });
    expect(formToUpgrade(s, plan.meta)).toBeUndefined();
    const a = decideInsert(plan, s, undefined, uniqueSheetName);
    expect(a.deleteNames.sort()).toEqual([...plan.names.map((n) => n.name), META_NAME].sort());
    expect(a.scope).toBe('workbook');
    // The dead block's column is free again and is cleared before the new block is written.
    expect(a.meta).toMatchObject({ create: false, col: 0, clearRows: plan.metaSheet.rows.length });
    expect(a.customXml.xml).not.toContain('Gone');
  });

  test('a name of the user that is not ours stays', () => {
    const s = survey({ names: [{ name: 'MY_TOTAL', formula: '=Sheet1!$B$2' }] });
    expect(decideInsert(plan, s, undefined, uniqueSheetName).deleteNames).toEqual([]);
  });
});

describe('an upgrade', () => {
  const sheet = 'Biểu của tôi'; // renamed by the user: the name is kept
  const s = withForm(plan, sheet);
  const old = formToUpgrade(s, plan.meta)!;
  const grid = { address: `'${sheet}'!A1:Z200`, values: [] as unknown[][] };
  grid.values = Array.from({ length: entry.row + 1 }, () => Array(entry.col + 1).fill(''));
  grid.values[entry.row][entry.col] = 3;

  test('finds the form of the same unit, annex and year', () => {
    expect(old).toBe(s.blocks[0]);
    expect(formToUpgrade(s, { ...plan.meta, year: 2025 })).toBeUndefined();
  });

  test('keeps the sheet name, sets the old sheet aside, carries the entries over, reuses the block', () => {
    const sheetNames = [{ name: 'LOCAL', formula: ref(sheet, 0, 0) }];
    const a = decideInsert(plan, s, { block: old, grid, sheetNames }, uniqueSheetName);
    expect(a.upgraded).toBe(true);
    expect(a.sheetName).toBe(sheet);
    expect(a.setAside).toEqual({ sheet, deleteNames: ['LOCAL'], rename: `${sheet} (cũ)` });
    expect(a.deleteNames.sort()).toEqual([...plan.names.map((n) => n.name), META_NAME].sort());
    expect(a.scope).toBe('workbook');
    expect(a.meta).toMatchObject({ create: false, col: 0, clearRows: plan.metaSheet.rows.length });
    const cell = a.plan.cells.find((c) => c.row === entry.row && c.col === entry.col);
    expect(cell?.value).toBe(3);
    expect(plan.cells.find((c) => c.row === entry.row && c.col === entry.col)?.value).not.toBe(3);
  });

  test('a long sheet name is cut so that the backup fits in 31 characters', () => {
    const long = 'x'.repeat(31);
    const a = decideInsert(
      plan,
      withForm(plan, long),
      { block: block(0, plan, long), grid, sheetNames: [] },
      uniqueSheetName,
    );
    expect(a.setAside!.rename).toBe(`${'x'.repeat(25)} (cũ)`);
    expect(a.setAside!.rename.length).toBeLessThanOrEqual(31);
  });
});

test('long lists are placed one below the other, a blank row between, as absolute references', () => {
  const place = spillPlacer(10, 4);
  expect(place(3)).toEqual({ row: 10, col: 6, source: `=${quoteSheetName(META_SHEET)}!$G$11:$G$13` });
  expect(place(2)).toEqual({ row: 14, col: 6, source: `=${quoteSheetName(META_SHEET)}!$G$15:$G$16` });
});
