/**
 * `scorecard round --rulebook <id|path> [--year <yyyy>] [--as-of <date>] [--json]`: the milestones of
 * a year's round (rulebook schedule.milestones) with their due dates in working days, and what is due
 * next on the as-of date (default today). Exit 0; 2 on bad usage.
 */
import { localDate, parseDate } from '../core/ranking/dates';
import { roundTimeline } from '../core/round/timeline';
import { msg } from '../i18n';
import { timelineJson, timelineText } from '../report/round';
import { CliError, resolveRulebook } from './io';
import { parseOptions, parseYear, requiredOption } from './args';

export function roundCommand(args: string[], io: { out: (text: string) => void }): number {
  const { values } = parseOptions(args, {
    rulebook: { type: 'string' },
    year: { type: 'string' },
    'as-of': { type: 'string' },
  });
  const rb = resolveRulebook(requiredOption(values, 'rulebook'));
  const asOfText = typeof values['as-of'] === 'string' ? values['as-of'] : localDate(new Date());
  const asOf = parseDate(asOfText);
  if (!asOf) throw new CliError(msg('rankBadDate', { date: asOfText }));
  const year = typeof values.year === 'string' ? parseYear(values.year) : Number(asOf.slice(0, 4));
  const timeline = roundTimeline(rb, year, { asOf });
  io.out(values.json ? JSON.stringify(timelineJson(timeline), null, 2) : timelineText(timeline, rb.title));
  return 0;
}
