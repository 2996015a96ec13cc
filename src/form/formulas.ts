/**
 * The form's formulas: each reproduces the engine (core/scoring/score.ts) exactly, so Excel without
 * the add-in and LibreOffice show the engine's numbers. Plain Excel 2007 functions only (no dynamic
 * arrays, LET, LAMBDA or XLOOKUP), invariant syntax, A1 references to cells of the form sheet.
 *
 * How the engine's reading rules become formulas:
 *  - inputValue / countedNumber: a number within the input's bounds counts, anything else 0 →
 *    IF(OR(ISNUMBER(cell),ISLOGICAL(cell)),IF(AND(N(cell)>=min,N(cell)<=max),N(cell),0),0). ISNUMBER()
 *    and N() see no number in any text ("2", "2,5", a non-breaking space) in Excel and LibreOffice
 *    alike, and no formula computes with a cell directly, so LibreOffice's "conversion from text to
 *    number" setting never applies: a number stored as text counts 0 in both applications, as in the
 *    engine (SheetText), which reports it. TRUE/FALSE count 1/0 in both (see isNumberExpr).
 *  - a criterion earns nothing from an input that does not count (deduction, steps): IF(counts,…,0).
 *  - parseYesNo(..) === true → OR(TRIM(cell)={"có",…}): "=" compares text case-insensitively in Excel
 *    and LibreOffice and, unlike MATCH or COUNTIF, knows no wildcards; TRIM turns 1 into "1".
 *  - clamp(x, lo, hi) → MIN(hi, MAX(lo, x)); round2 → ROUND(x, 2) (both round half away from zero on
 *    the 15-digit decimal value); sum2 of 2-decimal points → ROUND(SUM(..), 2).
 */
import type { Annex, Criterion } from '../core/rulebook/schema';
import { ruleInputs, type InputSpec } from '../core/rulebook/inputs';

/** Yes answers the formulas accept: each is also yes for the engine's parseYesNo (a test holds this). */
export const YES_WORDS = ['có', 'co', 'c', 'x', 'yes', 'y', 'true', '1', 'đạt', 'dat', 'đã', 'da', 'rồi'];
/** No answers, for marking invalid yes/no cells (the engine's parseYesNo gives false for each). */
export const NO_WORDS = ['không', 'khong', 'k', 'ko', 'no', 'n', 'false', '0', 'chưa', 'chua', 'chưa đạt'];

/** A number literal in invariant syntax (no exponent for the values rulebooks hold). */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(20).replace(/\.?0+$/, '') : s;
}

/** A text literal: "Tốt" with inner quotes doubled. */
export function str(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

const list = (words: string[]) => `{${words.map(str).join(',')}}`;

/** TRUE when the cell holds a yes answer (Có, có, x, 1, TRUE, …). */
export function yesExpr(ref: string): string {
  return `OR(TRIM(${ref})=${list(YES_WORDS)})`;
}

export function noExpr(ref: string): string {
  return `OR(TRIM(${ref})=${list(NO_WORDS)})`;
}

/** The cell's value as a number (blank and text → 0; TRUE → 1). */
export function valueExpr(ref: string): string {
  return `N(${ref})`;
}

/**
 * TRUE when the cell holds a number. TRUE/FALSE count as 1/0: LibreOffice stores them as numbers
 * (ISNUMBER(TRUE) is TRUE there, FALSE in Excel), so both tests together agree in the two applications.
 */
export function isNumberExpr(ref: string): string {
  return `OR(ISNUMBER(${ref}),ISLOGICAL(${ref}))`;
}

/** TRUE when the input holds a number within its bounds (the engine's countedNumber defined). */
export function countsExpr(spec: InputSpec, ref: string): string {
  const n = valueExpr(ref);
  const bounds = [`${n}>=${num(spec.min)}`, ...(spec.max !== undefined ? [`${n}<=${num(spec.max)}`] : [])];
  return `IF(${isNumberExpr(ref)},${bounds.length > 1 ? `AND(${bounds.join(',')})` : bounds[0]},FALSE)`;
}

/** The number the input counts with: itself when it counts, else 0 (the engine's inputValue). */
export function countedExpr(spec: InputSpec, ref: string): string {
  if (spec.min === 0 && spec.max === undefined) return `IF(${isNumberExpr(ref)},MAX(0,${valueExpr(ref)}),0)`;
  return `IF(${countsExpr(spec, ref)},${valueExpr(ref)},0)`;
}

const clamp = (x: string, lo: string, hi: string) => `MIN(${hi},MAX(${lo},${x}))`;

/**
 * The criterion's points before rounding (rawPoints without a peer best), given the A1 reference of
 * each input key. The engine's final clamp to 0..max is kept where the rule can leave that range.
 */
export function rawPointsExpr(c: Criterion, ref: (key: string) => string): string {
  const r = c.rule;
  const max = num(c.max);
  const specs = ruleInputs(c);
  const spec = (key: string) => specs.find((s) => s.key === key)!;
  const v = (key: string) => countedExpr(spec(key), ref(key));
  const counts = (key: string) => countsExpr(spec(key), ref(key));
  switch (r.type) {
    case 'manual':
      return clamp(v('points'), '0', max);
    case 'yesNo':
      return `IF(${yesExpr(ref('value'))},${max},0)`;
    case 'ratio':
      if (r.mode === 'percent') return `${v('percent')}*${max}`;
      // n ≤ d, both counting; the IF keeps the division from ever meeting a zero denominator.
      return `IF(AND(${v('denominator')}>0,${v('numerator')}<=${v('denominator')}),${v('numerator')}/${v('denominator')}*${max},0)`;
    case 'perItem':
      return clamp(`${v('count')}*${num(r.pointsPerItem)}`, '0', max);
    case 'steps':
      return `IF(${counts('value')},${clamp(`MAX(0,${r.steps.map((s) => `IF(${valueExpr(ref('value'))}>=${num(s.min)},${num(s.points)},0)`).join(',')})`, '0', max)},0)`;
    case 'bestOf':
      return clamp(
        `MAX(0,${r.alternatives.map((a) => `IF(${yesExpr(ref(a.key))},${num(a.points)},0)`).join(',')})`,
        '0',
        max,
      );
    case 'sumOfParts':
      return clamp(r.parts.map((p) => v(p.key)).join('+'), '0', max);
    case 'deduction':
      return `IF(${counts('count')},MIN(${max},MAX(0,${num(r.floor)},${max}-${valueExpr(ref('count'))}*${num(r.pointsPerItem)})),0)`;
    case 'relativeToBest':
      // Completed at consolidation against the best unit; provisional 0, as the engine without peers.
      return '0';
    case 'levelAverage':
      return `(${r.parts.map((p) => v(p.key)).join('+')})/${r.parts.length}`;
  }
}

/**
 * TRUE when an entered value is not what the input accepts: the engine's error-level input issues
 * (validate.ts: not a number — any text, numbers stored as text included —, negative, not whole, out
 * of range, not a choice, not yes/no). Blank (TRIM(cell)="") is "to do", never an error.
 */
export function invalidExpr(spec: InputSpec | 'na', ref: string): string {
  const filled = `TRIM(${ref})<>""`;
  if (spec === 'na' || spec.kind === 'yesNo')
    return `AND(${filled},NOT(${yesExpr(ref)}),NOT(${noExpr(ref)}))`;
  const n = `N(${ref})`;
  const notNumber = `NOT(${isNumberExpr(ref)})`;
  switch (spec.kind) {
    case 'choice':
      return `AND(${filled},OR(${notNumber},ISNA(MATCH(${n},{${(spec.choices ?? []).map((ch) => num(ch.value)).join(',')}},0))))`;
    case 'count':
      return `AND(${filled},OR(${notNumber},${n}<0,${n}<>INT(${n})))`;
    default:
      return `AND(${filled},OR(${notNumber},${n}<${num(spec.min)}${spec.max !== undefined ? `,${n}>${num(spec.max)}` : ''}))`;
  }
}

/** TRUE when a fraction's numerator exceeds its denominator (both numbers). */
export function numeratorAboveExpr(numerator: string, denominator: string): string {
  return `AND(${isNumberExpr(numerator)},${isNumberExpr(denominator)},N(${numerator})>N(${denominator}))`;
}

/**
 * The number of error-level issues of one criterion the sheet can see (the engine's provisionalOf
 * counts the same): one per invalid input, one for a numerator above its denominator, one for a "not
 * applicable" answer that is neither yes nor no; a criterion marked not applicable has no input errors.
 */
export function criterionErrorsExpr(c: Criterion, ref: (key: string) => string, naRef?: string): string {
  const flag = (cond: string) => `IF(${cond},1,0)`;
  const terms = ruleInputs(c).map((spec) => flag(invalidExpr(spec, ref(spec.key))));
  if (c.rule.type === 'ratio' && c.rule.mode === 'fraction')
    terms.push(flag(numeratorAboveExpr(ref('numerator'), ref('denominator'))));
  const inputs = terms.join('+');
  if (!(c.notApplicableAllowed && naRef)) return inputs;
  return `${flag(invalidExpr('na', naRef))}+IF(${yesExpr(naRef)},0,${inputs})`;
}

/** The PT_ cell: the criterion's points rounded to 2 decimals, 0 when marked not applicable. */
export function pointsFormula(c: Criterion, ref: (key: string) => string, naRef?: string): string {
  if (c.rule.type === 'relativeToBest') return '=0';
  const rounded = `ROUND(${rawPointsExpr(c, ref)},2)`;
  return c.notApplicableAllowed && naRef ? `=IF(${yesExpr(naRef)},0,${rounded})` : `=${rounded}`;
}

/** The criteria of a group or annex as the total formulas see them. */
export interface PointsCells {
  /** Ranges of the PT_ column covering the criteria rows (blank rows in between count 0). */
  ranges: string[];
  count: number;
  /** Criteria that may be marked not applicable: their answer cell and max. */
  notApplicable: { ref: string; max: number }[];
  /** Sum of the maxima of the criteria that cannot be marked not applicable. */
  fixedMax: number;
}

/** Number of applicable criteria: count − the not-applicable answers. */
function applicableCount(cells: PointsCells): string {
  if (!cells.notApplicable.length) return num(cells.count);
  return `(${num(cells.count)}-(${cells.notApplicable.map((n) => `IF(${yesExpr(n.ref)},1,0)`).join('+')}))`;
}

/** A group's subtotal: sum of points (sum annexes) or the rounded mean over applicable criteria. */
export function groupFormula(annex: Annex, cells: PointsCells): string {
  const sum = `ROUND(SUM(${cells.ranges.join(',')}),2)`;
  if (annex.aggregate === 'sum') return `=${sum}`;
  const n = applicableCount(cells);
  return `=IF(${n}=0,0,ROUND(${sum}/${n},2))`;
}

/**
 * The total: for `sum` annexes the sum of the group subtotals, rescaled to the annex max when some
 * criteria are not applicable (points × max ÷ applicable max; at full scale the rescale is exact);
 * for `mean` annexes the rounded mean of the applicable criteria's points.
 */
export function totalFormula(
  annex: Annex,
  groupRefs: string[],
  all: PointsCells,
  byGroup: Map<string, GroupCells> = new Map(),
): string {
  if (annex.pillars && annex.aggregate === 'sum') return pillarTotalFormula(annex, byGroup);
  if (annex.aggregate === 'mean') {
    const n = applicableCount(all);
    return `=IF(${n}=0,0,ROUND(ROUND(SUM(${all.ranges.join(',')}),2)/${n},2))`;
  }
  const sum = `ROUND(SUM(${groupRefs.join(',')}),2)`;
  if (!all.notApplicable.length) return `=${sum}`;
  const applicableMax = `(${num(all.fixedMax)}+${all.notApplicable.map((n) => `IF(${yesExpr(n.ref)},0,${num(n.max)})`).join('+')})`;
  return `=IF(${applicableMax}=0,0,ROUND(${sum}*${num(annex.max)}/${applicableMax},2))`;
}

/** A counted group's subtotal cell and its criteria, as a pillar's formula sees them. */
export interface GroupCells {
  ref: string;
  cells: PointsCells;
}

/** The applicable maximum of some criteria: the fixed part, plus each N/A-able maximum unless marked. */
function applicableMaxExpr(cells: PointsCells[]): string {
  const fixed = Math.round(cells.reduce((s, c) => s + c.fixedMax, 0) * 1e6) / 1e6;
  const na = cells.flatMap((c) => c.notApplicable);
  if (!na.length) return num(fixed);
  return `(${num(fixed)}+${na.map((n) => `IF(${yesExpr(n.ref)},0,${num(n.max)})`).join('+')})`;
}

/**
 * The weighted total of an annex with pillars, in the engine's order of operations (pillarTotal):
 * annex max × Σ weight × (points ÷ applicable max) ÷ Σ weight, over the pillars with a maximum.
 */
function pillarTotalFormula(annex: Annex, byGroup: Map<string, GroupCells>): string {
  const terms: string[] = [];
  const weights: string[] = [];
  for (const p of annex.pillars ?? []) {
    const mine = p.groups.flatMap((code) => byGroup.get(code) ?? []);
    if (!mine.length) continue;
    const points = `ROUND(SUM(${mine.map((g) => g.ref).join(',')}),2)`;
    const max = applicableMaxExpr(mine.map((g) => g.cells));
    const constant = !Number.isNaN(Number(max));
    if (constant && Number(max) === 0) continue;
    terms.push(
      constant ? `${num(p.weight)}*(${points}/${max})` : `IF(${max}=0,0,${num(p.weight)}*(${points}/${max}))`,
    );
    weights.push(constant ? num(p.weight) : `IF(${max}=0,0,${num(p.weight)})`);
  }
  if (!terms.length) return '=0';
  const w = `(${weights.join('+')})`;
  return `=IF(${w}=0,0,ROUND(${num(annex.max)}*(${terms.join('+')})/${w},2))`;
}

/** What the band compares: the total, or on an index annex ROUND(total ÷ max, 4) as indexOf gives. */
export function rankValueExpr(annex: Annex, totalRef: string): string {
  return annex.rankOn === 'index' ? `ROUND(${totalRef}/${num(annex.max)},4)` : totalRef;
}

/** The INDEX cell: the total ÷ the unit's maximum, rounded to 4 decimals (as indexOf). */
export function indexFormula(annex: Annex, totalRef: string): string {
  return `=ROUND(${totalRef}/${num(annex.max)},4)`;
}

/** The band's label: bands are sorted highest first, lower bounds inclusive, the last band below all. */
export function bandFormula(annex: Annex, totalRef: string): string {
  const bands = annex.bands;
  const value = rankValueExpr(annex, totalRef);
  let f = str(bands[bands.length - 1].label);
  for (let i = bands.length - 2; i >= 0; i--)
    f = `IF(${value}>=${num(bands[i].min)},${str(bands[i].label)},${f})`;
  return `=${f}`;
}
