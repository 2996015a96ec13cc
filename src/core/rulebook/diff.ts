/**
 * What changed between two versions of a rulebook: criteria added, removed and changed per annex
 * (points, rule, text, flags, provenance, group), bands, annex fields, units, schedule, the round's
 * milestones, policies, awards and assumptions.
 * The data behind the "phụ lục những nội dung điều chỉnh, bổ sung" an ICT department circulates with a
 * draft; src/authoring/diff.ts writes it as text and as a sheet. Pure.
 *
 * Criteria are matched by id within an annex, annexes by code, bands by label, units by id,
 * milestones by id, assumptions by their Vietnamese text: a renumbered criterion is one removed and one added, as the
 * official texts list it. Policies are compared as the ranking applies them, so a rulebook that only
 * moves from the older yes/no spelling to `policies` shows no change.
 * `from` and `to` of a change are the raw values (numbers, strings, rule parameters), undefined when absent.
 */
import { canonicalJson, contentHash } from './load';
import { latePolicy, unsentPolicy } from './policies';
import type { Annex, Assumption, Criterion, Milestone, Rulebook, Unit } from './schema';

export interface FieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
  /** The annexes of the award whose tie rule or quoted words changed (`awards.ties`, `awards.source`). */
  annexes?: string[];
}

export interface CriterionRef {
  id: string;
  title: string;
  max: number;
  group: string;
  groupTitle: string;
}

export interface CriterionChange {
  id: string;
  title: string;
  group: string;
  groupTitle: string;
  changes: FieldChange[];
}

export interface BandChange {
  label: string;
  status: 'added' | 'removed' | 'changed';
  from?: { labelEn: string; min: number };
  to?: { labelEn: string; min: number };
}

export type AnnexStatus = 'added' | 'removed' | 'changed' | 'same';

export interface AnnexDiff {
  annex: string;
  title: string;
  status: AnnexStatus;
  /** The annex's own fields (title, max, …) and its groups (`group.<code>`: title, added or removed). */
  changes: FieldChange[];
  added: CriterionRef[];
  removed: CriterionRef[];
  changed: CriterionChange[];
  bands: BandChange[];
}

export interface UnitRef {
  id: string;
  name: string;
  annex: string;
}

export interface RulebookRef {
  id: string;
  version: string;
  hash: string;
}

export interface AssumptionChange {
  what: Assumption['what'];
  /** `what.en`, `why.vi`, `why.en`, `annexes` */
  changes: FieldChange[];
}

export interface MilestoneChange {
  id: string;
  title: string;
  titleEn: string;
  /** `milestone.kind`, `milestone.title`, `milestone.date`, `milestone.after`, … (the Milestone's fields) */
  changes: FieldChange[];
}

export interface RulebookDiff {
  from: RulebookRef;
  to: RulebookRef;
  /** Rulebook-wide fields: title, decision, schedule, awards, … */
  changes: FieldChange[];
  annexes: AnnexDiff[];
  units: {
    added: UnitRef[];
    removed: UnitRef[];
    changed: { id: string; name: string; changes: FieldChange[] }[];
  };
  assumptions: { added: Assumption[]; removed: Assumption[]; changed: AssumptionChange[] };
  milestones: { added: Milestone[]; removed: Milestone[]; changed: MilestoneChange[] };
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function field(out: FieldChange[], name: string, from: unknown, to: unknown) {
  if (!same(from, to)) out.push({ field: name, from, to });
}

const ref = (rb: Rulebook): RulebookRef => ({ id: rb.id, version: rb.version, hash: contentHash(rb) });

type Placed = { criterion: Criterion; group: string; groupTitle: string; groupScored: boolean };

function placed(annex: Annex): Map<string, Placed> {
  const map = new Map<string, Placed>();
  for (const g of annex.groups)
    for (const c of g.criteria)
      map.set(c.id, { criterion: c, group: g.code, groupTitle: g.title, groupScored: g.scored !== false });
  return map;
}

const criterionRef = (p: Placed): CriterionRef => ({
  id: p.criterion.id,
  title: p.criterion.title,
  max: p.criterion.max,
  group: p.group,
  groupTitle: p.groupTitle,
});

/** The differences of one criterion present in both versions. */
function criterionChanges(a: Placed, b: Placed): FieldChange[] {
  const out: FieldChange[] = [];
  const x = a.criterion;
  const y = b.criterion;
  field(out, 'group', a.group, b.group);
  field(out, 'title', x.title, y.title);
  field(out, 'guidance', x.guidance, y.guidance);
  field(out, 'max', x.max, y.max);
  if (x.rule.type !== y.rule.type) field(out, 'rule', x.rule, y.rule);
  else {
    const rx = x.rule as Record<string, unknown>;
    const ry = y.rule as Record<string, unknown>;
    for (const k of [...new Set([...Object.keys(rx), ...Object.keys(ry)])])
      if (k !== 'type') field(out, `rule.${k}`, rx[k], ry[k]);
  }
  field(out, 'reasonRequiredBelowMax', x.reasonRequiredBelowMax, y.reasonRequiredBelowMax);
  field(out, 'evidence.required', x.evidence.required, y.evidence.required);
  field(out, 'evidence.label', x.evidence.label, y.evidence.label);
  field(out, 'notApplicableAllowed', x.notApplicableAllowed, y.notApplicableAllowed);
  field(out, 'provenance', x.provenance, y.provenance);
  field(out, 'appliesTo.unitTypes', x.appliesTo?.unitTypes, y.appliesTo?.unitTypes);
  field(out, 'appliesTo.units', x.appliesTo?.units, y.appliesTo?.units);
  // Compared as meant: an absent flag is scored.
  field(out, 'scored', x.scored !== false, y.scored !== false);
  field(out, 'groupScored', a.groupScored, b.groupScored);
  return out;
}

function bandChanges(a: Annex | undefined, b: Annex | undefined): BandChange[] {
  const out: BandChange[] = [];
  const from = new Map((a?.bands ?? []).map((x) => [x.label, x]));
  const to = new Map((b?.bands ?? []).map((x) => [x.label, x]));
  for (const [label, y] of to) {
    const x = from.get(label);
    if (!x) out.push({ label, status: 'added', to: { labelEn: y.labelEn, min: y.min } });
    else if (x.min !== y.min || x.labelEn !== y.labelEn)
      out.push({
        label,
        status: 'changed',
        from: { labelEn: x.labelEn, min: x.min },
        to: { labelEn: y.labelEn, min: y.min },
      });
  }
  for (const [label, x] of from)
    if (!to.has(label)) out.push({ label, status: 'removed', from: { labelEn: x.labelEn, min: x.min } });
  return out;
}

export function diffAnnex(a: Annex | undefined, b: Annex | undefined): AnnexDiff {
  const annex = (b ?? a)!;
  const from = a ? placed(a) : new Map<string, Placed>();
  const to = b ? placed(b) : new Map<string, Placed>();
  const changes: FieldChange[] = [];
  if (a && b) {
    const fields = ['title', 'label', 'appliesTo', 'max', 'aggregate', 'rankingGroup', 'level'] as const;
    for (const k of [...fields, 'rankOn', 'pillars'] as const) field(changes, k, a[k], b[k]);
    const groupsA = new Map(a.groups.map((g) => [g.code, g.title]));
    const groupsB = new Map(b.groups.map((g) => [g.code, g.title]));
    for (const [code, title] of groupsB) field(changes, `group.${code}`, groupsA.get(code), title);
    for (const [code, title] of groupsA)
      if (!groupsB.has(code)) field(changes, `group.${code}`, title, undefined);
  }
  const added = [...to.values()].filter((p) => !from.has(p.criterion.id)).map(criterionRef);
  const removed = [...from.values()].filter((p) => !to.has(p.criterion.id)).map(criterionRef);
  const changed: CriterionChange[] = [];
  for (const [id, y] of to) {
    const x = from.get(id);
    if (!x) continue;
    const c = criterionChanges(x, y);
    if (c.length)
      changed.push({ id, title: y.criterion.title, group: y.group, groupTitle: y.groupTitle, changes: c });
  }
  const bands = bandChanges(a, b);
  const status: AnnexStatus = !a
    ? 'added'
    : !b
      ? 'removed'
      : changes.length || added.length || removed.length || changed.length || bands.length
        ? 'changed'
        : 'same';
  return { annex: annex.code, title: annex.title, status, changes, added, removed, changed, bands };
}

function unitChanges(x: Unit, y: Unit): FieldChange[] {
  const out: FieldChange[] = [];
  for (const k of [
    'name',
    'aliases',
    'annex',
    'level',
    'parent',
    'provenance',
    'type',
    'validFrom',
    'validTo',
    'mergedInto',
  ] as const)
    field(out, k, x[k], y[k]);
  return out;
}

/** Award rules: the whole list when rules come or go; only the tie rule or the quoted words, award by award, when that is all. */
function awardChanges(out: FieldChange[], a: Rulebook['awards'], b: Rulebook['awards']) {
  const rest = (x: Rulebook['awards']) => x.map(({ ties: _ties, source: _source, ...award }) => award);
  if (!same(rest(a), rest(b))) return field(out, 'awards', a, b);
  a.forEach((x, i) => {
    if (x.ties !== b[i].ties)
      out.push({ field: 'awards.ties', from: x.ties, to: b[i].ties, annexes: x.annexes });
    if (x.source !== b[i].source)
      out.push({ field: 'awards.source', from: x.source, to: b[i].source, annexes: x.annexes });
  });
}

function assumptionChanges(a: Assumption[], b: Assumption[]): RulebookDiff['assumptions'] {
  const from = new Map(a.map((x) => [x.what.vi, x]));
  const to = new Set(b.map((x) => x.what.vi));
  const changed: AssumptionChange[] = [];
  for (const y of b) {
    const x = from.get(y.what.vi);
    if (!x) continue;
    const changes: FieldChange[] = [];
    field(changes, 'what.en', x.what.en, y.what.en);
    field(changes, 'why.vi', x.why.vi, y.why.vi);
    field(changes, 'why.en', x.why.en, y.why.en);
    field(changes, 'annexes', x.annexes, y.annexes);
    if (changes.length) changed.push({ what: y.what, changes });
  }
  return {
    added: b.filter((y) => !from.has(y.what.vi)),
    removed: a.filter((x) => !to.has(x.what.vi)),
    changed,
  };
}

const MILESTONE_FIELDS = [
  'kind',
  'title',
  'titleEn',
  'by',
  'byEn',
  'date',
  'after',
  'ifNotWorkingDay',
  'source',
  'assumption',
  'note',
] as const;

/** Milestones matched by id; a milestone moved to another place in the list is not a change of its own. */
function milestoneChanges(a: Milestone[] = [], b: Milestone[] = []): RulebookDiff['milestones'] {
  const from = new Map(a.map((x) => [x.id, x]));
  const to = new Set(b.map((x) => x.id));
  const changed: MilestoneChange[] = [];
  for (const y of b) {
    const x = from.get(y.id);
    if (!x) continue;
    const changes: FieldChange[] = [];
    for (const k of MILESTONE_FIELDS) field(changes, `milestone.${k}`, x[k], y[k]);
    if (changes.length) changed.push({ id: y.id, title: y.title, titleEn: y.titleEn, changes });
  }
  return { added: b.filter((y) => !from.has(y.id)), removed: a.filter((x) => !to.has(x.id)), changed };
}

export function diffRulebooks(a: Rulebook, b: Rulebook): RulebookDiff {
  const changes: FieldChange[] = [];
  for (const k of [
    'title',
    'province',
    'issuer',
    'decision',
    'supersedes',
    'amendedBy',
    'formTitle',
    'reconstructedFrom',
  ] as const)
    field(changes, k, a[k], b[k]);
  field(changes, 'schedule.deadlines', a.schedule.deadlines, b.schedule.deadlines);
  field(changes, 'schedule.graceWorkingDays', a.schedule.graceWorkingDays, b.schedule.graceWorkingDays);
  field(changes, 'schedule.dataWindow.start', a.schedule.dataWindow.start, b.schedule.dataWindow.start);
  field(changes, 'schedule.dataWindow.end', a.schedule.dataWindow.end, b.schedule.dataWindow.end);
  field(
    changes,
    'schedule.dataWindow.startPreviousYear',
    a.schedule.dataWindow.startPreviousYear,
    b.schedule.dataWindow.startPreviousYear,
  );
  field(changes, 'policies.late', latePolicy(a), latePolicy(b));
  field(changes, 'policies.unsent', unsentPolicy(a), unsentPolicy(b));
  field(changes, 'policies.incomplete', a.policies.incomplete, b.policies.incomplete);
  field(
    changes,
    'policies.reasonsAfterConsolidation',
    a.policies.reasonsAfterConsolidation,
    b.policies.reasonsAfterConsolidation,
  );
  awardChanges(changes, a.awards, b.awards);

  const annexesA = new Map(a.annexes.map((x) => [x.code, x]));
  const codesB = new Set(b.annexes.map((x) => x.code));
  const annexes = [
    ...b.annexes.map((y) => diffAnnex(annexesA.get(y.code), y)),
    ...a.annexes.filter((x) => !codesB.has(x.code)).map((x) => diffAnnex(x, undefined)),
  ];

  const unitsA = new Map(a.units.map((u) => [u.id, u]));
  const unitsB = new Map(b.units.map((u) => [u.id, u]));
  const unitRef = (u: Unit): UnitRef => ({ id: u.id, name: u.name, annex: u.annex });
  const units: RulebookDiff['units'] = {
    added: b.units.filter((u) => !unitsA.has(u.id)).map(unitRef),
    removed: a.units.filter((u) => !unitsB.has(u.id)).map(unitRef),
    changed: b.units
      .filter((u) => unitsA.has(u.id))
      .map((u) => ({ id: u.id, name: u.name, changes: unitChanges(unitsA.get(u.id)!, u) }))
      .filter((u) => u.changes.length),
  };
  return {
    from: ref(a),
    to: ref(b),
    changes,
    annexes,
    units,
    assumptions: assumptionChanges(a.assumptions, b.assumptions),
    milestones: milestoneChanges(a.schedule.milestones, b.schedule.milestones),
  };
}

/** Nothing changed that a unit, a form or a ranking would notice (ids, versions and notes aside). */
export function isEmptyDiff(d: RulebookDiff): boolean {
  const { units, assumptions, milestones } = d;
  const lists = [
    units.added,
    units.removed,
    units.changed,
    assumptions.added,
    assumptions.removed,
    assumptions.changed,
    milestones.added,
    milestones.removed,
    milestones.changed,
  ];
  return !d.changes.length && d.annexes.every((a) => a.status === 'same') && lists.every((l) => !l.length);
}
