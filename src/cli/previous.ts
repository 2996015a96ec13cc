/**
 * `scorecard rank --previous <last year's ranking.json> [--unit-map <old-to-new.csv>]`: last year's
 * results beside this year's. Reads the files; the comparison itself is core (ranking/previous.ts).
 */
import type { Rulebook } from '../core/rulebook';
import { RulebookError } from '../core/rulebook/load';
import { parseUnitMap, withPrevious, type Ranking } from '../core/ranking';
import { msg } from '../i18n';
import { previousFromJson } from '../report/json';
import { CliError, readText } from './io';

/** The ranking compared with last year's when --previous is given; bad input is a usage error. */
export function withPreviousOption(
  values: Record<string, string | boolean | undefined>,
  rb: Rulebook,
  ranking: Ranking,
): Ranking {
  const file = typeof values.previous === 'string' ? values.previous : undefined;
  const map = typeof values['unit-map'] === 'string' ? values['unit-map'] : undefined;
  if (!file) {
    if (map) throw new CliError(msg('cliMissingOption', { option: '--previous' }));
    return ranking;
  }
  if (!/\.json$/i.test(file)) throw new CliError(msg('previousNotARanking', { file }));
  try {
    let json: unknown;
    try {
      json = JSON.parse(readText(file));
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(msg('previousNotARanking', { file }));
    }
    return withPrevious(rb, ranking, previousFromJson(json, file), map ? parseUnitMap(readText(map)) : []);
  } catch (e) {
    if (e instanceof RulebookError) throw new CliError(e.reason);
    throw e;
  }
}
