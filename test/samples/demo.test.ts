/**
 * `npm run demo` (node scripts/demo.js), run as a user runs it: its ranking is checked against the
 * ranking core. The generated files are read back (readSubmissionsFromXlsx) with the received dates of
 * the generated manifest and ranked again with rank() / rankDistrict(); every unit's rank, total, band
 * and status must be the same in the demo's --json output and in its printed table. The late,
 * duplicate, invalid and missing cases must show with their statuses.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { builtinRulebook } from '../../src/core/rulebook';
import { formatPoints } from '../../src/core/numbers';
import {
  entryStatus,
  parseReceivedManifest,
  rank,
  rankDistrict,
  type Ranking,
  type RankingInput,
} from '../../src/core/ranking';
import { bilingual } from '../../src/i18n';
import { readSubmissionsFromXlsx } from '../../src/xlsx/submission';
import { previousFromWorkbook } from '../../src/xlsx/previous';
import { previousFromJson } from '../../src/report/json';
import type { RankingJson } from '../../src/report';
import { entryIndex } from '../../src/report/json';
import { root, expectNoStackTrace } from '../helpers/cli';

interface DemoJson {
  samples: {
    folder: string;
    rulebook: string;
    year: number;
    asOf: string;
    district: string | null;
    dir: string;
    manifest: string;
    forms: { file: string; cases: string[]; expected: string }[];
  }[];
  rankings: {
    folder: string;
    rulebook: string;
    district: string | null;
    command: string | null;
    workbook: string;
    ranking: RankingJson;
  }[];
}

const demo = (args: string[]) =>
  spawnSync(process.execPath, [join(root, 'scripts', 'demo.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, SCORECARD_DEBUG: '' },
  });

function xlsxFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? xlsxFiles(p) : name.endsWith('.xlsx') ? [p] : [];
    });
}

/** The ranking core on the files the demo generated: read each file, date it from the manifest, rank. */
function recompute(round: DemoJson['samples'][number]): Ranking {
  const rb = builtinRulebook(round.rulebook)!;
  const manifest = parseReceivedManifest(readFileSync(round.manifest, 'utf8'), 'csv');
  expect(manifest.problems).toEqual([]);
  const inputs: RankingInput[] = xlsxFiles(round.dir).map((file) => {
    const read = readSubmissionsFromXlsx(new Uint8Array(readFileSync(file)), (meta) =>
      builtinRulebook(meta.rulebookId),
    );
    if (!read.ok) throw new Error(`${file}: ${read.reason.en}`);
    const received = { date: manifest.entries.get(basename(file))!, source: 'manifest' as const };
    return { file: basename(file), received, submission: read.submissions[0].submission };
  });
  const options = { year: round.year, asOf: round.asOf };
  return round.district ? rankDistrict(rb, round.district, inputs, options) : rank(rb, inputs, options);
}

/** Per unit and file: what a reader compares. */
const key = (unit: string, file: string | null | undefined) => `${unit} · ${file ? basename(file) : '—'}`;
function coreRows(r: Ranking) {
  return Object.fromEntries(
    r.tables.flatMap((t) =>
      t.entries.map((e) => [
        key(e.unitName, e.file),
        {
          annex: t.annex,
          rank: e.rank ?? null,
          total: e.status === 'missing' ? null : e.total,
          band: e.band?.label ?? null,
          status: e.status,
          award: e.award,
        },
      ]),
    ),
  );
}
function jsonRows(j: RankingJson) {
  return Object.fromEntries(
    j.groups.flatMap((g) =>
      g.entries.map((e) => [
        key(e.unit, e.file),
        { annex: g.annex, rank: e.rank, total: e.total, band: e.band, status: e.status, award: e.award },
      ]),
    ),
  );
}

/** The printed table of one annex, cut at the header's column positions. */
function printedRows(stdout: string, heading: string): string[][] {
  const lines = stdout.split('\n');
  const at = lines.indexOf(heading);
  if (at < 0) throw new Error(`no table "${heading}" in the demo's output`);
  const header = lines[at + 1];
  const starts = [
    'Hạng / Rank',
    'Cơ quan, đơn vị / Unit',
    'Tổng điểm / Final total',
    'Chỉ số / Index',
    'Xếp loại / Band',
    'Trạng thái / Status',
    'Khen thưởng / Award',
  ].map((h) => header.indexOf(h));
  expect(starts.every((s, i) => s > (i ? starts[i - 1] : 0))).toBe(true);
  const rows: string[][] = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.trim()) break;
    rows.push(starts.map((s, i) => line.slice(s, i + 1 < starts.length ? starts[i + 1] : undefined).trim()));
  }
  return rows;
}

let json: DemoJson;
let jsonRun: ReturnType<typeof demo>;
let textRun: ReturnType<typeof demo>;
let textOut: string;

beforeAll(() => {
  jsonRun = demo(['--out', mkdtempSync(join(tmpdir(), 'scorecard-demo-json-')), '--json']);
  textOut = mkdtempSync(join(tmpdir(), 'scorecard-demo-text-'));
  textRun = demo(['--out', textOut]);
  json = JSON.parse(jsonRun.stdout) as DemoJson;
}, 180_000);

describe('npm run demo', () => {
  it('runs without an error, ranks both rounds and writes a ranking workbook for each', async () => {
    for (const r of [jsonRun, textRun]) {
      expect(r.status).toBe(0);
      expectNoStackTrace(r.stderr);
    }
    expect(json.rankings.map((r) => [r.folder, r.district])).toEqual([
      ['binh-thuan-2019', null],
      ['gia-lai-2019', 'tp-pleiku'],
      ['dti-2025', null],
    ]);
    expect(json.rankings[0].command).toMatch(
      /^scorecard rank \S+binh-thuan-2019 --received \S+received\.csv --year 2019 --as-of 2019-09-30 -o \S+ranking-binh-thuan-2019\.xlsx$/,
    );
    for (const r of json.rankings) {
      expect(existsSync(r.workbook)).toBe(true);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(r.workbook) as unknown as ArrayBuffer);
      expect(wb.getWorksheet('Tổng hợp')).toBeDefined();
      // each is next year's --previous: its results are the ranking's own
      const results = previousFromWorkbook(readFileSync(r.workbook), r.workbook);
      expect(results).toEqual(previousFromJson(r.ranking, r.workbook));
    }
    expect(existsSync(join(textOut, 'ranking-binh-thuan-2019.xlsx'))).toBe(true);
    expect(existsSync(join(textOut, 'ranking-gia-lai-2019-tp-pleiku.xlsx'))).toBe(true);
    expect(existsSync(join(textOut, 'ranking-dti-2025.xlsx'))).toBe(true);
  });

  it('prints a ranking for every annex of the sample round', () => {
    const annexes: Record<string, string[]> = {
      'binh-thuan-2019': ['I', 'II', 'III', 'IV'],
      'gia-lai-2019': ['huyen', 'xa'],
      'dti-2025': ['SO', 'XA'],
    };
    for (const [rb, expected] of Object.entries(annexes)) {
      const ranking = json.rankings.find((r) => r.rulebook === rb)!.ranking;
      expect(ranking.groups.map((g) => g.annex)).toEqual(expected);
      for (const g of ranking.groups) expect(g.entries.some((e) => e.rank === 1)).toBe(true);
    }
  });

  it('agrees with the ranking core recomputed from the generated files (--json)', () => {
    for (const [i, round] of json.samples.entries()) {
      const core = coreRows(recompute(round));
      expect(Object.keys(core).length).toBeGreaterThan(5);
      expect(jsonRows(json.rankings[i].ranking)).toEqual(core);
    }
  });

  it('prints the same ranks, units, totals, bands, statuses and awards as the core, table by table', () => {
    const stdout = textRun.stdout;
    let rows = 0;
    for (const round of json.samples) {
      const core = recompute(round);
      for (const table of core.tables) {
        const printed = printedRows(stdout, `${table.rankingGroup} — ${table.title}`);
        expect(printed).toEqual(
          table.entries.map((e) => [
            e.rank !== undefined ? String(e.rank) : '–',
            e.unitName, // never cut: two long names that begin alike would look the same
            e.status === 'missing' ? '' : e.counted ? formatPoints(e.total) : '—',
            e.counted ? entryIndex(table, e).toFixed(4).replace('.', ',') : '',
            e.band?.label ?? '',
            bilingual(entryStatus(e)),
            e.award
              ? 'Có / Yes'
              : e.awardTie
                ? 'Đồng hạng — Hội đồng quyết định / Tied — the council decides'
                : '',
          ]),
        );
        rows += printed.length;
      }
    }
    expect(rows).toBe(
      json.rankings.reduce((n, r) => n + r.ranking.groups.reduce((m, g) => m + g.entries.length, 0), 0),
    );
  });

  it('shows the late, duplicate, invalid and missing cases with their statuses', () => {
    const bt = json.samples[0];
    const entries = json.rankings[0].ranking.groups.flatMap((g) => g.entries);
    const statusOfCase = (c: string) =>
      bt.forms
        .filter((f) => f.cases.includes(c))
        .map((f) => entries.find((e) => e.file !== null && basename(e.file) === basename(f.file))!.status);
    expect(statusOfCase('late')).toEqual(['late']);
    expect(statusOfCase('duplicate')).toEqual(['duplicate']);
    expect(statusOfCase('superseding')).toEqual(['ranked']);
    expect(statusOfCase('errors')).toEqual(['invalid']);
    expect(json.rankings[0].ranking.missing).toEqual([{ unit: 'Huyện Phú Quý', annex: 'IV' }]);
    expect(entries.filter((e) => e.status === 'missing').map((e) => e.unit)).toEqual(['Huyện Phú Quý']);
    expect(json.rankings[0].ranking.invalid.map((i) => basename(i.file))).toEqual([
      'truong-cao-dang-cong-dong.xlsx',
    ]);
    // The printed table says the same.
    // Late and not ranked (QĐ 1867): no total and no band in the table.
    expect(textRun.stdout).toMatch(/–\s+Sở Xây dựng\s+—\s+Nộp muộn \/ Late/);
    expect(textRun.stdout).toMatch(/–\s+Sở Y tế\s+—\s+Trùng \/ Duplicate/);
    expect(textRun.stdout).toMatch(/–\s+Trường Cao đẳng Cộng đồng Bình Thuận\s+—\s+Không hợp lệ \/ Invalid/);
    expect(textRun.stdout).toMatch(/–\s+Huyện Phú Quý\s+Không nộp \/ Missing/);
  });

  it('ranks the DTI 2025 round with scorecard rank on the index, not on the points', () => {
    const dti = json.rankings.find((r) => r.rulebook === 'dti-2025')!;
    expect(dti.command).toMatch(
      /^scorecard rank \S+dti-2025 --received \S+received\.csv --year 2025 --as-of 2025-12-31 -o \S+ranking-dti-2025\.xlsx$/,
    );
    let inversions = 0;
    for (const g of dti.ranking.groups) {
      const ranked = g.entries.filter((e) => e.rank !== null).sort((a, b) => a.rank! - b.rank!);
      const indices = ranked.map((e) => e.index!);
      expect(indices).toEqual([...indices].sort((a, b) => b - a));
      inversions += ranked.filter((e, i) => i > 0 && e.total! > ranked[i - 1].total!).length;
    }
    // A sở with fewer applicable criteria ranks above one with more points: the index decides.
    expect(inversions).toBeGreaterThan(0);
    expect(textRun.stdout).toContain('Bước 4. Sở KH&CN xếp hạng năm 2025 theo bộ chỉ số dti-2025');
  });

  it('shows the band boundaries: 450 is Tốt, 449,5 is Khá, and only Tốt units in the top 3 get the award', () => {
    const groupI = json.rankings[0].ranking.groups.find((g) => g.annex === 'I')!.entries;
    const at = (total: number) => groupI.find((e) => e.total === total)!;
    expect(at(450)).toMatchObject({ band: 'Tốt', status: 'ranked' });
    expect(at(449.5)).toMatchObject({ band: 'Khá', status: 'ranked', award: false });
    for (const e of groupI)
      expect(e.award).toBe(e.rank !== null && e.rank <= 3 && e.band === 'Tốt' && e.status === 'ranked');
  });

  it('is what the user guides quote: every table row they show is a row the demo printed', () => {
    for (const guide of ['user-guide.vi.md', 'user-guide.en.md']) {
      const text = readFileSync(join(root, 'docs', guide), 'utf8');
      const quoted = text
        .split('\n')
        .filter(
          (l) => /^ {2}(\d+|–) {2,}\S/.test(l) && / \/ (Ranked|Late|Duplicate|Invalid|Missing)\b/.test(l),
        );
      expect(quoted.length).toBeGreaterThanOrEqual(4);
      for (const line of quoted) expect(textRun.stdout.split('\n')).toContain(line);
    }
  });
});
