/** What scripts/builtin-validated.js writes, and the test checks: built-ins as validated at build time. */
import binhThuan2019 from '../../../rulebooks/binh-thuan-2019.json';
import dongNai2022 from '../../../rulebooks/dong-nai-2022.json';
import dti2025 from '../../../rulebooks/dti-2025.json';
import giaLai2019 from '../../../rulebooks/gia-lai-2019.json';
import { sourceHash } from './builtin';
import { jsonDiff, type JsonChange } from './json-patch';
import { parseRulebook } from './parse';

export function builtinValidatedData(): Record<string, { source: string; changes: JsonChange[] }> {
  const sources: Record<string, unknown> = {
    'binh-thuan-2019': binhThuan2019,
    'dong-nai-2022': dongNai2022,
    'gia-lai-2019': giaLai2019,
    'dti-2025': dti2025,
  };
  const out: Record<string, { source: string; changes: JsonChange[] }> = {};
  for (const [id, json] of Object.entries(sources)) {
    // the JSON round trip drops what JSON cannot hold, as the bundled file would
    const parsed = JSON.parse(JSON.stringify(parseRulebook(JSON.parse(JSON.stringify(json)), id))) as unknown;
    out[id] = { source: sourceHash(json), changes: jsonDiff(json, parsed) };
  }
  return out;
}
