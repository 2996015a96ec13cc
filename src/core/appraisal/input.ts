/**
 * What the reviewer types, checked before anything is written: appraised points as Vietnamese users
 * type numbers ("7,5"), within 0..max; and whether there is enough to record. Which criterion a
 * selected cell belongs to is the form's layout: form/selection.ts.
 */
import { formatPoints, parseNumber, round2 } from '../numbers';
import { msg, type Message } from '../../i18n';
import type { Reviewer } from './types';

export type PointsInput = { ok: true; points?: number } | { ok: false; error: Message };

/** Appraised points from the text field: empty → none (a remark only); else a number in 0..max, 2 decimals. */
export function parseAppraisedPoints(text: string, max: number): PointsInput {
  const n = parseNumber(text);
  if (n === undefined) return { ok: true };
  if (!Number.isFinite(n))
    return { ok: false, error: msg('appraisalPointsNotNumber', { value: text.trim() }) };
  if (n < 0 || n > max)
    return { ok: false, error: msg('appraisalPointsRange', { max: formatPoints(max), value: text.trim() }) };
  return { ok: true, points: round2(n) };
}

/** Why an appraisal cannot be recorded yet (reviewer not set, nothing entered), or undefined. */
export function appraisalProblem(
  reviewer: Reviewer,
  points: number | undefined,
  comment: string,
): Message | undefined {
  if (!reviewer.body.trim() || !reviewer.name.trim()) return msg('appraisalReviewerMissing');
  if (points === undefined && !comment.trim()) return msg('appraisalNothingEntered');
  return undefined;
}
