/**
 * Validation: what is wrong or missing in a unit's entries, each issue with its reason in Vietnamese
 * and English. An error is a value that cannot be right; a "to do" is something not filled in yet
 * (an input, a reason, evidence), so a blank form is a list of things to do rather than of mistakes.
 */
import type { Annex, Criterion } from '../rulebook/schema';
import { ruleInputs, type InputSpec } from '../rulebook/inputs';
import { parseNumber, parseYesNo, formatPoints } from '../numbers';
import { t, type Lang, type Message, type MessageKey, type Params } from '../../i18n';
import { inputNumber, isNotApplicable, isSheetText, rawPoints } from './score';
import { round2 } from '../numbers';
import type { CriterionEntry, Entries, Issue, IssueCode, Severity, SheetText } from './types';

const kindLabel: Record<InputSpec['kind'], MessageKey> = {
  number: 'inputValue',
  count: 'inputCount',
  percent: 'inputPercent',
  yesNo: 'inputYesNo',
  choice: 'inputValue',
  points: 'inputPoints',
};

function fieldLabel(lang: Lang, spec: InputSpec): string {
  if (spec.key === 'numerator' && !spec.label) return t(lang, 'inputNumerator');
  if (spec.key === 'denominator' && !spec.label) return t(lang, 'inputDenominator');
  return spec.label ?? t(lang, kindLabel[spec.kind]);
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function issue(
  criterion: string,
  field: string,
  code: IssueCode,
  key: MessageKey,
  params: (lang: Lang) => Params,
  severity: Severity = 'error',
): Issue {
  const message: Message = { vi: t('vi', key, params('vi')), en: t('en', key, params('en')) };
  return { criterion, field, severity, code, message };
}

/** An entered value as the user sees it (a SheetText by its text). */
const shown = (raw: unknown) => (isSheetText(raw) ? raw.sheetText : String(raw));

/**
 * A text in a number cell of a form: the sheet counts it 0 (see SheetText). When it reads as a number
 * ("2,5", " 2 ", "85%") the issue names the cell and the number it probably meant.
 */
function checkSheetText(c: Criterion, spec: InputSpec, raw: SheetText): Issue {
  const meant = parseNumber(raw.sheetText);
  if (meant === undefined || Number.isNaN(meant))
    return issue(c.id, spec.key, 'notANumber', 'issueNotANumber', (lang) => ({
      criterion: c.id,
      field: fieldLabel(lang, spec),
      value: raw.sheetText,
    }));
  const number = (lang: Lang) =>
    spec.kind === 'percent' ? `${formatPoints(meant * 100, lang)}%` : formatPoints(meant, lang);
  return issue(c.id, spec.key, 'numberAsText', 'issueNumberAsText', (lang) => ({
    criterion: c.id,
    field: fieldLabel(lang, spec),
    cell: raw.cell ?? `"${fieldLabel(lang, spec)}"`,
    value: raw.sheetText,
    number: number(lang),
  }));
}

function checkInput(c: Criterion, spec: InputSpec, raw: unknown): Issue | undefined {
  const base = (lang: Lang) => ({ criterion: c.id, field: fieldLabel(lang, spec), value: shown(raw) });
  const make = (code: IssueCode, key: MessageKey, extra: Params = {}) =>
    issue(c.id, spec.key, code, key, (lang) => ({ ...base(lang), ...extra }));
  if (isBlank(raw)) return { ...make('missing', 'issueMissing'), severity: 'todo' };
  if (spec.kind === 'yesNo') return parseYesNo(raw) === null ? make('notYesNo', 'issueNotYesNo') : undefined;
  if (isSheetText(raw)) return checkSheetText(c, spec, raw);
  // What counts is what the formulas count: a number (or a typed Vietnamese number), never true/false.
  const n = inputNumber(raw);
  if (n === undefined) return make('notANumber', 'issueNotANumber');
  if (spec.kind === 'choice') {
    const choices = spec.choices ?? [];
    return choices.some((ch) => ch.value === n)
      ? undefined
      : make('notAChoice', 'issueNotAChoice', { choices: choices.map((ch) => ch.value).join(', ') });
  }
  if (n < 0) return make('negative', 'issueNegative');
  if (spec.kind === 'count' && !Number.isInteger(n)) return make('notWhole', 'issueNotWhole');
  if (spec.kind === 'points' && spec.key === 'points' && spec.max !== undefined && n > spec.max)
    return make('aboveMax', 'issueAboveMax', { max: spec.max });
  if ((spec.max !== undefined && n > spec.max) || n < spec.min)
    return make(
      'outOfRange',
      'issueOutOfRange',
      spec.kind === 'percent'
        ? { min: '0%', max: '100%', value: `${round2(n * 100)}%` }
        : { min: spec.min, max: spec.max ?? '' },
    );
  return undefined;
}

export function validateCriterion(c: Criterion, entry: CriterionEntry | undefined): Issue[] {
  const issues: Issue[] = [];
  if (!isBlank(entry?.na) && parseYesNo(entry?.na) === true && !c.notApplicableAllowed)
    issues.push(
      issue(c.id, 'na', 'notApplicableNotAllowed', 'issueNotApplicableNotAllowed', () => ({
        criterion: c.id,
      })),
    );
  // An answer that is neither yes nor no is not "not applicable" (the sheet marks it red too).
  if (c.notApplicableAllowed && !isBlank(entry?.na) && parseYesNo(entry?.na) === null)
    issues.push(
      issue(c.id, 'na', 'notYesNo', 'issueNotYesNo', (lang) => ({
        criterion: c.id,
        field: t(lang, 'formNotApplicable'),
        value: shown(entry?.na),
      })),
    );
  if (isNotApplicable(c, entry)) return issues;
  const specs = ruleInputs(c);
  for (const spec of specs) {
    const found = checkInput(c, spec, entry?.[spec.key]);
    if (found) issues.push(found);
  }
  if (c.rule.type === 'ratio' && c.rule.mode === 'fraction') {
    const n = inputNumber(entry?.numerator);
    const d = inputNumber(entry?.denominator);
    if (n !== undefined && d !== undefined && n > d)
      issues.push(
        issue(c.id, 'numerator', 'numeratorAboveDenominator', 'issueNumeratorAboveDenominator', () => ({
          criterion: c.id,
          numerator: n,
          denominator: d,
        })),
      );
  }
  // Reason and evidence are judged on the points the inputs give (a relativeToBest criterion is judged
  // at consolidation, so it asks for no reason here).
  const points = round2(rawPoints(c, entry));
  if (
    c.reasonRequiredBelowMax &&
    c.rule.type !== 'relativeToBest' &&
    points < c.max &&
    isBlank(entry?.reason)
  )
    issues.push(
      issue(
        c.id,
        'reason',
        'reasonRequired',
        'issueReasonRequired',
        (lang) => ({ criterion: c.id, points: formatPoints(points, lang), max: formatPoints(c.max, lang) }),
        'todo',
      ),
    );
  if (c.evidence.required && points > 0 && isBlank(entry?.evidence))
    issues.push(
      issue(
        c.id,
        'evidence',
        'evidenceRequired',
        'issueEvidenceRequired',
        () => ({ criterion: c.id }),
        'todo',
      ),
    );
  return issues;
}

export function validate(annex: Annex, entries: Entries): Issue[] {
  const known = new Set<string>();
  const issues: Issue[] = [];
  for (const group of annex.groups)
    for (const c of group.criteria) {
      known.add(c.id);
      issues.push(...validateCriterion(c, entries[c.id]));
    }
  for (const id of Object.keys(entries))
    if (!known.has(id))
      issues.push(
        issue(
          id,
          '',
          'unknownCriterion',
          'issueUnknownCriterion',
          () => ({ criterion: id, annex: annex.code }),
          'warning',
        ),
      );
  return issues;
}

/** A value that cannot be right. */
export const hasErrors = (issues: Issue[]) => issues.some((i) => i.severity === 'error');
/** Not ready to hand in: an error, or something still to fill in. */
export const isUnfinished = (issues: Issue[]) => issues.some((i) => i.severity !== 'warning');
