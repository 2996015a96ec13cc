/**
 * `--reference <figures.csv|xlsx> [--tolerance <n%>]` of `scorecard rank`: reads the specialised
 * agencies' figures (Node side) and cross-checks the ranked forms against them (core/crosscheck).
 * A file that cannot be read at all is a usage error (exit 2); each bad row is a located warning and
 * the ranking runs on.
 */
import { readFileSync } from 'node:fs';
import { csvTableRows, parseTolerance, type CrossCheckResult } from '../core/crosscheck';
import type { Rulebook } from '../core/rulebook';
import type { RankingInput, Ranking } from '../core/ranking';
import { msg, t, type Message } from '../i18n';
import { crossCheckFigures, locatedIn, type ReferenceFigures } from '../consolidation';
import { readTableXlsx } from '../xlsx/table';
import { CliError } from './io';

/** The figures as read from --reference, with --tolerance. */
export type ReferenceInput = ReferenceFigures;

/** The options read before any form is: a bad tolerance or an unreadable file stops here. */
export function referenceInput(
  values: Record<string, string | boolean | undefined>,
): ReferenceInput | undefined {
  const tolText = typeof values.tolerance === 'string' ? values.tolerance : undefined;
  const tolerance = tolText === undefined ? 0 : parseTolerance(tolText);
  if (tolerance === undefined) throw new CliError(msg('crossBadTolerance', { tolerance: tolText! }));
  const file = typeof values.reference === 'string' && values.reference ? values.reference : undefined;
  if (!file) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new CliError(
      msg('cliCannotRead', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) }),
    );
  }
  if (/\.xlsx$/i.test(file)) {
    const read = readTableXlsx(bytes);
    if (!read.ok) {
      const reason = read.reason;
      throw new CliError(
        locatedIn(file, {
          vi: t('vi', 'crossNotATable', { reason: reason.vi }),
          en: t('en', 'crossNotATable', { reason: reason.en }),
        }),
      );
    }
    return { file, rows: read.rows, tolerance };
  }
  return { file, rows: csvTableRows(new TextDecoder('utf-8').decode(bytes)), tolerance };
}

/** The cross-checks of a ranking (consolidation/crosscheck.ts); a table with no usable figure is bad usage. */
export function crossCheckRanking(
  ref: ReferenceInput,
  rb: Rulebook,
  ranking: Ranking,
  inputs: RankingInput[],
): { result: CrossCheckResult; warnings: Message[] } {
  const checked = crossCheckFigures(ref, rb, ranking, inputs);
  if ('unusable' in checked) throw new CliError(checked.unusable);
  return checked;
}
