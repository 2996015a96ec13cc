/** @jest-environment jsdom */
/**
 * The "Bộ tiêu chí" view: compile errors are listed with sheet, row and column
 * in the pane's language; a compiled rulebook lands in the pane's library and is offered as .json; the
 * comparison lists a changed criterion per annex and offers the diff workbook; the authoring workbook
 * is offered for download.
 */
import './setup';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import ExcelJS from 'exceljs';
import { builtinRulebook, builtinRulebooks } from '../../src/core/rulebook/builtin';
import { rulebookToWorkbook, toBytes } from '../../src/authoring/workbook';
import type { Lang } from '../../src/i18n';
import { LangContext } from '../../src/taskpane/state/lang';
import { choiceKey, RulebookLibrary } from '../../src/taskpane/state/rulebooks';
import { memoryStore } from '../../src/taskpane/state/storage';
import RulebookView from '../../src/taskpane/views/RulebookView';

const bt = builtinRulebook('binh-thuan-2019')!;
let authored: Uint8Array;
const blobs: Blob[] = [];

beforeAll(async () => {
  authored = await rulebookToWorkbook(bt);
  // jsdom has no object URLs: record the blobs the view offers.
  URL.createObjectURL = (b: Blob) => {
    blobs.push(b);
    return `blob:test/${blobs.length}`;
  };
  URL.revokeObjectURL = () => undefined;
});
afterEach(cleanup);

/** A Blob's bytes (jsdom's Blob has no arrayBuffer()). */
const blobBytes = (b: Blob) =>
  new Promise<Uint8Array>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(b);
  });

async function edited(
  change: (wb: ExcelJS.Workbook, rowOf: (annex: string, id: string) => number) => void,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(authored as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('Tiêu chí')!;
  const rowOf = (annex: string, id: string) => {
    for (let r = 3; r <= ws.rowCount; r++)
      if (ws.getCell(r, 1).text === annex && ws.getCell(r, 4).text === id) return r;
    throw new Error(`${annex}/${id} not found`);
  };
  change(wb, rowOf);
  return toBytes(wb);
}

function view(library: RulebookLibrary, lang: Lang = 'vi', onRulebookAdded?: () => void) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <LangContext.Provider value={lang}>
        <RulebookView library={library} onRulebookAdded={onRulebookAdded} />
      </LangContext.Provider>
    </FluentProvider>,
  );
}

const choose = (bytes: Uint8Array, name: string) =>
  fireEvent.change(screen.getByTestId('compile-input'), {
    target: { files: [new File([bytes as BlobPart], name)] },
  });

describe('RulebookView', () => {
  it('lists every compile error with its sheet, row and column, in the pane’s language, and adds nothing', async () => {
    let wordRow = 0;
    let ruleRow = 0;
    const bytes = await edited((wb, rowOf) => {
      const ws = wb.getWorksheet('Tiêu chí')!;
      ws.getCell((wordRow = rowOf('II', '3.3')), 7).value = 'mười';
      ws.getCell((ruleRow = rowOf('I', '1.1')), 8).value = 'Có hoặc không';
    });
    const library = new RulebookLibrary(memoryStore(), builtinRulebooks());
    const before = library.choices().length;
    view(library, 'en');
    choose(bytes, 'sai.xlsx');
    const box = await screen.findByTestId('compile-errors', {}, { timeout: 10000 });
    const rows = within(box)
      .getAllByTestId('compile-error')
      .map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toHaveLength(2);
    expect(rows).toContainEqual([
      'Tiêu chí',
      String(wordRow),
      'G',
      expect.stringContaining('"mười" is not a number'),
    ]);
    expect(rows).toContainEqual([
      'Tiêu chí',
      String(ruleRow),
      'H',
      expect.stringContaining('Unknown rule type "Có hoặc không"'),
    ]);
    expect(box.textContent).toContain('sai.xlsx has 2 error(s)');
    expect(library.choices()).toHaveLength(before);
  }, 20000);

  it('a compiled rulebook lands in the library, is offered as .json, and the diff lists the changed criterion', async () => {
    const title = 'Ban hành Kế hoạch ứng dụng CNTT năm đánh giá (bản thảo)';
    const bytes = await edited((wb, rowOf) => {
      wb.getWorksheet('Tiêu chí')!.getCell(rowOf('I', '1.1'), 5).value = title;
      const info = wb.getWorksheet('Thông tin')!;
      for (let r = 3; r <= info.rowCount; r++)
        if (info.getCell(r, 1).text === 'Phiên bản') info.getCell(r, 2).value = '2025-du-thao';
    });
    const library = new RulebookLibrary(memoryStore(), builtinRulebooks());
    const added = jest.fn();
    view(library, 'vi', added);
    choose(bytes, 'du-thao.xlsx');
    const ok = await screen.findByTestId('compile-ok', {}, { timeout: 10000 });
    expect(ok.textContent).toContain(
      'Đã nạp du-thao.xlsx: Bình Thuận – 1867/QĐ-UBND (23/07/2019) (từ tệp, phiên bản 2025-du-thao).',
    );
    expect(ok.textContent).not.toContain('binh-thuan-2019,'); // the title and decision, not the internal id
    expect(added).toHaveBeenCalledTimes(1);
    const compiled = library.byKey('binh-thuan-2019@2025-du-thao');
    expect(compiled?.source).toBe('file');
    expect(compiled?.rulebook.annexes[0].groups[0].criteria[0].title).toBe(title);
    const json = screen.getByTestId('json-download');
    expect(json.getAttribute('download')).toBe('binh-thuan-2019-2025-du-thao.json');
    const offered = JSON.parse(new TextDecoder().decode(await blobBytes(blobs[blobs.length - 1])));
    expect(offered.version).toBe('2025-du-thao');

    // Compare: the built-in version against the compiled one (chosen as the newer version by itself).
    fireEvent.change(screen.getByTestId('compare-older'), { target: { value: choiceKey(bt) } });
    expect((screen.getByTestId('compare-newer') as HTMLSelectElement).value).toBe(
      'binh-thuan-2019@2025-du-thao',
    );
    fireEvent.click(screen.getByTestId('compare'));
    const annexI = await screen.findByTestId('diff-annex-I', {}, { timeout: 10000 });
    expect(annexI.textContent).toContain('1.1');
    expect(annexI.textContent).toContain(title);
    expect(screen.getByTestId('diff-annex-II').textContent).not.toContain('1.1');
    expect(screen.getByTestId('reconstructed')).toBeTruthy();
    const diffLink = await screen.findByTestId('diff-download');
    expect(diffLink.getAttribute('download')).toMatch(/^so-sanh-.*\.xlsx$/);
  }, 30000);

  it('the comparison lists a changed policy, tie rule and assumption in the pane’s language', async () => {
    const bytes = await edited((wb) => {
      const schedule = wb.getWorksheet('Thời hạn')!;
      schedule.eachRow((row) => {
        if (row.getCell(1).text === 'Đơn vị không gửi phiếu') row.getCell(2).value = 'Xếp cuối / ranked last';
      });
      wb.getWorksheet('Khen thưởng')!.getCell('D3').value = 'Khen tất cả / all awarded';
      wb.getWorksheet('Giả định')!.getCell('E3').value = 'Reworded.';
      const info = wb.getWorksheet('Thông tin')!;
      for (let r = 3; r <= info.rowCount; r++)
        if (info.getCell(r, 1).text === 'Phiên bản') info.getCell(r, 2).value = '2025-chinh-sach';
    });
    const library = new RulebookLibrary(memoryStore(), builtinRulebooks());
    view(library, 'en');
    choose(bytes, 'chinh-sach.xlsx');
    await screen.findByTestId('compile-ok', {}, { timeout: 10000 });
    fireEvent.change(screen.getByTestId('compare-older'), { target: { value: choiceKey(bt) } });
    fireEvent.change(screen.getByTestId('compare-newer'), {
      target: { value: 'binh-thuan-2019@2025-chinh-sach' },
    });
    fireEvent.click(screen.getByTestId('compare'));
    const diff = await screen.findByTestId('diff', {}, { timeout: 10000 });
    await waitFor(() =>
      expect(diff.textContent).toContain('Changed Unit without a form: not ranked → ranked last.'),
    );
    expect(diff.textContent).toContain(
      'Changed the tie rule of the award for annexes I; III; IV: council decides → all awarded.',
    );
    expect(diff.textContent).toContain(
      `Changed assumption "${bt.assumptions[0].what.en}", Why (English): "${bt.assumptions[0].why.en}" → "Reworded.".`,
    );
    expect(diff.textContent).not.toContain('No changes');
  }, 30000);

  it('offers the authoring workbook filled from a built-in rulebook', async () => {
    view(new RulebookLibrary(memoryStore(), builtinRulebooks()));
    fireEvent.change(screen.getByTestId('template-rulebook'), { target: { value: choiceKey(bt) } });
    fireEvent.click(screen.getByTestId('make-template'));
    const link = await screen.findByTestId('template-download', {}, { timeout: 10000 });
    expect(link.getAttribute('download')).toBe(
      `bo-tieu-chi-${bt.id}-${bt.version}.xlsx`.replace(/[^\p{L}\p{N}._-]+/gu, '_'),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await blobBytes(blobs[blobs.length - 1])) as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet('Tiêu chí')!.rowCount).toBeGreaterThan(10);
  }, 20000);
});
