/** @jest-environment jsdom */
/**
 * Reviewer mode in the pane, on the real Office.js host over the recording double (with comments):
 * an appraisal entered in the pane lands as a comment on the right cell and a row of the log, and the
 * summary of differences shows the unit's changed total; validation, the remembered reviewer, the
 * fallback notice, and a host without reviewer mode.
 */
import './setup';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { builtinRulebook, builtinRulebooks } from '../../src/core/rulebook/builtin';
import { APPRAISAL_LOG_SHEET } from '../../src/core/appraisal';
import { ExcelHost } from '../../src/excel/host';
import { planForm } from '../../src/form/plan';
import { a1 } from '../../src/sheet/a1';
import type { WorkbookHost } from '../../src/host/types';
import { LangContext } from '../../src/taskpane/state/lang';
import { RulebookLibrary } from '../../src/taskpane/state/rulebooks';
import { memoryStore, type KeyValueStore } from '../../src/taskpane/state/storage';
import { REVIEWER_KEY } from '../../src/taskpane/state/useReviewer';
import ReviewerView from '../../src/taskpane/views/ReviewerView';
import { ExcelDouble } from '../excel/double';
import { CommentsDouble } from '../excel/comments-double';
import { HostDouble } from '../browser/fixtures/host-double';
import { annexOf, fullEntries } from '../core/ranking/fixtures';

const bt = builtinRulebook('binh-thuan-2019')!;
const plan = planForm(bt, 'I', { id: 'so-y-te', name: 'Sở Y tế' }, 2019, {
  entries: fullEntries(annexOf(bt, 'I')),
});
const at = (name: string) => {
  const n = plan.names.find((x) => x.name === name)!;
  return a1(n.row, n.col);
};
afterEach(cleanup);
// jsdom's global scope lacks structuredClone, which the recording double uses
if (typeof globalThis.structuredClone === 'undefined')
  globalThis.structuredClone = ((v: unknown) =>
    v === undefined ? v : JSON.parse(JSON.stringify(v))) as typeof structuredClone;

async function excel(apiVersion = '1.14') {
  const d = new ExcelDouble({ apiVersion, nullObjects: 'propagate' });
  const c = new CommentsDouble(d);
  const host = new ExcelHost(c.run as never, { requirements: d.requirements });
  const { sheetName } = await host.insertForm(plan);
  return { d, c, host, sheetName };
}

function renderView(host: WorkbookHost, store: KeyValueStore = memoryStore(), lang: 'vi' | 'en' = 'vi') {
  const library = new RulebookLibrary(store, builtinRulebooks());
  return render(
    <FluentProvider theme={webLightTheme}>
      <LangContext.Provider value={lang}>
        <ReviewerView host={host} library={library} store={store} changes={0} />
      </LangContext.Provider>
    </FluentProvider>,
  );
}

const type = (testId: string, value: string) => {
  const el = screen.getByTestId(testId);
  const input = (
    el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' ? el : el.querySelector('input,textarea')
  ) as HTMLInputElement;
  fireEvent.change(input, { target: { value } });
};

test('the selected criterion is appraised: comment on its self-score cell, log row, summary of differences', async () => {
  const { d, c, host, sheetName } = await excel();
  await host.selectName('IN_1_1_value'); // the user's selection in Excel: criterion 1.1
  const store = memoryStore();
  renderView(host, store);
  await waitFor(() =>
    expect((screen.getByTestId('criterion-select') as HTMLSelectElement).value).toBe('1.1'),
  );
  expect(screen.getByTestId('self-points').textContent).toBe('Tự chấm: 10/10 · Chưa thẩm định');
  expect(screen.getByTestId('summary-none')).toBeTruthy();

  // nothing recorded without a reviewer
  type('appraisal-points', '0');
  expect(screen.getByTestId('appraisal-problem').textContent).toContain('cơ quan');
  expect((screen.getByTestId('appraisal-save') as HTMLButtonElement).disabled).toBe(true);
  type('reviewer-body', 'Sở Nội vụ');
  type('reviewer-name', 'Nguyễn Thị Bông');
  type('appraisal-comment', 'Chưa ban hành kế hoạch ứng dụng CNTT năm.');
  fireEvent.click(screen.getByTestId('appraisal-save'));
  await screen.findByTestId('appraisal-saved');
  expect(screen.getByTestId('appraisal-saved').textContent).toBe(
    'Đã ghi thẩm định tiêu chí 1.1; nhật ký thẩm định dòng 2.',
  );

  expect(c.commentAt(sheetName, at('PT_1_1'))!.content).toBe(
    '[Thẩm định – Sở Nội vụ] Nguyễn Thị Bông: Điểm thẩm định 0/10 (tự chấm 10). Chưa ban hành kế hoạch ứng dụng CNTT năm.',
  );
  expect(c.comments).toHaveLength(1);
  expect(d.value(sheetName, at('APPR_1_1'))).toBe(0);
  expect(d.value(APPRAISAL_LOG_SHEET, 'H2')).toBe('1.1');
  expect(JSON.parse(store.getItem(REVIEWER_KEY)!)).toEqual({ body: 'Sở Nội vụ', name: 'Nguyễn Thị Bông' });

  // the pane reads it all back: the thread, the difference, the log
  await waitFor(() => expect(screen.getAllByTestId('summary-criterion')).toHaveLength(1));
  expect(screen.getByTestId('summary-criterion').textContent).toBe('1.1100-10');
  expect(screen.getByTestId('summary-total').textContent).toMatch(/-10$/);
  await waitFor(() => expect(screen.getAllByTestId('thread-message')).toHaveLength(1));
  expect(screen.getByTestId('thread-message').textContent).toContain('Sở Nội vụ – Nguyễn Thị Bông');
  expect(screen.getByTestId('thread-state').textContent).toBe('Chưa giải quyết');
  await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(1));
  expect(screen.getByTestId('self-points').textContent).toBe('Tự chấm: 10/10 · Điểm thẩm định hiện tại: 0');
  expect(screen.queryByTestId('appraisal-fallback')).toBeNull();
  expect(screen.getByTestId('reconstructed')).toBeTruthy();
});

test('points outside 0..max are refused before anything is written; the reviewer is remembered', async () => {
  const { c, host } = await excel();
  const store = memoryStore({ [REVIEWER_KEY]: JSON.stringify({ body: 'Sở KH&ĐT', name: 'Trần Văn C' }) });
  renderView(host, store, 'en');
  fireEvent.change(await screen.findByTestId('criterion-select'), { target: { value: '1.2' } });
  expect((screen.getByTestId('reviewer-body') as HTMLInputElement).value).toBe('Sở KH&ĐT');
  type('appraisal-points', '15,5');
  expect(screen.getByText('Appraised points must be between 0 and 15 (15,5 entered).')).toBeTruthy();
  expect((screen.getByTestId('appraisal-save') as HTMLButtonElement).disabled).toBe(true);
  type('appraisal-points', '12,5');
  fireEvent.click(screen.getByTestId('appraisal-save'));
  await screen.findByTestId('appraisal-saved');
  expect(c.comments[0].content).toContain('[Thẩm định – Sở KH&ĐT] Trần Văn C: Điểm thẩm định 12,5/15');
});

test('an Excel without comments: the pane says where remarks go', async () => {
  const { c, host } = await excel('1.9');
  renderView(host);
  expect((await screen.findByTestId('appraisal-fallback')).textContent).toContain('ExcelApi 1.9');
  fireEvent.change(screen.getByTestId('criterion-select'), { target: { value: '1.1' } });
  type('reviewer-body', 'Sở Nội vụ');
  type('reviewer-name', 'A');
  type('appraisal-comment', 'Ghi nhận');
  fireEvent.click(screen.getByTestId('appraisal-save'));
  await screen.findByTestId('appraisal-saved');
  expect(c.comments).toHaveLength(0);
});

test('a host without reviewer mode says so', async () => {
  renderView(Object.assign(new HostDouble(), { appraise: undefined }));
  expect(screen.getByTestId('appraisal-unavailable').textContent).toBe('Chế độ thẩm định cần Excel.');
  await act(async () => undefined);
});

test('the "Thẩm định" tab loads reviewer mode on first use; ?view=appraisal opens it', async () => {
  const { App } = await import('../../src/taskpane/App');
  const { viewFromSearch } = await import('../../src/taskpane/views');
  const { host } = await excel();
  const store = memoryStore();
  render(
    <App host={host} library={new RulebookLibrary(store, builtinRulebooks())} store={store} year={2019} />,
  );
  expect(screen.queryByTestId('reviewer-view')).toBeNull();
  fireEvent.click(screen.getByRole('tab', { name: 'Thẩm định' }));
  expect(await screen.findByTestId('reviewer-view')).toBeTruthy();
  expect(await screen.findByTestId('criterion-select')).toBeTruthy();
  expect(viewFromSearch('?view=appraisal')).toBe('appraisal');
});
