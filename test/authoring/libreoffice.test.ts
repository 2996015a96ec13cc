/**
 * An authoring workbook opened and saved again in a real spreadsheet (headless LibreOffice) compiles to
 * the same rulebook: the policies' bilingual drop-downs, the assumptions and milestones sheets, the text-formatted ids
 * and dates survive another program's writer, as they must when an author edits the file in Calc.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { builtinRulebooks, contentHash } from '../../src/core/rulebook';
import { rulebookToWorkbook, workbookToRulebook } from '../../src/authoring/workbook';
import { recalcWithSoffice, requireSoffice } from '../helpers/soffice';

const soffice = requireSoffice('the LibreOffice re-save of authoring workbooks');
const maybe = soffice ? describe : describe.skip;

maybe('an authoring workbook re-saved by LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'authoring-lo-'));
  const out = join(dir, 'out');
  const rulebooks = builtinRulebooks();

  beforeAll(async () => {
    const files = await Promise.all(
      rulebooks.map(async (rb) => {
        const f = join(dir, `${rb.id}.xlsx`);
        writeFileSync(f, await rulebookToWorkbook(rb));
        return f;
      }),
    );
    const run = await recalcWithSoffice(soffice!, files, out);
    if (run.codes.some((c) => c !== 0)) throw new Error(run.output);
  }, 300_000);

  it.each(rulebooks.map((rb) => [rb.id, rb] as const))(
    '%s compiles back with the same content hash, policies, ties, assumptions, milestones and award grounds included',
    async (id, rb) => {
      const bytes = new Uint8Array(readFileSync(join(out, `${id}.xlsx`)));
      expect(strFromU8(unzipSync(bytes)['docProps/app.xml'])).toContain('LibreOffice'); // written by Calc, not by us
      const result = await workbookToRulebook(bytes);
      if (!result.ok) throw new Error(result.errors.map((e) => e.message.en).join('\n'));
      expect(result.rulebook.policies).toEqual(rb.policies);
      expect(result.rulebook.assumptions).toEqual(rb.assumptions);
      expect(result.rulebook.schedule.milestones).toEqual(rb.schedule.milestones);
      expect(result.rulebook.awards.map((a) => a.source)).toEqual(rb.awards.map((a) => a.source));
      expect(result.rulebook).toEqual(rb);
      expect(result.hash).toBe(contentHash(rb));
    },
  );
});
