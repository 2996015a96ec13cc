/**
 * Appraisal in Excel, so the council's points stay beside the unit's own: the reviewer's points and remark go
 * into the form's APPR_/APPRNOTE_ cells, a threaded comment on the criterion's self-score cell (PT_), and a
 * row of the "Nhật ký thẩm định" sheet; comments, their replies and resolved state, and the log are read back
 * for the pane.
 *
 * Where threaded comments are missing (ExcelApi 1.10) the remark goes to the APPRNOTE_ cell alone;
 * where Excel refuses them at run time (builds that answer "not implemented", a sheet protected with a
 * password), to a note on the PT_ cell (ExcelApi 1.18) or the APPRNOTE_ cell alone — the result says
 * which. Decisions are pure (core/appraisal); this file only queues and syncs. Every sync is listed in
 * docs/appraisal.md: appraise reads in one sync and writes in the next; the read-back takes one sync,
 * two when the sheet has comments or notes (their cells are known only once they are loaded).
 */
import type { FormMeta } from '../form/types';
import { formName } from '../form/names';
import {
  APPRAISAL_LOG_SHEET,
  LOG_COLUMNS,
  appendToNote,
  commentText,
  logHeadings,
  logRowFor,
  logRowValues,
  noteCellText,
  parseLogRows,
  rowsOfForm,
  splitNote,
  threadMessage,
  type AppraisalChannel,
  type AppraisalLogRow,
  type AppraisalRead,
  type AppraisalThread,
  type AppraiseInput,
  type AppraiseResult,
  type ChannelReason,
} from '../core/appraisal';
import { parseNumber } from '../core/numbers';
import { msg } from '../i18n';
import { columnName, parseCell, parseReference } from './a1';
import { textConstant } from './cells';
import { ExcelHostError, type Requirements } from './capabilities';

/** Excel.run or its double (same shape as ExcelHost's runner). */
export type Runner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The form an appraisal is about: as the last readActive found it. */
export interface FormTarget {
  sheetName: string;
  meta: FormMeta;
  /** Defined name → A1 address on the form sheet. */
  addresses: Record<string, string>;
}

/** What the host remembers between calls. */
export interface AppraisalState {
  /** Excel refused a threaded comment in this session: later appraisals go straight to the fallback. */
  commentsFailed?: string;
  /** Self-score cells known to carry a thread ("Sheet!F12"): the next remark there is a reply. */
  threadCells?: Set<string>;
}

/** ExcelApi versions of the features used here. */
export const APPRAISAL_API = {
  comments: '1.10',
  resolved: '1.11',
  notes: '1.18',
  freezePanes: '1.7',
} as const;

function has(req: Requirements | undefined, version: string): boolean {
  try {
    return !!req && req.isSetSupported('ExcelApi', version) === true;
  } catch {
    return false;
  }
}

/** Where this Excel puts a remark, and why not in a threaded comment. */
export function appraisalChannel(
  req: Requirements | undefined,
  state: AppraisalState,
): { channel: AppraisalChannel; reason?: ChannelReason; detail?: string } {
  if (!has(req, APPRAISAL_API.comments)) return { channel: 'cell', reason: 'commentsUnsupported' };
  if (state.commentsFailed !== undefined)
    return {
      channel: has(req, APPRAISAL_API.notes) ? 'note' : 'cell',
      reason: 'commentsFailed',
      detail: state.commentsFailed,
    };
  return { channel: 'comment' };
}

const cellKey = (sheet: string, address: string) => `${sheet.toLowerCase()}!${address.toUpperCase()}`;
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function cellsOf(target: FormTarget, criterionId: string) {
  const names = {
    pt: formName.points(criterionId),
    appr: formName.appraisal(criterionId),
    note: formName.appraisalNote(criterionId),
  };
  const missing = Object.values(names).find((n) => !target.addresses[n]);
  if (missing)
    throw new ExcelHostError(
      msg('appraisalCellMissing', { name: missing, criterion: criterionId, sheet: target.sheetName }),
      'unexpected',
    );
  return {
    pt: target.addresses[names.pt],
    appr: target.addresses[names.appr],
    note: target.addresses[names.note],
  };
}

/**
 * The log sheet's used range, read in the batch of `queue`. `getItemOrNullObject(...).getUsedRangeOrNullObject()`
 * is a call on a possibly null object; should this Excel refuse that, the batch is sent again without
 * it, with the sheet list: the log is then absent, or the original error stands (as in ExcelHost.survey).
 */
async function syncWithLog<Q>(
  ctx: Excel.RequestContext,
  queue: (log: 'usedRange' | 'sheetList') => Q & { log?: Excel.Range; sheets?: Excel.WorksheetCollection },
): Promise<{ q: Q; log?: { values: unknown[][]; firstRow: number; lastRow: number } }> {
  let q = queue('usedRange');
  try {
    await ctx.sync();
  } catch (error) {
    q = queue('sheetList');
    await ctx.sync();
    if (q.sheets!.items.some((s) => s.name.toLowerCase() === APPRAISAL_LOG_SHEET.toLowerCase())) throw error;
    return { q };
  }
  const range = q.log && !q.log.isNullObject ? q.log : undefined;
  if (!range) return { q };
  const at = parseReference(range.address);
  const firstRow = at ? at.row : 0;
  return { q, log: { values: range.values, firstRow, lastRow: firstRow + range.values.length - 1 } };
}

function queueLogRead(ctx: Excel.RequestContext, mode: 'usedRange' | 'sheetList') {
  const wb = ctx.workbook;
  return mode === 'usedRange'
    ? {
        log: wb.worksheets
          .getItemOrNullObject(APPRAISAL_LOG_SHEET)
          .getUsedRangeOrNullObject(true)
          .load('address,values'),
      }
    : { sheets: wb.worksheets.load('items/name') };
}

type Variant = 'add' | 'reply' | 'note' | 'cell';

/**
 * Record one appraisal. Sync 1 reads what the cells hold (the previous appraised value goes into the
 * log), the log's last row, the sheet's protection and an existing note; sync 2 writes the cells, the
 * log row and the comment in one batch, the comment last. Only when Excel refuses the comment does it
 * cost more: the next variant (a reply where the cell turned out to hold a thread, a note, the cell
 * alone) is sent again with the same cells and log row, which are idempotent.
 */
export async function appraiseInExcel(
  run: Runner,
  req: Requirements | undefined,
  state: AppraisalState,
  target: FormTarget,
  input: AppraiseInput,
): Promise<AppraiseResult> {
  const cells = cellsOf(target, input.criterionId);
  const plan = appraisalChannel(req, state);
  const notes = has(req, APPRAISAL_API.notes);
  const ptKey = cellKey(target.sheetName, cells.pt);

  return run(async (ctx) => {
    const wb = ctx.workbook;
    // Sync 1: the cells, the protection, an existing note, the log.
    const { q, log } = await syncWithLog(ctx, (mode) => {
      const sheet = wb.worksheets.getItem(target.sheetName);
      return {
        appr: sheet.getRange(cells.appr).load('values'),
        note: sheet.getRange(cells.note).load('values'),
        protection: sheet.protection.load('protected,options'),
        existingNote:
          notes && plan.channel !== 'cell'
            ? sheet.notes.getItemOrNullObject(cells.pt).load('content')
            : undefined,
        ...queueLogRead(ctx, mode),
      };
    });
    const previousPoints = parseNumber(q.appr.values[0][0]);
    const previousNote = String(q.note.values[0][0] ?? '');
    const wasProtected = q.protection.protected;
    const protectionOptions = wasProtected ? q.protection.options : undefined;
    const noteText = q.existingNote && !q.existingNote.isNullObject ? q.existingNote.content : undefined;
    let logExists =
      log !== undefined ||
      (q as { sheets?: Excel.WorksheetCollection }).sheets?.items.some(
        (s) => s.name === APPRAISAL_LOG_SHEET,
      ) === true;
    const pastRows = log ? parseLogRows(log.values) : [];
    const hadThread =
      state.threadCells?.has(ptKey) === true ||
      rowsOfForm(pastRows, { sheet: target.sheetName, meta: target.meta }).some(
        (r) => r.criterionId === input.criterionId && r.channel === 'comment',
      );
    // 0-based row of the new log row: below the used range, or under the heading of a new log.
    const rowIndex = log ? log.lastRow + 1 : 1;

    const variants: Variant[] =
      plan.channel === 'comment'
        ? [
            hadThread ? 'reply' : 'add',
            hadThread ? 'add' : 'reply',
            ...(notes ? (['note'] as const) : []),
            'cell',
          ]
        : plan.channel === 'note'
          ? ['note', 'cell']
          : ['cell'];
    const text = commentText(input.reviewer, {
      points: input.points,
      max: input.max,
      selfPoints: input.selfPoints,
      comment: input.comment,
    });

    let protectedNow = wasProtected;
    let firstError: unknown;
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[i];
      if (i > 0 && (wasProtected || !logExists)) {
        // A refused batch stops at the refused command: read what it left (unprotected sheet, new log).
        const sheet = wb.worksheets.getItem(target.sheetName);
        const p = wasProtected ? sheet.protection.load('protected') : undefined;
        const l = !logExists
          ? wb.worksheets.getItemOrNullObject(APPRAISAL_LOG_SHEET).load('name')
          : undefined;
        await ctx.sync();
        if (p) protectedNow = p.protected;
        if (l) logExists = !l.isNullObject;
      }
      const channel: AppraisalChannel = variant === 'add' || variant === 'reply' ? 'comment' : variant;
      const row = logRowFor(input, { sheet: target.sheetName, meta: target.meta }, previousPoints, channel);

      const sheet = wb.worksheets.getItem(target.sheetName);
      // The form's cells (unlocked on the protected form).
      if (input.points !== undefined) sheet.getRange(cells.appr).values = [[input.points]];
      if (input.comment.trim())
        sheet.getRange(cells.note).values = [[textConstant(noteCellText(input.reviewer, input.comment))]];
      // The log row (and the log itself the first time).
      const logSheet = logExists
        ? wb.worksheets.getItem(APPRAISAL_LOG_SHEET)
        : wb.worksheets.add(APPRAISAL_LOG_SHEET);
      if (!logExists || !log) queueLogHeading(logSheet, has(req, APPRAISAL_API.freezePanes));
      const last = columnName(LOG_COLUMNS.length - 1);
      logSheet.getRange(`A${rowIndex + 1}:${last}${rowIndex + 1}`).values = [
        logRowValues(row).map((v) => (typeof v === 'string' ? textConstant(v) : v)),
      ];
      // The comment or note last: if Excel refuses it, everything above is in place.
      if (variant !== 'cell') {
        if (protectedNow) sheet.protection.unprotect();
        const pt = sheet.getRange(cells.pt);
        if (variant === 'add') wb.comments.add(pt, text);
        else if (variant === 'reply') wb.comments.getItemByCell(pt).replies.add(text);
        else if (noteText !== undefined) sheet.notes.getItem(cells.pt).content = appendToNote(noteText, text);
        else sheet.notes.add(pt, text);
      }
      if (wasProtected && (variant !== 'cell' ? true : !protectedNow))
        sheet.protection.protect(protectionOptions);
      try {
        await ctx.sync();
      } catch (error) {
        firstError ??= error;
        if (variant === 'cell') throw error;
        continue;
      }
      if (channel === 'comment') (state.threadCells ??= new Set()).add(ptKey);
      const fellBack = plan.channel === 'comment' && channel !== 'comment';
      if (fellBack) state.commentsFailed = errorText(firstError);
      const reason = fellBack ? 'commentsFailed' : plan.reason;
      const detail = fellBack ? errorText(firstError) : plan.detail;
      return {
        channel,
        ...(reason ? { reason } : {}),
        ...(detail !== undefined ? { detail } : {}),
        previous: {
          ...(previousPoints !== undefined && Number.isFinite(previousPoints)
            ? { points: previousPoints }
            : {}),
          ...(previousNote ? { note: previousNote } : {}),
        },
        log: row,
        logRowNumber: rowIndex + 1,
      };
    }
    throw firstError;
  });
}

/** The heading row of a new log: bold, column widths, frozen. */
function queueLogHeading(sheet: Excel.Worksheet, freeze: boolean): void {
  const last = columnName(LOG_COLUMNS.length - 1);
  const heading = sheet.getRange(`A1:${last}1`);
  heading.values = [logHeadings().map((h) => textConstant(h))];
  heading.format.font.bold = true;
  LOG_COLUMNS.forEach((c, i) => {
    const col = columnName(i);
    sheet.getRange(`${col}1`).format.columnWidth = (c.width * 7 + 5) * 0.75; // characters → points
  });
  if (freeze) sheet.freezePanes.freezeRows(1);
}

/**
 * The comment threads (or notes) on the self-score cells of `criterionIds`, and the log rows of this
 * form. Sync 1: the sheet's comments (with resolved state from ExcelApi 1.11) and notes, and the log;
 * sync 2, only when the sheet has comments or notes: their replies and cells.
 */
export async function readAppraisalsInExcel(
  run: Runner,
  req: Requirements | undefined,
  state: AppraisalState,
  target: FormTarget,
  criterionIds: string[],
): Promise<AppraisalRead> {
  const ptToCriterion = new Map<string, string>();
  for (const id of criterionIds) {
    const address = target.addresses[formName.points(id)];
    if (address) ptToCriterion.set(address.toUpperCase(), id);
  }
  const resolved = has(req, APPRAISAL_API.resolved);
  const commentProps = `items/id,items/content,items/authorName,items/creationDate${resolved ? ',items/resolved' : ''}`;

  return run(async (ctx) => {
    const wb = ctx.workbook;
    const queue = (withThreads: boolean) => (mode: 'usedRange' | 'sheetList') => {
      const plan = appraisalChannel(req, state);
      const sheet = wb.worksheets.getItem(target.sheetName);
      return {
        // eslint-disable-next-line office-addins/no-empty-load -- the rule cannot see a named property list
        comments: withThreads && plan.channel === 'comment' ? sheet.comments.load(commentProps) : undefined,
        notes:
          withThreads && has(req, APPRAISAL_API.notes)
            ? sheet.notes.load('items/content,items/authorName')
            : undefined,
        ...queueLogRead(ctx, mode),
      };
    };
    let first: {
      q: { comments?: Excel.CommentCollection; notes?: Excel.NoteCollection };
      log?: { values: unknown[][] };
    };
    try {
      first = await syncWithLog(ctx, queue(true));
    } catch (error) {
      // An Excel that lists comments but cannot read them: read the log alone, and say so.
      if (appraisalChannel(req, state).channel !== 'comment') throw error;
      state.commentsFailed = errorText(error);
      first = await syncWithLog(ctx, queue(false));
    }
    const { q, log } = first;
    const comments = q.comments?.items ?? [];
    const notes = q.notes?.items ?? [];

    // Sync 2: where each comment and note is, and the replies.
    const threads: Record<string, AppraisalThread> = {};
    if (comments.length || notes.length) {
      const commentReads = comments.map((c) => ({
        c,
        replies: c.replies.load('items/id,items/content,items/authorName,items/creationDate'),
        at: c.getLocation().load('address'),
      }));
      const noteReads = notes.map((n) => ({ n, at: n.getLocation().load('address') }));
      await ctx.sync();
      const criterionAt = (address: string) => {
        const ref = parseReference(address);
        const cell = ref ?? parseCell(address.replace(/^.*!/, ''));
        if (!cell || (ref && ref.sheet.toLowerCase() !== target.sheetName.toLowerCase())) return undefined;
        return ptToCriterion.get(`${columnName(cell.col)}${cell.row + 1}`);
      };
      for (const { n, at } of noteReads) {
        const id = criterionAt(at.address);
        if (id) threads[id] = { criterionId: id, kind: 'note', messages: splitNote(n.authorName, n.content) };
      }
      // A threaded comment wins over a note on the same cell (Excel allows only one of them per cell).
      for (const { c, replies, at } of commentReads) {
        const id = criterionAt(at.address);
        if (!id) continue;
        const date = (d: unknown) => (d instanceof Date ? d.toISOString() : d ? String(d) : undefined);
        threads[id] = {
          criterionId: id,
          kind: 'comment',
          ...(resolved ? { resolved: c.resolved } : {}),
          messages: [
            threadMessage(c.authorName, c.content, date(c.creationDate)),
            ...replies.items.map((r) => threadMessage(r.authorName, r.content, date(r.creationDate))),
          ],
        };
        (state.threadCells ??= new Set()).add(
          cellKey(target.sheetName, target.addresses[formName.points(id)]),
        );
      }
    }
    const plan = appraisalChannel(req, state);
    const rows: AppraisalLogRow[] = log
      ? rowsOfForm(parseLogRows(log.values), { sheet: target.sheetName, meta: target.meta })
      : [];
    return { channel: plan.channel, ...(plan.reason ? { reason: plan.reason } : {}), threads, log: rows };
  });
}

/** The selected cell (top-left of the selection) and its sheet. One sync. */
export async function selectedCellInExcel(
  run: Runner,
): Promise<{ sheetName: string; address: string } | undefined> {
  return run(async (ctx) => {
    const range = ctx.workbook.getSelectedRange().load('address');
    await ctx.sync();
    const ref = parseReference(range.address);
    return ref ? { sheetName: ref.sheet, address: `${columnName(ref.col)}${ref.row + 1}` } : undefined;
  });
}
