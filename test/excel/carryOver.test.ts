/** src/form/upgrade.ts carryOver (pure): entries go to their new cells, the rest to the orphans block. */
import fc from 'fast-check';
import { carryOver, ORPHAN_PREFIX } from '../../src/form/upgrade';
import { planForm } from '../../src/form/plan';
import { a1 } from '../../src/sheet/a1';
import type { SheetPlan } from '../../src/form/types';
import { makeRulebook, everyRule } from '../helpers/rulebooks';

const plan = planForm(makeRulebook({}, everyRule), 'A', { id: 'snv', name: 'Sở Nội vụ' }, 2024);
const at = (p: SheetPlan, name: string) => {
  const n = p.names.find((x) => x.name === name)!;
  return p.cells.filter((c) => c.row === n.row && c.col === n.col);
};

test('entries whose names exist go to their cells; the plan given is not changed', () => {
  const before = JSON.stringify(plan);
  const { plan: out, orphans } = carryOver(plan, {
    IN_1_1_points: 7.5,
    REASON_1_1: 'Thiếu',
    EVIDENCE_1_2: '=không phải công thức',
    APPR_1_1: 7,
    APPRNOTE_1_1: 'Đồng ý',
    IN_1_2_value: true,
  });
  expect(orphans).toEqual([]);
  expect(at(out, 'IN_1_1_points').map((c) => c.value)).toEqual([7.5]);
  expect(at(out, 'REASON_1_1')[0]).toMatchObject({ value: 'Thiếu', style: 'inputText' });
  expect(at(out, 'EVIDENCE_1_2')[0].value).toBe('=không phải công thức');
  expect(at(out, 'EVIDENCE_1_2')[0].formula).toBeUndefined();
  expect(at(out, 'APPR_1_1')[0].value).toBe(7);
  // A boolean read from a cell goes back as a boolean (a formula =TRUE), not as the text "TRUE".
  expect(at(out, 'IN_1_2_value')[0]).toMatchObject({ formula: '=TRUE' });
  expect(JSON.stringify(plan)).toBe(before);
  expect(out.cells.length).toBe(plan.cells.length);
});

test('computed cells, blanks and the workbook machinery are not entries', () => {
  const { plan: out, orphans } = carryOver(plan, {
    PT_1_1: 10,
    GR_1: 30,
    TOTAL: 80,
    BAND: 'Tốt',
    PT_9_9: 4,
    IN_1_1_points: '  ',
    REASON_1_1: '',
    APPR_1_1: null,
    SCORECARD_META: 'x',
  });
  expect(orphans).toEqual([]);
  expect(out.cells).toEqual(plan.cells);
});

test('entries without a place are orphans: titled block below the form, name as text, value kept, OLD_ name', () => {
  const { plan: out, orphans } = carryOver(plan, {
    IN_7_7_count: 3,
    REASON_7_7: 'lý do cũ',
    IN_1_1_points: 5,
  });
  expect(orphans).toEqual([
    { name: 'IN_7_7_count', value: 3 },
    { name: 'REASON_7_7', value: 'lý do cũ' },
  ]);
  const last = Math.max(...plan.cells.map((c) => c.row));
  const title = out.cells.find(
    (c) => typeof c.value === 'string' && c.value.startsWith('Số liệu từ phiên bản trước'),
  )!;
  expect(title.value).toBe(
    'Số liệu từ phiên bản trước không còn trong mẫu mới / Entries from the previous version not in the new form',
  );
  expect(title.row).toBeGreaterThan(last);
  for (const o of orphans) {
    const name = out.names.find((n) => n.name === ORPHAN_PREFIX + o.name)!;
    expect(name.row).toBeGreaterThan(title.row);
    expect(
      out.cells.find((c) => c.row === name.row && c.col === name.col && c.value !== undefined)?.value,
    ).toBe(o.value);
    expect(out.cells.find((c) => c.row === name.row && c.value === o.name)).toBeDefined();
    expect(out.metaSheet.rows).toContainEqual([`name:${ORPHAN_PREFIX}${o.name}`, a1(name.row, name.col)]);
  }
  for (const key of ['orphanTitle', 'orphanHead', 'orphanName', 'orphanValue'])
    expect(out.styles[key]).toBeDefined();
  expect(plan.styles.orphanTitle).toBeUndefined();
  // Merges of the block do not overlap each other or the form's.
  const merges = out.merges;
  for (let i = 0; i < merges.length; i++)
    for (let j = i + 1; j < merges.length; j++) {
      const [a, b] = [merges[i], merges[j]];
      expect(
        a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols,
      ).toBe(false);
    }
});

test('two orphans of the same name get distinct names, and both come back as that name later', () => {
  const { plan: out, orphans } = carryOver(plan, { IN_7_7_count: 3, OLD_IN_7_7_count: 1 });
  expect(orphans).toEqual([
    { name: 'IN_7_7_count', value: 3 },
    { name: 'IN_7_7_count', value: 1 },
  ]);
  const names = out.names.filter((n) => n.name.startsWith('OLD_')).map((n) => n.name);
  expect(names).toEqual(['OLD_IN_7_7_count', 'OLD_IN_7_7_count__2']);
  const again = carryOver(plan, { OLD_IN_7_7_count: 3, OLD_IN_7_7_count__2: 1 });
  expect(again.orphans).toEqual(orphans);
});

test('an orphan of an earlier upgrade returns to its name when the name is back and free', () => {
  const { plan: out, orphans } = carryOver(plan, {
    OLD_IN_1_1_points: 6,
    OLD_IN_8_8_count: 2,
    IN_2_1_count: 4,
    OLD_IN_2_1_count: 1,
  });
  expect(at(out, 'IN_1_1_points')[0].value).toBe(6);
  expect(at(out, 'IN_2_1_count')[0].value).toBe(4); // the current entry wins
  expect(orphans).toEqual([
    { name: 'IN_8_8_count', value: 2 },
    { name: 'IN_2_1_count', value: 1 },
  ]);
});

test('a name that now holds a formula never loses its formula: the entry becomes an orphan', () => {
  const formulaName = plan.names.find((n) =>
    plan.cells.some((c) => c.row === n.row && c.col === n.col && c.formula),
  )!;
  const fake = {
    ...plan,
    names: [...plan.names, { name: 'IN_X_value', row: formulaName.row, col: formulaName.col }],
  };
  const { plan: out, orphans } = carryOver(fake, { IN_X_value: 9 });
  expect(orphans).toEqual([{ name: 'IN_X_value', value: 9 }]);
  expect(at(out, formulaName.name).find((c) => c.formula)?.formula).toBe(
    plan.cells.find((c) => c.row === formulaName.row && c.col === formulaName.col && c.formula)?.formula,
  );
});

test('property: every non-blank entry ends up either in its cell or in the orphans, exactly once', () => {
  const entryNames = plan.names
    .map((n) => n.name)
    .filter((n) => /^(IN|REASON|EVIDENCE|APPR|APPRNOTE)_/.test(n));
  const anyName = fc.oneof(
    fc.constantFrom(...entryNames),
    fc.stringMatching(/^(OLD_)?IN_[0-3]_[ab]$/),
    fc.constantFrom(...entryNames.map((n) => `OLD_${n}`)),
  );
  const value = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
  );
  fc.assert(
    fc.property(fc.dictionary(anyName, value, { maxKeys: 30 }), (old) => {
      const { plan: out, orphans } = carryOver(plan, old);
      const orphanValues = new Map(orphans.map((o) => [o.name, o.value]));
      // Defined names stay unique (Excel refuses a second one), even when IN_x and OLD_IN_x both end up orphans.
      const upper = out.names.map((n) => n.name.toUpperCase());
      expect(new Set(upper).size).toBe(upper.length);
      for (const [name, v] of Object.entries(old)) {
        const original = name.startsWith('OLD_') ? name.slice(4) : name;
        const placed =
          out.names.find((n) => n.name === original) && at(out, original).some((c) => c.value === v);
        const orphaned = orphans.some((o) => o.name === original && Object.is(o.value, v));
        expect(placed || orphaned).toBe(true);
        if (orphaned)
          expect(
            out.names.some((n) => n.name === `OLD_${original}` || n.name.startsWith(`OLD_${original}__`)),
          ).toBe(true);
      }
      expect(orphanValues.size).toBeLessThanOrEqual(Object.keys(old).length);
    }),
    { numRuns: 200 },
  );
});
