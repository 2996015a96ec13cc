/**
 * `scorecard rank --previous <last year's ranking .xlsx>`: the workbook of last year's `rank -o` carries
 * its results in a very hidden sheet, and comparing with it gives the same previous columns as with
 * last year's `rank --json`, across a merge with --unit-map. Any other workbook, a damaged or missing
 * file: one reason in both languages naming the file, never a stack trace.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseRulebook } from '../../src/core/rulebook';
import { t } from '../../src/i18n';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import { writeReportXlsx } from '../../src/xlsx/report';
import { summarySheet, type RankingJson } from '../../src/report';
import { rank } from '../../src/core/ranking';
import {
  previousFromResultsRows,
  RESULTS_FORMAT,
  RESULTS_SHEET,
  RESULTS_VERSION,
} from '../../src/report/results-sheet';
import { main } from '../../src/cli/main';
import { previousOption } from '../../src/cli/previous';
import type { CliError } from '../../src/cli/io';
import { expectNoStackTrace } from '../helpers/cli';
import { input } from '../helpers/frameworks';
import { form } from '../core/ranking/fixtures';

const rb = parseRulebook(input());
const dir = mkdtempSync(join(tmpdir(), 'scorecard-previous-xlsx-'));
const rulebookFile = join(dir, 'dti-thu.json');
const points = (p: Record<string, number>) =>
  Object.fromEntries(Object.entries(p).map(([id, v]) => [id, { points: v }]));

/** A year's forms in their own folder: [unit id ('' for a unit the rulebook does not know), name, entries]. */
async function formsOf(year: number, units: [string, string, Record<string, number>][]): Promise<string> {
  const folder = join(dir, String(year));
  mkdirSync(folder);
  for (const [id, name, entries] of units)
    writeFileSync(
      join(folder, `${name}.xlsx`),
      await writeFormXlsx(planForm(rb, 'so', { id, name }, year, { entries: points(entries) })),
    );
  return folder;
}

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) });
  return { code, out, err };
}

const rankArgs = (folder: string, year: number) => [
  'rank',
  folder,
  '--rulebook',
  rulebookFile,
  '--year',
  String(year),
  '--as-of',
  `${year}-12-31`,
];

/** Every entry's previous comparison, by unit. */
const previousOf = (json: RankingJson) =>
  Object.fromEntries(json.groups.flatMap((g) => g.entries.map((e) => [e.unit, e.previous])));

let lastJson: string;
let lastXlsx: string;
let thisYear: string;
const unitMap = join(dir, 'doi-chieu.csv');

beforeAll(async () => {
  writeFileSync(rulebookFile, JSON.stringify(input()));
  const last = await formsOf(2024, [
    ['so-tu-phap', 'Sở Tư pháp', { '1.1': 400, '1.2': 200, '2.1': 100 }],
    ['so-cong-thuong', 'Sở Công Thương', { '1.1': 450, '1.2': 100, '2.1': 150 }],
    ['ban-qlda', 'Ban Quản lý dự án', { '1.1': 300, '2.1': 50 }],
    ['', 'Sở Xây dựng cũ', { '1.1': 200, '1.2': 50 }],
  ]);
  thisYear = await formsOf(2025, [
    ['so-tu-phap', 'Sở Tư pháp', { '1.1': 500, '1.2': 200, '2.1': 100 }],
    ['so-cong-thuong', 'Sở Công Thương', { '1.1': 400, '2.1': 200 }],
  ]);
  lastJson = join(dir, 'xep-hang-2024.json');
  lastXlsx = join(dir, 'xep-hang-2024.xlsx');
  const ranked = await run([...rankArgs(last, 2024), '--json', '-o', lastXlsx]);
  expect(ranked.code).toBe(0);
  writeFileSync(lastJson, ranked.out);
  writeFileSync(unitMap, 'Cũ,Mới\nSở Xây dựng cũ,Sở Công Thương\n');
}, 60_000);

describe('--previous <last year’s ranking .xlsx>', () => {
  it('the workbook keeps "Tổng hợp" first and the results in a very hidden sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(lastXlsx) as unknown as ArrayBuffer);
    expect(wb.worksheets[0].name).toBe('Tổng hợp');
    expect(wb.worksheets[0].state).toBe('visible');
    const hidden = wb.getWorksheet(RESULTS_SHEET)!;
    expect(hidden.state).toBe('veryHidden');
    expect(hidden.getCell('A1').value).toBe(RESULTS_FORMAT);
    expect(hidden.getCell('B1').value).toBe(RESULTS_VERSION);
  });

  it('reads the same results as last year’s JSON', async () => {
    const fromJson = (await previousOption({ previous: lastJson }))!.results;
    const fromXlsx = (await previousOption({ previous: lastXlsx }))!.results;
    expect(fromJson.length).toBe(4);
    expect(fromXlsx).toEqual(fromJson);
  });

  it('across a merge with --unit-map: the same previous columns as with the JSON', async () => {
    const withMap = (previous: string) =>
      run([...rankArgs(thisYear, 2025), '--json', '--previous', previous, '--unit-map', unitMap]);
    const [json, xlsx] = await Promise.all([withMap(lastJson), withMap(lastXlsx)]);
    expect([json.code, xlsx.code]).toEqual([0, 0]);
    const byJson = previousOf(JSON.parse(json.out) as RankingJson);
    const byXlsx = previousOf(JSON.parse(xlsx.out) as RankingJson);
    expect(byXlsx).toEqual(byJson);
    // Sở Tư pháp took over the Ban QLDA (rulebook), Sở Công Thương the Sở Xây dựng cũ (unit map).
    expect(byXlsx['Sở Tư pháp']!.meanOf).toEqual(['Sở Tư pháp', 'Ban Quản lý dự án']);
    expect(byXlsx['Sở Công Thương']!.meanOf).toEqual(['Sở Công Thương', 'Sở Xây dựng cũ']);
    expect(byXlsx['Sở Tư pháp']!.total).toBe(525); // (700 + 350) ÷ 2
    // The terminal shows them too.
    const text = await run([...rankArgs(thisYear, 2025), '--previous', lastXlsx, '--unit-map', unitMap]);
    expect(text.out).toContain(t('vi', 'reportColPreviousTotal'));
  }, 60_000);

  it('last year’s files in the forms’ folder are not taken for submissions', async () => {
    const folder = join(dir, '2025-cung-thu-muc');
    mkdirSync(folder);
    for (const name of ['Sở Tư pháp.xlsx', 'Sở Công Thương.xlsx'])
      writeFileSync(join(folder, name), readFileSync(join(thisYear, name)));
    for (const file of [lastXlsx, lastJson, unitMap])
      writeFileSync(join(folder, basename(file)), readFileSync(file));
    const inFolder = (file: string) => join(folder, basename(file));
    for (const [previous, other] of [
      [lastXlsx, lastJson],
      [lastJson, lastXlsx],
    ]) {
      const r = await run([
        ...rankArgs(folder, 2025),
        '--json',
        '--previous',
        inFolder(previous),
        '--unit-map',
        inFolder(unitMap),
      ]);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out) as RankingJson;
      // Only the file not named on the command line is listed, as any other file would be.
      expect(json.invalid.map((i) => i.file)).toEqual([inFolder(other)]);
      expect(previousOf(json)['Sở Tư pháp']!.total).toBe(525);
    }
  });
});

describe('a workbook that cannot give last year’s results', () => {
  const refused = async (file: string) => {
    const r = await run([...rankArgs(thisYear, 2025), '--previous', file]);
    expect(r.code).toBe(2);
    expectNoStackTrace(r.out + r.err);
    return r.err;
  };

  it('a ranking workbook of an older version (no results sheet) or another workbook: what to do instead', async () => {
    const old = join(dir, 'xep-hang-cu.xlsx');
    const ranking = rank(rb, [form(rb, 'so', 'so-tu-phap', { year: 2024 })]);
    writeFileSync(old, await writeReportXlsx([summarySheet(rb, ranking)]));
    const aForm = join(dir, '2024', 'Sở Tư pháp.xlsx');
    for (const file of [old, aForm]) {
      const err = await refused(file);
      expect(err).toContain(t('vi', 'previousXlsxNoResults', { file }));
      expect(err).toContain(t('en', 'previousXlsxNoResults', { file }));
      expect(err).toMatch(/--json/);
    }
  });

  it('a damaged file, an empty one, a missing one', async () => {
    const damaged = join(dir, 'hong.xlsx');
    writeFileSync(damaged, readFileSync(lastXlsx).subarray(0, 2000));
    const empty = join(dir, 'rong.xlsx');
    writeFileSync(empty, '');
    for (const file of [damaged, empty]) {
      const err = await refused(file);
      expect(err).toContain(t('vi', 'previousXlsxUnreadable', { file }));
      expect(err).toContain(t('en', 'previousXlsxUnreadable', { file }));
    }
    const missing = join(dir, 'khong-co.xlsx');
    expect(await refused(missing)).toContain(missing);
  });

  it('neither .json nor .xlsx', async () => {
    const file = join(dir, 'xep-hang.csv');
    writeFileSync(file, 'a,b\n');
    expect(await refused(file)).toContain(t('en', 'previousNotAFile', { file }));
  });

  it('results rows of a newer format version, or of something else', () => {
    const rows = (head: unknown[]) => [head, ['annex', 'unitId', 'unit', 'total', 'index', 'rank', 'band']];
    const error = (r: unknown[][]) => {
      try {
        previousFromResultsRows(r, 'x.xlsx');
      } catch (e) {
        return (e as CliError).reason;
      }
      throw new Error('no error');
    };
    expect(error(rows([RESULTS_FORMAT, RESULTS_VERSION + 1])).en).toBe(
      t('en', 'previousXlsxNewer', { file: 'x.xlsx', version: RESULTS_VERSION + 1 }),
    );
    expect(error(rows(['khác', 1])).en).toBe(t('en', 'previousXlsxNoResults', { file: 'x.xlsx' }));
    expect(
      error([
        [RESULTS_FORMAT, 1],
        ['annex', 'unit'],
      ]).en,
    ).toBe(t('en', 'previousXlsxNoResults', { file: 'x.xlsx' }));
    // A header row with holes (an edited sheet): no crash, the same reason.
    const holes: unknown[] = [];
    holes[0] = 'annex';
    holes[3] = 'total';
    expect(error([[RESULTS_FORMAT, 1], holes]).en).toBe(t('en', 'previousXlsxNoResults', { file: 'x.xlsx' }));
    // Unit names that look like formulas stay text.
    expect(
      previousFromResultsRows(
        [...rows([RESULTS_FORMAT, 1]), ['so', 'x', '=Sở A', 10, 0.1, 1, 'Tốt']],
        'x.xlsx',
      ),
    ).toEqual([{ unitId: 'x', unitName: '=Sở A', total: 10, index: 0.1, rank: 1, band: 'Tốt' }]);
  });
});
