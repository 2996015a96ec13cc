/**
 * `scorecard check <file.xlsx>`: read a filled form, score it with the engine and report as `score`
 * does, plus the form's unit, year and rulebook version. The file is only read, never written.
 */
import { readFileSync } from 'node:fs';
import { builtinRulebook, contentHash, findAnnex, type Rulebook } from '../core/rulebook';
import { hasErrors, score, validate } from '../core/scoring';
import { bilingual, msg, t, type Message } from '../i18n';
import type { FormMeta, Submission } from '../form/types';
import { readSubmission } from '../form/read';
import { readWorkbook } from '../xlsx/read';
import { CliError, resolveRulebook } from './io';
import { formatReport, scoreReport, type ScoreReport } from './score';
import { parseOptions } from './template';
import type { Io } from './main';

export interface CheckReport extends ScoreReport {
  unit: string;
  unitId: string;
  year: number;
  rulebookVersion: string;
  /** Computed cells whose value in the file differs from the engine's (formula overwritten). */
  altered?: { name: string; cellValue: unknown; expected: number | string }[];
}

/** Warnings when the form was made with another rulebook or another version of it. */
export function rulebookWarnings(meta: FormMeta, rb: Rulebook): Message[] {
  if (meta.rulebookId !== rb.id) return [msg('cliFormOtherRulebook', { form: meta.rulebookId, rulebook: rb.id })];
  const hash = contentHash(rb);
  if (meta.rulebookVersion !== rb.version || (meta.rulebookHash && meta.rulebookHash !== hash))
    return [msg('cliFormOtherVersion', { rulebook: rb.id, formVersion: meta.rulebookVersion, formHash: meta.rulebookHash || '?', version: rb.version, hash })];
  return [];
}

export function checkReport(rb: Rulebook, submission: Submission): { report: CheckReport; failed: boolean } {
  const annex = findAnnex(rb, submission.meta.annex);
  const issues = validate(annex, submission.entries);
  const base = scoreReport(rb, annex, score(annex, submission.entries), issues);
  const { meta, altered } = submission;
  const report: CheckReport = {
    ...base,
    unit: meta.unitName,
    unitId: meta.unitId,
    year: meta.year,
    rulebookVersion: meta.rulebookVersion,
    ...(altered.length ? { altered } : {}),
  };
  return { report, failed: hasErrors(issues) };
}

function alteredLine(a: { name: string; cellValue: unknown; expected: number | string }): string {
  const params = { name: a.name, value: JSON.stringify(a.cellValue), expected: String(a.expected) };
  return bilingual({ vi: t('vi', 'xlsxAltered', params), en: t('en', 'xlsxAltered', params) });
}

export function checkCommand(args: string[], io: Io): number {
  const { values, positionals } = parseOptions(args, { rulebook: { type: 'string' } });
  const file = positionals[0];
  if (!file) throw new CliError(msg('cliMissingOption', { option: '<file.xlsx>' }));
  if (positionals.length > 1) throw new CliError(msg('cliUnknownOption', { option: positionals[1] }));
  const given = typeof values.rulebook === 'string' && values.rulebook ? resolveRulebook(values.rulebook) : undefined;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new CliError(msg('cliCannotRead', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) }));
  }
  const read = readWorkbook(bytes);
  if (!read.ok) throw new CliError({ vi: `${file}: ${read.reason.vi}`, en: `${file}: ${read.reason.en}` });

  const reports: CheckReport[] = [];
  const texts: string[] = [];
  let failed = false;
  for (const form of read.forms) {
    const rb = given ?? builtinRulebook(form.meta.rulebookId);
    if (!rb) throw new CliError(msg('xlsxUnknownRulebook', { sheet: form.sheetName, rulebook: form.meta.rulebookId }));
    for (const w of rulebookWarnings(form.meta, rb)) io.err(`${t('vi', 'severityWarning')} / ${t('en', 'severityWarning')}: ${bilingual(w)}`);
    const submission = readSubmission(rb, form.meta, form.values, form.hasFormula);
    const { report, failed: bad } = checkReport(rb, submission);
    failed ||= bad;
    reports.push(report);
    const annex = findAnnex(rb, form.meta.annex);
    texts.push(
      [
        `${file} · ${form.sheetName}`,
        `${t('vi', 'cliUnit')} / ${t('en', 'cliUnit')}: ${report.unit || '—'} · ${t('vi', 'cliYear')} / ${t('en', 'cliYear')}: ${report.year} · ${rb.id} ${report.rulebookVersion}`,
        formatReport(report, annex),
        ...(report.altered ?? []).map((a) => `  ! ${alteredLine(a)}`),
      ].join('\n'),
    );
  }
  io.out(values.json ? JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) : texts.join('\n\n'));
  return failed ? 1 : 0;
}
