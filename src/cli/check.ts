/**
 * `scorecard check <file.xlsx>`: read a filled form, score it with the engine and report as `score`
 * does, plus the form's unit, year and rulebook version. The file is only read, never written.
 */
import { readFileSync, statSync } from 'node:fs';
import {
  builtinRulebook,
  contentHash,
  findAnnex,
  formAnnex,
  RulebookError,
  type Rulebook,
} from '../core/rulebook';
import { isUnfinished, score, validate } from '../core/scoring';
import { applyAppraisals } from '../core/ranking/aggregate';
import { bilingual, msg, t, type Message } from '../i18n';
import type { FormMeta, Submission } from '../form/types';
import { readSubmission } from '../form/read';
import { readWorkbook } from '../xlsx/read';
import { carriedRulebook } from '../xlsx/submission';
import { cannotRead, CliError, resolveRulebook } from './io';
import { formatReport, scoreReport, type ScoreReport } from './score';
import { parseOptions } from './template';
import { collectFiles } from './rank';
import { fileProgress } from './progress';
import type { Io } from './main';

export interface CheckReport extends ScoreReport {
  unit: string;
  unitId: string;
  year: number;
  rulebookVersion: string;
  /** The unit's own total (= total); and the total with the council's appraised points (null before any). */
  selfTotal: number;
  appraisedTotal: number | null;
  /** Computed cells whose value in the file differs from the engine's (formula overwritten). */
  altered?: { name: string; cellValue: unknown; expected: number | string }[];
}

/** Warnings when the form was made with another rulebook or another version of it. */
export function rulebookWarnings(meta: FormMeta, rb: Rulebook): Message[] {
  if (meta.rulebookId !== rb.id)
    return [msg('cliFormOtherRulebook', { form: meta.rulebookId, rulebook: rb.id })];
  const hash = contentHash(rb);
  if (meta.rulebookVersion !== rb.version || (meta.rulebookHash && meta.rulebookHash !== hash))
    return [
      msg('cliFormOtherVersion', {
        rulebook: rb.id,
        formVersion: meta.rulebookVersion,
        formHash: meta.rulebookHash || '?',
        version: rb.version,
        hash,
      }),
    ];
  return [];
}

export function checkReport(rb: Rulebook, submission: Submission): { report: CheckReport; failed: boolean } {
  const annex = formAnnex(rb, findAnnex(rb, submission.meta.annex), submission.meta.unitId);
  const issues = validate(annex, submission.entries);
  const self = score(annex, submission.entries);
  const base = scoreReport(rb, annex, self, issues);
  const final = applyAppraisals(annex, self, submission.appraisals);
  const { meta, altered } = submission;
  const report: CheckReport = {
    ...base,
    unit: meta.unitName,
    unitId: meta.unitId,
    year: meta.year,
    rulebookVersion: meta.rulebookVersion,
    selfTotal: self.total,
    appraisedTotal: final.appraised.length ? final.score.total : null,
    ...(altered.length ? { altered } : {}),
  };
  return { report, failed: isUnfinished(issues) };
}

function alteredLine(a: { name: string; cellValue: unknown; expected: number | string }): string {
  const params = { name: a.name, value: JSON.stringify(a.cellValue), expected: String(a.expected) };
  return bilingual({ vi: t('vi', 'xlsxAltered', params), en: t('en', 'xlsxAltered', params) });
}

/** `scorecard check <file.xlsx>`: one file; a file that cannot be read or checked is a usage error (exit 2). */
export function checkFileCommand(args: string[], io: Io): number {
  const { values, positionals } = parseOptions(args, { rulebook: { type: 'string' } });
  const file = positionals[0];
  if (!file) throw new CliError(msg('cliMissingOption', { option: '<file.xlsx>' }));
  if (positionals.length > 1) throw new CliError(msg('cliUnknownOption', { option: positionals[1] }));
  const given =
    typeof values.rulebook === 'string' && values.rulebook ? resolveRulebook(values.rulebook) : undefined;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new CliError(cannotRead(file, e));
  }
  // Every reason names the file, so that a loop over a folder of forms says which one is bad.
  const inFile = (m: Message): Message => ({ vi: `${file}: ${m.vi}`, en: `${file}: ${m.en}` });
  const read = readWorkbook(bytes);
  if (!read.ok) throw new CliError(inFile(read.reason));

  const reports: CheckReport[] = [];
  const texts: string[] = [];
  let failed = false;
  for (const form of read.forms) {
    // The rulebook named, else the built-in of the form's id, else the one the workbook carries.
    const carried = carriedRulebook(form);
    const rb = given ?? builtinRulebook(form.meta.rulebookId) ?? carried.rulebook;
    if (!rb)
      throw new CliError(
        inFile(
          carried.reason ??
            msg('xlsxUnknownRulebook', { sheet: form.sheetName, rulebook: form.meta.rulebookId }),
        ),
      );
    for (const w of rulebookWarnings(form.meta, rb))
      io.err(`${t('vi', 'severityWarning')} / ${t('en', 'severityWarning')}: ${bilingual(w)}`);
    let submission: Submission;
    try {
      submission = readSubmission(rb, form.meta, form.values, form.hasFormula, form.addresses);
    } catch (e) {
      // Metadata edited by hand: an annex the rulebook does not have (a hostile-corpus case).
      if (e instanceof RulebookError) throw new CliError(inFile(e.reason));
      throw e;
    }
    const { report, failed: bad } = checkReport(rb, submission);
    failed ||= bad;
    reports.push(report);
    const annex = formAnnex(rb, findAnnex(rb, form.meta.annex), form.meta.unitId);
    texts.push(
      [
        `${file} · ${form.sheetName}`,
        `${t('vi', 'cliUnit')} / ${t('en', 'cliUnit')}: ${report.unit || '—'} · ${t('vi', 'cliYear')} / ${t('en', 'cliYear')}: ${report.year} · ${rb.id} ${report.rulebookVersion}`,
        formatReport(report, annex),
        ...(report.altered ?? []).map((a) => `  ! ${alteredLine(a)}`),
      ].join('\n'),
    );
  }
  io.out(
    values.json ? JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) : texts.join('\n\n'),
  );
  return failed ? 1 : 0;
}

const isFolder = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * `scorecard check <files or folders...>`: one file is checked as above. Several files, or a folder
 * (searched for *.xlsx as `rank` does), are each checked as `check <file>` would, with the progress
 * line on a terminal (quiet with --json or when piped); a file that cannot be read is reported and the
 * others are still checked. Text: the reports one after the other. JSON: an array with one item per
 * form, each with its `file`; an unreadable file is `{ file, error, errorEn }`. Exit code: 2 if any
 * file could not be read, else 1 if any form has error-level issues, else 0.
 */
export function checkCommand(args: string[], io: Io): number {
  const { values, positionals } = parseOptions(args, { rulebook: { type: 'string' } });
  if (positionals.length <= 1 && !(positionals[0] && isFolder(positionals[0])))
    return checkFileCommand(args, io);
  const files = collectFiles(positionals);
  if (!files.length) throw new CliError(msg('checkNoFiles', { paths: positionals.join(', ') }));
  const options = [
    ...(typeof values.rulebook === 'string' ? ['--rulebook', values.rulebook] : []),
    ...(values.json ? ['--json'] : []),
  ];
  const progress = fileProgress(files.length, { stream: io.progress, quiet: !!values.json });
  const texts: string[] = [];
  const items: unknown[] = [];
  let code = 0;
  try {
    for (const file of files) {
      const out: string[] = [];
      let ok = true;
      try {
        code = Math.max(code, checkFileCommand([file, ...options], { out: (s) => out.push(s), err: io.err }));
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        ok = false;
        code = 2;
        io.err(bilingual(e.reason));
        items.push({ file, error: e.reason.vi, errorEn: e.reason.en });
      }
      if (ok && values.json) {
        const parsed: unknown = JSON.parse(out.join('\n'));
        for (const report of Array.isArray(parsed) ? parsed : [parsed])
          items.push({ file, ...(report as object) });
      } else if (ok) texts.push(out.join('\n'));
      progress.tick(!ok);
    }
  } finally {
    progress.done();
  }
  io.out(values.json ? JSON.stringify(items, null, 2) : texts.join('\n\n'));
  return code;
}
