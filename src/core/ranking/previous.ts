/**
 * Year over year: each unit of this year's ranking beside its result of last year. A unit that took
 * over others (a merge of 1 July 2025: the rulebook's `mergedInto`, or a row of the unit map) compares
 * with the plain mean of its predecessors' totals and indices, as the 2024 national index was
 * republished for the merged provinces, and says so; a mean has no rank or band of its own.
 */
import type { Rulebook } from '../rulebook/schema';
import { indexOf } from '../rulebook/applies';
import { RulebookError } from '../rulebook/load';
import { round2 } from '../numbers';
import { normalizeName } from '../units';
import { msg } from '../../i18n';
import type { PreviousComparison, Ranking, RankingEntry } from './types';

/** One unit's result last year, as read from last year's ranking (JSON or the "Tổng hợp" sheet). */
export interface PreviousResult {
  unitId?: string;
  unitName: string;
  total: number;
  index: number;
  rank?: number;
  band?: string;
}

/** A row of the unit map (old-to-new.csv): last year's unit `from` is part of this year's `to`. */
export interface UnitMapRow {
  from: string;
  to: string;
  /** The row's line in the file, for errors. */
  line: number;
}

/** Finds a result by id or by name (ids and names compared as normalised names). */
function finder(results: PreviousResult[]): (key: string) => PreviousResult | undefined {
  const byKey = new Map<string, PreviousResult>();
  for (const r of results)
    for (const k of [r.unitId, r.unitName])
      if (k && !byKey.has(normalizeName(k))) byKey.set(normalizeName(k), r);
  return (key) => byKey.get(normalizeName(key));
}

/** This year's entry a unit-map target names: by id or name. */
function currentFinder(ranking: Ranking): (key: string) => RankingEntry | undefined {
  const entries = ranking.tables.flatMap((tb) => tb.entries);
  return (key) =>
    entries.find(
      (e) =>
        normalizeName(e.unitId) === normalizeName(key) || normalizeName(e.unitName) === normalizeName(key),
    );
}

/**
 * The unit map checked against both rankings: every `from` a unit of last year's, every `to` one of
 * this year's. The first unknown unit is one located error in both languages.
 */
export function checkUnitMap(rows: UnitMapRow[], previous: PreviousResult[], ranking: Ranking): void {
  const old = finder(previous);
  const now = currentFinder(ranking);
  for (const row of rows) {
    if (!old(row.from))
      throw new RulebookError(
        msg('previousUnitMapUnknownOld', { line: row.line, column: 1, unit: row.from }),
      );
    if (!now(row.to))
      throw new RulebookError(msg('previousUnitMapUnknownNew', { line: row.line, column: 2, unit: row.to }));
  }
}

/** The predecessors of an entry: units merged into it (rulebook or map), with itself when it existed. */
function predecessors(
  rb: Rulebook,
  e: RankingEntry,
  rows: UnitMapRow[],
  find: (key: string) => PreviousResult | undefined,
  to: (key: string) => RankingEntry | undefined,
): PreviousResult[] {
  const merged = [
    ...rb.units.filter((u) => u.mergedInto === e.unitId).map((u) => u.id),
    ...rows.filter((r) => to(r.to) === e).map((r) => r.from),
  ];
  const found = [e.unitId, e.unitName, ...merged].map((k) => (k ? find(k) : undefined));
  return [...new Set(found.filter((r): r is PreviousResult => r !== undefined))];
}

/** Last year's figures and the change; the mean of several predecessors has no rank or band. */
function comparison(e: RankingEntry, max: number, before: PreviousResult[]): PreviousComparison {
  const one = before.length === 1 ? before[0] : undefined;
  const total = round2(before.reduce((s, r) => s + r.total, 0) / before.length);
  const index = indexOf(before.reduce((s, r) => s + r.index, 0) / before.length, 1);
  const now = { total: e.total, index: indexOf(e.total, e.max ?? max) };
  return {
    total,
    index,
    ...(one?.rank !== undefined ? { rank: one.rank } : {}),
    ...(one?.band !== undefined ? { band: one.band } : {}),
    change: {
      total: round2(now.total - total),
      index: indexOf(now.index - index, 1),
      // Places moved up: last year's rank − this year's.
      ...(one?.rank !== undefined && e.rank !== undefined ? { rank: one.rank - e.rank } : {}),
    },
    ...(before.length > 1 ? { meanOf: before.map((r) => r.unitName) } : {}),
  };
}

/**
 * This year's ranking with `previous` on every counted entry that had a result last year (or whose
 * predecessors had); a merged unit's notes say it compares with the mean of its predecessors.
 */
export function withPrevious(
  rb: Rulebook,
  ranking: Ranking,
  previous: PreviousResult[],
  rows: UnitMapRow[] = [],
): Ranking {
  checkUnitMap(rows, previous, ranking);
  const find = finder(previous);
  const to = currentFinder(ranking);
  const tables = ranking.tables.map((tb) => ({
    ...tb,
    entries: tb.entries.map((e) => {
      const before = e.counted ? predecessors(rb, e, rows, find, to) : [];
      if (!before.length) return e;
      const p = comparison(e, tb.max, before);
      const notes = p.meanOf ? [...e.notes, msg('previousMeanOf', { units: p.meanOf.join(', ') })] : e.notes;
      return { ...e, previous: p, notes };
    }),
  }));
  return { ...ranking, tables };
}

/**
 * The unit map as a CSV text (old-to-new.csv): a header line, then `old unit,new unit` per line (ids
 * or names; a byte-order mark, blank lines and quotes allowed). Lines are numbered as in the file.
 */
export function parseUnitMap(text: string): UnitMapRow[] {
  const unquote = (cell: string) =>
    cell
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .replace(/""/g, '"')
      .trim();
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((raw, i) => ({ cells: raw.split(/[,;\t](?=(?:[^"]*"[^"]*")*[^"]*$)/).map(unquote), line: i + 1 }))
    .slice(1)
    .filter((r) => r.cells.some((c) => c !== ''))
    .map((r) => ({ from: r.cells[0] ?? '', to: r.cells[1] ?? '', line: r.line }));
}
