/**
 * A form made from a rulebook that is not built in carries that rulebook (a very hidden sheet, see
 * src/xlsx/write.ts), so `check` and `rank` work without --rulebook; an altered carrier is refused with
 * a reason; built-in forms carry nothing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type Io } from '../../src/cli/main';
import { builtinRulebook, contentHash, type Rulebook } from '../../src/core/rulebook';
import { planForm } from '../../src/form/plan';
import { buildWorkbook } from '../../src/xlsx/write';
import { CARRIED_RULEBOOK_SHEET, readWorkbook } from '../../src/xlsx/read';
import { inputsFromXlsx } from '../../src/xlsx/inputs';
import { rankFiles } from '../../src/cli/rank';

const dir = mkdtempSync(join(tmpdir(), 'scorecard-carry-'));

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) };
  const code = await main(args, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A custom rulebook: a built-in one under another id and version, with one title changed. */
const base = builtinRulebook('binh-thuan-2019')!;
const custom: Rulebook = JSON.parse(JSON.stringify(base));
custom.id = 'so-tt-custom';
custom.version = '2025.1';
const annex = custom.annexes[0];
annex.groups[0].criteria[0].title = 'Tiêu chí viết lại cho thử nghiệm';
const rulebookFile = join(dir, 'custom.json');
writeFileSync(rulebookFile, JSON.stringify(custom));

describe('carried rulebook', () => {
  const form = join(dir, 'custom-form.xlsx');

  beforeAll(async () => {
    const r = await run(
      'template',
      '--rulebook',
      rulebookFile,
      '--annex',
      annex.code,
      '--year',
      '2025',
      '-o',
      form,
    );
    expect(r.code).toBe(0);
  });

  it('a form made from a rulebook file carries it, verified, with the form’s id and hash', () => {
    const read = readWorkbook(new Uint8Array(readFileSync(form)));
    if (!read.ok) throw new Error(read.reason.en);
    const carried = read.forms[0].carried;
    expect(carried?.ok).toBe(true);
    if (!carried?.ok) return;
    expect(carried.id).toBe('so-tt-custom');
    expect(carried.hash).toBe(read.forms[0].meta.rulebookHash);
    expect(carried.rulebook.annexes[0].groups[0].criteria[0].title).toBe('Tiêu chí viết lại cho thử nghiệm');
  });

  it('check works without --rulebook', async () => {
    const r = await run('check', form, '--json');
    expect(r.code).not.toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.rulebookVersion).toBe('2025.1');
    expect(r.stderr).not.toMatch(/unknown rulebook/);
  });

  it('rank works without --rulebook (the pane’s inputs step and the command line)', async () => {
    const bytes = new Uint8Array(readFileSync(form));
    // The resolver the pane and `rank` use: built-ins only; the carried rulebook fills the gap.
    const read = inputsFromXlsx('custom-form.xlsx', bytes, (meta) => builtinRulebook(meta.rulebookId));
    expect(read.ok).toBe(true);
    expect(read.rulebooks.map((rb) => rb.id)).toEqual(['so-tt-custom']);
    const ranked = await rankFiles([form]);
    expect(ranked.rulebook?.id).toBe('so-tt-custom');
    expect(ranked.inputs.filter((i) => 'failure' in i)).toEqual([]);
  });

  it('a rulebook given explicitly still wins over the carried one', () => {
    const bytes = new Uint8Array(readFileSync(form));
    const read = inputsFromXlsx('f.xlsx', bytes, () => base);
    expect(read.rulebooks.map((rb) => rb.id)).toEqual(['binh-thuan-2019']);
  });

  it('an altered carrier is refused with a clear reason, not a crash', async () => {
    const wb = await buildWorkbook(planForm(custom, annex.code, { id: '', name: '' }, 2025), {
      carry: custom,
    });
    const sheet = wb.getWorksheet(CARRIED_RULEBOOK_SHEET)!;
    expect(sheet.state).toBe('veryHidden');
    // Change the first criterion's title inside the JSON, as a hand edit would.
    for (let row = 1; row <= sheet.rowCount; row++) {
      const cell = sheet.getCell(row, 2);
      if (String(sheet.getCell(row, 1).value).startsWith('json:'))
        cell.value = String(cell.value).replace('Tiêu chí viết lại', 'Tiêu chí sửa tay');
    }
    const tampered = join(dir, 'tampered.xlsx');
    writeFileSync(tampered, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));

    const read = readWorkbook(new Uint8Array(readFileSync(tampered)));
    if (!read.ok) throw new Error(read.reason.en);
    expect(read.forms[0].carried?.ok).toBe(false);

    const r = await run('check', tampered);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/carries is refused: The carried rulebook was altered/);
    expect(r.stderr).toMatch(/bị từ chối/);

    const inputs = inputsFromXlsx('tampered.xlsx', new Uint8Array(readFileSync(tampered)), (meta) =>
      builtinRulebook(meta.rulebookId),
    );
    expect(inputs.ok).toBe(false);
    const failure = inputs.inputs[0];
    expect('failure' in failure && failure.failure.en).toMatch(/altered/);

    // With the rulebook named, the form is still checked.
    const named = await run('check', tampered, '--rulebook', rulebookFile, '--json');
    expect(named.code).not.toBe(2);
  });

  it('built-in forms carry nothing', async () => {
    const file = join(dir, 'builtin.xlsx');
    const r = await run(
      'template',
      '--rulebook',
      'binh-thuan-2019',
      '--annex',
      base.annexes[0].code,
      '--year',
      '2025',
      '-o',
      file,
    );
    expect(r.code).toBe(0);
    const read = readWorkbook(new Uint8Array(readFileSync(file)));
    if (!read.ok) throw new Error(read.reason.en);
    expect(read.forms[0].carried).toBeUndefined();
    expect(read.forms[0].meta.rulebookHash).toBe(contentHash(base));
  });
});
