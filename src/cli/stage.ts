/** `--stage preliminary|final` of `scorecard rank`: which documents the -o workbook holds. */
import { msg } from '../i18n';
import {
  STAGES,
  stageSheets,
  summarySheet,
  type ReportSheet,
  type Stage,
  type StageOptions,
} from '../report';
import type { Rulebook } from '../core/rulebook';
import type { Ranking } from '../core/ranking';
import { CliError } from './io';

/** The stage asked for, or undefined; a usage error for an unknown stage or a stage without -o. */
export function stageOption(values: Record<string, string | boolean | undefined>): Stage | undefined {
  if (values.stage === undefined) return undefined;
  const stage = String(values.stage).trim().toLowerCase();
  if (!(STAGES as readonly string[]).includes(stage))
    throw new CliError(msg('rankBadStage', { stage: String(values.stage) }));
  if (typeof values.output !== 'string' || !values.output) throw new CliError(msg('rankStageNeedsOutput'));
  return stage as Stage;
}

/** The sheets of the -o workbook: the stage's documents, or "Tổng hợp" alone without --stage. */
export function outputSheets(
  rb: Rulebook,
  ranking: Ranking,
  stage: Stage | undefined,
  opts: StageOptions,
): ReportSheet[] {
  return stage ? stageSheets(rb, ranking, stage, opts) : [summarySheet(rb, ranking, opts)];
}
