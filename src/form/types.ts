/**
 * SheetPlan: what a form sheet contains, cell by cell: a sheet description (sheet/types.ts) with the
 * form's identity. Pure data, produced by plan.ts from a rulebook annex, a unit and a year, and
 * applied by both hosts (excel/ for Office.js, xlsx/ for files), so a form made in Excel and one made
 * by the command line are the same form.
 */
import type {
  PlanConditionalFormat,
  PlanName,
  PlanValidation,
  PrintSetup,
  SheetCell,
  SheetDescription,
} from '../sheet/types';

/** The form's identity, kept in the metadata sheet, a custom XML part and defined names. */
export interface FormMeta {
  rulebookId: string;
  rulebookVersion: string;
  rulebookHash: string;
  annex: string;
  unitId: string;
  unitName: string;
  year: number;
  layoutVersion: number;
}

export interface SheetPlan extends SheetDescription {
  meta: FormMeta;
  cells: SheetCell[];
  names: PlanName[];
  validations: PlanValidation[];
  conditionalFormats: PlanConditionalFormat[];
  print: PrintSetup;
  /** Protect the sheet (inputs are unlocked by their style); no password by default. */
  protect: { password?: string };
  /** Very hidden sheet holding the metadata as key/value rows. */
  metaSheet: { name: string; rows: [string, string | number][] };
}

/** What the reviewers of the appraisal council set for one criterion (APPR_ / APPRNOTE_ cells). */
export interface Appraisal {
  points?: number;
  note?: string;
}

/**
 * A filled form as read back from a workbook (by either host): its identity, the unit's entries in
 * the engine's shape, and the appraisal columns. `altered` lists computed cells whose cached value
 * differs from what the engine computes (a formula overwritten by a typed constant).
 */
export interface Submission {
  meta: FormMeta;
  entries: import('../core/scoring/types').Entries;
  appraisals: Record<string, Appraisal>;
  altered: { name: string; cellValue: unknown; expected: number | string }[];
}
