/**
 * A criterion's rule from its row of the "Tiêu chí" sheet: the rule type, then the parameter columns
 * that type uses (a filled column it does not use is an error, since the author meant something by it).
 */
import type { Rule, RuleType } from '../core/rulebook/schema';
import { t } from '../i18n';
import {
  NORMALISES,
  RATIO_MODES,
  RULE_TYPES,
  duplicateKeys,
  parseAlternatives,
  parseLevels,
  parseParts,
  parseSteps,
} from './notation';
import { bi, blank, type SheetReader, type Table, type TableRow } from './cells';

/** Every rule-parameter column of the criteria sheet. */
export const RULE_PARAMS = [
  'label',
  'ratioMode',
  'numeratorLabel',
  'denominatorLabel',
  'pointsPerItem',
  'floor',
  'steps',
  'alternatives',
  'parts',
  'levels',
  'normalise',
];
const PARAMS_OF: Record<RuleType, string[]> = {
  manual: [],
  yesNo: ['label'],
  ratio: ['ratioMode', 'numeratorLabel', 'denominatorLabel'],
  perItem: ['pointsPerItem', 'label'],
  steps: ['label', 'steps'],
  bestOf: ['alternatives'],
  sumOfParts: ['parts'],
  deduction: ['pointsPerItem', 'floor', 'label'],
  relativeToBest: ['label', 'normalise'],
  levelAverage: ['parts', 'levels'],
};

/** One criterion row being read: the reader, its table and row, and the criterion's maximum. */
interface RuleRow {
  c: SheetReader;
  table: Table;
  r: TableRow;
  max: number | undefined;
  label: string | undefined;
}

const opt = <K extends string>(k: K, v: string | undefined) =>
  v === undefined ? {} : ({ [k]: v } as Record<K, string>);

/** Items of a notation whose keys must differ (alternatives, parts). */
function keysUnique<T extends { key: string }>(
  x: RuleRow,
  key: string,
  items: T[] | undefined,
): T[] | undefined {
  const dup = items ? duplicateKeys(items) : [];
  if (dup.length) x.c.at(x.table, x.r.row, key, bi('awDuplicateKey', { key: dup.join(', ') }));
  return items;
}

const perItem = (x: RuleRow) =>
  x.c.number(x.table, x.r, 'pointsPerItem', { required: true, positive: true })!;

function ratioRule(x: RuleRow): Rule {
  const mode = x.c.choice(x.table, x.r, 'ratioMode', RATIO_MODES, true);
  return {
    type: 'ratio',
    mode: mode!,
    ...opt('numeratorLabel', x.c.text(x.table, x.r, 'numeratorLabel')),
    ...opt('denominatorLabel', x.c.text(x.table, x.r, 'denominatorLabel')),
  };
}

function stepsRule(x: RuleRow): Rule {
  const steps = x.c.notation(x.table, x.r, 'steps', parseSteps);
  if (steps?.some((s) => s.points < 0))
    x.c.at(x.table, x.r.row, 'steps', bi('awNegative', { value: Math.min(...steps.map((s) => s.points)) }));
  return { type: 'steps', ...opt('valueLabel', x.label), steps: steps! };
}

function bestOfRule(x: RuleRow): Rule {
  const alternatives = keysUnique(
    x,
    'alternatives',
    x.c.notation(x.table, x.r, 'alternatives', parseAlternatives),
  );
  if (alternatives && alternatives.length < 2)
    x.c.at(x.table, x.r.row, 'alternatives', bi('awTooFew', { min: 2 }));
  return { type: 'bestOf', alternatives: alternatives! };
}

function sumOfPartsRule(x: RuleRow): Rule {
  const parts = keysUnique(
    x,
    'parts',
    x.c.notation(x.table, x.r, 'parts', (s) => parseParts(s, true)),
  );
  if (parts && parts.length < 2) x.c.at(x.table, x.r.row, 'parts', bi('awTooFew', { min: 2 }));
  const sum = parts?.reduce((s, p) => s + (p.max ?? 0), 0);
  if (parts && x.max !== undefined && sum! < x.max)
    x.c.at(x.table, x.r.row, 'parts', bi('awPartsBelowMax', { sum: sum!, max: x.max }));
  return { type: 'sumOfParts', parts: parts as { key: string; label: string; max: number }[] };
}

function levelAverageRule(x: RuleRow): Rule {
  const parts = keysUnique(
    x,
    'parts',
    x.c.notation(x.table, x.r, 'parts', (s) => parseParts(s, false)),
  );
  const levels = x.c.notation(x.table, x.r, 'levels', parseLevels);
  if (levels && levels.length < 2) x.c.at(x.table, x.r.row, 'levels', bi('awTooFew', { min: 2 }));
  const top = levels && Math.max(...levels.map((l) => l.value));
  if (levels && x.max !== undefined && top !== x.max)
    x.c.at(x.table, x.r.row, 'max', bi('awTopLevelNotMax', { top: top!, max: x.max }));
  return { type: 'levelAverage', parts: parts as { key: string; label: string }[], levels: levels! };
}

const RULE_READERS: Record<RuleType, (x: RuleRow) => Rule> = {
  manual: () => ({ type: 'manual' }),
  yesNo: (x) => ({ type: 'yesNo', ...opt('question', x.label) }),
  ratio: ratioRule,
  perItem: (x) => ({ type: 'perItem', pointsPerItem: perItem(x), ...opt('itemLabel', x.label) }),
  steps: stepsRule,
  bestOf: bestOfRule,
  sumOfParts: sumOfPartsRule,
  deduction: (x) => ({
    type: 'deduction',
    pointsPerItem: perItem(x),
    floor: x.c.number(x.table, x.r, 'floor', { nonNegative: true }) ?? 0,
    ...opt('itemLabel', x.label),
  }),
  relativeToBest: (x) => ({
    type: 'relativeToBest',
    ...opt('valueLabel', x.label),
    ...opt('normalise', x.c.choice(x.table, x.r, 'normalise', NORMALISES, false)),
  }),
  levelAverage: levelAverageRule,
};

/** The rule of a criterion row; undefined (with an error) when its type is missing or unknown. */
export function readRule(
  c: SheetReader,
  table: Table,
  r: TableRow,
  max: number | undefined,
): Rule | undefined {
  const type = c.choice(table, r, 'ruleType', RULE_TYPES, true, 'awUnknownRuleType');
  if (!type) return undefined;
  for (const key of RULE_PARAMS)
    if (!PARAMS_OF[type].includes(key) && !blank(r.get(key)))
      c.at(
        table,
        r.row,
        key,
        bi('awUnusedParam', (lang) => ({ rule: t(lang, RULE_TYPES.find((x) => x.id === type)!.label) })),
      );
  const label = c.text(table, r, 'label');
  return RULE_READERS[type]({ c, table, r, max, label });
}
