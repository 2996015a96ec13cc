/**
 * What a recipient without the add-in sees: each built-in rulebook's form, opened by a real LibreOffice
 * and printed to PDF, shows its own decision's title, the data window, the due date and the rulebook's
 * assumptions for that annex under the title. Without soffice or pdftotext the test is skipped with a
 * printed reason; when CI is set it fails instead.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assumptionsFor, builtinRulebook } from '../../src/core/rulebook';
import { annexDeadline, dataWindow, formatDate, vietnamHolidays } from '../../src/core/ranking';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import { makeProfile, requireSoffice } from '../helpers/soffice';

const soffice = requireSoffice('the printed forms (test/form/printed.test.ts)');
const pdftotext = spawnSync('pdftotext', ['-v']).error ? undefined : 'pdftotext';
if (!pdftotext && process.env.CI)
  throw new Error('pdftotext (Debian: poppler-utils) is needed by test/form/printed.test.ts');
const maybe = soffice && pdftotext ? describe : describe.skip;

const CASES = [
  ['binh-thuan-2019', 'II', 'van-phong-ubnd-tinh'],
  ['dong-nai-2022', '1', 'so-noi-vu'],
  ['gia-lai-2019', 'so', 'so-noi-vu'],
] as const;

/** Whitespace collapsed, so a line wrapped by the page still matches. */
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

maybe('forms printed by LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scorecard-printed-'));
  const text: Record<string, string> = {};

  beforeAll(async () => {
    const files: string[] = [];
    for (const [id, annex, unitId] of CASES) {
      const rb = builtinRulebook(id)!;
      const unit = rb.units.find((u) => u.id === unitId)!;
      const file = join(dir, `${id}.xlsx`);
      writeFileSync(file, await writeFormXlsx(planForm(rb, annex, { id: unit.id, name: unit.name }, 2019)));
      files.push(file);
    }
    execFileSync(
      soffice!,
      [
        '--headless',
        '--norestore',
        '--nologo',
        `-env:UserInstallation=${makeProfile()}`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...files,
      ],
      {
        timeout: 240_000,
        stdio: 'ignore',
      },
    );
    for (const [id] of CASES)
      text[id] = flat(
        execFileSync(pdftotext!, ['-layout', join(dir, `${id}.pdf`), '-'], { encoding: 'utf8' }),
      );
  }, 300_000);

  it.each(CASES)(
    '%s annex %s shows its title, the data window, the due date and its assumptions',
    (id, annexCode) => {
      const rb = builtinRulebook(id)!;
      const annex = rb.annexes.find((a) => a.code === annexCode)!;
      const printed = text[id];
      expect(printed).toContain(flat(`${rb.formTitle} NĂM 2019`));
      const window = dataWindow(rb, 2019)!;
      expect(printed).toContain(`Số liệu từ ${formatDate(window.start)} đến ${formatDate(window.end)}.`);
      expect(printed).toContain(
        `Hạn gửi phiếu: ${formatDate(annexDeadline(rb, annex, 2019, vietnamHolidays())!.date)}`,
      );
      expect(printed).toContain('Giả định của bộ tiêu chí');
      const mine = assumptionsFor(rb, annex);
      expect(mine.length).toBeGreaterThan(2);
      for (const a of mine) expect(printed).toContain(flat(a.what.vi));
    },
  );
});

if (!(soffice && pdftotext))
  it('printed forms skipped: soffice or pdftotext not found (see the warning above)', () => {
    expect(process.env.CI).toBeFalsy();
  });
