/**
 * Corpus cases that need a real spreadsheet: forms saved by LibreOffice (headless, recalculating every
 * formula on load), read again as submissions. Rows inserted above the table at the XML level
 * (build.ts insertRows) are recalculated too: if the insertion had left a formula pointing at the
 * wrong cell, LibreOffice's totals would differ from the engine's and the form would read as altered.
 * Without soffice the test is skipped with a printed reason; when CI is set it fails instead.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulebook, findAnnex } from '../../src/core/rulebook';
import { score } from '../../src/core/scoring';
import { main, type Io } from '../../src/cli/main';
import { readWorkbook } from '../../src/xlsx/read';
import { readSubmissionsFromXlsx } from '../../src/xlsx/submission';
import { expectNoStackTrace } from '../helpers/cli';
import { recalcWithSoffice, requireSoffice } from '../helpers/soffice';
import { buildCorpus, goodForm, rb, type HostileCase } from './corpus';

const soffice = requireSoffice(
  'the hostile corpus cases saved by LibreOffice (test/hostile/libreoffice.test.ts)',
);
const maybe = soffice ? describe : describe.skip;

maybe('forms saved by LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scorecard-hostile-lo-'));
  const outDir = join(dir, 'lo');
  mkdirSync(outDir);
  /** Corpus files sent through LibreOffice. */
  const THROUGH_LO = [
    'chen-dong.xlsx',
    'ghi-de-cong-thuc.xlsx',
    'so-dang-chu.xlsx',
    'mat-ten.xlsx',
    'doi-ten-trang-excel.xlsx',
    '=1+2.xlsx',
  ];
  let corpus: HostileCase[];
  let filled: Awaited<ReturnType<typeof goodForm>>;

  beforeAll(async () => {
    corpus = (await buildCorpus()).filter((c) => THROUGH_LO.includes(c.file));
    filled = await goodForm(
      'IV',
      'tuy-phong',
      (e) => (e['1.5'] = { ...e['1.5'], count: 1, reason: 'Mới ban hành 1 văn bản' }),
    );
    const files = [join(dir, 'da-luu-libreoffice.xlsx'), ...corpus.map((c) => join(dir, c.file))];
    writeFileSync(files[0], filled.bytes);
    for (const c of corpus) writeFileSync(join(dir, c.file), c.bytes);
    // one soffice: a second start-up costs more than it saves on seven files
    const run = await recalcWithSoffice(soffice!, files, outDir);

    console.log(`LibreOffice saved ${files.length} files in ${(run.ms / 1000).toFixed(1)} s`);
  }, 300_000);

  const saved = (file: string) => new Uint8Array(readFileSync(join(outDir, file)));
  const submission = (file: string) => {
    const r = readSubmissionsFromXlsx(saved(file), (meta) => builtinRulebook(meta.rulebookId));
    if (!r.ok) throw new Error(`${file}: ${r.reason.en}`);
    expect(r.submissions).toHaveLength(1);
    return r.submissions[0];
  };

  it('a filled form saved by LibreOffice is read with its entries, its cached results agree with the engine', () => {
    const read = readWorkbook(saved('da-luu-libreoffice.xlsx'));
    if (!read.ok) throw new Error(read.reason.en);
    expect(read.forms[0].source).toBe('names');
    expect(typeof read.forms[0].values.TOTAL).toBe('number'); // LibreOffice stored the results
    const s = submission('da-luu-libreoffice.xlsx');
    expect(s.submission.entries['1.5']).toMatchObject({ count: 1, reason: 'Mới ban hành 1 văn bản' });
    expect(s.submission.altered).toEqual([]);
    expect(read.forms[0].values.TOTAL).toBe(score(findAnnex(rb, 'IV'), s.submission.entries).total);
  });

  it("rows inserted above the table as Excel does: LibreOffice computes the engine's numbers, the names still resolve", () => {
    const read = readWorkbook(saved('chen-dong.xlsx'));
    if (!read.ok) throw new Error(read.reason.en);
    expect(read.forms[0].source).toBe('names');
    const s = submission('chen-dong.xlsx');
    expect(s.submission.altered).toEqual([]);
    expect(read.forms[0].values.TOTAL).toBe(score(findAnnex(rb, 'I'), s.submission.entries).total);
    expect(s.submission.entries).toEqual(
      submissionOf(corpus.find((c) => c.file === 'chen-dong.xlsx')!).entries,
    );
  });

  it('typed constants over formulas stay altered after LibreOffice; text pasted into number cells stays text', () => {
    // Recalculated, group 1's subtotal now adds the typed 0 of PT_1_1, and the index follows the typed
    // total: both differ from the engine too.
    expect(
      submission('ghi-de-cong-thuc.xlsx')
        .submission.altered.map((a) => a.name)
        .sort(),
    ).toEqual(['GR_1', 'INDEX', 'PT_1_1', 'TOTAL']);
    const s = submission('so-dang-chu.xlsx');
    expect([s.submission.entries['1.4'].value, s.submission.entries['2.2'].percent]).toEqual([
      expect.objectContaining({ sheetText: '2,5' }),
      expect.objectContaining({ sheetText: '85%' }),
    ]);
    expect(s.submission.altered).toEqual([]);
  });

  it('every file LibreOffice saved reads as its original did', () => {
    for (const c of corpus) {
      const before = submissionOf(c);
      const after = submission(c.file).submission;
      expect({ file: c.file, entries: after.entries, meta: after.meta }).toEqual({
        file: c.file,
        entries: before.entries,
        meta: before.meta,
      });
    }
  });

  it('scorecard check reads them: exit 0 (1 for the numbers stored as text, which are errors), no stack trace', async () => {
    for (const file of ['da-luu-libreoffice.xlsx', ...THROUGH_LO]) {
      const out: string[] = [];
      const err: string[] = [];
      const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) };
      const code = await main(['check', join(outDir, file), '--json'], io);
      expectNoStackTrace(out.join('\n') + err.join('\n'));
      expect({ file, code, err }).toEqual({ file, code: file === 'so-dang-chu.xlsx' ? 1 : 0, err: [] });
    }
  });
});

function submissionOf(c: HostileCase) {
  const r = readSubmissionsFromXlsx(c.bytes, (meta) => builtinRulebook(meta.rulebookId));
  if (!r.ok) throw new Error(r.reason.en);
  return r.submissions[0].submission;
}
