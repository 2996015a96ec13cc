/**
 * `scorecard rank --previous <last year's ranking .json | .xlsx> [--unit-map <old-to-new.csv>]`: last
 * year's results beside this year's. Reads the files; the comparison itself is core (ranking/previous.ts).
 * The .json is last year's `rank --json`; the .xlsx last year's `rank -o` workbook, whose very hidden
 * results sheet (report/results-sheet.ts) holds the same results.
 */
import { RulebookError } from '../core/rulebook/load';
import { parseUnitMap, type PreviousResult, type UnitMapRow } from '../core/ranking';
import { msg } from '../i18n';
import { previousFromJson } from '../report/json';
import { previousFromWorkbook } from '../xlsx/previous';
import { CliError, readBytes, readText } from './io';

/** Last year's results from its ranking .json; a file that is no JSON is not a ranking. */
function fromJson(file: string): PreviousResult[] {
  let json: unknown;
  try {
    json = JSON.parse(readText(file).replace(/^\uFEFF/, ''));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(msg('previousNotARanking', { file }));
  }
  return previousFromJson(json, file);
}

/** Last year's results from its ranking workbook (its very hidden results sheet, by the fast reader). */
function fromXlsx(file: string): PreviousResult[] {
  return previousFromWorkbook(readBytes(file), file);
}

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
  const xlsx = /\.xlsx$/i.test(file);
  if (!xlsx && !/\.json$/i.test(file)) throw new CliError(msg('previousNotAFile', { file }));
  try {
    return {
      results: xlsx ? fromXlsx(file) : fromJson(file),
      ...(map ? { unitMap: parseUnitMap(readText(map)) } : {}),
    };
  } catch (e) {
    if (e instanceof RulebookError) throw new CliError(e.reason);
    throw e;
  }
}
