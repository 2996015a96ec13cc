#!/usr/bin/env node
'use strict';
/**
 * `npm run samples`: a complete, realistic assessment round made from the built-in rulebooks, written
 * to samples/out/ (git-ignored): every unit of Bình Thuận 2019 (annexes I–IV) with a late form, a
 * duplicate, a form with errors and a unit that sent nothing, a Gia Lai district with its communes,
 * a DTI 2025 round (sở and communes, each on its own annex, ranked on the index), and each round's
 * received-dates manifest (received.csv: "tệp,ngày nhận", dd/mm/yyyy). Seeded: the same entries on
 * every machine. What each form is and why is decided in src/samples/round.ts.
 *
 *   node scripts/samples.js [--out <folder>] [--json]
 *
 * --json prints the rounds (files, units, received dates, cases, expected statuses) instead of the table.
 */
const path = require('node:path');
const { parseArgs } = require('node:util');

const ROOT = path.join(__dirname, '..');

/** A module of the compiled command line (lib/, built by `npm install` through the prepare script). */
function lib(p) {
  try {
    return require(path.join(ROOT, 'lib', 'src', p));
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND' && /lib[\\/]src/.test(e.message)) {
      console.error(
        'Chưa biên dịch công cụ dòng lệnh: chạy "npm run build:cli". / The command line is not built: run "npm run build:cli".',
      );
      process.exit(2);
    }
    throw e;
  }
}

/** A path as the user would type it from here. */
const shown = (p) => {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : p;
};

/** Width on a terminal: code points without combining marks. */
const width = (s) => [...s.normalize('NFC')].filter((ch) => !/\p{M}/u.test(ch)).length;
const pad = (s, w) => s + ' '.repeat(Math.max(0, w - width(s)));
const clip = (s, w) => (width(s) <= w ? s : [...s.normalize('NFC')].slice(0, w - 1).join('') + '…');

/** A message whose parameters differ by language (numbers: 449,5 in Vietnamese, 449.5 in English). */
function text(key, params = () => ({})) {
  const { bilingual, t } = lib('i18n');
  return bilingual({ vi: t('vi', key, params('vi')), en: t('en', key, params('en')) });
}

/** Generate and write the round. Returns what was written and how long it took. */
async function generate(out) {
  const { writeSamples } = lib('samples');
  const started = Date.now();
  const written = await writeSamples(out);
  return { written, seconds: (Date.now() - started) / 1000 };
}

/** One line of explanation per special form, in both languages. */
function notes(round, form, ranking) {
  const { formatDate } = lib('core/ranking');
  const { formatPoints } = lib('core/numbers');
  const table = ranking.tables.find((t) => t.annex === form.annex);
  const entry = table && table.entries.find((e) => e.file === `${round.folder}/${form.file}`);
  return form.cases
    .map((c) =>
      c === 'late'
        ? text('samplesCaseLate', () => ({ lastOnTime: formatDate(table.deadline.lastOnTime) }))
        : c === 'duplicate'
          ? text('samplesCaseDuplicate')
          : c === 'superseding'
            ? text('samplesCaseSuperseding')
            : c === 'errors'
              ? text('samplesCaseErrors')
              : text('samplesCaseBoundary', (lang) => ({
                  total: formatPoints(entry.total, lang),
                  band: lang === 'vi' ? entry.band.label : (entry.band.labelEn ?? entry.band.label),
                })),
    )
    .join('; ');
}

/** The table of what was made, per round. */
function describe(written, seconds, out, log) {
  const { bilingual, msg, t } = lib('i18n');
  const { builtinRulebook } = lib('core/rulebook');
  const { formatDate } = lib('core/ranking');
  const { expectedRanking } = lib('samples');
  const both = (key) => `${t('vi', key)} / ${t('en', key)}`;
  log(bilingual(msg('samplesTitle', { dir: shown(out) })));
  let forms = 0;
  for (const { round, dir, manifest, files } of written) {
    const rb = builtinRulebook(round.rulebookId);
    const units = new Set(round.forms.map((f) => f.unit.id)).size;
    forms += files.length;
    const district = round.district && rb.units.find((u) => u.id === round.district);
    log('');
    log(
      bilingual(
        district
          ? msg('samplesDistrictRound', {
              province: rb.province,
              year: round.year,
              rulebook: rb.id,
              district: district.name,
              communes: units - 1,
              forms: files.length,
              dir: shown(dir),
            })
          : msg('samplesRound', {
              province: rb.province,
              year: round.year,
              rulebook: rb.id,
              forms: files.length,
              units,
              dir: shown(dir),
            }),
      ),
    );
    const ranking = expectedRanking(round);
    const rows = round.forms.map((f) => [
      f.file,
      clip(f.unit.name, 44),
      formatDate(f.received),
      notes(round, f, ranking),
    ]);
    for (const m of round.missing)
      rows.push([bilingual(msg('samplesNoFile')), m.name, '', bilingual(msg('samplesCaseMissing'))]);
    const head = [
      both('reportColFile'),
      both('reportColUnit'),
      both('reportColReceived'),
      both('reportColNotes'),
    ];
    const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
    const line = (cells) =>
      '  ' +
      cells
        .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i])))
        .join('  ')
        .trimEnd();
    log(line(head));
    for (const r of rows) log(line(r));
    log('  ' + bilingual(msg('samplesManifest', { file: shown(manifest), rows: round.forms.length })));
  }
  log('');
  log(
    text('samplesDone', (lang) => ({
      forms,
      seconds: lang === 'vi' ? seconds.toFixed(1).replace('.', ',') : seconds.toFixed(1),
    })),
  );
}

/** The rounds as JSON (for tests and tools): what each file is meant to be. */
function summary(written) {
  return written.map(({ round, dir, manifest, files }) => ({
    folder: round.folder,
    rulebook: round.rulebookId,
    year: round.year,
    asOf: round.asOf,
    district: round.district ?? null,
    dir,
    manifest,
    forms: round.forms.map((f, i) => ({
      file: files[i],
      annex: f.annex,
      unitId: f.unit.id,
      unit: f.unit.name,
      received: f.received,
      cases: f.cases,
      target: f.target ?? null,
      expected: f.expected,
    })),
    missing: round.missing,
  }));
}

function options(argv) {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { out: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
    });
    return { out: path.resolve(values.out || path.join(ROOT, 'samples', 'out')), json: !!values.json };
  } catch (e) {
    console.error(`Tuỳ chọn không hợp lệ / Invalid option: ${e.message}`);
    process.exit(2);
  }
}

/** Output piped into `head` closes early: that is not an error (as bin/scorecard.js). */
function quietOnClosedPipe() {
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e) => {
      if (e && e.code === 'EPIPE') process.exit(process.exitCode || 0);
      else throw e;
    });
}

async function main() {
  quietOnClosedPipe();
  const { out, json } = options(process.argv.slice(2));
  const { written, seconds } = await generate(out);
  if (json) process.stdout.write(JSON.stringify(summary(written), null, 2) + '\n');
  else describe(written, seconds, out, (s) => process.stdout.write(s + '\n'));
}

module.exports = { generate, describe, summary, shown, lib, options, quietOnClosedPipe };

if (require.main === module)
  main().catch((e) => {
    console.error(`Lỗi không mong đợi / Unexpected error: ${e && e.stack ? e.stack : e}`);
    process.exit(2);
  });
