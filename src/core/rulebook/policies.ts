/**
 * The rulebook's policies as the ranking applies them. Older rulebooks (and forms that carry them) spell
 * the late and unsent policies as the schedule's booleans; the newer `policies` fields win.
 */
import type { Annex, Assumption, LatePolicy, Rulebook, UnsentPolicy } from './schema';
import { msg, t, type Message } from '../../i18n';

export function latePolicy(rb: Rulebook): LatePolicy {
  return rb.policies.late ?? (rb.schedule.lateNotRanked === false ? 'ranked' : 'notRanked');
}

export function unsentPolicy(rb: Rulebook): UnsentPolicy {
  return rb.policies.unsent ?? (rb.schedule.missingRankedLast ? 'rankedLast' : 'notRanked');
}

/** The assumptions that concern an annex (those without annexes concern every annex). */
export function assumptionsFor(rb: Rulebook, annex?: Annex | string): Assumption[] {
  const code = typeof annex === 'string' ? annex : annex?.code;
  return rb.assumptions.filter((a) => !a.annexes || code === undefined || a.annexes.includes(code));
}

/** The reconstruction notice, naming what this rulebook's reconstructed criteria are modelled on. */
export function reconstructionNotice(rb: Rulebook): Message {
  const from = rb.reconstructedFrom;
  return from
    ? {
        vi: t('vi', 'reconstructedNoticeFrom', { source: from.vi }),
        en: t('en', 'reconstructedNoticeFrom', { source: from.en }),
      }
    : msg('reconstructedNotice');
}
