/**
 * The documents of a stage from the ranking button: the stage's sheets (report/stages.ts, the same as
 * `scorecard rank --stage … -o`) written into the open workbook through the host's report writer,
 * which replaces the consolidation sheets it wrote before (preliminary: the council's "Tổng hợp";
 * final: "Tổng hợp", "Phụ lục Quyết định", "Đề nghị khen thưởng"). Pure apart from the host call.
 */
import type { Ranking } from '../../core/ranking/types';
import type { Rulebook } from '../../core/rulebook/schema';
import type { WorkbookHost } from '../../host/types';
import type { Lang, Message } from '../../i18n';
import type { Stage } from '../../report/stages';
import { consolidationSheets } from '../../consolidation/consolidate';
import { errorMessage } from './errors';

export type StageWrite =
  | { stage: Stage; sheetNames: string[] }
  | { stage: Stage; error: Message }
  /** A host without a report writer (the pane outside Excel). */
  | { stage: Stage; unavailable: true };

export async function writeStageDocuments(
  host: Pick<WorkbookHost, 'writeReport'>,
  rb: Rulebook,
  ranking: Ranking,
  stage: Stage,
  opts: { lang: Lang; asOf?: string },
): Promise<StageWrite> {
  if (!host.writeReport) return { stage, unavailable: true };
  try {
    const sheets = consolidationSheets(rb, ranking, {
      stage,
      lang: opts.lang,
      ...(opts.asOf ? { asOf: opts.asOf } : {}),
    });
    const { sheetNames } = await host.writeReport(sheets);
    return { stage, sheetNames };
  } catch (e) {
    return { stage, error: errorMessage(e) };
  }
}
