/**
 * The metadata sheet as the Office.js host keeps it (pure).
 *
 * The plan's metadata rows (form/meta.ts: identity, `sheet`, `name:<definedName>` → A1) live on the very
 * hidden sheet `_scorecard_meta`. The first form of a workbook uses columns A:B, exactly as the .xlsx
 * host writes them. A workbook may hold more forms (other units or annexes): each gets its own block of
 * columns, block k at columns 4k (key), 4k+1 (value), 4k+2 (link), 4k+3 left empty.
 *
 * The link cell, on the `sheet` row, holds the formula `='<form sheet>'!$A$1`. Excel rewrites it when the
 * user renames the form sheet, so reading the block's formulas finds its form sheet even then; the
 * `sheet` value itself stays as written (file readers use it).
 */
import type { FormMeta } from '../form/types';
import { metaFromRows, layoutFromRows, SHEET_KEY } from '../form/meta';
import { a1 as cellAddress, parseReference, sheetRef as quoteSheetName } from '../sheet/a1';
import { textConstant, type FormulaCell } from './cells';

export const BLOCK_WIDTH = 4;
const KEY_OF_BLOCK = 'rulebookId';

export interface MetaBlock {
  /** Column of the block's keys on the metadata sheet (0-based). */
  col: number;
  rows: [string, unknown][];
  /** undefined when the rows do not make a FormMeta (damaged). */
  meta: FormMeta | undefined;
  /** The form sheet: from the link formula when present, else from the `sheet` row. */
  sheet: string | undefined;
  /** The form sheet comes from the link formula (Excel keeps it right through renames). */
  linked: boolean;
  /** The `sheet` row points at a deleted sheet (#REF!). */
  broken: boolean;
  /** name → A1 address on the form sheet, as recorded when the form was made. */
  addresses: Record<string, string>;
}

/**
 * Blocks of a metadata sheet read as `values` and `formulas` of its used range, whose top-left cell is
 * (originRow, originCol) on the sheet.
 */
export function parseBlocks(
  values: unknown[][],
  formulas: unknown[][] | undefined,
  originRow = 0,
  originCol = 0,
): MetaBlock[] {
  const at = (grid: unknown[][] | undefined, r: number, c: number) => grid?.[r - originRow]?.[c - originCol];
  const height = values.length;
  const width = values.reduce((w, row) => Math.max(w, row.length), 0);
  const blocks: MetaBlock[] = [];
  for (let c = originCol; c < originCol + width; c++) {
    let isBlock = false;
    for (let r = originRow; r < originRow + height && !isBlock; r++)
      isBlock = at(values, r, c) === KEY_OF_BLOCK;
    if (!isBlock) continue;
    const rows: [string, unknown][] = [];
    let sheet: string | undefined;
    let broken = false;
    for (let r = originRow; r < originRow + height; r++) {
      const key = at(values, r, c);
      if (typeof key !== 'string' || key === '') continue;
      rows.push([key, at(values, r, c + 1)]);
      if (key === SHEET_KEY) {
        const link = at(formulas, r, c + 2);
        if (typeof link === 'string' && link.startsWith('=')) {
          const ref = parseReference(link);
          if (ref) sheet = ref.sheet;
          else if (/#REF!/i.test(link)) broken = true;
        }
      }
    }
    const layout = layoutFromRows(rows);
    blocks.push({
      col: c,
      rows,
      meta: metaFromRows(rows),
      sheet: sheet ?? (broken ? undefined : layout.sheetName),
      linked: sheet !== undefined,
      broken,
      addresses: layout.addresses,
    });
  }
  return blocks;
}

/** The same form: one unit's form of one annex of one rulebook for one year (any version or layout). */
export function sameForm(a: FormMeta, b: FormMeta): boolean {
  return (
    a.rulebookId === b.rulebookId &&
    a.annex === b.annex &&
    a.unitId === b.unitId &&
    Number(a.year) === Number(b.year)
  );
}

/** The block's cells (rows × 3) for Range.formulas: keys, values (text kept text), the sheet link. */
export function blockGrid(rows: [string, string | number][], sheetName: string): FormulaCell[][] {
  return rows.map(([key, value]) => {
    const isSheet = key === SHEET_KEY;
    const v = isSheet ? sheetName : value;
    return [
      textConstant(key),
      typeof v === 'number' ? v : textConstant(String(v)),
      isSheet ? `=${quoteSheetName(sheetName)}!${cellAddress(0, 0, true)}` : null,
    ];
  });
}

/** The first block column free for a new form: after every block whose form sheet still exists. */
export function freeBlockCol(
  blocks: MetaBlock[],
  sheetExists: (name: string) => boolean,
  reuse?: MetaBlock,
): number {
  if (reuse) return reuse.col;
  const live = new Set(blocks.filter((b) => b.sheet !== undefined && sheetExists(b.sheet)).map((b) => b.col));
  for (let col = 0; ; col += BLOCK_WIDTH) if (!live.has(col)) return col;
}

export const FORMS_XML_NAMESPACE = 'urn:it-scorecard:forms:1';

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The custom XML part mirroring every form's identity, for readers of the file that skip hidden sheets. */
export function formsXml(forms: { meta: FormMeta; sheet: string }[]): string {
  const keys: (keyof FormMeta)[] = [
    'rulebookId',
    'rulebookVersion',
    'rulebookHash',
    'annex',
    'unitId',
    'unitName',
    'year',
    'layoutVersion',
  ];
  const body = forms
    .map(
      ({ meta, sheet }) =>
        `<form sheet="${xmlEscape(sheet)}">${keys.map((k) => `<${k}>${xmlEscape(String(meta[k]))}</${k}>`).join('')}</form>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><forms xmlns="${FORMS_XML_NAMESPACE}">${body}</forms>`;
}
