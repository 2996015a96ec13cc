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

export interface AnnexScore {
  annex: string;
  total: number;
  band: Band;
  groups: GroupScore[];
  criteria: CriterionScore[];
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
  | 'notApplicableNotAllowed';

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
