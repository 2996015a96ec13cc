/**
 * From what one sync reads (a sheet's used range, the workbook's and the sheet's defined names, the
 * metadata sheet) to the form on that sheet: its identity and each defined name's value and address.
 * Pure: the Office.js calls are in host.ts.
 */
import type { ActiveSheet } from '../host/types';
import type { FormMeta } from '../form/types';
import { isFormName, META_NAME } from '../form/names';
import { bilingual, msg } from '../i18n';
import { a1 as cellAddress, parseArea, parseReference, type Rect } from '../sheet/a1';
import type { MetaBlock } from './metaBlocks';

/** A defined name as NamedItem.load('name,formula') gives it. */
export interface NameRead {
  name: string;
  formula: string;
}

/** A range as Range.load('address,values') gives it. */
export interface GridRead {
  address: string;
  values: unknown[][];
}

export const sameSheet = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
const sameName = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** The cell of each name that points at `sheetName`; the sheet's own names win over the workbook's. */
export function namesOnSheet(
  sheetName: string,
  workbookNames: NameRead[],
  sheetNames: NameRead[],
): Map<string, Rect> {
  const out = new Map<string, Rect>();
  const add = (list: NameRead[]) => {
    for (const n of list) {
      if ([...out.keys()].some((k) => sameName(k, n.name))) continue;
      const ref = parseReference(n.formula);
      if (ref && sameSheet(ref.sheet, sheetName))
        out.set(n.name, { row: ref.row, col: ref.col, rows: ref.rows, cols: ref.cols });
    }
  };
  add(sheetNames);
  add(workbookNames);
  return out;
}

/** The value at (row, col) of a grid read from `address`; '' outside it (Excel's empty cell). */
export function gridValue(grid: GridRead, row: number, col: number): unknown {
  const bang = grid.address.lastIndexOf('!');
  const origin = parseArea(bang >= 0 ? grid.address.slice(bang + 1) : grid.address) ?? { row: 0, col: 0 };
  const v = grid.values[row - origin.row]?.[col - origin.col];
  return v === undefined ? '' : v;
}

/** The metadata block of the form on `sheetName`. */
export function blockOfSheet(
  sheetName: string,
  blocks: MetaBlock[],
  workbookNames: NameRead[],
  sheetNames: NameRead[],
  ownsWorkbookScope: boolean,
): MetaBlock | undefined {
  const col = (list: NameRead[]) => {
    const n = list.find((x) => sameName(x.name, META_NAME));
    return n ? parseReference(n.formula)?.col : undefined;
  };
  // The sheet's own SCORECARD_META points at its block; then a block that names the sheet; then the
  // workbook's SCORECARD_META when this sheet holds the workbook-level names (a renamed first form).
  const own = col(sheetNames);
  if (own !== undefined) {
    const b = blocks.find((x) => x.col === own);
    if (b) return b;
  }
  const named = blocks.find((b) => sameSheet(b.sheet, sheetName));
  if (named) return named;
  if (ownsWorkbookScope) {
    const wb = col(workbookNames);
    if (wb !== undefined) return blocks.find((x) => x.col === wb);
    if (blocks.length === 1) return blocks[0];
  }
  return undefined;
}

export interface FormRead {
  meta: FormMeta;
  values: Record<string, unknown>;
  addresses: Record<string, string>;
  block: MetaBlock;
  /** Where the values came from: the defined names, or the metadata's name rows (names lost). */
  source: 'names' | 'metadata';
}

/** The form on a sheet, or why there is none. */
export function resolveSheet(
  sheetName: string,
  grid: GridRead,
  workbookNames: NameRead[],
  sheetNames: NameRead[],
  blocks: MetaBlock[],
): FormRead | { reason: 'noMetadata' | 'damaged'; detail?: string } {
  const cells = namesOnSheet(sheetName, workbookNames, sheetNames);
  const workbookFormNames = workbookNames.some(
    (n) => isFormName(n.name) && sameSheet(parseReference(n.formula)?.sheet, sheetName),
  );
  const hasFormNames = [...cells.keys()].some(isFormName);
  const block = blockOfSheet(sheetName, blocks, workbookNames, sheetNames, workbookFormNames);
  if (!block)
    return hasFormNames
      ? { reason: 'damaged', detail: bilingual(msg('excelMetaMissing')) }
      : { reason: 'noMetadata' };
  if (!block.meta) return { reason: 'damaged', detail: bilingual(msg('excelMetaUnreadable')) };

  const values: Record<string, unknown> = {};
  const addresses: Record<string, string> = {};
  let source: FormRead['source'] = 'names';
  if (hasFormNames) {
    for (const [name, r] of cells) {
      if (sameName(name, META_NAME)) continue;
      values[name] = gridValue(grid, r.row, r.col);
      addresses[name] = cellAddress(r.row, r.col);
    }
  } else {
    // The defined names were lost (a tool that drops them); the metadata recorded every address. An
    // unlinked block (written by the .xlsx host) only counts when no other sheet holds the form's names.
    const namesElsewhere = workbookNames.some(
      (n) => isFormName(n.name) && parseReference(n.formula) !== null,
    );
    if (!block.linked && namesElsewhere) return { reason: 'noMetadata' };
    source = 'metadata';
    for (const [name, a1] of Object.entries(block.addresses)) {
      const r = parseArea(a1);
      if (!r) continue;
      values[name] = gridValue(grid, r.row, r.col);
      addresses[name] = cellAddress(r.row, r.col);
    }
  }
  return { meta: block.meta, values, addresses, block, source };
}

/**
 * Every value an upgrade must keep: each defined name on the sheet, plus each name the metadata
 * recorded that no longer exists as a defined name (at its recorded address).
 */
export function formValues(
  sheetName: string,
  grid: GridRead,
  workbookNames: NameRead[],
  sheetNames: NameRead[],
  block?: MetaBlock,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const cells = namesOnSheet(sheetName, workbookNames, sheetNames);
  for (const [name, r] of cells) if (!sameName(name, META_NAME)) values[name] = gridValue(grid, r.row, r.col);
  const known = new Set(Object.keys(values).map((n) => n.toUpperCase()));
  for (const [name, a1] of Object.entries(block?.addresses ?? {})) {
    const r = parseArea(a1);
    if (r && !known.has(name.toUpperCase())) values[name] = gridValue(grid, r.row, r.col);
  }
  return values;
}

export function toActiveSheet(sheetName: string, read: ReturnType<typeof resolveSheet>): ActiveSheet {
  if ('reason' in read)
    return {
      kind: 'notForm',
      sheetName,
      reason: read.reason,
      ...(read.detail ? { detail: read.detail } : {}),
    };
  return { kind: 'form', sheetName, meta: read.meta, values: read.values, addresses: read.addresses };
}
