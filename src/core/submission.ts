/**
 * The domain records of a submitted form: which form it is (rulebook, annex, unit, year), what the
 * unit entered, and what the appraisal council set. Pure data, in core because ranking, cross-checks
 * and appraisal reason about them; the form layer writes and reads them (form/meta.ts, form/read.ts).
 */
import type { Entries } from './scoring/types';

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
  entries: Entries;
  appraisals: Record<string, Appraisal>;
  altered: { name: string; cellValue: unknown; expected: number | string }[];
}
