/** `--stage preliminary|final` of `scorecard rank`: which documents the -o workbook holds. */
import { msg } from '../i18n';
import { STAGES, type Stage } from '../report';
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
