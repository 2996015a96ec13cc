/** The built-in rulebooks: data files in rulebooks/, bundled as JSON. */
import binhThuan2019 from '../../../rulebooks/binh-thuan-2019.json';
import dongNai2022 from '../../../rulebooks/dong-nai-2022.json';
import dti2025 from '../../../rulebooks/dti-2025.json';
import giaLai2019 from '../../../rulebooks/gia-lai-2019.json';
import { parseRulebook } from './load';
import type { Rulebook } from './schema';

const sources: Record<string, unknown> = {
  'binh-thuan-2019': binhThuan2019,
  'dong-nai-2022': dongNai2022,
  'gia-lai-2019': giaLai2019,
  'dti-2025': dti2025,
};

const cache = new Map<string, Rulebook>();

export const builtinIds = Object.keys(sources);

export function builtinRulebook(id: string): Rulebook | undefined {
  if (!(id in sources)) return undefined;
  if (!cache.has(id)) cache.set(id, parseRulebook(sources[id], id));
  return cache.get(id);
}

export function builtinRulebooks(): Rulebook[] {
  return builtinIds.map((id) => builtinRulebook(id)!);
}
