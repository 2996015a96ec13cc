/**
 * The authoring workbook "Bộ tiêu chí": describeAuthoringWorkbook describes it (blank, or filled from a
 * rulebook), rulebookToWorkbook writes it through src/xlsx, workbookToRulebook reads it (src/xlsx) and
 * compiles it (compile.ts). Layout: layout.ts; values: tables.ts; notations: notation.ts.
 */
import type { Rulebook } from '../core/rulebook/schema';
import { readGrids, type PlainValue, type SheetGrid } from '../xlsx/grid-read';
import { writeDescribedXlsx } from '../xlsx/describe-write';
import type {
  CellStyle,
  PlanValidation,
  SheetCell,
  SheetDescription,
  WorkbookDescription,
} from '../sheet/types';
import { colName } from '../sheet/a1';
import { t, type MessageKey } from '../i18n';
import {
  ANNEX_COLUMNS,
  ASSUMPTION_COLUMNS,
  AWARD_COLUMNS,
  BAND_COLUMNS,
  PILLAR_COLUMNS,
  CRITERIA_COLUMNS,
  HEADER_ROWS,
  INFO_COLUMNS,
  INFO_ITEMS,
  MILESTONE_COLUMNS,
  SCHEDULE_COLUMNS,
  SCHEDULE_ITEMS,
  SPARE_ROWS,
  UNIT_COLUMNS,
  type ColumnDef,
  type ColumnKind,
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
  NORMALISES,
  RANK_ONS,
  RULE_TYPES,
  UNSENT_POLICIES,
  bothLabel,
  choiceLabel,
  type Choice,
} from './notation';
import {
  annexRows,
  assumptionRows,
  awardRows,
  bandRows,
  criteriaRows,
  infoRows,
  milestoneRows,
  pillarRows,
  scheduleRows,
  unitRows,
  type CellValue,
  type ItemRow,
  yesNoText,
  type Row,
} from './tables';
import {
  compileRulebook,
  sheetName,
  type AuthoringError,
  type CompileResult,
  type WorkbookGrids,
} from './compile';

const FONT = { name: 'Times New Roman', size: 12 };
const HEADER_FILL = '#DDEBF7';
const RECONSTRUCTED_FILL = '#FCE4D6';
const BORDER_COLOR = '#9BB7D4';
const GREY = '#595959';

const TEXT_KINDS: ColumnKind[] = ['text', 'code', 'longText', 'notation', 'date', 'monthDay', 'list'];
const WRAP_KINDS: ColumnKind[] = ['longText', 'notation', 'list'];

/** The drop-down list of a column kind, in the words the workbook uses. */
function listOf(kind: ColumnKind): string[] | undefined {
  const labels = <T extends string>(choices: Choice<T>[]) => choices.map((c) => choiceLabel(choices, c.id));
  const both = <T extends string>(choices: Choice<T>[]) => choices.map((c) => bothLabel(choices, c.id));
  switch (kind) {
    case 'yesNo':
      return [t('vi', 'yes'), t('vi', 'no')];
    case 'ruleType':
      return labels(RULE_TYPES);
    case 'ratioMode':
      return labels(RATIO_MODES);
    case 'provenance':
      return labels(PROVENANCES);
    case 'aggregate':
      return labels(AGGREGATES);
    case 'level':
      return labels(LEVELS);
    case 'rankOn':
      return labels(RANK_ONS);
    case 'normalise':
      return labels(NORMALISES);
    case 'latePolicy':
      return both(LATE_POLICIES);
    case 'unsentPolicy':
      return both(UNSENT_POLICIES);
    case 'incompletePolicy':
      return both(INCOMPLETE_POLICIES);
    case 'ties':
      return both(AWARD_TIES);
    case 'milestoneKind':
      return both(MILESTONE_KINDS);
    case 'ifNotWorkingDay':
      return both(IF_NOT_WORKING_DAY);
    default:
      return undefined;
  }
}

/** A drop-down that warns but lets other spellings through (English ids are read too). */
function dropDown(values: string[], helpKey: MessageKey, row: number, col: number, rows = 1): PlanValidation {
  return {
    row,
    col,
    rows,
    rule: { type: 'list', values, strict: false },
    prompt: { title: '', message: t('vi', helpKey).slice(0, 250) },
    error: {
      title: t('vi', 'awDropDownTitle'),
      message: t('vi', 'awDropDownError', { values: values.join(', ') }),
    },
    quiet: true,
  };
}

const helpNote = (key: MessageKey) => `${t('vi', key)}\n\n${t('en', key)}`;

const HEADER: CellStyle = {
  fill: HEADER_FILL,
  border: true,
  borderColor: BORDER_COLOR,
  wrap: true,
  vAlign: 'middle',
  hAlign: 'center',
};

/** A sheet of the authoring workbook before its rows: fonts, header styles, frozen panes. */
function blankSheet(key: SheetKey, freezeColumns: number): SheetDescription {
  return {
    sheetName: sheetName(key),
    columns: [],
    columnStyles: {},
    rowHeights: { 0: 32 },
    font: FONT,
    styles: {
      headerVi: { ...HEADER, bold: true },
      headerEn: { ...HEADER, italic: true, size: 10, color: GREY },
    },
    cells: [],
    merges: [],
    validations: [],
    freezeRows: HEADER_ROWS,
    freezeColumns,
  };
}

/** Headers in Vietnamese (row 1, with the column's help as a note) and English (row 2). */
function headerRows(sheet: SheetDescription, defs: ColumnDef[], notes: boolean): void {
  defs.forEach((d, col) => {
    sheet.cells.push({
      row: 0,
      col,
      value: t('vi', d.header),
      style: 'headerVi',
      ...(notes ? { note: helpNote(d.help) } : {}),
    });
    sheet.cells.push({ row: 1, col, value: t('en', d.header), style: 'headerEn' });
  });
}

/**
 * Column widths and formats, and drop-downs down to `lastRow` (1-based; none when there are no data
 * rows below the header). Text columns stay text: "1.10" typed as an id must not become the number
 * 1.1, nor "15/09" a date.
 */
function columnFormats(sheet: SheetDescription, defs: ColumnDef[], lastRow: number): void {
  defs.forEach((d, i) => {
    sheet.columns[i] = d.width;
    const style: CellStyle = {
      vAlign: 'top',
      wrap: WRAP_KINDS.includes(d.kind),
      ...(TEXT_KINDS.includes(d.kind) ? { numberFormat: '@' } : {}),
    };
    sheet.styles[`col${i}`] = style;
    sheet.columnStyles![i] = `col${i}`;
    const list = listOf(d.kind);
    if (list && lastRow > HEADER_ROWS)
      sheet.validations!.push(dropDown(list, d.help, HEADER_ROWS, i, lastRow - HEADER_ROWS));
  });
}

/** A value as the sheet holds it: nothing for an absent value, text or a number otherwise. */
function sheetValue(v: CellValue): string | number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return yesNoText(v);
  return v instanceof Date ? v.toISOString().slice(0, 10) : v;
}

function tableSheet(key: SheetKey, defs: ColumnDef[], rows: Row[], notes: boolean, freezeColumns = 0) {
  const sheet = blankSheet(key, freezeColumns);
  columnFormats(sheet, defs, HEADER_ROWS + rows.length + SPARE_ROWS);
  headerRows(sheet, defs, notes);
  rows.forEach((row, r) =>
    defs.forEach((d, col) => {
      const value = sheetValue(row[d.key]);
      if (value !== undefined) sheet.cells.push({ row: HEADER_ROWS + r, col, value });
    }),
  );
  sheet.autoFilter = { row: 0, col: 0, lastRow: 0, lastCol: defs.length - 1 };
  return sheet;
}

function itemSheet(key: SheetKey, columns: ColumnDef[], rows: ItemRow[], notes: boolean) {
  const sheet = blankSheet(key, 1);
  columnFormats(sheet, columns, 0);
  headerRows(sheet, columns, false);
  sheet.styles.itemVi = { ...sheet.styles.col0, bold: true };
  sheet.styles.itemEn = { ...sheet.styles.col3, italic: true, color: GREY };
  rows.forEach((r, i) => {
    const row = HEADER_ROWS + i;
    const label = { row, col: 0, value: t('vi', r.item.label), style: 'itemVi' };
    sheet.cells.push(notes ? { ...label, note: helpNote(r.item.help) } : label);
    const value = sheetValue(r.value);
    const extra = sheetValue(r.extra);
    if (value !== undefined) sheet.cells.push({ row, col: 1, value });
    if (extra !== undefined) sheet.cells.push({ row, col: 2, value: extra });
    sheet.cells.push({ row, col: 3, value: t('en', r.item.label), style: 'itemEn' });
    const list = listOf(r.item.kind);
    if (list) sheet.validations!.push(dropDown(list, r.item.help, row, 1));
  });
  return sheet;
}

/** Rows appended one after another, as a document: a title, sections, lines of text. */
function helpRows(): [string[], 'title' | 'section' | 'plain'][] {
  const out: [string[], 'title' | 'section' | 'plain'][] = [];
  const add = (cells: string[], style: 'title' | 'section' | 'plain' = 'plain') => out.push([cells, style]);
  const both = (key: MessageKey, first = '') => add([first, t('vi', key), t('en', key)]);
  const section = (vi: string, en: string) => {
    add([]);
    add([vi, '', en], 'section');
  };
  add([t('vi', 'awHelpTitle'), '', t('en', 'awHelpTitle')], 'title');
  both('awHelpIntro');
  both('awHelpNotation');
  both('reconstructedNotice');
  section(t('vi', 'awHelpSheets'), t('en', 'awHelpSheets'));
  const sheets: [SheetKey, MessageKey][] = [
    ['criteria', 'awSheetHelpCriteria'],
    ['annexes', 'awSheetHelpAnnexes'],
    ['bands', 'awSheetHelpBands'],
    ['pillars', 'awSheetHelpPillars'],
    ['units', 'awSheetHelpUnits'],
    ['schedule', 'awSheetHelpSchedule'],
    ['milestones', 'awSheetHelpMilestones'],
    ['awards', 'awSheetHelpAwards'],
    ['assumptions', 'awSheetHelpAssumptions'],
    ['info', 'awSheetHelpInfo'],
  ];
  for (const [key, help] of sheets) both(help, `${sheetName(key)} / ${sheetName(key, 'en')}`);
  section(t('vi', 'awHelpRuleTypes'), t('en', 'awHelpRuleTypes'));
  for (const r of RULE_TYPES)
    both(`awRuleHelp${r.id[0].toUpperCase()}${r.id.slice(1)}` as MessageKey, `${t('vi', r.label)} (${r.id})`);
  const columns: [SheetKey, ColumnDef[]][] = [
    ['criteria', CRITERIA_COLUMNS],
    ['annexes', ANNEX_COLUMNS],
    ['bands', BAND_COLUMNS],
    ['pillars', PILLAR_COLUMNS],
    ['units', UNIT_COLUMNS],
    ['milestones', MILESTONE_COLUMNS],
    ['awards', AWARD_COLUMNS],
    ['assumptions', ASSUMPTION_COLUMNS],
  ];
  for (const [key, defs] of columns) {
    section(
      t('vi', 'awHelpColumnsOf', { sheet: sheetName(key) }),
      t('en', 'awHelpColumnsOf', { sheet: sheetName(key, 'en') }),
    );
    for (const d of defs) both(d.help, `${t('vi', d.header)} / ${t('en', d.header)}`);
  }
  for (const [key, items] of [
    ['schedule', SCHEDULE_ITEMS],
    ['info', INFO_ITEMS],
  ] as const) {
    section(
      t('vi', 'awHelpItemsOf', { sheet: sheetName(key) }),
      t('en', 'awHelpItemsOf', { sheet: sheetName(key, 'en') }),
    );
    for (const i of items.filter((x) => !x.legacy)) both(i.help, `${t('vi', i.label)} / ${t('en', i.label)}`);
  }
  return out;
}

/** The "Hướng dẫn" sheet: every sheet, rule type and column explained in both languages. */
function helpSheet(): SheetDescription {
  const plain: CellStyle = { vAlign: 'top', wrap: true };
  const cells: SheetCell[] = [];
  helpRows().forEach(([values, kind], row) =>
    values.forEach((value, col) => cells.push({ row, col, value, style: kind })),
  );
  return {
    sheetName: sheetName('help'),
    columns: [30, 80, 80],
    columnStyles: { 0: 'plain', 1: 'plain', 2: 'plain' },
    rowHeights: {},
    font: FONT,
    styles: {
      plain,
      title: { ...plain, bold: true, size: 14 },
      section: { ...plain, bold: true, size: 12, fill: HEADER_FILL },
    },
    cells,
    merges: [],
    freezeRows: 0,
  };
}

/** Reconstructed criteria stand out, as every screen that shows criteria must say so. */
function markReconstructed(criteria: SheetDescription, rows: number): void {
  const prov = CRITERIA_COLUMNS.findIndex((d) => d.key === 'provenance');
  const last = HEADER_ROWS + rows + SPARE_ROWS;
  criteria.conditionalFormats = [
    {
      range: `A${HEADER_ROWS + 1}:${colName(CRITERIA_COLUMNS.length - 1)}${last}`,
      formula: `$${colName(prov)}${HEADER_ROWS + 1}="${choiceLabel(PROVENANCES, 'reconstructed')}"`,
      fill: RECONSTRUCTED_FILL,
    },
  ];
}

/** The authoring workbook's description: filled from a rulebook, or blank without one. */
export function describeAuthoringWorkbook(
  rb?: Rulebook,
  options: AuthoringWorkbookOptions = {},
): WorkbookDescription {
  const notes = options.notes ?? true;
  const criteriaRowsOf = rb ? criteriaRows(rb) : [];
  const criteria = tableSheet('criteria', CRITERIA_COLUMNS, criteriaRowsOf, notes, 4);
  markReconstructed(criteria, criteriaRowsOf.length);
  return {
    title: rb ? `${rb.title} (${rb.version})` : t('vi', 'awHelpTitle'),
    sheets: [
      criteria,
      tableSheet('annexes', ANNEX_COLUMNS, rb ? annexRows(rb) : [], notes, 1),
      tableSheet('bands', BAND_COLUMNS, rb ? bandRows(rb) : [], notes, 1),
      tableSheet('pillars', PILLAR_COLUMNS, rb ? pillarRows(rb) : [], notes, 1),
      tableSheet('units', UNIT_COLUMNS, rb ? unitRows(rb) : [], notes, 2),
      itemSheet('schedule', SCHEDULE_COLUMNS, scheduleRows(rb), notes),
      tableSheet('milestones', MILESTONE_COLUMNS, rb ? milestoneRows(rb) : [], notes, 1),
      tableSheet('awards', AWARD_COLUMNS, rb ? awardRows(rb) : [], notes),
      tableSheet('assumptions', ASSUMPTION_COLUMNS, rb ? assumptionRows(rb) : [], notes),
      itemSheet('info', INFO_COLUMNS, infoRows(rb), notes),
      helpSheet(),
    ],
  };
}

export interface AuthoringWorkbookOptions {
  /**
   * Explanations as cell notes on the headers (default true). The pane passes false when it inserts
   * the sheets with insertWorksheetsFromBase64, which Excel on the web refuses for files with comments;
   * the "Hướng dẫn" sheet explains every column either way.
   */
  notes?: boolean;
}

/** The authoring workbook: filled from a rulebook, or blank (headers, drop-downs, help) without one. */
export async function rulebookToWorkbook(
  rb?: Rulebook,
  options: AuthoringWorkbookOptions = {},
): Promise<Uint8Array> {
  return writeDescribedXlsx(describeAuthoringWorkbook(rb, options));
}

/** A cell's value as compile.ts reads it: an error as its text (#N/A), anything else as read. */
const compiled = (v: PlainValue): CellValue =>
  v !== null && typeof v === 'object' && !(v instanceof Date) ? v.error : v;

/** Every sheet's cells, or the reason the file cannot be read as a workbook. */
export async function workbookGrids(
  bytes: Uint8Array,
): Promise<{ ok: true; grids: WorkbookGrids } | { ok: false; error: AuthoringError }> {
  let sheets: SheetGrid[];
  try {
    sheets = await readGrids(bytes);
  } catch (e) {
    const reason = (e as Error)?.message ?? String(e);
    return {
      ok: false,
      error: {
        sheet: '',
        row: 0,
        column: '',
        message: { vi: t('vi', 'awNotWorkbook', { reason }), en: t('en', 'awNotWorkbook', { reason }) },
      },
    };
  }
  const grids: WorkbookGrids = {};
  for (const sheet of sheets) {
    const grid: CellValue[][] = [];
    sheet.rows.forEach((row, r) => {
      const cells: CellValue[] = [];
      row.forEach((v, c) => (cells[c] = compiled(v)));
      grid[r] = cells;
    });
    grids[sheet.name] = grid;
  }
  return { ok: true, grids };
}

/** Read and compile an authoring workbook. */
export async function workbookToRulebook(bytes: Uint8Array): Promise<CompileResult> {
  const read = await workbookGrids(bytes);
  return read.ok ? compileRulebook(read.grids) : { ok: false, errors: [read.error] };
}
