/**
 * Last year's results chosen in the ranking view: the JSON of last year's `scorecard rank --json`, or
 * last year's ranking workbook (the .xlsx of `scorecard rank -o`, or a workbook the pane's ranking
 * button wrote into and the user saved), and an optional unit map (old-to-new.csv), read into what
 * consolidate() takes as `previous`. The view reads the files' bytes; a workbook's results sheet is
 * read by the command line's own reader (xlsx/previous.ts), loaded only when a workbook is chosen. A
 * file that gives nothing usable is refused with its name in both languages, with the command line's
 * reasons; a unit map naming unknown units is refused by the consolidation (line and column).
 */
import { parseUnitMap, type PreviousResult, type UnitMapRow } from '../../core/ranking/previous';
import { RulebookError } from '../../core/rulebook/load';
import { msg, type Message, type MessageKey } from '../../i18n';
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
  return stateOf(file, () => previousFromJson(json, file), 'previousNotARanking');
}

/** The results `read` gives, or why they cannot be used (none counted is a reason too). */
function stateOf(file: string, read: () => PreviousResult[], none: MessageKey): PreviousState {
  try {
    const results = read();
    return results.length ? { file, results } : { file, error: msg(none, { file }) };
  } catch (e) {
    if (e instanceof RulebookError) return { file, error: e.reason };
    throw e;
  }
}

/** A zip archive (an .xlsx) starts with a local file header, "PK\x03\x04"; JSON never does. */
const isZip = (bytes: Uint8Array) =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Last year's results from a chosen file: a ranking workbook (by its content or name), else its JSON. */
export async function previousFromFile(file: string, bytes: Uint8Array): Promise<PreviousState> {
  if (!isZip(bytes) && !/\.xlsx$/i.test(file)) return previousFrom(file, new TextDecoder().decode(bytes));
  // The reader is the ranking's own chunk: the pane's first screen carries none of it.
  const { previousFromWorkbook } = await import(/* webpackChunkName: "xlsx-reader" */ '../../xlsx/previous');
  return stateOf(file, () => previousFromWorkbook(bytes, file), 'previousXlsxNoResults');
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
