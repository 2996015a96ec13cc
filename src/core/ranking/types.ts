import type { Assumption, Band, Provenance, Unit } from '../rulebook/schema';
import type { Submission } from '../submission';
import type { Message } from '../../i18n';
import type { HolidayCalendar } from './dates';

/**
 * Where a received date came from: the user's manifest (the official letter), or the file's modification
 * time, which the user must ask for (it moves whenever a file is copied, so it is weak evidence).
 */
export type ReceivedSource = 'manifest' | 'mtime';
export interface ReceivedDate {
  /** 'yyyy-mm-dd' */
  date: string;
  source: ReceivedSource;
}

/** One submitted file, read by a host: its submission, or why it could not be read. */
export type RankingInput =
  | { file: string; received?: ReceivedDate; submission: Submission }
  | { file: string; received?: ReceivedDate; failure: Message };

export interface RankingOptions {
  /** The day the consolidation is made ('yyyy-mm-dd'): missing units before the deadline say so. */
  asOf?: string;
  /** The assessment year; default: the year most submissions carry. Forms of another year are invalid. */
  year?: number;
  /** Days off for counting working days; default: the built-in Vietnamese calendar. */
  holidays?: HolidayCalendar;
  /** Keep only these units (and their submissions): a district's own form and its communes'. */
  unitFilter?: (unit: Unit) => boolean;
  /** How many weakest criteria the statistics list (default 5). */
  weakestCount?: number;
}

/**
 * Why a unit is (or is not) in the ranking. `rank` is set whenever the unit takes a place: always for
 * `ranked`, for `late` and `missing` as the rulebook's policies say (ranked, or ranked last).
 * `wrongAnnex`: the form is of another annex than the unit's group; it is shown in the unit's own
 * group and takes no place anywhere.
 */
export type RankingStatus = 'ranked' | 'late' | 'missing' | 'invalid' | 'duplicate' | 'wrongAnnex';

/** Last year's result of a unit and the change since (see previous.ts). */
export interface PreviousComparison {
  /** Last year's total and index; for a merged unit the mean of its predecessors'. */
  total: number;
  index: number;
  /** Last year's rank and band: only for a single predecessor (a mean has neither). */
  rank?: number;
  band?: string;
  /** This year's − last year's total and index; places moved up (last year's rank − this year's). */
  change: { total: number; index: number; rank?: number };
  /** The predecessors' names when the comparison is with their mean. */
  meanOf?: string[];
}

export interface RankingEntry {
  unitId: string;
  unitName: string;
  /** The unit was found in the rulebook's unit list. */
  matched: boolean;
  file?: string;
  received?: string;
  receivedSource?: ReceivedSource;
  /** The unit's own total (tự chấm). */
  selfTotal: number;
  /** The final total: appraised points replace self points criterion by criterion (= selfTotal when not appraised). */
  total: number;
  /** The maximum of the criteria that apply to the unit, where it differs from the table's (annexForUnit). */
  max?: number;
  /** Band of the final total; only for a total that counts (see `counted`). */
  band?: Band;
  rank?: number;
  status: RankingStatus;
  /**
   * The total counts in the ranking: the form is ranked on its points. False for forms that are late
   * (unless the rulebook ranks them), ranked last by policy, invalid, duplicate or of the wrong annex:
   * their computed total stays in `total` and in a note, labelled as not counted.
   */
  counted: boolean;
  /** Awarded: rank within topN and the award's band, not tied at the cut-off (see `awardTie`). */
  award: boolean;
  /** Tied at an award's cut-off where the rulebook leaves ties to the appraisal council. */
  awardTie?: boolean;
  /** Final subtotals per criteria-group code. */
  groups: Record<string, number>;
  selfGroups: Record<string, number>;
  /** Final points per criterion id (0 when not applicable). */
  criteria: Record<string, number>;
  selfCriteria: Record<string, number>;
  /** Criteria the unit marked not applicable. */
  notApplicable: string[];
  /** Criteria with an appraised value. */
  appraisedCriteria: string[];
  /** Any criterion appraised. */
  appraised: boolean;
  /** The status as shown when it says more than the plain label ("Ranked — received date not given", "Not received"). */
  statusText?: Message;
  notes: Message[];
  /** Last year's result and the change, when the ranking is compared with last year's. */
  previous?: PreviousComparison;
}

export interface CriterionStatistic {
  id: string;
  groupCode: string;
  title: string;
  max: number;
  provenance: Provenance;
  /** Ranked units for which the criterion applies. */
  units: number;
  /** Average points across those units (2 decimals). */
  average: number;
  /** Average ÷ max, 0..1 (unrounded). */
  share: number;
}

export interface AnnexStatistics {
  /** Ranked units counted. */
  units: number;
  averageTotal: number;
  criteria: CriterionStatistic[];
  /** Lowest share of max first. */
  weakest: CriterionStatistic[];
}

export interface RankingTable {
  annex: string;
  title: string;
  rankingGroup: string;
  level?: 'province' | 'district' | 'commune';
  max: number;
  /** Column headings for the group subtotals. */
  groups: { code: string; title: string }[];
  /** The deadline in the assessment year and the last on-time day after the grace period. */
  deadline?: { date: string; graceWorkingDays: number; lastOnTime: string };
  /** Ranked first (by rank, then name), then late, invalid, duplicate; missing last. */
  entries: RankingEntry[];
  statistics: AnnexStatistics;
  /** Remarks on the table as a whole (holiday data missing for the year, …). */
  notes: Message[];
}

/** Which received dates were used, for the output to state. */
export type ReceivedSourceSummary = ReceivedSource | 'mixed' | 'none';

export interface Ranking {
  /** The rulebook, with the assumptions its ranking rests on (shown wherever the ranking is). */
  rulebook: { id: string; version: string; title: string; assumptions: Assumption[] };
  year?: number;
  asOf?: string;
  receivedSource: ReceivedSourceSummary;
  tables: RankingTable[];
  missing: { unitId: string; unitName: string; annex: string }[];
  invalid: { file: string; reason: Message }[];
  /** Said once for the whole ranking, loudly (no received-dates list, dates from file times, …). */
  warnings: Message[];
}
