/**
 * The live view's model: the active sheet as the host read it → what the pane shows. Pure: the host
 * read happens in useLiveView; this turns it into the total, band, group bars and issues.
 */
import { formAnnex, indexOf } from '../../core/rulebook/applies';
import { findAnnex } from '../../core/rulebook/load';
import type { Annex, Band, Rulebook } from '../../core/rulebook/schema';
import { nextBand, score } from '../../core/scoring/score';
import { validate } from '../../core/scoring/validate';
import type { AnnexScore, Issue } from '../../core/scoring/types';
import { formName } from '../../form/names';
import { readSubmission } from '../../form/read';
import type { FormMeta, Submission } from '../../form/types';
import type { ActiveSheet } from '../../host/types';
import type { Message } from '../../i18n';
import type { RulebookLibrary } from './rulebooks';

export interface IssueGroup {
  /** The criteria group's code, or '' for issues about ids that are in no group. */
  code: string;
  title: string;
  issues: Issue[];
}

export interface FormView {
  kind: 'form';
  sheetName: string;
  meta: FormMeta;
  rulebook: Rulebook;
  annex: Annex;
  score: AnnexScore;
  /** total ÷ the maximum of the criteria that apply to the unit, 4 decimals (as the form's INDEX). */
  index: number;
  /** The annex ranks and bands on the index (its band thresholds are 0–1), not on points. */
  onIndex: boolean;
  /** Highest band first, as in the rulebook after parsing. */
  bandIndex: number;
  next?: { band: Band; needed: number };
  issues: Issue[];
  issueGroups: IssueGroup[];
  /** Values that cannot be right, in form order: while there is one, the total is provisional. */
  errors: Issue[];
  /** Not filled in yet (inputs, reasons, evidence), in form order. */
  todo: Issue[];
  /** Warnings, by criteria group. */
  warningGroups: IssueGroup[];
  /** Criteria completed only at consolidation (compared with the best unit). */
  pending: string[];
  reconstructed: boolean;
  /** The form was made with another version of the rulebook than the one used here. */
  otherVersion?: string;
  altered: Submission['altered'];
  /** Defined names of the form that can be selected (from the host's address map). */
  names: ReadonlySet<string>;
}

export type LiveView =
  | { kind: 'loading' }
  | { kind: 'none' }
  | {
      kind: 'notForm';
      sheetName: string;
      reason: 'noMetadata' | 'unknownRulebook' | 'damaged';
      detail?: string;
    }
  | { kind: 'unknownRulebook'; sheetName: string; meta: FormMeta }
  | { kind: 'failed'; detail: Message }
  | FormView;

/** The defined name of the cell an issue is about (form/names.ts), or undefined when it has none. */
export function issueCellName(issue: Pick<Issue, 'criterion' | 'field'>): string | undefined {
  switch (issue.field) {
    case '':
      return undefined;
    case 'reason':
      return formName.reason(issue.criterion);
    case 'evidence':
      return formName.evidence(issue.criterion);
    default:
      // an input key; the not-applicable answer is the input `na`
      return formName.input(issue.criterion, issue.field);
  }
}

/** The name to select for an issue, when the form has that cell. */
export function selectableName(view: Pick<FormView, 'names'>, issue: Issue): string | undefined {
  const name = issueCellName(issue);
  return name !== undefined && view.names.has(name) ? name : undefined;
}

export function groupIssues(annex: Annex, issues: Issue[]): IssueGroup[] {
  const groupOf = new Map<string, string>();
  for (const g of annex.groups) for (const c of g.criteria) groupOf.set(c.id, g.code);
  const result: IssueGroup[] = annex.groups.map((g) => ({ code: g.code, title: g.title, issues: [] }));
  const other: IssueGroup = { code: '', title: '', issues: [] };
  for (const issue of issues) {
    const code = groupOf.get(issue.criterion);
    (result.find((g) => g.code === code) ?? other).issues.push(issue);
  }
  return [...result, other].filter((g) => g.issues.length > 0);
}

export function computeLive(active: ActiveSheet, library: RulebookLibrary): LiveView {
  if (active.kind === 'none') return { kind: 'none' };
  if (active.kind === 'notForm') return { ...active };
  const resolution = library.resolve(active.meta);
  if (!resolution.ok) return { kind: 'unknownRulebook', sheetName: active.sheetName, meta: active.meta };
  const { rulebook } = resolution;
  let annex: Annex;
  let submission: Submission;
  try {
    // the criteria that apply to the form's unit: their maximum is the one the index divides by
    annex = formAnnex(rulebook, findAnnex(rulebook, active.meta.annex), active.meta.unitId);
    submission = readSubmission(rulebook, active.meta, active.values, undefined, active.addresses);
  } catch (e) {
    const reason = (e as { reason?: { en?: string } }).reason?.en ?? (e as Error).message;
    return { kind: 'notForm', sheetName: active.sheetName, reason: 'damaged', detail: reason };
  }
  const result = score(annex, submission.entries);
  const issues = validate(annex, submission.entries);
  const criteria = annex.groups.flatMap((g) => g.criteria);
  return {
    kind: 'form',
    sheetName: active.sheetName,
    meta: active.meta,
    rulebook,
    annex,
    score: result,
    index: indexOf(result.total, annex.max),
    onIndex: annex.rankOn === 'index',
    bandIndex: Math.max(
      0,
      annex.bands.findIndex((b) => b.label === result.band.label),
    ),
    next: nextBand(annex, result.total),
    issues,
    issueGroups: groupIssues(annex, issues),
    errors: issues.filter((i) => i.severity === 'error'),
    todo: issues.filter((i) => i.severity === 'todo'),
    warningGroups: groupIssues(
      annex,
      issues.filter((i) => i.severity === 'warning'),
    ),
    pending: result.criteria.filter((c) => c.pending && !c.notApplicable).map((c) => c.id),
    reconstructed: criteria.some((c) => c.provenance === 'reconstructed'),
    otherVersion: resolution.otherVersion,
    altered: submission.altered,
    names: new Set(Object.keys(active.addresses)),
  };
}

/**
 * The to-do item to go to after the one at `current` (the next one in form order that has a cell,
 * wrapping round); undefined when none has a cell.
 */
export function nextTodo(
  view: Pick<FormView, 'names' | 'todo'>,
  current: number,
): { index: number; name: string } | undefined {
  const n = view.todo.length;
  for (let step = 1; step <= n; step++) {
    const index = (((current + step) % n) + n) % n;
    const name = selectableName(view, view.todo[index]);
    if (name) return { index, name };
  }
  return undefined;
}

/** Badge colour of a band: the top band green, the bottom red, those between blue then amber. */
export function bandColor(bandIndex: number, bandCount: number): 'success' | 'brand' | 'warning' | 'danger' {
  if (bandIndex === 0) return 'success';
  if (bandIndex >= bandCount - 1) return 'danger';
  return bandIndex === 1 ? 'brand' : 'warning';
}

/** An index as published, 4 decimals, with the Vietnamese decimal comma ("0,7955"). */
export function formatIndex(x: number, lang: 'vi' | 'en' = 'vi'): string {
  const s = x.toFixed(4);
  return lang === 'vi' ? s.replace('.', ',') : s;
}
