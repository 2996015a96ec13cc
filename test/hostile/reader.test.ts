/**
 * The hostile corpus (corpus.ts) through the readers: readWorkbook, readSubmissionsFromXlsx and the
 * engine's validate(), and inputsFromXlsx (what `scorecard rank` and the pane's consolidation view use). Every file is either read (and then read right) or refused with its reason in
 * Vietnamese and English; nothing throws. The zip bombs are refused before they are inflated, or
 * stopped as soon as they outgrow their declared size: checked by watching the inflater's calls (Node's
 * zlib, as the command line reads; fflate, as the pane reads) and the memory held in ArrayBuffers,
 * never by the clock.
 */
import * as fflate from 'fflate';
import { builtinRulebook, findAnnex } from '../../src/core/rulebook';
import { isUnfinished, validate } from '../../src/core/scoring';
import { readWorkbook } from '../../src/xlsx/read';
import { readSubmissionsFromXlsx } from '../../src/xlsx/submission';
import { inputsFromXlsx } from '../../src/xlsx/inputs';
import { crc32, ZIP_LIMITS } from '../../src/xlsx/zip';
import { deflateRawSync, constants as zlibConstants } from 'node:zlib';
import { concat, storedEntries, writeZip } from './build';
import { buildCorpus, FORM_SHEET, MIB, type HostileCase } from './corpus';
import { isBilingual, isReason } from './reasons';

// fflate's one-shot inflate, watched (its export cannot be redefined by jest.spyOn).
jest.mock('fflate', () => {
  const actual = jest.requireActual('fflate');
  return { ...actual, inflateSync: jest.fn(actual.inflateSync) };
});

let corpus: HostileCase[];
const timings: [string, string][] = [];
beforeAll(async () => {
  corpus = await buildCorpus();
}, 120_000);
afterAll(() => {
  // Figures for the reader, not assertions (tests never assert wall-clock times).

  console.log(
    `hostile corpus: ${corpus.length} files\n${timings.map(([f, ms]) => `  ${ms.padStart(8)} ms  ${f}`).join('\n')}`,
  );
});

const byFile = (file: string) => {
  const c = corpus.find((x) => x.file === file);
  if (!c) throw new Error(`no corpus case ${file}`);
  return c;
};

/** The corpus is built in beforeAll, so the cases are listed by name here and looked up in the test. */
const FILES = [
  'phieu-tot-1.xlsx',
  'phieu-tot-2.xlsx',
  'van-ban.xlsx',
  'tai-lieu-pdf.xlsx',
  'trang-loi.xlsx',
  'ngau-nhien.xlsx',
  'rong.xlsx',
  'tai-lieu-word.xlsx',
  'cat-cut-10-byte.xlsx',
  'cat-cut-100-byte.xlsx',
  'cat-cut-25pct.xlsx',
  'cat-cut-50pct.xlsx',
  'cat-cut-90pct.xlsx',
  'cat-cut-minus-30.xlsx',
  'cat-cut-minus-1.xlsx',
  'byte-hong.xlsx',
  'thieu-phan.xlsx',
  'thieu-trang.xlsx',
  'xml-hong.xlsx',
  'the-dong-sai.xlsx',
  'ten-ngoai-trang.xlsx',
  'bom-nen-tong.xlsx',
  'bom-nen-trang.xlsx',
  'bom-nen-noi-doi.xlsx',
  'bom-nen-noi-doi-lon.xlsx',
  'bom-nen-4gb.xlsx',
  'qua-nhieu-phan.xlsx',
  'mat-khau.xlsx',
  'excel-cu.xlsx',
  'ole-khong-ro.xlsx',
  'zip-ma-hoa.xlsx',
  'khong-co-phieu.xlsx',
  'mat-trang-sieu-du-lieu.xlsx',
  'phu-luc-khong-co.xlsx',
  'bo-tieu-chi-la.xlsx',
  'doi-ten-trang-excel.xlsx',
  'doi-ten-trang-cong-cu.xlsx',
  'chen-dong.xlsx',
  'mat-ten.xlsx',
  'chen-dong-mat-ten.xlsx',
  'chen-dong-giua-mat-ten.xlsx',
  'chu-trong-o-so.xlsx',
  'so-dang-chu.xlsx',
  'so-am.xlsx',
  'vuot-toi-da.xlsx',
  'ghi-de-cong-thuc.xlsx',
  'phien-ban-khac.xlsx',
  '5000-dong-them.xlsx',
  'bao-ve-trang.xlsx',
  '=1+2.xlsx',
  'chuoi-rat-dai.xlsx',
  'the-dai-workbook.xlsx',
  'the-mo-khong-dong.xlsx',
  'the-dai-o.xlsx',
  'the-dai-chuoi.xlsx',
];

describe('the hostile corpus through the reader', () => {
  it('lists every case of the corpus exactly once', () => {
    expect([...corpus.map((c) => c.file)].sort()).toEqual([...FILES].sort());
  });

  it.each(FILES)('%s', (file) => {
    const c = byFile(file);
    const started = process.hrtime.bigint();
    const read = readWorkbook(c.bytes);
    const subs = readSubmissionsFromXlsx(c.bytes, (meta) => builtinRulebook(meta.rulebookId));
    timings.push([file, (Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)]);
    const o = c.outcome;
    if (o.kind === 'refused') {
      expect(read.ok).toBe(false);
      if (read.ok) return;
      expect({ file, reason: read.reason, ok: isReason(read.reason, o.reason) }).toEqual({
        file,
        reason: read.reason,
        ok: true,
      });
      expect(isBilingual(read.reason)).toBe(true);
      if (o.detail) expect(read.reason.en).toMatch(o.detail);
      expect(subs).toEqual(read);
      return;
    }
    if (!read.ok) throw new Error(`${file}: ${read.reason.en}`);
    expect(read.forms).toHaveLength(1);
    if (o.kind === 'problem') {
      expect(subs.ok).toBe(false);
      if (subs.ok) return;
      expect({ file, reason: subs.reason, ok: isReason(subs.reason, o.reason) }).toEqual({
        file,
        reason: subs.reason,
        ok: true,
      });
      expect(isBilingual(subs.reason)).toBe(true);
      return;
    }
    if (!subs.ok) throw new Error(`${file}: ${subs.reason.en}`);
    expect(subs.problems).toEqual([]);
    expect(subs.submissions).toHaveLength(1);
    const s = subs.submissions[0];
    o.verify?.(s, read.forms[0]);
    const issues = validate(findAnnex(s.rulebook, s.submission.meta.annex), s.submission.entries);
    expect({ file, errors: isUnfinished(issues) }).toEqual({ file, errors: o.check === 1 });
  });
});

describe("the same files on the pane's consolidation path", () => {
  // inputsFromXlsx is what both `scorecard rank` and the pane's consolidation view turn a file into.
  it("gives every refused file one failure with the reader's reason, and every form its submission", () => {
    for (const c of corpus) {
      const r = inputsFromXlsx(c.file, c.bytes, (meta) => builtinRulebook(meta.rulebookId), {
        date: '2019-09-13',
        source: 'manifest',
      });
      if (c.outcome.kind === 'read') {
        expect({
          file: c.file,
          ok: r.ok,
          kinds: r.inputs.map((i) => ('submission' in i ? 'submission' : 'failure')),
        }).toEqual({ file: c.file, ok: true, kinds: ['submission'] });
      } else {
        const reason = readSubmissionsFromXlsx(c.bytes, (meta) => builtinRulebook(meta.rulebookId));
        expect({ file: c.file, ok: r.ok, inputs: r.inputs }).toEqual({
          file: c.file,
          ok: false,
          inputs: [
            {
              file: c.file,
              received: { date: '2019-09-13', source: 'manifest' },
              failure: !reason.ok && reason.reason,
            },
          ],
        });
      }
    }
  });
});

/** The reader as the pane runs it: without Node's zlib, so fflate inflates (zip.ts looks zlib up on loading). */
function readerWithoutNodeZlib(): { readWorkbook: typeof readWorkbook; fflate: typeof fflate } {
  const host = process as { getBuiltinModule?: unknown };
  const saved = host.getBuiltinModule;
  host.getBuiltinModule = undefined;
  try {
    let loaded!: { readWorkbook: typeof readWorkbook; fflate: typeof fflate };
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports -- fresh modules of this isolated registry */
      loaded = {
        readWorkbook: (require('../../src/xlsx/read') as typeof import('../../src/xlsx/read')).readWorkbook,
        fflate: require('fflate') as typeof fflate,
      };
      /* eslint-enable @typescript-eslint/no-require-imports */
    });
    return loaded;
  } finally {
    host.getBuiltinModule = saved;
  }
}

/** An inflater under watch: its calls' largest output buffer, one-shot calls and chunks pushed. */
interface Watch {
  read: typeof readWorkbook;
  reset(): void;
  restore(): void;
  largestOut(): number;
  oneShot(): number;
  chunks(): number;
  oneShotOf(size: number): boolean;
}

function watchNodeZlib(): Watch {
  // The module object itself (the one the reader gets from process.getBuiltinModule), not an import's copy.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const zlib = require('node:zlib') as typeof import('node:zlib');
  const spy = jest.spyOn(zlib, 'inflateRawSync');
  const limits = () =>
    spy.mock.calls.map(([, o]) => (o as { maxOutputLength?: number }).maxOutputLength ?? Infinity);
  return {
    read: readWorkbook,
    reset: () => spy.mockClear(),
    restore: () => spy.mockRestore(),
    largestOut: () => Math.max(0, ...limits()),
    oneShot: () => spy.mock.calls.length,
    chunks: () => 0,
    oneShotOf: (size) => limits().includes(size),
  };
}

function watchFflate(): Watch {
  const { readWorkbook: read, fflate: ff } = readerWithoutNodeZlib();
  const inflateSync = ff.inflateSync as unknown as jest.Mock;
  const push = jest.spyOn(ff.Inflate.prototype, 'push');
  const outs = () =>
    inflateSync.mock.calls.map(([, o]) => (o as { out?: Uint8Array } | undefined)?.out?.length ?? 0);
  return {
    read,
    reset: () => {
      inflateSync.mockClear();
      push.mockClear();
    },
    restore: () => push.mockRestore(),
    largestOut: () => Math.max(0, ...outs()),
    oneShot: () => inflateSync.mock.calls.length,
    chunks: () => push.mock.calls.length,
    oneShotOf: (size) => outs().includes(size),
  };
}

describe.each([
  ['Node’s zlib (the command line)', watchNodeZlib],
  ['fflate (the pane)', watchFflate],
])('zip bombs cost neither memory nor inflating, inflated by %s', (_, watchInflater) => {
  let watch: Watch;
  beforeAll(() => {
    watch = watchInflater();
  });
  beforeEach(() => watch.reset());
  afterAll(() => watch.restore());

  /** Read, and report the largest output buffer handed to the inflater and the ArrayBuffer memory added. */
  const readWatched = (file: string) => {
    const bytes = byFile(file).bytes;
    const before = process.memoryUsage().arrayBuffers;
    const r = watch.read(bytes);
    const grown = process.memoryUsage().arrayBuffers - before;
    return {
      r,
      grown,
      largestOut: watch.largestOut(),
      oneShot: watch.oneShot(),
      chunks: watch.chunks(),
      compressed: bytes.length,
    };
  };

  it('a 300 MiB archive is refused from its central directory: nothing is inflated', () => {
    const w = readWatched('bom-nen-tong.xlsx');
    expect(w.compressed).toBeLessThan(MIB);
    expect(w.r.ok).toBe(false);
    if (!w.r.ok)
      expect(w.r.reason.en).toContain(`above the limit of ${ZIP_LIMITS.totalUncompressed / MIB} MB`);
    expect([w.oneShot, w.chunks]).toEqual([0, 0]);
    expect(w.grown).toBeLessThan(16 * MIB);
  });

  it('a 4 GiB part (forged size) is refused before inflating', () => {
    const w = readWatched('bom-nen-4gb.xlsx');
    expect(w.r.ok).toBe(false);
    expect([w.oneShot, w.chunks]).toEqual([0, 0]);
  });

  it('a 100 MiB form sheet is refused by the part limit; only the small parts are inflated', () => {
    const w = readWatched('bom-nen-trang.xlsx');
    expect(w.r.ok).toBe(false);
    if (!w.r.ok)
      expect(w.r.reason.en).toContain(`above the limit of ${ZIP_LIMITS.partUncompressed / MIB} MB`);
    expect(w.largestOut).toBeLessThan(MIB);
    expect(w.chunks).toBe(0);
    expect(w.grown).toBeLessThan(16 * MIB);
  });

  it('a small sheet declaring 1,000 bytes that inflates to 50 MiB is inflated into 1,001 bytes and refused', () => {
    const w = readWatched('bom-nen-noi-doi.xlsx');
    expect(w.r.ok).toBe(false);
    if (!w.r.ok) expect(w.r.reason.en).toContain('inflates beyond its declared size');
    expect(w.largestOut).toBeLessThan(MIB);
    expect(watch.oneShotOf(1001)).toBe(true);
    expect(w.grown).toBeLessThan(16 * MIB);
  });

  // Raw DEFLATE with a stored block after the point where the output passes the declared size: the
  // stored rest of the sheet, or the empty block a sync flush leaves (zlib's Z_SYNC_FLUSH, pigz). fflate's
  // one-shot inflate drops a deflated block's bytes past its buffer, but throws "offset is out of bounds"
  // on a stored block there; the reason must still say what is wrong.
  const storedBlocks = (data: Uint8Array) => {
    const blocks: Uint8Array[] = [];
    for (let i = 0; i < data.length; i += 0xffff) {
      const block = data.subarray(i, i + 0xffff);
      const n = block.length;
      const last = i + 0xffff >= data.length ? 1 : 0;
      blocks.push(new Uint8Array([last, n & 255, n >> 8, ~n & 255, (~n >> 8) & 255]), block);
    }
    return concat(blocks);
  };
  const flushed = (data: Uint8Array) => deflateRawSync(data, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  const SHEET_START = 20_000; // deflated; the rest follows as below
  it.each([
    ['stored', (rest: Uint8Array) => storedBlocks(rest)],
    ['deflated after a sync flush', (rest: Uint8Array) => deflateRawSync(rest)],
  ])(
    'a sheet whose rest is %s, running past its declared size, is refused as such (inflated at once)',
    (_, deflateRest) => {
      const parts = fflate.unzipSync(byFile('phieu-tot-1.xlsx').bytes);
      const sheet = parts[FORM_SHEET].subarray(0, 2 * SHEET_START);
      const data = concat([
        flushed(sheet.subarray(0, SHEET_START)),
        deflateRest(sheet.subarray(SHEET_START)),
      ]);
      expect(data.length).toBeLessThan(64 * 1024); // small enough to be inflated in one call
      const part = (declaredSize: number, crc?: number) =>
        writeZip([
          ...storedEntries(parts, (name) => name === FORM_SHEET),
          { name: FORM_SHEET, data, method: 8, declaredSize, crc },
        ]);
      // the stream is sound: declared at its size, it inflates to the sheet's bytes (read as far as the
      // XML check, which the cut sheet fails)
      const sound = watch.read(part(sheet.length, crc32(sheet)));
      expect(sound.ok).toBe(false);
      if (!sound.ok) expect(sound.reason.en).not.toMatch(/inflates|checksum|bytes|bounds/);
      const lying = watch.read(part(SHEET_START - 100));
      expect(lying.ok).toBe(false);
      if (!lying.ok) expect(lying.reason.en).toContain(`${FORM_SHEET} inflates beyond its declared size`);
    },
  );

  it('a larger sheet declaring 1,000 bytes that inflates to 200 MiB is stopped at once', () => {
    const w = readWatched('bom-nen-noi-doi-lon.xlsx');
    expect(w.r.ok).toBe(false);
    if (!w.r.ok) expect(w.r.reason.en).toContain('inflates beyond its declared size');
    // fflate in checked chunks (at most two pushed); Node's zlib in one call limited to 1,001 bytes.
    if (w.chunks) expect(w.chunks).toBeLessThanOrEqual(2);
    else expect(watch.oneShotOf(1001)).toBe(true);
    expect(w.grown).toBeLessThan(16 * MIB);
  });
});
