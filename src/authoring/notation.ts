/**
 * The readable notations of the authoring workbook: how a rule's parameters, dates and choices are
 * written in a cell, and read back. Writing then reading gives the same value (the round-trip tests
 * hold every built-in rulebook to that). Pure.
 *
 *   steps         "4→20 (Từ 4 cuộc trở lên); 3→15; 1→5"      value→points (label); "->" or "=>" also read
 *   alternatives  "caHai: Cả hai kết nối = 15 | internet: Chỉ Internet = 10"   key: label = points
 *   parts         "lan: Mạng LAN ≤ 10 | fw: Tường lửa ≤ 5"      key: label ≤ max ("<=" also read)
 *   parts (levelAverage)  "a: Nội dung a | b: Nội dung b"     key: label
 *   levels        "0 = Không thực hiện | 1 = Một phần | 3 = Tốt"   value = label
 *
 * Items are separated by ";" (steps) or "|" (the others) outside brackets, or one per line: a cell with
 * line breaks is split on line breaks only, which is how labels that contain the separator are written
 * (a single item whose label has the separator outside brackets cannot be written; no rulebook has one).
 * Numbers use the Vietnamese decimal comma ("0,5"); a dot is read as parseNumber reads it.
 * The key of an alternative or part is optional when typing; a missing key is made from its position.
 */
import { parseNumber } from '../core/numbers';
import type { Award, Milestone, Policies, Rule, RuleType } from '../core/rulebook/schema';
import { msg, t, type Message, type MessageKey } from '../i18n';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Message };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(problem: Message): Parsed<T> => ({ ok: false, problem });

type Step = Extract<Rule, { type: 'steps' }>['steps'][number];
type Alternative = Extract<Rule, { type: 'bestOf' }>['alternatives'][number];
type Part = { key: string; label: string; max?: number };
type Level = Extract<Rule, { type: 'levelAverage' }>['levels'][number];

const KEY = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Numbers in notations: decimal comma, no grouping, so parseNumber reads them back exactly. */
export function formatNumber(n: number): string {
  return String(n).replace('.', ',');
}

function readNumber(text: string): number | undefined {
  const n = parseNumber(text.trim());
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

/** Splits at `sep` outside brackets: "4→20 (a; b); 3→15" is two steps. */
function splitOutside(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === sep && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function joinItems(items: string[], sep: ';' | '|'): string {
  return items.some((s) => splitOutside(s, sep).length > 1)
    ? items.join('\n')
    : items.join(sep === ';' ? '; ' : ' | ');
}

function splitItems(text: string, sep: ';' | '|'): string[] {
  const parts = /[\r\n]/.test(text) ? text.split(/\r?\n|\r/) : splitOutside(text, sep);
  return parts.map((s) => s.trim()).filter((s) => s !== '');
}

/** "key: label" → key and label; without a key of letters, digits and _, all of it is the label. */
function splitKey(text: string): { key?: string; label: string } {
  const m = /^([A-Za-z][A-Za-z0-9_]*)\s*:\s*([\s\S]+)$/.exec(text.trim());
  return m ? { key: m[1], label: m[2].trim() } : { label: text.trim() };
}

const ARROW = /→|->|=>/;

// ── steps ───────────────────────────────────────────────────────────────────────────────────────
export function formatSteps(steps: Step[]): string {
  return joinItems(
    steps.map(
      (s) =>
        `${formatNumber(s.min)}→${formatNumber(s.points)}${s.label !== undefined ? ` (${s.label})` : ''}`,
    ),
    ';',
  );
}

export function parseSteps(text: string): Parsed<Step[]> {
  const steps: Step[] = [];
  for (const item of splitItems(text, ';')) {
    const bad = fail<Step[]>(msg('awBadSteps', { value: item }));
    const arrow = ARROW.exec(item);
    if (!arrow) return bad;
    const left = item.slice(0, arrow.index).trim();
    const right = item.slice(arrow.index + arrow[0].length).trim();
    const r = /^([+-]?[\d.,]+)\s*(?:\(([\s\S]*)\)|:\s*([\s\S]*))?$/.exec(right);
    if (!r) return bad;
    const points = readNumber(r[1]);
    let label: string | undefined = r[2] ?? r[3];
    let min = readNumber(left);
    if (min === undefined) {
      // "4 cuộc→20": the value starts the label.
      const l = /^([+-]?[\d.,]+)\s+(\S[\s\S]*)$/.exec(left);
      if (l) {
        min = readNumber(l[1]);
        label ??= left;
      }
    }
    if (min === undefined || points === undefined) return bad;
    steps.push(label === undefined ? { min, points } : { min, points, label: label.trim() });
  }
  return steps.length ? ok(steps) : fail(msg('awBadSteps', { value: text }));
}

// ── alternatives (bestOf) ─────────────────────────────────────────────────────────────────────────
export function formatAlternatives(alternatives: Alternative[]): string {
  return joinItems(
    alternatives.map((a) => `${a.key}: ${a.label} = ${formatNumber(a.points)}`),
    '|',
  );
}

export function parseAlternatives(text: string): Parsed<Alternative[]> {
  const out: Alternative[] = [];
  for (const [i, item] of splitItems(text, '|').entries()) {
    const eq = item.lastIndexOf('=');
    const points = eq > 0 ? readNumber(item.slice(eq + 1)) : undefined;
    const { key, label } = splitKey(eq > 0 ? item.slice(0, eq) : item);
    if (points === undefined || !label) return fail(msg('awBadAlternatives', { value: item }));
    out.push({ key: key ?? `a${i + 1}`, label, points });
  }
  return out.length ? ok(out) : fail(msg('awBadAlternatives', { value: text }));
}

// ── parts (sumOfParts with max; levelAverage without) ────────────────────────────────────────────
export function formatParts(parts: Part[]): string {
  return joinItems(
    parts.map((p) => `${p.key}: ${p.label}${p.max !== undefined ? ` ≤ ${formatNumber(p.max)}` : ''}`),
    '|',
  );
}

export function parseParts(text: string, withMax: boolean): Parsed<Part[]> {
  const out: Part[] = [];
  for (const [i, item] of splitItems(text, '|').entries()) {
    const bad = fail<Part[]>(msg(withMax ? 'awBadParts' : 'awBadLevelParts', { value: item }));
    let rest = item;
    let max: number | undefined;
    if (withMax) {
      const at = Math.max(item.lastIndexOf('≤'), item.lastIndexOf('<='));
      if (at <= 0) return bad;
      max = readNumber(item.slice(at + (item[at] === '≤' ? 1 : 2)));
      if (max === undefined) return bad;
      rest = item.slice(0, at);
    }
    const { key, label } = splitKey(rest);
    if (!label) return bad;
    out.push(withMax ? { key: key ?? `p${i + 1}`, label, max } : { key: key ?? `p${i + 1}`, label });
  }
  return out.length ? ok(out) : fail(msg(withMax ? 'awBadParts' : 'awBadLevelParts', { value: text }));
}

// ── levels (levelAverage) ────────────────────────────────────────────────────────────────────────
export function formatLevels(levels: Level[]): string {
  return joinItems(
    levels.map((l) => `${formatNumber(l.value)} = ${l.label}`),
    '|',
  );
}

export function parseLevels(text: string): Parsed<Level[]> {
  const out: Level[] = [];
  for (const item of splitItems(text, '|')) {
    const eq = item.indexOf('=');
    const value = eq > 0 ? readNumber(item.slice(0, eq)) : undefined;
    const label = eq > 0 ? item.slice(eq + 1).trim() : '';
    if (value === undefined || !label) return fail(msg('awBadLevels', { value: item }));
    out.push({ value, label });
  }
  return out.length ? ok(out) : fail(msg('awBadLevels', { value: text }));
}

/** Keys that repeat inside one rule (they would become the same defined name in a form). */
export function duplicateKeys(items: { key: string }[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const { key } of items) (seen.has(key) ? dup : seen).add(key);
  return [...dup];
}

export const isKey = (s: string) => KEY.test(s);

// ── lists ────────────────────────────────────────────────────────────────────────────────────────
/** "I; II; III" (also "I, II" or one per line) → ["I", "II", "III"]. */
export function splitList(text: string): string[] {
  const sep = /[\r\n]/.test(text) ? /\r?\n|\r/ : text.includes(';') ? /;/ : /,/;
  return text
    .split(sep)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function joinList(items: string[]): string {
  return items.some((s) => s.includes(';')) ? items.join('\n') : items.join('; ');
}

// ── dates ────────────────────────────────────────────────────────────────────────────────────────
const pad = (n: number) => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** "2019-07-23" → "23/07/2019", as Vietnamese documents write dates. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * An Excel date serial (what Office.js returns for a date cell) as a Date: days since 1899-12-30 in
 * the 1900 date system, within Excel's range.
 */
function fromSerial(value: unknown): unknown {
  return typeof value === 'number' && value >= 61 && value < 2958466
    ? new Date(Date.UTC(1899, 11, 30) + Math.floor(value) * 86400000)
    : value;
}

/** A date cell (a Date, an Excel serial, "23/7/2019", "2019-07-23") → "2019-07-23". */
export function parseDate(cell: unknown): Parsed<string> {
  const value = fromSerial(cell);
  if (value instanceof Date && !Number.isNaN(value.getTime()))
    return ok(`${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`);
  const s = String(value ?? '').trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  let y: number, mo: number, d: number;
  if (m) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s)))
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return fail(msg('awBadDate', { value: s }));
  return validDay(y, mo, d) ? ok(`${y}-${pad(mo)}-${pad(d)}`) : fail(msg('awBadDate', { value: s }));
}

/** "--09-15" → "15/09". */
export function formatMonthDay(md: string): string {
  const [, , m, d] = md.split('-');
  return `${d}/${m}`;
}

/** A day of the year ("15/9", "15/09", "--09-15", or a Date or serial whose year is ignored) → "--09-15". */
export function parseMonthDay(cell: unknown): Parsed<string> {
  const value = fromSerial(cell);
  if (value instanceof Date && !Number.isNaN(value.getTime()))
    return ok(`--${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`);
  const s = String(value ?? '').trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})$/.exec(s);
  let mo: number, d: number;
  if (m) [d, mo] = [Number(m[1]), Number(m[2])];
  else if ((m = /^--(\d{2})-(\d{2})$/.exec(s))) [mo, d] = [Number(m[1]), Number(m[2])];
  else return fail(msg('awBadMonthDay', { value: s }));
  return validDay(2000, mo, d) ? ok(`--${pad(mo)}-${pad(d)}`) : fail(msg('awBadMonthDay', { value: s }));
}

// ── choices ──────────────────────────────────────────────────────────────────────────────────────
/** Case, spacing and diacritics do not matter when a choice is read ("Tai dung" is "tái dựng"). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Choice<T extends string> {
  id: T;
  label: MessageKey;
}

export const RULE_TYPES: Choice<RuleType>[] = [
  { id: 'manual', label: 'awRuleManual' },
  { id: 'yesNo', label: 'awRuleYesNo' },
  { id: 'ratio', label: 'awRuleRatio' },
  { id: 'perItem', label: 'awRulePerItem' },
  { id: 'steps', label: 'awRuleSteps' },
  { id: 'bestOf', label: 'awRuleBestOf' },
  { id: 'sumOfParts', label: 'awRuleSumOfParts' },
  { id: 'deduction', label: 'awRuleDeduction' },
  { id: 'relativeToBest', label: 'awRuleRelativeToBest' },
  { id: 'levelAverage', label: 'awRuleLevelAverage' },
];
export const RATIO_MODES: Choice<'fraction' | 'percent'>[] = [
  { id: 'fraction', label: 'awRatioFraction' },
  { id: 'percent', label: 'awRatioPercent' },
];
export const PROVENANCES: Choice<'official' | 'reconstructed'>[] = [
  { id: 'official', label: 'awOfficial' },
  { id: 'reconstructed', label: 'reconstructed' },
];
export const AGGREGATES: Choice<'sum' | 'mean'>[] = [
  { id: 'sum', label: 'awAggregateSum' },
  { id: 'mean', label: 'awAggregateMean' },
];
/** What an annex ranks and bands on (the rulebook's `rankOn`). */
export const RANK_ONS: Choice<'points' | 'index'>[] = [
  { id: 'points', label: 'awRankOnPoints' },
  { id: 'index', label: 'awRankOnIndex' },
];
/** How a relativeToBest criterion compares a unit with its peers (the rule's `normalise`). */
export const NORMALISES: Choice<'best' | 'minmax'>[] = [
  { id: 'best', label: 'awNormaliseBest' },
  { id: 'minmax', label: 'awNormaliseMinmax' },
];
export const LEVELS: Choice<'province' | 'district' | 'commune'>[] = [
  { id: 'province', label: 'awLevelProvince' },
  { id: 'district', label: 'awLevelDistrict' },
  { id: 'commune', label: 'awLevelCommune' },
];

/*
 * The policies and the tie rule are written with both languages in one cell ("Xếp cuối / ranked last"):
 * they decide who is ranked and awarded, so nobody should have to guess what a word means.
 */
export const LATE_POLICIES: Choice<NonNullable<Policies['late']>>[] = [
  { id: 'ranked', label: 'awPolicyRanked' },
  { id: 'notRanked', label: 'awPolicyNotRanked' },
  { id: 'rankedLast', label: 'awPolicyRankedLast' },
];
export const UNSENT_POLICIES: Choice<NonNullable<Policies['unsent']>>[] = [
  { id: 'notRanked', label: 'awPolicyNotRanked' },
  { id: 'rankedLast', label: 'awPolicyRankedLast' },
];
export const INCOMPLETE_POLICIES: Choice<Policies['incomplete']>[] = [
  { id: 'warning', label: 'awPolicyWarning' },
  { id: 'notRanked', label: 'awPolicyNotRanked' },
];
export const AWARD_TIES: Choice<Award['ties']>[] = [
  { id: 'council', label: 'awTiesCouncil' },
  { id: 'all', label: 'awTiesAll' },
];

/* A milestone's kind and the rule for a date that is a day off: they set when things are due, written in both languages too. */
export const MILESTONE_KINDS: Choice<Milestone['kind']>[] = [
  { id: 'submission', label: 'awMilestoneSubmission' },
  { id: 'preliminary', label: 'awMilestonePreliminary' },
  { id: 'appraisal', label: 'awMilestoneAppraisal' },
  { id: 'decision', label: 'awMilestoneDecision' },
  { id: 'award', label: 'awMilestoneAward' },
  { id: 'publication', label: 'awMilestonePublication' },
];
export const IF_NOT_WORKING_DAY: Choice<Milestone['ifNotWorkingDay']>[] = [
  { id: 'previous', label: 'awDayPrevious' },
  { id: 'next', label: 'awDayNext' },
  { id: 'keep', label: 'awDayKeep' },
];

/** "Xếp cuối / ranked last": a choice in both languages, for the choices written that way. */
export function bothLabel<T extends string>(choices: Choice<T>[], id: T): string {
  const c = choices.find((x) => x.id === id);
  return c ? `${t('vi', c.label)} / ${t('en', c.label)}` : id;
}

/** The word written in the workbook for a choice: its Vietnamese label. */
export function choiceLabel<T extends string>(choices: Choice<T>[], id: T): string {
  const c = choices.find((x) => x.id === id);
  return c ? t('vi', c.label) : id;
}

/** A choice from its Vietnamese label, English label, both ("Xếp cuối / ranked last") or id. */
export function readChoice<T extends string>(choices: Choice<T>[], text: string): T | undefined {
  const f = fold(text);
  return choices.find((c) =>
    [c.id, t('vi', c.label), t('en', c.label), bothLabel(choices, c.id)].some((s) => fold(s) === f),
  )?.id;
}

/** "manual (Nhập điểm), yesNo (Có/Không), …" for error messages. */
export function choiceList<T extends string>(choices: Choice<T>[], lang: 'vi' | 'en'): string {
  return choices.map((c) => t(lang, c.label)).join(', ');
}
