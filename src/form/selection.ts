/**
 * Which criterion a cell selected on a form belongs to: a question of the form's layout (its named
 * cells), so it lives with the form, not in core.
 */
import type { Annex } from '../core/rulebook/schema';
import { annexCriteria } from '../core/rulebook/load';
import { parseA1 } from '../sheet/a1';
import { annexNames } from './names';

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
