/**
 * A bounded zip reader for submitted .xlsx files: it reads the central directory itself, refuses an
 * archive whose declared uncompressed size exceeds the limits below before inflating anything, and
 * inflates only the parts asked for, in chunks, stopping as soon as a part outgrows its declared size
 * (a zip bomb that lies about its sizes costs at most one chunk's worth of work). Inflating is fflate's.
 * Every failure is a ZipError carrying a bilingual reason; nothing else is thrown for bad input.
 */
import { Inflate, inflateSync } from 'fflate';
import { msg, type Message } from '../i18n';

/** Limits (docs/forms.md). A real form is well under 1 MB uncompressed. */
export const ZIP_LIMITS = {
  /** Sum of the declared uncompressed sizes of all entries. */
  totalUncompressed: 256 * 1024 * 1024,
  /** Declared uncompressed size of one part that is inflated. */
  partUncompressed: 64 * 1024 * 1024,
  /** Entries in the central directory. */
  entries: 20000,
};

export class ZipError extends Error {
  constructor(readonly reason: Message) {
    super(reason.en);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 2 ** 32;

const utf8 = new TextDecoder('utf-8');
const mb = (n: number) => Math.ceil(n / (1024 * 1024));
const damaged = (detail: string) => new ZipError(msg('xlsxDamaged', { detail }));

function startsWith(b: Uint8Array, sig: number[]): boolean {
  return sig.every((x, i) => b[i] === x);
}

/** The entries of the archive's central directory, by name. */
export function listZip(bytes: Uint8Array): Map<string, ZipEntry> {
  if (bytes.length < 22) throw new ZipError(startsWith(bytes, [0x50, 0x4b]) ? msg('xlsxTruncated') : msg('xlsxNotZip'));
  // An OLE compound file: an .xls workbook, or an .xlsx encrypted with a password to open.
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) throw new ZipError(msg('xlsxLegacyOrEncrypted'));
  let eocd = -1;
  for (let e = bytes.length - 22, stop = Math.max(0, bytes.length - 22 - 65535); e >= stop; e--)
    if (bytes[e] === 0x50 && bytes[e + 1] === 0x4b && bytes[e + 2] === 0x05 && bytes[e + 3] === 0x06) {
      eocd = e;
      break;
    }
  if (eocd < 0) throw new ZipError(startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) ? msg('xlsxTruncated') : msg('xlsxNotZip'));
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== 0x07064b50) throw damaged('zip64 locator missing');
    const z = u64(bytes, loc + 8);
    if (z + 56 > bytes.length || u32(bytes, z) !== 0x06064b50) throw damaged('zip64 directory missing');
    count = u64(bytes, z + 32);
    cdSize = u64(bytes, z + 40);
    cdOffset = u64(bytes, z + 48);
  }
  if (count > ZIP_LIMITS.entries) throw damaged(`${count} entries`);
  if (cdOffset + cdSize > bytes.length) throw new ZipError(msg('xlsxTruncated'));
  const entries = new Map<string, ZipEntry>();
  let total = 0;
  for (let i = 0, o = cdOffset; i < count; i++) {
    if (o + 46 > bytes.length || u32(bytes, o) !== 0x02014b50) throw damaged('central directory');
    const flags = u16(bytes, o + 8);
    const method = u16(bytes, o + 10);
    let compressedSize = u32(bytes, o + 20);
    let size = u32(bytes, o + 24);
    const nameLength = u16(bytes, o + 28);
    const extraLength = u16(bytes, o + 30);
    const commentLength = u16(bytes, o + 32);
    let localOffset = u32(bytes, o + 42);
    if (o + 46 + nameLength + extraLength > bytes.length) throw damaged('central directory');
    const name = utf8.decode(bytes.subarray(o + 46, o + 46 + nameLength));
    // zip64 extra field: the 0xFFFFFFFF fields follow in the order size, compressed size, offset.
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      for (let x = o + 46 + nameLength, end = x + extraLength; x + 4 <= end; ) {
        const id = u16(bytes, x);
        const len = u16(bytes, x + 2);
        if (id === 1) {
          let p = x + 4;
          if (size === 0xffffffff) (size = u64(bytes, p)), (p += 8);
          if (compressedSize === 0xffffffff) (compressedSize = u64(bytes, p)), (p += 8);
          if (localOffset === 0xffffffff) localOffset = u64(bytes, p);
          break;
        }
        x += 4 + len;
      }
    }
    total += size;
    if (total > ZIP_LIMITS.totalUncompressed)
      throw new ZipError(msg('xlsxTooLarge', { size: `≥ ${mb(total)}`, limit: mb(ZIP_LIMITS.totalUncompressed) }));
    entries.set(name, { name, method, flags, compressedSize, size, localOffset });
    o += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const CHUNK = 16 * 1024;
/** Parts compressed to at most this are inflated in one call (fast); larger ones in checked chunks. */
const ONE_SHOT_COMPRESSED = 256 * 1024;

/** The uncompressed bytes of one entry, never more than its declared size. */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  if (entry.flags & 1) throw new ZipError(msg('xlsxEncryptedPart'));
  if (entry.size > ZIP_LIMITS.partUncompressed)
    throw new ZipError(msg('xlsxTooLarge', { size: mb(entry.size), limit: mb(ZIP_LIMITS.partUncompressed) }));
  const o = entry.localOffset;
  if (o + 30 > bytes.length || u32(bytes, o) !== 0x04034b50) throw damaged(`${entry.name}: local header`);
  const start = o + 30 + u16(bytes, o + 26) + u16(bytes, o + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError(msg('xlsxTruncated'));
  const data = bytes.subarray(start, end);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw damaged(`${entry.name}: sizes`);
    return data;
  }
  if (entry.method !== 8) throw damaged(`${entry.name}: compression method ${entry.method}`);
  if (entry.compressedSize <= ONE_SHOT_COMPRESSED) {
    // Deflate expands at most ~1032×, so this costs at most ~256 MB of work even if the declared size
    // lies; the one spare byte tells whether the data ran past its declared size.
    let out: Uint8Array;
    try {
      out = inflateSync(data, { out: new Uint8Array(entry.size + 1) });
    } catch (e) {
      throw damaged(`${entry.name}: ${(e as Error).message}`);
    }
    if (out.length > entry.size) throw damaged(`${entry.name} inflates beyond its declared size`);
    if (out.length !== entry.size) throw damaged(`${entry.name}: ${out.length} of ${entry.size} bytes`);
    return out;
  }
  const out = new Uint8Array(entry.size);
  let written = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > out.length) overflow = true;
    else out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let p = 0; p < data.length && !overflow; p += CHUNK) inflater.push(data.subarray(p, Math.min(p + CHUNK, data.length)), p + CHUNK >= data.length);
  } catch (e) {
    throw damaged(`${entry.name}: ${(e as Error).message}`);
  }
  if (overflow) throw damaged(`${entry.name} inflates beyond its declared size`);
  if (written !== entry.size) throw damaged(`${entry.name}: ${written} of ${entry.size} bytes`);
  return out;
}
