/**
 * Fuzzing the submitted-file pipeline, since submitted files come from outside and may be damaged or hostile:
 * valid forms mutated at the XML level and at the byte level (mutate.ts), each fed to readWorkbook,
 * readSubmissionsFromXlsx, inputsFromXlsx (the path of `scorecard rank` and of the pane's consolidation view)
 * and, when a form comes out, to the engine (score, validate), the check report and the ranking (rank, the
 * report sheet, the JSON and text outputs). Zero uncaught exceptions, and a reason in Vietnamese and English
 * for every file or form that is refused.
 *
 * Seeded and bounded: FUZZ_SEED (default 7) and FUZZ_CASES (default 400) reproduce or widen a run,
 * e.g. `FUZZ_SEED=123 FUZZ_CASES=5000 npx jest test/fuzz`. A crashing case is saved under
 * test-output/fuzz-crashes/ with its seed, index and mutation; minimise it and add it to the corpus.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRulebook, findAnnex, type Rulebook } from '../../src/core/rulebook';
import { score, validate } from '../../src/core/scoring';
import { rank, type RankingInput } from '../../src/core/ranking';
import type { MessageKey } from '../../src/i18n';
import { vi } from '../../src/i18n/vi';
import { checkReport } from '../../src/cli/check';
import { planForm } from '../../src/form/plan';
import { buildWorkbook, writeFormXlsx } from '../../src/xlsx/write';
import { readWorkbook } from '../../src/xlsx/read';
import { readSubmissionsFromXlsx } from '../../src/xlsx/submission';
import { inputsFromXlsx } from '../../src/xlsx/inputs';
import { rankingJson, rankingText, summarySheet } from '../../src/report';
import { makeRulebook } from '../helpers/rulebooks';
import { randomEntries, rng } from '../form/random-entries';
import { editPart, insertRows } from '../hostile/build';
import { goodForm } from '../hostile/corpus';
import { isBilingual, isReason } from '../hostile/reasons';
import { mutateBytes, mutateXml, type Mutant } from './mutate';

const SEED = Number(process.env.FUZZ_SEED ?? 7);
const CASES = Number(process.env.FUZZ_CASES ?? 400);
const CRASH_DIR = join(__dirname, '..', '..', 'test-output', 'fuzz-crashes');

const testRb = makeRulebook();
const resolve = (meta: { rulebookId: string }): Rulebook | undefined =>
  meta.rulebookId === testRb.id ? testRb : builtinRulebook(meta.rulebookId);
const REASON_KEYS = (Object.keys(vi) as MessageKey[]).filter((k) => /^xlsx|^unknownAnnex$|^rulebook/.test(k));
const reasonKey = (m: { vi: string; en: string }) => REASON_KEYS.find((k) => isReason(m, k)) ?? 'other';

interface Crash {
  index: number;
  label: string;
  error: string;
  file: string;
}

/** Valid forms to mutate: a full one, one read through its metadata, random entries and appraisals, one with cell notes (comments). */
async function bases(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const bt = builtinRulebook('binh-thuan-2019')!;
  const full = await goodForm('I', 'so-noi-vu');
  const iv = randomEntries(bt.annexes[3], rng(SEED));
  const random = await writeFormXlsx(
    planForm(bt, 'IV', { id: 'tuy-phong', name: 'Huyện Tuy Phong' }, 2019, iv),
  );
  const plan = planForm(
    testRb,
    'A',
    { id: 'x', name: 'Đơn vị thử' },
    2024,
    randomEntries(testRb.annexes[0], rng(SEED + 1)),
  );
  const wb = await buildWorkbook(plan);
  const ws = wb.getWorksheet(plan.sheetName)!;
  for (const name of ['APPR_1_1', 'REASON_1_2', 'TOTAL']) {
    const n = plan.names.find((x) => x.name === name)!;
    ws.getCell(n.row + 1, n.col + 1).note = `Ghi chú của hội đồng về ${name}: "đạt" & <xem lại>`;
  }
  const noted = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const namesLost = editPart(insertRows(full.bytes, full.plan.sheetName, 11, 2), 'xl/workbook.xml', (xml) =>
    xml.replace(/<definedNames>[\s\S]*?<\/definedNames>/, ''),
  );
  return [
    { name: 'binh-thuan I (full)', bytes: full.bytes },
    { name: 'binh-thuan I (rows inserted, names lost)', bytes: namesLost },
    { name: 'binh-thuan IV (random)', bytes: random },
    { name: 'test rulebook A (random, notes)', bytes: noted },
  ];
}

describe('fuzzing the reader and the scoring pipeline', () => {
  it(`${CASES} mutated forms (seed ${SEED}): no exception, a bilingual reason for every refusal`, async () => {
    const forms = await bases();
    const r = rng(SEED);
    const crashes: Crash[] = [];
    const counts = {
      xml: 0,
      bytes: 0,
      read: 0,
      refused: 0,
      problems: 0,
      withErrors: 0,
      altered: 0,
      changedByBytes: 0,
    };
    const reasons = new Map<string, number>();
    const batch = new Map<string, RankingInput[]>();
    const slowest: { ms: number; label: string }[] = [];
    const baseline = new Map(
      forms.map((f) => [
        f.name,
        JSON.stringify(
          (
            readSubmissionsFromXlsx(f.bytes, resolve) as { submissions: { submission: unknown }[] }
          ).submissions.map((s) => s.submission),
        ),
      ]),
    );

    for (let i = 0; i < CASES; i++) {
      const base = forms[i % forms.length];
      let m: Mutant = { bytes: base.bytes, label: '(mutation failed)', level: 'xml' };
      const started = process.hrtime.bigint();
      try {
        m = r.chance(0.55) ? mutateXml(base.bytes, r) : mutateBytes(base.bytes, r);
        counts[m.level]++;
        const read = readWorkbook(m.bytes);
        if (!read.ok) {
          if (!isBilingual(read.reason))
            throw new Error(`refused without a bilingual reason: ${JSON.stringify(read.reason)}`);
          counts.refused++;
          reasons.set(reasonKey(read.reason), (reasons.get(reasonKey(read.reason)) ?? 0) + 1);
        }
        const subs = readSubmissionsFromXlsx(m.bytes, resolve);
        // The pane's consolidation view and `scorecard rank` take the file through inputsFromXlsx.
        for (const input of inputsFromXlsx(`fuzz-${i}.xlsx`, m.bytes, resolve).inputs)
          if ('failure' in input && !isBilingual(input.failure))
            throw new Error(`input failure without a bilingual reason: ${JSON.stringify(input.failure)}`);
        if (!subs.ok) {
          if (!isBilingual(subs.reason))
            throw new Error(`refused without a bilingual reason: ${JSON.stringify(subs.reason)}`);
          if (read.ok) {
            counts.problems++;
            reasons.set(reasonKey(subs.reason), (reasons.get(reasonKey(subs.reason)) ?? 0) + 1);
          }
          continue;
        }
        for (const p of subs.problems)
          if (!isBilingual(p.reason))
            throw new Error(`form problem without a bilingual reason: ${JSON.stringify(p.reason)}`);
        counts.problems += subs.problems.length;
        for (const s of subs.submissions) {
          counts.read++;
          const annex = findAnnex(s.rulebook, s.submission.meta.annex);
          score(annex, s.submission.entries);
          const issues = validate(annex, s.submission.entries);
          for (const issue of issues)
            if (!issue.message.vi.trim() || !issue.message.en.trim())
              throw new Error(`issue without text in both languages: ${JSON.stringify(issue)}`);
          if (issues.some((x) => x.severity === 'error')) counts.withErrors++;
          if (s.submission.altered.length) counts.altered++;
          checkReport(s.rulebook, s.submission);
          const input: RankingInput = {
            file: `fuzz-${i}.xlsx`,
            received: { date: '2019-09-13', source: 'manifest' },
            submission: s.submission,
          };
          rank(s.rulebook, [input], { asOf: '2019-09-30' });
          if (!batch.has(s.rulebook.id)) batch.set(s.rulebook.id, []);
          batch.get(s.rulebook.id)!.push(input);
        }
        if (
          m.level === 'bytes' &&
          JSON.stringify(subs.submissions.map((s) => s.submission)) !== baseline.get(base.name)
        ) {
          counts.changedByBytes++;
          if (process.env.FUZZ_VERBOSE) console.log(`changed: #${i} ${base.name} · ${m.label}`);
        }
      } catch (e) {
        const file = join(CRASH_DIR, `seed${SEED}-case${i}.xlsx`);
        mkdirSync(CRASH_DIR, { recursive: true });
        writeFileSync(file, m.bytes);
        crashes.push({
          index: i,
          label: `${base.name} · ${m.label}`,
          error: String((e as Error).stack ?? e)
            .split('\n')
            .slice(0, 6)
            .join('\n'),
          file,
        });
      } finally {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        slowest.push({ ms, label: `#${i} ${base.name} · ${m.label.slice(0, 160)}` });
        slowest.sort((a, b) => b.ms - a.ms).splice(3);
      }
    }

    // The whole batch of each rulebook, bad files included, ranked and reported together.
    for (const [id, inputs] of batch) {
      const rb = resolve({ rulebookId: id })!;
      const withFailures: RankingInput[] = [
        ...inputs,
        { file: 'hong.xlsx', failure: { vi: 'Tệp hỏng', en: 'Damaged file' } },
      ];
      const ranking = rank(rb, withFailures, { asOf: '2019-09-30' });
      summarySheet(rb, ranking, { asOf: '2019-09-30' });
      rankingText(ranking);
      expect(rankingJson(ranking).invalid.some((x) => x.file === 'hong.xlsx')).toBe(true);
    }

    console.log(
      [
        `fuzz seed ${SEED}: ${CASES} cases (${counts.xml} XML-level, ${counts.bytes} byte-level)`,
        `  forms read ${counts.read} (with error-level issues ${counts.withErrors}, with altered cells ${counts.altered}); files refused ${counts.refused}; forms not identified ${counts.problems}`,
        `  byte-level mutations read with other values than the original: ${counts.changedByBytes}`,
        `  reasons: ${[...reasons]
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`,
        `  slowest: ${slowest.map((s) => `${s.ms.toFixed(0)} ms ${s.label}`).join('\n           ')}`,
        `  crashes: ${crashes.length}`,
      ].join('\n'),
    );
    expect(crashes).toEqual([]);
    // A damaged file is refused or read as it was: never read with other values (CRC-32, missing parts).
    expect(counts.changedByBytes).toBe(0);
    expect(counts.read + counts.refused + counts.problems).toBeGreaterThan(0);
  }, 120_000);
});
