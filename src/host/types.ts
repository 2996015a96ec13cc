/**
 * The workbook host interface the task pane talks to. The Office.js host (src/excel) implements it for
 * Excel; the browser tests implement it with a scripted double. The pane never calls Office.js directly.
 */
import type { FormMeta, SheetPlan } from '../form/types';
import type { AppraisalRead, AppraiseInput, AppraiseResult } from '../core/appraisal/types';
import type { ReportSheet } from '../report/types';
import type { SheetDescription } from '../sheet/types';
import type { Message } from '../i18n';

/** Excel features the pane depends on, from Office.context.requirements (see excel/capabilities.ts). */
export interface Capabilities {
  /** ExcelApi version supported, e.g. '1.14' ('0' when not in Excel). */
  excelApi: string;
  /** insert a form: ranges, names, conditional formats, protection (ExcelApi 1.7+) */
  insertForm: boolean;
  /** cells of an inserted form refuse wrong entries as typed (ExcelApi 1.8); without it the pane's
   *  live checks are the only ones. Absent means supported (hosts that are not Excel). */
  dataValidation?: boolean;
  /** What this Excel cannot do above the add-in's minimum, and what happens instead (one line each). */
  missing?: Message[];
  /** threaded comments (ExcelApi 1.10) */
  comments: boolean;
  /** worksheet-level onChanged with details (ExcelApi 1.7+) */
  changeEvents: boolean;
}

/** The active sheet, as the pane needs to know it. */
export type ActiveSheet =
  /** `values`: the form's defined names (IN_, REASON_, EVIDENCE_, APPR_, APPRNOTE_, PT_, GR_, TOTAL, BAND)
   *  → cell value; `addresses`: the same names → A1 address on the sheet. form/read.ts turns them into
   *  a Submission with the rulebook. */
  | {
      kind: 'form';
      sheetName: string;
      meta: FormMeta;
      values: Record<string, unknown>;
      addresses: Record<string, string>;
    }
  | {
      kind: 'notForm';
      sheetName: string;
      reason: 'noMetadata' | 'unknownRulebook' | 'damaged';
      detail?: string;
    }
  | { kind: 'none' };

export interface WorkbookHost {
  capabilities(): Capabilities;
  /** Add the plan's sheet (and metadata) to the open workbook and activate it; an existing form of
   *  the same annex and unit is upgraded in place, keeping every entry. */
  insertForm(plan: SheetPlan): Promise<{ sheetName: string; upgraded: boolean }>;
  /** Read the active sheet: the form's identity and entries in one sync. */
  readActive(): Promise<ActiveSheet>;
  /** Select a cell of the active form by defined name (IN_1_2_count, REASON_1_2, …). */
  selectName(name: string): Promise<void>;
  /**
   * Call `onChange` after edits to the active form, on sheet activation and on selection change;
   * bursts are coalesced (one call for a 100-cell paste). Returns a function that detaches the handlers.
   */
  watch(onChange: () => void): Promise<() => void>;
  /**
   * Write consolidation sheets ("Tổng hợp") into the open workbook, replacing the ones the add-in wrote
   * before (a user's own sheet of the same title is kept), and its very hidden data sheets (`hidden`: the
   * ranking's results, report/results-sheet.ts). Optional: a host without it only shows results.
   */
  writeReport?(sheets: ReportSheet[], hidden?: SheetDescription[]): Promise<{ sheetNames: string[] }>;

  // Appraisal (docs/appraisal.md). Optional: the pane offers reviewer mode only when `appraise` exists.
  /** The selected cell (top-left of the selection) and its sheet. */
  selectedCell?(): Promise<{ sheetName: string; address: string } | undefined>;
  /** Record an appraisal of one criterion of the form last read: its cells, a comment (or the fallback), a log row. */
  appraise?(input: AppraiseInput): Promise<AppraiseResult>;
  /** Comment threads on the self-score cells of these criteria of the form last read, and the form's log rows. */
  readAppraisals?(criterionIds: string[]): Promise<AppraisalRead>;
}

export type { FormMeta };
