/**
 * What the reviewer types, checked before anything is written: appraised points as Vietnamese users
 * type numbers ("7,5"), within 0..max; and which criterion a selected cell belongs to.
 */
import type { Annex } from '../rulebook/schema';
import { annexCriteria } from '../rulebook/load';
import { formatPoints, parseNumber, round2 } from '../numbers';
import { msg, type Message } from '../../i18n';
import { parseA1 } from '../../sheet/a1';
import { annexNames } from '../../form/names';
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

/**
 * The criterion whose rows hold `address` on a form: a criterion spans from its first to its last
 * named cell (its inputs are on rows of their own), the named cells' addresses coming from the host.
 */
export function criterionAtCell(
  annex: Annex,
  addresses: Record<string, string>,
  address: string,
): string | undefined {
  const cell = parseA1(address.replace(/^.*!/, '').split(':')[0]);
  if (!cell) return undefined;
  const spans = new Map<string, { first: number; last: number }>();
  for (const n of annexNames(annex)) {
    if (!n.criterionId) continue;
    const at = addresses[n.name] !== undefined ? parseA1(addresses[n.name]) : undefined;
    if (!at) continue;
    const span = spans.get(n.criterionId);
    spans.set(
      n.criterionId,
      span
        ? { first: Math.min(span.first, at.row), last: Math.max(span.last, at.row) }
        : { first: at.row, last: at.row },
    );
  }
  for (const { criterion } of annexCriteria(annex)) {
    const span = spans.get(criterion.id);
    if (span && cell.row >= span.first && cell.row <= span.last) return criterion.id;
  }
  return undefined;
}
