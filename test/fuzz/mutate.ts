/**
 * Mutations of valid forms for the fuzzer: edits at the XML level (cell values and types, formulas
 * removed, odd characters, huge strings, broken references, damaged names and metadata, parts cut
 * short) and at the byte level (flips, cuts, overwrites and insertions anywhere in the zip). Each
 * mutation is described in words so that a failing case can be reproduced from its seed and label.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Rng } from '../form/random-entries';

export interface Mutant {
  bytes: Uint8Array;
  /** What was done, e.g. "xml: xl/worksheets/sheet1.xml cell value → '1e999'". */
  label: string;
  level: 'xml' | 'bytes';
}

const ODD_TEXTS = [
  '',
  ' ',
  '-0',
  '1e999',
  '-1e308',
  '1e-320',
  'NaN',
  'Infinity',
  '0x1F',
  '٣',
  '２,５',
  '2,5',
  '85%',
  '1.234.567,89',
  '=SUM(A1:A3)',
  '+1',
  '@x',
  '&amp;&lt;&#0;&#x110000;&#xD800;',
  '&unknown;',
  '&',
  '_x0000__xFFFF__x001F_',
  '\u0000\u0001\u0008\u000b',
  '\uFEFF\u200B\u202E',
  'Có',
  'Co\u0301',
  'KHÔNG',
  '😀🇻🇳',
  '<![CDATA[x]]>',
  ']]>',
  '"\'<>',
  '#DIV/0!',
  '#REF!',
  'TRUE',
  '0',
  '1',
  '999999999999999999999',
];

const CELL_TYPES = ['s', 'n', 'b', 'e', 'str', 'inlineStr', 'd', 'x', ''];

function pick<T>(r: Rng, xs: readonly T[]): T {
  return xs[r.int(0, xs.length - 1)];
}

const xmlEscape = (s: string) => s.replace(/&(?![a-zA-Z#][\w#]*;)/g, '&amp;').replace(/</g, '&lt;');

function oddText(r: Rng): string {
  if (r.chance(0.08)) return 'Lý do chưa đạt '.repeat(r.int(5_000, 120_000)); // 75 KB – 1.8 MB
  if (r.chance(0.3)) return String(r.chance(0.5) ? r.int(-1e6, 1e6) : (r.next() - 0.5) * 10 ** r.int(-5, 12));
  const raw = pick(r, ODD_TEXTS);
  // Half the time as the XML would hold it after escaping, half the time raw (possibly malformed).
  return r.chance(0.5) ? xmlEscape(raw) : raw;
}

/** The positions of every match of `re` in `xml`. */
function matches(xml: string, re: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (let m = g.exec(xml); m; m = g.exec(xml)) {
    out.push(m);
    if (m[0].length === 0) g.lastIndex++;
  }
  return out;
}

function replaceAt(xml: string, m: RegExpExecArray, text: string): string {
  return xml.slice(0, m.index) + text + xml.slice(m.index + m[0].length);
}

type XmlEdit = (xml: string, r: Rng) => [string, string] | undefined;

const cellEdits: XmlEdit[] = [
  // a cell's value
  (xml, r) => {
    const ms = matches(xml, /<v>([^<]*)<\/v>/);
    if (!ms.length) return undefined;
    const text = oddText(r);
    return [
      replaceAt(xml, pick(r, ms), `<v>${text}</v>`),
      `cell value → ${JSON.stringify(text.slice(0, 40))}${text.length > 40 ? `… (${text.length} chars)` : ''}`,
    ];
  },
  // a cell's type
  (xml, r) => {
    const ms = matches(xml, /<c r="[A-Z]+\d+"[^>]*?>/);
    if (!ms.length) return undefined;
    const m = pick(r, ms);
    const type = pick(r, CELL_TYPES);
    const tag = m[0]
      .replace(/\s+t="[^"]*"/, '')
      .replace(/>$/, type ? ` t="${type}">` : '>')
      .replace('/ t=', ' t=')
      .replace(/\/ t="([^"]*)">$/, ` t="$1"/>`);
    return [replaceAt(xml, m, tag), `cell type → "${type}"`];
  },
  // a formula removed (the cached value kept or not)
  (xml, r) => {
    const ms = matches(xml, /<f\b[^>]*>[^<]*<\/f>|<f\b[^>]*\/>/);
    if (!ms.length) return undefined;
    const m = pick(r, ms);
    return [replaceAt(xml, m, r.chance(0.5) ? '' : `<v>${oddText(r)}</v>`), 'formula removed'];
  },
  // a typed constant as an inline string where a formula was
  (xml, r) => {
    const ms = matches(
      xml,
      /<c r="([A-Z]+\d+)"[^>]*>(?:<f\b[^>]*>[^<]*<\/f>|<f\b[^>]*\/>)(?:<v>[^<]*<\/v>)?<\/c>/,
    );
    if (!ms.length) return undefined;
    const m = pick(r, ms);
    const text = oddText(r);
    return [
      replaceAt(xml, m, `<c r="${m[1]}" t="inlineStr"><is><t>${text}</t></is></c>`),
      `formula cell ${m[1]} → inline text ${JSON.stringify(text.slice(0, 30))}`,
    ];
  },
  // a cell's address broken
  (xml, r) => {
    const ms = matches(xml, /<c r="[A-Z]+\d+"/);
    if (!ms.length) return undefined;
    const ref = pick(r, ['', 'E0', 'ZZZZ1', 'A99999999', 'e12', '12E', 'A-1', 'XFE1']);
    return [replaceAt(xml, pick(r, ms), r.chance(0.3) ? '<c' : `<c r="${ref}"`), `cell address → "${ref}"`];
  },
  // a row's number broken
  (xml, r) => {
    const ms = matches(xml, /<row r="\d+"/);
    if (!ms.length) return undefined;
    const row = pick(r, ['0', '-1', '', 'x', '1048577', '3']);
    return [replaceAt(xml, pick(r, ms), `<row r="${row}"`), `row number → "${row}"`];
  },
  // an element deleted or duplicated
  (xml, r) => {
    const ms = matches(xml, /<(c|row|si|definedName|sheet|Relationship)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/);
    if (!ms.length) return undefined;
    const m = pick(r, ms);
    const dup = r.chance(0.4);
    return [replaceAt(xml, m, dup ? m[0] + m[0] : ''), `<${m[1]}> ${dup ? 'duplicated' : 'deleted'}`];
  },
  // odd characters inserted into text
  (xml, r) => {
    const ms = matches(xml, /<t(?:\s[^>]*)?>([^<]*)<\/t>/);
    if (!ms.length) return undefined;
    const m = pick(r, ms);
    const text = oddText(r);
    return [replaceAt(xml, m, `<t>${text}</t>`), `text → ${JSON.stringify(text.slice(0, 40))}`];
  },
  // a shared-string index out of range or not an integer
  (xml, r) => {
    const ms = matches(xml, /<c r="[A-Z]+\d+"[^>]*t="s"[^>]*><v>\d+<\/v>/);
    if (!ms.length) return undefined;
    const m = pick(r, ms);
    const index = pick(r, ['-1', '999999', '1.5', '', '1e3', ' 2 ']);
    return [
      replaceAt(xml, m, m[0].replace(/<v>\d+<\/v>/, `<v>${index}</v>`)),
      `shared-string index → "${index}"`,
    ];
  },
  // a defined name pointing elsewhere
  (xml, r) => {
    const ms = matches(xml, /(<definedName\b[^>]*>)([^<]*)(<\/definedName>)/);
    if (!ms.length) return undefined;
    const m = pick(r, ms);
    const ref = pick(r, [
      '#REF!',
      "'Phụ lục I'!#REF!",
      'Sheet9!$A$1',
      "'Không có'!$E$15",
      "'Phụ lục I'!$E$0",
      "'Phụ lục I'!$E$15:$F$99",
      '$E$15',
      "'Phụ lục I'!$XFE$1",
      '=1+1',
      '',
      '&apos;_scorecard_meta&apos;!$A$1',
    ]);
    return [replaceAt(xml, m, `${m[1]}${ref}${m[3]}`), `defined name → ${JSON.stringify(ref)}`];
  },
  // an attribute's value changed
  (xml, r) => {
    const ms = matches(xml, /\b(name|state|r:id|Id|Target|Type|localSheetId|sheetId|s|ref|sqref)="[^"]*"/);
    if (!ms.length) return undefined;
    const m = pick(r, ms);
    const value = pick(r, [
      '',
      'veryHidden',
      'hidden',
      '../../../../etc/passwd',
      '/xl/worksheets/sheet1.xml',
      'rId999',
      '-1',
      '99999999999',
      'Phụ lục I',
      '_scorecard_meta',
      '&amp;&quot;',
    ]);
    return [replaceAt(xml, m, `${m[1]}="${value}"`), `attribute ${m[1]} → "${value}"`];
  },
  // the part cut short
  (xml, r) => {
    const at = r.int(0, xml.length);
    return [xml.slice(0, at), `part cut at ${at} of ${xml.length} chars`];
  },
];

/** Parts the reader reads; the others are mutated rarely. */
const READ_PARTS =
  /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|_rels\/\.rels|xl\/sharedStrings\.xml|xl\/worksheets\/sheet\d+\.xml|xl\/comments\d*\.xml|xl\/worksheets\/_rels\/.*)$/;

export function mutateXml(base: Uint8Array, r: Rng): Mutant {
  const parts = unzipSync(base);
  const names = Object.keys(parts).filter((n) => !n.endsWith('/'));
  const edits: string[] = [];
  for (let i = 0, n = r.int(1, 4); i < n; i++) {
    const readable = names.filter((p) => READ_PARTS.test(p));
    const part = r.chance(0.9) && readable.length ? pick(r, readable) : pick(r, names);
    const xml = strFromU8(parts[part]);
    const edit = pick(r, cellEdits)(xml, r);
    if (!edit) continue;
    parts[part] = strToU8(edit[0]);
    edits.push(`${part}: ${edit[1]}`);
  }
  return {
    bytes: zipSync(parts, { level: r.chance(0.5) ? 6 : 0 }),
    label: `xml: ${edits.join('; ') || 'no edit applied'}`,
    level: 'xml',
  };
}

export function mutateBytes(base: Uint8Array, r: Rng): Mutant {
  const b = base.slice();
  const kind = r.int(0, 4);
  switch (kind) {
    case 0: {
      const n = r.int(1, 8);
      const at: number[] = [];
      for (let i = 0; i < n; i++) {
        const p = r.int(0, b.length - 1);
        b[p] ^= 1 << r.int(0, 7);
        at.push(p);
      }
      return { bytes: b, label: `bytes: ${n} bit flips at ${at.join(', ')}`, level: 'bytes' };
    }
    case 1: {
      const len = r.int(0, b.length - 1);
      return { bytes: b.slice(0, len), label: `bytes: cut to ${len} of ${b.length}`, level: 'bytes' };
    }
    case 2: {
      const start = r.int(0, b.length - 1);
      const len = r.int(1, 64);
      for (let i = start; i < Math.min(b.length, start + len); i++) b[i] = r.int(0, 255);
      return { bytes: b, label: `bytes: ${len} random bytes at ${start}`, level: 'bytes' };
    }
    case 3: {
      const at = r.int(0, b.length);
      const ins = new Uint8Array(r.int(1, 32)).map(() => r.int(0, 255));
      const out = new Uint8Array(b.length + ins.length);
      out.set(b.subarray(0, at));
      out.set(ins, at);
      out.set(b.subarray(at), at + ins.length);
      return { bytes: out, label: `bytes: ${ins.length} bytes inserted at ${at}`, level: 'bytes' };
    }
    default: {
      // A field of a zip header: sizes, offsets, counts, flags, methods, name lengths.
      const sigs = [0x04034b50, 0x02014b50, 0x06054b50];
      const v = new DataView(b.buffer);
      const headers: number[] = [];
      for (let o = 0; o + 4 <= b.length; o++) if (sigs.includes(v.getUint32(o, true))) headers.push(o);
      const h = pick(r, headers);
      const field = h + r.int(4, 40);
      const value = pick(r, [0, 1, 0xff, 0xffff, 0xffffffff, 0x7fffffff, r.int(0, 0xffffffff)]);
      if (field + 4 <= b.length) v.setUint32(field, value >>> 0, true);
      return { bytes: b, label: `bytes: zip header at ${h}, field +${field - h} → ${value}`, level: 'bytes' };
    }
  }
}
