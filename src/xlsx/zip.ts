/**
 * A bounded zip reader for submitted .xlsx files: it reads the central directory itself, refuses an
 * archive whose declared uncompressed size exceeds the limits below before inflating anything, and
 * inflates only the parts asked for, stopping as soon as a part outgrows its declared size (a zip bomb
 * that lies about its sizes costs at most one chunk's worth of work), and checks each part's CRC-32.
 * Inflating is Node's zlib (native) where the reader runs in Node, fflate's in checked chunks elsewhere
 * (the pane). Every failure is a ZipError carrying a bilingual reason; nothing else
 * is thrown for bad input (docs/hostile-inputs.md).
 */
import type * as Fflate from 'fflate';
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
  /** CRC-32 of the uncompressed bytes, from the central directory. */
  crc: number;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) =>
  (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 2 ** 32;

const utf8 = new TextDecoder('utf-8');
const mb = (n: number) => Math.ceil(n / (1024 * 1024));
const damaged = (detail: string) => new ZipError(msg('xlsxDamaged', { detail }));

function startsWith(b: Uint8Array, sig: number[]): boolean {
  return sig.every((x, i) => b[i] === x);
}

/**
 * Why an OLE compound file cannot be read: an .xlsx encrypted with a password to open keeps the
 * workbook in the streams EncryptionInfo and EncryptedPackage; an old .xls in Workbook (or Book).
 * Directory entries are 128 bytes at 128-byte steps after the 512-byte header: a name of up to 32
 * UTF-16 units, its byte length at +64 and the entry type (1 storage, 2 stream, 5 root) at +66.
 */
function compoundFileReason(b: Uint8Array): Message {
  let legacy = false;
  for (let o = 512; o + 128 <= b.length; o += 128) {
    const length = u16(b, o + 64);
    if (length < 4 || length > 64 || length % 2 || b[o + 66] < 1 || b[o + 66] > 5) continue;
    let name = '';
    for (let i = 0; i < length - 2; i += 2) name += String.fromCharCode(u16(b, o + i));
    if (name === 'EncryptedPackage' || name === 'EncryptionInfo') return msg('xlsxEncrypted');
    if (name === 'Workbook' || name === 'Book') legacy = true;
  }
  return msg(legacy ? 'xlsxLegacy' : 'xlsxLegacyOrEncrypted');
}

/** The entries of the archive's central directory, by name. */
export function listZip(bytes: Uint8Array): Map<string, ZipEntry> {
  if (bytes.length < 22)
    throw new ZipError(startsWith(bytes, [0x50, 0x4b]) ? msg('xlsxTruncated') : msg('xlsxNotZip'));
  // An OLE compound file: an .xls workbook, or an .xlsx encrypted with a password to open.
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    throw new ZipError(compoundFileReason(bytes));
  let eocd = -1;
  for (let e = bytes.length - 22, stop = Math.max(0, bytes.length - 22 - 65535); e >= stop; e--)
    if (bytes[e] === 0x50 && bytes[e + 1] === 0x4b && bytes[e + 2] === 0x05 && bytes[e + 3] === 0x06) {
      eocd = e;
      break;
    }
  if (eocd < 0)
    throw new ZipError(
      startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) ? msg('xlsxTruncated') : msg('xlsxNotZip'),
    );
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
  if (count > ZIP_LIMITS.entries)
    throw new ZipError(msg('xlsxTooManyParts', { count, limit: ZIP_LIMITS.entries }));
  if (cdOffset + cdSize > bytes.length) throw new ZipError(msg('xlsxTruncated'));
  const entries = new Map<string, ZipEntry>();
  let total = 0;
  for (let i = 0, o = cdOffset; i < count; i++) {
    if (o + 46 > bytes.length || u32(bytes, o) !== 0x02014b50) throw damaged('central directory');
    const flags = u16(bytes, o + 8);
    const method = u16(bytes, o + 10);
    const crc = u32(bytes, o + 16);
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
      for (let x = o + 46 + nameLength, end = x + extraLength; x + 4 <= end;) {
        const id = u16(bytes, x);
        const len = u16(bytes, x + 2);
        if (id === 1) {
          let p = x + 4;
          if (size === 0xffffffff) {
            size = u64(bytes, p);
            p += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(bytes, p);
            p += 8;
          }
          if (localOffset === 0xffffffff) localOffset = u64(bytes, p);
          break;
        }
        x += 4 + len;
      }
    }
    total += size;
    if (total > ZIP_LIMITS.totalUncompressed)
      throw new ZipError(
        msg('xlsxTooLarge', { size: `≥ ${mb(total)}`, limit: mb(ZIP_LIMITS.totalUncompressed) }),
      );
    entries.set(name, { name, method, flags, compressedSize, size, localOffset, crc });
    o += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Deflate expands at most ~1032× (258-byte matches in ~2 bits). */
const MAX_RATIO = 1032;
const CHUNK = 16 * 1024;
const MIN_CHUNK = 1024;
/**
 * Parts compressed to at most this are inflated in one call (fast): a lying declared size then costs
 * at most 64 KB × 1032 ≈ 66 MB of decoding into the declared buffer, and no memory. Larger parts are
 * inflated in checked chunks.
 */
const ONE_SHOT_COMPRESSED = 64 * 1024;

// CRC-32 (IEEE), slice-by-8: ~1 GB/s, about 0.15 ms for the parts of one form.
const CRC_TABLES: Int32Array[] = [];
for (let k = 0; k < 8; k++) {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    if (k === 0) for (let j = 0; j < 8; j++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    else c = CRC_TABLES[0][CRC_TABLES[k - 1][n] & 255] ^ (CRC_TABLES[k - 1][n] >>> 8);
    t[n] = c;
  }
  CRC_TABLES.push(t);
}

type NodeZlib = {
  crc32?: (b: Uint8Array) => number;
  inflateRawSync?: (b: Uint8Array, opts: { maxOutputLength: number; chunkSize: number }) => Uint8Array;
  deflateRawSync?: (b: Uint8Array, opts: { level: number }) => Uint8Array<ArrayBuffer>;
};

/**
 * Node's zlib when the reader (or zip-write.ts) runs in Node (20.16+ for its CRC-32); looked up at run
 * time, so that the pane's bundle neither includes nor asks for node:zlib.
 */
export const nodeZlib: NodeZlib | undefined = (() => {
  const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return host?.getBuiltinModule?.('node:zlib') as NodeZlib | undefined;
})();

/** fflate where Node's zlib is not at hand (the pane); Node processes and workers never load it. */
const fflate: typeof Fflate | undefined =
  typeof nodeZlib?.inflateRawSync === 'function'
    ? undefined
    : // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only where it is used
      (require('fflate') as typeof Fflate);

/** Node's own CRC-32 (native: ~10× the speed of the tables below). */
const nativeCrc32 = typeof nodeZlib?.crc32 === 'function' ? nodeZlib.crc32 : undefined;

/** The CRC-32 a zip records for an entry's uncompressed bytes. */
export function crc32(b: Uint8Array): number {
  return nativeCrc32 ? nativeCrc32(b) >>> 0 : crc32Tables(b);
}

/** CRC-32 by the tables (the browser; Node before 20.16). */
export function crc32Tables(b: Uint8Array): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = CRC_TABLES;
  let c = -1;
  let i = 0;
  for (const n = b.length - 7; i < n; i += 8) {
    const a = (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) ^ c;
    c =
      t7[a & 255] ^
      t6[(a >>> 8) & 255] ^
      t5[(a >>> 16) & 255] ^
      t4[a >>> 24] ^
      t3[b[i + 4]] ^
      t2[b[i + 5]] ^
      t1[b[i + 6]] ^
      t0[b[i + 7]];
  }
  for (; i < b.length; i++) c = t0[(c ^ b[i]) & 255] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/**
 * The part's bytes if their CRC-32 is the one recorded: a damaged byte that still inflates to the
 * declared size (the fuzzer finds ~1 in 150 random flips does) would otherwise change an entry silently.
 */
function checked(entry: ZipEntry, data: Uint8Array): Uint8Array {
  if (crc32(data) !== entry.crc) throw damaged(`${entry.name}: checksum mismatch`);
  return data;
}

/** The uncompressed bytes of one entry, never more than its declared size, checked against its CRC-32. */
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
    return checked(entry, data);
  }
  if (entry.method !== 8) throw damaged(`${entry.name}: compression method ${entry.method}`);
  if (!fflate) return checked(entry, sized(entry, inflateNative(entry, data)));
  const whole =
    entry.compressedSize <= ONE_SHOT_COMPRESSED ? inflateOneShot(data, entry.size + 1) : undefined;
  return checked(entry, whole ? sized(entry, whole) : inflateInChunks(entry, data));
}

/** The inflated bytes of an entry if they are its declared size. */
function sized(entry: ZipEntry, out: Uint8Array): Uint8Array {
  if (out.length > entry.size) throw damaged(`${entry.name} inflates beyond its declared size`);
  if (out.length !== entry.size) throw damaged(`${entry.name}: ${out.length} of ${entry.size} bytes`);
  return out;
}

/** fflate's streaming inflate, stopped as soon as the output passes the entry's declared size. */
function inflateInChunks(entry: ZipEntry, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(entry.size);
  let written = 0;
  let overflow = false;
  const inflater = new fflate!.Inflate((chunk) => {
    if (written + chunk.length > out.length) overflow = true;
    else out.set(chunk, written);
    written += chunk.length;
  });
  try {
    // A chunk never holds more than could inflate to what is left of the declared size (at least 1 KB):
    // a part that lies about its size is stopped within ~1 MB of output, not 16 KB × 1032 = 16 MB.
    for (let p = 0; p < data.length && !overflow;) {
      const step = Math.min(CHUNK, Math.max(MIN_CHUNK, Math.ceil((out.length - written) / MAX_RATIO)));
      const end = Math.min(p + step, data.length);
      inflater.push(data.subarray(p, end), end === data.length);
      p = end;
    }
  } catch (e) {
    throw damaged(`${entry.name}: ${(e as Error).message}`);
  }
  if (overflow) throw damaged(`${entry.name} inflates beyond its declared size`);
  if (written !== entry.size) throw damaged(`${entry.name}: ${written} of ${entry.size} bytes`);
  return out;
}

/**
 * fflate's one-shot inflate into a buffer of `size` bytes, or undefined when it throws. Bytes of a
 * deflated block past the buffer's end are dropped (the one spare byte of `size` tells whether the data
 * ran past its declared size), but a stored block that does not fit throws a RangeError ("offset is out
 * of bounds"), which says nothing of why: the caller then inflates in checked chunks, which tell a part
 * that runs past its size from a damaged stream, and give the reason.
 */
function inflateOneShot(data: Uint8Array, size: number): Uint8Array | undefined {
  try {
    return fflate!.inflateSync(data, { out: new Uint8Array(size) });
  } catch {
    return undefined;
  }
}

/**
 * Node's zlib, native (about twice fflate's speed): it stops, and throws, as soon as its output passes
 * `maxOutputLength` (one spare byte: a part that runs past its declared size is caught), so a part
 * that lies about its size costs one output chunk beyond that, whatever it would inflate to.
 */
function inflateNative(entry: ZipEntry, data: Uint8Array): Uint8Array {
  // One output chunk of the declared size (up to 1 MiB): zlib's default of 16 KiB makes a form's sheet
  // eight chunks joined by a copy at the end (a third of the inflating time, measured here).
  const chunkSize = Math.min(Math.max(64, entry.size + 1), 1 << 20);
  try {
    return nodeZlib!.inflateRawSync!(data, { maxOutputLength: entry.size + 1, chunkSize });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw damaged(`${entry.name} inflates beyond its declared size`);
    throw damaged(`${entry.name}: ${(e as Error).message}`);
  }
}
