/**
 * Forms for every unit: `scorecard template --all-units` writes one form per unit, named after it; a
 * form made without a unit carries a unit cell with a drop-down of the annex's units, which the header
 * shows and the reader uses.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main, type Io } from '../../src/cli/main';
import { unitFileName } from '../../src/cli/template';
import { builtinRulebook } from '../../src/core/rulebook';
import { msg } from '../../src/i18n';
import { planForm } from '../../src/form/plan';
import { formName } from '../../src/form/names';
import { writeFormXlsx } from '../../src/xlsx/write';
import { readSubmissionsFromXlsx } from '../../src/xlsx/submission';

const bt = builtinRulebook('binh-thuan-2019')!;
const gl = builtinRulebook('gia-lai-2019')!;

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('scorecard template --all-units', () => {
  it('one form per unit of the annex, named after the unit, each reading back as that unit', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'scorecard-units-')), 'gui-don-vi');
    const r = await run(
      'template',
      '--rulebook',
      'binh-thuan-2019',
      '--annex',
      'IV',
      '--all-units',
      '--year',
      '2019',
      '-o',
      dir,
      '--json',
    );
    expect(r.code).toBe(0);
    const units = bt.units.filter((u) => u.annex === 'IV');
    const files = readdirSync(dir).sort();
    expect(files).toEqual(units.map((u) => `${u.name}.xlsx`).sort());
    expect(JSON.parse(r.out).forms).toHaveLength(units.length);
    for (const u of units) {
      const read = readSubmissionsFromXlsx(new Uint8Array(readFileSync(join(dir, `${u.name}.xlsx`))), (m) =>
        builtinRulebook(m.rulebookId),
      );
      expect(read.ok && read.submissions[0].submission.meta).toMatchObject({
        unitId: u.id,
        unitName: u.name,
        annex: 'IV',
        year: 2019,
      });
    }
  }, 60_000);

  it('without --annex: every annex; names that would collide are told apart by the unit id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scorecard-units-gl-'));
    const r = await run('template', '--rulebook', 'gia-lai-2019', '--all-units', '-o', dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      msg('cliTemplatesWritten', {
        count: gl.units.length,
        folder: dir,
        annexes: gl.annexes.map((a) => a.code).join(', '),
        year: new Date().getFullYear(),
      }).en,
    );
    const files = readdirSync(dir);
    expect(files).toHaveLength(gl.units.length);
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(files.length);
  }, 60_000);

  it('--unit and --all-units together is a usage error', async () => {
    const r = await run(
      'template',
      '--rulebook',
      'binh-thuan-2019',
      '--all-units',
      '--unit',
      'Sở Nội vụ',
      '-o',
      tmpdir(),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(msg('cliAllUnitsWithUnit').en);
  });

  it('file names keep Vietnamese letters and replace only what file systems refuse', () => {
    expect(unitFileName('Sở Văn hóa, Thể thao và Du lịch')).toBe('Sở Văn hóa, Thể thao và Du lịch');
    expect(unitFileName('Sở Lao động - Thương binh và Xã hội')).toBe('Sở Lao động - Thương binh và Xã hội');
    expect(unitFileName('UBND xã A/B: "C"?')).toBe('UBND xã A-B- -C--');
    expect(unitFileName('Ban quản lý...')).toBe('Ban quản lý');
    expect(unitFileName('CON')).toBe('_CON');
    expect(unitFileName('Sở Nội vụ'.normalize('NFD'))).toBe('Sở Nội vụ'.normalize('NFC'));
  });
});

describe('a form made without a unit', () => {
  const plan = planForm(bt, 'I', { id: '', name: '' }, 2019);
  const unitAt = plan.names.find((n) => n.name === formName.unit)!;

  it('has a unit cell with a drop-down of the annex units, unlocked, and the header follows it', () => {
    expect(unitAt).toBeDefined();
    const v = plan.validations.find((x) => x.row === unitAt.row && x.col === unitAt.col)!;
    expect(v.rule).toEqual({
      type: 'list',
      values: bt.units.filter((u) => u.annex === 'I').map((u) => u.name),
      strict: false,
    });
    const cell = plan.cells.find((c) => c.row === unitAt.row && c.col === unitAt.col)!;
    expect(plan.styles[cell.style!].unlocked).toBe(true);
    expect(plan.cells.find((c) => c.row === 0 && c.col === 0)!.formula).toMatch(/UPPER\(TRIM\(UNIT\)\)/);
  });

  it('the written file lists the units on the metadata sheet (names with commas, over 255 characters)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeFormXlsx(plan)) as unknown as ArrayBuffer);
    const dv = wb.worksheets[0].getCell(unitAt.row + 1, unitAt.col + 1).dataValidation;
    expect(dv.type).toBe('list');
    expect(dv.errorStyle).toBe('warning');
    const ref = /^'?([^'!]+)'?!\$C\$(\d+):\$C\$(\d+)$/.exec(String(dv.formulae[0]))!;
    expect(ref).not.toBeNull();
    const meta = wb.getWorksheet(ref[1])!;
    const listed = Array.from(
      { length: Number(ref[3]) - Number(ref[2]) + 1 },
      (_, i) => meta.getCell(Number(ref[2]) + i, 3).value,
    );
    expect(listed).toEqual(bt.units.filter((u) => u.annex === 'I').map((u) => u.name));
  });

  it('the reader takes the unit chosen in the cell; blank, the form has no unit', async () => {
    const chosen = {
      ...plan,
      cells: plan.cells.map((c) =>
        c.row === unitAt.row && c.col === unitAt.col ? { ...c, value: 'Sở Nội vụ' } : c,
      ),
    };
    const read = readSubmissionsFromXlsx(await writeFormXlsx(chosen), (m) => builtinRulebook(m.rulebookId));
    expect(read.ok && read.submissions[0].submission.meta).toMatchObject({
      unitId: '',
      unitName: 'Sở Nội vụ',
    });
    const blank = readSubmissionsFromXlsx(await writeFormXlsx(plan), (m) => builtinRulebook(m.rulebookId));
    expect(blank.ok && blank.submissions[0].submission.meta.unitName).toBe('');
  });
});
