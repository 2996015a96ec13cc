/**
 * Byte- and XML-level tools that the hostile corpus (corpus.ts) and the fuzzer (test/fuzz) build their
 * files with: editing the parts of a zip, a plain zip writer that writes whatever sizes it is told
 * (forged zip bombs), deflated runs of zeros, OLE compound files (.xls and password-encrypted .xlsx),
 * and inserting rows into a form sheet the way Excel does (every reference below the insertion moves).
 * Nothing here is a committed binary: every file is built when the tests run.
 */
import { createDeflateRaw } from 'node:zlib';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { crc32 } from '../../src/xlsx/zip';
import { concatBytes as concat } from '../../src/xlsx/zip-write';

export type Parts = Record<string, Uint8Array>;

/** Unzip, edit the parts, zip again (fflate, deflate level 6). */
export function editZip(bytes: Uint8Array, edit: (parts: Parts) => void): Uint8Array {
  const parts = unzipSync(bytes);
  edit(parts);
  return zipSync(parts);
}

/** Edit one XML part as text. */
export function editPart(bytes: Uint8Array, part: string, edit: (xml: string) => string): Uint8Array {
  return editZip(bytes, (parts) => {
    if (!parts[part]) throw new Error(`no part ${part}`);
    parts[part] = strToU8(edit(strFromU8(parts[part])));
  });
}

export const partText = (bytes: Uint8Array, part: string): string =>
  strFromU8(unzipSync(bytes, { filter: (f) => f.name === part })[part]);

/**
 * Raw DEFLATE data of `size` zero bytes (then `tail`), by Node's zlib (native: hundreds of MiB in about
 * a second, where fflate took several), fed 1 MiB at a time so the zeros are never held at once.
 */
export async function deflatedZeros(size: number, tail?: Uint8Array): Promise<Uint8Array> {
  const deflate = createDeflateRaw({ level: 6 });
  const out: Uint8Array[] = [];
  deflate.on('data', (c: Uint8Array) => out.push(c));
  const ended = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  const chunk = new Uint8Array(1 << 20);
  for (let left = size; left > 0; left -= chunk.length)
    if (!deflate.write(left >= chunk.length ? chunk : chunk.subarray(0, left)))
      await new Promise((resolve) => deflate.once('drain', resolve));
  deflate.end(tail);
  await ended;
  return concat(out);
}

/** The chunks joined (the zip writer's own join). */
export { concat };

export interface RawEntry {
  name: string;
  /** The bytes stored in the archive (already deflated when method is 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** The uncompressed size written into both headers: the truth, or a lie. */
  declaredSize: number;
  flags?: number;
  /** CRC-32 of the uncompressed bytes: computed for stored entries; 0 for deflated ones unless given. */
  crc?: number;
}

/**
 * A zip archive written byte by byte, with the sizes it is told. Deflated entries carry the CRC they
 * are given (none for the bombs: the reader must stop them before it could check one).
 */
export function writeZip(entries: RawEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, e.flags ?? 0, true);
    lv.setUint16(8, e.method, true);
    const crc = e.crc ?? (e.method === 0 ? crc32(e.data) : 0);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.declaredSize >>> 0, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, e.flags ?? 0, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.declaredSize >>> 0, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    chunks.push(local, e.data);
    central.push(cd);
    offset += local.length + e.data.length;
  }
  const cdBytes = concat(central);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, Math.min(entries.length, 0xffff), true);
  ev.setUint16(10, Math.min(entries.length, 0xffff), true);
  ev.setUint32(12, cdBytes.length, true);
  ev.setUint32(16, offset, true);
  return concat([...chunks, cdBytes, eocd]);
}

/** The parts of an .xlsx as stored entries (method 0), to be mixed with forged ones in writeZip. */
export function storedEntries(parts: Parts, skip: (name: string) => boolean = () => false): RawEntry[] {
  return Object.entries(parts)
    .filter(([name, data]) => !skip(name) && !(name.endsWith('/') && data.length === 0))
    .map(([name, data]) => ({ name, data, method: 0 as const, declaredSize: data.length }));
}

/** Overwrite fields of the central-directory record of `name` (and its local header) in place. */
export function forgeEntry(
  zip: Uint8Array,
  name: string,
  fields: { size?: number; flags?: number; method?: number },
): Uint8Array {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  const wanted = strToU8(name);
  let found = false;
  for (let o = 0; o + 46 <= out.length; o++) {
    if (v.getUint32(o, true) !== 0x02014b50) continue;
    const len = v.getUint16(o + 28, true);
    if (len !== wanted.length || !wanted.every((b, i) => out[o + 46 + i] === b)) continue;
    const local = v.getUint32(o + 42, true);
    if (fields.size !== undefined) {
      v.setUint32(o + 24, fields.size >>> 0, true);
      v.setUint32(local + 22, fields.size >>> 0, true);
    }
    if (fields.flags !== undefined) {
      v.setUint16(o + 8, fields.flags, true);
      v.setUint16(local + 6, fields.flags, true);
    }
    if (fields.method !== undefined) {
      v.setUint16(o + 10, fields.method, true);
      v.setUint16(local + 8, fields.method, true);
    }
    found = true;
  }
  if (!found) throw new Error(`no central directory record for ${name}`);
  return out;
}

/**
 * A minimal, well-formed OLE compound file (version 3, 512-byte sectors): header, one FAT sector, one
 * directory sector, then each stream in whole sectors (streams are padded to 4096 bytes so that none
 * lives in the mini stream). Enough for any compound-file reader to list the streams.
 */
export function compoundFile(streams: { name: string; data: Uint8Array }[]): Uint8Array {
  const SECTOR = 512;
  const ENDOFCHAIN = 0xfffffffe;
  const FREESECT = 0xffffffff;
  const NOSTREAM = 0xffffffff;
  if (streams.length > 3) throw new Error('one directory sector holds 4 entries');
  const padded = streams.map((s) => {
    const size = Math.max(4096, Math.ceil(s.data.length / SECTOR) * SECTOR);
    const data = new Uint8Array(size);
    data.set(s.data);
    return { name: s.name, data, size: s.data.length < 4096 ? 4096 : s.data.length };
  });
  const sectors = 2 + padded.reduce((n, s) => n + s.data.length / SECTOR, 0);
  if (sectors > 128) throw new Error('one FAT sector maps 128 sectors');
  const file = new Uint8Array(SECTOR * (1 + sectors));
  const v = new DataView(file.buffer);
  file.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  v.setUint16(0x18, 0x003e, true);
  v.setUint16(0x1a, 0x0003, true);
  v.setUint16(0x1c, 0xfffe, true);
  v.setUint16(0x1e, 9, true);
  v.setUint16(0x20, 6, true);
  v.setUint32(0x2c, 1, true); // FAT sectors
  v.setUint32(0x30, 1, true); // first directory sector
  v.setUint32(0x38, 4096, true); // mini stream cutoff
  v.setUint32(0x3c, ENDOFCHAIN, true);
  v.setUint32(0x44, ENDOFCHAIN, true);
  for (let i = 0; i < 109; i++) v.setUint32(0x4c + 4 * i, i === 0 ? 0 : FREESECT, true);
  const sectorAt = (n: number) => SECTOR * (1 + n);
  const fat = new Array<number>(128).fill(FREESECT);
  fat[0] = 0xfffffffd; // FATSECT
  fat[1] = ENDOFCHAIN; // the directory
  let next = 2;
  const starts: number[] = [];
  for (const s of padded) {
    const n = s.data.length / SECTOR;
    starts.push(next);
    for (let i = 0; i < n; i++) fat[next + i] = i === n - 1 ? ENDOFCHAIN : next + i + 1;
    file.set(s.data, sectorAt(next));
    next += n;
  }
  fat.forEach((x, i) => v.setUint32(sectorAt(0) + 4 * i, x, true));
  const entry = (
    i: number,
    name: string,
    type: number,
    left: number,
    right: number,
    child: number,
    start: number,
    size: number,
  ) => {
    const o = sectorAt(1) + 128 * i;
    for (let k = 0; k < name.length; k++) v.setUint16(o + 2 * k, name.charCodeAt(k), true);
    v.setUint16(o + 64, name ? 2 * (name.length + 1) : 0, true);
    file[o + 66] = type;
    file[o + 67] = 1; // black
    v.setUint32(o + 68, left, true);
    v.setUint32(o + 72, right, true);
    v.setUint32(o + 76, child, true);
    v.setUint32(o + 116, start, true);
    v.setUint32(o + 120, size, true);
  };
  // Root entry; the streams as a chain of right siblings (a valid, if unbalanced, red-black tree).
  entry(0, 'Root Entry', 5, NOSTREAM, NOSTREAM, padded.length ? 1 : NOSTREAM, ENDOFCHAIN, 0);
  padded.forEach((s, i) =>
    entry(i + 1, s.name, 2, NOSTREAM, i + 1 < padded.length ? i + 2 : NOSTREAM, NOSTREAM, starts[i], s.size),
  );
  for (let i = padded.length + 1; i < 4; i++) entry(i, '', 0, NOSTREAM, NOSTREAM, NOSTREAM, 0, 0);
  return file;
}

/** What Excel writes when a workbook is saved with a password to open (agile encryption), in outline. */
export function encryptedWorkbook(randomBytes: (n: number) => Uint8Array): Uint8Array {
  const info = strToU8(
    '\x04\x00\x04\x00\x40\x00\x00\x00<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>',
  );
  const pkg = new Uint8Array(8 + 8192);
  new DataView(pkg.buffer).setUint32(0, 8000, true); // the size of the (encrypted) package
  pkg.set(randomBytes(8192), 8);
  return compoundFile([
    { name: 'EncryptionInfo', data: info },
    { name: 'EncryptedPackage', data: pkg },
  ]);
}

/** An Excel 97–2003 workbook in outline: a Workbook stream starting with a BIFF8 BOF record. */
export function legacyXls(): Uint8Array {
  const bof = new Uint8Array([
    0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0xbb, 0x0d, 0xcc, 0x07, 0, 0, 0, 0, 0x06, 0x04, 0, 0,
  ]);
  return compoundFile([{ name: 'Workbook', data: bof }]);
}

// ——— Inserting rows as Excel does ———

const colNumber = (letters: string) =>
  [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** A1 references in a formula (outside string literals): rows ≥ `from` move down by `count`. */
export function shiftFormula(formula: string, from: number, count: number): string {
  return formula
    .split('"')
    .map((seg, i) =>
      i % 2 === 1
        ? seg
        : seg
            // whole rows ($12:$13), as in print titles
            .replace(
              /(^|[^A-Za-z0-9_.$])(\$?)(\d+):(\$?)(\d+)(?![\d(])/g,
              (all, pre: string, d1: string, r1: string, d2: string, r2: string) =>
                `${pre}${d1}${Number(r1) >= from ? Number(r1) + count : r1}:${d2}${Number(r2) >= from ? Number(r2) + count : r2}`,
            )
            .replace(
              /(^|[^A-Za-z0-9_.])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(])/g,
              (all, pre: string, d1: string, col: string, d2: string, row: string) =>
                colNumber(col) > 16384
                  ? all
                  : `${pre}${d1}${col}${d2}${Number(row) >= from ? Number(row) + count : row}`,
            ),
    )
    .join('"');
}

/** A space-separated list of cells and ranges (sqref), or one range (ref). */
const shiftRefs = (refs: string, from: number, count: number) => shiftFormula(refs, from, count);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Insert `count` rows before row `before` (1-based) of the sheet `sheetName`, as Excel does: cells,
 * rows, formulas, merged cells, data validations, conditional formats, the frozen pane, defined names
 * and formulas of other sheets that point into it all move down. The metadata sheet's recorded
 * `name:` addresses are plain text, so, as in Excel, they do not move. The new rows hold a note.
 */
export function insertRows(bytes: Uint8Array, sheetName: string, before: number, count: number): Uint8Array {
  return editZip(bytes, (parts) => {
    const wb = strFromU8(parts['xl/workbook.xml']);
    const rels = strFromU8(parts['xl/_rels/workbook.xml.rels']);
    const sheetTag = new RegExp(`<sheet [^>]*name="${escapeRe(sheetName)}"[^>]*/>`).exec(wb)?.[0];
    const rid = sheetTag && /r:id="([^"]+)"/.exec(sheetTag)?.[1];
    const target =
      rid && new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels);
    if (!target) throw new Error(`no sheet ${sheetName}`);
    const path = `xl/${(target[1] ?? target[2]).replace(/^\/?xl\//, '')}`;
    const quoted = `&apos;${sheetName.replace(/'/g, '&apos;&apos;')}&apos;!`;
    const shiftQualified = (text: string) =>
      text
        .split(quoted)
        .map((seg, i) => (i === 0 ? seg : shiftFormula(seg, before, count)))
        .join(quoted);
    parts['xl/workbook.xml'] = strToU8(
      wb.replace(
        /(<definedName\b[^>]*>)([^<]*)(<\/definedName>)/g,
        (_, open: string, ref: string, close: string) => open + shiftQualified(ref) + close,
      ),
    );

    let sheet = strFromU8(parts[path]);
    const shiftElementText = (tag: string) => {
      sheet = sheet.replace(
        new RegExp(`(<${tag}\\b[^>]*>)([^<]*)(</${tag}>)`, 'g'),
        (_, open: string, f: string, close: string) => open + shiftFormula(f, before, count) + close,
      );
    };
    for (const tag of ['f', 'formula', 'formula1', 'formula2']) shiftElementText(tag);
    sheet = sheet.replace(
      /\b(ref|sqref|topLeftCell|activeCell)="([^"]*)"/g,
      (_, a: string, v: string) => `${a}="${shiftRefs(v, before, count)}"`,
    );
    sheet = sheet.replace(/<row r="(\d+)"/g, (all, r: string) =>
      Number(r) >= before ? `<row r="${Number(r) + count}"` : all,
    );
    sheet = sheet.replace(/<c r="([A-Z]{1,3})(\d+)"/g, (all, c: string, r: string) =>
      Number(r) >= before ? `<c r="${c}${Number(r) + count}"` : all,
    );
    sheet = sheet.replace(/ySplit="(\d+)"/, (all, y: string) =>
      Number(y) >= before ? `ySplit="${Number(y) + count}"` : all,
    );
    // The inserted rows, with a note in column A, in row order.
    const added = Array.from(
      { length: count },
      (_, i) =>
        `<row r="${before + i}"><c r="A${before + i}" t="inlineStr"><is><t>Dòng chèn thêm ${i + 1}</t></is></c></row>`,
    ).join('');
    const firstAfter = new RegExp(`<row r="(\\d+)"`, 'g');
    let at = -1;
    for (let m = firstAfter.exec(sheet); m; m = firstAfter.exec(sheet))
      if (Number(m[1]) >= before + count) {
        at = m.index;
        break;
      }
    sheet =
      at >= 0
        ? sheet.slice(0, at) + added + sheet.slice(at)
        : sheet.replace('</sheetData>', `${added}</sheetData>`);
    parts[path] = strToU8(sheet);

    // Formulas on other sheets that point into the sheet (the metadata sheet's link formula).
    const plain = `'${sheetName.replace(/'/g, "''")}'!`;
    for (const [name, data] of Object.entries(parts)) {
      if (name === path || !/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
      const xml = strFromU8(data);
      if (!xml.includes(plain) && !xml.includes(quoted)) continue;
      parts[name] = strToU8(
        xml.replace(/(<f\b[^>]*>)([^<]*)(<\/f>)/g, (_, open: string, f: string, close: string) => {
          const sep = f.includes(quoted) ? quoted : plain;
          return (
            open +
            f
              .split(sep)
              .map((seg, i) => (i === 0 ? seg : shiftFormula(seg, before, count)))
              .join(sep) +
            close
          );
        }),
      );
    }
  });
}
