/**
 * Which rulebook a batch is ranked with: the one the user named, else the one most readable forms were
 * made with. Pure: no reader here, so the pane can load this without the reader's chunk.
 */
import type { Rulebook } from '../core/rulebook/schema';
import type { RankingInput } from '../core/ranking/types';

/** The rulebook most readable forms were made with (first seen on a tie), among those resolved. */
export function majorityRulebook(
  inputs: RankingInput[],
  rulebooks: ReadonlyMap<string, Rulebook>,
): Rulebook | undefined {
  const counts = new Map<string, number>();
  for (const i of inputs)
    if ('submission' in i)
      counts.set(i.submission.meta.rulebookId, (counts.get(i.submission.meta.rulebookId) ?? 0) + 1);
  let best: string | undefined;
  for (const [id, n] of counts)
    if (rulebooks.has(id) && (best === undefined || n > counts.get(best)!)) best = id;
  return best === undefined ? undefined : rulebooks.get(best);
}
