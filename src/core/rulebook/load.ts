/**
 * Parsing and identity of rulebooks. Pure: callers bring the JSON (from a file, a built-in, a workbook).
 */
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { Annex, Criterion, CriteriaGroup, Rulebook } from './schema';
import { RulebookError } from './errors';
import { msg } from '../../i18n';

export { RulebookError };

// validation (zod) in a module of its own, loaded on first use: reading and scoring forms do not need it
export { parseRulebook } from './parse-lazy';

/** JSON with keys in a fixed order, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** sha-256 of the canonical JSON of the parsed rulebook, first 16 hex digits: recorded in every form. */
export function contentHash(rb: Rulebook): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(rb)))).slice(0, 16);
}

export function findAnnex(rb: Rulebook, code: string): Annex {
  const annex = rb.annexes.find((a) => a.code.toLowerCase() === code.trim().toLowerCase());
  if (!annex)
    throw new RulebookError(
      msg('unknownAnnex', { annex: code, rulebook: rb.id, known: rb.annexes.map((a) => a.code).join(', ') }),
    );
  return annex;
}

export function annexCriteria(annex: Annex): { group: CriteriaGroup; criterion: Criterion }[] {
  return annex.groups.flatMap((group) => group.criteria.map((criterion) => ({ group, criterion })));
}

/** Characters of an id outside [A-Za-z0-9_] become `_` in defined names (IN_1_2_count). */
export function nameSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, '_');
}
