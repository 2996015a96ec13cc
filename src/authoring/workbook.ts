/**
 * The authoring workbook "Bộ tiêu chí" as an .xlsx file, with ExcelJS (Node and the browser bundle):
 * rulebookToWorkbook writes it (blank, or filled from a rulebook), workbookToRulebook reads it and
 * compiles it (compile.ts). Layout: layout.ts; values: tables.ts; notations: notation.ts.
 */
import ExcelJS from 'exceljs';
import type { Rulebook } from '../core/rulebook/schema';
import { t, type MessageKey } from '../i18n';
import {
  ANNEX_COLUMNS,
  ASSUMPTION_COLUMNS,
  AWARD_COLUMNS,
  BAND_COLUMNS,
  CRITERIA_COLUMNS,
  HEADER_ROWS,
  INFO_COLUMNS,
  INFO_ITEMS,
  MILESTONE_COLUMNS,
  SCHEDULE_COLUMNS,
  SCHEDULE_ITEMS,
  SPARE_ROWS,
  UNIT_COLUMNS,
  columnLetter,
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
  scheduleRows,
  unitRows,
  type CellValue,
  type ItemRow,
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
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const RECONSTRUCTED_FILL = 'FFFCE4D6';
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF9BB7D4' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, bottom: thin, left: thin, right: thin };

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

type Validations = { add(address: string, validation: ExcelJS.DataValidation): void };
const validations = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: Validations }).dataValidations;

/** A drop-down that warns but lets other spellings through (English ids are read too). */
function dropDown(values: string[], helpKey: MessageKey): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: t('vi', 'awDropDownTitle'),
    error: t('vi', 'awDropDownError', { values: values.join(', ') }),
    showInputMessage: false,
    prompt: t('vi', helpKey).slice(0, 250),
  };
}

const helpNote = (key: MessageKey) => `${t('vi', key)}\n\n${t('en', key)}`;

function headerRows(ws: ExcelJS.Worksheet, defs: ColumnDef[], notes: boolean) {
  const vi = ws.getRow(1);
  const en = ws.getRow(2);
  defs.forEach((d, i) => {
    const a = vi.getCell(i + 1);
    a.value = t('vi', d.header);
    a.style = {
      font: { ...FONT, bold: true },
      fill: HEADER_FILL,
      border: BORDER,
      alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' },
    };
    if (notes) a.note = helpNote(d.help);
    const b = en.getCell(i + 1);
    b.value = t('en', d.header);
    b.style = {
      font: { ...FONT, italic: true, size: 10, color: { argb: 'FF595959' } },
      fill: HEADER_FILL,
      border: BORDER,
      alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' },
    };
  });
  vi.height = 32;
}

function columnFormats(
  ws: ExcelJS.Worksheet,
  defs: ColumnDef[],
  kindOf: (d: ColumnDef) => ColumnKind,
  lastRow: number,
) {
  defs.forEach((d, i) => {
    const col = ws.getColumn(i + 1);
    col.width = d.width;
    const kind = kindOf(d);
    // Text columns stay text: "1.10" typed as an id must not become the number 1.1, nor "15/09" a date.
    const style: Partial<ExcelJS.Style> = {
      font: FONT,
      alignment: { vertical: 'top', wrapText: WRAP_KINDS.includes(kind) },
    };
    if (TEXT_KINDS.includes(kind)) style.numFmt = '@';
    col.style = style;
    const list = listOf(kind);
    if (list)
      validations(ws).add(
        `${columnLetter(i + 1)}${HEADER_ROWS + 1}:${columnLetter(i + 1)}${lastRow}`,
        dropDown(list, d.help),
      );
  });
}

function tableSheet(
  wb: ExcelJS.Workbook,
  key: SheetKey,
  defs: ColumnDef[],
  rows: Row[],
  notes: boolean,
  freezeColumns = 0,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(key), {
    views: [{ state: 'frozen', xSplit: freezeColumns, ySplit: HEADER_ROWS }],
  });
  const lastRow = HEADER_ROWS + rows.length + SPARE_ROWS;
  columnFormats(ws, defs, (d) => d.kind, lastRow);
  headerRows(ws, defs, notes);
  rows.forEach((row, r) => {
    const values = defs.map((d) => cellValue(row[d.key]));
    ws.getRow(HEADER_ROWS + 1 + r).values = values as ExcelJS.CellValue[];
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: defs.length } };
  return ws;
}

const cellValue = (v: CellValue): ExcelJS.CellValue => (v === undefined ? null : v);

function itemSheet(
  wb: ExcelJS.Workbook,
  key: SheetKey,
  columns: ColumnDef[],
  rows: ItemRow[],
  notes: boolean,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(key), {
    views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROWS }],
  });
  columnFormats(ws, columns, (d) => d.kind, 0);
  headerRows(ws, columns, false);
  rows.forEach((r, i) => {
    const row = ws.getRow(HEADER_ROWS + 1 + i);
    row.values = [t('vi', r.item.label), cellValue(r.value), cellValue(r.extra), t('en', r.item.label)];
    row.getCell(1).font = { ...FONT, bold: true };
    if (notes) row.getCell(1).note = helpNote(r.item.help);
    row.getCell(4).font = { ...FONT, italic: true, color: { argb: 'FF595959' } };
    const list = listOf(r.item.kind);
    if (list) row.getCell(2).dataValidation = dropDown(list, r.item.help);
  });
  return ws;
}

function helpSheet(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet(sheetName('help'));
  ws.getColumn(1).width = 30;
  ws.getColumn(2).width = 80;
  ws.getColumn(3).width = 80;
  for (const c of [1, 2, 3])
    ws.getColumn(c).style = { font: FONT, alignment: { vertical: 'top', wrapText: true } };
  const add = (cells: string[], style: 'title' | 'section' | 'plain' = 'plain') => {
    const row = ws.addRow(cells);
    if (style !== 'plain') row.font = { ...FONT, bold: true, size: style === 'title' ? 14 : 12 };
    if (style === 'section') row.eachCell((c) => (c.fill = HEADER_FILL));
  };
  const both = (key: MessageKey, first = '') => add([first, t('vi', key), t('en', key)]);
  add([t('vi', 'awHelpTitle'), '', t('en', 'awHelpTitle')], 'title');
  both('awHelpIntro');
  both('awHelpNotation');
  both('reconstructedNotice');
  add([]);
  add([t('vi', 'awHelpSheets'), '', t('en', 'awHelpSheets')], 'section');
  const sheets: [SheetKey, MessageKey][] = [
    ['criteria', 'awSheetHelpCriteria'],
    ['annexes', 'awSheetHelpAnnexes'],
    ['bands', 'awSheetHelpBands'],
    ['units', 'awSheetHelpUnits'],
    ['schedule', 'awSheetHelpSchedule'],
    ['milestones', 'awSheetHelpMilestones'],
    ['awards', 'awSheetHelpAwards'],
    ['assumptions', 'awSheetHelpAssumptions'],
    ['info', 'awSheetHelpInfo'],
  ];
  for (const [key, help] of sheets) both(help, `${sheetName(key)} / ${sheetName(key, 'en')}`);
  add([]);
  add([t('vi', 'awHelpRuleTypes'), '', t('en', 'awHelpRuleTypes')], 'section');
  for (const r of RULE_TYPES)
    both(`awRuleHelp${r.id[0].toUpperCase()}${r.id.slice(1)}` as MessageKey, `${t('vi', r.label)} (${r.id})`);
  const columnSection = (key: SheetKey, defs: ColumnDef[]) => {
    add([]);
    add(
      [
        t('vi', 'awHelpColumnsOf', { sheet: sheetName(key) }),
        '',
        t('en', 'awHelpColumnsOf', { sheet: sheetName(key, 'en') }),
      ],
      'section',
    );
    for (const d of defs) both(d.help, `${t('vi', d.header)} / ${t('en', d.header)}`);
  };
  columnSection('criteria', CRITERIA_COLUMNS);
  columnSection('annexes', ANNEX_COLUMNS);
  columnSection('bands', BAND_COLUMNS);
  columnSection('units', UNIT_COLUMNS);
  columnSection('milestones', MILESTONE_COLUMNS);
  columnSection('awards', AWARD_COLUMNS);
  columnSection('assumptions', ASSUMPTION_COLUMNS);
  for (const [key, items] of [
    ['schedule', SCHEDULE_ITEMS],
    ['info', INFO_ITEMS],
  ] as const) {
    add([]);
    add(
      [
        t('vi', 'awHelpItemsOf', { sheet: sheetName(key) }),
        '',
        t('en', 'awHelpItemsOf', { sheet: sheetName(key, 'en') }),
      ],
      'section',
    );
    for (const i of items.filter((x) => !x.legacy)) both(i.help, `${t('vi', i.label)} / ${t('en', i.label)}`);
  }
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
  const notes = options.notes ?? true;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'scorecard';
  wb.title = rb ? `${rb.title} (${rb.version})` : t('vi', 'awHelpTitle');
  const criteria = tableSheet(wb, 'criteria', CRITERIA_COLUMNS, rb ? criteriaRows(rb) : [], notes, 4);
  // Reconstructed criteria stand out, as every screen that shows criteria must say so.
  const prov = CRITERIA_COLUMNS.findIndex((d) => d.key === 'provenance') + 1;
  const last = HEADER_ROWS + (rb ? criteriaRows(rb).length : 0) + SPARE_ROWS;
  criteria.addConditionalFormatting({
    ref: `A${HEADER_ROWS + 1}:${columnLetter(CRITERIA_COLUMNS.length)}${last}`,
    rules: [
      {
        type: 'expression',
        priority: 1,
        formulae: [`$${columnLetter(prov)}${HEADER_ROWS + 1}="${choiceLabel(PROVENANCES, 'reconstructed')}"`],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: RECONSTRUCTED_FILL } } },
      },
    ],
  });
  tableSheet(wb, 'annexes', ANNEX_COLUMNS, rb ? annexRows(rb) : [], notes, 1);
  tableSheet(wb, 'bands', BAND_COLUMNS, rb ? bandRows(rb) : [], notes, 1);
  tableSheet(wb, 'units', UNIT_COLUMNS, rb ? unitRows(rb) : [], notes, 2);
  itemSheet(wb, 'schedule', SCHEDULE_COLUMNS, scheduleRows(rb), notes);
  tableSheet(wb, 'milestones', MILESTONE_COLUMNS, rb ? milestoneRows(rb) : [], notes, 1);
  tableSheet(wb, 'awards', AWARD_COLUMNS, rb ? awardRows(rb) : [], notes);
  tableSheet(wb, 'assumptions', ASSUMPTION_COLUMNS, rb ? assumptionRows(rb) : [], notes);
  itemSheet(wb, 'info', INFO_COLUMNS, infoRows(rb), notes);
  helpSheet(wb);
  return toBytes(wb);
}

export async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  // A Buffer in Node, an ArrayBuffer in the browser.
  const buffer = (await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer | Uint8Array;
  return buffer instanceof Uint8Array
    ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
    : new Uint8Array(buffer);
}

/** A cell's value as compile.ts reads it: rich text as text, a formula as its result, a link as its text. */
function plain(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v)
      return plain((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('hyperlink' in v) return plain((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/** Every sheet's cells, or the reason the file cannot be read as a workbook. */
export async function workbookGrids(
  bytes: Uint8Array,
): Promise<{ ok: true; grids: WorkbookGrids } | { ok: false; error: AuthoringError }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
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
  wb.eachSheet((ws) => {
    const grid: CellValue[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        cells[c - 1] = plain(cell.value);
      });
      grid[r - 1] = cells;
    });
    grids[ws.name] = grid;
  });
  return { ok: true, grids };
}

/** Read and compile an authoring workbook. */
export async function workbookToRulebook(bytes: Uint8Array): Promise<CompileResult> {
  const read = await workbookGrids(bytes);
  return read.ok ? compileRulebook(read.grids) : { ok: false, errors: [read.error] };
}
