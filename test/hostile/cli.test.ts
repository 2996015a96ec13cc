/**
 * `scorecard check` and `scorecard rank` on the hostile corpus (corpus.ts), mixed with good forms in one
 * folder: no crash and no stack trace, a reason in Vietnamese and English for every bad file, the good
 * forms ranked, exit codes as specified (check 0/1/2; rank 0 when forms were ranked), the submitted
 * files untouched (bytes and modification times), and user text that looks like a formula written as
 * text into the ranking workbook.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { builtinRulebook, findAnnex } from '../../src/core/rulebook';
import { score } from '../../src/core/scoring';
import { bilingual, msg, t, type Message } from '../../src/i18n';
import { main, type Io } from '../../src/cli/main';
import type { RankingJson } from '../../src/report';
import { readSubmissionsFromXlsx } from '../../src/xlsx/submission';
import { expectNoStackTrace, scorecard } from '../helpers/cli';
import { buildCorpus, FORMULA_LIKE, type HostileCase } from './corpus';
import { isBilingual, isReason, templateRe } from './reasons';

const root = mkdtempSync(join(tmpdir(), 'scorecard-hostile-'));
const nop = join(root, 'nop');
const out = join(root, 'ket-qua');
mkdirSync(nop);
mkdirSync(out);
const manifest = join(root, 'ngay-nhan.json');
const UNEXPECTED = /Unexpected error|Lỗi không mong đợi/;

let corpus: HostileCase[];
const path = (c: HostileCase) => join(nop, c.file);
const fingerprint = () =>
  Object.fromEntries(
    corpus.map((c) => [
      c.file,
      {
        sha: createHash('sha256')
          .update(readFileSync(path(c)))
          .digest('hex'),
        mtime: statSync(path(c)).mtimeMs,
      },
    ]),
  );
let before: ReturnType<typeof fingerprint>;

/** What the reader says about a file that cannot be ranked (the reason `rank` must list). */
function readerReason(c: HostileCase): Message {
  const r = readSubmissionsFromXlsx(c.bytes, (meta) => builtinRulebook(meta.rulebookId));
  if (r.ok) throw new Error(`${c.file} was read`);
  return r.reason;
}

beforeAll(async () => {
  corpus = await buildCorpus();
  for (const c of corpus) {
    writeFileSync(path(c), c.bytes);
    // An old modification time: a write would show.
    utimesSync(path(c), new Date(2019, 8, 12, 9), new Date(2019, 8, 12, 9));
  }
  writeFileSync(manifest, JSON.stringify(Object.fromEntries(corpus.map((c) => [c.file, '2019-09-13']))));
  before = fingerprint();
}, 120_000);

async function check(...args: string[]) {
  const o: string[] = [];
  const e: string[] = [];
  const io: Io = { out: (s) => o.push(s), err: (s) => e.push(s) };
  const code = await main(['check', ...args], io);
  return { code, stdout: o.join('\n'), stderr: e.join('\n') };
}

describe('scorecard check on every file of the corpus', () => {
  it('never crashes: exit 0/1 for a form, 2 with a one-line bilingual reason otherwise', async () => {
    const seen: string[] = [];
    for (const c of corpus) {
      const r = await check(path(c), '--json');
      expectNoStackTrace(r.stdout + r.stderr);
      expect({ file: c.file, unexpected: UNEXPECTED.test(r.stderr) }).toEqual({
        file: c.file,
        unexpected: false,
      });
      const o = c.outcome;
      if (o.kind === 'read') {
        expect({ file: c.file, code: r.code }).toEqual({ file: c.file, code: o.check });
        const report = JSON.parse(r.stdout);
        expect(report).toMatchObject({ year: 2019, annex: expect.any(String) });
        if (o.warns) expect(r.stderr).toMatch(templateRe('en', 'cliFormOtherVersion').source.slice(1, 20));
        else expect({ file: c.file, stderr: r.stderr }).toEqual({ file: c.file, stderr: '' });
      } else {
        expect({ file: c.file, code: r.code }).toEqual({ file: c.file, code: 2 });
        expect(r.stdout).toBe('');
        const lines = r.stderr.split('\n');
        expect(lines).toHaveLength(1);
        const reason = readerReason(c);
        // "<file>: <vi>" / "<file>: <en>", as bilingual() prints a Message
        expect(r.stderr).toBe(bilingual({ vi: `${path(c)}: ${reason.vi}`, en: `${path(c)}: ${reason.en}` }));
        expect(isReason(reason, o.reason)).toBe(true);
      }
      seen.push(c.file);
    }
    expect(seen).toHaveLength(corpus.length);
  }, 120_000);

  it('reports overwritten formulas as altered and scores with the engine', async () => {
    const c = corpus.find((x) => x.file === 'ghi-de-cong-thuc.xlsx')!;
    const report = JSON.parse((await check(path(c), '--json')).stdout);
    const rb = builtinRulebook('binh-thuan-2019')!;
    const sub = readSubmissionsFromXlsx(c.bytes, () => rb);
    if (!sub.ok) throw new Error(sub.reason.en);
    expect(report.total).toBe(score(findAnnex(rb, 'I'), sub.submissions[0].submission.entries).total);
    expect(report.total).not.toBe(499);
    expect(report.altered.map((a: { name: string }) => a.name).sort()).toEqual(['PT_1_1', 'TOTAL']);
  });

  it('the built command line says the same, without a stack trace', () => {
    for (const file of [
      'ngau-nhien.xlsx',
      'cat-cut-50pct.xlsx',
      'bom-nen-noi-doi.xlsx',
      'bom-nen-tong.xlsx',
      'mat-khau.xlsx',
      'the-dai-o.xlsx',
      'phu-luc-khong-co.xlsx',
      'so-dang-chu.xlsx',
    ]) {
      const c = corpus.find((x) => x.file === file)!;
      const r = scorecard(['check', path(c)]);
      expectNoStackTrace(r.stdout + r.stderr);
      expect({ file, unexpected: UNEXPECTED.test(r.stderr) }).toEqual({ file, unexpected: false });
      expect({ file, code: r.code }).toEqual({ file, code: c.outcome.kind === 'read' ? c.outcome.check : 2 });
    }
  }, 60_000);
});

describe('scorecard rank on the corpus and good forms in one folder', () => {
  const workbook = join(out, 'xep-hang.xlsx');
  let r: ReturnType<typeof scorecard>;
  let json: RankingJson;
  beforeAll(() => {
    r = scorecard(['rank', nop, '--received', manifest, '--as-of', '2019-09-30', '-o', workbook, '--json']);
    json = JSON.parse(r.stdout);
  }, 120_000);
  const entryOf = (c: HostileCase) => json.groups.flatMap((g) => g.entries).find((e) => e.file === path(c));

  it('exits 0 without a stack trace', () => {
    expectNoStackTrace(r.stdout + r.stderr);
    expect(r.stderr).not.toMatch(UNEXPECTED);
    expect(r.code).toBe(0);
  });

  it("ranks every readable form, and lists every other file as invalid with the reader's reason in both languages", () => {
    for (const c of corpus) {
      const o = c.outcome;
      if (o.kind === 'read') {
        const e = entryOf(c);
        expect({ file: c.file, status: e?.status }).toEqual({ file: c.file, status: o.rank });
        if (o.rank === 'ranked')
          expect({ file: c.file, rank: typeof e?.rank }).toEqual({ file: c.file, rank: 'number' });
        if (o.rank === 'invalid') {
          const listed = json.invalid.find((i) => i.file === path(c));
          expect(listed?.reasonEn).toMatch(/^The form has \d+ errors: /);
          expect(isBilingual({ vi: listed!.reason, en: listed!.reasonEn })).toBe(true);
        }
      } else {
        const listed = json.invalid.filter((i) => i.file === path(c));
        const reason = readerReason(c);
        expect({ file: c.file, listed }).toEqual({
          file: c.file,
          listed: [{ file: path(c), reason: reason.vi, reasonEn: reason.en }],
        });
        expect(isBilingual(reason)).toBe(true);
        expect(entryOf(c)).toBeUndefined();
      }
    }
    // Nothing else is listed: every invalid entry is a file of the corpus.
    const files = new Set(corpus.map(path));
    for (const i of json.invalid) expect(files.has(i.file)).toBe(true);
  });

  it('notes what it noticed on forms it still ranks', () => {
    const notes = (file: string) =>
      entryOf(corpus.find((c) => c.file === file)!)!.notes.map((n) => n.messageEn);
    expect(notes('ghi-de-cong-thuc.xlsx')).toContain(t('en', 'rankAltered', { count: 2 }));
    expect(notes('phien-ban-khac.xlsx').some((n) => templateRe('en', 'rankOtherVersion').test(n))).toBe(true);
    const altered = entryOf(corpus.find((c) => c.file === 'ghi-de-cong-thuc.xlsx')!)!;
    expect(altered.total).toBe(500); // the engine's (4.7, compared with the best unit, completed), not the typed 499
  });

  it('never writes into the submitted files', () => {
    expect(fingerprint()).toEqual(before);
  });

  it('writes user text that looks like a formula as text into the ranking workbook', async () => {
    const payloads = [FORMULA_LIKE.unitName, '=1+2.xlsx'];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(workbook);
    const found = new Map<string, number>();
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) {
            const f = (cell.value as ExcelJS.CellFormulaValue).formula ?? '';
            for (const p of payloads)
              expect({
                cell: cell.address,
                formula: f,
                hasPayload: f.includes(p.replace(/^=/, '')),
              }).toMatchObject({ hasPayload: false });
            return;
          }
          const text = typeof cell.value === 'string' ? cell.value : '';
          for (const p of payloads)
            if (text.includes(p)) {
              expect({ cell: cell.address, type: cell.type }).toEqual({
                cell: cell.address,
                type: ExcelJS.ValueType.String,
              });
              found.set(p, (found.get(p) ?? 0) + 1);
            }
        }),
      );
    for (const p of payloads)
      expect({ payload: p, cells: (found.get(p) ?? 0) > 0 }).toEqual({ payload: p, cells: true });
    // The same at the XML level: no <f> element carries the payloads.
    const parts = unzipSync(new Uint8Array(readFileSync(workbook)));
    for (const [name, data] of Object.entries(parts))
      if (/^xl\/worksheets\/.*\.xml$/.test(name))
        for (const m of strFromU8(data).matchAll(/<f\b[^>]*>([^<]*)<\/f>/g))
          expect(m[1]).not.toMatch(/cmd\||1\+2\.xlsx/);
  });

  it('writes user text that looks like a formula as text into the review packets', async () => {
    const packets = join(out, 'tham-dinh');
    const o: string[] = [];
    const e: string[] = [];
    const forms = ['=1+2.xlsx', 'phieu-tot-2.xlsx'].map((f) => join(nop, f));
    const code = await main(
      ['packets', 'export', ...forms, '--received', manifest, '-o', packets, '--json'],
      { out: (x) => o.push(x), err: (x) => e.push(x) },
    );
    expectNoStackTrace(o.join('\n') + e.join('\n'));
    expect({ code, err: e }).toEqual({ code: 0, err: [] });
    const written: string[] = JSON.parse(o.join('\n')).packets.map((p: { file: string }) => p.file);
    expect(written.length).toBeGreaterThan(0);
    const payloads = Object.values(FORMULA_LIKE);
    const found = new Set<string>();
    for (const file of written) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      for (const ws of wb.worksheets)
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.type === ExcelJS.ValueType.Formula) {
              const f = (cell.value as ExcelJS.CellFormulaValue).formula ?? '';
              expect({
                file,
                cell: cell.address,
                formula: f,
                payload: payloads.some((p) => f.includes(p.slice(1))),
              }).toMatchObject({ payload: false });
              return;
            }
            const text = typeof cell.value === 'string' ? cell.value : '';
            for (const p of payloads)
              if (text.includes(p)) {
                expect({ file, cell: cell.address, type: cell.type }).toEqual({
                  file,
                  cell: cell.address,
                  type: ExcelJS.ValueType.String,
                });
                found.add(p);
              }
          }),
        );
    }
    // The reasons and evidence of group 1 and the unit name reach the packet of group 1, all as text.
    expect([...found].sort()).toEqual([...payloads].sort());
    expect(fingerprint()).toEqual(before);
  });

  it('the rest of the batch is ranked: the good forms take their places', () => {
    const good = corpus.filter((c) => c.outcome.kind === 'read' && c.outcome.rank === 'ranked');
    expect(good.length).toBeGreaterThan(10);
    for (const c of good) expect(entryOf(c)?.status).toBe('ranked');
    const invalid = corpus.filter((c) => c.outcome.kind !== 'read' || c.outcome.rank === 'invalid');
    expect(json.invalid.length).toBe(invalid.length);
    expect(msg('rankNothingRanked').en).not.toBe(r.stderr.trim());
  });
});
