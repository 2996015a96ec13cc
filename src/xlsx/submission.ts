/** A submitted .xlsx → Submissions: the reader (read.ts) and readSubmission (form/read.ts) together. */
import type { Rulebook } from '../core/rulebook/schema';
import { RulebookError } from '../core/rulebook/load';
import { msg, type Message } from '../i18n';
import type { FormMeta, Submission } from '../form/types';
import { readSubmission } from '../form/read';
import { readWorkbook, type FormRead } from './read';
import { findAnnex } from '../core/rulebook/load';
import { formComments, readComments, type FormComment } from './comments';

export interface SubmissionRead {
  sheetName: string;
  rulebook: Rulebook;
  submission: Submission;
  source: FormRead['source'];
  /** Threaded comments and notes on the form sheet (comments.ts), e.g. the appraisal council's remarks. */
  comments?: FormComment[];
}

export type SubmissionsResult =
  | {
      ok: true;
      submissions: SubmissionRead[];
      /** forms of the file that could not be read */ problems: { sheetName: string; reason: Message }[];
    }
  | { ok: false; reason: Message };

/**
 * The rulebook a form carries (read.ts), when it is the very rulebook the form records (same id and, if
 * recorded, same content hash); otherwise why it cannot be used: the carrier was refused (altered,
 * damaged) or belongs to another rulebook. Neither when the workbook carries no rulebook.
 */
export function carriedRulebook(form: Pick<FormRead, 'sheetName' | 'meta' | 'carried'>): {
  rulebook?: Rulebook;
  reason?: Message;
} {
  const c = form.carried;
  if (!c) return {};
  const sheet = form.sheetName;
  if (!c.ok)
    return {
      reason: msg('xlsxCarriedRefused', {
        sheet,
        rulebook: form.meta.rulebookId,
        reason: c.reason.vi,
        reasonEn: c.reason.en,
      }),
    };
  if (c.id !== form.meta.rulebookId || (form.meta.rulebookHash && c.hash !== form.meta.rulebookHash))
    return {
      reason: msg('xlsxCarriedOther', {
        sheet,
        rulebook: form.meta.rulebookId,
        hash: form.meta.rulebookHash || '?',
        carried: c.id,
        carriedHash: c.hash,
      }),
    };
  return { rulebook: c.rulebook };
}

/**
 * Read every form of a workbook. `resolveRulebook` turns a form's metadata into its rulebook (the
 * built-in of that id, or one the user named); when it gives none, the rulebook the workbook carries is
 * used (carriedRulebook). A form whose rulebook is unknown is a problem, not a crash.
 */
export function readSubmissionsFromXlsx(
  bytes: Uint8Array,
  resolveRulebook: (meta: FormMeta) => Rulebook | undefined,
): SubmissionsResult {
  const read = readWorkbook(bytes);
  if (!read.ok) return read;
  const submissions: SubmissionRead[] = [];
  const problems: { sheetName: string; reason: Message }[] = [];
  for (const form of read.forms) {
    try {
      const carried = carriedRulebook(form);
      const rulebook = resolveRulebook(form.meta) ?? carried.rulebook;
      if (!rulebook) {
        problems.push({
          sheetName: form.sheetName,
          reason:
            carried.reason ??
            msg('xlsxUnknownRulebook', { sheet: form.sheetName, rulebook: form.meta.rulebookId }),
        });
        continue;
      }
      const submission = readSubmission(rulebook, form.meta, form.values, form.hasFormula, form.addresses);
      const comments = formComments(
        readComments(bytes, form.sheetName),
        findAnnex(rulebook, form.meta.annex),
        form.addresses,
      );
      submissions.push({
        sheetName: form.sheetName,
        rulebook,
        submission,
        source: form.source,
        ...(comments.length ? { comments } : {}),
      });
    } catch (e) {
      const reason =
        e instanceof RulebookError
          ? e.reason
          : msg('xlsxDamaged', { detail: e instanceof Error ? e.message : String(e) });
      problems.push({ sheetName: form.sheetName, reason });
    }
  }
  if (!submissions.length && problems.length) return { ok: false, reason: problems[0].reason };
  return { ok: true, submissions, problems };
}

/** The first form of a workbook as a Submission (the common case: one form per file). */
export function readSubmissionFromXlsx(
  bytes: Uint8Array,
  resolveRulebook: (meta: FormMeta) => Rulebook | undefined,
):
  | { ok: true; submission: Submission; rulebook: Rulebook; sheetName: string; source: FormRead['source'] }
  | { ok: false; reason: Message } {
  const r = readSubmissionsFromXlsx(bytes, resolveRulebook);
  if (!r.ok) return r;
  const first = r.submissions[0];
  return {
    ok: true,
    submission: first.submission,
    rulebook: first.rulebook,
    sheetName: first.sheetName,
    source: first.source,
  };
}
