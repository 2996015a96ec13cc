/**
 * Appraisal (thẩm định): what a reviewer of the appraisal council sets for one criterion of a unit's
 * form, how it is recorded in the workbook, and what the pane reads back. Pure data; the hosts write
 * and read it (excel/appraisal.ts, xlsx/comments.ts).
 */
import type { Appraisal } from '../submission';

/** The reviewer as the pane's setting remembers them: the council member's agency and name. */
export interface Reviewer {
  /** e.g. "Sở Nội vụ" */
  body: string;
  /** e.g. "Nguyễn Thị Bông" */
  name: string;
}

/**
 * Where the reviewer's remark went besides the APPR_/APPRNOTE_ cells: a threaded comment on the
 * criterion's self-score cell (ExcelApi 1.10), a note on it (ExcelApi 1.18, when threaded comments
 * are refused), or the APPRNOTE_ cell alone.
 */
export type AppraisalChannel = 'comment' | 'note' | 'cell';

/** Why the channel is not a threaded comment. */
export type ChannelReason =
  /** this Excel has no ExcelApi 1.10 */
  | 'commentsUnsupported'
  /** Excel refused the comment (a build without comments, a protected sheet with a password, …) */
  | 'commentsFailed';

/** One appraisal as the pane asks the host to record it. */
export interface AppraiseInput {
  criterionId: string;
  /** The form sheet the caller read; the host refuses to write when its last read was another form. */
  sheetName?: string;
  /** Appraised points, already validated 0..max (points.ts); undefined: a remark only, the number stays. */
  points?: number;
  /** The reviewer's remark; may be empty when points are given. */
  comment: string;
  reviewer: Reviewer;
  /** The unit's own points for the criterion, as the engine computes them from the form's entries. */
  selfPoints: number;
  /** The criterion's maximum (for the comment text). */
  max: number;
  /** When the appraisal was made, as written in the log ("2024-10-20 14:05"; see logTime). */
  time: string;
}

/** One row of the "Nhật ký thẩm định" sheet. */
export interface AppraisalLogRow {
  time: string;
  body: string;
  name: string;
  /** The form sheet the appraisal was made on. */
  sheet: string;
  unitId: string;
  unitName: string;
  annex: string;
  criterionId: string;
  /** The unit's self-assessed points at the time. */
  selfPoints?: number;
  /** The appraised points the cell held before (undefined: none). */
  previousPoints?: number;
  /** The appraised points after this appraisal (undefined: none). */
  points?: number;
  comment: string;
  channel: AppraisalChannel;
}

export interface AppraiseResult {
  channel: AppraisalChannel;
  reason?: ChannelReason;
  /** Excel's own words when it refused the comment. */
  detail?: string;
  /** What the APPR_/APPRNOTE_ cells held before. */
  previous: Appraisal;
  /** The row appended to the log, and its 1-based row number on the log sheet. */
  log: AppraisalLogRow;
  logRowNumber: number;
}

/** One message of a thread: the comment itself or a reply. */
export interface ThreadMessage {
  /** As Excel records it (the signed-in user who wrote it; for notes the note's author). */
  author: string;
  /** ISO date, when the file or Excel says. */
  created?: string;
  /** The full text. */
  text: string;
  /** The reviewer named in the "[Thẩm định – …] …:" header, when the message has one. */
  reviewer?: Reviewer;
  /** The text after the header (the whole text when there is none). */
  body: string;
}

/** The comment thread (or note) on a criterion's self-score cell. */
export interface AppraisalThread {
  criterionId: string;
  kind: 'comment' | 'note';
  /** Threads only, ExcelApi 1.11+ or a file's `done` flag. */
  resolved?: boolean;
  /** The comment first, then its replies in order. */
  messages: ThreadMessage[];
}

/** What the pane reads back about a form's appraisals. */
export interface AppraisalRead {
  /** Where the next appraisal's remark would go on this Excel. */
  channel: AppraisalChannel;
  reason?: ChannelReason;
  /** Criterion id → the thread or note on its self-score cell. */
  threads: Record<string, AppraisalThread>;
  /** Rows of the log about this form (its sheet), oldest first. */
  log: AppraisalLogRow[];
}
