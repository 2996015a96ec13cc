/**
 * Reader speed on 200 generated forms, printed (see speed.ts); LibreOffice-saved forms in libreoffice.test.ts.
 * A benchmark, not a test: `npm run test:bench` runs it (SCORECARD_BENCH=1), `npm test` does not.
 */
import { builtinRulebooks } from '../../src/core/rulebook';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import { readWorkbook } from '../../src/xlsx/read';
import { compareWithInflate } from './speed';
import { randomEntries, rng } from '../form/random-entries';

it('reads 200 generated forms (speed printed, correctness asserted)', async () => {
  const rbs = builtinRulebooks();
  const distinct: Uint8Array[] = [];
  for (let i = 0; i < 40; i++) {
    const rb = rbs[i % rbs.length];
    const annex = rb.annexes[i % rb.annexes.length];
    const { entries, appraisals } = randomEntries(annex, rng(i + 500));
    distinct.push(
      await writeFormXlsx(
        planForm(rb, annex.code, { id: `u${i}`, name: `Đơn vị ${i}` }, 2024, { entries, appraisals }),
      ),
    );
  }
  const files = Array.from({ length: 200 }, (_, i) => distinct[i % distinct.length]);
  for (const f of distinct) {
    const r = readWorkbook(f);
    expect(r.ok && r.forms.length).toBe(1);
  }
  compareWithInflate(files, 'ExcelJS-written forms');
}, 120_000);
