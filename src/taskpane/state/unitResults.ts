/**
 * Each unit's result from the pane, as a download: one .xlsx per unit (sheet "Kết quả", the same
 * workbook and file name as `scorecard results`), several packed into one .zip. Loaded as its own chunk
 * ("unit-results": the .xlsx writer and the zip packer) only when the user asks for the files; nothing
 * leaves the machine. The workbook that is open is not touched: these files go to the units.
 */
import { zipSync } from 'fflate';
import { submissionOf } from '../../core/crosscheck/compare';
import type { Ranking, RankingInput } from '../../core/ranking/types';
import type { Rulebook } from '../../core/rulebook/schema';
import type { Lang } from '../../i18n';
import { unitResultSheet } from '../../report/result';
import { resultFileNames } from '../../report/resultFiles';
import { writeRankingXlsx } from '../../report/xlsx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ResultDownload {
  /** The file to save: a unit's .xlsx when there is one unit, else a .zip of them all. */
  file: string;
  type: string;
  bytes: Uint8Array;
  /** The result workbooks, by file name. */
  files: string[];
}

/**
 * The result workbooks of every unit the ranking read; the council's remarks come from the forms read
 * (`inputs`), when given. Undefined when no unit has a readable form. `yieldToUi` runs between units so
 * that the pane stays responsive while dozens of workbooks are written.
 */
export async function resultDownload(
  rb: Rulebook,
  ranking: Ranking,
  opts: { lang: Lang; inputs?: RankingInput[]; yieldToUi?: () => Promise<void> },
): Promise<ResultDownload | undefined> {
  const made: { file: string; bytes: Uint8Array }[] = [];
  for (const { table, entry, name } of resultFileNames(ranking)) {
    const appraisals = opts.inputs && submissionOf(opts.inputs, table, entry)?.appraisals;
    const sheet = unitResultSheet(rb, ranking, table, entry, {
      lang: opts.lang,
      ...(appraisals ? { appraisals } : {}),
    });
    made.push({ file: `${name}.xlsx`, bytes: await writeRankingXlsx(sheet) });
    await opts.yieldToUi?.();
  }
  if (!made.length) return undefined;
  const files = made.map((m) => m.file);
  if (made.length === 1) return { file: made[0].file, type: XLSX_TYPE, bytes: made[0].bytes, files };
  // .xlsx is already deflated: stored entries (level 0) pack as small and much faster.
  const zip = zipSync(Object.fromEntries(made.map((m) => [m.file, [m.bytes, { level: 0 }]])));
  return {
    file: `ketqua_${rb.id}_${ranking.asOf ?? 'don-vi'}.zip`,
    type: 'application/zip',
    bytes: zip,
    files,
  };
}
