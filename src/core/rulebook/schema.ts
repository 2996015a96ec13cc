/**
 * The rulebook model: one province's criteria, annexes (Phụ lục), bands, units, schedule and awards,
 * versioned by the decision that issued it. Rulebooks are data (rulebooks/*.json); this schema is the
 * single definition, the JSON Schema in rulebooks/rulebook.schema.json is generated from it.
 */
import { z } from 'zod';
import { countedCriteria } from './counted';

const text = z.string().trim().min(1);
/** Dates are ISO calendar dates, month-days are '--MM-DD' (ISO 8601 without a year). */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-mm-dd');
const monthDay = z.string().regex(/^--\d{2}-\d{2}$/, 'expected --mm-dd');
/** Keys of inputs and parts become parts of defined names, so they stay within [A-Za-z0-9_]. */
const key = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected a key of letters, digits and _');

export const Provenance = z.enum(['official', 'reconstructed']);

/** Bilingual text written in the rulebook itself (assumptions, the reconstruction's source). */
const Bilingual = z.object({ vi: text, en: text });

/** A labelled choice or step, used by step tables and level scales. */
const Step = z.object({ min: z.number(), points: z.number().min(0), label: z.string().optional() });
const Level = z.object({ value: z.number().min(0), label: text });

/**
 * How a criterion's points follow from its inputs. Each type fixes its input keys (see ruleInputs).
 * Every result is clamped to 0..criterion.max.
 */
export const Rule = z.discriminatedUnion('type', [
  /** The unit enters its points directly (input `points`). */
  z.object({ type: z.literal('manual') }),
  /** Yes → max, no → 0 (input `value`). */
  z.object({ type: z.literal('yesNo'), question: z.string().optional() }),
  /** numerator ÷ denominator × max, or percent × max (inputs `numerator`,`denominator` or `percent`). */
  z.object({
    type: z.literal('ratio'),
    mode: z.enum(['fraction', 'percent']),
    numeratorLabel: z.string().optional(),
    denominatorLabel: z.string().optional(),
  }),
  /** count × pointsPerItem, capped at max (input `count`). */
  z.object({
    type: z.literal('perItem'),
    pointsPerItem: z.number().positive(),
    itemLabel: z.string().optional(),
  }),
  /** The highest step whose min ≤ value gives the points (input `value`); below every step: 0. */
  z.object({ type: z.literal('steps'), valueLabel: z.string().optional(), steps: z.array(Step).min(1) }),
  /** Each alternative is a yes/no input; points are the highest of the alternatives that apply. */
  z.object({
    type: z.literal('bestOf'),
    alternatives: z.array(z.object({ key, label: text, points: z.number().min(0) })).min(2),
  }),
  /** Each part is entered as points within its own cap (sub-cap); the sum is capped at max. */
  z.object({
    type: z.literal('sumOfParts'),
    parts: z.array(z.object({ key, label: text, max: z.number().positive() })).min(2),
  }),
  /** max − count × pointsPerItem, never below floor (input `count`: violations, late reports, …). */
  z.object({
    type: z.literal('deduction'),
    pointsPerItem: z.number().positive(),
    floor: z.number().min(0).default(0),
    itemLabel: z.string().optional(),
  }),
  /** value ÷ best value among peers × max, completed at consolidation (input `value`). */
  /**
   * Completed at consolidation: value ÷ the best unit's value × max (`best`, the default), or min–max,
   * (value − lowest) ÷ (best − lowest) × max (`minmax`), the lowest and best among the counted units.
   */
  z.object({
    type: z.literal('relativeToBest'),
    valueLabel: z.string().optional(),
    normalise: z.enum(['best', 'minmax']).optional(),
  }),
  /** Each part is rated on a level scale; points = average level (the Đồng Nai style score). */
  z.object({
    type: z.literal('levelAverage'),
    parts: z.array(z.object({ key, label: text })).min(1),
    levels: z.array(Level).min(2),
  }),
]);

export const Criterion = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected an id such as 1.2 or 4.3a'),
  title: text,
  guidance: z.string().optional(),
  max: z.number().positive(),
  rule: Rule,
  /** A reason (lý do chưa đạt điểm tối đa) is required when points are below max. */
  reasonRequiredBelowMax: z.boolean().default(false),
  evidence: z.object({ required: z.boolean(), label: z.string().optional() }).default({ required: false }),
  notApplicableAllowed: z.boolean().default(false),
  provenance: Provenance,
  /**
   * Only these unit types or units fill the criterion (a sub-index only for the sở tasked with the
   * digital economy); absent: every unit of the annex. A unit's annex maximum follows (annexForUnit).
   */
  appliesTo: z
    .object({ unitTypes: z.array(text).min(1).optional(), units: z.array(text).min(1).optional() })
    .optional(),
  /** `false`: collected on the form but carrying no points (not in the group subtotal nor the total). */
  scored: z.boolean().optional(),
});

export const CriteriaGroup = z.object({
  code: key.or(z.string().regex(/^\d+$/)),
  title: text,
  criteria: z.array(Criterion).min(1),
  /** `false`: collected but not counted in the total (DTI 922: "Đô thị thông minh — không tính điểm"). */
  scored: z.boolean().optional(),
});

export const Band = z.object({ label: text, labelEn: text, min: z.number() });

/**
 * A pillar (trụ cột: digital government, economy, society) over groups of a `sum` annex. With pillars
 * the total is weighted: each pillar contributes weight ÷ Σ weights of the annex maximum, in the share
 * of its own applicable maximum that the unit earned. Weights proportional to the pillars' maxima give
 * the plain sum.
 */
export const Pillar = z.object({
  code: key.or(z.string().regex(/^\d+$/)),
  title: text,
  groups: z.array(text).min(1),
  weight: z.number().positive(),
});

export const Annex = z.object({
  code: z.string().regex(/^[A-Za-z0-9_]+$/, 'expected an annex code such as I or 1'),
  title: text,
  /** How the decision names the form where it is not "Phụ lục {code}" (Gia Lai: "Cấp sở"). */
  label: text.optional(),
  appliesTo: text,
  /** Maximum total; for `mean` annexes the top of the level scale. */
  max: z.number().positive(),
  /** `sum`: total = sum of points (N/A criteria rescaled); `mean`: total = average of criteria points. */
  aggregate: z.enum(['sum', 'mean']).default('sum'),
  /** Lower bound inclusive; any order in the data, highest first after parsing. */
  bands: z.array(Band).min(1),
  rankingGroup: text,
  /** Administrative level of the units that fill it (Gia Lai ranks each level separately). */
  level: z.enum(['province', 'district', 'commune']).optional(),
  groups: z.array(CriteriaGroup).min(1),
  /** Weighted pillars over the groups (see Pillar); absent: the total is the plain sum. */
  pillars: z.array(Pillar).min(1).optional(),
  /**
   * What the annex ranks and bands on: points (the default), or the index (total ÷ the unit's maximum,
   * 4 decimals), its bands then being index thresholds 0–1 (the DTI publishes 0.7955).
   */
  rankOn: z.enum(['points', 'index']).optional(),
});

export const Unit = z.object({
  id: key.or(z.string().regex(/^[A-Za-z0-9_-]+$/)),
  name: text,
  aliases: z.array(text).default([]),
  annex: text,
  level: z.enum(['province', 'district', 'commune']).optional(),
  parent: z.string().optional(),
  /** The unit list entry is confirmed by an official text, or reconstructed. */
  provenance: Provenance.default('official'),
  /** What kind of unit it is (sở, xã, phường, đặc khu, …): criteria may apply to some types only. */
  type: text.optional(),
  /** The unit exists from / until these dates (the two-level government of 1 July 2025). */
  validFrom: isoDate.optional(),
  validTo: isoDate.optional(),
  /** The unit this one was merged into (its id). */
  mergedInto: z.string().optional(),
});

/**
 * A step of the yearly round (submission, preliminary report, appraisal, decision, award dossier,
 * publication), quoted from the decision. Its due date is a month-day of the round's year (`date`), or
 * a number of working days `after` another milestone; a `submission` milestone with neither follows
 * the schedule's deadlines and grace period. Where the decision is silent the data says so:
 * `assumption: true` and a `note` in both languages.
 */
export const MilestoneKind = z.enum([
  'submission',
  'preliminary',
  'appraisal',
  'decision',
  'award',
  'publication',
]);
export const Milestone = z
  .object({
    id: key,
    kind: MilestoneKind,
    title: text,
    titleEn: text,
    /** Who must act (the units, the ICT department, the council, the People's Committee). */
    by: z.string().optional(),
    byEn: z.string().optional(),
    /** The last day, as a month-day of the round's year ("trước ngày 30 tháng 9" → --09-30). */
    date: monthDay.optional(),
    after: z.object({ milestone: key, workingDays: z.number().int().min(0) }).optional(),
    /** When the date is not a working day: the working day before it, after it, or the date as written. */
    ifNotWorkingDay: z.enum(['previous', 'next', 'keep']).default('previous'),
    /** The words of the decision and where they are (article, clause). */
    source: z.string().optional(),
    assumption: z.boolean().default(false),
    note: z.object({ vi: text, en: text }).optional(),
  })
  .refine(
    (m) => m.date !== undefined || m.after !== undefined || m.kind === 'submission',
    'expected a date or after (only a submission may follow the deadlines)',
  );

/** Ids unique; `after` names an earlier milestone of the list. */
const Milestones = z.array(Milestone).superRefine((list, ctx) => {
  list.forEach((m, i) => {
    if (list.findIndex((x) => x.id === m.id) !== i)
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate milestone ${m.id}` });
    if (m.after && !list.slice(0, i).some((x) => x.id === m.after!.milestone))
      ctx.addIssue({
        code: 'custom',
        path: [i, 'after', 'milestone'],
        message: `milestone ${m.after.milestone} is not listed before ${m.id}`,
      });
  });
});

export const Schedule = z.object({
  /** Due dates as month-days, per annex (an annex missing here uses the first entry). */
  deadlines: z.array(z.object({ annexes: z.array(text).min(1), date: monthDay })).min(1),
  /** Working days after the deadline that still count as on time (weekends and public holidays excluded). */
  graceWorkingDays: z.number().int().min(0).default(0),
  /** The steps of the round, in order: see Milestone. */
  milestones: Milestones.optional(),
  /** The period the data covers. `startPreviousYear`: the window starts in the year before the survey year. */
  dataWindow: z.object({ start: monthDay, end: monthDay, startPreviousYear: z.boolean().default(false) }),
  /** Older spelling of `policies.late` (true = notRanked, false = ranked); read when `policies.late` is absent. */
  lateNotRanked: z.boolean().optional(),
  /** Older spelling of `policies.unsent` (true = rankedLast); read when `policies.unsent` is absent. */
  missingRankedLast: z.boolean().optional(),
});

/**
 * What the decision does with forms that are late, unsent or incomplete. Each is a setting because the
 * decisions differ: QĐ 1867 Bình Thuận "xem như không được đánh giá, xếp hạng" (late and unsent alike);
 * CV 1252 Gia Lai "không được xếp hạng (xem như xếp hạng cuối)".
 */
export const Policies = z.object({
  /** A form received after the last on-time day: ranked as any other, not ranked, or ranked last. */
  late: z.enum(['ranked', 'notRanked', 'rankedLast']).optional(),
  /** A unit in the list that sent no form: left out, or ranked last. */
  unsent: z.enum(['notRanked', 'rankedLast']).optional(),
  /** A form with entries, reasons or evidence still missing: ranked with warnings, or not ranked. */
  incomplete: z.enum(['warning', 'notRanked']).default('warning'),
  /** A reason below maximum is also required where the points are completed at consolidation (value ÷ best unit). */
  reasonsAfterConsolidation: z.boolean().default(true),
});

/**
 * Awards go to the first `topN` units of the annexes that reach `band`. Units tied at the cut-off
 * (two firsts where one award is given): `council` flags them for the appraisal council to decide and
 * awards none of them; `all` awards every tied unit.
 */
export const Award = z.object({
  annexes: z.array(text).min(1),
  topN: z.number().int().positive(),
  band: text,
  ties: z.enum(['council', 'all']).default('council'),
  /** The words of the decision that grant it (article, clause): quoted in the award proposal. */
  source: z.string().optional(),
});

/**
 * A choice the rulebook makes where its decision is silent or not available (a maximum, a band, a date
 * read one way). Shown on the form, the ranking and the command line, so nobody takes it for the decision.
 */
export const Assumption = z.object({
  what: Bilingual,
  why: Bilingual,
  /** The annexes it concerns; absent: the whole rulebook. */
  annexes: z.array(text).optional(),
});

// in a module of its own, so that scoring does not load zod (the pane's start)
export { countedCriteria };

/** Pillars name known groups, each at most once, cover every scored group, and only on `sum` annexes. */
function checkPillars(
  annex: z.infer<typeof Annex>,
  ctx: z.core.$RefinementCtx<unknown>,
  at: (string | number)[],
) {
  if (!annex.pillars) return;
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path: [...at, ...path], message });
  if (annex.aggregate !== 'sum') issue(['pillars'], 'pillars need a sum annex');
  const seen = new Set<string>();
  annex.pillars.forEach((p, i) =>
    p.groups.forEach((code, j) => {
      if (!annex.groups.some((g) => g.code === code))
        issue(['pillars', i, 'groups', j], `unknown group ${code}`);
      else if (seen.has(code)) issue(['pillars', i, 'groups', j], `group ${code} is in two pillars`);
      seen.add(code);
    }),
  );
  for (const g of annex.groups)
    if (g.scored !== false && !seen.has(g.code)) issue(['pillars'], `group ${g.code} is in no pillar`);
}

export const Rulebook = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id such as binh-thuan-2019'),
    version: text,
    title: text,
    province: text,
    issuer: text,
    decision: z.object({ number: text, date: isoDate }),
    supersedes: z.array(z.object({ number: text, date: isoDate })).default([]),
    amendedBy: z.array(z.object({ number: text, date: isoDate })).default([]),
    sources: z.array(z.string()).default([]),
    notes: z.string().optional(),
    /** The title printed on the forms, without the year (the decision's own words). */
    formTitle: text.optional(),
    /** What reconstructed criteria are modelled on, named in the reconstruction notice. */
    reconstructedFrom: Bilingual.optional(),
    annexes: z.array(Annex).min(1),
    units: z.array(Unit).default([]),
    schedule: Schedule,
    policies: Policies.default({ incomplete: 'warning', reasonsAfterConsolidation: true }),
    awards: z.array(Award).default([]),
    assumptions: z.array(Assumption).default([]),
  })
  .superRefine((rb, ctx) => {
    const annexCodes = new Set<string>();
    rb.annexes.forEach((annex, a) => {
      if (annexCodes.has(annex.code))
        ctx.addIssue({
          code: 'custom',
          path: ['annexes', a, 'code'],
          message: `duplicate annex code ${annex.code}`,
        });
      annexCodes.add(annex.code);
      const ids = new Set<string>();
      annex.groups.forEach((group, g) =>
        group.criteria.forEach((c, i) => {
          const path = ['annexes', a, 'groups', g, 'criteria', i];
          if (ids.has(c.id))
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'id'],
              message: `duplicate criterion id ${c.id}`,
            });
          ids.add(c.id);
          if (c.rule.type === 'sumOfParts' && c.rule.parts.reduce((s, p) => s + p.max, 0) < c.max)
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'rule', 'parts'],
              message: 'parts cannot reach the criterion max',
            });
          if (c.rule.type === 'levelAverage' && Math.max(...c.rule.levels.map((l) => l.value)) !== c.max)
            ctx.addIssue({ code: 'custom', path: [...path, 'max'], message: 'max must equal the top level' });
        }),
      );
      checkPillars(annex, ctx, ['annexes', a]);
      if (annex.aggregate === 'sum') {
        const sum = annex.groups.flatMap(countedCriteria).reduce((s, c) => s + c.max, 0);
        if (Math.abs(sum - annex.max) > 1e-9)
          ctx.addIssue({
            code: 'custom',
            path: ['annexes', a, 'max'],
            message: `criteria maxima add up to ${sum}, not ${annex.max}`,
          });
      }
    });
    rb.units.forEach((u, i) => {
      if (!annexCodes.has(u.annex))
        ctx.addIssue({ code: 'custom', path: ['units', i, 'annex'], message: `unknown annex ${u.annex}` });
      if (u.parent && !rb.units.some((p) => p.id === u.parent))
        ctx.addIssue({
          code: 'custom',
          path: ['units', i, 'parent'],
          message: `unknown parent unit ${u.parent}`,
        });
      if (u.mergedInto && !rb.units.some((p) => p.id === u.mergedInto))
        ctx.addIssue({
          code: 'custom',
          path: ['units', i, 'mergedInto'],
          message: `unknown unit ${u.mergedInto}`,
        });
      if (u.validFrom && u.validTo && u.validTo < u.validFrom)
        ctx.addIssue({
          code: 'custom',
          path: ['units', i, 'validTo'],
          message: `valid until ${u.validTo}, before ${u.validFrom}`,
        });
    });
    rb.awards.forEach((aw, i) =>
      aw.annexes.forEach((code) => {
        const annex = rb.annexes.find((x) => x.code === code);
        if (!annex)
          ctx.addIssue({ code: 'custom', path: ['awards', i, 'annexes'], message: `unknown annex ${code}` });
        else if (!annex.bands.some((b) => b.label === aw.band))
          ctx.addIssue({
            code: 'custom',
            path: ['awards', i, 'band'],
            message: `annex ${code} has no band ${aw.band}`,
          });
      }),
    );
    rb.assumptions.forEach((as, i) =>
      as.annexes?.forEach((code) => {
        if (!annexCodes.has(code))
          ctx.addIssue({
            code: 'custom',
            path: ['assumptions', i, 'annexes'],
            message: `unknown annex ${code}`,
          });
      }),
    );
  });

export type Provenance = z.infer<typeof Provenance>;
export type Rule = z.infer<typeof Rule>;
export type RuleType = Rule['type'];
export type Criterion = z.infer<typeof Criterion>;
export type CriteriaGroup = z.infer<typeof CriteriaGroup>;
export type Band = z.infer<typeof Band>;
export type Pillar = z.infer<typeof Pillar>;
export type Annex = z.infer<typeof Annex>;
export type Unit = z.infer<typeof Unit>;
export type Schedule = z.infer<typeof Schedule>;
export type Milestone = z.infer<typeof Milestone>;
export type MilestoneKind = z.infer<typeof MilestoneKind>;
export type Award = z.infer<typeof Award>;
export type Policies = z.infer<typeof Policies>;
export type Assumption = z.infer<typeof Assumption>;
export type LatePolicy = NonNullable<Policies['late']>;
export type UnsentPolicy = NonNullable<Policies['unsent']>;
export type Rulebook = z.infer<typeof Rulebook>;
/** The rulebook as written in a JSON file, before defaults are filled in. */
export type RulebookInput = z.input<typeof Rulebook>;
