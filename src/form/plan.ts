/**
 * planForm: a rulebook annex, a unit and a year → the SheetPlan of the official form (pure).
 *
 * Layout (layout version 1; docs/forms.md): the national header beside the agency's name, the title
 * with the annex and decision, the unit and year, the notices, then the table
 *   A STT | B Tiêu chí | C Điểm tối đa | D–E Số liệu (Nội dung, Giá trị) | F Điểm tự chấm |
 *   G Tài liệu kiểm chứng | H Lý do chưa đạt điểm tối đa | I Điểm thẩm định | J Ý kiến thẩm định
 * with a row per criteria group (its subtotal in F) and, per criterion, one row per input (label in D,
 * value in E); the criterion's other columns are merged over its input rows. Then the total, the band,
 * the band scale and the signature block.
 */
import type { Annex, Criterion, Rulebook } from '../core/rulebook/schema';
import { ruleInputs, type InputSpec } from '../core/rulebook/inputs';
import { contentHash, findAnnex, RulebookError } from '../core/rulebook/load';
import { assumptionsFor, reconstructionNotice } from '../core/rulebook/policies';
import { formAnnex } from '../core/rulebook/applies';
import { annexDeadline, dataWindow } from '../core/ranking/deadline';
import { vietnamHolidays } from '../core/ranking/holidays';
import { parseNumber, formatPoints } from '../core/numbers';
import type { Entries } from '../core/scoring/types';
import { msg, t, type MessageKey, type Params } from '../i18n';
import type { Appraisal, FormMeta, SheetPlan } from './types';
import type {
  CellStyle,
  SheetCell as PlanCell,
  PlanConditionalFormat,
  PlanName,
  PlanValidation,
  ValidationRule,
} from '../sheet/types';
import { DOCUMENT_MARGINS } from '../sheet/types';
import { a1, rangeA1 } from '../sheet/a1';
import {
  bandFormula,
  criterionErrorsExpr,
  groupFormula,
  indexFormula,
  invalidExpr,
  num,
  numeratorAboveExpr,
  pointsFormula,
  totalFormula,
  type GroupCells,
  yesExpr,
  type PointsCells,
} from './formulas';
import { isSheetText } from '../core/scoring/score';
import { formName, LAYOUT_VERSION, META_SHEET } from './names';
import { metaSheetRows } from './meta';

/** Table columns (0-based). */
export const COL = {
  no: 0,
  criterion: 1,
  max: 2,
  label: 3,
  value: 4,
  points: 5,
  evidence: 6,
  reason: 7,
  appraisal: 8,
  appraisalNote: 9,
} as const;
const LAST_COL = COL.appraisalNote;
/** Column widths in characters: the table fills an A4 landscape page at fit-to-width. */
export const COLUMN_WIDTHS = [7, 44, 8, 30, 12, 10, 22, 24, 10, 22];

export const FONT = { name: 'Times New Roman', size: 12 };
const LINE_HEIGHT = 15.75; // points per line of 12 pt text

const FILL = {
  input: '#FFF2CC',
  header: '#D9E1F2',
  group: '#EDEDED',
  total: '#E2EFDA',
  missing: '#FCE4D6',
  invalid: '#FFC7CE',
  invalidText: '#9C0006',
};

/** Number formats that show an error count as words and hide 0 (positive;negative;zero). */
export const STATUS_FORMAT = `"${t('vi', 'formStatusBefore')}"0"${t('vi', 'formStatusAfter')}";;`;
const GROUP_ERRORS_FORMAT = `0"${t('vi', 'formGroupErrorsAfter')}";;`;

const STYLES: Record<string, CellStyle> = {
  agency: { bold: true, hAlign: 'center', vAlign: 'middle', wrap: true, size: 12 },
  nation: { bold: true, hAlign: 'center', vAlign: 'middle', size: 12 },
  motto: { bold: true, hAlign: 'center', vAlign: 'middle', size: 13 },
  title: { bold: true, hAlign: 'center', vAlign: 'middle', wrap: true, size: 14 },
  subtitle: { bold: true, hAlign: 'center', vAlign: 'middle', wrap: true, size: 13 },
  decision: { italic: true, hAlign: 'center', vAlign: 'middle', wrap: true },
  line: { vAlign: 'middle', wrap: true, size: 13 },
  notice: { italic: true, vAlign: 'middle', wrap: true, size: 11, color: '#C00000' },
  legend: { italic: true, vAlign: 'middle', wrap: true, size: 11 },
  th: { bold: true, hAlign: 'center', vAlign: 'middle', wrap: true, border: true, fill: FILL.header },
  groupNo: { bold: true, hAlign: 'center', vAlign: 'middle', border: true, fill: FILL.group },
  groupTitle: { bold: true, vAlign: 'middle', wrap: true, border: true, fill: FILL.group },
  groupMax: { bold: true, hAlign: 'center', vAlign: 'middle', border: true, fill: FILL.group },
  groupPoints: {
    bold: true,
    hAlign: 'center',
    vAlign: 'middle',
    border: true,
    fill: FILL.group,
    numberFormat: '0.00',
  },
  groupBlank: { border: true, fill: FILL.group },
  critNo: { hAlign: 'center', vAlign: 'middle', border: true },
  critTitle: { vAlign: 'middle', wrap: true, border: true },
  critMax: { hAlign: 'center', vAlign: 'middle', border: true },
  label: { vAlign: 'middle', wrap: true, border: true, size: 11 },
  points: { bold: true, hAlign: 'center', vAlign: 'middle', border: true, numberFormat: '0.00' },
  input: { hAlign: 'center', vAlign: 'middle', border: true, fill: FILL.input, unlocked: true },
  inputPercent: {
    hAlign: 'center',
    vAlign: 'middle',
    border: true,
    fill: FILL.input,
    unlocked: true,
    numberFormat: '0%',
  },
  inputText: { vAlign: 'middle', wrap: true, border: true, fill: FILL.input, unlocked: true, size: 11 },
  inputPoints: {
    hAlign: 'center',
    vAlign: 'middle',
    border: true,
    fill: FILL.input,
    unlocked: true,
    numberFormat: '0.00',
  },
  unitInput: { vAlign: 'middle', wrap: true, border: true, fill: FILL.input, unlocked: true, size: 13 },
  totalLabel: { bold: true, hAlign: 'center', vAlign: 'middle', wrap: true, border: true, fill: FILL.total },
  totalMax: { bold: true, hAlign: 'center', vAlign: 'middle', border: true, fill: FILL.total },
  total: {
    bold: true,
    hAlign: 'center',
    vAlign: 'middle',
    border: true,
    fill: FILL.total,
    numberFormat: '0.00',
    size: 13,
  },
  index: {
    bold: true,
    hAlign: 'center',
    vAlign: 'middle',
    border: true,
    fill: FILL.total,
    numberFormat: '0.0000',
    size: 13,
  },
  band: { bold: true, hAlign: 'center', vAlign: 'middle', border: true, fill: FILL.total, size: 13 },
  totalBlank: { border: true, fill: FILL.total },
  status: {
    bold: true,
    italic: true,
    hAlign: 'center',
    vAlign: 'middle',
    wrap: true,
    border: true,
    fill: FILL.total,
    color: FILL.invalidText,
    numberFormat: STATUS_FORMAT,
  },
  groupErrors: {
    bold: true,
    hAlign: 'center',
    vAlign: 'middle',
    border: true,
    fill: FILL.group,
    color: FILL.invalidText,
    numberFormat: GROUP_ERRORS_FORMAT,
  },
  bands: { italic: true, vAlign: 'middle', wrap: true, size: 11 },
  placeDate: { italic: true, hAlign: 'center', vAlign: 'middle' },
  signTitle: { bold: true, hAlign: 'center', vAlign: 'middle' },
  signNote: { italic: true, hAlign: 'center', vAlign: 'middle' },
};

const vi = (key: MessageKey, params?: Params) => t('vi', key, params);

/** Excel's limits on data validation texts. */
const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** Lines a text needs in a column of `width` characters (rough: Times New Roman is narrower than '0'). */
function lines(text: string, width: number): number {
  const perLine = Math.max(4, Math.floor(width * 1.3));
  return text.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil(p.length / perLine)), 0);
}

const widthOf = (col: number, cols = 1) => COLUMN_WIDTHS.slice(col, col + cols).reduce((s, w) => s + w, 0);

/** dd/mm/yyyy from an ISO date. */
const viDate = (iso: string) => iso.split('-').reverse().join('/');

/** "Số liệu từ 16/09/2018 đến 15/09/2019. Hạn gửi phiếu: 15/09/2019 (… 20/09/2019 …)": the round's dates for this form. */
function roundDatesLine(rb: Rulebook, annex: Annex, year: number): string {
  const window = dataWindow(rb, year);
  const due = annexDeadline(rb, annex, year, vietnamHolidays());
  const parts = [
    window ? vi('formDataWindow', { start: viDate(window.start), end: viDate(window.end) }) : '',
    !due
      ? ''
      : due.graceWorkingDays
        ? vi('formDueGrace', {
            date: viDate(due.date),
            lastOnTime: viDate(due.lastOnTime),
            grace: due.graceWorkingDays,
          })
        : vi('formDue', { date: viDate(due.date) }),
  ];
  return parts.filter(Boolean).join(' ');
}

function safeSheetName(s: string): string {
  return s.replace(/[[\]:*?/\\]/g, '-').slice(0, 31);
}

function inputLabel(c: Criterion, spec: InputSpec): string {
  const r = c.rule;
  if (r.type === 'sumOfParts')
    return vi('formPartMax', { label: spec.label ?? '', max: formatPoints(spec.max ?? 0) });
  if (r.type === 'bestOf') {
    const alt = r.alternatives.find((a) => a.key === spec.key)!;
    return vi('formAlternativePoints', { label: alt.label, points: formatPoints(alt.points) });
  }
  if (spec.label) return spec.label;
  if (spec.key === 'numerator') return vi('inputNumerator');
  if (spec.key === 'denominator') return vi('inputDenominator');
  const byKind: Record<InputSpec['kind'], MessageKey> = {
    number: 'inputValue',
    count: 'inputCount',
    percent: 'inputPercent',
    yesNo: 'inputYesNo',
    choice: 'inputValue',
    points: 'inputPoints',
  };
  return vi(byKind[spec.kind]);
}

/** Second lines under a criterion's title that say how its points follow from the inputs. */
function ruleHint(c: Criterion): string | undefined {
  const r = c.rule;
  const item = (label?: string) => (label ? label.toLowerCase() : vi('formItem'));
  switch (r.type) {
    case 'steps':
      return vi('formHintSteps', {
        steps: r.steps
          .map((s) => vi('formHintStep', { min: formatPoints(s.min), points: formatPoints(s.points) }))
          .join('; '),
      });
    case 'perItem':
      return vi('formHintPerItem', {
        points: formatPoints(r.pointsPerItem),
        item: item(r.itemLabel),
        max: formatPoints(c.max),
      });
    case 'deduction':
      return vi('formHintDeduction', {
        points: formatPoints(r.pointsPerItem),
        item: item(r.itemLabel),
        floor: formatPoints(r.floor),
      });
    case 'relativeToBest':
      return vi('formRelativeMark');
    default:
      return undefined;
  }
}

function validationFor(
  c: Criterion,
  spec: InputSpec,
  label: string,
): Pick<PlanValidation, 'rule' | 'prompt' | 'error'> {
  const title = clip(vi('formPromptTitle', { criterion: c.id }), 32);
  const p = (key: MessageKey, params: Params = {}) => ({
    title,
    message: clip(vi(key, { label, ...params }), 255),
  });
  const e = (key: MessageKey, params: Params = {}) => ({
    title: clip(vi('formErrorTitle'), 32),
    message: clip(vi(key, params), 255),
  });
  const yesNo: ValidationRule = { type: 'list', values: [vi('yes'), vi('no')] };
  switch (spec.kind) {
    case 'number':
      return {
        rule: { type: 'decimal', min: 0 },
        prompt: p('formPromptNumber'),
        error: e('formErrorNumber'),
      };
    case 'count':
      return { rule: { type: 'whole', min: 0 }, prompt: p('formPromptCount'), error: e('formErrorCount') };
    case 'percent':
      return {
        rule: { type: 'decimal', min: 0, max: 1 },
        prompt: p('formPromptPercent'),
        error: e('formErrorPercent'),
      };
    case 'yesNo':
      return { rule: yesNo, prompt: p('formPromptYesNo'), error: e('formErrorYesNo') };
    case 'points':
      return {
        rule: { type: 'decimal', min: 0, max: spec.max },
        prompt: p('formPromptPoints', { max: formatPoints(spec.max ?? 0) }),
        error: e('formErrorPoints', { max: formatPoints(spec.max ?? 0) }),
      };
    case 'choice': {
      const choices = spec.choices ?? [];
      const levels = vi('formLevels', {
        levels: choices.map((ch) => `${formatPoints(ch.value)} - ${ch.label}`).join('; '),
      });
      return {
        rule: { type: 'list', values: choices.map((ch) => String(ch.value)) },
        prompt: p('formPromptChoice', { levels }),
        error: e('formErrorChoice', { choices: choices.map((ch) => formatPoints(ch.value)).join(', ') }),
      };
    }
  }
}

/** A prefilled input as a cell constant: numbers typed as numbers (as Excel stores "85%"), yes/no as typed. */
function inputCellValue(spec: InputSpec | 'na', raw: unknown): string | number | undefined {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  if (isSheetText(raw)) return raw.sheetText; // text carried from a form stays text: it counted 0 there too
  const yesNo = spec === 'na' || spec.kind === 'yesNo';
  if (typeof raw === 'boolean') return yesNo ? vi(raw ? 'yes' : 'no') : raw ? 1 : 0;
  if (typeof raw === 'number') return raw;
  const s = String(raw);
  if (yesNo) return s; // as typed: the formulas read the same spellings as the engine
  const n = parseNumber(s);
  return n !== undefined && Number.isFinite(n) ? n : s;
}

const textValue = (raw: unknown): string | undefined =>
  raw === undefined || raw === null || String(raw) === '' ? undefined : String(raw);

/** The parts of a sheet plan being written, with the helpers that add to them. */
function formWriter() {
  const cells: PlanCell[] = [];
  const merges: SheetPlan['merges'] = [];
  const names: PlanName[] = [];
  const validations: PlanValidation[] = [];
  const conditionalFormats: PlanConditionalFormat[] = [];
  const rowHeights: Record<number, number> = {};
  const put = (
    row: number,
    col: number,
    content: { value?: string | number; formula?: string },
    style: string,
    span?: { rows?: number; cols?: number },
  ) => {
    const cell: PlanCell = { row, col, style };
    if (content.formula !== undefined) cell.formula = content.formula;
    else if (content.value !== undefined) cell.value = content.value;
    cells.push(cell);
    const rows = span?.rows ?? 1;
    const cols = span?.cols ?? 1;
    if (rows > 1 || cols > 1) {
      merges.push({ row, col, rows, cols });
      // Merged-away cells carry the style too, so borders and fills cover the whole merge.
      for (let r = row; r < row + rows; r++)
        for (let c = col; c < col + cols; c++)
          if (r !== row || c !== col) cells.push({ row: r, col: c, style });
    }
  };
  const name = (n: string, row: number, col: number) => names.push({ name: n, row, col });
  const fullRow = (row: number, value: string, style: string, size = 12) => {
    put(row, 0, { value }, style, { cols: LAST_COL + 1 });
    rowHeights[row] = Math.max(
      LINE_HEIGHT + 3,
      lines(value, widthOf(0, LAST_COL + 1) * (12 / size)) * LINE_HEIGHT * (size / 12) + 4,
    );
  };
  return { cells, merges, names, validations, conditionalFormats, rowHeights, put, name, fullRow };
}

/** What every step of the form needs: the rulebook, the unit's annex, the unit, the year, the writer. */
interface FormContext {
  rb: Rulebook;
  annex: Annex;
  unit: { id: string; name: string };
  year: number;
  entries: Entries;
  appraisals: Record<string, Appraisal>;
  w: ReturnType<typeof formWriter>;
}

/**
 * The unit cell of a form made without a unit: a drop-down of the annex's units (the reader takes the
 * unit from it, by name); free text is still accepted (a unit missing from the list).
 */
function unitCell({ rb, annex, w }: FormContext, row: number): void {
  w.put(row, 0, { value: vi('formUnitLabel') }, 'line');
  w.put(row, 1, {}, 'unitInput', { cols: 4 });
  w.name(formName.unit, row, 1);
  const units = rb.units.filter((u) => u.annex === annex.code).map((u) => u.name);
  if (units.length)
    w.validations.push({
      row,
      col: 1,
      rule: { type: 'list', values: units, strict: false },
      prompt: { title: vi('formUnitPromptTitle'), message: vi('formUnitPrompt') },
      error: { title: vi('formUnitPromptTitle'), message: vi('formUnitPrompt') },
    });
}

/**
 * Header block: agency (top left), national motto (top right), title, annex, decision, unit and year.
 * A form made without a unit shows the unit chosen in its unit cell. Returns the next free row.
 */
function headerBlock(ctx: FormContext): number {
  const { rb, annex, unit, year, w } = ctx;
  const agency = unit.name.trim()
    ? { value: unit.name.trim().toLocaleUpperCase('vi') }
    : {
        formula: `=IF(TRIM(${formName.unit})="","${vi('formUnitPlaceholder')}",UPPER(TRIM(${formName.unit})))`,
      };
  w.put(0, 0, agency, 'agency', { rows: 2, cols: 3 });
  w.put(0, 5, { value: vi('formNation') }, 'nation', { cols: 5 });
  w.put(1, 5, { value: vi('formMotto') }, 'motto', { cols: 5 });
  w.rowHeights[0] = w.rowHeights[1] = LINE_HEIGHT + 3;
  let row = 3;
  const title = rb.formTitle ? vi('formTitleOf', { title: rb.formTitle, year }) : vi('formTitle', { year });
  w.fullRow(row++, title, 'title', 14);
  // Annex titles often already say "Phụ lục I - …"; an annex the decision names otherwise ("Cấp sở") has its own title.
  const ownsCode = annex.label || new RegExp(`^phụ lục\\s+${annex.code}\\b`, 'i').test(annex.title.trim());
  const annexTitle = ownsCode
    ? annex.title.trim()
    : vi('formAnnex', { code: annex.code, title: annex.title });
  w.fullRow(row++, annexTitle, 'subtitle', 13);
  const kind = /QĐ/i.test(rb.decision.number) ? vi('formDecisionKind') : vi('formLetterKind');
  const decision = { number: rb.decision.number, date: viDate(rb.decision.date) };
  w.fullRow(row++, vi('formDecision', { kind, ...decision, issuer: rb.issuer }), 'decision');
  if (unit.name.trim())
    w.put(row, 0, { value: vi('formUnitLine', { unit: unit.name.trim() }) }, 'line', { cols: 5 });
  else unitCell(ctx, row);
  w.put(row, 5, { value: vi('formYearLine', { year }) }, 'line', { cols: 5 });
  w.rowHeights[row++] = LINE_HEIGHT + 6;
  return row;
}

/** The round's dates, the assumptions, the reconstructed and relative notices, the legend; then a blank row. */
function noticeLines({ rb, annex, year, w }: FormContext, row: number): number {
  const criteria = annex.groups.flatMap((g) => g.criteria);
  w.fullRow(row++, roundDatesLine(rb, annex, year), 'line', 11);
  const assumptions = assumptionsFor(rb, annex);
  if (assumptions.length) {
    const list = assumptions.map((a, i) => `${i + 1}) ${a.what.vi}`).join(' ');
    w.fullRow(row++, vi('formAssumptions', { list }), 'notice', 10);
  }
  if (criteria.some((c) => c.provenance === 'reconstructed'))
    w.fullRow(row++, reconstructionNotice(rb).vi, 'notice', 11);
  const relative = criteria.filter((c) => c.rule.type === 'relativeToBest');
  if (relative.length)
    w.fullRow(row++, vi('formRelativeNotice', { ids: relative.map((c) => c.id).join(', ') }), 'notice', 11);
  w.fullRow(row++, vi('formLegend'), 'legend', 11);
  return row + 1;
}

/** Table header: two rows, "Số liệu" spans its two columns. */
function tableHeader({ w }: FormContext, row: number): void {
  const heads: [number, MessageKey][] = [
    [COL.no, 'formColNo'],
    [COL.criterion, 'formColCriterion'],
    [COL.max, 'formColMax'],
    [COL.points, 'formColPoints'],
    [COL.evidence, 'formColEvidence'],
    [COL.reason, 'formColReason'],
    [COL.appraisal, 'formColAppraisal'],
    [COL.appraisalNote, 'formColAppraisalNote'],
  ];
  for (const [col, key] of heads) w.put(row, col, { value: vi(key) }, 'th', { rows: 2 });
  w.put(row, COL.label, { value: vi('formColData') }, 'th', { cols: 2 });
  w.put(row + 1, COL.label, { value: vi('formColDataLabel') }, 'th');
  w.put(row + 1, COL.value, { value: vi('formColDataValue') }, 'th');
  w.rowHeights[row] = LINE_HEIGHT * 2 + 4;
  w.rowHeights[row + 1] = LINE_HEIGHT + 4;
}

/** One input row of a criterion: its key, its label and what it takes ('na': "not applicable"). */
interface InputRow {
  key: string;
  label: string;
  spec: InputSpec | 'na';
}

/** The rows of a criterion's inputs, with the "not applicable" row last where it is allowed. */
function criterionInputRows(c: Criterion): InputRow[] {
  const rows: InputRow[] = ruleInputs(c).map((spec) => ({ key: spec.key, label: inputLabel(c, spec), spec }));
  if (c.notApplicableAllowed) rows.push({ key: 'na', label: vi('formNotApplicable'), spec: 'na' });
  return rows;
}

/** A criterion's title as the form shows it: marks for reconstructed and unscored, then the rule's hint. */
function criterionTitle(c: Criterion): string {
  const marks =
    (c.provenance === 'reconstructed' ? ` (${vi('reconstructed')})` : '') +
    (c.scored === false ? ` (${vi('formNotScored')})` : '');
  return [c.title + marks, ruleHint(c)].filter(Boolean).join('\n');
}

/** The criterion's own columns, merged over its input rows, with their names and the appraisal's validation. */
function criterionColumns(ctx: FormContext, c: Criterion, top: number, n: number, refs: CriterionRefs): void {
  const { w } = ctx;
  const span = { rows: n };
  w.put(top, COL.no, { value: c.id }, 'critNo', span);
  w.put(top, COL.criterion, { value: criterionTitle(c) }, 'critTitle', span);
  w.put(top, COL.max, { value: c.max }, 'critMax', span);
  w.put(top, COL.points, { formula: pointsFormula(c, (key) => refs.of[key], refs.na) }, 'points', span);
  const entry = ctx.entries[c.id] ?? {};
  const appraisal = ctx.appraisals[c.id];
  w.put(top, COL.evidence, { value: textValue(entry.evidence) }, 'inputText', span);
  w.put(top, COL.reason, { value: textValue(entry.reason) }, 'inputText', span);
  w.put(top, COL.appraisal, { value: appraisal?.points }, 'inputPoints', span);
  w.put(top, COL.appraisalNote, { value: textValue(appraisal?.note) }, 'inputText', span);
  w.name(formName.points(c.id), top, COL.points);
  w.name(formName.evidence(c.id), top, COL.evidence);
  w.name(formName.reason(c.id), top, COL.reason);
  w.name(formName.appraisal(c.id), top, COL.appraisal);
  w.name(formName.appraisalNote(c.id), top, COL.appraisalNote);
  w.validations.push({
    row: top,
    col: COL.appraisal,
    rule: { type: 'decimal', min: 0, max: c.max },
    prompt: {
      title: clip(vi('formPromptTitle', { criterion: c.id }), 32),
      message: vi('formPromptAppraisal', { max: formatPoints(c.max) }),
    },
    error: { title: vi('formErrorTitle'), message: vi('formErrorPoints', { max: formatPoints(c.max) }) },
  });
}

/** The cells of a criterion's inputs by key, and its "not applicable" cell. */
interface CriterionRefs {
  of: Record<string, string>;
  na?: string;
}

/** One input row: its label and its cell, named, validated, red when the entry is not valid. */
function inputRow(ctx: FormContext, c: Criterion, inp: InputRow, r: number, refs: CriterionRefs): void {
  const { w } = ctx;
  const entry = ctx.entries[c.id] ?? {};
  const ref = a1(r, COL.value);
  w.put(r, COL.label, { value: inp.label }, 'label');
  const value = inputCellValue(inp.spec, inp.key === 'na' ? entry.na : entry[inp.key]);
  const style = inp.spec !== 'na' && inp.spec.kind === 'percent' ? 'inputPercent' : 'input';
  w.put(r, COL.value, { value }, style);
  w.name(inp.key === 'na' ? formName.notApplicable(c.id) : formName.input(c.id, inp.key), r, COL.value);
  const invalidFormat = (formula: string) =>
    w.conditionalFormats.push({ range: ref, formula, fill: FILL.invalid, color: FILL.invalidText });
  if (inp.spec === 'na') {
    w.validations.push({
      row: r,
      col: COL.value,
      rule: { type: 'list', values: [vi('yes'), vi('no')] },
      prompt: { title: clip(vi('formPromptTitle', { criterion: c.id }), 32), message: vi('formPromptNa') },
      error: { title: vi('formErrorTitle'), message: vi('formErrorYesNo') },
    });
    invalidFormat(invalidExpr('na', ref));
    return;
  }
  w.validations.push({ row: r, col: COL.value, ...validationFor(c, inp.spec, inp.label) });
  const invalid = invalidExpr(inp.spec, ref);
  invalidFormat(
    inp.key === 'numerator' ? `OR(${invalid},${numeratorAboveExpr(ref, refs.of.denominator)})` : invalid,
  );
}

/** Amber while something is missing: the first input, the reason below the maximum, the evidence. */
function missingFormats(
  ctx: FormContext,
  c: Criterion,
  top: number,
  notNa: string | undefined,
  refs: CriterionRefs,
) {
  const { w } = ctx;
  const specs = ruleInputs(c);
  const first = refs.of[specs[0].key];
  w.conditionalFormats.push({
    range: rangeA1(top, COL.value, top + specs.length - 1, COL.value),
    formula: notNa ? `AND(TRIM(${first})="",${notNa})` : `TRIM(${first})=""`,
    fill: FILL.missing,
  });
  const ptAbs = a1(top, COL.points, true);
  const applies = notNa ? `${notNa},` : '';
  if (c.reasonRequiredBelowMax && c.rule.type !== 'relativeToBest')
    w.conditionalFormats.push({
      range: a1(top, COL.reason),
      formula: `AND(${applies}${ptAbs}<${num(c.max)},TRIM(${a1(top, COL.reason)})="")`,
      fill: FILL.missing,
    });
  if (c.evidence.required)
    w.conditionalFormats.push({
      range: a1(top, COL.evidence),
      formula: `AND(${applies}${ptAbs}>0,TRIM(${a1(top, COL.evidence)})="")`,
      fill: FILL.missing,
    });
}

/** Row heights: each input row fits its label; together they fit the title. */
function criterionHeights({ w }: FormContext, c: Criterion, inputs: InputRow[], top: number): void {
  const heights = inputs.map(
    (inp) => Math.max(1, lines(inp.label, COLUMN_WIDTHS[COL.label] * (12 / 11))) * LINE_HEIGHT + 4,
  );
  const need = lines(criterionTitle(c), COLUMN_WIDTHS[COL.criterion]) * LINE_HEIGHT + 4;
  const have = heights.reduce((s, h) => s + h, 0);
  const extra = have < need ? (need - have) / inputs.length : 0;
  heights.forEach((h, i) => (w.rowHeights[top + i] = Math.round((h + extra) * 100) / 100));
}

/** A criterion from row `top`: its rows, and the expression counting its errors. */
function criterionBlock(
  ctx: FormContext,
  c: Criterion,
  top: number,
): { rows: number; errors: string; na?: string } {
  const inputs = criterionInputRows(c);
  const n = inputs.length;
  const refs: CriterionRefs = { of: {} };
  inputs.forEach((inp, i) => (refs.of[inp.key] = a1(top + i, COL.value)));
  if (c.notApplicableAllowed) refs.na = refs.of.na;
  criterionColumns(ctx, c, top, n, refs);
  const notNa = c.notApplicableAllowed ? `NOT(${yesExpr(a1(top + n - 1, COL.value, true))})` : undefined;
  inputs.forEach((inp, i) => inputRow(ctx, c, inp, top + i, refs));
  missingFormats(ctx, c, top, notNa, refs);
  criterionHeights(ctx, c, inputs, top);
  return { rows: n, errors: criterionErrorsExpr(c, (key) => refs.of[key], refs.na), na: refs.na };
}

type Group = Annex['groups'][number];

/**
 * A group's criteria from row `first`: the points cells its subtotal adds up (skipping the rows of
 * criteria collected without points), its error expressions, and the row after them.
 */
function groupCriteria(ctx: FormContext, group: Group, first: number) {
  const cells: PointsCells = {
    ranges: [],
    count: group.criteria.filter((c) => c.scored !== false).length,
    notApplicable: [],
    fixedMax: 0,
  };
  const errors: string[] = [];
  let row = first;
  let segmentStart = row;
  for (const c of group.criteria) {
    const top = row;
    const block = criterionBlock(ctx, c, top);
    errors.push(block.errors);
    if (c.scored === false) {
      if (top > segmentStart) cells.ranges.push(rangeA1(segmentStart, COL.points, top - 1, COL.points));
      segmentStart = top + block.rows;
    } else if (c.notApplicableAllowed) cells.notApplicable.push({ ref: block.na!, max: c.max });
    else cells.fixedMax += c.max;
    row += block.rows;
  }
  if (row > segmentStart) cells.ranges.push(rangeA1(segmentStart, COL.points, row - 1, COL.points));
  return { cells, errors, next: row };
}

/** A group's own row above its criteria: code, title, maximum, error count and subtotal. */
function groupRow(ctx: FormContext, group: Group, row: number, cells: PointsCells, errors: string[]): void {
  const { annex, w } = ctx;
  const groupMax =
    annex.aggregate === 'mean'
      ? annex.max
      : group.criteria.filter((c) => c.scored !== false).reduce((s, c) => s + c.max, 0);
  const groupTitle =
    group.title.toLocaleUpperCase('vi') + (group.scored === false ? ` (${vi('formNotScored')})` : '');
  w.put(row, COL.no, { value: group.code }, 'groupNo');
  w.put(row, COL.criterion, { value: groupTitle }, 'groupTitle', { cols: 1 });
  w.put(row, COL.max, { value: groupMax }, 'groupMax');
  // The group's error count ("2 lỗi"; nothing when 0), summed by STATUS. One formula per group keeps
  // each well under Excel's 8,192 characters per formula.
  w.put(row, COL.label, { formula: `=${errors.join('+')}` }, 'groupErrors');
  for (const col of [COL.value, COL.evidence, COL.reason, COL.appraisal, COL.appraisalNote])
    w.put(row, col, {}, 'groupBlank');
  const subtotal = cells.ranges.length ? groupFormula(annex, cells) : '=0';
  w.put(row, COL.points, { formula: subtotal }, 'groupPoints');
  w.name(formName.group(group.code), row, COL.points);
  w.rowHeights[row] = lines(group.title, COLUMN_WIDTHS[COL.criterion] * 0.7) * LINE_HEIGHT + 6; // bold capitals are wide
}

/** What the total adds up: the counted groups' subtotals and all their points cells; the error cells. */
interface Totals {
  groupRefs: string[];
  byGroup: Map<string, GroupCells>;
  errorCells: string[];
  all: PointsCells;
}

/** Every group and its criteria from row `first`; returns what the total needs and the next row. */
function groupsBlock(ctx: FormContext, first: number): Totals & { next: number } {
  const totals: Totals = {
    groupRefs: [],
    byGroup: new Map(),
    errorCells: [],
    all: { ranges: [], count: 0, notApplicable: [], fixedMax: 0 },
  };
  let row = first;
  for (const group of ctx.annex.groups) {
    const at = row++;
    const { cells, errors, next } = groupCriteria(ctx, group, row);
    row = next;
    groupRow(ctx, group, at, cells, errors);
    totals.errorCells.push(a1(at, COL.label));
    if (group.scored === false || !cells.ranges.length) continue; // collected, not counted in the total
    const ref = a1(at, COL.points);
    totals.groupRefs.push(ref);
    totals.byGroup.set(group.code, { ref, cells });
    totals.all.ranges.push(...cells.ranges);
    totals.all.count += cells.count;
    totals.all.notApplicable.push(...cells.notApplicable);
    totals.all.fixedMax += cells.fixedMax;
  }
  return { ...totals, next: row };
}

function totalLabelOf(annex: Annex, all: PointsCells): string {
  const pillars = annex.pillars?.map((p) => `${p.title} × ${formatPoints(p.weight)}`).join('; ');
  if (annex.aggregate === 'mean') return vi('formTotalMean');
  if (pillars) return vi('formTotalWeighted', { pillars });
  return all.notApplicable.length
    ? vi('formTotalRescaled', { max: formatPoints(annex.max) })
    : vi('formTotal');
}

/**
 * The total row. STATUS: the number of errors on the form, shown as "Tạm tính — còn N lỗi" (nothing
 * when 0); while it is above 0 the total and band are provisional, and are marked so.
 */
function totalRow(ctx: FormContext, totals: Totals, row: number): void {
  const { annex, w } = ctx;
  const label = totalLabelOf(annex, totals.all);
  w.put(row, COL.no, { value: label }, 'totalLabel', { cols: 2 });
  w.put(row, COL.max, { value: annex.max }, 'totalMax');
  w.put(row, COL.label, {}, 'totalBlank', { cols: 2 });
  const formula = totals.groupRefs.length
    ? totalFormula(annex, totals.groupRefs, totals.all, totals.byGroup)
    : '=0';
  w.put(row, COL.points, { formula }, 'total');
  w.put(row, COL.evidence, { formula: `=SUM(${totals.errorCells.join(',')})` }, 'status', { cols: 4 });
  w.name(formName.status, row, COL.evidence);
  w.name(formName.total, row, COL.points);
  w.rowHeights[row] = lines(label, widthOf(0, 2)) * LINE_HEIGHT + 6;
}

/** The index: the total ÷ the unit's maximum, to 4 decimals (what the DTI publishes), as indexOf gives. */
function indexRow({ annex, w }: FormContext, row: number, total: string): void {
  w.put(row, COL.no, { value: vi('formIndex') }, 'totalLabel', { cols: 2 });
  w.put(row, COL.max, { value: 1 }, 'totalMax');
  w.put(row, COL.label, {}, 'totalBlank', { cols: 2 });
  w.put(row, COL.points, { formula: indexFormula(annex, total) }, 'index');
  w.put(row, COL.evidence, {}, 'totalBlank', { cols: 4 });
  w.name(formName.index, row, COL.points);
  w.rowHeights[row] = LINE_HEIGHT + 8;
}

function bandRow({ annex, w }: FormContext, row: number, total: string): void {
  w.put(row, COL.no, { value: vi('formBand') }, 'totalLabel', { cols: 2 });
  w.put(row, COL.max, {}, 'totalBlank', { cols: 3 });
  w.put(row, COL.points, { formula: bandFormula(annex, total) }, 'band', { cols: 2 });
  w.put(row, COL.reason, {}, 'totalBlank', { cols: 3 });
  w.name(formName.band, row, COL.points);
}

/** The bands in words: "Tốt: từ 90; Khá: 70 – dưới 90; …". */
function bandsText(annex: Annex): string {
  const bands = annex.bands.map((b, i) => {
    const label = b.label;
    const min = formatPoints(b.min);
    const next = i > 0 ? formatPoints(annex.bands[i - 1].min) : '';
    if (i === 0) return vi('formBandFrom', { label, min });
    if (i === annex.bands.length - 1 && b.min <= 0) return vi('formBandBelow', { label, next });
    return vi('formBandRange', { label, min, next });
  });
  return vi('formBands', { bands: bands.join('; ') });
}

/** Total, index and band (provisional while errors remain), the bands in words; returns the next row. */
function resultBlock(ctx: FormContext, totals: Totals, row: number): number {
  const { w } = ctx;
  const [total, index, band] = [row, row + 1, row + 2];
  totalRow(ctx, totals, total);
  const totalRef = a1(total, COL.points);
  indexRow(ctx, index, totalRef);
  bandRow(ctx, band, totalRef);
  const statusAbs = a1(total, COL.evidence, true);
  for (const r of [total, index, band])
    w.conditionalFormats.push({
      range: a1(r, COL.points),
      formula: `${statusAbs}>0`,
      fill: FILL.missing,
      color: FILL.invalidText,
    });
  w.rowHeights[band] = LINE_HEIGHT + 8;
  w.fullRow(row + 3, bandsText(ctx.annex), 'bands', 11);
  return row + 4;
}

/** Place and date, who prepared the form and the head of the unit, with room to sign. */
function signatureBlock({ year, w }: FormContext, row: number): void {
  w.put(row, COL.evidence, { value: vi('formPlaceDate', { year }) }, 'placeDate', { cols: 4 });
  w.put(row + 1, COL.no, { value: vi('formPreparer') }, 'signTitle', { cols: 3 });
  w.put(row + 1, COL.evidence, { value: vi('formHead') }, 'signTitle', { cols: 4 });
  w.put(row + 2, COL.no, { value: vi('formPreparerSign') }, 'signNote', { cols: 3 });
  w.put(row + 2, COL.evidence, { value: vi('formHeadSign') }, 'signNote', { cols: 4 });
}

/** Two cells of one name would make the form unreadable: the rulebook's ids must differ. */
function checkUniqueNames(rb: Rulebook, annex: Annex, names: PlanName[]): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n.name))
      throw new RulebookError(msg('formDuplicateName', { rulebook: rb.id, annex: annex.code, name: n.name }));
    seen.add(n.name);
  }
}

function formMeta(rb: Rulebook, annex: Annex, unit: { id: string; name: string }, year: number): FormMeta {
  return {
    rulebookId: rb.id,
    rulebookVersion: rb.version,
    rulebookHash: contentHash(rb),
    annex: annex.code,
    unitId: unit.id,
    unitName: unit.name,
    year,
    layoutVersion: LAYOUT_VERSION,
  };
}

export function planForm(
  rb: Rulebook,
  annexCode: string,
  unit: { id: string; name: string },
  year: number,
  prefill?: { entries?: Entries; appraisals?: Record<string, Appraisal> },
): SheetPlan {
  // The unit's own criteria (some apply to some unit types only) and the maximum they add up to.
  const annex = formAnnex(rb, findAnnex(rb, annexCode), unit.id);
  const meta = formMeta(rb, annex, unit, year);
  const sheetName = safeSheetName(annex.label ?? `Phụ lục ${annex.code}`);
  const w = formWriter();
  const ctx: FormContext = {
    rb,
    annex,
    unit,
    year,
    entries: prefill?.entries ?? {},
    appraisals: prefill?.appraisals ?? {},
    w,
  };
  const headerFirst = noticeLines(ctx, headerBlock(ctx));
  tableHeader(ctx, headerFirst);
  const headerLast = headerFirst + 1;
  const totals = groupsBlock(ctx, headerLast + 1);
  signatureBlock(ctx, resultBlock(ctx, totals, totals.next) + 1);
  checkUniqueNames(rb, annex, w.names);
  const { cells, merges, names, validations, conditionalFormats, rowHeights } = w;
  return {
    sheetName,
    meta,
    columns: [...COLUMN_WIDTHS],
    rowHeights,
    font: { ...FONT },
    styles: STYLES,
    cells,
    merges,
    names,
    validations,
    conditionalFormats,
    freezeRows: headerLast + 1,
    print: {
      paper: 'A4',
      orientation: 'landscape',
      fitToWidth: true,
      titleRows: { first: headerFirst, last: headerLast },
      margins: { ...DOCUMENT_MARGINS },
    },
    protect: {},
    metaSheet: { name: META_SHEET, rows: metaSheetRows(meta, sheetName, names) },
  };
}
