/**
 * `scorecard check` on several files or a folder: each file is checked as `check <file>`
 * would, a file that cannot be read does not stop the others, and the progress line shows on a
 * terminal only (never with --json or when piped).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulebook } from '../../src/core/rulebook';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import { main } from '../../src/cli/main';
import type { ProgressStream } from '../../src/cli/progress';
import { annexOf, entriesWorth, fullEntries } from '../core/ranking/fixtures';

const bt = builtinRulebook('binh-thuan-2019')!;
const root = mkdtempSync(join(tmpdir(), 'scorecard-check-many-'));
const dir = join(root, 'nop');
const good = join(dir, 'so-noi-vu.xlsx');
const withErrors = join(dir, 'phu-luc-IV', 'bac-binh.xlsx');
const broken = join(dir, 'hong.xlsx');

class Tty implements ProgressStream {
  isTTY = true;
  columns = 200;
  chunks: string[] = [];
  write(s: string) {
    this.chunks.push(s);
    return true;
  }
}

async function run(args: string[], progress?: ProgressStream) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['check', ...args], {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    ...(progress ? { progress } : {}),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  mkdirSync(join(dir, 'phu-luc-IV'), { recursive: true });
  const unit = (id: string) => bt.units.find((u) => u.id === id)!;
  writeFileSync(
    good,
    await writeFormXlsx(
      planForm(bt, 'I', unit('so-noi-vu'), 2019, { entries: entriesWorth(annexOf(bt, 'I'), 455) }),
    ),
  );
  const bad = fullEntries(annexOf(bt, 'IV'), { '1.5': { count: -3, evidence: 'x', reason: 'y' } });
  writeFileSync(
    withErrors,
    await writeFormXlsx(planForm(bt, 'IV', unit('bac-binh'), 2019, { entries: bad })),
  );
  writeFileSync(broken, 'tệp,ngày nhận\nkhông phải bảng tính');
}, 60_000);

describe('scorecard check on many files', () => {
  it('checks every file of a folder, reports the unreadable one and goes on (JSON: one item per form, with its file)', async () => {
    const r = await run([dir, '--json']);
    expect(r.code).toBe(2); // one file could not be read
    const items = JSON.parse(r.out) as {
      file: string;
      unit?: string;
      total?: number;
      error?: string;
      errorEn?: string;
      issues?: { severity: string }[];
    }[];
    expect(items.map((i) => i.file).sort()).toEqual([broken, withErrors, good].sort());
    const byFile = Object.fromEntries(items.map((i) => [i.file, i]));
    // 455 with criterion 4.7 (30 points, compared with the best unit) still pending on a single form.
    expect(byFile[good]).toMatchObject({ unit: 'Sở Nội vụ', total: 425, year: 2019 });
    expect(byFile[withErrors].issues!.some((i) => i.severity === 'error')).toBe(true);
    expect(byFile[broken].error).toContain('hong.xlsx');
    expect(byFile[broken].errorEn).toMatch(/not an \.xlsx workbook/);
    expect(r.err).toContain('hong.xlsx'); // also said on stderr, in both languages
  });

  it('exits 1 when a form has errors and every file could be read, 0 when all are clean', async () => {
    expect((await run([good, withErrors])).code).toBe(1);
    expect((await run([good, good])).code).toBe(0); // the same file twice is checked once
    const twice = JSON.parse((await run([good, good, '--json'])).out);
    expect(twice).toHaveLength(1);
  });

  it('one file stays as before: a JSON object, and an unreadable file is a usage error', async () => {
    const one = await run([good, '--json']);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.out)).toMatchObject({ unit: 'Sở Nội vụ', total: 425 });
    expect((await run([broken])).code).toBe(2);
  });

  it('shows the progress line on a terminal: files done, files per second, invalid so far', async () => {
    const tty = new Tty();
    const r = await run([dir], tty);
    expect(r.code).toBe(2);
    const lines = tty.chunks.filter((c) => c.startsWith('\r'));
    expect(lines.length).toBeGreaterThan(0);
    expect(tty.chunks.at(-1)).toBe('\n');
    expect(lines.at(-1)).toMatch(
      /Đã đọc 3\/3 tệp · \d+ tệp\/giây · 1 không hợp lệ \/ Read 3\/3 files · \d+ files\/s · 1 invalid/,
    );
    // The reports themselves go to stdout, one after the other.
    expect(r.out).toContain('Sở Nội vụ');
    expect(r.out).toContain('Huyện Bắc Bình');
  });

  it('is quiet with --json, when piped, and for a single file', async () => {
    const json = new Tty();
    await run([dir, '--json'], json);
    const pipe = Object.assign(new Tty(), { isTTY: false });
    await run([dir], pipe);
    const single = new Tty();
    await run([good], single);
    expect([json.chunks, pipe.chunks, single.chunks]).toEqual([[], [], []]);
  });

  it('says so when a folder holds no .xlsx file', async () => {
    const empty = join(root, 'trong');
    mkdirSync(empty);
    const r = await run([empty]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('No .xlsx file to check');
  });
});
