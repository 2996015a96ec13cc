/**
 * What insertForm does to a workbook, decided without Office.js (pure): given what host.ts read — the
 * sheets, the workbook's names, the metadata blocks and, for an upgrade, the old form's cells and sheet
 * names — which sheet the form goes to, which names go, where its metadata block lies and what the custom
 * XML part says. host.ts reads, calls these, and applies the actions in one batch; so the decisions are
 * tested here on plain data and the Office.js double only has to check that they land.
 */
import type { FormMeta, SheetPlan } from '../form/types';
import { META_NAME, META_SHEET } from '../form/names';
import { carryOver } from '../form/upgrade';
import { t } from '../i18n';
import { a1 as cellAddress, parseReference, sheetRef as quoteSheetName } from '../sheet/a1';
import type { FormulaCell } from './cells';
import { blockGrid, formsXml, freeBlockCol, sameForm, type MetaBlock } from './metaBlocks';
import { formValues, sameSheet, type GridRead, type NameRead } from './resolve';
import { MAX_SHEET_NAME } from './sheet-names';

/** The backup's " (cũ)" must fit after the old name within Excel's longest sheet name. */
const BACKUP_SUFFIX_ROOM = 6;

/** What the first sync of insertForm read from the workbook. */
export interface WorkbookSurvey {
  sheets: { name: string; visibility: string }[];
  names: NameRead[];
  blocks: MetaBlock[];
  /** Rows used on the metadata sheet (to clear a reused block fully). */
  metaRows: number;
  metaExists: boolean;
  /** Our custom XML parts, replaced by one that lists every form. */
  partIds: string[];
}

/** The old form's sheet as the second sync read it (upgrades only). */
export interface OldFormRead {
  block: MetaBlock;
  grid: GridRead;
  /** The names scoped to the old sheet. */
  sheetNames: NameRead[];
}

/** `base`, or a variant of it, that no sheet in `taken` has (sheet-names.ts `uniqueSheetName`). */
export type SheetNamer = (base: string, taken: string[]) => string;

/** The metadata block of the new form on the very hidden sheet. */
export interface MetaBlockAction {
  /** The metadata sheet does not exist yet. */
  create: boolean;
  col: number;
  /** Rows to clear first (a reused block column may hold a longer old block); 0 = nothing to clear. */
  clearRows: number;
  /** The block's cells (rows × 3) for Range.formulas. */
  grid: FormulaCell[][];
  /** First free row for lists too long for an inline data-validation source. */
  spillRow: number;
}

export interface InsertActions {
  /** The plan to write: the input, with the old form's entries carried over on an upgrade. */
  plan: SheetPlan;
  upgraded: boolean;
  sheetName: string;
  /** Workbook-level names to delete before the new ones are added. */
  deleteNames: string[];
  /** Where the plan's names go: the workbook for the first form, its own sheet for any other. */
  scope: 'workbook' | 'sheet';
  /** The old form's sheet, kept hidden under another name without its names, so nothing typed is lost. */
  setAside?: { sheet: string; deleteNames: string[]; rename: string };
  meta: MetaBlockAction;
  /** The custom XML part: the old ones go, one listing every live form comes. */
  customXml: { deleteIds: string[]; xml: string };
}

const sheetExists = (survey: WorkbookSurvey) => (name: string) =>
  survey.sheets.some((s) => sameSheet(s.name, name));

/** The block of a form with the same identity whose sheet still exists: insertForm then upgrades it. */
export function formToUpgrade(survey: WorkbookSurvey, meta: FormMeta): MetaBlock | undefined {
  const exists = sheetExists(survey);
  return survey.blocks.find(
    (b) => b.meta && sameForm(b.meta, meta) && b.sheet !== undefined && exists(b.sheet),
  );
}

/**
 * Names that would collide or dangle: those on the old form's sheet, SCORECARD_META of a form that is
 * gone (or being replaced), and ours that point at deleted sheets. Returns what goes and what stays.
 */
export function sortNames(
  survey: WorkbookSurvey,
  plan: SheetPlan,
  old: MetaBlock | undefined,
): { deleteNames: string[]; keep: NameRead[] } {
  const exists = sheetExists(survey);
  const planNames = planNameSet(plan);
  const liveBlocks = new Set(
    survey.blocks.filter((b) => b.sheet !== undefined && exists(b.sheet) && b !== old).map((b) => b.col),
  );
  const deleteNames: string[] = [];
  const keep: NameRead[] = [];
  for (const n of survey.names) {
    const ref = parseReference(n.formula);
    const onOld = old && ref && sameSheet(ref.sheet, old.sheet);
    const deadMeta =
      n.name.toUpperCase() === META_NAME.toUpperCase() &&
      (!ref || !sameSheet(ref.sheet, META_SHEET) || !liveBlocks.has(ref.col));
    const dangling = planNames.has(n.name.toUpperCase()) && (!ref || !exists(ref.sheet));
    if (onOld || deadMeta || dangling) deleteNames.push(n.name);
    else keep.push(n);
  }
  return { deleteNames, keep };
}

const planNameSet = (plan: SheetPlan) =>
  new Set([...plan.names.map((n) => n.name.toUpperCase()), META_NAME.toUpperCase()]);

/** The workbook-level names belong to the first form; another form keeps its names on its sheet. */
export function nameScope(keep: NameRead[], plan: SheetPlan): 'workbook' | 'sheet' {
  const planNames = planNameSet(plan);
  return keep.some((n) => planNames.has(n.name.toUpperCase())) ? 'sheet' : 'workbook';
}

/**
 * The form's sheet name: on an upgrade the old sheet's (a name the user may have given it), the old
 * sheet renamed aside; otherwise the plan's, made unique.
 */
export function chooseSheets(
  survey: WorkbookSurvey,
  plan: SheetPlan,
  old: OldFormRead | undefined,
  uniqueSheetName: SheetNamer,
): Pick<InsertActions, 'sheetName' | 'setAside'> {
  const taken = survey.sheets.map((s) => s.name);
  if (!old) return { sheetName: uniqueSheetName(plan.sheetName, taken) };
  const sheet = old.block.sheet!;
  const rename = uniqueSheetName(
    t('vi', 'excelOldSheet', { name: sheet.slice(0, MAX_SHEET_NAME - BACKUP_SUFFIX_ROOM) }),
    taken,
  );
  return { sheetName: sheet, setAside: { sheet, deleteNames: old.sheetNames.map((n) => n.name), rename } };
}

/** Where the metadata block goes and what it holds. */
export function metaBlockAction(
  survey: WorkbookSurvey,
  plan: SheetPlan,
  sheetName: string,
  old: MetaBlock | undefined,
): MetaBlockAction {
  const col = freeBlockCol(survey.blocks, sheetExists(survey), old);
  const rows = plan.metaSheet.rows;
  const clear = Math.max(survey.metaRows, rows.length);
  return {
    create: !survey.metaExists,
    col,
    clearRows: survey.blocks.some((b) => b.col === col) ? clear : 0,
    grid: blockGrid(rows, sheetName),
    spillRow: Math.max(rows.length + 1, survey.metaRows + 1),
  };
}

/** The custom XML part listing every live form, this one included. */
export function customXmlAction(
  survey: WorkbookSurvey,
  plan: SheetPlan,
  sheetName: string,
  blockCol: number,
): InsertActions['customXml'] {
  const exists = sheetExists(survey);
  const others = survey.blocks.filter(
    (b) => b.col !== blockCol && b.meta && b.sheet !== undefined && exists(b.sheet),
  );
  const forms = [
    ...others.map((b) => ({ meta: b.meta!, sheet: b.sheet! })),
    { meta: plan.meta, sheet: sheetName },
  ];
  return { deleteIds: survey.partIds, xml: formsXml(forms) };
}

/** Everything insertForm writes, from what it read. */
export function decideInsert(
  input: SheetPlan,
  survey: WorkbookSurvey,
  old: OldFormRead | undefined,
  uniqueSheetName: SheetNamer,
): InsertActions {
  const plan = old
    ? carryOver(input, formValues(old.block.sheet!, old.grid, survey.names, old.sheetNames, old.block)).plan
    : input;
  const { deleteNames, keep } = sortNames(survey, plan, old?.block);
  const { sheetName, setAside } = chooseSheets(survey, plan, old, uniqueSheetName);
  const meta = metaBlockAction(survey, plan, sheetName, old?.block);
  return {
    plan,
    upgraded: old !== undefined,
    sheetName,
    deleteNames,
    scope: nameScope(keep, plan),
    setAside,
    meta,
    customXml: customXmlAction(survey, plan, sheetName, meta.col),
  };
}

/**
 * Places lists one below the other in the block's third column from `firstRow`, a blank row between,
 * and gives the reference a data validation uses as its source.
 */
export function spillPlacer(firstRow: number, blockCol: number) {
  let next = firstRow;
  const col = blockCol + 2;
  return (count: number): { row: number; col: number; source: string } => {
    const row = next;
    next += count + 1;
    const source = `=${quoteSheetName(META_SHEET)}!${cellAddress(row, col, true)}:${cellAddress(row + count - 1, col, true)}`;
    return { row, col, source };
  };
}
