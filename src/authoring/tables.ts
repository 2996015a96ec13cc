/**
 * Rulebook → the rows of the authoring workbook's sheets, as plain values keyed by column (see
 * layout.ts). Pure; workbook.ts lays them out with ExcelJS. Every field of the rulebook has a place,
 * so compile.ts reads back exactly the rulebook that was written.
 */
import type { Criterion, Policies, Rulebook } from '../core/rulebook/schema';
import { t } from '../i18n';
import { INFO_ITEMS, LEGACY_POLICY_ITEMS, SCHEDULE_ITEMS, type ItemDef } from './layout';
import {
  AGGREGATES,
  AWARD_TIES,
  IF_NOT_WORKING_DAY,
  INCOMPLETE_POLICIES,
  LATE_POLICIES,
  MILESTONE_KINDS,
  UNSENT_POLICIES,
  bothLabel,
  LEVELS,
  NORMALISES,
  PROVENANCES,
  RANK_ONS,
  RATIO_MODES,
  RULE_TYPES,
  choiceLabel,
  formatAlternatives,
  formatDate,
  formatLevels,
  formatMonthDay,
  formatParts,
  formatSteps,
  joinList,
} from './notation';

export type CellValue = string | number | boolean | Date | null | undefined;
export type Row = Record<string, CellValue>;

export const yesNoText = (b: boolean) => t('vi', b ? 'yes' : 'no');

/** The rule's parameters spread over the readable columns of the criteria sheet. */
export function ruleColumns(c: Criterion): Row {
  const r = c.rule;
  const row: Row = { ruleType: choiceLabel(RULE_TYPES, r.type) };
  switch (r.type) {
    case 'manual':
      break;
    case 'yesNo':
      row.label = r.question;
      break;
    case 'ratio':
      row.ratioMode = choiceLabel(RATIO_MODES, r.mode);
      row.numeratorLabel = r.numeratorLabel;
      row.denominatorLabel = r.denominatorLabel;
      break;
    case 'perItem':
      row.pointsPerItem = r.pointsPerItem;
      row.label = r.itemLabel;
      break;
    case 'steps':
      row.label = r.valueLabel;
      row.steps = formatSteps(r.steps);
      break;
    case 'bestOf':
      row.alternatives = formatAlternatives(r.alternatives);
      break;
    case 'sumOfParts':
      row.parts = formatParts(r.parts);
      break;
    case 'deduction':
      row.pointsPerItem = r.pointsPerItem;
      row.floor = r.floor;
      row.label = r.itemLabel;
      break;
    case 'relativeToBest':
      row.label = r.valueLabel;
      row.normalise = r.normalise && choiceLabel(NORMALISES, r.normalise);
      break;
    case 'levelAverage':
      row.parts = formatParts(r.parts);
      row.levels = formatLevels(r.levels);
      break;
  }
  return row;
}

export function criteriaRows(rb: Rulebook): Row[] {
  return rb.annexes.flatMap((annex) =>
    annex.groups.flatMap((group) =>
      group.criteria.map((c) => ({
        annex: annex.code,
        groupCode: group.code,
        groupTitle: group.title,
        id: c.id,
        title: c.title,
        guidance: c.guidance,
        max: c.max,
        ...ruleColumns(c),
        reasonRequired: yesNoText(c.reasonRequiredBelowMax),
        evidenceRequired: yesNoText(c.evidence.required),
        evidenceLabel: c.evidence.label,
        notApplicableAllowed: yesNoText(c.notApplicableAllowed),
        provenance: choiceLabel(PROVENANCES, c.provenance),
        appliesToTypes: c.appliesTo?.unitTypes && joinList(c.appliesTo.unitTypes),
        appliesToUnits: c.appliesTo?.units && joinList(c.appliesTo.units),
        // Blank when the rulebook does not say (counted), so the same content compiles back.
        scored: c.scored === undefined ? undefined : yesNoText(c.scored),
        groupScored: group.scored === undefined ? undefined : yesNoText(group.scored),
      })),
    ),
  );
}

export function annexRows(rb: Rulebook): Row[] {
  return rb.annexes.map((a) => ({
    code: a.code,
    title: a.title,
    appliesTo: a.appliesTo,
    max: a.max,
    aggregate: choiceLabel(AGGREGATES, a.aggregate),
    rankingGroup: a.rankingGroup,
    level: a.level && choiceLabel(LEVELS, a.level),
    label: a.label,
    // Blank when the rulebook does not say (points), so the same content compiles back.
    rankOn: a.rankOn && choiceLabel(RANK_ONS, a.rankOn),
  }));
}

/** "Trụ cột": each pillar of each annex, its groups as a list of codes. */
export function pillarRows(rb: Rulebook): Row[] {
  return rb.annexes.flatMap((a) =>
    (a.pillars ?? []).map((p) => ({
      annex: a.code,
      code: p.code,
      title: p.title,
      groups: joinList(p.groups),
      weight: p.weight,
    })),
  );
}

export function bandRows(rb: Rulebook): Row[] {
  return rb.annexes.flatMap((a) =>
    a.bands.map((b) => ({ annex: a.code, label: b.label, labelEn: b.labelEn, min: b.min })),
  );
}

export function unitRows(rb: Rulebook): Row[] {
  return rb.units.map((u) => ({
    id: u.id,
    name: u.name,
    aliases: u.aliases.length ? joinList(u.aliases) : undefined,
    annex: u.annex,
    level: u.level && choiceLabel(LEVELS, u.level),
    parent: u.parent,
    provenance: choiceLabel(PROVENANCES, u.provenance),
    type: u.type,
    validFrom: u.validFrom && formatDate(u.validFrom),
    validTo: u.validTo && formatDate(u.validTo),
    mergedInto: u.mergedInto,
  }));
}

export function awardRows(rb: Rulebook): Row[] {
  return rb.awards.map((a) => ({
    annexes: joinList(a.annexes),
    topN: a.topN,
    band: a.band,
    ties: bothLabel(AWARD_TIES, a.ties),
    source: a.source,
  }));
}

export function assumptionRows(rb: Rulebook): Row[] {
  return rb.assumptions.map((a) => ({
    what: a.what.vi,
    why: a.why.vi,
    annexes: a.annexes && joinList(a.annexes),
    whatEn: a.what.en,
    whyEn: a.why.en,
  }));
}

/** "Mốc thời gian": every field written, defaults included, so the sheet shows what the round will do. */
export function milestoneRows(rb: Rulebook): Row[] {
  return (rb.schedule.milestones ?? []).map((m) => ({
    id: m.id,
    kind: bothLabel(MILESTONE_KINDS, m.kind),
    title: m.title,
    titleEn: m.titleEn,
    by: m.by,
    byEn: m.byEn,
    date: m.date && formatMonthDay(m.date),
    after: m.after?.milestone,
    workingDays: m.after?.workingDays,
    ifNotWorkingDay: bothLabel(IF_NOT_WORKING_DAY, m.ifNotWorkingDay),
    source: m.source,
    assumption: yesNoText(m.assumption),
    note: m.note?.vi,
    noteEn: m.note?.en,
  }));
}

/** A key/value row: the item's labels in both languages, its value and its third column. */
export interface ItemRow {
  item: ItemDef;
  value?: CellValue;
  extra?: CellValue;
}

/** Excel refuses more than 32,767 characters in a cell; long notes go on several "Ghi chú" rows. */
export const CELL_LIMIT = 32000;

function splitLong(text: string): string[] {
  if (text.length <= CELL_LIMIT) return [text];
  const out: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const next = current === '' ? line : `${current}\n${line}`;
    if (next.length <= CELL_LIMIT || current === '') current = next;
    else {
      out.push(current);
      current = line;
    }
  }
  out.push(current);
  return out;
}

const infoItem = (key: string) => INFO_ITEMS.find((i) => i.key === key)!;
const scheduleItem = (key: string) => SCHEDULE_ITEMS.find((i) => i.key === key)!;

/** "Thông tin": without a rulebook, one empty row per item, for the blank template. */
export function infoRows(rb?: Rulebook): ItemRow[] {
  if (!rb) return INFO_ITEMS.map((item) => ({ item }));
  const decisions = (key: string, list: { number: string; date: string }[]) =>
    list.map((d): ItemRow => ({ item: infoItem(key), value: d.number, extra: formatDate(d.date) }));
  return [
    { item: infoItem('id'), value: rb.id },
    { item: infoItem('version'), value: rb.version },
    { item: infoItem('title'), value: rb.title },
    { item: infoItem('province'), value: rb.province },
    { item: infoItem('issuer'), value: rb.issuer },
    { item: infoItem('decision'), value: rb.decision.number, extra: formatDate(rb.decision.date) },
    ...decisions('supersedes', rb.supersedes),
    ...decisions('amendedBy', rb.amendedBy),
    ...rb.sources.map((s): ItemRow => ({ item: infoItem('source'), value: s })),
    ...(rb.notes !== undefined
      ? splitLong(rb.notes).map((n): ItemRow => ({ item: infoItem('notes'), value: n }))
      : []),
    { item: infoItem('formTitle'), value: rb.formTitle },
    { item: infoItem('reconstructedFrom'), value: rb.reconstructedFrom?.vi },
    { item: infoItem('reconstructedFromEn'), value: rb.reconstructedFrom?.en },
  ];
}

/** "Thời hạn": without a rulebook, one empty row per item. */
export function scheduleRows(rb?: Rulebook): ItemRow[] {
  if (!rb) return SCHEDULE_ITEMS.filter((item) => !item.legacy).map((item) => ({ item }));
  const s = rb.schedule;
  return [
    ...s.deadlines.map((d): ItemRow => ({
      item: scheduleItem('deadline'),
      value: formatMonthDay(d.date),
      extra: joinList(d.annexes),
    })),
    { item: scheduleItem('graceWorkingDays'), value: s.graceWorkingDays },
    { item: scheduleItem('windowStart'), value: formatMonthDay(s.dataWindow.start) },
    { item: scheduleItem('windowEnd'), value: formatMonthDay(s.dataWindow.end) },
    { item: scheduleItem('startPreviousYear'), value: yesNoText(s.dataWindow.startPreviousYear) },
    ...policyRows(rb),
  ];
}

/**
 * The policies. A rulebook that spells the late or unsent policy the older way (the schedule's
 * booleans) gets the policy it means written out, so the workbook shows the decision in words; one
 * that says nothing leaves the row blank, and the default applies again when it is read back.
 */
function policyRows(rb: Rulebook): ItemRow[] {
  const p: Policies = rb.policies;
  const legacy = (key: keyof typeof LEGACY_POLICY_ITEMS) => {
    const v = rb.schedule[key];
    return v === undefined ? undefined : LEGACY_POLICY_ITEMS[key][v ? 'yes' : 'no'];
  };
  const late = p.late ?? legacy('lateNotRanked');
  const unsent = p.unsent ?? legacy('missingRankedLast');
  return [
    { item: scheduleItem('late'), value: late && bothLabel(LATE_POLICIES, late) },
    { item: scheduleItem('unsent'), value: unsent && bothLabel(UNSENT_POLICIES, unsent) },
    { item: scheduleItem('incomplete'), value: bothLabel(INCOMPLETE_POLICIES, p.incomplete) },
    { item: scheduleItem('reasonsAfterConsolidation'), value: yesNoText(p.reasonsAfterConsolidation) },
  ];
}
