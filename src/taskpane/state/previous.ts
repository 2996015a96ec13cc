/**
 * Last year's results chosen in the ranking view: the JSON of last year's `scorecard rank --json` and
 * an optional unit map (old-to-new.csv), read into what consolidate() takes as `previous`. Pure: the
 * view reads the files' text. A file that gives nothing usable is refused with its name in both
 * languages; a unit map naming unknown units is refused by the consolidation (line and column).
 */
import { parseUnitMap, type PreviousResult, type UnitMapRow } from '../../core/ranking/previous';
import { RulebookError } from '../../core/rulebook/load';
import { msg, type Message } from '../../i18n';
import { previousFromJson } from '../../report/json';

export type PreviousState =
  | { file: string; results: PreviousResult[]; map?: { file: string; rows: UnitMapRow[] } }
  | { file: string; error: Message };

/** Last year's ranking JSON → its counted results, or why it cannot be used. */
export function previousFrom(file: string, text: string): PreviousState {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { file, error: msg('previousNotARanking', { file }) };
  }
  try {
    const results = previousFromJson(json, file);
    return results.length ? { file, results } : { file, error: msg('previousNotARanking', { file }) };
  } catch (e) {
    if (e instanceof RulebookError) return { file, error: e.reason };
    throw e;
  }
}

/** The unit map added to loaded results (a map without results has nothing to map). */
export function withUnitMap(previous: PreviousState, file: string, text: string): PreviousState {
  if ('error' in previous) return previous;
  return { ...previous, map: { file, rows: parseUnitMap(text) } };
}

/** What consolidate() takes, when results were loaded. */
export function previousOption(
  previous: PreviousState | undefined,
): { results: PreviousResult[]; unitMap?: UnitMapRow[] } | undefined {
  if (!previous || 'error' in previous) return undefined;
  return { results: previous.results, ...(previous.map ? { unitMap: previous.map.rows } : {}) };
}
