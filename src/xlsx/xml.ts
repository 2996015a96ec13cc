/**
 * A small targeted scanner for the SpreadsheetML parts a form reader needs (workbook, relationships,
 * shared strings, worksheets). It reads what Excel, LibreOffice and ExcelJS write and never throws on
 * malformed text: what it cannot recognise it skips.
 */
import { cellPosition, colName } from '../sheet/a1';

const utf8 = new TextDecoder('utf-8');
const latin1Decoder = new TextDecoder('latin1');
type NodeBuffer = {
  from(b: ArrayBufferLike, offset: number, length: number): { toString(enc: string): string };
};
const NodeBuf = (globalThis as { Buffer?: NodeBuffer }).Buffer;

/**
 * A part's bytes and a one-char-per-byte (latin1) view of them. The markup is ASCII, so the view is
 * scanned like the XML, and character offsets in it are byte offsets: the few texts a reader needs
 * are decoded from UTF-8 where they are. Decoding a whole worksheet as UTF-8 would cost almost as
 * much as inflating it; latin1 is a plain copy.
 */
export class XmlPart {
  readonly s: string;
  constructor(readonly bytes: Uint8Array) {
    this.s = NodeBuf
      ? NodeBuf.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
      : latin1Decoder.decode(bytes);
  }
  /** The UTF-8 text of the bytes from `start` to `end`. */
  text(start: number, end: number): string {
    return utf8.decode(this.bytes.subarray(start, end));
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entities and OOXML's _xHHHH_ escapes (control characters in cell text). */
export function decodeText(s: string): string {
  if (s.indexOf('&') >= 0)
    s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
      if (e[0] !== '#') return ENTITIES[e];
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    });
  if (s.indexOf('_x') >= 0)
    s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

/** Attributes of a start tag's attribute text, by local name (prefixes dropped: r:id → id). */
export function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  // The look-behind starts a name only at the start of a run of name characters: without it a long
  // run without "=" is retried from every position (quadratic time on hostile markup).
  const re = /(?<![\w:.-])([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[1].includes(':') ? m[1].slice(m[1].indexOf(':') + 1) : m[1];
    const qualified = m[1];
    const value = decodeText(m[2] ?? m[3] ?? '');
    out[qualified] = value;
    if (!(name in out)) out[name] = value;
  }
  return out;
}

/** Each element `<tag …>…</tag>` or `<tag …/>` (no nesting of the same tag): its attributes and inner text. */
export function* elements(xml: string, tag: string): Generator<{ attrs: string; inner: string }> {
  // [^<>]: an attempt stops at the next tag, so stray openings cost linear time, not quadratic.
  const open = new RegExp(`<(\\w+:)?${tag}(?=[\\s/>])([^<>]*?)(/?)>`, 'g');
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    if (m[3] === '/') {
      yield { attrs: m[2], inner: '' };
      continue;
    }
    const close = xml.indexOf(`</${m[1] ?? ''}${tag}>`, open.lastIndex);
    if (close < 0) return;
    yield { attrs: m[2], inner: xml.slice(open.lastIndex, close) };
    open.lastIndex = close;
  }
}

/**
 * `xml` without its `<tag …>…</tag>` elements (any prefix). A scan, not a lazy regex: many openings
 * without a closing tag would make a regex retry to the end of the text from each one.
 */
function withoutElements(xml: string, tag: string): string {
  const open = new RegExp(`<(\\w+:)?${tag}[\\s>/]`, 'g');
  let out = '';
  let from = 0;
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    const closeTag = `</${m[1] ?? ''}${tag}>`;
    const close = xml.indexOf(closeTag, m.index);
    if (close < 0) break;
    out += xml.slice(from, m.index);
    from = open.lastIndex = close + closeTag.length;
  }
  return out + xml.slice(from);
}

/** The text of a string item (<si> or <is>): its <t> runs, without phonetic (<rPh>) runs. */
export function richText(inner: string): string {
  if (inner.indexOf('rPh') >= 0) inner = withoutElements(inner, 'rPh');
  let out = '';
  // [^<>] rather than [^>]: an attempt never runs past the next tag (linear time on hostile markup).
  const re = /<(?:\w+:)?t(?:\s[^<>]*)?(?:\/>|>([^<]*)<\/(?:\w+:)?t>)/g;
  for (let m = re.exec(inner); m; m = re.exec(inner)) out += m[1] ?? '';
  return decodeText(out);
}

/**
 * The shared string table, decoded on demand: a form's cells reference few of its strings (most are
 * labels), so only the item offsets are found up front.
 */
export class SharedStrings {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly decoded = new Map<number, string>();
  constructor(private readonly part: XmlPart) {
    const xml = part.s;
    const prefix = /<(\w+:)?sst\b/.exec(xml)?.[1] ?? '';
    const open = `<${prefix}si`;
    const close = `</${prefix}si>`;
    for (let p = xml.indexOf(open); p >= 0; p = xml.indexOf(open, p)) {
      const after = xml.charCodeAt(p + open.length);
      const tagEnd = xml.indexOf('>', p);
      if (tagEnd < 0) break;
      if (after !== 62 && after !== 32 && after !== 47) {
        p = tagEnd; // another tag that starts like <si…
        continue;
      }
      if (xml.charCodeAt(tagEnd - 1) === 47) {
        this.starts.push(tagEnd + 1);
        this.ends.push(tagEnd + 1);
        p = tagEnd + 1;
        continue;
      }
      const end = xml.indexOf(close, tagEnd);
      if (end < 0) break;
      this.starts.push(tagEnd + 1);
      this.ends.push(end);
      p = end + close.length;
    }
  }
  get length(): number {
    return this.starts.length;
  }
  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.starts.length)) return undefined;
    let s = this.decoded.get(i);
    if (s === undefined) this.decoded.set(i, (s = richText(this.part.text(this.starts[i], this.ends[i]))));
    return s;
  }
}

export function sharedStrings(part: XmlPart): SharedStrings {
  return new SharedStrings(part);
}

export interface CellRead {
  value: unknown;
  formula: boolean;
  /** The formula's text (without "="), when asked for. */
  formulaText?: string;
}

/** A cell's value from its inner markup (latin1 view); texts are re-read as UTF-8 by `utf8Inner`. */
function cellValue(
  type: string | undefined,
  inner: string,
  sst: SharedStrings,
  utf8Inner: () => string,
): unknown {
  if (type === 'inlineStr' || type === 'str' || type === 'e' || type === 'd') inner = utf8Inner();
  if (type === 'inlineStr') {
    // The first <is> and the first closing tag after it (no lazy regex: see withoutElements).
    const open = /<(\w+:)?is>/.exec(inner);
    const close = open ? inner.indexOf(`</${open[1] ?? ''}is>`, open.index) : -1;
    return open && close >= 0 ? richText(inner.slice(open.index + open[0].length, close)) : undefined;
  }
  const v = /<(?:\w+:)?v(?:\s[^<>]*)?>([^<]*)<\/(?:\w+:)?v>/.exec(inner);
  if (!v) return undefined;
  const raw = v[1];
  switch (type) {
    case 's': {
      const i = Number(raw);
      return Number.isInteger(i) ? sst.get(i) : undefined;
    }
    case 'str':
    case 'e':
    case 'd':
      return decodeText(raw);
    case 'b':
      return raw.trim() === '1' || raw.trim().toLowerCase() === 'true';
    default: {
      if (raw.trim() === '') return undefined;
      const n = Number(raw);
      return Number.isFinite(n) ? n : decodeText(raw);
    }
  }
}

/** Value of attribute `name` in a start tag's attribute text (exact name, double or single quotes). */
export function attr(text: string, name: string): string | undefined {
  let p = 0;
  for (;;) {
    p = text.indexOf(`${name}=`, p);
    if (p < 0) return undefined;
    const before = p === 0 ? 32 : text.charCodeAt(p - 1);
    if (before === 32 || before === 9 || before === 10 || before === 13) {
      const q = text[p + name.length + 1];
      const end = text.indexOf(q, p + name.length + 2);
      return end < 0 ? undefined : text.slice(p + name.length + 2, end);
    }
    p += name.length;
  }
}

/**
 * The cells of a worksheet, by A1 address ("E12"); only those in `wanted` when given, and only rows up
 * to `maxRow` (0-based) when given. Cells without an `r` attribute take the next position in their
 * row, as the format allows.
 */
export function readCells(
  part: XmlPart,
  sst: SharedStrings,
  wanted?: Set<string>,
  maxRow = Infinity,
  withFormulas = false,
): Map<string, CellRead> {
  const xml = part.s;
  const out = new Map<string, CellRead>();
  const prefix = /<(\w+:)?worksheet\b/.exec(xml)?.[1] ?? '';
  const open = `<${prefix}`;
  const closeCell = `</${prefix}c>`;
  const dataStart = xml.indexOf(`<${prefix}sheetData`);
  if (dataStart < 0) return out;
  // The end of <sheetData>: without a prefix the scan meets its closing tag (every "<" is visited); a
  // search ahead would read the cells twice. With one (rare) closing tags are not visited: search.
  const dataEnd = `/${prefix}sheetData>`;
  const ahead = prefix ? xml.indexOf(`<${dataEnd}`, dataStart) : -1;
  const stop = ahead < 0 ? xml.length : ahead;
  let row = -1;
  let col = -1;
  let lastRef: string | undefined;
  // While every cell carries its address, positions need not be parsed.
  let positioned = true;
  let p = xml.indexOf(open, dataStart + 1);
  while (p >= 0 && p < stop) {
    const nameAt = p + open.length;
    const tagEnd = xml.indexOf('>', nameAt);
    if (tagEnd < 0) break;
    const c0 = xml.charCodeAt(nameAt);
    if (xml.charCodeAt(p + 1) === 47 && xml.startsWith(dataEnd, p + 1)) break;
    const c1 = xml.charCodeAt(nameAt + 1);
    const selfClosing = xml.charCodeAt(tagEnd - 1) === 47;
    if (
      c0 === 114 &&
      xml.startsWith('row', nameAt) &&
      (xml.charCodeAt(nameAt + 3) === 32 || xml.charCodeAt(nameAt + 3) === 62)
    ) {
      const r = attr(xml.slice(nameAt + 3, tagEnd), 'r');
      row = r !== undefined && /^\d+$/.test(r) ? Number(r) - 1 : row + 1;
      col = -1;
      lastRef = undefined;
      if (row > maxRow) break;
      p = xml.indexOf(open, tagEnd + 1);
      continue;
    }
    if (c0 !== 99 || (c1 !== 32 && c1 !== 62 && c1 !== 47)) {
      p = xml.indexOf(open, tagEnd + 1);
      continue;
    }
    const attrText = xml.slice(nameAt + 1, selfClosing ? tagEnd - 1 : tagEnd);
    const r = attr(attrText, 'r');
    let ref: string;
    if (r !== undefined && positioned) {
      ref = r; // the usual case: every cell says where it is
    } else {
      const pos = r === undefined ? undefined : cellPosition(r);
      if (pos) {
        ref = r!;
        [row, col] = pos;
      } else {
        // A cell without an address follows the previous one.
        if (lastRef !== undefined) [row, col] = cellPosition(lastRef) ?? [row, col];
        col += 1;
        ref = `${colName(col)}${row + 1}`;
        positioned = false;
      }
    }
    lastRef = ref;
    let inner = '';
    let next = tagEnd + 1;
    let end = tagEnd + 1;
    if (!selfClosing) {
      end = xml.indexOf(closeCell, tagEnd);
      if (end < 0) break;
      inner = xml.slice(tagEnd + 1, end);
      next = end + closeCell.length;
    }
    if (row <= maxRow && (!wanted || wanted.has(ref))) {
      const from = tagEnd + 1;
      const to = end;
      const formula = inner.length > 0 && /<(?:\w+:)?f[\s>/]/.test(inner);
      const cell: CellRead = {
        value: cellValue(attr(attrText, 't'), inner, sst, () => part.text(from, to)),
        formula,
      };
      if (formula && withFormulas) {
        const f = /<(?:\w+:)?f(?:\s[^<>]*)?>([^<]*)<\/(?:\w+:)?f>/.exec(part.text(from, to));
        if (f) cell.formulaText = decodeText(f[1]);
      }
      out.set(ref, cell);
    }
    p = xml.indexOf(open, next);
  }
  return out;
}

/**
 * Why a part is not well-formed XML, or undefined when it is: every tag closed, closing tags matching
 * their openings, no "<" inside a tag, one root element. Not a full XML parser (names and entities are
 * not validated): it catches what damage and hand edits leave. Linear and cheap beside inflating: a
 * tag's end is taken as its first ">" (native indexOf, no per-character loop); only when that finds a
 * problem is the part checked again with quotes honoured, since an attribute value may hold ">".
 */
export function xmlProblem(s: string): string | undefined {
  return tagProblem(s, false) && tagProblem(s, true);
}

/** XML white space, and the other characters String.prototype.trim removes from a latin1 view. */
const isBlank = (ch: number) => ch === 32 || (ch >= 9 && ch <= 13) || ch === 0xa0;

/**
 * The open elements are kept as positions of their names in `s` (no substrings): a form's parts hold
 * thousands of tags, and this runs for every part a reader inflates.
 */
const openAt: number[] = [];
const openLength: number[] = [];

function tagProblem(s: string, quoted: boolean): string | undefined {
  let depth = 0;
  let roots = 0;
  let p = s.indexOf('<');
  while (p >= 0) {
    const c = s.charCodeAt(p + 1);
    if (c === 63 /* ? */ || c === 33 /* ! */) {
      const after = declarationEnd(s, p, c);
      if (typeof after === 'string') return after;
      p = after;
      continue;
    }
    const end = quoted ? quotedEnd(s, p) : s.indexOf('>', p + 1);
    const next = s.indexOf('<', p + 1);
    if (end < 0 || (next >= 0 && next < end)) return `tag at byte ${p} is not closed`;
    if (c === 47 /* / */) {
      let a = p + 2;
      let b = end;
      while (a < b && isBlank(s.charCodeAt(a))) a++;
      while (b > a && isBlank(s.charCodeAt(b - 1))) b--;
      if (depth === 0) return `</${s.slice(a, b)}> without an opening tag`;
      depth--;
      if (!sameName(s, openAt[depth], openLength[depth], a, b - a))
        return `<${s.slice(openAt[depth], openAt[depth] + openLength[depth])}> closed by </${s.slice(a, b)}>`;
    } else {
      let q = p + 1;
      for (
        let ch = c;
        q < end && ch !== 32 && ch !== 47 && ch !== 9 && ch !== 10 && ch !== 13;
        ch = s.charCodeAt(++q)
      );
      if (q === p + 1) return `empty tag at byte ${p}`;
      if (!depth && ++roots > 1) return 'more than one root element';
      if (s.charCodeAt(end - 1) !== 47) {
        openAt[depth] = p + 1;
        openLength[depth] = q - p - 1;
        depth++;
      }
    }
    p = next;
  }
  if (depth)
    return `<${s.slice(openAt[depth - 1], openAt[depth - 1] + openLength[depth - 1])}> is never closed`;
  return roots ? undefined : 'no XML content';
}

function sameName(s: string, a: number, aLength: number, b: number, bLength: number): boolean {
  if (aLength !== bLength) return false;
  for (let i = 0; i < aLength; i++) if (s.charCodeAt(a + i) !== s.charCodeAt(b + i)) return false;
  return true;
}

/**
 * The position of the next "<" after a declaration, comment, CDATA section or processing instruction
 * at `p` (-1 when none follows), or why it is not well-formed.
 */
function declarationEnd(s: string, p: number, c: number): number | string {
  const [open, close] =
    c === 63
      ? ['<?', '?>']
      : s.startsWith('<!--', p)
        ? ['<!--', '-->']
        : s.startsWith('<![CDATA[', p)
          ? ['<![CDATA[', ']]>']
          : ['<!', '>'];
  // A DOCTYPE's internal subset ends with "]>"; its declarations hold ">" of their own.
  const bracket = open === '<!' ? s.indexOf('[', p) : -1;
  const subset = bracket >= 0 && bracket < s.indexOf('>', p);
  const end = s.indexOf(subset ? ']>' : close, p + open.length);
  if (end < 0) return `unterminated ${open}`;
  return s.indexOf('<', end + (subset ? 2 : close.length));
}

/** The tag's end: its first ">" outside quoted attribute values; -1 when there is none. */
function quotedEnd(s: string, p: number): number {
  for (let q = p + 1; q < s.length; q++) {
    const ch = s.charCodeAt(q);
    if (ch === 62) return q;
    if (ch === 60) return -1;
    if (ch === 34 || ch === 39) {
      const close = s.indexOf(s[q], q + 1);
      if (close < 0) return -1;
      q = close;
    }
  }
  return -1;
}
