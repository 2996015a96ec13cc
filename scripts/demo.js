#!/usr/bin/env node
'use strict';
/**
 * `npm run demo`: the main job without Excel. Generates the sample round (scripts/samples.js), then
 *
 *  1. ranks Bình Thuận 2019 exactly as an ICT officer would, with the command line:
 *       scorecard rank samples/out/binh-thuan-2019 --received samples/out/binh-thuan-2019/received.csv
 *                      --year 2019 --as-of 2019-09-30 -o samples/out/ranking-binh-thuan-2019.xlsx
 *     printing the per-group ranking table and writing the ranking workbook (the "Tổng hợp" sheet);
 *  2. consolidates the Gia Lai district (its own form and its communes', each level ranked on its own)
 *     through the same consolidation as the command line (its --district), printing the table and
 *     writing its workbook;
 *  3. ranks the DTI 2025 round (sở and communes, reconstructed) with the same command line, ranked on
 *     the index (total ÷ the unit's maximum), since a sở's maximum depends on the criteria that apply to it.
 *
 * The consolidation day is fixed (--as-of) so the output never depends on today's date.
 *
 *   node scripts/demo.js [--out <folder>] [--json]
 *
 * --json prints one JSON object on stdout: { samples: [...], rankings: [{ folder, rulebook, district,
 * command, workbook, ranking }] } where `ranking` is what `scorecard rank --json` prints.
 */
const fs = require('node:fs');
const path = require('node:path');
const { generate, describe, summary, shown, lib, options, quietOnClosedPipe } = require('./samples');

const rule = (title) => `\n${'═'.repeat(Math.min(100, [...title].length))}\n${title}\n`;

/** Run the command line in this process (the same entry point as bin/scorecard.js), capturing stdout when asked. */
async function scorecard(args, { capture, progress }) {
  const { main } = lib('cli/main');
  const out = [];
  const io = {
    out: (s) => (capture ? out.push(s) : process.stdout.write(s + '\n')),
    err: (s) => process.stderr.write(s + '\n'),
    ...(progress ? { progress: process.stderr } : {}),
  };
  const code = await main(args, io);
  return { code, stdout: out.join('\n') };
}

/** A district's consolidation: its own form and its communes', each level ranked separately. */
async function rankDistrictFolder(written, workbook) {
  const { collectFiles } = lib('cli/files');
  const { submittedFile } = lib('cli/rank');
  const { consolidate } = lib('consolidation');
  const { inputsFromXlsx } = lib('xlsx/inputs');
  const { parseReceivedManifest } = lib('core/ranking');
  const { builtinRulebook } = lib('core/rulebook');
  const { writeReportXlsx } = lib('xlsx/report');
  const { resultsSheet } = lib('report/results-sheet');
  const { round, dir, manifest } = written;
  const done = await consolidate(collectFiles([dir]).map(submittedFile), {
    read: inputsFromXlsx,
    audience: 'cli',
    rulebook: builtinRulebook(round.rulebookId),
    manifest: parseReceivedManifest(fs.readFileSync(manifest, 'utf8'), 'csv'),
    year: round.year,
    asOf: round.asOf,
    district: round.district,
    sheets: {},
  });
  if (done.refused) throw new Error(done.refused.reason.en);
  // With the results sheet, as `scorecard rank -o` writes it: next year's --previous reads it back.
  fs.writeFileSync(workbook, await writeReportXlsx([done.sheets[0]], [resultsSheet(done.ranking)]));
  return done.ranking;
}

async function main() {
  quietOnClosedPipe();
  const { out, json } = options(process.argv.slice(2));
  const started = Date.now();
  const log = json ? () => undefined : (s) => process.stdout.write(s + '\n');
  const { bilingual, msg, t } = lib('i18n');
  const { builtinRulebook } = lib('core/rulebook');
  const { rankingText, rankingJson } = lib('report');

  log(rule(bilingual(msg('demoStepSamples'))));
  const { written, seconds } = await generate(out);
  describe(written, seconds, out, log);

  const rankings = [];
  let failed = 0;
  for (const w of written) {
    const { round, dir, manifest } = w;
    const rb = builtinRulebook(round.rulebookId);
    const workbook = path.join(
      out,
      `ranking-${round.folder}${round.district ? `-${round.district}` : ''}.xlsx`,
    );
    if (!round.district) {
      // A rulebook ranked on the index (DTI) is a later step with its own heading.
      const onIndex = rb.annexes.every((a) => a.rankOn === 'index');
      log(
        rule(
          bilingual(
            onIndex
              ? msg('demoStepIndex', { rulebook: rb.id, year: round.year })
              : msg('demoStepRank', { province: rb.province, year: round.year }),
          ),
        ),
      );
      const args = [
        'rank',
        shown(dir),
        '--received',
        shown(manifest),
        '--year',
        String(round.year),
        '--as-of',
        round.asOf,
        '-o',
        shown(workbook),
      ];
      log(`$ npx scorecard ${args.join(' ')}\n`);
      const r = await scorecard(json ? [...args, '--json'] : args, { capture: json, progress: !json });
      if (r.code !== 0) failed = r.code;
      if (json)
        rankings.push({
          folder: round.folder,
          rulebook: rb.id,
          district: null,
          command: ['scorecard', ...args].join(' '),
          workbook,
          ranking: JSON.parse(r.stdout),
        });
    } else {
      const district = rb.units.find((u) => u.id === round.district);
      log(rule(bilingual(msg('demoStepDistrict', { district: district.name, province: rb.province }))));
      log(bilingual(msg('demoDistrictCore')) + '\n');
      const ranking = await rankDistrictFolder(w, workbook);
      log(rankingText(ranking));
      log(bilingual(msg('rankWritten', { file: shown(workbook) })));
      if (json)
        rankings.push({
          folder: round.folder,
          rulebook: rb.id,
          district: round.district,
          command: null,
          workbook,
          ranking: rankingJson(ranking),
        });
    }
  }

  const elapsed = (Date.now() - started) / 1000;
  const files = written
    .map((w) =>
      shown(
        path.join(out, `ranking-${w.round.folder}${w.round.district ? `-${w.round.district}` : ''}.xlsx`),
      ),
    )
    .join(', ');
  log('');
  log(
    bilingual({
      vi: t('vi', 'demoDone', { seconds: elapsed.toFixed(1).replace('.', ','), files }),
      en: t('en', 'demoDone', { seconds: elapsed.toFixed(1), files }),
    }),
  );
  if (json) process.stdout.write(JSON.stringify({ samples: summary(written), rankings }, null, 2) + '\n');
  process.exitCode = failed;
}

main().catch((e) => {
  console.error(`Lỗi không mong đợi / Unexpected error: ${e && e.stack ? e.stack : e}`);
  process.exit(2);
});
