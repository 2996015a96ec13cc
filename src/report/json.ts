/**
 * The ranking as the command line's JSON (`scorecard rank --json`, docs/consolidation.md): a stable
 * shape where every key is always present (null when it does not apply). Pure.
 */
import type {
  PreviousComparison,
  Ranking,
  RankingEntry,
  RankingStatus,
  RankingTable,
} from '../core/ranking/types';
import type { PreviousResult } from '../core/ranking/previous';
import { RulebookError } from '../core/rulebook/load';
import { msg } from '../i18n';
import { entryStatus } from '../core/ranking/ranking';
import { indexOf } from '../core/rulebook/applies';

/** The final total as an index: ÷ the unit's own maximum where the ranking gives one, else the table's; 4 decimals. */
export function entryIndex(table: Pick<RankingTable, 'max'>, e: Pick<RankingEntry, 'total' | 'max'>): number {
  return indexOf(e.total, e.max ?? table.max);
}

export interface RankingJsonEntry {
  unit: string;
  unitId: string | null;
  file: string | null;
  /** The final total: appraised points replace self points criterion by criterion. */
  total: number | null;
  /** `total` ÷ the unit's maximum, 4 decimals. */
  index: number | null;
  selfTotal: number | null;
  /** The final total when any criterion was appraised; null when not appraised yet. */
  appraisedTotal: number | null;
  band: string | null;
  rank: number | null;
  status: RankingStatus;
  /** The total counts in the ranking (false: late and not ranked, invalid, duplicate, wrong annex, missing). */
  counted: boolean;
  /** The status as shown (the label, or a fuller text such as "Not received"). */
  statusText: string;
  statusTextEn: string;
  award: boolean;
  /** Tied at an award cut-off: for the appraisal council to decide (no award is given automatically). */
  awardTie: boolean;
  /** Final subtotal per criteria-group code. */
  groups: Record<string, number>;
  notes: { message: string; messageEn: string }[];
  /** Last year's result and the change (`scorecard rank --previous`); null when not compared. */
  previous: PreviousComparison | null;
}

export interface RankingJson {
  rulebook: string | null;
  /** Where the rulebook chooses what its decision does not say. */
  assumptions: { what: string; whatEn: string; why: string; whyEn: string; annexes: string[] | null }[];
  asOf: string | null;
  receivedSource: Ranking['receivedSource'];
  groups: { annex: string; entries: RankingJsonEntry[] }[];
  missing: { unit: string; annex: string }[];
  invalid: { file: string; reason: string; reasonEn: string }[];
  /** Said once for the whole ranking (no received-dates list, dates from file times, …). */
  warnings: { message: string; messageEn: string }[];
}

export function rankingJson(result: Ranking): RankingJson {
  return {
    rulebook: result.rulebook.id,
    assumptions: result.rulebook.assumptions.map((a) => ({
      what: a.what.vi,
      whatEn: a.what.en,
      why: a.why.vi,
      whyEn: a.why.en,
      annexes: a.annexes ?? null,
    })),
    asOf: result.asOf ?? null,
    receivedSource: result.receivedSource,
    groups: result.tables.map((table) => ({
      annex: table.annex,
      entries: table.entries.map((e) => {
        const hasForm = e.status !== 'missing';
        return {
          unit: e.unitName,
          unitId: e.unitId || null,
          file: e.file ?? null,
          total: hasForm ? e.total : null,
          index: hasForm ? entryIndex(table, e) : null,
          selfTotal: hasForm ? e.selfTotal : null,
          appraisedTotal: hasForm && e.appraised ? e.total : null,
          band: e.band?.label ?? null,
          rank: e.rank ?? null,
          status: e.status,
          statusText: entryStatus(e).vi,
          statusTextEn: entryStatus(e).en,
          counted: e.counted,
          award: e.award,
          awardTie: !!e.awardTie,
          groups: { ...e.groups },
          notes: e.notes.map((n) => ({ message: n.vi, messageEn: n.en })),
          previous: e.previous ?? null,
        };
      }),
    })),
    missing: result.missing.map((m) => ({ unit: m.unitName, annex: m.annex })),
    invalid: result.invalid.map((i) => ({ file: i.file, reason: i.reason.vi, reasonEn: i.reason.en })),
    warnings: (result.warnings ?? []).map((w) => ({ message: w.vi, messageEn: w.en })),
  };
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * Last year's results from last year's `scorecard rank --json`: the counted entries of every group.
 * Anything else is one error in both languages naming the file.
 */
export function previousFromJson(json: unknown, file: string): PreviousResult[] {
  const groups = (json as Partial<RankingJson> | null)?.groups;
  if (!Array.isArray(groups)) throw new RulebookError(msg('previousNotARanking', { file }));
  return groups.flatMap((g) =>
    (Array.isArray(g?.entries) ? g.entries : [])
      .filter((e) => e?.counted && typeof e.unit === 'string' && isNumber(e.total) && isNumber(e.index))
      .map((e) => ({
        ...(e.unitId ? { unitId: e.unitId } : {}),
        unitName: e.unit,
        total: e.total!,
        index: e.index!,
        ...(isNumber(e.rank) ? { rank: e.rank } : {}),
        ...(e.band ? { band: e.band } : {}),
      })),
  );
}
