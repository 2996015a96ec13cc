/** @jest-environment jsdom */
/**
 * The ranking view's year over year and index: last year's ranking (.json, as `scorecard rank --json`
 * writes it) and a unit map chosen in the view reach consolidate() as `previous`; the result shows the
 * index column, last year's rank and total and the change per unit; bad files are refused with a
 * located reason in both languages.
 */
import './setup';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { builtinRulebook, builtinRulebooks } from '../../src/core/rulebook/builtin';
import { formAnnex } from '../../src/core/rulebook/applies';
import type { Rulebook } from '../../src/core/rulebook/schema';
import { msg, t } from '../../src/i18n';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import { LangContext } from '../../src/taskpane/state/lang';
import {
  previousFrom,
  previousFromFile,
  previousOption,
  withUnitMap,
} from '../../src/taskpane/state/previous';
import { rank } from '../../src/core/ranking';
import { summarySheet } from '../../src/report';
import { previousFromJson, rankingJson } from '../../src/report/json';
import { RESULTS_SHEET, resultsSheet } from '../../src/report/results-sheet';
import { writeReportXlsx } from '../../src/xlsx/report';
import { RulebookLibrary } from '../../src/taskpane/state/rulebooks';
import { memoryStore } from '../../src/taskpane/state/storage';
import { consolidationReducer, initialConsolidation } from '../../src/taskpane/state/useConsolidation';
import RankingView from '../../src/taskpane/views/RankingView';
import { HostDouble } from '../browser/fixtures/host-double';
import { annexOf, entriesWorth, form } from '../core/ranking/fixtures';

afterEach(cleanup);
const bt = builtinRulebook('binh-thuan-2019')!;
const library = () => new RulebookLibrary(memoryStore(), builtinRulebooks());
const SEPT_13 = new Date(2019, 8, 13, 12).getTime();

/**
 * Each distinct workbook is written once per suite (ExcelJS takes about 0.1 s a workbook, and the tests
 * choose the same ones again); every use gets its own copy of the bytes.
 */
const written = new Map<string, Promise<Uint8Array>>();
async function writtenOnce(key: string, write: () => Promise<Uint8Array>): Promise<Uint8Array> {
  if (!written.has(key)) written.set(key, write());
  return (await written.get(key)!).slice();
}

async function formFile(rb: Rulebook, annex: string, unitId: string, total: number, name: string) {
  const unit = rb.units.find((u) => u.id === unitId)!;
  const bytes = await writtenOnce(`${rb.id} ${annex} ${unitId} ${total}`, () =>
    writeFormXlsx(
      planForm(rb, annex, { id: unit.id, name: unit.name }, 2019, {
        entries: entriesWorth(formAnnex(rb, annexOf(rb, annex), unitId), total),
      }),
    ),
  );
  return new File([bytes as BlobPart], name, { lastModified: SEPT_13 });
}

/** Last year's ranking as `scorecard rank --json` prints it (the parts previousFromJson reads). */
const lastYear = JSON.stringify({
  groups: [
    {
      entries: [
        {
          unitId: 'so-tu-phap',
          unit: 'Sở Tư pháp',
          counted: true,
          total: 450,
          index: 0.9,
          rank: 1,
          band: 'Tốt',
        },
        {
          unitId: 'so-noi-vu',
          unit: 'Sở Nội vụ',
          counted: true,
          total: 400,
          index: 0.8,
          rank: 2,
          band: 'Khá',
        },
        { unitId: 'so-gtvt', unit: 'Sở Giao thông vận tải', counted: true, total: 300, index: 0.6, rank: 3 },
      ],
    },
  ],
});
const text = (name: string, body: string) => new File([body], name);

/** Last year's Bình Thuận ranking of annex I, and its workbook as `scorecard rank -o` writes it. */
const lastRanking = rank(
  bt,
  [
    ['so-tu-phap', 450],
    ['so-noi-vu', 400],
    ['so-gtvt', 300],
  ].map(([unitId, total]) =>
    form(bt, 'I', unitId as string, {
      entries: entriesWorth(annexOf(bt, 'I'), total as number),
      received: '2018-09-13',
    }),
  ),
  { asOf: '2018-09-30' },
);
const rankingWorkbook = (withResults = true) =>
  writtenOnce(`ranking ${withResults}`, () =>
    writeReportXlsx([summarySheet(bt, lastRanking)], withResults ? [resultsSheet(lastRanking)] : []),
  );
const bytesOf = (body: string) => new TextEncoder().encode(body);

const renderView = (lang: 'vi' | 'en' = 'vi') =>
  render(
    <FluentProvider theme={webLightTheme}>
      <LangContext.Provider value={lang}>
        <RankingView host={new HostDouble()} library={library()} />
      </LangContext.Provider>
    </FluentProvider>,
  );

async function choose(testId: string, file: File) {
  // the FileReader answers on a later task

  await act(async () => {
    fireEvent.change(screen.getByTestId(testId), { target: { files: [file] } });
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
}

describe("last year's results, read", () => {
  test('a ranking JSON gives its counted units; anything else is refused naming the file, in both languages', () => {
    const ok = previousFrom('2018.json', `\uFEFF${lastYear}`);
    expect('results' in ok && ok.results.map((r) => [r.unitId, r.rank, r.total])).toEqual([
      ['so-tu-phap', 1, 450],
      ['so-noi-vu', 2, 400],
      ['so-gtvt', 3, 300],
    ]);
    expect(previousFrom('x.json', '{not json')).toEqual({
      file: 'x.json',
      error: msg('previousNotARanking', { file: 'x.json' }),
    });
    expect(previousFrom('y.json', '{"rows": []}')).toEqual({
      file: 'y.json',
      error: msg('previousNotARanking', { file: 'y.json' }),
    });
    const none = previousFrom('z.json', '{"groups": [{"entries": []}]}');
    expect(none).toEqual({ file: 'z.json', error: msg('previousNotARanking', { file: 'z.json' }) });
    const error = 'error' in none ? none.error : undefined;
    expect(error!.vi).toContain('z.json');
    expect(error!.en).toContain('z.json');
    expect(error!.en).not.toBe(error!.vi);
  });

  test('the unit map joins loaded results; the option is what consolidate takes; the state keeps it across a clear', () => {
    const loaded = withUnitMap(previousFrom('2018.json', lastYear), 'map.csv', 'cũ,mới\nso-gtvt,so-noi-vu\n');
    expect(previousOption(loaded)).toEqual({
      results: expect.any(Array),
      unitMap: [{ from: 'so-gtvt', to: 'so-noi-vu', line: 2 }],
    });
    expect(previousOption(previousFrom('x.json', '{'))).toBeUndefined();
    let state = consolidationReducer(initialConsolidation('2019-09-30'), {
      type: 'previous',
      previous: loaded,
    });
    state = consolidationReducer(state, { type: 'clear' });
    expect(state.previous).toBe(loaded);
    state = consolidationReducer(state, { type: 'previous', previous: undefined });
    expect(state.previous).toBeUndefined();
  });
});

describe("last year's ranking workbook, read", () => {
  test('the workbook of `rank -o` gives the same results as its JSON; a JSON chosen as bytes reads as before', async () => {
    const fromXlsx = await previousFromFile('xep-hang-2018.xlsx', await rankingWorkbook());
    const fromJson = previousFromJson(rankingJson(lastRanking), 'xep-hang-2018.json');
    expect(fromJson.map((r) => r.unitId).slice(0, 2)).toEqual(['so-tu-phap', 'so-noi-vu']);
    expect(fromJson).toHaveLength(3);
    expect('results' in fromXlsx && fromXlsx.results).toEqual(fromJson);
    // recognised by its content, whatever its name
    expect(await previousFromFile('ket-qua', await rankingWorkbook())).toEqual({
      file: 'ket-qua',
      results: fromJson,
    });
    expect(await previousFromFile('2018.json', bytesOf(`\uFEFF${lastYear}`))).toEqual(
      previousFrom('2018.json', lastYear),
    );
  });

  test('a workbook without results, a damaged one: the command line’s reasons, naming the file, in both languages', async () => {
    const none = await previousFromFile('tong-hop-cu.xlsx', await rankingWorkbook(false));
    expect(none).toEqual({
      file: 'tong-hop-cu.xlsx',
      error: msg('previousXlsxNoResults', { file: 'tong-hop-cu.xlsx' }),
    });
    const whole = await rankingWorkbook();
    const broken = await previousFromFile('hong.xlsx', whole.slice(0, whole.length >> 1));
    expect(broken).toEqual({
      file: 'hong.xlsx',
      error: msg('previousXlsxUnreadable', { file: 'hong.xlsx' }),
    });
    const notZip = await previousFromFile('gia.xlsx', bytesOf('không phải sổ Excel'));
    expect(notZip).toEqual({ file: 'gia.xlsx', error: msg('previousXlsxUnreadable', { file: 'gia.xlsx' }) });
    for (const state of [none, broken]) {
      const error = 'error' in state ? state.error : undefined;
      expect(error!.vi).not.toBe(error!.en);
      expect(error!.en).toContain(state.file);
    }
  });
});

describe('the view', () => {
  test('a ranking workbook chosen as last year’s results; one without them is refused with the reason', async () => {
    renderView('en');
    await choose('previous-input', new File([(await rankingWorkbook(false)) as BlobPart], 'cu.xlsx'));
    expect(screen.getByTestId('previous-error').textContent).toBe(
      t('en', 'previousXlsxNoResults', { file: 'cu.xlsx' }),
    );
    await choose('previous-input', new File([(await rankingWorkbook()) as BlobPart], 'xep-hang-2018.xlsx'));
    expect(screen.queryByTestId('previous-error')).toBeNull();
    expect(screen.getByTestId('previous-loaded').textContent).toBe(
      t('en', 'panePreviousLoaded', { file: 'xep-hang-2018.xlsx', count: 3 }),
    );
    await choose('files-input', await formFile(bt, 'I', 'so-noi-vu', 480, 'I-noi-vu.xlsx'));
    fireEvent.click(screen.getByTestId('start-ranking'));
    await screen.findByTestId('written', {}, { timeout: 15_000 });
    const cell = screen.getByTestId('ranking-previous');
    expect(within(cell).getByTestId('previous-change').textContent).toBe(
      `${t('en', 'panePreviousChange', { total: '+80' })} · ↑1`,
    );
  });

  test('the ranking button hands the host the results sheet, for next year', async () => {
    const host = new HostDouble();
    render(
      <FluentProvider theme={webLightTheme}>
        <LangContext.Provider value="vi">
          <RankingView host={host} library={library()} />
        </LangContext.Provider>
      </FluentProvider>,
    );
    await choose('files-input', await formFile(bt, 'I', 'so-noi-vu', 480, 'I-noi-vu.xlsx'));
    fireEvent.click(screen.getByTestId('start-ranking'));
    await screen.findByTestId('written', {}, { timeout: 15_000 });
    expect(host.hidden).toHaveLength(1);
    const [sheet] = host.hidden[0];
    expect(sheet.sheetName).toBe(RESULTS_SHEET);
    expect(sheet.state).toBe('veryHidden');
    expect(sheet.cells.some((c) => c.value === 'so-noi-vu')).toBe(true);
  });

  test('an annex ranked on the index: last year’s index and the change in index, 4 decimals', async () => {
    const dti = builtinRulebook('dti-2025')!;
    const last = JSON.stringify({
      groups: [
        {
          entries: [
            { unitId: 'so-noi-vu', unit: 'Sở Nội vụ', counted: true, total: 500, index: 0.5, rank: 1 },
          ],
        },
      ],
    });
    for (const lang of ['vi', 'en'] as const) {
      renderView(lang);
      await choose('files-input', await formFile(dti, 'SO', 'so-noi-vu', 800, 'noi-vu.xlsx'));
      await choose('previous-input', text('2024.json', last));
      await act(async () => {
        fireEvent.change(screen.getByTestId('as-of'), { target: { value: '31/12/2025' } });
      });
      fireEvent.click(screen.getByTestId('start-ranking'));
      const cell = await screen.findByTestId('ranking-previous', {}, { timeout: 15_000 });
      const index = Number(screen.getByTestId('ranking-index').textContent!.replace(',', '.'));
      const change = (Math.round((index - 0.5) * 10000) / 10000).toFixed(4);
      const local = (s: string) => (lang === 'vi' ? s.replace('.', ',') : s);
      expect(cell.textContent).toContain(`${t(lang, 'panePreviousRank', { rank: 1 })} · ${local('0.5000')}`);
      expect(within(cell).getByTestId('previous-change').textContent).toBe(
        t(lang, 'panePreviousChangeIndex', { index: `+${local(change)}` }),
      );
      cleanup();
    }
  });

  test('index column, last year’s rank and total and the change per unit', async () => {
    renderView();
    await choose('files-input', await formFile(bt, 'I', 'so-noi-vu', 480, 'I-noi-vu.xlsx'));
    await choose('files-input', await formFile(bt, 'I', 'so-tu-phap', 430, 'I-tu-phap.xlsx'));
    await choose('previous-input', text('2018.json', lastYear));
    expect(screen.getByTestId('previous-loaded').textContent).toBe(
      t('vi', 'panePreviousLoaded', { file: '2018.json', count: 3 }),
    );
    fireEvent.click(screen.getByTestId('start-ranking'));
    await screen.findByTestId('written', {}, { timeout: 15_000 });
    const table = screen.getAllByTestId('annex-result').find((x) => x.getAttribute('data-annex') === 'I')!;
    const rows = within(table).getAllByTestId('ranking-row');
    expect(rows[0].textContent).toContain('Sở Nội vụ');
    const max = annexOf(bt, 'I').max;
    expect(within(rows[0]).getByTestId('ranking-index').textContent).toBe(
      (Math.round((480 / max) * 10000) / 10000).toFixed(4).replace('.', ','),
    );
    // Sở Nội vụ: 2nd last year with 400, first now with 480
    const nv = within(rows[0]).getByTestId('ranking-previous').textContent!;
    expect(nv).toContain(`${t('vi', 'panePreviousRank', { rank: 2 })} · 400`);
    expect(nv).toContain(t('vi', 'panePreviousChange', { total: '+80' }));
    expect(nv).toContain('↑1');
    // Sở Tư pháp: first last year with 450, second now with 430
    const tp = within(rows[1]).getByTestId('ranking-previous').textContent!;
    expect(tp).toContain(t('vi', 'panePreviousChange', { total: '−20' }));
    expect(tp).toContain('↓1');
    expect(screen.queryByTestId('ranked-on-index')).toBeNull(); // Bình Thuận ranks on points
  });

  test('an annex ranked on the index ranks by it and says so: a sở without procedures ahead on fewer points', async () => {
    const dti = builtinRulebook('dti-2025')!;
    const vpMax = formAnnex(dti, annexOf(dti, 'SO'), 'vp-ubnd').max;
    expect(vpMax).toBeLessThan(800);
    renderView();
    await choose('files-input', await formFile(dti, 'SO', 'so-noi-vu', 800, 'noi-vu.xlsx'));
    await choose('files-input', await formFile(dti, 'SO', 'vp-ubnd', vpMax - 10, 'vp-ubnd.xlsx'));
    await act(async () => {
      fireEvent.change(screen.getByTestId('as-of'), { target: { value: '31/12/2025' } });
    });
    fireEvent.click(screen.getByTestId('start-ranking'));
    await screen.findByTestId('ranking-result', {}, { timeout: 15_000 });
    await screen.findAllByTestId('ranking-row', {}, { timeout: 15_000 });
    expect(screen.getByTestId('ranked-on-index').textContent).toBe(t('vi', 'paneRankingOnIndex'));
    const rows = screen.getAllByTestId('ranking-row');
    const idx = rows.map((r) =>
      Number(within(r).getByTestId('ranking-index').textContent!.replace(',', '.')),
    );
    expect(idx[1]).toBe(
      Math.round((800 / formAnnex(dti, annexOf(dti, 'SO'), 'so-noi-vu').max) * 10000) / 10000,
    );
    expect(idx[0]).toBeGreaterThan(idx[1]);
    expect(rows[0].textContent).toContain(dti.units.find((u) => u.id === 'vp-ubnd')!.name);
  });

  test('a merged unit compares with the mean of its predecessors (unit map), and says so', async () => {
    renderView('en');
    await choose('files-input', await formFile(bt, 'I', 'so-noi-vu', 480, 'I-noi-vu.xlsx'));
    await choose('previous-input', text('2018.json', lastYear));
    await choose('unit-map-input', text('map.csv', 'old,new\nSở Giao thông vận tải,Sở Nội vụ\n'));
    expect(screen.getByTestId('previous-loaded').textContent).toContain(
      t('en', 'panePreviousMapLoaded', { file: 'map.csv', count: 1 }),
    );
    fireEvent.click(screen.getByTestId('start-ranking'));
    await screen.findByTestId('written', {}, { timeout: 15_000 });
    const cell = screen.getByTestId('ranking-previous');
    // mean of 400 and 300; a mean has no rank
    expect(cell.textContent).toContain('350');
    expect(cell.textContent).not.toContain(t('en', 'panePreviousRank', { rank: 2 }));
    expect(within(cell).getByTestId('previous-change').textContent).toBe(
      t('en', 'panePreviousChange', { total: '+130' }),
    );
    expect(within(cell).getByTestId('previous-mean-of').textContent).toBe(
      t('en', 'previousMeanOf', { units: 'Sở Nội vụ, Sở Giao thông vận tải' }),
    );
  });

  test('a bad file is refused with its name; a unit map naming an unknown unit stops the ranking at its line', async () => {
    renderView();
    await choose('previous-input', text('nam-truoc.json', 'không phải JSON'));
    expect(screen.getByTestId('previous-error').textContent).toBe(
      t('vi', 'previousNotARanking', { file: 'nam-truoc.json' }),
    );
    expect(screen.queryByTestId('choose-unit-map')).toBeNull();
    await choose('previous-input', text('2018.json', lastYear));
    expect(screen.queryByTestId('previous-error')).toBeNull();
    await choose('unit-map-input', text('map.csv', 'cũ,mới\nSở Không Có,Sở Nội vụ\n'));
    await choose('files-input', await formFile(bt, 'I', 'so-noi-vu', 480, 'I-noi-vu.xlsx'));
    fireEvent.click(screen.getByTestId('start-ranking'));
    const error = await screen.findByTestId('ranking-error', {}, { timeout: 15_000 });
    expect(error.textContent).toBe(
      t('vi', 'previousUnitMapUnknownOld', { line: 2, column: 1, unit: 'Sở Không Có' }),
    );
  });
});
