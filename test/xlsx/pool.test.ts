/**
 * The reading pool (src/xlsx/pool.ts): the same inputs as reading each file here, in the order given,
 * whatever the workers do; a broken or missing file among good ones is a failure with its reason, not
 * a crash; a worker that cannot start leaves the reading to this thread. The worker threads run the
 * compiled reader (lib/, built by `npx tsc -p tsconfig.cli.json`, as for the command-line tests).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulebook } from '../../src/core/rulebook';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import { inputsFromXlsx, type FileInputs } from '../../src/xlsx/inputs';
import { readSubmissionFiles, rulebookResolver, type ReadRequest } from '../../src/xlsx/pool';
import { crc32, crc32Tables } from '../../src/xlsx/zip';
import { rng } from '../../src/samples/random';
import { annexOf, entriesWorth } from '../core/ranking/fixtures';
import { readFileSync } from 'node:fs';

const WORKER = join(__dirname, '..', '..', 'lib', 'src', 'xlsx', 'pool-worker.js');
const rb = builtinRulebook('binh-thuan-2019')!;
let dir: string;
let requests: ReadRequest[];

beforeAll(async () => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} missing: run npx tsc -p tsconfig.cli.json first`);
  dir = mkdtempSync(join(tmpdir(), 'pool-'));
  const files: string[] = [];
  const units = rb.units.filter((u) => u.annex === 'I').slice(0, 8);
  for (const [k, unit] of units.entries()) {
    const file = join(dir, `${k}-good.xlsx`);
    const entries = entriesWorth(annexOf(rb, 'I'), 300 + 10 * k);
    writeFileSync(file, await writeFormXlsx(planForm(rb, 'I', unit, 2019, { entries })));
    files.push(file);
  }
  // A broken file, a missing one and an empty one among the good ones.
  writeFileSync(join(dir, 'broken.xlsx'), 'Đây không phải bảng tính.');
  files.splice(3, 0, join(dir, 'broken.xlsx'));
  files.splice(6, 0, join(dir, 'khong-co.xlsx'));
  writeFileSync(join(dir, 'rong.xlsx'), '');
  files.push(join(dir, 'rong.xlsx'));
  requests = files.map((file, i) => ({
    file,
    ...(i % 2 ? { received: { date: `2019-09-${10 + i}`, source: 'manifest' as const } } : {}),
  }));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the command line did before the pool: each file read here, one after the other. */
function oneByOne(reqs: ReadRequest[]): FileInputs[] {
  return reqs.map(({ file, received }) => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch {
      return {
        inputs: [{ file, ...(received ? { received } : {}), failure: cannotRead }],
        rulebooks: [],
        ok: false,
      };
    }
    return inputsFromXlsx(file, bytes, rulebookResolver(undefined), received);
  });
}
const cannotRead = { vi: 'Không đọc được', en: 'Cannot read' };
const opts = { cannotRead: () => cannotRead, workerScript: WORKER };

describe('readSubmissionFiles', () => {
  it('gives, with worker threads, the inputs of reading each file here, in the order given', async () => {
    // Every file read by a worker (this thread only hands them out): the inputs cross threads intact.
    const pooled = await readSubmissionFiles(requests, { ...opts, threads: 2, readHere: false });
    expect(pooled).toEqual(oneByOne(requests));
    expect(pooled.map((r) => r.inputs[0].file)).toEqual(requests.map((r) => r.file));
    // The built-in rulebook comes back as this thread's own object, not a copy.
    for (const r of pooled) for (const b of r.rulebooks) expect(b).toBe(rb);
  });

  it('makes a broken, a missing and an empty file failures with their reasons; the good ones are read', async () => {
    const pooled = await readSubmissionFiles(requests, { ...opts, threads: 2, readHere: false });
    const failed = pooled.filter((r) => !r.ok).map((r) => r.inputs[0].file.replace(`${dir}/`, ''));
    expect(failed).toEqual(['broken.xlsx', 'khong-co.xlsx', 'rong.xlsx']);
    expect(pooled.filter((r) => r.ok)).toHaveLength(8);
    const missing = pooled.find((r) => r.inputs[0].file.endsWith('khong-co.xlsx'))!;
    expect(missing.inputs[0]).toMatchObject({ failure: cannotRead });
    const broken = pooled.find((r) => r.inputs[0].file.endsWith('broken.xlsx'))!;
    expect(broken.inputs[0]).toMatchObject({ failure: { vi: expect.any(String), en: expect.any(String) } });
  });

  it('reads the same with one worker, with none, and when the worker cannot start', async () => {
    const expected = oneByOne(requests);
    expect(await readSubmissionFiles(requests, { ...opts, threads: 1 })).toEqual(expected);
    expect(await readSubmissionFiles(requests, { ...opts, threads: 0 })).toEqual(expected);
    const noWorker = join(dir, 'no-such-worker.js');
    for (const readHere of [true, false])
      expect(
        await readSubmissionFiles(requests, { ...opts, threads: 2, readHere, workerScript: noWorker }),
      ).toEqual(expected);
  });

  it('reports progress once per file', async () => {
    const seen: [string, boolean, number][] = [];
    await readSubmissionFiles(requests, {
      ...opts,
      threads: 2,
      readHere: false,
      onProgress: (file, ok, done, total) => {
        expect(total).toBe(requests.length);
        seen.push([file, ok, done]);
      },
    });
    expect(seen.map(([, , done]) => done)).toEqual(requests.map((_, i) => i + 1));
    expect(seen.map(([file]) => file).sort()).toEqual(requests.map((r) => r.file).sort());
    expect(seen.filter(([, ok]) => !ok)).toHaveLength(3);
  });

  it('reads forms of the rulebook the user named with that rulebook, handed back as the same object', async () => {
    const named = structuredClone(rb);
    const pooled = await readSubmissionFiles(requests, {
      ...opts,
      threads: 2,
      readHere: false,
      rulebook: named,
    });
    const good = pooled.filter((r) => r.ok);
    expect(good).toHaveLength(8);
    for (const r of good) expect(r.rulebooks[0]).toBe(named);
  });
});

describe('crc32', () => {
  it('gives the same checksum natively (Node) and by the tables (browser)', () => {
    const r = rng(11);
    for (const n of [0, 1, 7, 8, 9, 1000, 65537]) {
      const b = new Uint8Array(n).map(() => r.int(0, 255));
      expect(crc32(b)).toBe(crc32Tables(b));
    }
    expect(crc32Tables(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
