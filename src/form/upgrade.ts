/**
 * carryOver: upgrading a form to a new layout or rulebook version keeps every entry (pure).
 *
 * `oldValues` are the old form's cells by defined name. Entries (inputs, reasons, evidence, appraisals
 * and anything else that is not computed) whose name exists in the new plan go to the new cell; the
 * others are never dropped: they go to an "orphans" block below the form, each under the defined name
 * `OLD_<name>` (`OLD_<name>__2`… when two share a name), so a later upgrade finds them again (and
 * puts them back should the name return).
 * Computed cells (PT_, GR_, TOTAL, BAND) are not entries: the new formulas recompute them.
 */
import { bilingual, msg } from '../i18n';
import { a1 } from '../sheet/a1';
import { NAME_KEY_PREFIX } from './meta';
import type { SheetPlan } from './types';
import type { CellStyle, SheetCell as PlanCell } from '../sheet/types';

export const ORPHAN_PREFIX = 'OLD_';

/** OLD_<name>, or OLD_<name>__<n> for a second orphan of the same name → <name>. */
const originalName = (orphanName: string) => orphanName.slice(ORPHAN_PREFIX.length).replace(/__\d+$/, '');

export interface Orphan {
  name: string;
  value: unknown;
}

const COMPUTED = /^(PT|GR)_|^(TOTAL|INDEX|BAND|STATUS)$/i;
/** Names of the workbook's machinery, not of the form's cells. */
const INTERNAL = /^SCORECARD_/i;

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A value read from a cell → the plan's constant (or formula) that writes it back unchanged. */
function asCell(value: unknown): Pick<PlanCell, 'value' | 'formula'> {
  if (typeof value === 'number') return { value };
  if (typeof value === 'boolean') return { formula: value ? '=TRUE' : '=FALSE' };
  if (typeof value === 'string') return { value };
  return { value: JSON.stringify(value) };
}

const ORPHAN_STYLES: Record<string, CellStyle> = {
  orphanTitle: { bold: true, wrap: true, vAlign: 'middle', color: '#C00000' },
  orphanHead: { bold: true, border: true, hAlign: 'center', vAlign: 'middle', fill: '#EDEDED', wrap: true },
  orphanName: { border: true, vAlign: 'middle', numberFormat: '@' },
  orphanValue: { border: true, vAlign: 'middle', wrap: true, hAlign: 'left' },
};

export function carryOver(
  plan: SheetPlan,
  oldValues: Record<string, unknown>,
): { plan: SheetPlan; orphans: Orphan[] } {
  const cells = plan.cells.map((c) => ({ ...c }));
  const names = plan.names.map((n) => ({ ...n }));
  const target = new Map(names.map((n) => [n.name.toUpperCase(), n]));
  const filled = new Set<string>();
  const orphans: Orphan[] = [];

  const place = (name: string, value: unknown): boolean => {
    const n = target.get(name.toUpperCase());
    if (!n || filled.has(n.name)) return false;
    const at = cells.filter((c) => c.row === n.row && c.col === n.col);
    if (at.some((c) => c.formula !== undefined)) return false; // never overwrite a computed cell
    const content = asCell(value);
    if (at.length === 0) cells.push({ row: n.row, col: n.col, ...content });
    for (const c of at) {
      delete c.value;
      delete c.formula;
      Object.assign(c, content);
    }
    filled.add(n.name);
    return true;
  };

  const entries = Object.entries(oldValues).filter(
    ([name, v]) => !COMPUTED.test(name) && !INTERNAL.test(name) && !isBlank(v),
  );
  // Current entries first; an orphan of an earlier upgrade returns to its name only if that is still free.
  const isOrphanName = (name: string) => name.toUpperCase().startsWith(ORPHAN_PREFIX);
  for (const [name, value] of entries.filter(([n]) => !isOrphanName(n)))
    if (!place(name, value)) orphans.push({ name, value });
  for (const [name, value] of entries.filter(([n]) => isOrphanName(n))) {
    const original = originalName(name);
    if (!place(original, value)) orphans.push({ name: original, value });
  }

  if (orphans.length === 0) return { plan: { ...plan, cells, names }, orphans };

  // The orphans block: two rows below everything, a title across the table, then name | value rows.
  let lastRow = -1;
  let width = plan.columns.length;
  for (const c of plan.cells) {
    lastRow = Math.max(lastRow, c.row);
    width = Math.max(width, c.col + 1);
  }
  for (const m of plan.merges) lastRow = Math.max(lastRow, m.row + m.rows - 1);
  width = Math.max(width, 2);
  const nameCol = width >= 4 ? 1 : 0;
  const valueCol = width >= 4 ? 3 : 1;
  const merges = plan.merges.map((m) => ({ ...m }));
  const rowHeights = { ...plan.rowHeights };
  const metaRows = [...plan.metaSheet.rows];

  let row = lastRow + 3;
  cells.push({ row, col: 0, value: bilingual(msg('orphansTitle')), style: 'orphanTitle' });
  if (width > 1) merges.push({ row, col: 0, rows: 1, cols: width });
  rowHeights[row] = 36;
  row++;
  const header = (col: number, value: string, cols: number) => {
    cells.push({ row, col, value, style: 'orphanHead' });
    for (let c = col + 1; c < col + cols; c++) cells.push({ row, col: c, style: 'orphanHead' });
    if (cols > 1) merges.push({ row, col, rows: 1, cols });
  };
  header(nameCol, bilingual(msg('orphansName')), valueCol - nameCol);
  header(valueCol, bilingual(msg('orphansValue')), width - valueCol);
  row++;
  const used = new Set(names.map((n) => n.name.toUpperCase()));
  for (const o of orphans) {
    cells.push({ row, col: nameCol, value: o.name, style: 'orphanName' });
    for (let c = nameCol + 1; c < valueCol; c++) cells.push({ row, col: c, style: 'orphanName' });
    if (valueCol - nameCol > 1) merges.push({ row, col: nameCol, rows: 1, cols: valueCol - nameCol });
    cells.push({ row, col: valueCol, ...asCell(o.value), style: 'orphanValue' });
    for (let c = valueCol + 1; c < width; c++) cells.push({ row, col: c, style: 'orphanValue' });
    if (width - valueCol > 1) merges.push({ row, col: valueCol, rows: 1, cols: width - valueCol });
    let name = ORPHAN_PREFIX + o.name;
    for (let k = 2; used.has(name.toUpperCase()); k++) name = `${ORPHAN_PREFIX}${o.name}__${k}`;
    used.add(name.toUpperCase());
    names.push({ name, row, col: valueCol });
    metaRows.push([NAME_KEY_PREFIX + name, a1(row, valueCol)]);
    row++;
  }

  return {
    plan: {
      ...plan,
      cells,
      names,
      merges,
      rowHeights,
      styles: { ...plan.styles, ...ORPHAN_STYLES },
      metaSheet: { ...plan.metaSheet, rows: metaRows },
    },
    orphans,
  };
}
