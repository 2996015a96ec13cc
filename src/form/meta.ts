/**
 * The metadata sheet's key/value rows: the form's identity (every FormMeta field), the form sheet's
 * name and the A1 address of every defined name, so a form whose names were lost can still be read.
 */
import type { FormMeta } from './types';
import type { PlanName } from '../sheet/types';
import { a1 } from '../sheet/a1';

const STRING_KEYS = ['rulebookId', 'rulebookVersion', 'rulebookHash', 'annex', 'unitId', 'unitName'] as const;
const NUMBER_KEYS = ['year', 'layoutVersion'] as const;

/** Row key holding the name of the form sheet this metadata belongs to. */
export const SHEET_KEY = 'sheet';
/** Row keys `name:<definedName>` hold the A1 address of each name on the form sheet. */
export const NAME_KEY_PREFIX = 'name:';

export function metaRows(meta: FormMeta): [string, string | number][] {
  return [
    ...STRING_KEYS.map((k): [string, string] => [k, meta[k]]),
    ...NUMBER_KEYS.map((k): [string, number] => [k, meta[k]]),
  ];
}

/** All rows of the metadata sheet: identity, form sheet name, then one row per defined name. */
export function metaSheetRows(
  meta: FormMeta,
  sheetName: string,
  names: PlanName[],
): [string, string | number][] {
  return [
    ...metaRows(meta),
    [SHEET_KEY, sheetName],
    ...names.map((n): [string, string] => [NAME_KEY_PREFIX + n.name, a1(n.row, n.col)]),
  ];
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());

/** FormMeta from key/value rows (in any order, unknown keys ignored); undefined without rulebook and annex. */
export function metaFromRows(rows: Iterable<readonly unknown[]>): FormMeta | undefined {
  const map = new Map<string, unknown>();
  for (const row of rows)
    if (row && row.length >= 2 && typeof row[0] === 'string') map.set(row[0].trim(), row[1]);
  const meta = {} as Record<string, string | number>;
  for (const k of STRING_KEYS) meta[k] = text(map.get(k));
  for (const k of NUMBER_KEYS) {
    const n = Number(text(map.get(k)));
    meta[k] = Number.isFinite(n) ? n : 0;
  }
  if (!meta.rulebookId || !meta.annex) return undefined;
  return meta as unknown as FormMeta;
}

/** The form sheet's name and the name → A1 address table recorded in the metadata rows. */
export function layoutFromRows(rows: Iterable<readonly unknown[]>): {
  sheetName?: string;
  addresses: Record<string, string>;
} {
  let sheetName: string | undefined;
  const addresses: Record<string, string> = {};
  for (const row of rows) {
    if (!row || row.length < 2 || typeof row[0] !== 'string') continue;
    const key = row[0].trim();
    if (key === SHEET_KEY) sheetName = text(row[1]) || undefined;
    else if (key.startsWith(NAME_KEY_PREFIX) && text(row[1]))
      addresses[key.slice(NAME_KEY_PREFIX.length)] = text(row[1]);
  }
  return { sheetName, addresses };
}
