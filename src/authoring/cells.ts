/**
 * The cell reader of the authoring workbook: sheets found by their Vietnamese or English name, header
 * rows matched in any column order, cells read as text, numbers, yes/no, dates, choices and notations,
 * each problem reported with its sheet, row and column in both languages. Pure: workbook.ts reads the
 * .xlsx into grids.
 */
import { parseNumber, parseYesNo } from '../core/numbers';
import { t, type Lang, type Message, type MessageKey, type Params } from '../i18n';
import {
  HEADER_ROWS,
  SHEET_NAME_KEYS,
  columnLetter,
  type ColumnDef,
  type ColumnKind,
  type ItemDef,
  type SheetKey,
} from './layout';
import { bothLabel, choiceList, fold, parseDate, readChoice, type Choice, type Parsed } from './notation';
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

/** One message, with parameters that may differ per language (lists of labels, headers). */
export function bi(key: MessageKey, params: Params | ((lang: Lang) => Params) = {}): Message {
  const p = typeof params === 'function' ? params : () => params;
  return { vi: t('vi', key, p('vi')), en: t('en', key, p('en')) };
}

export function sheetName(key: SheetKey, lang: Lang = 'vi'): string {
  return t(lang, SHEET_NAME_KEYS[key]);
}

export const blank = (v: CellValue) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export function cellText(v: CellValue): string | undefined {
  if (blank(v)) return undefined;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString().slice(0, 10);
  return String(v).normalize('NFC').trim();
}

export interface TableRow {
  row: number;
  get(key: string): CellValue;
}

export interface Table {
  key: SheetKey;
  name: string;
  defs: ColumnDef[];
  /** column key → 0-based index; absent columns are missing */
  index: Map<string, number>;
  rows: TableRow[];
  firstDataRow: number;
}

/** Columns whose absence makes the sheet unreadable; others may be deleted when unused. */
const REQUIRED_COLUMNS: Partial<Record<SheetKey, string[]>> = {
  criteria: ['annex', 'groupCode', 'id', 'title', 'max', 'ruleType', 'provenance'],
  annexes: ['code', 'title', 'appliesTo', 'max', 'rankingGroup'],
  bands: ['annex', 'label', 'labelEn', 'min'],
  pillars: ['annex', 'code', 'groups', 'weight'],
  units: ['id', 'name', 'annex'],
  awards: ['annexes', 'topN', 'band'],
  assumptions: ['what', 'why', 'whatEn', 'whyEn'],
  milestones: ['id', 'kind', 'title', 'titleEn'],
  info: ['item', 'value'],
  schedule: ['item', 'value'],
};
/* The rulebook as it is being assembled; zod checks it at the end. */
export type Obj = Record<string, unknown>;

/**
 * Reads the sheets of an authoring workbook as tables of typed cells, and collects every problem with
 * its sheet, row and column (the compiler reports through it, so all errors share one shape).
 */
export class SheetReader {
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
