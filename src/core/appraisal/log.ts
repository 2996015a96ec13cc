/**
 * The appraisal log: a sheet "Nhật ký thẩm định" of the workbook, one row per appraisal, appended and
 * never rewritten by the add-in, so no appraised value is overwritten without a trace (the row carries
 * the value the cell held before). Pure: the columns, a row's cells, and rows read back.
 */
import type { FormMeta } from '../submission';
import { parseNumber } from '../numbers';
import { t, type MessageKey } from '../../i18n';
import type { AppraisalChannel, AppraisalLogRow, AppraiseInput } from './types';

/** The log sheet's name: an identifier the add-in finds the log by, so it is not translated. */
export const APPRAISAL_LOG_SHEET = 'Nhật ký thẩm định';

/** The columns, in order (the sheet's first row holds their Vietnamese headings). */
export const LOG_COLUMNS: readonly { key: keyof AppraisalLogRow; heading: MessageKey; width: number }[] = [
  { key: 'time', heading: 'appraisalLogTime', width: 17 },
  { key: 'body', heading: 'appraisalLogBody', width: 22 },
  { key: 'name', heading: 'appraisalLogName', width: 22 },
  { key: 'sheet', heading: 'appraisalLogSheetColumn', width: 14 },
  { key: 'unitId', heading: 'appraisalLogUnitId', width: 16 },
  { key: 'unitName', heading: 'appraisalLogUnit', width: 26 },
  { key: 'annex', heading: 'appraisalLogAnnex', width: 8 },
  { key: 'criterionId', heading: 'appraisalLogCriterion', width: 9 },
  { key: 'selfPoints', heading: 'appraisalLogSelf', width: 10 },
  { key: 'previousPoints', heading: 'appraisalLogPrevious', width: 12 },
  { key: 'points', heading: 'appraisalLogPoints', width: 10 },
  { key: 'comment', heading: 'appraisalLogComment', width: 50 },
  { key: 'channel', heading: 'appraisalLogChannel', width: 16 },
];

const CHANNEL_TEXT: Record<AppraisalChannel, MessageKey> = {
  comment: 'appraisalChannelComment',
  note: 'appraisalChannelNote',
  cell: 'appraisalChannelCell',
};

export function logHeadings(): string[] {
  return LOG_COLUMNS.map((c) => t('vi', c.heading));
}

/** "2024-10-20 14:05" in the local time of the machine the pane runs on (the reviewer's). */
export function logTime(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}`;
}

/** The log row of an appraisal of `form` (sheet and identity), given what the cell held before. */
export function logRowFor(
  input: AppraiseInput,
  form: { sheet: string; meta: FormMeta },
  previousPoints: number | undefined,
  channel: AppraisalChannel,
): AppraisalLogRow {
  return {
    time: input.time,
    body: input.reviewer.body.trim(),
    name: input.reviewer.name.trim(),
    sheet: form.sheet,
    unitId: form.meta.unitId,
    unitName: form.meta.unitName,
    annex: form.meta.annex,
    criterionId: input.criterionId,
    selfPoints: input.selfPoints,
    previousPoints,
    points: input.points ?? previousPoints,
    comment: input.comment.trim(),
    channel,
  };
}

/** A row's cells: numbers stay numbers, a missing number is an empty cell, the channel in words. */
export function logRowValues(row: AppraisalLogRow): (string | number)[] {
  return LOG_COLUMNS.map(({ key }) => {
    if (key === 'channel') return t('vi', CHANNEL_TEXT[row.channel]);
    const v = row[key];
    return v === undefined ? '' : v;
  });
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const points = (v: unknown) => {
  const n = parseNumber(v);
  return n !== undefined && Number.isFinite(n) ? n : undefined;
};

function channelOf(v: unknown): AppraisalChannel {
  const s = text(v).trim().toLowerCase();
  for (const [channel, key] of Object.entries(CHANNEL_TEXT) as [AppraisalChannel, MessageKey][])
    if (s === t('vi', key).toLowerCase() || s === t('en', key).toLowerCase() || s === channel) return channel;
  return 'cell';
}

/** Rows read back from the log sheet's values (the heading row and blank rows are skipped). */
export function parseLogRows(values: readonly (readonly unknown[])[]): AppraisalLogRow[] {
  const heading = t('vi', LOG_COLUMNS[0].heading);
  const col = (key: keyof AppraisalLogRow) => LOG_COLUMNS.findIndex((c) => c.key === key);
  const rows: AppraisalLogRow[] = [];
  for (const r of values) {
    const cell = (key: keyof AppraisalLogRow) => r[col(key)];
    if (text(r[0]).trim() === heading) continue;
    const criterionId = text(cell('criterionId')).trim();
    if (!criterionId) continue;
    rows.push({
      time: text(cell('time')),
      body: text(cell('body')),
      name: text(cell('name')),
      sheet: text(cell('sheet')),
      unitId: text(cell('unitId')),
      unitName: text(cell('unitName')),
      annex: text(cell('annex')),
      criterionId,
      selfPoints: points(cell('selfPoints')),
      previousPoints: points(cell('previousPoints')),
      points: points(cell('points')),
      comment: text(cell('comment')),
      channel: channelOf(cell('channel')),
    });
  }
  return rows;
}

/** The log's rows about one form: its sheet, and its unit and annex (a form renamed since is still found by identity). */
export function rowsOfForm(
  rows: AppraisalLogRow[],
  form: { sheet: string; meta: FormMeta },
): AppraisalLogRow[] {
  return rows.filter(
    (r) =>
      (r.unitId === form.meta.unitId && r.annex === form.meta.annex) || (r.sheet === form.sheet && !r.unitId),
  );
}
