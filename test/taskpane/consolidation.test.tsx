/** @jest-environment jsdom */
/**
 * The consolidation view's state (state/useConsolidation.ts) and the view on it: chosen files → queued
 * → reading → read | invalid (with the reason in both languages) → ranking → the "Tổng hợp" sheet at the
 * host. Real .xlsx forms (planForm + writeFormXlsx), a text file, an empty file, a file the browser
 * cannot read and one too big to be a form: the bad ones are listed with their reasons, the good ones
 * ranked.
 */
import './setup';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { builtinRulebook, builtinRulebooks } from '../../src/core/rulebook/builtin';
import type { Rulebook } from '../../src/core/rulebook/schema';
import { msg, t } from '../../src/i18n';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import * as submissionModule from '../../src/xlsx/submission';
import * as readerModule from '../../src/xlsx/inputs';
import { SUMMARY_SHEET } from '../../src/report/summary';
import { LangContext } from '../../src/taskpane/state/lang';
import { RulebookLibrary } from '../../src/taskpane/state/rulebooks';
import { memoryStore } from '../../src/taskpane/state/storage';
import {
  consolidationReducer,
  initialConsolidation,
  manifestFrom,
  MAX_FILE_MB,
  progressOf,
  runConsolidation,
  type ConsolidationAction,
  type ConsolidationState,
  type SourceFile,
} from '../../src/taskpane/state/useConsolidation';
import RankingView from '../../src/taskpane/views/RankingView';
import { RankingResult } from '../../src/taskpane/views/ranking/RankingResult';
import { rank, type RankingInput } from '../../src/core/ranking';
import { HostDouble } from '../browser/fixtures/host-double';
import { annexOf, entriesWorth } from '../core/ranking/fixtures';

const bt = builtinRulebook('binh-thuan-2019')!;
const library = () => new RulebookLibrary(memoryStore(), builtinRulebooks());
afterEach(cleanup);

/** 13 September 2019, noon: on time for Bình Thuận's 15 September deadline. */
const SEPT_13 = new Date(2019, 8, 13, 12).getTime();

/** Each distinct form is written once per suite (ExcelJS takes about 0.1 s a form); every use gets its own copy. */
const written = new Map<string, Promise<Uint8Array>>();
async function formBytes(rb: Rulebook, annex: string, unitId: string, total: number): Promise<Uint8Array> {
  const key = `${rb.id} ${annex} ${unitId} ${total}`;
  if (!written.has(key)) {
    const unit = rb.units.find((u) => u.id === unitId)!;
    const plan = planForm(rb, annex, { id: unit.id, name: unit.name }, 2019, {
      entries: entriesWorth(annexOf(rb, annex), total),
    });
    written.set(key, writeFormXlsx(plan));
  }
  return (await written.get(key)!).slice();
}

const source = (name: string, bytes: Uint8Array, lastModified = SEPT_13): SourceFile => ({
  name,
  size: bytes.length,
  lastModified,
  bytes: async () => bytes,
});

let good: SourceFile[];
let goodBytes: Record<string, Uint8Array>;
const notXlsx = source('ghi-chu.txt', new TextEncoder().encode('Đây không phải bảng tính.'));
const empty = source('rong.xlsx', new Uint8Array());
const unreadable: SourceFile = {
  name: 'mat-quyen.xlsx',
  size: 10,
  lastModified: SEPT_13,
  bytes: async () => Promise.reject(new Error('NotReadableError')),
};
const huge: SourceFile = {
  name: 'qua-lon.xlsx',
  size: (MAX_FILE_MB + 1) * 1024 * 1024,
  lastModified: SEPT_13,
  bytes: async () => {
    throw new Error('must not be read');
  },
};

beforeAll(async () => {
  goodBytes = {
    'I-noi-vu.xlsx': await formBytes(bt, 'I', 'so-noi-vu', 480),
    'I-tu-phap.xlsx': await formBytes(bt, 'I', 'so-tu-phap', 430),
    'IV-phan-thiet.xlsx': await formBytes(bt, 'IV', 'tp-phan-thiet', 455),
  };
  good = Object.entries(goodBytes).map(([name, bytes]) => source(name, bytes));
}, 60_000);

/** Runs the consolidation, recording every action and the state after it. */
async function run(
  files: SourceFile[],
  host = new HostDouble(),
  options: {
    manifest?: Parameters<typeof runConsolidation>[1]['manifest'];
    asOf?: string;
    fileTimes?: boolean;
    district?: string;
  } = {},
) {
  let state: ConsolidationState = consolidationReducer(initialConsolidation('2019-09-30'), {
    type: 'add',
    files,
  });
  const actions: ConsolidationAction[] = [];
  let yields = 0;
  let loads = 0;
  await runConsolidation(
    files,
    {
      manifest: options.manifest,
      asOf: options.asOf ?? '2019-09-30',
      fileTimes: options.fileTimes,
      district: options.district,
    },
    {
      host,
      library: library(),
      lang: 'vi',
      yieldToUi: async () => void yields++,
      loadReader: async () => {
        loads++;
        return readerModule;
      },
    },
    (a) => {
      actions.push(a);
      state = consolidationReducer(state, a);
    },
  );
  return { state, actions, yields, loads, host };
}

describe('the consolidation state', () => {
  test('files are listed once, queued; the overall count follows their states', () => {
    let s = initialConsolidation('2019-09-30');
    s = consolidationReducer(s, { type: 'add', files: [good[0], good[1]] });
    s = consolidationReducer(s, { type: 'add', files: [good[1], good[2]] }); // the same file chosen again
    expect(s.files.map((f) => [f.file.name, f.status])).toEqual([
      ['I-noi-vu.xlsx', 'queued'],
      ['I-tu-phap.xlsx', 'queued'],
      ['IV-phan-thiet.xlsx', 'queued'],
    ]);
    s = consolidationReducer(s, { type: 'start' });
    s = consolidationReducer(s, { type: 'file', index: 0, patch: { status: 'ok', forms: 1 } });
    s = consolidationReducer(s, {
      type: 'file',
      index: 1,
      patch: { status: 'invalid', reason: msg('xlsxNotZip') },
    });
    expect(progressOf(s)).toEqual({ total: 3, done: 2, invalid: 1 });
    // while running, nothing can be added, cleared or changed
    expect(consolidationReducer(s, { type: 'add', files: [notXlsx] })).toBe(s);
    expect(consolidationReducer(s, { type: 'clear' })).toBe(s);
    expect(consolidationReducer(s, { type: 'asOf', asOf: '2019-10-01' })).toBe(s);
  });

  test('each file goes queued → reading → read, one at a time, with a pause for the browser between files', async () => {
    const { state, actions, yields, loads } = await run(good);
    expect(loads).toBe(1);
    const fileSteps = actions.flatMap((a) => (a.type === 'file' ? [`${a.index}:${a.patch.status}`] : []));
    expect(fileSteps).toEqual(['0:reading', '0:ok', '1:reading', '1:ok', '2:reading', '2:ok']);
    expect(yields).toBe(good.length + 1); // one before each file, one before ranking
    expect(actions.map((a) => a.type).filter((x) => x !== 'file')).toEqual([
      'start',
      'read',
      'ranked',
      'done',
    ]);
    expect(state.phase).toBe('done');
    expect(state.files.every((f) => f.status === 'ok' && f.forms === 1)).toBe(true);
    // A file's modification time is no evidence of when it was sent: not used unless asked.
    expect(state.files[0].received).toBeUndefined();
    expect(state.readMs).toBeGreaterThanOrEqual(0);
  });

  test('bad files are listed with their reasons; the good ones are ranked and written as "Tổng hợp"', async () => {
    const files = [good[0], notXlsx, good[1], empty, unreadable, huge, good[2]];
    const { state, host } = await run(files);
    const byName = Object.fromEntries(state.files.map((f) => [f.file.name, f]));
    expect(state.files.map((f) => f.status)).toEqual([
      'ok',
      'invalid',
      'ok',
      'invalid',
      'invalid',
      'invalid',
      'ok',
    ]);
    expect(byName['ghi-chu.txt'].reason).toEqual(msg('xlsxNotZip'));
    expect(byName['rong.xlsx'].reason?.vi).toBeTruthy();
    expect(byName['mat-quyen.xlsx'].reason).toEqual(
      msg('paneRankingUnreadable', { detail: 'NotReadableError' }),
    );
    expect(byName['qua-lon.xlsx'].reason).toEqual(
      msg('paneRankingTooBig', { size: MAX_FILE_MB + 1, max: MAX_FILE_MB }),
    );
    for (const f of state.files.filter((x) => x.status === 'invalid'))
      expect(f.reason!.en).not.toBe(f.reason!.vi); // both languages

    const { ranking, rulebook, written } = state.result!;
    expect(rulebook.id).toBe('binh-thuan-2019');
    const ranked = ranking.tables.flatMap((tb) =>
      tb.entries.filter((e) => e.status === 'ranked').map((e) => [tb.annex, e.unitId, e.rank]),
    );
    expect(ranked).toEqual([
      ['I', 'so-noi-vu', 1],
      ['I', 'so-tu-phap', 2],
      ['IV', 'tp-phan-thiet', 1],
    ]);
    expect(ranking.invalid.map((i) => i.file)).toEqual([
      'ghi-chu.txt',
      'rong.xlsx',
      'mat-quyen.xlsx',
      'qua-lon.xlsx',
    ]);
    expect(ranking.receivedSource).toBe('none');
    // Without a received-dates list the ranking warns once, and the pane's result carries the warning.
    expect(state.result!.warnings).toContainEqual(msg('rankWarnNoReceivedDates'));
    expect(written).toEqual({ sheetNames: [SUMMARY_SHEET] });
    expect(host.reports).toHaveLength(1);
    expect(host.reports[0][0].sheetName).toBe(SUMMARY_SHEET);
    // the sheet says where the received dates came from
    expect(
      host.reports[0][0].cells.some(
        (c) => typeof c.value === 'string' && c.value.startsWith(t('vi', 'reportReceivedNone')),
      ),
    ).toBe(true);
  });

  test('received dates come from the manifest when it lists the file; else none, or the modification time only when asked', async () => {
    const manifest = manifestFrom('ngay-nhan.csv', 'Tệp,Ngày nhận\nI-noi-vu.xlsx,24/09/2019\n');
    expect('manifest' in manifest).toBe(true);
    const listed = 'manifest' in manifest ? manifest.manifest : undefined;
    const plain = (await run(good, new HostDouble(), { manifest: listed })).state;
    expect(plain.files[1].received).toBeUndefined();
    expect(plain.result!.ranking.receivedSource).toBe('manifest');
    expect(plain.result!.warnings).toContainEqual(msg('rankWarnSomeUndated', { count: 2 }));
    const { state } = await run(good, new HostDouble(), { manifest: listed, fileTimes: true });
    expect(state.files[0].received).toEqual({ date: '2019-09-24', source: 'manifest' });
    expect(state.files[1].received).toEqual({ date: '2019-09-13', source: 'mtime' });
    const noiVu = state.result!.ranking.tables[0].entries.find((e) => e.unitId === 'so-noi-vu')!;
    expect(noiVu.status).toBe('late'); // 24/9 is after 15/9 + 5 working days
    expect(state.result!.ranking.receivedSource).toBe('mixed');
  });

  test('a manifest from which no date can be taken is refused with its reason', () => {
    const refused = manifestFrom('ngay.csv', 'a,b\nx,y\n');
    expect('error' in refused && refused.error.vi).toContain('ngay.csv');
  });

  test('an exception inside the reader becomes an invalid file, and the batch goes on', async () => {
    const real = submissionModule.readSubmissionsFromXlsx;
    const spy = jest
      .spyOn(submissionModule, 'readSubmissionsFromXlsx')
      .mockImplementation((bytes, resolve) => {
        if (bytes === goodBytes['I-tu-phap.xlsx']) throw new RangeError('offset is out of bounds');
        return real(bytes, resolve);
      });
    try {
      const { state } = await run(good);
      expect(state.files.map((f) => f.status)).toEqual(['ok', 'invalid', 'ok']);
      expect(state.files[1].reason).toEqual(msg('xlsxDamaged', { detail: 'offset is out of bounds' }));
      expect(state.result!.ranking.invalid).toEqual([
        { file: 'I-tu-phap.xlsx', reason: msg('xlsxDamaged', { detail: 'offset is out of bounds' }) },
      ]);
    } finally {
      spy.mockRestore();
    }
  });

  test('with no readable form nothing is ranked, and the reasons are still listed', async () => {
    const host = new HostDouble();
    const { state } = await run([notXlsx, empty], host);
    expect(state.error).toEqual(msg('paneRankingNoForms'));
    expect(state.result).toBeUndefined();
    expect(state.files.map((f) => f.status)).toEqual(['invalid', 'invalid']);
    expect(host.reports).toHaveLength(0);
  });

  test('a district is consolidated alone with its communes, as `scorecard rank --district`; an unknown one is refused', async () => {
    const gl = builtinRulebook('gia-lai-2019')!;
    const districtFiles = [
      source('pleiku.xlsx', await formBytes(gl, 'huyen', 'tp-pleiku', 90)),
      source('dien-hong.xlsx', await formBytes(gl, 'xa', 'pleiku-dien-hong', 85)),
      source('an-khe.xlsx', await formBytes(gl, 'huyen', 'tx-an-khe', 95)),
    ];
    let s = initialConsolidation('2019-11-01');
    s = consolidationReducer(s, { type: 'district', district: 'Thành phố Pleiku' });
    expect(consolidationReducer(s, { type: 'clear' }).district).toBe('Thành phố Pleiku');
    const { state } = await run(districtFiles, new HostDouble(), {
      asOf: '2019-11-01',
      district: s.district,
    });
    const units = state.result!.ranking.tables.flatMap((tb) => tb.entries.map((e) => e.unitId));
    expect(units).toEqual(expect.arrayContaining(['tp-pleiku', 'pleiku-dien-hong']));
    expect(units).not.toContain('tx-an-khe');
    const host = new HostDouble();
    const unknown = await run(districtFiles, host, { district: 'Huyện Không Có' });
    expect(unknown.state.error).toEqual(
      msg('rankUnknownUnit', { unit: 'Huyện Không Có', rulebook: 'gia-lai-2019' }),
    );
    expect(host.reports).toHaveLength(0);
  }, 60_000);

  test('a host that cannot write sheets still shows the ranking; a failed write is reported with it', async () => {
    const noWriter = new HostDouble();
    (noWriter as { writeReport?: unknown }).writeReport = undefined;
    expect((await run(good, noWriter)).state.result!.written).toEqual({ unavailable: true });

    const failing = new HostDouble();
    failing.writeReport = async () => {
      throw new Error('RequestPayloadSizeLimitExceeded');
    };
    const { state } = await run(good, failing);
    expect(state.result!.written).toEqual({
      error: { vi: 'RequestPayloadSizeLimitExceeded', en: 'RequestPayloadSizeLimitExceeded' },
    });
    expect(state.result!.ranking.tables.map((tb) => tb.annex)).toEqual(['I', 'II', 'III', 'IV']);
  });
});

describe('the view', () => {
  const renderView = (host: HostDouble, lang: 'vi' | 'en' = 'vi') =>
    render(
      <FluentProvider theme={webLightTheme}>
        <LangContext.Provider value={lang}>
          <RankingView host={host} library={library()} />
        </LangContext.Provider>
      </FluentProvider>,
    );
  const file = (name: string, bytes: Uint8Array) =>
    new File([bytes as BlobPart], name, { lastModified: SEPT_13 });

  test('choose files → progress per file → a compact table per annex, the invalid file with its reason, the sheet written', async () => {
    const host = new HostDouble();
    renderView(host);
    const input = screen.getByTestId('files-input');
    const files = [
      ...Object.entries(goodBytes).map(([n, b]) => file(n, b)),
      file('ghi-chu.txt', new TextEncoder().encode('x')),
    ];
    act(() => {
      fireEvent.change(input, { target: { files } });
    });
    expect(screen.getAllByTestId('file-row').map((r) => r.getAttribute('data-status'))).toEqual([
      'queued',
      'queued',
      'queued',
      'queued',
    ]);
    fireEvent.click(screen.getByTestId('start-ranking'));
    await screen.findByTestId('written', {}, { timeout: 10_000 });

    expect(screen.getAllByTestId('file-row').map((r) => r.getAttribute('data-status'))).toEqual([
      'ok',
      'ok',
      'ok',
      'invalid',
    ]);
    expect(screen.getByTestId('written').textContent).toContain(`"${SUMMARY_SHEET}"`);
    const tables = screen.getAllByTestId('annex-result');
    // the annexes with a form; units without one are listed once, below
    expect(tables.map((tb) => tb.getAttribute('data-annex'))).toEqual(['I', 'IV']);
    expect(
      screen.getAllByTestId('ranking-row').some((r) => r.getAttribute('data-status') === 'missing'),
    ).toBe(false);
    expect(
      within(screen.getByTestId('missing-units')).getByText(
        `Văn phòng UBND tỉnh (${t('vi', 'reportColAnnex')} II)`,
      ),
    ).toBeTruthy();
    const rows = within(tables[0]).getAllByTestId('ranking-row');
    expect(rows[0].textContent).toContain('Sở Nội vụ');
    expect(rows[0].textContent).toContain('480');
    expect(within(rows[0]).getByTestId('ranking-band').textContent).toBe('Tốt');
    expect(within(screen.getByTestId('invalid-files')).getByText('ghi-chu.txt')).toBeTruthy();
    expect(within(screen.getByTestId('invalid-files')).getByText(t('vi', 'xlsxNotZip'))).toBeTruthy();
    expect(screen.getByTestId('received-source').textContent).toBe(t('vi', 'reportReceivedNone')); // file times are not used
    expect(screen.getByTestId('files').getAttribute('data-files')).toBe('4');
    expect(screen.queryByText(/tệp\/giây/)).toBeNull(); // no speed figure for the official
    expect(screen.queryByTestId('reconstructed')).toBeNull(); // said once, in the results view, not under the ranking
    expect(screen.getAllByTestId('deadline')[0].textContent).toContain('15/09/2019');
    // The ranking shows the rulebook's assumptions, each with its reason.
    const assumptions = screen.getByTestId('ranking-assumptions').textContent!;
    for (const a of bt.assumptions) expect(assumptions).toContain(a.what.vi);
    expect(assumptions).toContain('Lý do: ');
    expect(host.reports).toHaveLength(1);
  });

  test('in English, with a manifest; running again replaces the result', async () => {
    const host = new HostDouble();
    renderView(host, 'en');
    await act(async () => {
      fireEvent.change(screen.getByTestId('manifest-input'), {
        target: { files: [new File(['file;received\nI-noi-vu.xlsx;2019-09-12\n'], 'received.csv')] },
      });
    });
    await screen.findByTestId('manifest-loaded');
    expect(screen.getByTestId('manifest-loaded').textContent).toBe(
      t('en', 'paneRankingManifestLoaded', { file: 'received.csv', count: 1 }),
    );
    act(() => {
      fireEvent.change(screen.getByTestId('files-input'), {
        target: { files: [file('I-noi-vu.xlsx', goodBytes['I-noi-vu.xlsx'])] },
      });
    });
    fireEvent.click(screen.getByTestId('start-ranking'));
    await screen.findByTestId('written', {}, { timeout: 10_000 });
    expect(screen.getByTestId('file-status').textContent).toBe(
      `${t('en', 'paneRankingOk')} · ${t('en', 'paneRankingReceivedManifest', { date: '12/09/2019' })}`,
    );
    fireEvent.click(screen.getByTestId('start-ranking'));
    await waitFor(() => expect(host.reports).toHaveLength(2), { timeout: 10_000 });
    await screen.findByTestId('written');
    expect(screen.getAllByTestId('annex-result')).toHaveLength(1); // replaced, not appended
    expect(screen.getAllByTestId('file-row')).toHaveLength(1);
  });
  test('a district typed in the view is consolidated alone, as `scorecard rank --district`', async () => {
    const gl = builtinRulebook('gia-lai-2019')!;
    const anKhe = gl.units.find((u) => u.id === 'tx-an-khe')!;
    const host = new HostDouble();
    renderView(host);
    act(() => {
      fireEvent.change(screen.getByTestId('district'), { target: { value: 'Thành phố Pleiku' } });
    });
    const files = [
      file('pleiku.xlsx', await formBytes(gl, 'huyen', 'tp-pleiku', 90)),
      file('an-khe.xlsx', await formBytes(gl, 'huyen', 'tx-an-khe', 95)),
    ];
    act(() => {
      fireEvent.change(screen.getByTestId('files-input'), { target: { files } });
    });
    fireEvent.click(screen.getByTestId('start-ranking'));
    await screen.findByTestId('written', {}, { timeout: 10_000 });
    const rows = screen.getAllByTestId('ranking-row').map((r) => r.textContent);
    expect(rows.some((r) => r?.includes('Pleiku'))).toBe(true);
    expect(rows.some((r) => r?.includes(anKhe.name))).toBe(false);
    expect(host.reports[0][0].cells.some((c) => c.value === anKhe.name)).toBe(false);
  }, 60_000);
});

describe('the ranking table at the decisions’ edges', () => {
  const form = (annex: string, unitId: string, total: number, received = '2019-09-13'): RankingInput => {
    const unit = bt.units.find((u) => u.id === unitId)!;
    const meta = {
      rulebookId: bt.id,
      rulebookVersion: bt.version,
      rulebookHash: '',
      annex,
      unitId,
      unitName: unit.name,
      year: 2019,
      layoutVersion: 1,
    };
    return {
      file: `${unitId}.xlsx`,
      received: { date: received, source: 'manifest' },
      submission: { meta, entries: entriesWorth(annexOf(bt, annex), total), appraisals: {}, altered: [] },
    };
  };

  test('a tie at annex II’s single award is marked for the council; a late form shows neither total nor band', () => {
    const ranking = rank(bt, [
      form('II', 'van-phong-ubnd-tinh', 400),
      form('II', 'thanh-tra-tinh', 400),
      form('I', 'so-y-te', 480, '2019-09-30'),
      form('I', 'so-noi-vu', 460),
    ]);
    render(
      <FluentProvider theme={webLightTheme}>
        <LangContext.Provider value="vi">
          <RankingResult ranking={ranking} rulebook={bt} />
        </LangContext.Provider>
      </FluentProvider>,
    );
    const II = screen.getAllByTestId('annex-result').find((s) => s.getAttribute('data-annex') === 'II')!;
    expect(
      within(II)
        .getAllByTestId('ranking-award-tie')
        .map((b) => b.textContent),
    ).toEqual([t('vi', 'reportAwardTie'), t('vi', 'reportAwardTie')]);
    expect(within(II).queryByText(t('vi', 'paneRankingAward'))).toBeNull();
    const I = screen.getAllByTestId('annex-result').find((s) => s.getAttribute('data-annex') === 'I')!;
    const late = within(I)
      .getAllByTestId('ranking-row')
      .find((r) => r.getAttribute('data-status') === 'late')!;
    expect(late.textContent).not.toContain('480');
    expect(within(late).queryByTestId('ranking-band')).toBeNull();
    expect(within(late).getByTestId('ranking-status').textContent).toBe(t('vi', 'rankStatusLate'));
  });
});
