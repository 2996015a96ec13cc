/**
 * The names of the result workbooks, one per unit (`ketqua_<annex>_<unit>.xlsx`), shared by
 * `scorecard results` and the pane's download so that a unit's file has the same name from both. Pure.
 */
import type { Ranking, RankingEntry, RankingTable } from '../core/ranking/types';
import { resultEntries } from './result';

/** A file name part from a unit id, or from its name without diacritics. */
export function unitSlug(id: string, name: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(id)) return id;
  const s = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return s || 'don-vi';
}

/** Every unit that gets a result workbook, with its file's base name (no extension), unique in the set. */
export function resultFileNames(
  ranking: Ranking,
): { table: RankingTable; entry: RankingEntry; name: string }[] {
  const used = new Set<string>();
  return resultEntries(ranking).map(({ table, entry }) => {
    const base = `ketqua_${table.annex}_${unitSlug(entry.unitId, entry.unitName)}`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}-${k}`;
    used.add(name);
    return { table, entry, name };
  });
}
