/**
 * Upgrading a form (same rulebook, annex, unit and year; another rulebook version or layout) keeps
 * every entry: inputs, reasons, evidence, appraisals. Entries whose name left the form go to the
 * orphans block; a later upgrade that brings the name back puts them back.
 */
import { planForm } from '../../src/form/plan';
import { META_NAME, META_SHEET } from '../../src/form/names';
import { FORMS_XML_NAMESPACE } from '../../src/excel/metaBlocks';
import type { Rulebook } from '../../src/core/rulebook/schema';
import type { SheetPlan } from '../../src/form/types';
import { makeRulebook, everyRule } from '../helpers/rulebooks';
import type { ExcelDouble } from './double';
import { a1 } from './double';
import { countSyncs, setup } from './fixtures';

const unit = { id: 'snv', name: 'Sở Nội vụ' };
const v1 = makeRulebook({ version: 't1' }, everyRule);
// Version 2: criterion 2.1 is gone, 1.3 asks for a percentage instead of numerator and denominator.
const v2 = makeRulebook(
  { version: 't2' },
  everyRule
    .filter((c) => c.id !== '2.1')
    .map((c) => (c.id === '1.3' ? { ...c, rule: { type: 'ratio' as const, mode: 'percent' as const } } : c)),
);
const plan = (rb: Rulebook, u = unit) => planForm(rb, 'A', u, 2024);

const entryName = (name: string) => /^(IN|REASON|EVIDENCE|APPR|APPRNOTE)_/.test(name);

/** Type an entry into every input, reason, evidence and appraisal cell, as a user would. */
function fill(d: ExcelDouble, sheetName: string, p: SheetPlan): Map<string, unknown> {
  const typed = new Map<string, unknown>();
  p.names
    .filter((n) => entryName(n.name))
    .forEach((n, i) => {
      const cell = a1(n.row, n.col);
      const value = n.name.startsWith('IN_')
        ? n.name.endsWith('_na') || (n.name.includes('_value') && n.name.startsWith('IN_1_2'))
          ? 'Không'
          : (i % 7) + 0.5
        : n.name.startsWith('APPR_')
          ? i % 5
          : `${n.name.split('_')[0].toLowerCase()} ${i}: văn bản số ${i}/QĐ-UBND`;
      expect({ name: n.name, locked: d.cell(sheetName, cell)?.locked }).toEqual({
        name: n.name,
        locked: false,
      });
      d.type(sheetName, cell, [[value]]);
      typed.set(n.name, value);
    });
  return typed;
}

describe('upgrade keeps every entry', () => {
  test.each(['throw', 'propagate'] as const)(
    'v1 → v2 (null objects: %s): in at most 3 syncs, removed inputs in the orphans block',
    async (nullObjects) => {
      const { d, host } = setup({ nullObjects });
      const p1 = plan(v1);
      const { sheetName } = await host.insertForm(p1);
      const typed = fill(d, sheetName, p1);
      d.type(sheetName, 'L5', [['ghi chú ngoài bảng']]); // typed outside any named cell
      expect(typed.size).toBeGreaterThan(40);

      const p2 = plan(v2);
      const { result, syncs } = await countSyncs(d, () => host.insertForm(p2));
      expect(result).toEqual({ sheetName, upgraded: true });
      expect(syncs).toBeLessThanOrEqual(3);

      const read = await host.readActive();
      if (read.kind !== 'form') throw new Error(`not a form: ${JSON.stringify(read)}`);
      expect(read.meta.rulebookVersion).toBe('t2');
      const kept = new Set(p2.names.map((n) => n.name));
      const removed: string[] = [];
      for (const [name, value] of typed) {
        if (kept.has(name)) expect({ name, value: read.values[name] }).toEqual({ name, value });
        else {
          removed.push(name);
          expect({ name, value: read.values[`OLD_${name}`] }).toEqual({ name, value });
        }
      }
      // What left the form: criterion 2.1 (input, reason, evidence, appraisal, note) and 1.3's two inputs.
      expect(removed.sort()).toEqual(
        [
          'APPRNOTE_2_1',
          'APPR_2_1',
          'EVIDENCE_2_1',
          'IN_1_3_denominator',
          'IN_1_3_numerator',
          'IN_2_1_count',
          'REASON_2_1',
        ].sort(),
      );
      // The orphans block shows each name as text beside its value, under the bilingual title.
      const cells = [...d.sheet(sheetName).cells.values()].map((c) => c.value);
      expect(cells).toContain(
        'Số liệu từ phiên bản trước không còn trong mẫu mới / Entries from the previous version not in the new form',
      );
      for (const name of removed) expect(cells).toContain(name);

      // The old sheet stays, hidden, without names; what was typed outside the table is still there.
      const backup = d.sheetNames().find((n) => n !== sheetName && n !== META_SHEET && n !== 'Sheet1')!;
      expect(backup).toBe(`${sheetName} (cũ)`);
      expect(d.sheet(backup).visibility).toBe('Hidden');
      expect(d.value(backup, 'L5')).toBe('ghi chú ngoài bảng');
      expect(d.names().filter((n) => n.sheet === backup || n.scope === backup)).toEqual([]);
      // One metadata block, one custom XML part, both for version 2.
      expect(d.value(META_SHEET, 'E1')).toBe('');
      expect(d.names().filter((n) => n.name === META_NAME)).toEqual([
        expect.objectContaining({
          scope: null,
          sheet: META_SHEET,
          address: `A1:B${p2.metaSheet.rows.length + removed.length}`,
        }),
      ]);
      const parts = d.parts().filter((p) => p.namespaceUri === FORMS_XML_NAMESPACE);
      expect(parts).toHaveLength(1);
      expect(parts[0].xml).toContain('<rulebookVersion>t2</rulebookVersion>');
      expect(d.sheet(sheetName).protection.protected).toBe(true);
      expect(d.activeSheet().name).toBe(sheetName);
    },
  );

  test('v1 → v2 → v1: orphans come back to their names, nothing is lost on the way', async () => {
    const { d, host } = setup();
    const p1 = plan(v1);
    const { sheetName } = await host.insertForm(p1);
    const typed = fill(d, sheetName, p1);
    await host.insertForm(plan(v2));
    // A value typed into the v2 form too.
    const read2 = await host.readActive();
    if (read2.kind !== 'form') throw new Error('not a form');
    d.type(sheetName, read2.addresses['IN_1_3_percent'], [[0.85]]);

    const { syncs } = await countSyncs(d, () => host.insertForm(plan(v1, unit)));
    expect(syncs).toBeLessThanOrEqual(3);
    const read = await host.readActive();
    if (read.kind !== 'form') throw new Error('not a form');
    for (const [name, value] of typed) expect({ name, value: read.values[name] }).toEqual({ name, value });
    // 1.3's percentage has no place in v1: it is kept as an orphan now.
    expect(read.values['OLD_IN_1_3_percent']).toBe(0.85);
    expect(Object.keys(read.values).filter((n) => n.startsWith('OLD_'))).toEqual(['OLD_IN_1_3_percent']);
    expect(d.sheetNames().filter((n) => n.startsWith(sheetName))).toEqual(
      [sheetName, `${sheetName} (cũ)`, `${sheetName} (cũ) (2)`].sort(
        (a, b) => d.sheetNames().indexOf(a) - d.sheetNames().indexOf(b),
      ),
    );
  });

  test('a form whose sheet the user renamed is found and upgraded under its new name', async () => {
    const { d, host } = setup();
    const p1 = plan(v1);
    const { sheetName } = await host.insertForm(p1);
    const typed = fill(d, sheetName, p1);
    d.renameSheet(sheetName, 'Phiếu Sở Nội vụ');
    const { result, syncs } = await countSyncs(d, () => host.insertForm(plan(v2)));
    expect(result).toEqual({ sheetName: 'Phiếu Sở Nội vụ', upgraded: true });
    expect(syncs).toBeLessThanOrEqual(3);
    const read = await host.readActive();
    if (read.kind !== 'form') throw new Error('not a form');
    for (const [name, value] of typed) expect(read.values[name] ?? read.values[`OLD_${name}`]).toBe(value);
  });

  test('the second form of a workbook (names on its sheet) is upgraded without touching the first', async () => {
    const { d, host } = setup();
    const other = { id: 'sxd', name: 'Sở Xây dựng' };
    const first = await host.insertForm(plan(v1, other));
    const typedFirst = fill(d, first.sheetName, plan(v1, other));
    const p1 = plan(v1);
    const second = await host.insertForm(p1);
    expect(second.sheetName).toBe(`${p1.sheetName} (2)`);
    const typed = fill(d, second.sheetName, p1);

    const { result, syncs } = await countSyncs(d, () => host.insertForm(plan(v2)));
    expect(result).toEqual({ sheetName: second.sheetName, upgraded: true });
    expect(syncs).toBeLessThanOrEqual(3);
    const read = await host.readActive();
    if (read.kind !== 'form') throw new Error('not a form');
    expect(read.meta).toMatchObject({ unitId: 'snv', rulebookVersion: 't2' });
    for (const [name, value] of typed) expect(read.values[name] ?? read.values[`OLD_${name}`]).toBe(value);
    expect(d.names().filter((n) => n.scope === second.sheetName).length).toBe(plan(v2).names.length + 7 + 1);

    d.activate(first.sheetName);
    const readFirst = await host.readActive();
    if (readFirst.kind !== 'form') throw new Error('not a form');
    expect(readFirst.meta).toMatchObject({ unitId: 'sxd', rulebookVersion: 't1' });
    for (const [name, value] of typedFirst) expect(readFirst.values[name]).toBe(value);
  });

  test('another year is another form, not an upgrade', async () => {
    const { d, host } = setup();
    await host.insertForm(plan(v1));
    const r = await host.insertForm(planForm(v1, 'A', unit, 2025));
    expect(r.upgraded).toBe(false);
    expect(d.sheetNames().filter((n) => !n.includes('(cũ)'))).toHaveLength(4);
  });
});
