/**
 * The defined-name contract of a form (docs/forms.md). Consolidation, the pane and outside tools find
 * every input and result cell of a form by these workbook-level names, wherever the cell has moved.
 */
import type { Annex, Criterion } from '../core/rulebook/schema';
import { ruleInputs } from '../core/rulebook/inputs';
import { nameSafe } from '../core/rulebook/load';

/** Bumped when the form's layout or name contract changes, so older forms can be upgraded. */
export const LAYOUT_VERSION = 1;

/** The very hidden sheet holding the form's identity as key/value rows. */
export const META_SHEET = '_scorecard_meta';
/** Workbook-level name covering the metadata sheet's key/value rows (columns A:B). */
export const META_NAME = 'SCORECARD_META';

export const formName = {
  input: (criterionId: string, key: string) => `IN_${nameSafe(criterionId)}_${key}`,
  notApplicable: (criterionId: string) => `IN_${nameSafe(criterionId)}_na`,
  points: (criterionId: string) => `PT_${nameSafe(criterionId)}`,
  group: (groupCode: string) => `GR_${nameSafe(groupCode)}`,
  reason: (criterionId: string) => `REASON_${nameSafe(criterionId)}`,
  evidence: (criterionId: string) => `EVIDENCE_${nameSafe(criterionId)}`,
  appraisal: (criterionId: string) => `APPR_${nameSafe(criterionId)}`,
  appraisalNote: (criterionId: string) => `APPRNOTE_${nameSafe(criterionId)}`,
  total: 'TOTAL',
  /** TOTAL ÷ the unit's maximum, 4 decimals. */
  index: 'INDEX',
  band: 'BAND',
  /** The number of errors on the form (shown "Tạm tính — còn N lỗi"): TOTAL and BAND are provisional while above 0. */
  status: 'STATUS',
  /** The unit cell of a form made without a unit (a drop-down of the annex's units). */
  unit: 'UNIT',
} as const;

export type NameRole =
  | 'input'
  | 'notApplicable'
  | 'points'
  | 'group'
  | 'reason'
  | 'evidence'
  | 'appraisal'
  | 'appraisalNote'
  | 'total'
  | 'index'
  | 'band'
  | 'status';

/** What a defined name of a form stands for. */
export interface FormNameInfo {
  name: string;
  role: NameRole;
  criterionId?: string;
  inputKey?: string;
  groupCode?: string;
}

/** The input names of one criterion, in form order (the not-applicable answer last). */
export function criterionInputNames(c: Criterion): { name: string; key: string }[] {
  const names = ruleInputs(c).map((spec) => ({ name: formName.input(c.id, spec.key), key: spec.key }));
  if (c.notApplicableAllowed) names.push({ name: formName.notApplicable(c.id), key: 'na' });
  return names;
}

/** Every defined name a form of this annex carries, in form order. */
export function annexNames(annex: Annex): FormNameInfo[] {
  const out: FormNameInfo[] = [];
  for (const group of annex.groups) {
    out.push({ name: formName.group(group.code), role: 'group', groupCode: group.code });
    for (const c of group.criteria) {
      const id = c.id;
      for (const { name, key } of criterionInputNames(c))
        out.push({ name, role: key === 'na' ? 'notApplicable' : 'input', criterionId: id, inputKey: key });
      out.push(
        { name: formName.points(id), role: 'points', criterionId: id },
        { name: formName.evidence(id), role: 'evidence', criterionId: id },
        { name: formName.reason(id), role: 'reason', criterionId: id },
        { name: formName.appraisal(id), role: 'appraisal', criterionId: id },
        { name: formName.appraisalNote(id), role: 'appraisalNote', criterionId: id },
      );
    }
  }
  out.push(
    { name: formName.total, role: 'total' },
    { name: formName.index, role: 'index' },
    { name: formName.band, role: 'band' },
    { name: formName.status, role: 'status' },
  );
  return out;
}

/** Names of the contract are recognised by their prefix (the rest needs the annex to resolve). */
export function isFormName(name: string): boolean {
  return (
    /^(IN|PT|GR|REASON|EVIDENCE|APPR|APPRNOTE)_/.test(name) ||
    ['TOTAL', 'INDEX', 'BAND', 'STATUS', 'UNIT'].includes(name)
  );
}
