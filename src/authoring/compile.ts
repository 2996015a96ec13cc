/**
 * Compile: the cells of an authoring workbook → a rulebook, or every error found, each naming its
 * sheet, row and column in Vietnamese and English. Pure: workbook.ts reads the .xlsx into grids.
 *
 * The checks here cover what a person typing an official text gets wrong (unknown rule type, a word
 * where a number belongs, unreadable steps, a repeated id, criteria that do not add up to the annex
 * maximum, an annex used but not defined); the zod schema runs last and its remaining complaints are
 * mapped back to the row and column they came from.
 */
import { Rulebook as RulebookSchema, type Rule, type Rulebook, type RuleType } from '../core/rulebook/schema';
import { contentHash, parseRulebook } from '../core/rulebook/load';
import { parseNumber, parseYesNo } from '../core/numbers';
import { t, type Lang, type Message, type MessageKey, type Params } from '../i18n';
import {
  ANNEX_COLUMNS,
  ASSUMPTION_COLUMNS,
  AWARD_COLUMNS,
  BAND_COLUMNS,
  CRITERIA_COLUMNS,
  HEADER_ROWS,
  INFO_COLUMNS,
  INFO_ITEMS,
  LEGACY_POLICY_ITEMS,
  MILESTONE_COLUMNS,
  SCHEDULE_COLUMNS,
  SCHEDULE_ITEMS,
  SHEET_NAME_KEYS,
  UNIT_COLUMNS,
  columnLetter,
  type ColumnDef,
  type ColumnKind,
  type ItemDef,
  type SheetKey,
} from './layout';
import {
  AGGREGATES,
  AWARD_TIES,
  IF_NOT_WORKING_DAY,
  INCOMPLETE_POLICIES,
  LATE_POLICIES,
  LEVELS,
  MILESTONE_KINDS,
  PROVENANCES,
  RATIO_MODES,
  RULE_TYPES,
  UNSENT_POLICIES,
  bothLabel,
  choiceList,
  duplicateKeys,
  fold,
  parseAlternatives,
  parseDate,
  parseLevels,
  parseMonthDay,
  parseParts,
  parseSteps,
  readChoice,
  splitList,
  type Choice,
  type Parsed,
} from './notation';
import type { CellValue } from './tables';

export type { CellValue } from './tables';
/** A sheet's cells: grid[r][c] is row r+1, column c+1 (as ExcelJS would number them). */
export type Grid = CellValue[][];
/** The workbook's sheets by name. */
export type WorkbookGrids = Record<string, Grid>;

export interface AuthoringError {
  sheet: string;
  /** 1-based, as Excel shows it; 0 when the problem is the file itself */
  row: number;
  /** column letter, as Excel shows it */
  column: string;
  /** Names the sheet, row and column itself, so it can be printed alone. */
  message: Message;
}

export type CompileResult =
  { ok: true; rulebook: Rulebook; version: string; hash: string } | { ok: false; errors: AuthoringError[] };

/** One message, with parameters that may differ per language (lists of labels, headers). */
function bi(key: MessageKey, params: Params | ((lang: Lang) => Params) = {}): Message {
  const p = typeof params === 'function' ? params : () => params;
  return { vi: t('vi', key, p('vi')), en: t('en', key, p('en')) };
}

export function sheetName(key: SheetKey, lang: Lang = 'vi'): string {
  return t(lang, SHEET_NAME_KEYS[key]);
}

const blank = (v: CellValue) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

function cellText(v: CellValue): string | undefined {
  if (blank(v)) return undefined;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString().slice(0, 10);
  return String(v).normalize('NFC').trim();
}

interface TableRow {
  row: number;
  get(key: string): CellValue;
}

interface Table {
  key: SheetKey;
  name: string;
  defs: ColumnDef[];
  /** column key → 0-based index; absent columns are missing */
  index: Map<string, number>;
  rows: TableRow[];
  firstDataRow: number;
}

const RULE_PARAMS = [
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
  relativeToBest: ['label'],
  levelAverage: ['parts', 'levels'],
};
/** Columns whose absence makes the sheet unreadable; others may be deleted when unused. */
const REQUIRED_COLUMNS: Partial<Record<SheetKey, string[]>> = {
  criteria: ['annex', 'groupCode', 'id', 'title', 'max', 'ruleType', 'provenance'],
  annexes: ['code', 'title', 'appliesTo', 'max', 'rankingGroup'],
  bands: ['annex', 'label', 'labelEn', 'min'],
  units: ['id', 'name', 'annex'],
  awards: ['annexes', 'topN', 'band'],
  assumptions: ['what', 'why', 'whatEn', 'whyEn'],
  milestones: ['id', 'kind', 'title', 'titleEn'],
  info: ['item', 'value'],
  schedule: ['item', 'value'],
};
const CRITERION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const RULEBOOK_ID = /^[a-z0-9][a-z0-9-]*$/;
const UNIT_ID = /^[A-Za-z0-9_-]+$/;

/* The rulebook as it is being assembled; zod checks it at the end. */
type Obj = Record<string, unknown>;

class Compiler {
  readonly errors: AuthoringError[] = [];
  private readonly sheets = new Map<string, { name: string; grid: Grid }>();
  private readonly names = new Map<SheetKey, string>();

  constructor(grids: WorkbookGrids) {
    for (const [name, grid] of Object.entries(grids)) this.sheets.set(fold(name), { name, grid });
  }

  // ── reporting ──────────────────────────────────────────────────────────────────────────────────
  nameOf(key: SheetKey): string {
    return this.names.get(key) ?? sheetName(key);
  }

  report(sheet: SheetKey, row: number, column: string, header: Message, problem: Message) {
    const name = this.nameOf(sheet);
    const message = bi('awAt', (lang) => ({
      sheet: name,
      row,
      column,
      header: header[lang],
      problem: problem[lang],
    }));
    this.errors.push({ sheet: name, row, column, message });
  }

  /** A problem in a column of a table row. */
  at(table: Table, row: number, key: string, problem: Message) {
    const def = table.defs.find((d) => d.key === key)!;
    const i = table.index.get(key) ?? table.defs.indexOf(def);
    this.report(table.key, row, columnLetter(i + 1), bi(def.header), problem);
  }

  // ── reading tables ─────────────────────────────────────────────────────────────────────────────
  find(key: SheetKey): { name: string; grid: Grid } | undefined {
    return this.sheets.get(fold(sheetName(key, 'vi'))) ?? this.sheets.get(fold(sheetName(key, 'en')));
  }

  table(key: SheetKey, defs: ColumnDef[], required: boolean): Table | undefined {
    const found = this.find(key);
    if (!found) {
      if (required)
        this.report(key, 1, 'A', { vi: '', en: '' }, bi('awMissingSheet', { sheet: sheetName(key) }));
      return undefined;
    }
    this.names.set(key, found.name);
    const grid = found.grid;
    const index = new Map<string, number>();
    const headerMatch = (r: number) => {
      let hits = 0;
      (grid[r] ?? []).forEach((v, c) => {
        const f = fold(cellText(v) ?? '');
        if (!f) return;
        const def = defs.find((d) => fold(t('vi', d.header)) === f || fold(t('en', d.header)) === f);
        if (def) {
          hits++;
          if (!index.has(def.key)) index.set(def.key, c);
        }
      });
      return hits;
    };
    headerMatch(0);
    const firstData = headerMatch(1) > 0 ? HEADER_ROWS : 1; // 0-based index of the first data row
    const table: Table = { key, name: found.name, defs, index, rows: [], firstDataRow: firstData + 1 };
    for (const k of REQUIRED_COLUMNS[key] ?? [])
      if (!index.has(k)) {
        const def = defs.find((d) => d.key === k)!;
        this.report(
          key,
          1,
          columnLetter(defs.indexOf(def) + 1),
          bi(def.header),
          bi('awMissingColumn', (lang) => ({ header: t(lang, def.header) })),
        );
      }
    for (let r = firstData; r < grid.length; r++) {
      const cells = grid[r] ?? [];
      const get = (k: string) => {
        const c = index.get(k);
        return c === undefined ? undefined : cells[c];
      };
      if (defs.every((d) => blank(get(d.key)))) continue;
      table.rows.push({ row: r + 1, get });
    }
    return table;
  }

  // ── typed cells ────────────────────────────────────────────────────────────────────────────────
  text(table: Table, r: TableRow, key: string, required = false): string | undefined {
    const s = cellText(r.get(key));
    if (s === undefined && required) this.at(table, r.row, key, bi('awRequired'));
    return s;
  }

  number(
    table: Table,
    r: TableRow,
    key: string,
    opts: { required?: boolean; positive?: boolean; nonNegative?: boolean; whole?: boolean } = {},
  ): number | undefined {
    const v = r.get(key);
    if (blank(v)) {
      if (opts.required) this.at(table, r.row, key, bi('awRequired'));
      return undefined;
    }
    const n = typeof v === 'number' ? v : parseNumber(cellText(v));
    if (n === undefined || !Number.isFinite(n)) {
      this.at(table, r.row, key, bi('awBadNumber', { value: cellText(v) ?? '' }));
      return undefined;
    }
    if (opts.positive && n <= 0) return this.bad(table, r, key, bi('awNotPositive', { value: n }));
    if (opts.nonNegative && n < 0) return this.bad(table, r, key, bi('awNegative', { value: n }));
    if (opts.whole && !Number.isInteger(n)) return this.bad(table, r, key, bi('awNotWhole', { value: n }));
    return n;
  }

  private bad(table: Table, r: TableRow, key: string, problem: Message): undefined {
    this.at(table, r.row, key, problem);
    return undefined;
  }

  yesNo(table: Table, r: TableRow, key: string, fallback: boolean): boolean {
    const v = r.get(key);
    if (blank(v)) return fallback;
    const b = parseYesNo(v instanceof Date ? String(v) : v);
    if (typeof b === 'boolean') return b;
    this.at(
      table,
      r.row,
      key,
      bi('awBadChoice', (lang) => ({
        value: cellText(v) ?? '',
        known: `${t(lang, 'yes')}, ${t(lang, 'no')}`,
      })),
    );
    return fallback;
  }

  /** Yes/no where a blank cell means "not said" (the rulebook keeps its default). */
  optionalYesNo(table: Table, r: TableRow, key: string): boolean | undefined {
    return blank(r.get(key)) ? undefined : this.yesNo(table, r, key, true);
  }

  date(table: Table, r: TableRow, key: string): string | undefined {
    const v = r.get(key);
    if (blank(v)) return undefined;
    const p = parseDate(v);
    if (!p.ok) this.at(table, r.row, key, p.problem);
    return p.ok ? p.value : undefined;
  }

  choice<T extends string>(
    table: Table,
    r: TableRow,
    key: string,
    choices: Choice<T>[],
    required: boolean,
    problem: MessageKey = 'awBadChoice',
  ): T | undefined {
    const s = this.text(table, r, key, required);
    if (s === undefined) return undefined;
    const id = readChoice(choices, s);
    if (id === undefined)
      this.at(
        table,
        r.row,
        key,
        bi(problem, (lang) => ({
          value: s,
          known: knownChoices(table.defs.find((d) => d.key === key)!.kind, choices, lang),
        })),
      );
    return id;
  }

  /** An optional cell read by a notation's parser (a month-day); undefined when blank or unreadable. */
  parsed<T>(table: Table, r: TableRow, key: string, parse: (v: unknown) => Parsed<T>): T | undefined {
    const v = r.get(key);
    if (blank(v)) return undefined;
    const p = parse(v);
    if (!p.ok) this.at(table, r.row, key, p.problem);
    return p.ok ? p.value : undefined;
  }

  notation<T>(table: Table, r: TableRow, key: string, parse: (s: string) => Parsed<T>): T | undefined {
    const s = this.text(table, r, key, true);
    if (s === undefined) return undefined;
    const p = parse(s);
    if (!p.ok) this.at(table, r.row, key, p.problem);
    return p.ok ? p.value : undefined;
  }

  // ── key/value sheets ───────────────────────────────────────────────────────────────────────────
  items(
    key: SheetKey,
    columns: ColumnDef[],
    items: ItemDef[],
  ): { table?: Table; found: Map<string, { row: TableRow; def: ItemDef }[]> } {
    const found = new Map<string, { row: TableRow; def: ItemDef }[]>();
    const table = this.table(key, columns, true);
    if (!table) return { found };
    for (const r of table.rows) {
      const label = fold(cellText(r.get('item')) ?? '');
      const labelEn = fold(cellText(r.get('itemEn')) ?? '');
      const def = items.find((d) =>
        [fold(t('vi', d.label)), fold(t('en', d.label)), fold(d.key)].some(
          (l) => l === label || (label === '' && l === labelEn),
        ),
      );
      if (!def) {
        const known = (lang: Lang) =>
          items
            .filter((d) => !d.legacy)
            .map((d) => t(lang, d.label))
            .join('; ');
        this.at(
          table,
          r.row,
          'item',
          bi('awUnknownItem', (lang) => ({ value: cellText(r.get('item')) ?? '', known: known(lang) })),
        );
        continue;
      }
      // A row with a label and nothing else is an empty slot of the template.
      if (blank(r.get('value')) && blank(r.get('extra'))) continue;
      const list = found.get(def.key) ?? [];
      if (list.length && !def.repeatable) {
        this.itemAt(table, r.row, def, 'item', bi('awRepeatedItem', { other: list[0].row.row }));
        continue;
      }
      list.push({ row: r, def });
      found.set(def.key, list);
    }
    return { table, found };
  }

  /** A problem in the value (or extra) cell of a key/value row, named by the item's label. */
  itemAt(table: Table, row: number, def: ItemDef, column: 'item' | 'value' | 'extra', problem: Message) {
    const colDef = table.defs.find((d) => d.key === column)!;
    const i = table.index.get(column) ?? table.defs.indexOf(colDef);
    const header =
      column === 'extra'
        ? bi('awItemColumn', (lang) => ({ item: t(lang, def.label), column: t(lang, colDef.header) }))
        : bi(def.label);
    this.report(table.key, row, columnLetter(i + 1), header, problem);
  }

  itemText(
    table: Table,
    entry: { row: TableRow; def: ItemDef },
    column: 'value' | 'extra' = 'value',
    required = true,
  ): string | undefined {
    const s = cellText(entry.row.get(column));
    if (s === undefined && required) this.itemAt(table, entry.row.row, entry.def, column, bi('awRequired'));
    return s;
  }

  /** A yes/no item's value; undefined (and an error) when it is neither. */
  itemYesNo(table: Table, entry: { row: TableRow; def: ItemDef }): boolean | undefined {
    const v = entry.row.get('value');
    const b = parseYesNo(v instanceof Date ? String(v) : v);
    if (typeof b === 'boolean') return b;
    this.itemAt(
      table,
      entry.row.row,
      entry.def,
      'value',
      bi('awBadChoice', (lang) => ({
        value: cellText(v) ?? '',
        known: `${t(lang, 'yes')}, ${t(lang, 'no')}`,
      })),
    );
    return undefined;
  }

  itemChoice<T extends string>(
    table: Table,
    entry: { row: TableRow; def: ItemDef },
    choices: Choice<T>[],
  ): T | undefined {
    const s = this.itemText(table, entry);
    if (s === undefined) return undefined;
    const id = readChoice(choices, s);
    if (id === undefined)
      this.itemAt(
        table,
        entry.row.row,
        entry.def,
        'value',
        bi('awBadChoice', (lang) => ({ value: s, known: knownChoices(entry.def.kind, choices, lang) })),
      );
    return id;
  }

  itemParsed<T>(
    table: Table,
    entry: { row: TableRow; def: ItemDef },
    column: 'value' | 'extra',
    parse: (v: unknown) => Parsed<T>,
  ): T | undefined {
    const v = entry.row.get(column);
    if (blank(v)) {
      this.itemAt(table, entry.row.row, entry.def, column, bi('awRequired'));
      return undefined;
    }
    const p = parse(v);
    if (!p.ok) this.itemAt(table, entry.row.row, entry.def, column, p.problem);
    return p.ok ? p.value : undefined;
  }
}

/** The choices an error lists: as the drop-down writes them (both languages for policies and ties). */
const BOTH_LANGUAGE_KINDS: ColumnKind[] = [
  'latePolicy',
  'unsentPolicy',
  'incompletePolicy',
  'ties',
  'milestoneKind',
  'ifNotWorkingDay',
];
function knownChoices<T extends string>(kind: ColumnKind, choices: Choice<T>[], lang: Lang): string {
  return BOTH_LANGUAGE_KINDS.includes(kind)
    ? choices.map((c) => bothLabel(choices, c.id)).join(', ')
    : choiceList(choices, lang);
}

interface Locator {
  annex: number[];
  band: number[][];
  group: number[][];
  criterion: number[][][];
  unit: number[];
  award: number[];
  assumption: number[];
  milestone: number[];
  items: Map<string, number[]>;
}

export function compileRulebook(grids: WorkbookGrids): CompileResult {
  const c = new Compiler(grids);
  const loc: Locator = {
    annex: [],
    band: [],
    group: [],
    criterion: [],
    unit: [],
    award: [],
    assumption: [],
    milestone: [],
    items: new Map(),
  };

  // Criteria first: an empty template gets one clear message rather than a page of missing fields.
  const criteria = c.table('criteria', CRITERIA_COLUMNS, true);
  if (criteria && criteria.rows.length === 0) {
    c.report(
      'criteria',
      criteria.firstDataRow,
      'A',
      bi('awColAnnex'),
      bi('awNoCriteria', { row: criteria.firstDataRow }),
    );
    return { ok: false, errors: c.errors };
  }

  // ── Phụ lục ──
  type AnnexDraft = {
    row: number;
    input: Obj;
    bands: Obj[];
    bandRows: number[];
    groups: Map<
      string,
      {
        row: number;
        title?: string;
        titleRow?: number;
        scored?: boolean;
        scoredRow?: number;
        criteria: Obj[];
        rows: number[];
      }
    >;
    ids: Map<string, number>;
    maxValid: boolean;
  };
  const annexes = new Map<string, AnnexDraft>();
  const annexTable = c.table('annexes', ANNEX_COLUMNS, true);
  for (const r of annexTable?.rows ?? []) {
    const t0 = annexTable!;
    const code = c.text(t0, r, 'code', true);
    if (code !== undefined && annexes.has(code)) {
      c.at(t0, r.row, 'code', bi('awDuplicateAnnex', { code, other: annexes.get(code)!.row }));
      continue;
    }
    const before = c.errors.length;
    const max = c.number(t0, r, 'max', { required: true, positive: true });
    const input: Obj = {
      code,
      title: c.text(t0, r, 'title', true),
      appliesTo: c.text(t0, r, 'appliesTo', true),
      max,
      aggregate: c.choice(t0, r, 'aggregate', AGGREGATES, false) ?? 'sum',
      rankingGroup: c.text(t0, r, 'rankingGroup', true),
    };
    const level = c.choice(t0, r, 'level', LEVELS, false);
    if (level) input.level = level;
    const label = c.text(t0, r, 'label');
    if (label !== undefined) input.label = label;
    if (code !== undefined)
      annexes.set(code, {
        row: r.row,
        input,
        bands: [],
        bandRows: [],
        groups: new Map(),
        ids: new Map(),
        maxValid: max !== undefined && c.errors.length === before,
      });
  }
  if (annexTable && annexTable.rows.length === 0)
    c.report('annexes', annexTable.firstDataRow, 'A', bi('awColAnnexCode'), bi('awNoAnnexes'));

  const annexOf = (table: Table, r: TableRow, key: string): AnnexDraft | undefined => {
    const code = c.text(table, r, key, true);
    if (code === undefined) return undefined;
    const a = annexes.get(code);
    if (!a && annexTable)
      c.at(table, r.row, key, bi('awUndefinedAnnex', { annex: code, sheet: c.nameOf('annexes') }));
    return a;
  };

  // ── Xếp loại ──
  const bandTable = c.table('bands', BAND_COLUMNS, true);
  for (const r of bandTable?.rows ?? []) {
    const a = annexOf(bandTable!, r, 'annex');
    const label = c.text(bandTable!, r, 'label', true);
    const band = {
      label,
      labelEn: c.text(bandTable!, r, 'labelEn', true),
      min: c.number(bandTable!, r, 'min', { required: true }),
    };
    if (!a) continue;
    const other = a.bands.findIndex((b) => b.label === label);
    if (label !== undefined && other >= 0)
      c.at(
        bandTable!,
        r.row,
        'label',
        bi('awDuplicateBand', { band: label, annex: String(a.input.code), other: a.bandRows[other] }),
      );
    a.bands.push(band);
    a.bandRows.push(r.row);
  }

  // ── Tiêu chí ──
  for (const r of criteria?.rows ?? []) {
    const t0 = criteria!;
    const a = annexOf(t0, r, 'annex');
    const groupCode = c.text(t0, r, 'groupCode', true);
    const groupTitle = c.text(t0, r, 'groupTitle');
    const isHeading = ['id', 'title', 'max', 'ruleType', ...RULE_PARAMS].every((k) => blank(r.get(k)));
    let group = a && groupCode !== undefined ? a.groups.get(groupCode) : undefined;
    if (a && groupCode !== undefined && !group) {
      group = { row: r.row, criteria: [], rows: [] };
      a.groups.set(groupCode, group);
    }
    if (group && groupTitle !== undefined) {
      if (group.title === undefined) [group.title, group.titleRow] = [groupTitle, r.row];
      else if (group.title !== groupTitle)
        c.at(
          t0,
          r.row,
          'groupTitle',
          bi('awGroupTitleConflict', {
            group: groupCode!,
            annex: String(a!.input.code),
            title: group.title,
            other: group.titleRow!,
          }),
        );
    }
    if (isHeading) continue; // a row naming a criteria group, as official annexes print them

    const id = c.text(t0, r, 'id', true);
    if (id !== undefined && !CRITERION_ID.test(id))
      c.at(t0, r.row, 'id', bi('awBadCriterionId', { value: id }));
    if (a && id !== undefined) {
      if (a.ids.has(id))
        c.at(
          t0,
          r.row,
          'id',
          bi('awDuplicateId', { id, annex: String(a.input.code), other: a.ids.get(id)! }),
        );
      else a.ids.set(id, r.row);
    }
    const max = c.number(t0, r, 'max', { required: true, positive: true });
    if (max === undefined && a) a.maxValid = false;
    const criterion: Obj = { id, title: c.text(t0, r, 'title', true) };
    const guidance = c.text(t0, r, 'guidance');
    if (guidance !== undefined) criterion.guidance = guidance;
    criterion.max = max;
    criterion.rule = readRule(c, t0, r, max);
    criterion.reasonRequiredBelowMax = c.yesNo(t0, r, 'reasonRequired', false);
    const evidenceLabel = c.text(t0, r, 'evidenceLabel');
    criterion.evidence = {
      required: c.yesNo(t0, r, 'evidenceRequired', false),
      ...(evidenceLabel !== undefined ? { label: evidenceLabel } : {}),
    };
    criterion.notApplicableAllowed = c.yesNo(t0, r, 'notApplicableAllowed', false);
    criterion.provenance = c.choice(t0, r, 'provenance', PROVENANCES, true);
    const unitTypes = splitList(c.text(t0, r, 'appliesToTypes') ?? '');
    const unitIds = splitList(c.text(t0, r, 'appliesToUnits') ?? '');
    if (unitTypes.length || unitIds.length)
      criterion.appliesTo = {
        ...(unitTypes.length ? { unitTypes } : {}),
        ...(unitIds.length ? { units: unitIds } : {}),
      };
    const scored = c.optionalYesNo(t0, r, 'scored');
    if (scored !== undefined) criterion.scored = scored;
    const groupScored = c.optionalYesNo(t0, r, 'groupScored');
    if (group && groupScored !== undefined) {
      if (group.scored === undefined) [group.scored, group.scoredRow] = [groupScored, r.row];
      else if (group.scored !== groupScored)
        c.at(
          t0,
          r.row,
          'groupScored',
          bi('awGroupScoredConflict', { group: groupCode!, other: group.scoredRow! }),
        );
    }
    if (group) {
      group.criteria.push(criterion);
      group.rows.push(r.row);
    }
  }

  // Per annex: groups named, criteria present, bands present, maxima adding up.
  for (const a of annexes.values()) {
    const code = String(a.input.code);
    for (const [gc, g] of a.groups)
      if (g.title === undefined) c.at(criteria!, g.row, 'groupTitle', bi('awRequired'));
      else if (!g.criteria.length)
        c.at(criteria!, g.row, 'id', bi('awGroupNoCriteria', { group: gc, annex: code }));
    if (!a.groups.size && annexTable)
      c.at(annexTable, a.row, 'code', bi('awAnnexNoCriteria', { annex: code, sheet: c.nameOf('criteria') }));
    if (!a.bands.length && annexTable)
      c.at(annexTable, a.row, 'code', bi('awAnnexNoBands', { annex: code, sheet: c.nameOf('bands') }));
    // The maximum counts the criteria that carry points (not those collected only).
    const all = [...a.groups.values()].flatMap((g) =>
      g.scored === false ? [] : g.criteria.filter((x) => x.scored !== false),
    );
    if (
      a.input.aggregate === 'sum' &&
      a.maxValid &&
      annexTable &&
      all.length &&
      all.every((x) => typeof x.max === 'number')
    ) {
      const sum = all.reduce((s, x) => s + (x.max as number), 0);
      if (Math.abs(sum - (a.input.max as number)) > 1e-9)
        c.at(
          annexTable,
          a.row,
          'max',
          bi('awSumMismatch', (lang) => ({
            annex: code,
            sum: fmt(sum, lang),
            max: fmt(a.input.max as number, lang),
            sheet: c.nameOf('criteria'),
          })),
        );
    }
  }

  // ── Đơn vị ──
  const units: Obj[] = [];
  const unitRows = new Map<string, number>();
  const unitTable = c.table('units', UNIT_COLUMNS, false);
  const parents: { row: number; parent: string; key?: 'mergedInto' }[] = [];
  for (const r of unitTable?.rows ?? []) {
    const t0 = unitTable!;
    const id = c.text(t0, r, 'id', true);
    if (id !== undefined && !UNIT_ID.test(id)) c.at(t0, r.row, 'id', bi('awBadUnitId', { value: id }));
    if (id !== undefined && unitRows.has(id))
      c.at(t0, r.row, 'id', bi('awDuplicateUnit', { id, other: unitRows.get(id)! }));
    else if (id !== undefined) unitRows.set(id, r.row);
    const a = annexOf(t0, r, 'annex');
    const unit: Obj = {
      id,
      name: c.text(t0, r, 'name', true),
      aliases: splitList(c.text(t0, r, 'aliases') ?? ''),
      annex: a ? a.input.code : cellText(r.get('annex')),
    };
    const level = c.choice(t0, r, 'level', LEVELS, false);
    if (level) unit.level = level;
    const parent = c.text(t0, r, 'parent');
    if (parent !== undefined) {
      unit.parent = parent;
      parents.push({ row: r.row, parent });
    }
    unit.provenance = c.choice(t0, r, 'provenance', PROVENANCES, false) ?? 'official';
    const type = c.text(t0, r, 'type');
    if (type !== undefined) unit.type = type;
    for (const key of ['validFrom', 'validTo'] as const) {
      const date = c.date(t0, r, key);
      if (date !== undefined) unit[key] = date;
    }
    const mergedInto = c.text(t0, r, 'mergedInto');
    if (mergedInto !== undefined) {
      unit.mergedInto = mergedInto;
      parents.push({ row: r.row, parent: mergedInto, key: 'mergedInto' });
    }
    units.push(unit);
    loc.unit.push(r.row);
  }
  for (const p of parents)
    if (!unitRows.has(p.parent))
      c.at(unitTable!, p.row, p.key ?? 'parent', bi('awUnknownParent', { parent: p.parent }));

  // ── Khen thưởng ──
  const awards: Obj[] = [];
  const awardTable = c.table('awards', AWARD_COLUMNS, false);
  for (const r of awardTable?.rows ?? []) {
    const t0 = awardTable!;
    const codes = splitList(c.text(t0, r, 'annexes', true) ?? '');
    const band = c.text(t0, r, 'band', true);
    for (const code of codes) {
      const a = annexes.get(code);
      if (!a) c.at(t0, r.row, 'annexes', bi('awUndefinedAnnex', { annex: code, sheet: c.nameOf('annexes') }));
      else if (band !== undefined && !a.bands.some((b) => b.label === band))
        c.at(t0, r.row, 'band', bi('awAwardUnknownBand', { annex: code, band }));
    }
    const award: Obj = {
      annexes: codes,
      topN: c.number(t0, r, 'topN', { required: true, positive: true, whole: true }),
      band,
    };
    const ties = c.choice(t0, r, 'ties', AWARD_TIES, false);
    if (ties) award.ties = ties;
    const source = c.text(t0, r, 'source', false);
    if (source) award.source = source;
    awards.push(award);
    loc.award.push(r.row);
  }

  // ── Giả định ──
  const assumptions: Obj[] = [];
  const assumptionTable = c.table('assumptions', ASSUMPTION_COLUMNS, false);
  for (const r of assumptionTable?.rows ?? []) {
    const t0 = assumptionTable!;
    // Assumptions are shown to everyone in both languages: an English text missing is an error of its own.
    const english = (key: string) => {
      const s = c.text(t0, r, key);
      if (s === undefined) c.at(t0, r.row, key, bi('awNoEnglish'));
      return s;
    };
    const assumption: Obj = {
      what: { vi: c.text(t0, r, 'what', true), en: english('whatEn') },
      why: { vi: c.text(t0, r, 'why', true), en: english('whyEn') },
    };
    const list = c.text(t0, r, 'annexes');
    if (list !== undefined) {
      const codes = splitList(list);
      for (const code of codes)
        if (!annexes.has(code))
          c.at(t0, r.row, 'annexes', bi('awUndefinedAnnex', { annex: code, sheet: c.nameOf('annexes') }));
      assumption.annexes = codes;
    }
    assumptions.push(assumption);
    loc.assumption.push(r.row);
  }

  // ── Thời hạn ──
  const sched = c.items('schedule', SCHEDULE_COLUMNS, SCHEDULE_ITEMS);
  const schedule: Obj = {};
  const policies: Obj = {};
  if (sched.table) {
    const st = sched.table;
    const one = (key: string) => sched.found.get(key)?.[0];
    const deadlines = sched.found.get('deadline') ?? [];
    if (!deadlines.length) c.itemAt(st, st.firstDataRow, SCHEDULE_ITEMS[0], 'value', bi('awNoDeadline'));
    schedule.deadlines = deadlines.map((e) => {
      const date = c.itemParsed(st, e, 'value', parseMonthDay);
      const codes = splitList(c.itemText(st, e, 'extra') ?? '');
      for (const code of codes)
        if (!annexes.has(code))
          c.itemAt(
            st,
            e.row.row,
            e.def,
            'extra',
            bi('awUndefinedAnnex', { annex: code, sheet: c.nameOf('annexes') }),
          );
      return { annexes: codes, date };
    });
    loc.items.set(
      'deadline',
      deadlines.map((e) => e.row.row),
    );
    const grace = one('graceWorkingDays');
    if (grace) {
      const n = parseNumber(cellText(grace.row.get('value')));
      if (n === undefined || !Number.isInteger(n) || n < 0)
        c.itemAt(
          st,
          grace.row.row,
          grace.def,
          'value',
          bi('awNotWholeCount', { value: cellText(grace.row.get('value')) ?? '' }),
        );
      schedule.graceWorkingDays = n;
    } else schedule.graceWorkingDays = 0;
    const day = (key: string) => {
      const e = one(key);
      if (!e) {
        c.itemAt(
          st,
          st.firstDataRow,
          SCHEDULE_ITEMS.find((i) => i.key === key)!,
          'value',
          bi('awMissingItem', (lang) => ({
            item: t(lang, SCHEDULE_ITEMS.find((i) => i.key === key)!.label),
          })),
        );
        return undefined;
      }
      return c.itemParsed(st, e, 'value', parseMonthDay);
    };
    const flag = (key: string) => {
      const e = one(key);
      return e && c.itemYesNo(st, e);
    };
    schedule.dataWindow = {
      start: day('windowStart'),
      end: day('windowEnd'),
      startPreviousYear: flag('startPreviousYear') ?? false,
    };
    for (const k of [
      'graceWorkingDays',
      'windowStart',
      'windowEnd',
      'startPreviousYear',
      'late',
      'unsent',
      'incomplete',
      'reasonsAfterConsolidation',
    ]) {
      const e = one(k);
      if (e) loc.items.set(k, [e.row.row]);
    }
    readPolicies(c, st, one, policies, loc);
  }
  // A workbook without milestone rows (or of an earlier version) leaves the round's steps unsaid.
  const milestones = readMilestones(c, loc);
  if (milestones.length) schedule.milestones = milestones;

  // ── Thông tin ──
  const info = c.items('info', INFO_COLUMNS, INFO_ITEMS);
  const top: Obj = {};
  if (info.table) {
    const it = info.table;
    const list = (key: string) => info.found.get(key) ?? [];
    const required = (key: string) => {
      const e = list(key)[0];
      if (!e) {
        const def = INFO_ITEMS.find((i) => i.key === key)!;
        c.itemAt(
          it,
          it.firstDataRow,
          def,
          'value',
          bi('awMissingItem', (lang) => ({ item: t(lang, def.label) })),
        );
        return undefined;
      }
      return c.itemText(it, e);
    };
    for (const [key, rows] of info.found)
      loc.items.set(
        `info.${key}`,
        rows.map((e) => e.row.row),
      );
    top.id = required('id');
    if (typeof top.id === 'string' && !RULEBOOK_ID.test(top.id))
      c.itemAt(
        it,
        list('id')[0].row.row,
        list('id')[0].def,
        'value',
        bi('awBadRulebookId', { value: top.id }),
      );
    top.title = required('title');
    top.province = required('province');
    top.issuer = required('issuer');
    const decision = (e: { row: TableRow; def: ItemDef }) => ({
      number: c.itemText(it, e),
      date: c.itemParsed(it, e, 'extra', parseDate),
    });
    const d = list('decision')[0];
    if (d) top.decision = decision(d);
    else required('decision');
    const version = list('version')[0] ? c.itemText(it, list('version')[0], 'value', false) : undefined;
    // Without a version of its own, a rulebook is known by the decision that issued it.
    top.version = version ?? (top.decision as { number?: string } | undefined)?.number;
    top.supersedes = list('supersedes').map(decision);
    top.amendedBy = list('amendedBy').map(decision);
    top.sources = list('source').map((e) => c.itemText(it, e));
    const notes = list('notes').map((e) => cellText(e.row.get('value')) ?? '');
    if (notes.length) top.notes = notes.join('\n');
    const formTitle = list('formTitle')[0];
    if (formTitle) top.formTitle = c.itemText(it, formTitle);
    // What reconstructed criteria are modelled on is printed in both languages: both rows or neither.
    const [vi, en] = [list('reconstructedFrom')[0], list('reconstructedFromEn')[0]];
    if (vi && en) top.reconstructedFrom = { vi: c.itemText(it, vi), en: c.itemText(it, en) };
    else if (vi || en) {
      const missing = INFO_ITEMS.find((d) => d.key === (vi ? 'reconstructedFromEn' : 'reconstructedFrom'))!;
      const present = (vi ?? en)!;
      c.itemAt(
        it,
        present.row.row,
        present.def,
        'value',
        bi('awNeedsOtherItem', (lang) => ({ item: t(lang, missing.label) })),
      );
    }
  }

  // Assemble in the order of the Phụ lục sheet; groups and criteria in the order of their rows.
  const annexList = [...annexes.values()].map((a, ai) => {
    loc.annex[ai] = a.row;
    loc.band[ai] = a.bandRows;
    const groups = [...a.groups.entries()].map(([code, g], gi) => {
      (loc.group[ai] ??= [])[gi] = g.row;
      (loc.criterion[ai] ??= [])[gi] = g.rows;
      return {
        code,
        title: g.title,
        criteria: g.criteria,
        ...(g.scored !== undefined ? { scored: g.scored } : {}),
      };
    });
    return { ...a.input, bands: a.bands, groups };
  });
  const input = { ...top, annexes: annexList, units, schedule, policies, awards, assumptions };

  if (c.errors.length) return { ok: false, errors: c.errors };

  const result = RulebookSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const where = locate(loc, issue.path as (string | number)[]);
      c.report(
        where.sheet,
        where.row,
        where.col,
        where.header,
        bi('awSchema', (lang) => ({ detail: zodDetail(issue, lang) })),
      );
    }
    return { ok: false, errors: c.errors };
  }
  const rulebook = parseRulebook(input, 'workbook');
  return { ok: true, rulebook, version: rulebook.version, hash: contentHash(rulebook) };
}

type ItemEntry = { row: TableRow; def: ItemDef };

/**
 * The policies from the "Thời hạn" sheet. Workbooks of earlier versions spell the late and unsent
 * policies as yes/no items; they are read as the policy they mean, unless the policy's own item is
 * there too (then the two must agree: which one the author meant cannot be guessed).
 */
function readPolicies(
  c: Compiler,
  st: Table,
  one: (key: string) => ItemEntry | undefined,
  policies: Obj,
  loc: Locator,
) {
  const choose = <T extends string>(key: string, choices: Choice<T>[]) => {
    const e = one(key);
    const id = e && c.itemChoice(st, e, choices);
    if (id) policies[key] = id;
  };
  choose('late', LATE_POLICIES);
  choose('unsent', UNSENT_POLICIES);
  choose('incomplete', INCOMPLETE_POLICIES);
  const reasons = one('reasonsAfterConsolidation');
  const b = reasons && c.itemYesNo(st, reasons);
  if (b !== undefined) policies.reasonsAfterConsolidation = b;
  for (const [key, spelled] of Object.entries(LEGACY_POLICY_ITEMS)) {
    const e = one(key);
    const yes = e && c.itemYesNo(st, e);
    if (!e || yes === undefined) continue;
    const meant = yes ? spelled.yes : spelled.no;
    const own = one(spelled.policy);
    if (!own) {
      policies[spelled.policy] = meant;
      loc.items.set(spelled.policy, [e.row.row]);
    } else if (policies[spelled.policy] !== undefined && policies[spelled.policy] !== meant)
      c.itemAt(
        st,
        e.row.row,
        e.def,
        'value',
        bi('awLegacyConflict', (lang) => ({ item: t(lang, own.def.label), other: own.row.row })),
      );
  }
}

/**
 * The round's milestones from "Mốc thời gian", in the order of their rows: an `after` names a
 * milestone of a row above, since the timeline counts each date from one already known.
 */
function readMilestones(c: Compiler, loc: Locator): Obj[] {
  const table = c.table('milestones', MILESTONE_COLUMNS, false);
  const seen = new Map<string, number>();
  const out: Obj[] = [];
  for (const r of table?.rows ?? []) {
    const t0 = table!;
    const id = c.text(t0, r, 'id', true);
    if (id !== undefined && seen.has(id))
      c.at(t0, r.row, 'id', bi('awDuplicateMilestone', { id, other: seen.get(id)! }));
    // Milestones are shown to everyone in both languages: an English title missing is an error of its own.
    const titleEn = c.text(t0, r, 'titleEn');
    if (titleEn === undefined) c.at(t0, r.row, 'titleEn', bi('awMilestoneNoEnglish'));
    const kind = c.choice(t0, r, 'kind', MILESTONE_KINDS, true);
    const m: Obj = { id, kind, title: c.text(t0, r, 'title', true), titleEn };
    for (const k of ['by', 'byEn']) {
      const s = c.text(t0, r, k);
      if (s !== undefined) m[k] = s;
    }
    const date = c.parsed(t0, r, 'date', parseMonthDay);
    if (date !== undefined) m.date = date;
    readAfter(c, t0, r, m, seen);
    // Only a submission may have neither: it follows the deadlines of "Thời hạn".
    if (blank(r.get('date')) && m.after === undefined && kind !== undefined && kind !== 'submission')
      c.at(t0, r.row, 'date', bi('awMilestoneNoDate', { sheet: c.nameOf('schedule') }));
    const ifNotWorkingDay = c.choice(t0, r, 'ifNotWorkingDay', IF_NOT_WORKING_DAY, false);
    if (ifNotWorkingDay) m.ifNotWorkingDay = ifNotWorkingDay;
    const source = c.text(t0, r, 'source');
    if (source !== undefined) m.source = source;
    m.assumption = c.yesNo(t0, r, 'assumption', false);
    const [vi, en] = [c.text(t0, r, 'note'), c.text(t0, r, 'noteEn')];
    if (vi !== undefined && en !== undefined) m.note = { vi, en };
    else if (vi !== undefined || en !== undefined)
      c.at(t0, r.row, vi === undefined ? 'note' : 'noteEn', bi('awMilestoneNoteHalf'));
    if (id !== undefined && !seen.has(id)) seen.set(id, r.row);
    out.push(m);
    loc.milestone.push(r.row);
  }
  return out;
}

/** "Sau mốc" and its working days: both or neither; the milestone named must be on a row above. */
function readAfter(c: Compiler, t0: Table, r: TableRow, m: Obj, above: Map<string, number>) {
  const after = c.text(t0, r, 'after');
  const days = c.number(t0, r, 'workingDays', { nonNegative: true, whole: true });
  if (after === undefined) {
    if (!blank(r.get('workingDays'))) c.at(t0, r.row, 'workingDays', bi('awMilestoneDaysWithoutAfter'));
    return;
  }
  if (!above.has(after))
    c.at(
      t0,
      r.row,
      'after',
      bi('awUnknownMilestone', {
        id: after,
        sheet: c.nameOf('milestones'),
        known: [...above.keys()].join(', ') || '—',
      }),
    );
  if (blank(r.get('workingDays'))) c.at(t0, r.row, 'workingDays', bi('awMilestoneNoDays', { id: after }));
  m.after = { milestone: after, workingDays: days };
}

const fmt = (n: number, lang: Lang) => (lang === 'vi' ? String(n).replace('.', ',') : String(n));

function readRule(c: Compiler, table: Table, r: TableRow, max: number | undefined): Rule | undefined {
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
  const opt = <K extends string>(k: K, v: string | undefined) =>
    v === undefined ? {} : ({ [k]: v } as Record<K, string>);
  const keysUnique = <T extends { key: string }>(key: string, items: T[] | undefined): T[] | undefined => {
    const dup = items ? duplicateKeys(items) : [];
    if (dup.length) c.at(table, r.row, key, bi('awDuplicateKey', { key: dup.join(', ') }));
    return items;
  };
  switch (type) {
    case 'manual':
      return { type };
    case 'yesNo':
      return { type, ...opt('question', label) };
    case 'ratio': {
      const mode = c.choice(table, r, 'ratioMode', RATIO_MODES, true);
      return {
        type,
        mode: mode!,
        ...opt('numeratorLabel', c.text(table, r, 'numeratorLabel')),
        ...opt('denominatorLabel', c.text(table, r, 'denominatorLabel')),
      };
    }
    case 'perItem':
      return {
        type,
        pointsPerItem: c.number(table, r, 'pointsPerItem', { required: true, positive: true })!,
        ...opt('itemLabel', label),
      };
    case 'steps': {
      const steps = c.notation(table, r, 'steps', parseSteps);
      if (steps?.some((s) => s.points < 0))
        c.at(table, r.row, 'steps', bi('awNegative', { value: Math.min(...steps.map((s) => s.points)) }));
      return { type, ...opt('valueLabel', label), steps: steps! };
    }
    case 'bestOf': {
      const alternatives = keysUnique(
        'alternatives',
        c.notation(table, r, 'alternatives', parseAlternatives),
      );
      if (alternatives && alternatives.length < 2)
        c.at(table, r.row, 'alternatives', bi('awTooFew', { min: 2 }));
      return { type, alternatives: alternatives! };
    }
    case 'sumOfParts': {
      const parts = keysUnique(
        'parts',
        c.notation(table, r, 'parts', (s) => parseParts(s, true)),
      );
      if (parts && parts.length < 2) c.at(table, r.row, 'parts', bi('awTooFew', { min: 2 }));
      const sum = parts?.reduce((s, p) => s + (p.max ?? 0), 0);
      if (parts && max !== undefined && sum! < max)
        c.at(table, r.row, 'parts', bi('awPartsBelowMax', { sum: sum!, max }));
      return { type, parts: parts as { key: string; label: string; max: number }[] };
    }
    case 'deduction':
      return {
        type,
        pointsPerItem: c.number(table, r, 'pointsPerItem', { required: true, positive: true })!,
        floor: c.number(table, r, 'floor', { nonNegative: true }) ?? 0,
        ...opt('itemLabel', label),
      };
    case 'relativeToBest':
      return { type, ...opt('valueLabel', label) };
    case 'levelAverage': {
      const parts = keysUnique(
        'parts',
        c.notation(table, r, 'parts', (s) => parseParts(s, false)),
      );
      const levels = c.notation(table, r, 'levels', parseLevels);
      if (levels && levels.length < 2) c.at(table, r.row, 'levels', bi('awTooFew', { min: 2 }));
      const top = levels && Math.max(...levels.map((l) => l.value));
      if (levels && max !== undefined && top !== max)
        c.at(table, r.row, 'max', bi('awTopLevelNotMax', { top: top!, max }));
      return { type, parts: parts as { key: string; label: string }[], levels: levels! };
    }
  }
}

/** A zod issue's path → the sheet, row and column the value came from. */
function locate(
  loc: Locator,
  path: (string | number)[],
): { sheet: SheetKey; row: number; col: string; header: Message } {
  const tableCol = (sheet: SheetKey, defs: ColumnDef[], row: number | undefined, key: string) => {
    const def = defs.find((d) => d.key === key) ?? defs[0];
    return {
      sheet,
      row: row ?? HEADER_ROWS + 1,
      col: columnLetter(defs.indexOf(def) + 1),
      header: bi(def.header),
    };
  };
  const itemCol = (
    sheet: SheetKey,
    items: ItemDef[],
    key: string,
    row: number | undefined,
    column: 'value' | 'extra' = 'value',
  ) => {
    const def = items.find((i) => i.key === key) ?? items[0];
    return { sheet, row: row ?? HEADER_ROWS + 1, col: column === 'value' ? 'B' : 'C', header: bi(def.label) };
  };
  const [head, i, ...rest] = path;
  if (head === 'annexes' && typeof i === 'number') {
    if (rest[0] === 'groups' && typeof rest[1] === 'number') {
      const g = rest[1];
      if (rest[2] === 'criteria' && typeof rest[3] === 'number') {
        const field = String(rest[4] ?? 'id');
        const sub = rest[5];
        const key =
          field === 'rule'
            ? ((
                {
                  type: 'ruleType',
                  mode: 'ratioMode',
                  question: 'label',
                  valueLabel: 'label',
                  itemLabel: 'label',
                } as Record<string, string>
              )[String(sub)] ?? (RULE_PARAMS.includes(String(sub)) ? String(sub) : 'ruleType'))
            : field === 'evidence'
              ? sub === 'label'
                ? 'evidenceLabel'
                : 'evidenceRequired'
              : (({ reasonRequiredBelowMax: 'reasonRequired' } as Record<string, string>)[field] ?? field);
        return tableCol('criteria', CRITERIA_COLUMNS, loc.criterion[i]?.[g]?.[rest[3]], key);
      }
      return tableCol(
        'criteria',
        CRITERIA_COLUMNS,
        loc.group[i]?.[g],
        rest[2] === 'title' ? 'groupTitle' : 'groupCode',
      );
    }
    if (rest[0] === 'bands' && typeof rest[1] === 'number')
      return tableCol('bands', BAND_COLUMNS, loc.band[i]?.[rest[1]], String(rest[2] ?? 'label'));
    return tableCol('annexes', ANNEX_COLUMNS, loc.annex[i], String(rest[0] ?? 'code'));
  }
  if (head === 'units' && typeof i === 'number')
    return tableCol('units', UNIT_COLUMNS, loc.unit[i], String(rest[0] ?? 'id'));
  if (head === 'awards' && typeof i === 'number')
    return tableCol('awards', AWARD_COLUMNS, loc.award[i], String(rest[0] ?? 'annexes'));
  if (head === 'assumptions' && typeof i === 'number') {
    const key =
      rest[0] === 'annexes' ? 'annexes' : `${String(rest[0] ?? 'what')}${rest[1] === 'en' ? 'En' : ''}`;
    return tableCol('assumptions', ASSUMPTION_COLUMNS, loc.assumption[i], key);
  }
  if (head === 'schedule' && i === 'milestones' && typeof rest[0] === 'number') {
    const [field, sub] = [rest[1], rest[2]];
    const key =
      field === 'after'
        ? sub === 'workingDays'
          ? 'workingDays'
          : 'after'
        : field === 'note'
          ? sub === 'en'
            ? 'noteEn'
            : 'note'
          : String(field ?? 'id');
    return tableCol('milestones', MILESTONE_COLUMNS, loc.milestone[rest[0]], key);
  }
  if (head === 'policies')
    return itemCol('schedule', SCHEDULE_ITEMS, String(i), loc.items.get(String(i))?.[0]);
  if (head === 'schedule') {
    if (i === 'deadlines')
      return itemCol(
        'schedule',
        SCHEDULE_ITEMS,
        'deadline',
        loc.items.get('deadline')?.[Number(rest[0]) || 0],
        rest[1] === 'annexes' ? 'extra' : 'value',
      );
    if (i === 'dataWindow') {
      const key =
        rest[0] === 'end'
          ? 'windowEnd'
          : rest[0] === 'startPreviousYear'
            ? 'startPreviousYear'
            : 'windowStart';
      return itemCol('schedule', SCHEDULE_ITEMS, key, loc.items.get(key)?.[0]);
    }
    return itemCol('schedule', SCHEDULE_ITEMS, String(i), loc.items.get(String(i))?.[0]);
  }
  const key =
    head === 'sources'
      ? 'source'
      : head === 'reconstructedFrom' && i === 'en'
        ? 'reconstructedFromEn'
        : String(head);
  const rows = loc.items.get(`info.${key}`);
  const row = typeof i === 'number' ? rows?.[i] : rows?.[0];
  const column = (typeof i === 'number' ? rest[0] : i) === 'date' ? 'extra' : 'value';
  return itemCol('info', INFO_ITEMS, key, row, column);
}

/** zod's complaint in words; the common ones in both languages, the rest in zod's English. */
function zodDetail(
  issue: { code: string; message: string; minimum?: unknown; origin?: string; inclusive?: boolean },
  lang: Lang,
): string {
  if (issue.code === 'too_small' && issue.origin === 'number')
    return t(lang, issue.inclusive ? 'awZodMinInclusive' : 'awZodMinExclusive', {
      min: String(issue.minimum),
    });
  if (issue.code === 'too_small' && issue.origin === 'array')
    return t(lang, 'awZodTooFew', { min: String(issue.minimum) });
  if (issue.code === 'too_small' && issue.origin === 'string') return t(lang, 'awRequired');
  if (issue.code === 'invalid_type') return t(lang, 'awZodType');
  if (issue.code === 'invalid_format') return t(lang, 'awZodFormat', { detail: issue.message });
  return issue.message;
}
