/** @jest-environment jsdom */
/**
 * The "Bộ tiêu chí" view takes flat criteria tables (.csv, .xlsx) as `scorecard rulebook import` does:
 * with the province and decision filled in, a table becomes a rulebook in the pane's library, offered
 * as .json; its errors are listed with the row and column in the pane's language; without the details
 * nothing is compiled and the notice names what is missing.
 */
import './setup';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import ExcelJS from 'exceljs';
import { builtinRulebooks } from '../../src/core/rulebook/builtin';
import { toBytes } from '../../src/authoring/workbook';
import type { Lang } from '../../src/i18n';
import { LangContext } from '../../src/taskpane/state/lang';
import { RulebookLibrary } from '../../src/taskpane/state/rulebooks';
import { memoryStore } from '../../src/taskpane/state/storage';
import { emptyTableDetails, tableDetailsProblem } from '../../src/taskpane/state/rulebook-files';
import RulebookView from '../../src/taskpane/views/RulebookView';

const blobs: Blob[] = [];
beforeAll(() => {
  URL.createObjectURL = (b: Blob) => {
    blobs.push(b);
    return `blob:test/${blobs.length}`;
  };
  URL.revokeObjectURL = () => undefined;
});
afterEach(cleanup);

const CSV =
  '\uFEFFMã;Chỉ tiêu;Nhóm;Điểm tối đa\n1.1;Máy tính;Hạ tầng;10\n1.2;Mạng LAN;Hạ tầng;5\n2.1;Cán bộ;Nhân lực;10\n';
const bytesOf = (s: string) => new TextEncoder().encode(s);

function view(library: RulebookLibrary, lang: Lang = 'vi') {
  return render(
    <FluentProvider theme={webLightTheme}>
      <LangContext.Provider value={lang}>
        <RulebookView library={library} />
      </LangContext.Provider>
    </FluentProvider>,
  );
}

const choose = (bytes: Uint8Array, name: string) =>
  fireEvent.change(screen.getByTestId('compile-input'), {
    target: { files: [new File([bytes as BlobPart], name)] },
  });

function fillDetails(details: { province?: string; decision?: string; decisionDate?: string } = {}) {
  const all = { province: 'Bình Thuận', decision: '123/QĐ-UBND', decisionDate: '2025-03-01', ...details };
  for (const [key, value] of Object.entries(all))
    fireEvent.change(screen.getByTestId(`table-${key}`), { target: { value } });
}

const fileRulebooks = (library: RulebookLibrary) => library.choices().filter((c) => c.source === 'file');

describe('RulebookView and criteria tables', () => {
  it('a CSV table with its details becomes a rulebook in the library, offered as .json', async () => {
    const library = new RulebookLibrary(memoryStore(), builtinRulebooks());
    view(library);
    fillDetails();
    choose(bytesOf(CSV), 'Bộ chỉ số 2025.csv');
    const ok = await screen.findByTestId('compile-ok', {}, { timeout: 10000 });
    expect(ok.textContent).toContain('Đã nạp Bộ chỉ số 2025.csv');
    const [added] = fileRulebooks(library);
    expect(added.rulebook.id).toBe('bo-chi-so-2025');
    expect(added.rulebook.province).toBe('Bình Thuận');
    expect(added.rulebook.decision).toEqual({ number: '123/QĐ-UBND', date: '2025-03-01' });
    const annex = added.rulebook.annexes[0];
    expect(annex.max).toBe(25);
    expect(annex.groups.map((g) => [g.title, g.criteria.map((c) => c.id)])).toEqual([
      ['Hạ tầng', ['1.1', '1.2']],
      ['Nhân lực', ['2.1']],
    ]);
    expect(annex.groups[0].criteria[0].provenance).toBe('reconstructed');
    expect(screen.getByTestId('json-download').getAttribute('download')).toMatch(/^bo-chi-so-2025-.*\.json$/);
  }, 20000);

  it('an .xlsx table that is not the authoring workbook is read as a table, official when chosen so', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Bảng điểm');
    ws.addRow(['Bộ tiêu chí năm 2025']);
    ws.addRow(['Code', 'Criterion', 'Group', 'Max']);
    ws.addRow(['1.1', 'Cổng thông tin', 'Chính quyền số', 20]);
    ws.addRow(['1.2', 'Dịch vụ công', 'Chính quyền số', 30]);
    const library = new RulebookLibrary(memoryStore(), builtinRulebooks());
    view(library, 'en');
    fillDetails();
    fireEvent.change(screen.getByTestId('table-provenance'), { target: { value: 'official' } });
    choose(await toBytes(wb), 'dti.xlsx');
    await screen.findByTestId('compile-ok', {}, { timeout: 10000 });
    const [added] = fileRulebooks(library);
    expect(added.rulebook.annexes[0].max).toBe(50);
    expect(added.rulebook.annexes[0].groups[0].criteria.map((c) => c.provenance)).toEqual([
      'official',
      'official',
    ]);
  }, 20000);

  it.each([
    ['vi', 'bang.csv, dòng 4, cột A (Mã): mã 1.1 đã có ở dòng 2.'],
    ['en', 'bang.csv, row 4, column A (Mã): the id 1.1 is already on row 2.'],
  ] as const)(
    'a table error is listed with its row and column (%s), and nothing is added',
    async (lang, text) => {
      const library = new RulebookLibrary(memoryStore(), builtinRulebooks());
      view(library, lang);
      fillDetails();
      choose(bytesOf('Mã;Tiêu chí;Nhóm;Điểm tối đa\n1.1;A;N;5\n1.2;B;N;5\n1.1;C;N;5\n'), 'bang.csv');
      const box = await screen.findByTestId('compile-errors', {}, { timeout: 10000 });
      const rows = within(box)
        .getAllByTestId('compile-error')
        .map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
      expect(rows).toEqual([['bang.csv', '4', 'A', text]]);
      expect(fileRulebooks(library)).toEqual([]);
    },
    20000,
  );

  it('without the province and decision nothing is compiled, and the notice says what to fill in', async () => {
    const library = new RulebookLibrary(memoryStore(), builtinRulebooks());
    view(library, 'en');
    fillDetails({ province: ' ', decision: '' });
    choose(bytesOf(CSV), 'bang.csv');
    const notice = await screen.findByTestId('rulebook-failure', {}, { timeout: 10000 });
    expect(notice.textContent).toContain(
      'bang.csv is a criteria table: fill in "Province or city", "Decision number", then choose the file again.',
    );
    expect(screen.queryByTestId('compile-ok')).toBeNull();
    expect(fileRulebooks(library)).toEqual([]);
  }, 20000);

  // A browser's date input gives yyyy-mm-dd or nothing; where it falls back to text (older hosts) the
  // typed date is checked here.
  it('a decision date that is no day is refused in both languages', () => {
    const details = { ...emptyTableDetails, province: 'Bình Thuận', decision: '1/QĐ' };
    expect(tableDetailsProblem({ ...details, decisionDate: '2025-02-30' }, 'b.csv')).toEqual({
      vi: 'Ngày quyết định "2025-02-30" không phải một ngày dạng năm-tháng-ngày (yyyy-mm-dd).',
      en: 'The decision date "2025-02-30" is not a day written year-month-day (yyyy-mm-dd).',
    });
    expect(tableDetailsProblem({ ...details, decisionDate: '2024-02-29' }, 'b.csv')).toBeUndefined();
  });
});
