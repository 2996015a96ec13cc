/** The built-in rulebooks: data files in rulebooks/, bundled as JSON. */
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import binhThuan2019 from '../../../rulebooks/binh-thuan-2019.json';
import dongNai2022 from '../../../rulebooks/dong-nai-2022.json';
import dti2025 from '../../../rulebooks/dti-2025.json';
import giaLai2019 from '../../../rulebooks/gia-lai-2019.json';
import validated from './builtin-validated.json';
import { jsonApply, type JsonChange } from './json-patch';
import { parseRulebook } from './load';
import type { Rulebook } from './schema';

const sources: Record<string, unknown> = {
  'binh-thuan-2019': binhThuan2019,
  'dong-nai-2022': dongNai2022,
  'gia-lai-2019': giaLai2019,
  'dti-2025': dti2025,
};

/** Per built-in: hash of its file as bundled, and the changes validation makes (scripts/builtin-validated.js). */
export const builtinValidated = validated as unknown as Record<
  string,
  { source: string; changes: JsonChange[] }
>;

const cache = new Map<string, Rulebook>();

export const builtinIds = Object.keys(sources);

/** sha-256 of the JSON text of a built-in's source, as bundled. */
export function sourceHash(json: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(json))));
}

/**
 * A built-in validated at build time (its hash unchanged) is taken as validated then, without loading
 * the validator (zod costs a third of a second in every process and worker); otherwise it is validated.
 */
function parseBuiltin(id: string): Rulebook {
  const known = builtinValidated[id];
  if (known && sourceHash(sources[id]) === known.source) {
    // a plain JSON copy (structuredClone is missing in jsdom and older webviews)
    const rb = jsonApply(JSON.parse(JSON.stringify(sources[id])), known.changes) as Rulebook;
    for (const annex of rb.annexes) annex.bands.sort((a, b) => b.min - a.min);
    return rb;
  }
  return parseRulebook(sources[id], id);
}

export function builtinRulebook(id: string): Rulebook | undefined {
  if (!(id in sources)) return undefined;
  if (!cache.has(id)) cache.set(id, parseBuiltin(id));
  return cache.get(id);
}

export function builtinRulebooks(): Rulebook[] {
  return builtinIds.map((id) => builtinRulebook(id)!);
}
