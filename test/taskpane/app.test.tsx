/** @jest-environment jsdom */
import './setup';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { builtinRulebook, builtinRulebooks } from '../../src/core/rulebook/builtin';
import { parseRulebook } from '../../src/core/rulebook/load';
import { formName } from '../../src/form/names';
import { planForm } from '../../src/form/plan';
import type { WorkbookHost } from '../../src/host/types';
import { detectCapabilities } from '../../src/excel/capabilities';
import { t } from '../../src/i18n';
import { App } from '../../src/taskpane/App';
import { unavailableHost } from '../../src/taskpane/host';
import { RulebookLibrary } from '../../src/taskpane/state/rulebooks';
import { memoryStore } from '../../src/taskpane/state/storage';
import { luminance, themeFor } from '../../src/taskpane/theme';
import { viewFromSearch } from '../../src/taskpane/views';
import { HostDouble } from '../browser/fixtures/host-double';
import { fullValues } from '../browser/fixtures/entries';

const bt = builtinRulebook('binh-thuan-2019')!;
afterEach(cleanup);

function renderApp(
  host: WorkbookHost = new HostDouble(),
  store = memoryStore(),
  initialView?: 'live' | 'insert' | 'ranking',
) {
  const library = new RulebookLibrary(store, builtinRulebooks());
  return render(<App host={host} library={library} store={store} initialView={initialView} year={2024} />);
}

test('Vietnamese first; English is remembered for the next session', async () => {
  const store = memoryStore();
  renderApp(new HostDouble(), store);
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Đánh giá ứng dụng CNTT');
  fireEvent.click(screen.getByRole('button', { name: 'English' }));
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('IT application scorecard');
  cleanup();
  renderApp(new HostDouble(), store);
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('IT application scorecard');
  expect(screen.getByRole('tab', { name: 'Insert form' })).toBeTruthy();
  await act(async () => undefined);
});

test('a reason still to give is a "to do": counted, reached with "next", listed on demand; the total is not provisional', async () => {
  const host = new HostDouble();
  await host.insertForm(planForm(bt, 'I', { id: 'so-y-te', name: 'Sở Y tế' }, 2024));
  host.setValues({
    ...fullValues(bt.annexes[0]),
    [formName.reason('3.1')]: '',
    [formName.input('3.1', 'chuyenTrachDaiHoc')]: 'Không',
  });
  renderApp(host);
  await screen.findByTestId('todo-next');
  expect(screen.getByRole('heading', { name: 'Còn 1 mục chưa nhập' })).toBeTruthy();
  expect(screen.queryByRole('button', { name: /cần nêu lý do/ })).toBeNull(); // collapsed
  fireEvent.click(screen.getByTestId('todo-next'));
  await act(async () => undefined);
  expect(host.log.selected).toEqual(['REASON_3_1']);
  fireEvent.click(screen.getByTestId('todo-toggle'));
  fireEvent.click(await screen.findByRole('button', { name: /Tiêu chí 3\.1: đạt .* cần nêu lý do/ }));
  await act(async () => undefined);
  expect(host.log.selected).toEqual(['REASON_3_1', 'REASON_3_1']);
  expect(screen.queryByTestId('provisional')).toBeNull();
  expect(screen.getByTestId('band').textContent).toBe('Tốt');
  expect(screen.getByTestId('reconstructed')).toBeTruthy();
  // What the result rests on is at hand: the assumptions that concern annex I, and not annex II's.
  const assumptions = screen.getByTestId('assumptions').textContent!;
  expect(assumptions).toContain('Tổng điểm tối đa Phụ lục I, III, IV là 500.');
  expect(assumptions).not.toContain('Tổng điểm tối đa Phụ lục II là 420.');
});

test('a value that cannot be right leads the list, and the total and band are provisional while it stands', async () => {
  const host = new HostDouble();
  await host.insertForm(planForm(bt, 'I', { id: 'so-y-te', name: 'Sở Y tế' }, 2024));
  host.setValues({ ...fullValues(bt.annexes[0]), [formName.input('1.4', 'value')]: 'mười' });
  renderApp(host);
  const errors = await screen.findByTestId('errors');
  expect(screen.getByRole('heading', { name: 'Lỗi cần sửa (1)' })).toBeTruthy();
  fireEvent.click(within(errors).getByRole('button', { name: /Tiêu chí 1\.4: "mười" .* không phải là số/ }));
  await act(async () => undefined);
  expect(host.log.selected).toEqual(['IN_1_4_value']);
  expect(screen.getByTestId('provisional').textContent).toBe(
    'Tạm tính — còn 1 lỗi: tổng điểm và xếp loại chưa phải kết quả.',
  );
  expect(screen.getByTestId('total-card').getAttribute('data-provisional')).toBe('true');
  expect(screen.queryByTestId('next-band')).toBeNull();
});

test('a form of a rulebook the pane does not know asks for its file, then shows the score', async () => {
  const custom = { ...JSON.parse(JSON.stringify(bt)), id: 'binh-thuan-2024', version: 'du-thao' };
  const host = new HostDouble();
  await host.insertForm(planForm(parseRulebook(custom), 'I', { id: 'so-y-te', name: 'Sở Y tế' }, 2024));
  renderApp(host);
  expect((await screen.findByTestId('unknown-rulebook')).textContent).toContain('binh-thuan-2024');
  const input = screen.getByTestId('rulebook-file-input');
  fireEvent.change(input, { target: { files: [new File(['{ "id": 1'], 'hong.json')] } });
  expect((await screen.findByTestId('rulebook-file-error')).textContent).toContain('hong.json');
  fireEvent.change(input, { target: { files: [new File([JSON.stringify(custom)], 'du-thao.json')] } });
  expect(await screen.findByTestId('form-result')).toBeTruthy();
  expect(screen.getByRole('heading', { name: 'Sở Y tế' })).toBeTruthy();
});

test('outside Excel the pane says so and offers no insertion', async () => {
  renderApp(unavailableHost(), memoryStore(), 'insert');
  expect(screen.getByTestId('not-in-excel').textContent).toContain('Excel');
  // the insert view is loaded on first use; its button is disabled, and no second notice repeats the first
  expect(((await screen.findByRole('button', { name: 'Chèn phiếu' })) as HTMLButtonElement).disabled).toBe(
    true,
  );
  expect(screen.queryByTestId('insert-unsupported')).toBeNull();
});

test('an Excel older than ExcelApi 1.7 is told what insertion needs', async () => {
  const host = new HostDouble();
  host.caps = { excelApi: '1.6', insertForm: false, comments: false, changeEvents: false };
  renderApp(host, memoryStore(), 'insert');
  expect((await screen.findByTestId('insert-unsupported')).textContent).toBe(
    'Chèn phiếu cần Excel hỗ trợ ExcelApi 1.7 (Excel 2019 trở lên hoặc Microsoft 365); Excel này hỗ trợ 1.6.',
  );
  expect((screen.getByRole('button', { name: 'Chèn phiếu' }) as HTMLButtonElement).disabled).toBe(true);
  expect(screen.queryByTestId('not-in-excel')).toBeNull();
});

test('Excel 2019 (ExcelApi 1.7) inserts forms and is told what it lacks and what happens instead', async () => {
  const host = new HostDouble();
  host.caps = detectCapabilities({
    isSetSupported: (name, v = '1.1') => name === 'ExcelApi' && Number(v.split('.')[1]) <= 7,
  });
  renderApp(host, memoryStore(), 'insert');
  const limits = await screen.findByTestId('excel-limits');
  expect(limits.textContent).toContain('Excel này (ExcelApi 1.7) chạy được tiện ích');
  const lines = [...limits.querySelectorAll('li')].map((li) => li.textContent);
  expect(lines).toEqual([
    t('vi', 'excelMissingDataValidation', { version: '1.8', have: 'ExcelApi 1.7' }),
    t('vi', 'excelMissingPrintSetup', { version: '1.9', have: 'ExcelApi 1.7' }),
    t('vi', 'excelMissingComments', { version: '1.10', have: 'ExcelApi 1.7' }),
  ]);
  expect(lines[0]).toContain('Ngăn tác vụ vẫn kiểm tra từng số liệu');
  expect((screen.getByRole('button', { name: 'Chèn phiếu' }) as HTMLButtonElement).disabled).toBe(false);
  expect(screen.queryByTestId('insert-unsupported')).toBeNull();
});

test('a current Excel shows no list of missing features', async () => {
  const host = new HostDouble();
  host.caps = detectCapabilities({
    isSetSupported: (name, v = '1.1') => name === 'ExcelApi' && Number(v.split('.')[1]) <= 14,
  });
  renderApp(host, memoryStore(), 'insert');
  await screen.findByRole('button', { name: 'Chèn phiếu' });
  expect(screen.queryByTestId('excel-limits')).toBeNull();
});

test('without change events the live view offers Refresh', async () => {
  const host = new HostDouble();
  host.caps = { excelApi: '1.6', insertForm: false, comments: false, changeEvents: false };
  renderApp(host);
  await act(async () => undefined);
  expect(screen.getByText(/bấm "Đọc lại"/)).toBeTruthy();
  const reads = host.log.reads;
  fireEvent.click(screen.getByRole('button', { name: 'Đọc lại' }));
  await act(async () => undefined);
  expect(host.log.reads).toBe(reads + 1);
});

test('?view=ranking opens the lazily loaded ranking view', async () => {
  expect(viewFromSearch('?view=ranking')).toBe('ranking');
  expect(viewFromSearch('?view=nothing')).toBe('live');
  expect(viewFromSearch('')).toBe('live');
  renderApp(new HostDouble(), memoryStore(), 'ranking');
  expect(await screen.findByTestId('ranking-view')).toBeTruthy();
});

test('Office dark themes select the dark Fluent theme', () => {
  expect(themeFor(undefined)).toBe(webLightTheme);
  expect(themeFor({ bodyBackgroundColor: '#FFFFFF' })).toBe(webLightTheme);
  expect(themeFor({ bodyBackgroundColor: '#262626' })).toBe(webDarkTheme);
  expect(themeFor({ bodyBackgroundColor: 'black' })).toBe(webLightTheme);
  expect(luminance('#000000')).toBe(0);
  expect(luminance('#ffffff')).toBeCloseTo(1);
});
