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

import type { FormMeta } from '../core/submission';

// The domain records live in core; re-exported here so form code keeps its imports.
export type { Appraisal, FormMeta, Submission } from '../core/submission';

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
