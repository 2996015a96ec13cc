/**
 * What the ranking view says about the round's calendar: the milestone due next on the as-of date,
 * from the rulebook's schedule (core/round/timeline.ts, the same dates as `scorecard round`), and the
 * whole timeline for the disclosure. Pure, so the view's logic is tested without React.
 */
import type { Rulebook } from '../../core/rulebook/schema';
import { isIsoDate } from '../../core/ranking/dates';
import { roundTimeline, type Timeline, type TimelineMilestone } from '../../core/round/timeline';

export type RoundStatus =
  /** The rulebook lists no milestones: the view says so in one line. */
  | { kind: 'none'; rulebook: string }
  | { kind: 'next'; timeline: Timeline; next: TimelineMilestone }
  | { kind: 'allPassed'; timeline: Timeline };

/** The round of the as-of date's year; undefined while the as-of date is not a date. */
export function roundStatus(rb: Rulebook, asOf: string): RoundStatus | undefined {
  if (!rb.schedule.milestones?.length) return { kind: 'none', rulebook: rb.id };
  if (!isIsoDate(asOf)) return undefined;
  const timeline = roundTimeline(rb, Number(asOf.slice(0, 4)), { asOf });
  return timeline.next ? { kind: 'next', timeline, next: timeline.next } : { kind: 'allPassed', timeline };
}

/**
 * The rulebook the card follows: the one the user picked, else the one the ranking used, else the
 * first that lists milestones (the built-in rulebooks of the provinces do), else the first.
 */
export function milestoneRulebook(
  choices: { key: string; rulebook: Rulebook }[],
  picked: string | undefined,
  ranked: Rulebook | undefined,
): { key: string; rulebook: Rulebook } | undefined {
  const byKey = picked ? choices.find((c) => c.key === picked) : undefined;
  if (byKey) return byKey;
  const byRanking = ranked
    ? choices.find((c) => c.rulebook.id === ranked.id && c.rulebook.version === ranked.version)
    : undefined;
  return (
    byRanking ??
    (ranked ? { key: `ranked:${ranked.id}`, rulebook: ranked } : undefined) ??
    choices.find((c) => c.rulebook.schedule.milestones?.length) ??
    choices[0]
  );
}
