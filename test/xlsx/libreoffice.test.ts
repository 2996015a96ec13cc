/**
 * The real-spreadsheet test, so the formulas are checked by a real spreadsheet and not only by our engine:
 * generated forms filled with seeded random valid entries, for every annex of every built-in rulebook (and
 * the every-rule test rulebook), are recalculated by LibreOffice headless; every PT_, GR_, TOTAL and BAND
 * value LibreOffice computes must equal the engine's exactly. Without soffice the test is skipped with a
 * printed reason (a failure when CI is set).
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulebooks, type Rulebook } from '../../src/core/rulebook';
import { score } from '../../src/core/scoring';
import type { Entries } from '../../src/core/scoring/types';
import { planForm } from '../../src/form/plan';
import { formName } from '../../src/form/names';
import { buildWorkbook, writeFormXlsx } from '../../src/xlsx/write';
import { readWorkbook } from '../../src/xlsx/read';
import { makeRulebook } from '../helpers/rulebooks';
import { recalcWithSoffice, requireSoffice } from '../helpers/soffice';
import { compareWithInflate } from './speed';
import { randomEntries, rng } from '../form/random-entries';
import { edgeCases, edgeRulebook } from '../form/edge-cases';

const CASES_PER_ANNEX = 21;
const soffice = requireSoffice('the LibreOffice recalculation test (test/xlsx/libreoffice.test.ts)');
const maybe = soffice ? describe : describe.skip;

interface Case {
  file: string;
  rb: Rulebook;
  annexCode: string;
  entries: Entries;
  seed: number;
}

maybe('LibreOffice recalculates generated forms to the engine’s numbers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scorecard-lo-'));
  const outDir = join(dir, 'out');
  const cases: Case[] = [];
  let staleFile = '';
  let loMs = 0;

  beforeAll(async () => {
    const rulebooks = [...builtinRulebooks(), makeRulebook()];
    let seed = 1;
    for (const rb of rulebooks)
      for (const annex of rb.annexes)
        for (let i = 0; i < CASES_PER_ANNEX; i++, seed++) {
          const { entries, appraisals } = randomEntries(annex, rng(seed));
          const plan = planForm(rb, annex.code, { id: `u${seed}`, name: `Đơn vị ${seed}` }, 2024, {
            entries,
            appraisals,
          });
          const file = join(dir, `case-${seed}.xlsx`);
          writeFileSync(file, await writeFormXlsx(plan));
          cases.push({ file, rb, annexCode: annex.code, entries, seed });
        }
    for (const [label, entries] of edgeCases) {
      const plan = planForm(edgeRulebook, 'A', { id: 'edge', name: label }, 2024, { entries });
      const file = join(dir, `edge-${seed}.xlsx`);
      writeFileSync(file, await writeFormXlsx(plan));
      cases.push({ file, rb: edgeRulebook, annexCode: 'A', entries, seed: seed++ });
    }
    // A form whose cached results are wrong on purpose: after LibreOffice, they must be the engine's,
    // which proves LibreOffice recalculated on load rather than kept what the file said.
    const rb = builtinRulebooks()[0];
    const { entries } = randomEntries(rb.annexes[0], rng(999));
    const plan = planForm(rb, rb.annexes[0].code, { id: 'stale', name: 'Stale' }, 2024, { entries });
    const wb = await buildWorkbook(plan);
    const ws = wb.getWorksheet(plan.sheetName)!;
    for (const c of plan.cells)
      if (c.formula)
        ws.getCell(c.row + 1, c.col + 1).value = { formula: c.formula.slice(1), result: -7 } as never;
    staleFile = join(dir, 'stale.xlsx');
    writeFileSync(staleFile, new Uint8Array((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer));
    cases.push({ file: staleFile, rb, annexCode: rb.annexes[0].code, entries, seed: 999 });

    const run = await recalcWithSoffice(
      soffice!,
      cases.map((c) => c.file),
      outDir,
      { parallel: 2 },
    );
    loMs = run.ms;

    console.log(`LibreOffice recalculated ${cases.length} forms in ${(loMs / 1000).toFixed(1)} s`);
  }, 300_000);

  it('runs at least 200 cases across every annex of every built-in rulebook', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    for (const rb of builtinRulebooks())
      for (const a of rb.annexes)
        expect(cases.some((c) => c.rb.id === rb.id && c.annexCode === a.code)).toBe(true);
  });

  it('every PT_, GR_, TOTAL and BAND equals the engine', () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const c of cases) {
      const out = join(outDir, c.file.split('/').pop()!);
      if (!existsSync(out)) {
        mismatches.push(`seed ${c.seed}: LibreOffice wrote no output`);
        continue;
      }
      const read = readWorkbook(new Uint8Array(readFileSync(out)));
      if (!read.ok) {
        mismatches.push(`seed ${c.seed}: ${read.reason.en}`);
        continue;
      }
      const values = read.forms[0].values;
      const annex = c.rb.annexes.find((a) => a.code === c.annexCode)!;
      const expected = score(annex, c.entries);
      const check = (name: string, want: number | string) => {
        compared++;
        if (values[name] !== want)
          mismatches.push(
            `${c.rb.id}/${c.annexCode} seed ${c.seed}: ${name} = ${JSON.stringify(values[name])}, engine ${JSON.stringify(want)}`,
          );
      };
      for (const cr of expected.criteria) check(formName.points(cr.id), cr.points);
      for (const g of expected.groups) check(formName.group(g.code), g.points);
      check(formName.total, expected.total);
      check(formName.band, expected.band.label);
    }

    console.log(`compared ${compared} computed cells of ${cases.length} forms`);
    compareWithInflate(
      cases.map((c) => new Uint8Array(readFileSync(join(outDir, c.file.split('/').pop()!)))),
      'LibreOffice-saved forms',
    );
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(compared).toBeGreaterThan(cases.length * 10);
  });

  it('recalculated on load: wrong cached results in the file were replaced', () => {
    const read = readWorkbook(new Uint8Array(readFileSync(join(outDir, 'stale.xlsx'))));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.forms[0].values.TOTAL).not.toBe(-7);
    expect(Object.entries(read.forms[0].values).filter(([k, v]) => /^(PT|GR)_/.test(k) && v === -7)).toEqual(
      [],
    );
  });
});

if (!soffice)
  it('LibreOffice recalculation test skipped: soffice not found (see the warning above)', () => {
    expect(soffice).toBeUndefined();
  });
