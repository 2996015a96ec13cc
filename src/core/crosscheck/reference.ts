/**
 * The figures that specialised agencies supply about the units (Bình Thuận QĐ 1867 Điều 9.2.b: "đối
 * chiếu … số liệu có liên quan từ các cơ quan chuyên môn cung cấp"): a table of unit, criterion, input
 * (optional where the criterion has one input), value and source. Read from rows of cells, whatever
 * file they came from (CSV here, .xlsx in the hosts); headings in Vietnamese or English, with or without
 * diacritics. Every row that cannot be used is reported with its line and skipped: nothing is guessed.
 */
import type { Annex, Criterion, Rulebook, Unit } from '../rulebook/schema';
import { ruleInputs, type InputSpec } from '../rulebook/inputs';
import { parseNumber, parseYesNo } from '../numbers';
import { matchUnit } from '../units';
import { csvRows, detectSeparator, fold } from '../ranking/received';
import { msg, t, type Lang, type Message } from '../../i18n';

/** One row of a table as read: its cells and where it is (line of a CSV, row of a sheet). */
export interface TableRow {
  cells: unknown[];
  line: number;
}

export interface ReferenceFigure {
  line: number;
  unit: Unit;
  annex: Annex;
  criterion: Criterion;
  input: InputSpec;
  value: number;
  /** The agency that supplied it ('' when the table has no source). */
  source: string;
}

export interface ReferenceTable {
  figures: ReferenceFigure[];
  /** One located reason per row not used. */
  problems: Message[];
  /** The table has no recognisable header: nothing could be read (the reason is in problems). */
  unreadable: boolean;
}

type Column = 'unit' | 'criterion' | 'input' | 'value' | 'source';

/** Headings, folded (no diacritics, lower case, letters and digits only); source first: "đơn vị cung cấp" is a source. */
const HEADINGS: [Column, string[], string[]][] = [
  [
    'source',
    [
      'source',
      'nguon',
      'nguonsolieu',
      'coquancungcap',
      'donvicungcap',
      'cungcap',
      'coquanchuyenmon',
      'agency',
    ],
    ['nguon', 'source'],
  ],
  [
    'unit',
    [
      'unit',
      'unitid',
      'unitname',
      'donvi',
      'coquan',
      'coquandonvi',
      'tendonvi',
      'tencoquan',
      'madonvi',
      'tencoquandonvi',
    ],
    ['donvi', 'unit'],
  ],
  [
    'criterion',
    ['criterion', 'criterionid', 'tieuchi', 'matieuchi', 'sotieuchi'],
    ['tieuchi', 'criterion', 'matieuchi'],
  ],
  [
    'input',
    ['input', 'inputkey', 'key', 'chitieu', 'thanhphan', 'truong', 'truongsolieu'],
    ['input', 'chitieu'],
  ],
  ['value', ['value', 'giatri', 'solieu', 'giatrisolieu', 'so'], ['giatri', 'value']],
];

function columnOf(heading: unknown): Column | undefined {
  const f = fold(String(heading ?? ''));
  if (!f) return undefined;
  return HEADINGS.find(
    ([, exact, prefixes]) => exact.includes(f) || prefixes.some((p) => f.startsWith(p)),
  )?.[0];
}

/** The agency as the table names it, or "source not given". */
export const sourceName = (source: string, lang: Lang) => source || t(lang, 'crossNoSource');

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).normalize('NFC').trim());

/** The input named in the table: its key, its label, or the generic label of a numerator or denominator. */
function findInput(c: Criterion, name: string): InputSpec | undefined {
  const f = fold(name);
  const generic = (s: InputSpec) =>
    s.key === 'numerator'
      ? [t('vi', 'inputNumerator'), t('en', 'inputNumerator')]
      : s.key === 'denominator'
        ? [t('vi', 'inputDenominator'), t('en', 'inputDenominator')]
        : [];
  return ruleInputs(c).find((s) => [s.key, s.label ?? '', ...generic(s)].some((n) => n && fold(n) === f));
}

/** A value as the input reads it: a number (Vietnamese notation, 85%), or Có/Không for a yes/no input. */
function valueOf(spec: InputSpec, raw: unknown): number | undefined {
  if (spec.kind === 'yesNo') {
    const yes = parseYesNo(raw);
    if (yes === true || yes === false) return yes ? 1 : 0;
  }
  const n = parseNumber(typeof raw === 'string' ? raw.trim() : raw);
  return n === undefined || Number.isNaN(n) ? undefined : n;
}

/** One row → a figure, or the reason it cannot be used. */
function figureOf(
  rb: Rulebook,
  row: Record<Column, string>,
  raw: unknown,
  line: number,
): ReferenceFigure | Message {
  const unit = rb.units.find((u) => u.id === row.unit) ?? matchUnit(rb, row.unit);
  if (!unit) return msg('crossUnknownUnit', { line, unit: row.unit, rulebook: rb.id });
  const annex = rb.annexes.find((a) => a.code === unit.annex)!;
  const criterion = annex.groups
    .flatMap((g) => g.criteria)
    .find((c) => c.id.toLowerCase() === row.criterion.toLowerCase());
  if (!criterion)
    return msg('crossUnknownCriterion', {
      line,
      annex: annex.code,
      unit: unit.name,
      criterion: row.criterion,
    });
  const specs = ruleInputs(criterion);
  const keys = specs.map((s) => s.key).join(', ');
  let input: InputSpec | undefined;
  if (row.input) {
    input = findInput(criterion, row.input);
    if (!input)
      return msg('crossUnknownInput', { line, criterion: criterion.id, input: row.input, inputs: keys });
  } else if (specs.length === 1) input = specs[0];
  else return msg('crossInputNeeded', { line, criterion: criterion.id, inputs: keys });
  const value = valueOf(input, raw);
  if (value === undefined)
    return msg('crossNotANumber', { line, value: row.value, unit: unit.name, criterion: criterion.id });
  if (value < input.min || (input.max !== undefined && value > input.max))
    return msg('crossOutOfRange', {
      line,
      value: row.value,
      unit: unit.name,
      criterion: criterion.id,
      input: input.key,
      min: input.min,
      max: input.max ?? '∞',
    });
  return { line, unit, annex, criterion, input, value, source: row.source };
}

/**
 * The figures of a reference table. Two different values for one input from the same source are both
 * set aside (which one is right is for the council to ask), each reported; the same value twice counts once.
 */
export function parseReferenceRows(rb: Rulebook, rows: TableRow[]): ReferenceTable {
  const problems: Message[] = [];
  const header = rows[0]?.cells ?? [];
  const cols = new Map<Column, number>();
  header.forEach((h, i) => {
    const c = columnOf(h);
    if (c && !cols.has(c)) cols.set(c, i);
  });
  if (!cols.has('unit') || !cols.has('criterion') || !cols.has('value')) {
    problems.push(msg('crossNoColumns', { header: header.map(text).join(' | ') }));
    return { figures: [], problems, unreadable: true };
  }
  const figures: ReferenceFigure[] = [];
  const seen = new Map<string, { figure: ReferenceFigure; conflicted: boolean }>();
  for (const r of rows.slice(1)) {
    const cell = (c: Column) => (cols.has(c) ? r.cells[cols.get(c)!] : undefined);
    const row = Object.fromEntries(
      (['unit', 'criterion', 'input', 'value', 'source'] as Column[]).map((c) => [c, text(cell(c))]),
    ) as Record<Column, string>;
    if (!Object.values(row).some(Boolean)) continue;
    if (!row.unit || !row.criterion || !row.value) {
      problems.push(msg('crossIncomplete', { line: r.line }));
      continue;
    }
    const made = figureOf(rb, row, cell('value'), r.line);
    if (!('unit' in made)) {
      problems.push(made);
      continue;
    }
    const key = [made.unit.id, made.criterion.id, made.input.key, fold(made.source)].join('\u0000');
    const before = seen.get(key);
    if (!before) {
      seen.set(key, { figure: made, conflicted: false });
      figures.push(made);
    } else if (before.figure.value !== made.value) {
      const params = (lang: Lang) => ({
        line: made.line,
        source: sourceName(made.source, lang),
        before: before.figure.value,
        first: before.figure.line,
        unit: made.unit.name,
        criterion: made.criterion.id,
        input: made.input.key,
        value: made.value,
      });
      problems.push({
        vi: t('vi', 'crossConflict', params('vi')),
        en: t('en', 'crossConflict', params('en')),
      });
      before.conflicted = true;
    }
  }
  const conflicted = new Set([...seen.values()].filter((s) => s.conflicted).map((s) => s.figure));
  return { figures: figures.filter((f) => !conflicted.has(f)), problems, unreadable: false };
}

/** The rows of a CSV table (BOM, `,` `;` or tab, quotes: as a spreadsheet exports it), by line. */
export function csvTableRows(csv: string): TableRow[] {
  const body = csv.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return csvRows(body, detectSeparator(firstLine));
}
