/** `scorecard score`: one annex, one entries file → breakdown and issues. */
import { findAnnex, type Annex, type Rulebook } from '../core/rulebook';
import { score, validate, isUnfinished, type Entries } from '../core/scoring';
import { msg } from '../i18n';
import { CliError, readJson, resolveRulebook, type Io } from './io';
import { parseOptions, requiredOption } from './args';
import { formatReport, scoreReport, type ScoreReport } from './score-report';

export function readEntries(file: string): Entries {
  const json = readJson(file);
  if (
    !json ||
    typeof json !== 'object' ||
    Array.isArray(json) ||
    Object.values(json).some((v) => !v || typeof v !== 'object' || Array.isArray(v))
  )
    throw new CliError(msg('cliBadEntries', { file }));
  return json as Entries;
}

export function runScore(
  rb: Rulebook,
  annexCode: string,
  entriesFile: string,
): { report: ScoreReport; annex: Annex; failed: boolean } {
  const annex = findAnnex(rb, annexCode);
  const entries = readEntries(entriesFile);
  const issues = validate(annex, entries);
  return {
    report: scoreReport(rb, annex, score(annex, entries), issues),
    annex,
    failed: isUnfinished(issues),
  };
}

export function scoreCommand(args: string[], io: Io): number {
  const { values } = parseOptions(args, {
    rulebook: { type: 'string' },
    annex: { type: 'string' },
    entries: { type: 'string' },
  });
  const rb = resolveRulebook(requiredOption(values, 'rulebook'));
  const { report, annex, failed } = runScore(
    rb,
    requiredOption(values, 'annex'),
    requiredOption(values, 'entries'),
  );
  io.out(values.json ? JSON.stringify(report, null, 2) : formatReport(report, annex));
  return failed ? 1 : 0;
}
