/**
 * The authoring workbook "Bộ tiêu chí": which sheets it has and which columns each sheet carries.
 * Both directions (writing in workbook.ts/tables.ts, reading in compile.ts) use these definitions, so a
 * column is declared once. Columns are found by their header when reading, so users may reorder them
 * or add columns of their own.
 */
import type { MessageKey } from '../i18n';
import { colName } from '../sheet/a1';

/** How a cell's text is read and which drop-down list (if any) it gets. */
export type ColumnKind =
  | 'text'
  /** text kept as text even when it looks like a number ("1.10" must not become 1.1) */
  | 'code'
  | 'longText'
  | 'number'
  | 'yesNo'
  | 'ruleType'
  | 'ratioMode'
  | 'provenance'
  | 'aggregate'
  | 'level'
  | 'rankOn'
  | 'normalise'
  /** one of the readable rule-parameter notations (steps, alternatives, parts, levels) */
  | 'notation'
  | 'date'
  | 'monthDay'
  | 'list'
  /** the rulebook's policies and the award tie rule, chosen in both languages */
  | 'latePolicy'
  | 'unsentPolicy'
  | 'incompletePolicy'
  | 'ties'
  /** a milestone's kind and what happens when its date is a day off, chosen in both languages */
  | 'milestoneKind'
  | 'ifNotWorkingDay';

export interface ColumnDef {
  key: string;
  header: MessageKey;
  help: MessageKey;
  width: number;
  kind: ColumnKind;
}

const col = (
  key: string,
  header: MessageKey,
  help: MessageKey,
  width: number,
  kind: ColumnKind,
): ColumnDef => ({ key, header, help, width, kind });

/** Sheet "Tiêu chí": one row per criterion. */
export const CRITERIA_COLUMNS: ColumnDef[] = [
  col('annex', 'awColAnnex', 'awHelpAnnex', 9, 'code'),
  col('groupCode', 'awColGroupCode', 'awHelpGroupCode', 8, 'code'),
  col('groupTitle', 'awColGroupTitle', 'awHelpGroupTitle', 28, 'text'),
  col('id', 'awColCriterionId', 'awHelpCriterionId', 10, 'code'),
  col('title', 'awColTitle', 'awHelpCriterionTitle', 44, 'longText'),
  col('guidance', 'awColGuidance', 'awHelpGuidance', 44, 'longText'),
  col('max', 'awColMax', 'awHelpMax', 9, 'number'),
  col('ruleType', 'awColRuleType', 'awHelpRuleType', 20, 'ruleType'),
  col('label', 'awColLabel', 'awHelpLabel', 36, 'longText'),
  col('ratioMode', 'awColRatioMode', 'awHelpRatioMode', 14, 'ratioMode'),
  col('numeratorLabel', 'awColNumeratorLabel', 'awHelpNumeratorLabel', 30, 'longText'),
  col('denominatorLabel', 'awColDenominatorLabel', 'awHelpDenominatorLabel', 30, 'longText'),
  col('pointsPerItem', 'awColPointsPerItem', 'awHelpPointsPerItem', 10, 'number'),
  col('floor', 'awColFloor', 'awHelpFloor', 9, 'number'),
  col('steps', 'awColSteps', 'awHelpSteps', 36, 'notation'),
  col('alternatives', 'awColAlternatives', 'awHelpAlternatives', 44, 'notation'),
  col('parts', 'awColParts', 'awHelpParts', 44, 'notation'),
  col('levels', 'awColLevels', 'awHelpLevels', 36, 'notation'),
  col('reasonRequired', 'awColReasonRequired', 'awHelpReasonRequired', 12, 'yesNo'),
  col('evidenceRequired', 'awColEvidenceRequired', 'awHelpEvidenceRequired', 12, 'yesNo'),
  col('evidenceLabel', 'awColEvidenceLabel', 'awHelpEvidenceLabel', 30, 'longText'),
  col('notApplicableAllowed', 'awColNotApplicable', 'awHelpNotApplicable', 12, 'yesNo'),
  col('provenance', 'awColProvenance', 'awHelpProvenance', 12, 'provenance'),
  col('appliesToTypes', 'awColAppliesToTypes', 'awHelpAppliesToTypes', 20, 'list'),
  col('appliesToUnits', 'awColAppliesToUnits', 'awHelpAppliesToUnits', 24, 'list'),
  col('scored', 'awColScored', 'awHelpScored', 10, 'yesNo'),
  col('groupScored', 'awColGroupScored', 'awHelpGroupScored', 10, 'yesNo'),
  // Added after the others so the columns of earlier workbooks keep their letters.
  col('normalise', 'awColNormalise', 'awHelpNormalise', 16, 'normalise'),
];

/** Sheet "Phụ lục": one row per annex (form). */
export const ANNEX_COLUMNS: ColumnDef[] = [
  col('code', 'awColAnnexCode', 'awHelpAnnexCode', 10, 'code'),
  col('title', 'awColAnnexTitle', 'awHelpAnnexTitle', 50, 'longText'),
  col('appliesTo', 'awColAppliesTo', 'awHelpAppliesTo', 40, 'longText'),
  col('max', 'awColMax', 'awHelpAnnexMax', 10, 'number'),
  col('aggregate', 'awColAggregate', 'awHelpAggregate', 14, 'aggregate'),
  col('rankingGroup', 'awColRankingGroup', 'awHelpRankingGroup', 20, 'text'),
  col('level', 'awColLevel', 'awHelpLevel', 10, 'level'),
  col('label', 'awColAnnexLabel', 'awHelpAnnexLabel', 16, 'text'),
  col('rankOn', 'awColRankOn', 'awHelpRankOn', 12, 'rankOn'),
];

/** Sheet "Trụ cột": one row per pillar of an annex, the groups it weighs. */
export const PILLAR_COLUMNS: ColumnDef[] = [
  col('annex', 'awColAnnex', 'awHelpPillarAnnex', 10, 'code'),
  col('code', 'awColPillarCode', 'awHelpPillarCode', 10, 'code'),
  col('title', 'awColPillarTitle', 'awHelpPillarTitle', 40, 'longText'),
  col('groups', 'awColPillarGroups', 'awHelpPillarGroups', 24, 'list'),
  col('weight', 'awColPillarWeight', 'awHelpPillarWeight', 10, 'number'),
];

/** Sheet "Xếp loại": one row per band of an annex. */
export const BAND_COLUMNS: ColumnDef[] = [
  col('annex', 'awColAnnex', 'awHelpBandAnnex', 10, 'code'),
  col('label', 'awColBandLabel', 'awHelpBandLabel', 16, 'text'),
  col('labelEn', 'awColBandLabelEn', 'awHelpBandLabelEn', 16, 'text'),
  col('min', 'awColBandMin', 'awHelpBandMin', 12, 'number'),
];

/** Sheet "Đơn vị": one row per evaluated unit. */
export const UNIT_COLUMNS: ColumnDef[] = [
  col('id', 'awColUnitId', 'awHelpUnitId', 24, 'code'),
  col('name', 'awColUnitName', 'awHelpUnitName', 36, 'text'),
  col('aliases', 'awColAliases', 'awHelpAliases', 44, 'list'),
  col('annex', 'awColAnnex', 'awHelpUnitAnnex', 10, 'code'),
  col('level', 'awColLevel', 'awHelpLevel', 10, 'level'),
  col('parent', 'awColParent', 'awHelpParent', 24, 'code'),
  col('provenance', 'awColProvenance', 'awHelpUnitProvenance', 12, 'provenance'),
  col('type', 'awColUnitType', 'awHelpUnitType', 14, 'code'),
  col('validFrom', 'awColValidFrom', 'awHelpValidFrom', 12, 'date'),
  col('validTo', 'awColValidTo', 'awHelpValidTo', 12, 'date'),
  col('mergedInto', 'awColMergedInto', 'awHelpMergedInto', 24, 'code'),
];

/** Sheet "Khen thưởng": one row per award rule. */
export const AWARD_COLUMNS: ColumnDef[] = [
  col('annexes', 'awColAwardAnnexes', 'awHelpAwardAnnexes', 20, 'list'),
  col('topN', 'awColTopN', 'awHelpTopN', 14, 'number'),
  col('band', 'awColAwardBand', 'awHelpAwardBand', 16, 'text'),
  col('ties', 'awColTies', 'awHelpTies', 30, 'ties'),
  col('source', 'awColAwardSource', 'awHelpAwardSource', 50, 'longText'),
];

/** Sheet "Giả định": one row per assumption, in both languages. */
export const ASSUMPTION_COLUMNS: ColumnDef[] = [
  col('what', 'awColAssumptionWhat', 'awHelpAssumptionWhat', 50, 'longText'),
  col('why', 'awColAssumptionWhy', 'awHelpAssumptionWhy', 50, 'longText'),
  col('annexes', 'awColAssumptionAnnexes', 'awHelpAssumptionAnnexes', 16, 'list'),
  col('whatEn', 'awColAssumptionWhatEn', 'awHelpAssumptionWhatEn', 50, 'longText'),
  col('whyEn', 'awColAssumptionWhyEn', 'awHelpAssumptionWhyEn', 50, 'longText'),
];

/** Sheet "Mốc thời gian": one row per milestone of the round, in the decision's order. */
export const MILESTONE_COLUMNS: ColumnDef[] = [
  col('id', 'awColMilestoneId', 'awHelpMilestoneId', 14, 'code'),
  col('kind', 'awColMilestoneKind', 'awHelpMilestoneKind', 30, 'milestoneKind'),
  col('title', 'awColMilestoneTitle', 'awHelpMilestoneTitle', 44, 'longText'),
  col('titleEn', 'awColMilestoneTitleEn', 'awHelpMilestoneTitleEn', 44, 'longText'),
  col('by', 'awColMilestoneBy', 'awHelpMilestoneBy', 30, 'longText'),
  col('byEn', 'awColMilestoneByEn', 'awHelpMilestoneByEn', 30, 'longText'),
  col('date', 'awColMilestoneDate', 'awHelpMilestoneDate', 12, 'monthDay'),
  col('after', 'awColMilestoneAfter', 'awHelpMilestoneAfter', 14, 'code'),
  col('workingDays', 'awColMilestoneWorkingDays', 'awHelpMilestoneWorkingDays', 12, 'number'),
  col('ifNotWorkingDay', 'awColIfNotWorkingDay', 'awHelpIfNotWorkingDay', 36, 'ifNotWorkingDay'),
  col('source', 'awColAwardSource', 'awHelpMilestoneSource', 50, 'longText'),
  col('assumption', 'awColMilestoneAssumption', 'awHelpMilestoneAssumption', 14, 'yesNo'),
  col('note', 'awColMilestoneNote', 'awHelpMilestoneNote', 44, 'longText'),
  col('noteEn', 'awColMilestoneNoteEn', 'awHelpMilestoneNoteEn', 44, 'longText'),
];

/**
 * Key/value sheets ("Thời hạn", "Thông tin"): one row per item, found by its label (Vietnamese in the
 * first column or English in the last). `extra` is the third column: the annexes of a deadline, the
 * date of a decision.
 */
export interface ItemDef {
  key: string;
  label: MessageKey;
  help: MessageKey;
  kind: ColumnKind;
  /** The item may appear on several rows (deadlines, sources, superseded decisions). */
  repeatable?: boolean;
  extra?: ColumnKind;
  /** Read from workbooks of earlier versions, never written (its successor says the same thing). */
  legacy?: boolean;
}

const item = (
  key: string,
  label: MessageKey,
  help: MessageKey,
  kind: ColumnKind,
  more: Partial<ItemDef> = {},
): ItemDef => ({ key, label, help, kind, ...more });

export const INFO_ITEMS: ItemDef[] = [
  item('id', 'awItemId', 'awHelpItemId', 'code'),
  item('version', 'awItemVersion', 'awHelpItemVersion', 'code'),
  item('title', 'awItemTitle', 'awHelpItemTitle', 'longText'),
  item('province', 'awItemProvince', 'awHelpItemProvince', 'text'),
  item('issuer', 'awItemIssuer', 'awHelpItemIssuer', 'text'),
  item('decision', 'awItemDecision', 'awHelpItemDecision', 'code', { extra: 'date' }),
  item('supersedes', 'awItemSupersedes', 'awHelpItemSupersedes', 'code', { extra: 'date', repeatable: true }),
  item('amendedBy', 'awItemAmendedBy', 'awHelpItemAmendedBy', 'code', { extra: 'date', repeatable: true }),
  item('source', 'awItemSource', 'awHelpItemSource', 'longText', { repeatable: true }),
  item('notes', 'awItemNotes', 'awHelpItemNotes', 'longText', { repeatable: true }),
  item('formTitle', 'awItemFormTitle', 'awHelpItemFormTitle', 'longText'),
  item('reconstructedFrom', 'awItemReconstructedFrom', 'awHelpItemReconstructedFrom', 'longText'),
  item('reconstructedFromEn', 'awItemReconstructedFromEn', 'awHelpItemReconstructedFromEn', 'longText'),
];

export const SCHEDULE_ITEMS: ItemDef[] = [
  item('deadline', 'awItemDeadline', 'awHelpItemDeadline', 'monthDay', { extra: 'list', repeatable: true }),
  item('graceWorkingDays', 'awItemGrace', 'awHelpItemGrace', 'number'),
  item('windowStart', 'awItemWindowStart', 'awHelpItemWindowStart', 'monthDay'),
  item('windowEnd', 'awItemWindowEnd', 'awHelpItemWindowEnd', 'monthDay'),
  item('startPreviousYear', 'awItemStartPreviousYear', 'awHelpItemStartPreviousYear', 'yesNo'),
  // What the decision does with late, unsent and incomplete forms (the rulebook's `policies`).
  item('late', 'awItemLatePolicy', 'awHelpItemLatePolicy', 'latePolicy'),
  item('unsent', 'awItemUnsentPolicy', 'awHelpItemUnsentPolicy', 'unsentPolicy'),
  item('incomplete', 'awItemIncompletePolicy', 'awHelpItemIncompletePolicy', 'incompletePolicy'),
  item(
    'reasonsAfterConsolidation',
    'awItemReasonsAfterConsolidation',
    'awHelpItemReasonsAfterConsolidation',
    'yesNo',
  ),
  // The yes/no spellings of the late and unsent policies, as earlier workbooks wrote them.
  item('lateNotRanked', 'awItemLateNotRanked', 'awHelpItemLateNotRanked', 'yesNo', { legacy: true }),
  item('missingRankedLast', 'awItemMissingRankedLast', 'awHelpItemMissingRankedLast', 'yesNo', {
    legacy: true,
  }),
];

/** The legacy yes/no items and the policy each one spells: yes → the first value, no → the second. */
export const LEGACY_POLICY_ITEMS = {
  lateNotRanked: { policy: 'late', yes: 'notRanked', no: 'ranked' },
  missingRankedLast: { policy: 'unsent', yes: 'rankedLast', no: 'notRanked' },
} as const;

/** Columns of the key/value sheets: item, value, extra (per sheet), item in English. */
export const INFO_COLUMNS: ColumnDef[] = [
  col('item', 'awColItem', 'awColItem', 30, 'text'),
  col('value', 'awColValue', 'awColValue', 60, 'longText'),
  col('extra', 'awColDate', 'awColDate', 14, 'date'),
  col('itemEn', 'awColItemEn', 'awColItemEn', 30, 'text'),
];
export const SCHEDULE_COLUMNS: ColumnDef[] = [
  col('item', 'awColItem', 'awColItem', 36, 'text'),
  col('value', 'awColValue', 'awColValue', 30, 'text'),
  col('extra', 'awColDeadlineAnnexes', 'awColDeadlineAnnexes', 24, 'list'),
  col('itemEn', 'awColItemEn', 'awColItemEn', 36, 'text'),
];

/** The sheets, by role. Names are Vietnamese (the format's own words); English names are accepted when reading. */
export const SHEET_KEYS = [
  'criteria',
  'annexes',
  'bands',
  'pillars',
  'units',
  'schedule',
  'milestones',
  'awards',
  'assumptions',
  'info',
  'help',
] as const;
export type SheetKey = (typeof SHEET_KEYS)[number];
export const SHEET_NAME_KEYS: Record<SheetKey, MessageKey> = {
  criteria: 'awSheetCriteria',
  annexes: 'awSheetAnnexes',
  bands: 'awSheetBands',
  pillars: 'awSheetPillars',
  units: 'awSheetUnits',
  schedule: 'awSheetSchedule',
  milestones: 'awSheetMilestones',
  awards: 'awSheetAwards',
  assumptions: 'awSheetAssumptions',
  info: 'awSheetInfo',
  help: 'awSheetHelp',
};

/** Rows 1 and 2 are the Vietnamese and English headers; data starts on row 3. */
export const HEADER_ROWS = 2;
/** Drop-down lists and text formats reach this many rows below the data, for rows the user adds. */
export const SPARE_ROWS = 300;

/** "A", "B", …, "Z", "AA" for a 1-based column number. */
export function columnLetter(n: number): string {
  return colName(n - 1);
}
