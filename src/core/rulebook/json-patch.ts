/**
 * The difference between two JSON values as a list of changes, and its application. Built-in rulebooks
 * carry the difference between their file and its validated form (defaults filled in), so they can be
 * used without loading the validator at run time.
 */
export type JsonPath = (string | number)[];
/** A value to set at a path, or `null` in third place to delete the key. */
export type JsonChange = [JsonPath, unknown] | [JsonPath, null, 'delete'];

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The changes that turn `from` into `to` (JSON values: no functions, no undefined inside arrays). */
export function jsonDiff(
  from: unknown,
  to: unknown,
  path: JsonPath = [],
  out: JsonChange[] = [],
): JsonChange[] {
  if (isObject(from) && isObject(to)) {
    for (const k of Object.keys(from)) if (!(k in to)) out.push([[...path, k], null, 'delete']);
    for (const k of Object.keys(to)) {
      if (k in from) jsonDiff(from[k], to[k], [...path, k], out);
      else out.push([[...path, k], to[k]]);
    }
  } else if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    to.forEach((v, i) => jsonDiff(from[i], v, [...path, i], out));
  } else if (JSON.stringify(from) !== JSON.stringify(to)) {
    out.push([path, to]);
  }
  return out;
}

/** Apply changes in place to a (cloned) JSON value; returns the value (replaced when the root changes). */
export function jsonApply(value: unknown, changes: JsonChange[]): unknown {
  for (const change of changes) {
    const path = change[0];
    if (path.length === 0) {
      value = JSON.parse(JSON.stringify(change[1]));
      continue;
    }
    let at = value as JsonObject;
    for (const key of path.slice(0, -1)) at = at[key as string] as JsonObject;
    const last = path[path.length - 1] as string;
    if (change.length === 3) delete at[last];
    else at[last] = JSON.parse(JSON.stringify(change[1])); // plain JSON; no structuredClone in jsdom
  }
  return value;
}
