/**
 * `scorecard results <files or folders...> [rank's options] -o <folder>`: one result workbook per unit
 * (sheet "Kết quả": total, band, rank in its group, criteria groups against the group's average and
 * best, weakest criteria, the council's remarks, the cross-checks that concern it), made from the same ranking as `scorecard
 * rank`. Files in the output folder are never read as forms, and a submitted form is never overwritten.
 * Exit codes: 0 result workbooks written; 1 none; 2 bad usage.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { isIsoDate } from '../core/ranking';
import { bilingual, msg } from '../i18n';
import { localDate } from '../core/ranking/dates';
import { unitResultSheet } from '../report/result';
import { resultFileNames } from '../report/resultFiles';
import { writeRankingXlsx } from '../xlsx/report';
import { CliError, resolveRulebook, warning, type Io } from './io';
import { parseOptions, parseYear } from './args';
import { rankFiles, readManifest, RANK_OPTIONS } from './rank';
import { collectFiles, holdsForm, type UnreadableFolder } from './files';
import { referenceInput } from './reference';
import { submissionOf } from '../core/crosscheck/compare';

export async function resultsCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(args, RANK_OPTIONS);
  if (!positionals.length) throw new CliError(msg('cliMissingOption', { option: '<files or folders…>' }));
  const folder = typeof values.output === 'string' && values.output ? values.output : undefined;
  if (!folder) throw new CliError(msg('cliMissingOption', { option: '-o <folder>' }));
  const given =
    typeof values.rulebook === 'string' && values.rulebook ? resolveRulebook(values.rulebook) : undefined;
  const asOf = typeof values['as-of'] === 'string' ? values['as-of'].trim() : localDate(new Date());
  if (!isIsoDate(asOf)) throw new CliError(msg('rankBadDate', { date: asOf }));
  const year = typeof values.year === 'string' ? parseYear(values.year) : undefined;
  const reference = referenceInput(values);
  const manifest = typeof values.received === 'string' ? readManifest(values.received, io) : undefined;

  // Result workbooks of an earlier run may sit in an input folder: they are not forms to read.
  const outDir = resolve(folder);
  const unreadable: UnreadableFolder[] = [];
  const files = collectFiles(positionals, new Set(), unreadable).filter(
    (f) => !resolve(f).startsWith(outDir + sep),
  );
  if (!files.length && !unreadable.length)
    throw new CliError(msg('rankNoFiles', { paths: positionals.join(', ') }));
  const district =
    typeof values.district === 'string' && values.district.trim() ? values.district.trim() : undefined;
  const result = await rankFiles(files, {
    rulebook: given,
    manifest,
    asOf,
    year,
    unreadable,
    district,
    ...(reference ? { reference } : {}),
  });
  for (const w of result.warnings) io.err(warning(w));
  if (result.refused?.why === 'unusableReference') throw new CliError(result.refused.reason);
  if (!result.ranking || !result.rulebook) {
    io.err(bilingual(result.refused?.reason ?? msg('rankNoRulebook')));
    return 1;
  }
  const cross = result.crossChecks;
  for (const w of cross?.warnings ?? []) io.err(warning(w));

  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    throw new CliError(
      msg('cliCannotWrite', { file: folder, reason: (e as NodeJS.ErrnoException).code ?? String(e) }),
    );
  }
  const written: {
    unit: string;
    unitId: string;
    annex: string;
    file: string;
    total: number;
    band: string | null;
    rank: number | null;
    status: string;
  }[] = [];
  for (const { table, entry, name } of resultFileNames(result.ranking)) {
    const file = join(folder, `${name}.xlsx`);
    if (existsSync(file) && holdsForm(file)) {
      io.err(warning(msg('resultsOutputIsForm', { file })));
      continue;
    }
    const appraisals = submissionOf(result.inputs, table, entry)?.appraisals;
    const sheet = unitResultSheet(result.rulebook, result.ranking, table, entry, {
      ...(cross ? { crossChecks: cross.result.checks } : {}),
      ...(appraisals ? { appraisals } : {}),
    });
    try {
      writeFileSync(file, await writeRankingXlsx(sheet));
    } catch (e) {
      throw new CliError(
        msg('cliCannotWrite', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) }),
      );
    }
    written.push({
      unit: entry.unitName,
      unitId: entry.unitId,
      annex: table.annex,
      file,
      total: entry.total,
      band: entry.band?.label ?? null,
      rank: entry.rank ?? null,
      status: entry.status,
    });
  }
  if (values.json) io.out(JSON.stringify(written, null, 2));
  else {
    for (const w of written) io.out(`  ${w.file}  ${w.unit}`);
    io.out(bilingual(msg('resultsWritten', { count: written.length, folder })));
  }
  return written.length ? 0 : 1;
}
