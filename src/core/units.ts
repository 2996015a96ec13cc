/**
 * Matching unit names as they arrive (NFC or NFD, extra spaces, any case, "TP." or "Thành phố",
 * "UBND huyện X" or "Huyện X") to the rulebook's unit list. No guessing: a name that matches no unit,
 * or more than one, is reported as unmatched.
 */
import type { Rulebook, Unit } from './rulebook/schema';

const PREFIXES = [
  /^ubnd\s+/,
  /^uỷ ban nhân dân\s+/,
  /^ủy ban nhân dân\s+/,
  /^(thành phố|tp\.?)\s*/,
  /^(thị xã|tx\.?)\s*/,
  /^huyện\s+/,
  /^(xã|phường|thị trấn)\s+/,
];

/** NFC, trimmed, single spaces, lower case, ủy/uỷ unified. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/uỷ/g, 'ủy')
    .replace(/oà/g, 'òa')
    .replace(/oá/g, 'óa')
    .replace(/oạ/g, 'ọa');
}

/** The name without administrative prefixes: "UBND thành phố Phan Thiết" → "phan thiết". */
export function coreName(s: string): string {
  let n = normalizeName(s);
  for (let changed = true; changed;) {
    changed = false;
    for (const p of PREFIXES) {
      const next = n.replace(p, '');
      if (next !== n && next) {
        n = next.trim();
        changed = true;
      }
    }
  }
  return n;
}

export function unitKeys(u: Unit): string[] {
  return [u.id, u.name, ...u.aliases].flatMap((s) => [normalizeName(s), coreName(s)]);
}

/**
 * Every unit under each of its normalised names (exact) and each of its keys (core), in list order.
 * Built once per unit list, so matching many forms (a consolidation) does not normalise every alias
 * again for each form. A parsed rulebook's unit list is not changed afterwards.
 */
interface UnitIndex {
  exact: Map<string, Unit[]>;
  core: Map<string, Unit[]>;
}
const indexes = new WeakMap<readonly Unit[], UnitIndex>();

function unitIndex(units: readonly Unit[]): UnitIndex {
  let index = indexes.get(units);
  if (index) return index;
  index = { exact: new Map(), core: new Map() };
  const add = (map: Map<string, Unit[]>, key: string, u: Unit) => {
    const list = map.get(key);
    if (!list) map.set(key, [u]);
    else if (list[list.length - 1] !== u) list.push(u);
  };
  for (const u of units) {
    for (const s of [u.id, u.name, ...u.aliases]) add(index.exact, normalizeName(s), u);
    for (const k of unitKeys(u)) add(index.core, k, u);
  }
  indexes.set(units, index);
  return index;
}

/** The unit whose id, name or alias matches `text` (exactly after normalisation, then by core name). */
export function matchUnit(rb: Rulebook, text: string, annex?: string): Unit | undefined {
  const index = unitIndex(rb.units);
  const inAnnex = (units: Unit[] | undefined) => (units ?? []).filter((u) => !annex || u.annex === annex);
  const byExact = inAnnex(index.exact.get(normalizeName(text)));
  if (byExact.length === 1) return byExact[0];
  if (byExact.length > 1) return undefined;
  const byCore = inAnnex(index.core.get(coreName(text)));
  return byCore.length === 1 ? byCore[0] : undefined;
}

/** Units whose names contain the search text (for the pane's searchable unit list). */
export function searchUnits(rb: Rulebook, text: string, annex?: string): Unit[] {
  const q = normalizeName(text);
  return rb.units.filter(
    (u) => (!annex || u.annex === annex) && (!q || unitKeys(u).some((k) => k.includes(q))),
  );
}
