/**
 * `scorecard rank --previous <last year's ranking.json> [--unit-map <old-to-new.csv>]`: last year's
 * results beside this year's. Reads the files; the comparison itself is core (ranking/previous.ts).
 */
import { RulebookError } from '../core/rulebook/load';
import { parseUnitMap, type PreviousResult, type UnitMapRow } from '../core/ranking';
import { msg } from '../i18n';
import { previousFromJson } from '../report/json';
import { CliError, readText } from './io';

/** Last year's results and the unit map named by --previous / --unit-map; unreadable files are usage errors. */
export function previousOption(
  values: Record<string, string | boolean | undefined>,
): { results: PreviousResult[]; unitMap?: UnitMapRow[] } | undefined {
  const file = typeof values.previous === 'string' ? values.previous : undefined;
  const map = typeof values['unit-map'] === 'string' ? values['unit-map'] : undefined;
  if (!file) {
    if (map) throw new CliError(msg('cliMissingOption', { option: '--previous' }));
    return undefined;
  }
  if (!/\.json$/i.test(file)) throw new CliError(msg('previousNotARanking', { file }));
  let json: unknown;
  try {
    json = JSON.parse(readText(file));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(msg('previousNotARanking', { file }));
  }
  try {
    return {
      results: previousFromJson(json, file),
      ...(map ? { unitMap: parseUnitMap(readText(map)) } : {}),
    };
  } catch (e) {
    if (e instanceof RulebookError) throw new CliError(e.reason);
    throw e;
  }
}
