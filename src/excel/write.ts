/**
 * Queue the writes of a SheetPlan onto a worksheet (Office.js). Nothing here calls context.sync():
 * the caller (host.ts) sends everything in one batch. Whole-range writes: the table block goes as one
 * 2-D array of number formats and one of formulas/constants; each style is one set of format writes
 * over a RangeAreas (ExcelApi 1.9) or, without it, over each of its rectangles.
 */
import type { SheetPlan } from '../form/types';
import type { CellStyle, PlanValidation, PrintSetup } from '../sheet/types';
import { rectAddress, type Rect } from '../sheet/a1';
import {
  addressChunks,
  charsToPoints,
  clipText,
  hasFormat,
  mmToPoints,
  planGrids,
  styleRects,
  toRects,
  validationGroups,
} from './cells';

export interface WriteOptions {
  /** Worksheet.getRanges (RangeAreas), ExcelApi 1.9. */
  rangeAreas: boolean;
  /** Worksheet.pageLayout, ExcelApi 1.9. */
  pageLayout: boolean;
  /** Range.dataValidation, ExcelApi 1.8; without it the pane's live checks are the only ones. */
  dataValidation: boolean;
  /** A reference ("='_scorecard_meta'!$C$20:$C$31") holding list values too long for an inline list. */
  spillList: (values: string[]) => string;
}

type Formattable = { format: Excel.RangeFormat };
type Validatable = { dataValidation: Excel.DataValidation };

const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;
const EDGES = [
  'EdgeTop',
  'EdgeBottom',
  'EdgeLeft',
  'EdgeRight',
  'InsideVertical',
  'InsideHorizontal',
] as const;

export function applyStyle(target: Formattable, s: CellStyle): void {
  const f = target.format;
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.italic !== undefined) f.font.italic = s.italic;
  if (s.size !== undefined) f.font.size = s.size;
  if (s.color !== undefined) f.font.color = s.color;
  if (s.fill !== undefined) f.fill.color = s.fill;
  if (s.hAlign !== undefined) f.horizontalAlignment = H_ALIGN[s.hAlign];
  if (s.vAlign !== undefined) f.verticalAlignment = V_ALIGN[s.vAlign];
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  if (s.unlocked) f.protection.locked = false;
}

/** A thin black grid: outer edges and inner lines of every area. */
export function applyBorders(target: Formattable): void {
  for (const edge of EDGES) {
    const b = target.format.borders.getItem(edge);
    b.style = 'Continuous';
    b.weight = 'Thin';
    b.color = '#000000';
  }
}

/** The areas a group of rectangles is written through: RangeAreas chunks, or one range per rectangle. */
export function targets<T>(
  sheet: Excel.Worksheet,
  rects: Rect[],
  options: Pick<WriteOptions, 'rangeAreas'>,
): T[] {
  if (options.rangeAreas)
    return addressChunks(rects.map((r) => rectAddress(r))).map((a) => sheet.getRanges(a) as unknown as T);
  return rects.map((r) => sheet.getRangeByIndexes(r.row, r.col, r.rows, r.cols) as unknown as T);
}

const INLINE_LIST_LIMIT = 255;

function validationRule(v: PlanValidation, options: WriteOptions): Excel.DataValidationRule {
  const r = v.rule;
  if (r.type === 'list') {
    const inline = r.values.join(',');
    const fits = inline.length <= INLINE_LIST_LIMIT && !r.values.some((x) => x.includes(','));
    return { list: { inCellDropDown: true, source: fits ? inline : options.spillList(r.values) } };
  }
  const basic: Excel.BasicDataValidation =
    r.max === undefined
      ? { formula1: r.min, operator: 'GreaterThanOrEqualTo' }
      : { formula1: r.min, formula2: r.max, operator: 'Between' };
  return r.type === 'whole' ? { wholeNumber: basic } : { decimal: basic };
}

/** Queue every write of the plan onto `sheet` except names, metadata and protection (host.ts). */
/** Print setup (ExcelApi 1.9), for forms and reports alike: A4, one page wide, margins, title rows. */
export function queuePrintSetup(
  sheet: Excel.Worksheet,
  p: Omit<PrintSetup, 'titleRows'> & { titleRows?: PrintSetup['titleRows'] },
): void {
  const page = sheet.pageLayout;
  page.paperSize = 'A4';
  page.orientation = p.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  // One page wide, as many pages tall as needed (0 = automatic, as fitToHeight="0" in the file).
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  page.topMargin = mmToPoints(p.margins.top);
  page.bottomMargin = mmToPoints(p.margins.bottom);
  page.leftMargin = mmToPoints(p.margins.left);
  page.rightMargin = mmToPoints(p.margins.right);
  if (p.titleRows) page.setPrintTitleRows(`$${p.titleRows.first + 1}:$${p.titleRows.last + 1}`);
}

export function queuePlan(
  sheet: Excel.Worksheet,
  plan: SheetPlan,
  options: WriteOptions,
): { skipped: string[] } {
  const skipped: string[] = [];

  // The sheet's font first, so every later format sits on top of it.
  const all = sheet.getRange();
  all.format.font.name = plan.font.name;
  all.format.font.size = plan.font.size;
  plan.columns.forEach((width, col) => {
    sheet.getRangeByIndexes(0, col, 1, 1).getEntireColumn().format.columnWidth = charsToPoints(width);
  });
  for (const [row, height] of Object.entries(plan.rowHeights))
    sheet.getRangeByIndexes(Number(row), 0, 1, 1).getEntireRow().format.rowHeight = height;

  // The table block: number formats, then formulas and constants, each as one 2-D array.
  const grid = planGrids(plan);
  if (grid.rows > 0 && grid.cols > 0) {
    const block = sheet.getRangeByIndexes(0, 0, grid.rows, grid.cols);
    block.numberFormat = grid.numberFormats;
    block.formulas = grid.formulas as unknown as string[][];
  }

  for (const [key, rects] of styleRects(plan)) {
    const style = plan.styles[key];
    if (!style || !hasFormat({ ...style, border: undefined })) continue;
    for (const t of targets<Formattable>(sheet, rects, options)) applyStyle(t, style);
  }
  // Borders once, over every bordered cell whatever its style: 18 writes per area instead of per style.
  const bordered = toRects(plan.cells.filter((c) => c.style && plan.styles[c.style]?.border));
  for (const t of targets<Formattable>(sheet, bordered, options)) applyBorders(t);

  for (const m of plan.merges) sheet.getRangeByIndexes(m.row, m.col, m.rows, m.cols).merge(false);

  if (options.dataValidation) queueValidations(sheet, plan, options);
  else if (plan.validations.length > 0) skipped.push('data validation (ExcelApi 1.8)');

  for (const cf of plan.conditionalFormats) {
    const format = sheet.getRange(cf.range).conditionalFormats.add('Custom');
    format.custom.rule.formula = cf.formula.startsWith('=') ? cf.formula : `=${cf.formula}`;
    format.custom.format.fill.color = cf.fill;
    if (cf.color) format.custom.format.font.color = cf.color;
  }

  if (plan.freezeRows > 0) sheet.freezePanes.freezeRows(plan.freezeRows);

  if (options.pageLayout) queuePrintSetup(sheet, plan.print);
  else skipped.push('print setup (ExcelApi 1.9)');

  return { skipped };
}

/** Cell data validation (ExcelApi 1.8): one rule per group of cells, prompts and Stop alerts. */
function queueValidations(sheet: Excel.Worksheet, plan: SheetPlan, options: WriteOptions): void {
  for (const { validation, rects } of validationGroups(plan.validations)) {
    const rule = validationRule(validation, options);
    for (const t of targets<Validatable>(sheet, rects, options)) {
      const dv = t.dataValidation;
      dv.ignoreBlanks = true;
      dv.rule = rule;
      dv.prompt = {
        showPrompt: true,
        title: clipText(validation.prompt.title, 32),
        message: clipText(validation.prompt.message, 255),
      };
      // A unit list that is not strict lets a unit missing from the list type its own name (warning only).
      const style = validation.rule.type === 'list' && validation.rule.strict === false ? 'Warning' : 'Stop';
      dv.errorAlert = {
        showAlert: true,
        style,
        title: clipText(validation.error.title, 32),
        message: clipText(validation.error.message, 255),
      };
    }
  }
}
