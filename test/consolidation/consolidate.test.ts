/**
 * consolidate(): the one consolidation of `scorecard rank`, the pane's ranking view and the samples.
 * Real .xlsx forms (planForm + writeFormXlsx) as bytes: per-file outcomes and progress in order, bytes
 * taken only in each file's turn, the reading of one file swappable, the rulebook chosen (and the
 * wording of each host), a district consolidated alone, the refusals, cross-checks and the sheets.
 */
import { builtinRulebook } from '../../src/core/rulebook/builtin';
import type { Rulebook } from '../../src/core/rulebook/schema';
import { parseReceivedManifest } from '../../src/core/ranking';
import { msg } from '../../src/i18n';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import { inputsFromXlsx } from '../../src/xlsx/inputs';
import { SUMMARY_SHEET } from '../../src/report/summary';
import { APPENDIX_SHEET, AWARDS_SHEET } from '../../src/report/stages';
import {
  consolidate,
  UnreadableFile,
  type ConsolidationEvent,
  type ConsolidationOptions,
  type SubmittedFile,
} from '../../src/consolidation';
import { annexOf, entriesWorth } from '../core/ranking/fixtures';

const bt = builtinRulebook('binh-thuan-2019')!;
const gl = builtinRulebook('gia-lai-2019')!;

async function form(rb: Rulebook, annex: string, unitId: string, total: number): Promise<Uint8Array> {
  const unit = rb.units.find((u) => u.id === unitId)!;
  return writeFormXlsx(
    planForm(rb, annex, { id: unit.id, name: unit.name }, 2019, {
      entries: entriesWorth(annexOf(rb, annex), total),
    }),
  );
}

const bytes: Record<string, Uint8Array> = {};
beforeAll(async () => {
  bytes['noi-vu.xlsx'] = await form(bt, 'I', 'so-noi-vu', 480);
  bytes['tu-phap.xlsx'] = await form(bt, 'I', 'so-tu-phap', 430);
  bytes['pleiku.xlsx'] = await form(gl, 'huyen', 'tp-pleiku', 90);
  bytes['dien-hong.xlsx'] = await form(gl, 'xa', 'pleiku-dien-hong', 85);
  bytes['an-khe.xlsx'] = await form(gl, 'huyen', 'tx-an-khe', 95);
}, 60_000);

const file = (name: string): SubmittedFile => ({ name, bytes: bytes[name] });
const base: ConsolidationOptions = { read: inputsFromXlsx, audience: 'cli', asOf: '2019-11-01' };

test('every file has its outcome, in order; a bad one is invalid with its reason and the rest is ranked', async () => {
  const refused = new UnreadableFile(msg('paneRankingUnreadable', { detail: 'NotReadableError' }));
  const files: SubmittedFile[] = [
    file('noi-vu.xlsx'),
    { name: 'ghi-chu.txt', bytes: new TextEncoder().encode('không phải bảng tính') },
    {
      name: 'mat.xlsx',
      bytes: () => {
        throw refused;
      },
    },
    file('tu-phap.xlsx'),
  ];
  const done = await consolidate(files, base);
  expect(done.files.map((f) => [f.name, f.status, f.forms])).toEqual([
    ['noi-vu.xlsx', 'ok', 1],
    ['ghi-chu.txt', 'invalid', 0],
    ['mat.xlsx', 'invalid', 0],
    ['tu-phap.xlsx', 'ok', 1],
  ]);
  expect(done.files[1].reason).toEqual(msg('xlsxNotZip'));
  expect(done.files[2].reason).toEqual(refused.reason);
  expect(done.refused).toBeUndefined();
  expect(done.rulebook?.id).toBe(bt.id);
  const annexI = done.ranking!.tables.find((tb) => tb.annex === 'I')!;
  expect(annexI.entries.filter((e) => e.status === 'ranked').map((e) => [e.unitId, e.rank])).toEqual([
    ['so-noi-vu', 1],
    ['so-tu-phap', 2],
  ]);
  expect(done.ranking!.invalid.map((i) => i.file)).toEqual(['ghi-chu.txt', 'mat.xlsx']);
  expect(done.sheets).toBeUndefined(); // built only when asked
});

test('progress: reading and read per file, then ranking; each awaited, and bytes taken only in the file’s turn', async () => {
  const log: string[] = [];
  const lazy = (name: string): SubmittedFile => ({
    name,
    bytes: async () => {
      log.push(`bytes ${name}`);
      return bytes[name];
    },
  });
  const onProgress = async (e: ConsolidationEvent) => {
    await Promise.resolve();
    log.push(e.step === 'ranking' ? 'ranking' : `${e.step} ${e.index}`);
  };
  await consolidate([lazy('noi-vu.xlsx'), lazy('tu-phap.xlsx')], { ...base, onProgress });
  expect(log).toEqual([
    'reading 0',
    'bytes noi-vu.xlsx',
    'read 0',
    'reading 1',
    'bytes tu-phap.xlsx',
    'read 1',
    'ranking',
  ]);
});

test('the reading of one file is one swappable call, given the received date of the manifest', async () => {
  const calls: [string, number, string | undefined][] = [];
  const read: ConsolidationOptions['read'] = (name, b, resolve, received) => {
    calls.push([name, b.length, received?.date]);
    return inputsFromXlsx(name, b, resolve, received);
  };
  const manifest = parseReceivedManifest('tệp,ngày nhận\nnoi-vu.xlsx,12/09/2019\n', 'csv');
  const done = await consolidate([file('noi-vu.xlsx'), file('tu-phap.xlsx')], {
    ...base,
    read,
    manifest,
  });
  expect(calls).toEqual([
    ['noi-vu.xlsx', bytes['noi-vu.xlsx'].length, '2019-09-12'],
    ['tu-phap.xlsx', bytes['tu-phap.xlsx'].length, undefined],
  ]);
  expect(done.files[0].received).toEqual({ date: '2019-09-12', source: 'manifest' });
  expect(done.files[1].received).toBeUndefined(); // no modification time unless asked
  const withTimes = await consolidate(
    [{ ...file('tu-phap.xlsx'), modified: () => new Date(2019, 8, 13, 12) }],
    { ...base, manifest, fileTimes: true },
  );
  expect(withTimes.files[0].received).toEqual({ date: '2019-09-13', source: 'mtime' });
});

test('forms of several rulebooks: the majority is ranked, with each host’s own advice', async () => {
  const files = ['noi-vu.xlsx', 'tu-phap.xlsx', 'pleiku.xlsx'].map(file);
  const cli = await consolidate(files, base);
  const pane = await consolidate(files, { ...base, audience: 'pane' });
  expect(cli.rulebook?.id).toBe(bt.id);
  const params = { rulebooks: `${bt.id}, ${gl.id}`, rulebook: bt.id };
  expect(cli.warnings).toEqual([msg('rankSeveralRulebooks', params)]);
  expect(pane.warnings).toEqual([msg('paneRankingSeveralRulebooks', params)]);
  // The rulebook named by the user wins, without a warning; forms of the other are invalid.
  const named = await consolidate(files, { ...base, rulebook: gl });
  expect(named.warnings).toEqual([]);
  expect(named.ranking!.invalid.map((i) => i.file)).toEqual(['noi-vu.xlsx', 'tu-phap.xlsx']);
});

test('a district (by name) is consolidated alone with its communes; an unknown one is refused', async () => {
  const files = ['pleiku.xlsx', 'dien-hong.xlsx', 'an-khe.xlsx'].map(file);
  const done = await consolidate(files, { ...base, district: 'Thành phố Pleiku' });
  const units = done.ranking!.tables.flatMap((tb) => tb.entries.map((e) => e.unitId));
  expect(units).toContain('tp-pleiku');
  expect(units).toContain('pleiku-dien-hong');
  expect(units).not.toContain('tx-an-khe');
  const unknown = await consolidate(files, { ...base, district: 'Huyện Không Có' });
  expect(unknown.refused).toEqual({
    why: 'unknownDistrict',
    reason: msg('rankUnknownUnit', { unit: 'Huyện Không Có', rulebook: gl.id }),
  });
  expect(unknown.ranking).toBeUndefined();
});

test('no readable form and no rulebook named: refused with each host’s reason, the files still listed', async () => {
  const files = [{ name: 'x.txt', bytes: new Uint8Array([1, 2, 3]) }];
  const cli = await consolidate(files, {
    ...base,
    notRead: [{ file: 'bao-cao.pdf', reason: msg('rankNotFormPdf') }],
  });
  expect(cli.refused).toEqual({ why: 'noRulebook', reason: msg('rankNoRulebook') });
  expect(cli.inputs.map((i) => i.file)).toEqual(['x.txt', 'bao-cao.pdf']);
  const pane = await consolidate(files, { ...base, audience: 'pane' });
  expect(pane.refused?.reason).toEqual(msg('paneRankingNoForms'));
});

test('sheets: "Tổng hợp" alone, or a stage’s documents, in the language asked', async () => {
  const files = [file('noi-vu.xlsx')];
  const plain = await consolidate(files, { ...base, sheets: { lang: 'en' } });
  expect(plain.sheets!.map((s) => s.sheetName)).toEqual([SUMMARY_SHEET]);
  const final = await consolidate(files, { ...base, sheets: { stage: 'final' } });
  expect(final.sheets!.map((s) => s.sheetName)).toEqual([SUMMARY_SHEET, APPENDIX_SHEET, AWARDS_SHEET]);
});

test('reference figures: compared with the counted forms; a table without its columns is refused', async () => {
  const files = [file('noi-vu.xlsx')];
  const unusable = await consolidate(files, {
    ...base,
    reference: { file: 'so-lieu.csv', rows: [{ cells: ['a', 'b'], line: 1 }], tolerance: 0 },
  });
  expect(unusable.refused?.why).toBe('unusableReference');
  expect(unusable.refused?.reason.vi).toContain('so-lieu.csv');
  expect(unusable.ranking).toBeDefined(); // the ranking is there; the host decides what to do
  const header = { cells: ['Đơn vị', 'Tiêu chí', 'Giá trị'], line: 1 };
  const checked = await consolidate(files, {
    ...base,
    reference: { file: 'so-lieu.csv', rows: [header], tolerance: 0 },
    sheets: {},
  });
  expect(checked.refused).toBeUndefined();
  expect(checked.crossChecks?.result.compared).toBe(0);
});

test('readAhead: a reader on another thread is handed the next files while one is taken in; outcomes stay in order', async () => {
  const names = ['noi-vu.xlsx', 'tu-phap.xlsx', 'pleiku.xlsx', 'dien-hong.xlsx', 'an-khe.xlsx'];
  const run = async (readAhead: number | undefined) => {
    let inFlight = 0;
    let most = 0;
    const startedBeforeTaken: number[] = [];
    const taken: string[] = [];
    const result = await consolidate(names.map(file), {
      ...base,
      ...(readAhead !== undefined ? { readAhead } : {}),
      // An asynchronous reader, as the pane's worker is: each file finishes a little later.
      read: async (name, data, resolve, received) => {
        startedBeforeTaken.push(taken.length);
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return inputsFromXlsx(name, data, resolve, received);
      },
      onProgress: (e) => void (e.step === 'read' && taken.push(e.file.name)),
    });
    return { result, most, startedBeforeTaken, taken };
  };
  const one = await run(undefined);
  const ahead = await run(2);
  expect(one.most).toBe(1);
  expect(one.startedBeforeTaken).toEqual([0, 1, 2, 3, 4]);
  expect(ahead.most).toBe(3);
  // Files 1 and 2 were handed over before file 0 was taken in.
  expect(ahead.startedBeforeTaken.slice(0, 3)).toEqual([0, 0, 0]);
  expect(ahead.taken).toEqual(names);
  expect(ahead.result.files.map((f) => f.status)).toEqual(one.result.files.map((f) => f.status));
  expect(ahead.result.ranking).toEqual(one.result.ranking);
});
