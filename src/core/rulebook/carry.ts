/**
 * A workbook carries its rulebook, so a form made from a custom rulebook can be checked and
 * consolidated without a separate file. Two carriers, same content:
 *
 *  - key/value rows for a (very) hidden sheet: carrierRows / rulebookFromCarrier;
 *  - a custom XML part: carrierXml / rulebookFromCarrierXml.
 *
 * The payload is the rulebook's canonical JSON (load.ts), cut into cells of at most 32,000 characters
 * (Excel's cell limit is 32,767), after rows naming the format, the rulebook id, version and content
 * hash. Reading checks the hash of the text and of the parsed rulebook: a carrier edited by hand is
 * refused with a reason in both languages, never half-trusted. Pure; docs/rulebook-authoring.md has
 * the contract for the form writers.
 */
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { msg, type Message } from '../../i18n';
import { canonicalJson, contentHash, parseRulebook, RulebookError } from './load';
import type { Rulebook } from './schema';

export const CARRIER_FORMAT = 'scorecard-rulebook';
export const CARRIER_FORMAT_VERSION = 1;
/** Characters per cell, under Excel's limit of 32,767. */
export const CARRIER_CHUNK = 32000;
/** Suggested name of the hidden sheet that holds the rows. */
export const CARRIER_SHEET = 'scorecard_rulebook';
/** Namespace of the custom XML part (Office's customXmlParts.getByNamespace finds it). */
export const CARRIER_NAMESPACE = 'urn:scorecard:rulebook:1';
/** Row key prefix of the payload: `json:1`, `json:2`, … */
export const CHUNK_KEY = 'json:';

export type CarrierRow = [string, string | number];
export type CarrierResult =
  | { ok: true; rulebook: Rulebook; id: string; version: string; hash: string }
  | { ok: false; reason: Message };

const textHash = (text: string) => bytesToHex(sha256(utf8ToBytes(text))).slice(0, 16);

/** Cut text into pieces of at most `size` UTF-16 units, never between the two halves of a surrogate pair. */
export function chunkText(text: string, size = CARRIER_CHUNK): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    let end = Math.min(text.length, i + size);
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end--;
    out.push(text.slice(i, end));
    i = end;
  }
  return out.length ? out : [''];
}

/** The rows of the carrier sheet: format, id, version, hash, chunk count, then the JSON pieces. */
export function carrierRows(rb: Rulebook): CarrierRow[] {
  const parsed = parseRulebook(rb, rb.id);
  const json = canonicalJson(parsed);
  const chunks = chunkText(json);
  return [
    ['format', CARRIER_FORMAT],
    ['formatVersion', CARRIER_FORMAT_VERSION],
    ['id', parsed.id],
    ['version', parsed.version],
    ['hash', contentHash(parsed)],
    ['chunks', chunks.length],
    ...chunks.map((c, i): CarrierRow => [`${CHUNK_KEY}${i + 1}`, c]),
  ];
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** The rulebook back from the carrier rows (any order, other rows ignored), or why it is refused. */
export function rulebookFromCarrier(rows: Iterable<readonly unknown[]>): CarrierResult {
  const map = new Map<string, unknown>();
  for (const row of rows) if (row && typeof row[0] === 'string') map.set(row[0].trim(), row[1]);
  if (str(map.get('format')).trim() !== CARRIER_FORMAT) return { ok: false, reason: msg('carrierMissing') };
  const formatVersion = Number(str(map.get('formatVersion')));
  if (formatVersion !== CARRIER_FORMAT_VERSION)
    return { ok: false, reason: msg('carrierUnsupported', { version: str(map.get('formatVersion')) }) };
  const count = Number(str(map.get('chunks')));
  if (!Number.isInteger(count) || count < 1)
    return { ok: false, reason: msg('carrierBadFormat', { detail: `chunks = ${str(map.get('chunks'))}` }) };
  const pieces: string[] = [];
  for (let i = 1; i <= count; i++) {
    const piece = map.get(`${CHUNK_KEY}${i}`);
    if (piece === undefined || piece === null)
      return { ok: false, reason: msg('carrierBadFormat', { detail: `${CHUNK_KEY}${i} missing` }) };
    pieces.push(String(piece));
  }
  if (map.has(`${CHUNK_KEY}${count + 1}`))
    return { ok: false, reason: msg('carrierBadFormat', { detail: `more than ${count} chunks` }) };
  const text = pieces.join('');
  const hash = str(map.get('hash')).trim();
  const actual = textHash(text);
  if (actual !== hash) return { ok: false, reason: msg('carrierAltered', { expected: hash || '—', actual }) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: msg('carrierBadFormat', { detail: (e as Error).message }) };
  }
  let rulebook: Rulebook;
  try {
    rulebook = parseRulebook(json, 'carrier');
  } catch (e) {
    if (e instanceof RulebookError)
      return { ok: false, reason: msg('carrierInvalid', { reason: e.reason.vi }) };
    throw e;
  }
  // The hash was computed on the parsed rulebook: parsing again must give the very same content.
  const parsedHash = contentHash(rulebook);
  if (parsedHash !== hash)
    return { ok: false, reason: msg('carrierAltered', { expected: hash, actual: parsedHash }) };
  if (str(map.get('id')) !== rulebook.id || str(map.get('version')) !== rulebook.version)
    return {
      ok: false,
      reason: msg('carrierHeaderMismatch', {
        id: str(map.get('id')),
        version: str(map.get('version')),
        rulebookId: rulebook.id,
        rulebookVersion: rulebook.version,
      }),
    };
  return { ok: true, rulebook, id: rulebook.id, version: rulebook.version, hash };
}

// ── custom XML part ──────────────────────────────────────────────────────────────────────────────
const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e]!,
  );
}

/** The custom XML part: the same header as attributes, the JSON pieces as <chunk> elements. */
export function carrierXml(rb: Rulebook): string {
  const rows = new Map(carrierRows(rb));
  const chunks = [...rows.entries()].filter(([k]) => k.startsWith(CHUNK_KEY));
  const attrs = ['formatVersion', 'id', 'version', 'hash']
    .map((k) => `${k}="${escapeXml(String(rows.get(k)))}"`)
    .join(' ');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rulebook xmlns="${CARRIER_NAMESPACE}" format="${CARRIER_FORMAT}" ${attrs}>` +
    chunks
      .map(([k, v]) => `<chunk n="${k.slice(CHUNK_KEY.length)}">${escapeXml(String(v))}</chunk>`)
      .join('') +
    `</rulebook>`
  );
}

/** The rulebook back from the custom XML part's text, with the same checks as the rows. */
export function rulebookFromCarrierXml(xml: string): CarrierResult {
  const root = /<(?:\w+:)?rulebook\b([^>]*)>([\s\S]*)<\/(?:\w+:)?rulebook>/.exec(xml);
  if (!root || !root[1].includes(CARRIER_NAMESPACE)) return { ok: false, reason: msg('carrierMissing') };
  const attr = (name: string) => {
    const m = new RegExp(`\\b${name}="([^"]*)"`).exec(root[1]);
    return m ? unescapeXml(m[1]) : undefined;
  };
  const rows: unknown[][] = [
    ['format', attr('format')],
    ['formatVersion', attr('formatVersion')],
    ['id', attr('id')],
    ['version', attr('version')],
    ['hash', attr('hash')],
  ];
  let count = 0;
  for (const m of root[2].matchAll(/<(?:\w+:)?chunk\b[^>]*\bn="(\d+)"[^>]*>([\s\S]*?)<\/(?:\w+:)?chunk>/g)) {
    const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(m[2]);
    rows.push([`${CHUNK_KEY}${m[1]}`, cdata ? cdata[1] : unescapeXml(m[2])]);
    count++;
  }
  rows.push(['chunks', count]);
  return rulebookFromCarrier(rows);
}
