import type { Band } from '../rulebook/schema';
import type { Message } from '../../i18n';

/** What a unit entered for one criterion: its inputs by key, and the free-text columns. */
export interface CriterionEntry {
  [inputKey: string]: unknown;
  reason?: unknown;
  evidence?: unknown;
  /** Not applicable (không áp dụng), where the criterion allows it. */
  na?: unknown;
}
export type Entries = Record<string, CriterionEntry>;

/**
 * A text found in a number cell of a form ("2,5", "2 ", a non-breaking space). The form's formulas
 * cannot compute with it (N() and ISNUMBER() see no number there, in Excel and LibreOffice alike), so
 * the engine counts it 0 as the sheet does and validate() names the cell with the number it probably
 * meant. Typed entries (`scorecard score --entries`) stay plain strings: there "2,5" is a number.
 */
export interface SheetText {
  sheetText: string;
  /** The cell's address on the form (E12), when the reader knows it. */
  cell?: string;
}

export interface CriterionScore {
  id: string;
  groupCode: string;
  points: number;
  max: number;
  notApplicable: boolean;
  /** Compares against the best unit: points are provisional (0) until consolidation. */
  pending: boolean;
}

export interface GroupScore {
  code: string;
  title: string;
  points: number;
  max: number;
}

/** A pillar's points and the maximum of its criteria that apply (not marked not applicable). */
export interface PillarScore {
  code: string;
  title: string;
  weight: number;
  points: number;
  max: number;
}

export interface AnnexScore {
  annex: string;
  total: number;
  band: Band;
  groups: GroupScore[];
  /** Per pillar, where the annex has pillars (the total is then their weighted total). */
  pillars?: PillarScore[];
  criteria: CriterionScore[];
  /**
   * Set while the form holds error-level issues (values that cannot be right): the total and band are
   * provisional, "tạm tính — còn N lỗi". score() alone never sets it (it sees no issues); use
   * withProvisional(score, validate(..)) or provisionalOf(issues).
   */
  provisional?: { errors: number };
  /**
   * Set when criteria are pending (relativeToBest, completed at consolidation against the best unit):
   * the total the consolidation can give lies in min..max (min = this total).
   */
  finalRange?: { min: number; max: number };
}

/**
 * error: a value that cannot be right (not a number, out of range, inconsistent); todo: something not
 * filled in yet (an input, a reason, evidence); warning: worth a look, changes nothing.
 */
export type Severity = 'error' | 'todo' | 'warning';
export type IssueCode =
  | 'missing'
  | 'notANumber'
  | 'negative'
  | 'notWhole'
  | 'outOfRange'
  | 'aboveMax'
  | 'notYesNo'
  | 'notAChoice'
  | 'numeratorAboveDenominator'
  | 'reasonRequired'
  | 'evidenceRequired'
  | 'unknownCriterion'
  | 'notApplicableNotAllowed'
  /** A number typed as text in a form's cell ("2,5" stored as text): the sheet cannot count it. */
  | 'numberAsText';

export interface Issue {
  criterion: string;
  /** An input key, or 'reason', 'evidence', 'na'. */
  field: string;
  severity: Severity;
  code: IssueCode;
  message: Message;
}

/** Best values among peers, per criterion id, for relativeToBest criteria (known at consolidation). */
export type PeerBest = Record<string, number>;
