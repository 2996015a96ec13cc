/**
 * The diff of two rulebook versions (core/rulebook/diff.ts) in words: as text that reads like the
 * "Phụ lục những nội dung điều chỉnh, bổ sung" an ICT department sends with a draft (per annex, per
 * criteria group: "Bổ sung tiêu chí …", "Bỏ tiêu chí …", "Điều chỉnh điểm tiêu chí 2.3: 10 → 15"), and as
 * a sheet. Headings carry both languages; the items are in the language asked for.
 */
import type { AnnexDiff, FieldChange, RulebookDiff } from '../core/rulebook/diff';
import type { Assumption, Milestone, Pillar, Rule } from '../core/rulebook/schema';
import { t, type Lang, type Message, type MessageKey, type Params } from '../i18n';
import {
  AGGREGATES,
  AWARD_TIES,
  IF_NOT_WORKING_DAY,
  INCOMPLETE_POLICIES,
  LATE_POLICIES,
  MILESTONE_KINDS,
  UNSENT_POLICIES,
  LEVELS,
  NORMALISES,
  PROVENANCES,
  RANK_ONS,
  RATIO_MODES,
  RULE_TYPES,
  formatAlternatives,
  formatDate,
  formatLevels,
  formatMonthDay,
  formatNumber,
  formatParts,
  formatSteps,
  joinList,
  type Choice,
} from './notation';
import type { CellStyle, SheetCell, SheetDescription, WorkbookDescription } from '../sheet/types';
import { writeDescribedXlsx } from '../xlsx/describe-write';

const both = (key: MessageKey, params: (lang: Lang) => Params = () => ({})): Message => ({
  vi: t('vi', key, params('vi')),
  en: t('en', key, params('en')),
});
const num = (n: number, lang: Lang) => (lang === 'vi' ? formatNumber(n) : String(n));
const chosen = <T extends string>(choices: Choice<T>[], id: unknown, lang: Lang) => {
  const c = choices.find((x) => x.id === id);
  return c ? t(lang, c.label) : String(id);
};

/** The label of a changed field, in the words of the authoring workbook's columns. */
const FIELD_LABELS: Record<string, MessageKey> = {
  group: 'awColGroupCode',
  title: 'awColTitle',
  guidance: 'awColGuidance',
  max: 'awColMax',
  rule: 'awColRuleType',
  'rule.mode': 'awColRatioMode',
  'rule.numeratorLabel': 'awColNumeratorLabel',
  'rule.denominatorLabel': 'awColDenominatorLabel',
  'rule.pointsPerItem': 'awColPointsPerItem',
  'rule.floor': 'awColFloor',
  'rule.steps': 'awColSteps',
  'rule.alternatives': 'awColAlternatives',
  'rule.parts': 'awColParts',
  'rule.levels': 'awColLevels',
  'rule.question': 'awColLabel',
  'rule.valueLabel': 'awColLabel',
  'rule.itemLabel': 'awColLabel',
  'rule.normalise': 'awColNormalise',
  reasonRequiredBelowMax: 'awColReasonRequired',
  'evidence.required': 'awColEvidenceRequired',
  'evidence.label': 'awColEvidenceLabel',
  notApplicableAllowed: 'awColNotApplicable',
  provenance: 'awColProvenance',
  appliesTo: 'awColAppliesTo',
  aggregate: 'awColAggregate',
  rankingGroup: 'awColRankingGroup',
  level: 'awColLevel',
  rankOn: 'awColRankOn',
  pillars: 'awSheetPillars',
  name: 'awColUnitName',
  aliases: 'awColAliases',
  annex: 'awColAnnex',
  parent: 'awColParent',
  'appliesTo.unitTypes': 'awColAppliesToTypes',
  'appliesTo.units': 'awColAppliesToUnits',
  scored: 'awColScored',
  groupScored: 'awColGroupScored',
  type: 'awColUnitType',
  validFrom: 'awColValidFrom',
  validTo: 'awColValidTo',
  mergedInto: 'awColMergedInto',
  province: 'awItemProvince',
  issuer: 'awItemIssuer',
  decision: 'awItemDecision',
  supersedes: 'awItemSupersedes',
  amendedBy: 'awItemAmendedBy',
  'schedule.deadlines': 'awItemDeadline',
  'schedule.graceWorkingDays': 'awItemGrace',
  'schedule.dataWindow.start': 'awItemWindowStart',
  'schedule.dataWindow.end': 'awItemWindowEnd',
  'schedule.dataWindow.startPreviousYear': 'awItemStartPreviousYear',
  awards: 'awSheetAwards',
  'awards.ties': 'awColTies',
  'awards.source': 'awColAwardSource',
  formTitle: 'awItemFormTitle',
  reconstructedFrom: 'awItemReconstructedFrom',
  'policies.late': 'awItemLatePolicy',
  'policies.unsent': 'awItemUnsentPolicy',
  'policies.incomplete': 'awItemIncompletePolicy',
  'policies.reasonsAfterConsolidation': 'awItemReasonsAfterConsolidation',
  label: 'awColAnnexLabel',
  annexes: 'awColAssumptionAnnexes',
  'what.en': 'awColAssumptionWhatEn',
  'why.vi': 'awColAssumptionWhy',
  'why.en': 'awColAssumptionWhyEn',
  'milestone.kind': 'awColMilestoneKind',
  'milestone.title': 'awColMilestoneTitle',
  'milestone.titleEn': 'awColMilestoneTitleEn',
  'milestone.by': 'awColMilestoneBy',
  'milestone.byEn': 'awColMilestoneByEn',
  'milestone.date': 'awColMilestoneDate',
  'milestone.after': 'awColMilestoneAfter',
  'milestone.ifNotWorkingDay': 'awColIfNotWorkingDay',
  'milestone.source': 'awColAwardSource',
  'milestone.assumption': 'awColMilestoneAssumption',
  'milestone.note': 'awColMilestoneNote',
};

type Scope = 'criterion' | 'annex' | 'rulebook' | 'unit' | 'assumption' | 'milestone';

export function fieldLabel(field: string, lang: Lang, scope: Scope = 'criterion'): string {
  if (scope === 'annex' && field === 'title') return t(lang, 'awColAnnexTitle');
  if (scope === 'rulebook' && field === 'title') return t(lang, 'awItemTitle');
  const key = FIELD_LABELS[field];
  return key ? t(lang, key) : field;
}

function ruleText(rule: Rule, lang: Lang): string {
  const label = chosen(RULE_TYPES, rule.type, lang);
  const col = (key: MessageKey, v: string) => `${t(lang, key)}: ${v}`;
  let details: string[] = [];
  switch (rule.type) {
    case 'ratio':
      details = [chosen(RATIO_MODES, rule.mode, lang)];
      break;
    case 'perItem':
      details = [col('awColPointsPerItem', num(rule.pointsPerItem, lang))];
      break;
    case 'deduction':
      details = [
        col('awColPointsPerItem', num(rule.pointsPerItem, lang)),
        col('awColFloor', num(rule.floor, lang)),
      ];
      break;
    case 'steps':
      details = [formatSteps(rule.steps)];
      break;
    case 'bestOf':
      details = [formatAlternatives(rule.alternatives)];
      break;
    case 'sumOfParts':
      details = [formatParts(rule.parts)];
      break;
    case 'levelAverage':
      details = [formatParts(rule.parts), formatLevels(rule.levels)];
      break;
    case 'relativeToBest':
      details = rule.normalise ? [chosen(NORMALISES, rule.normalise, lang)] : [];
      break;
  }
  return details.length ? `${label} (${details.join('; ')})` : label;
}

/** A changed value in words. */
export function showValue(field: string, v: unknown, lang: Lang): string {
  // An assumption without annexes concerns the whole rulebook.
  if (field === 'annexes' && v === undefined) return t(lang, 'diffAllAnnexes');
  if (v === undefined || v === null || (Array.isArray(v) && !v.length)) return t(lang, 'diffEmpty');
  if (typeof v === 'boolean') return t(lang, v ? 'yes' : 'no');
  switch (field) {
    case 'rule':
      return ruleText(v as Rule, lang);
    case 'rule.steps':
      return formatSteps(v as Extract<Rule, { type: 'steps' }>['steps']);
    case 'rule.alternatives':
      return formatAlternatives(v as Extract<Rule, { type: 'bestOf' }>['alternatives']);
    case 'rule.parts':
      return formatParts(v as { key: string; label: string; max?: number }[]);
    case 'rule.levels':
      return formatLevels(v as Extract<Rule, { type: 'levelAverage' }>['levels']);
    case 'rule.mode':
      return chosen(RATIO_MODES, v, lang);
    case 'rule.normalise':
      return chosen(NORMALISES, v, lang);
    case 'provenance':
      return chosen(PROVENANCES, v, lang);
    case 'aggregate':
      return chosen(AGGREGATES, v, lang);
    case 'level':
      return chosen(LEVELS, v, lang);
    case 'rankOn':
      return chosen(RANK_ONS, v, lang);
    case 'pillars':
      return (v as Pillar[])
        .map((p) =>
          t(lang, 'diffPillar', {
            code: p.code,
            title: p.title,
            weight: num(p.weight, lang),
            groups: joinList(p.groups),
          }),
        )
        .join('; ');
    case 'aliases':
    case 'annexes':
    case 'appliesTo.unitTypes':
    case 'appliesTo.units':
      return joinList(v as string[]);
    case 'decision': {
      const d = v as { number: string; date: string };
      return `${d.number} (${formatDate(d.date)})`;
    }
    case 'validFrom':
    case 'validTo':
      return formatDate(String(v));
    case 'supersedes':
    case 'amendedBy':
      return (v as { number: string; date: string }[])
        .map((d) => `${d.number} (${formatDate(d.date)})`)
        .join('; ');
    case 'schedule.deadlines':
      return (v as { annexes: string[]; date: string }[])
        .map((d) => `${formatMonthDay(d.date)} (${joinList(d.annexes)})`)
        .join('; ');
    case 'schedule.dataWindow.start':
    case 'schedule.dataWindow.end':
      return formatMonthDay(String(v));
    case 'awards':
      return (v as { annexes: string[]; topN: number; band: string; ties: string }[])
        .map((a) =>
          t(lang, 'diffAward', {
            annexes: joinList(a.annexes),
            topN: a.topN,
            band: a.band,
            ties: chosen(AWARD_TIES, a.ties, lang),
          }),
        )
        .join('; ');
    case 'awards.ties':
      return chosen(AWARD_TIES, v, lang);
    case 'policies.late':
      return chosen(LATE_POLICIES, v, lang);
    case 'policies.unsent':
      return chosen(UNSENT_POLICIES, v, lang);
    case 'policies.incomplete':
      return chosen(INCOMPLETE_POLICIES, v, lang);
    case 'reconstructedFrom':
    case 'milestone.note':
      return `"${(v as Record<Lang, string>)[lang]}"`;
    case 'milestone.kind':
      return chosen(MILESTONE_KINDS, v, lang);
    case 'milestone.ifNotWorkingDay':
      return chosen(IF_NOT_WORKING_DAY, v, lang);
    case 'milestone.date':
      return formatMonthDay(String(v));
    case 'milestone.after': {
      const a = v as NonNullable<Milestone['after']>;
      return t(lang, 'diffMilestoneAfter', { days: a.workingDays, milestone: a.milestone });
    }
  }
  if (typeof v === 'number') return num(v, lang);
  if (typeof v === 'string') return `"${v}"`;
  return JSON.stringify(v);
}

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One line of the diff, with what a sheet needs to file it. */
export interface DiffLine {
  kind: ChangeKind;
  annex?: string;
  group?: string;
  criterion?: string;
  field?: string;
  from?: Message;
  to?: Message;
  message: Message;
}

const values = (f: FieldChange, scope: Scope = 'criterion') => ({
  field: (lang: Lang) => fieldLabel(f.field, lang, scope),
  from: (lang: Lang) => showValue(f.field, f.from, lang),
  to: (lang: Lang) => showValue(f.field, f.to, lang),
});

const fromTo = (f: FieldChange): Pick<DiffLine, 'from' | 'to'> => ({
  from: { vi: showValue(f.field, f.from, 'vi'), en: showValue(f.field, f.from, 'en') },
  to: { vi: showValue(f.field, f.to, 'vi'), en: showValue(f.field, f.to, 'en') },
});

function criterionLine(annex: string, group: string, id: string, f: FieldChange): DiffLine {
  const v = values(f);
  const key: MessageKey =
    f.field === 'max'
      ? 'diffCriterionMax'
      : f.field === 'title'
        ? 'diffCriterionTitle'
        : f.field === 'group'
          ? 'diffCriterionMoved'
          : f.field.startsWith('rule')
            ? 'diffCriterionRule'
            : 'diffCriterionField';
  const message = both(key, (lang) => ({
    id,
    field: v.field(lang),
    from: f.field === 'group' ? String(f.from) : v.from(lang),
    to: f.field === 'group' ? String(f.to) : v.to(lang),
  }));
  return { kind: 'changed', annex, group, criterion: id, field: f.field, ...fromTo(f), message };
}

export interface AnnexSection {
  annex: AnnexDiff;
  lines: DiffLine[];
  groups: { code: string; title: string; lines: DiffLine[] }[];
  bands: DiffLine[];
}

export interface DiffSections {
  general: DiffLine[];
  annexes: AnnexSection[];
  units: DiffLine[];
}

/** The diff as lines, filed by annex and criteria group (in the order of the newer version). */
export function diffSections(diff: RulebookDiff): DiffSections {
  const general = [
    ...diff.changes.map(generalLine),
    ...milestoneLines(diff.milestones),
    ...assumptionLines(diff.assumptions),
  ];
  const annexes = diff.annexes.map((a): AnnexSection => {
    const lines: DiffLine[] = [];
    const groups: AnnexSection['groups'] = [];
    const groupOf = (code: string, title: string) => {
      let g = groups.find((x) => x.code === code);
      if (!g) groups.push((g = { code, title, lines: [] }));
      return g;
    };
    if (a.status === 'added')
      lines.push({
        kind: 'added',
        annex: a.annex,
        message: both('diffAnnexAdded', (lang) => ({
          annex: a.annex,
          count: a.added.length,
          max: num(
            a.added.reduce((s, c) => s + c.max, 0),
            lang,
          ),
        })),
      });
    else if (a.status === 'removed')
      lines.push({
        kind: 'removed',
        annex: a.annex,
        message: both('diffAnnexRemoved', () => ({ annex: a.annex, count: a.removed.length })),
      });
    else {
      for (const f of a.changes) {
        const group = /^group\.(.+)$/.exec(f.field)?.[1];
        if (group === undefined) {
          const v = values(f, 'annex');
          lines.push({
            kind: 'changed',
            annex: a.annex,
            field: f.field,
            ...fromTo(f),
            message: both('diffAnnexField', (lang) => ({
              field: v.field(lang),
              from: v.from(lang),
              to: v.to(lang),
            })),
          });
        } else {
          const kind: ChangeKind =
            f.from === undefined ? 'added' : f.to === undefined ? 'removed' : 'changed';
          const key: MessageKey =
            kind === 'added'
              ? 'diffGroupAdded'
              : kind === 'removed'
                ? 'diffGroupRemoved'
                : 'diffGroupRenamed';
          groupOf(group, String(f.to ?? f.from)).lines.push({
            kind,
            annex: a.annex,
            group,
            field: 'groupTitle',
            from: f.from === undefined ? undefined : { vi: String(f.from), en: String(f.from) },
            to: f.to === undefined ? undefined : { vi: String(f.to), en: String(f.to) },
            message: both(key, () => ({
              group,
              title: String(f.to ?? f.from),
              from: `"${f.from}"`,
              to: `"${f.to}"`,
            })),
          });
        }
      }
      // Added and changed criteria in the newer version's order, removed ones after them.
      for (const c of a.added) groupOf(c.group, c.groupTitle);
      for (const c of a.changed) groupOf(c.group, c.groupTitle);
      for (const c of a.removed) groupOf(c.group, c.groupTitle);
      for (const c of a.added)
        groupOf(c.group, c.groupTitle).lines.push({
          kind: 'added',
          annex: a.annex,
          group: c.group,
          criterion: c.id,
          to: { vi: c.title, en: c.title },
          message: both('diffCriterionAdded', (lang) => ({
            id: c.id,
            title: c.title,
            max: num(c.max, lang),
          })),
        });
      for (const c of a.changed)
        for (const f of c.changes)
          groupOf(c.group, c.groupTitle).lines.push(criterionLine(a.annex, c.group, c.id, f));
      for (const c of a.removed)
        groupOf(c.group, c.groupTitle).lines.push({
          kind: 'removed',
          annex: a.annex,
          group: c.group,
          criterion: c.id,
          from: { vi: c.title, en: c.title },
          message: both('diffCriterionRemoved', (lang) => ({
            id: c.id,
            title: c.title,
            max: num(c.max, lang),
          })),
        });
    }
    const bands = a.bands.map((b): DiffLine => {
      const line = {
        annex: a.annex,
        field: 'band',
        from: b.from && { vi: num(b.from.min, 'vi'), en: num(b.from.min, 'en') },
        to: b.to && { vi: num(b.to.min, 'vi'), en: num(b.to.min, 'en') },
      };
      if (b.status === 'added')
        return {
          ...line,
          kind: 'added',
          message: both('diffBandAdded', (lang) => ({
            label: b.label,
            labelEn: b.to!.labelEn,
            min: num(b.to!.min, lang),
          })),
        };
      if (b.status === 'removed')
        return {
          ...line,
          kind: 'removed',
          message: both('diffBandRemoved', (lang) => ({ label: b.label, min: num(b.from!.min, lang) })),
        };
      if (b.from!.min !== b.to!.min)
        return {
          ...line,
          kind: 'changed',
          message: both('diffBandChanged', (lang) => ({
            label: b.label,
            from: num(b.from!.min, lang),
            to: num(b.to!.min, lang),
          })),
        };
      return {
        ...line,
        kind: 'changed',
        field: 'bandEn',
        message: both('diffBandRenamed', () => ({
          label: b.label,
          from: b.from!.labelEn,
          to: b.to!.labelEn,
        })),
      };
    });
    return { annex: a, lines, groups: groups.filter((g) => g.lines.length), bands };
  });
  const units: DiffLine[] = [
    ...diff.units.added.map((u): DiffLine => ({
      kind: 'added',
      annex: u.annex,
      message: both('diffUnitAdded', () => ({ id: u.id, name: u.name, annex: u.annex })),
    })),
    ...diff.units.removed.map((u): DiffLine => ({
      kind: 'removed',
      annex: u.annex,
      message: both('diffUnitRemoved', () => ({ id: u.id, name: u.name, annex: u.annex })),
    })),
    ...diff.units.changed.flatMap((u) =>
      u.changes.map((f): DiffLine => {
        const v = values(f, 'unit');
        return {
          kind: 'changed',
          field: f.field,
          ...fromTo(f),
          message: both('diffUnitChanged', (lang) => ({
            id: u.id,
            name: u.name,
            field: v.field(lang),
            from: v.from(lang),
            to: v.to(lang),
          })),
        };
      }),
    ),
  ];
  return { general, annexes, units };
}

function generalLine(f: FieldChange): DiffLine {
  const v = values(f, 'rulebook');
  if (f.field === 'awards.ties' || f.field === 'awards.source') {
    const annexes = joinList(f.annexes ?? []);
    const key: MessageKey = f.field === 'awards.ties' ? 'diffAwardTies' : 'diffAwardSource';
    return {
      kind: 'changed',
      field: f.field,
      ...fromTo(f),
      message: both(key, (lang) => ({ annexes, from: v.from(lang), to: v.to(lang) })),
    };
  }
  return {
    kind: 'changed',
    field: f.field,
    ...fromTo(f),
    message: both('diffGeneralField', (lang) => ({
      field: v.field(lang),
      from: v.from(lang),
      to: v.to(lang),
    })),
  };
}

/** When a milestone is due, in words: its date, the milestone it follows, or the deadlines of the forms. */
function due(m: Milestone, lang: Lang): string {
  if (m.date) return formatMonthDay(m.date);
  return m.after ? showValue('milestone.after', m.after, lang) : t(lang, 'diffMilestoneDeadlines');
}

/** The round's milestones concern everyone: filed with the general lines, after the schedule's own fields. */
function milestoneLines(d: RulebookDiff['milestones']): DiffLine[] {
  const title = (m: { title: string; titleEn: string }): Message => ({ vi: m.title, en: m.titleEn });
  return [
    ...d.added.map((m): DiffLine => ({
      kind: 'added',
      field: 'milestone',
      to: title(m),
      message: both('diffMilestoneAdded', (lang) => ({ id: m.id, title: title(m)[lang], due: due(m, lang) })),
    })),
    ...d.removed.map((m): DiffLine => ({
      kind: 'removed',
      field: 'milestone',
      from: title(m),
      message: both('diffMilestoneRemoved', (lang) => ({ id: m.id, title: title(m)[lang] })),
    })),
    ...d.changed.flatMap((c) =>
      c.changes.map((f): DiffLine => {
        const v = values(f, 'milestone');
        return {
          kind: 'changed',
          field: f.field,
          ...fromTo(f),
          message: both('diffMilestoneChanged', (lang) => ({
            id: c.id,
            title: title(c)[lang],
            field: v.field(lang),
            from: v.from(lang),
            to: v.to(lang),
          })),
        };
      }),
    ),
  ];
}

/** Assumptions are rulebook-wide news: filed with the general lines, so every reader of the diff sees them. */
function assumptionLines(d: RulebookDiff['assumptions']): DiffLine[] {
  const text = (a: Assumption): Message => ({ vi: a.what.vi, en: a.what.en });
  const said = (a: Assumption) => (lang: Lang) => ({ what: a.what[lang], why: a.why[lang] });
  return [
    ...d.added.map((a): DiffLine => ({
      kind: 'added',
      field: 'assumption',
      to: text(a),
      message: both('diffAssumptionAdded', said(a)),
    })),
    ...d.removed.map((a): DiffLine => ({
      kind: 'removed',
      field: 'assumption',
      from: text(a),
      message: both('diffAssumptionRemoved', said(a)),
    })),
    ...d.changed.flatMap((c) =>
      c.changes.map((f): DiffLine => {
        const v = values(f, 'assumption');
        return {
          kind: 'changed',
          field: f.field,
          ...fromTo(f),
          message: both('diffAssumptionChanged', (lang) => ({
            what: c.what[lang],
            field: v.field(lang),
            from: v.from(lang),
            to: v.to(lang),
          })),
        };
      }),
    ),
  ];
}

const heading = (key: MessageKey, params: Params = {}) => `${t('vi', key, params)} / ${t('en', key, params)}`;

/** The diff as text: bilingual headings, items in `lang`. */
export function formatDiff(diff: RulebookDiff, lang: Lang = 'vi'): string {
  const s = diffSections(diff);
  const ref = (r: RulebookDiff['from']) => `${r.id} · ${r.version} · ${r.hash}`;
  const out = [
    heading('diffTitle'),
    `${heading('diffFrom')}: ${ref(diff.from)}`,
    `${heading('diffTo')}: ${ref(diff.to)}`,
    '',
  ];
  const item = (l: DiffLine, indent: string) => out.push(`${indent}- ${l.message[lang]}`);
  const empty = !s.general.length && !s.units.length && s.annexes.every((a) => a.annex.status === 'same');
  if (empty) {
    out.push(heading('diffNoChanges'));
    return out.join('\n');
  }
  if (s.general.length) {
    out.push(heading('diffGeneral'));
    s.general.forEach((l) => item(l, '  '));
    out.push('');
  }
  for (const a of s.annexes) {
    out.push(`${heading('diffAnnexHeading', { annex: a.annex.annex })}: ${a.annex.title}`);
    if (a.annex.status === 'same') out.push(`  ${t(lang, 'diffAnnexSame')}`);
    a.lines.forEach((l) => item(l, '  '));
    for (const g of a.groups) {
      out.push(`  ${heading('diffGroupHeading', { group: g.code })}: ${g.title}`);
      g.lines.forEach((l) => item(l, '    '));
    }
    if (a.bands.length) {
      out.push(`  ${heading('diffBands')}`);
      a.bands.forEach((l) => item(l, '    '));
    }
    out.push('');
  }
  if (s.units.length) {
    out.push(heading('diffUnits'));
    s.units.forEach((l) => item(l, '  '));
    out.push('');
  }
  return out.join('\n').trimEnd();
}

const KIND_KEYS: Record<ChangeKind, MessageKey> = {
  added: 'diffKindAdded',
  removed: 'diffKindRemoved',
  changed: 'diffKindChanged',
};

/** The label of the field a line changes, as the workbook's columns name it. */
function fieldName(l: DiffLine): string {
  if (l.field === 'band' || l.field === 'bandEn') return t('vi', 'diffBands');
  if (l.field === 'groupTitle') return t('vi', 'awColGroupTitle');
  if (l.field === 'assumption') return t('vi', 'awSheetAssumptions');
  if (l.field === 'milestone') return t('vi', 'awSheetMilestones');
  return l.field ? fieldLabel(l.field, 'vi') : '';
}

const DIFF_COLUMNS: [MessageKey, number][] = [
  ['diffColAnnex', 10],
  ['diffColGroup', 8],
  ['diffColCriterion', 10],
  ['diffColChange', 12],
  ['diffColField', 22],
  ['diffColFrom', 36],
  ['diffColTo', 36],
  ['diffColDescription', 60],
  ['diffColDescriptionEn', 60],
];

/** The rows of the diff sheet from row 7 on (1-based): one per change, or a line saying there is none. */
function changeCells(diff: RulebookDiff): SheetCell[] {
  const s = diffSections(diff);
  const rows: DiffLine[] = [
    ...s.general,
    ...s.annexes.flatMap((a) => [...a.lines, ...a.groups.flatMap((g) => g.lines), ...a.bands]),
    ...s.units,
  ];
  if (!rows.length) return [{ row: 6, col: 0, value: heading('diffNoChanges') }];
  return rows.flatMap((l, i) =>
    [
      l.annex ?? '',
      l.group ?? '',
      l.criterion ?? '',
      t('vi', KIND_KEYS[l.kind]),
      fieldName(l),
      l.from?.vi ?? '',
      l.to?.vi ?? '',
      l.message.vi,
      l.message.en,
    ].map((value, col) => ({ row: 6 + i, col, value })),
  );
}

/** The diff as a sheet description: one row per change, filterable by annex, group, criterion and kind. */
export function describeDiff(diff: RulebookDiff): WorkbookDescription {
  const plain: CellStyle = { vAlign: 'top', wrap: true };
  const header = (style: string, row: number, lang: Lang): SheetCell[] =>
    DIFF_COLUMNS.map(([k], col) => ({ row, col, value: t(lang, k), style }));
  const cells: SheetCell[] = [
    { row: 0, col: 0, value: heading('diffTitle'), style: 'title' },
    {
      row: 1,
      col: 0,
      value: `${heading('diffFrom')}: ${diff.from.id} · ${diff.from.version} · ${diff.from.hash}`,
    },
    { row: 2, col: 0, value: `${heading('diffTo')}: ${diff.to.id} · ${diff.to.version} · ${diff.to.hash}` },
    ...header('headerVi', 4, 'vi'),
    ...header('headerEn', 5, 'en'),
    ...changeCells(diff),
  ];
  const sheet: SheetDescription = {
    sheetName: t('vi', 'diffSheet'),
    columns: DIFF_COLUMNS.map(([, width]) => width),
    columnStyles: Object.fromEntries(DIFF_COLUMNS.map((_, i) => [i, 'plain'])),
    rowHeights: {},
    font: { name: 'Times New Roman', size: 12 },
    styles: {
      plain,
      title: { ...plain, bold: true, size: 14 },
      headerVi: { ...plain, bold: true, fill: '#DDEBF7' },
      headerEn: { ...plain, italic: true, fill: '#DDEBF7' },
    },
    cells,
    merges: [],
    freezeRows: 6,
    autoFilter: { row: 4, col: 0, lastRow: 4, lastCol: DIFF_COLUMNS.length - 1 },
  };
  return { sheets: [sheet] };
}

/** The diff as .xlsx bytes. */
export async function diffToWorkbook(diff: RulebookDiff): Promise<Uint8Array> {
  return writeDescribedXlsx(describeDiff(diff));
}
