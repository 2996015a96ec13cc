import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { builtinRulebooks, contentHash, parseRulebook, findAnnex } from '../../src/core/rulebook';
import { diffRulebooks } from '../../src/core/rulebook/diff';
import { score, validate } from '../../src/core/scoring';
import { planForm } from '../../src/form/plan';
import { rulebookToWorkbook, workbookToRulebook, workbookGrids } from '../../src/authoring/workbook';
import { compileRulebook } from '../../src/authoring/compile';
import { makeRulebook } from '../helpers/rulebooks';
import { criterionRow, edit, exported, expectLocated, itemRow } from './helpers';

const raw = (id: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../rulebooks', `${id}.json`), 'utf8'));

describe('rulebook → authoring workbook → rulebook', () => {
  it.each(builtinRulebooks().map((rb) => [rb.id]))(
    '%s comes back equal, with the same content hash',
    async (id) => {
      const original = parseRulebook(raw(id), id);
      const result = await workbookToRulebook(await exported(id));
      if (!result.ok) throw new Error(result.errors.map((e) => e.message.en).join('\n'));
      expect(result.rulebook).toEqual(original);
      expect(result.hash).toBe(contentHash(original));
      expect(result.version).toBe(original.version);
    },
  );

  it('keeps every rule type of the test rulebook, floors, labels and all', async () => {
    const rb = makeRulebook();
    const result = await workbookToRulebook(await rulebookToWorkbook(rb));
    if (!result.ok) throw new Error(result.errors.map((e) => e.message.en).join('\n'));
    expect(result.rulebook).toEqual(rb);
  });

  it('survives the English header row removed and a column of notes added in front', async () => {
    const bytes = await edit(await exported('dong-nai-2022'), (wb) =>
      wb.eachSheet((ws) => {
        if (ws.name === 'Hướng dẫn') return;
        ws.spliceRows(2, 1);
        if (ws.name === 'Tiêu chí') {
          ws.spliceColumns(1, 0, []);
          ws.getCell('A1').value = 'Ghi chú riêng';
          ws.getCell('A2').value = 'xem lại';
        }
      }),
    );
    const result = await workbookToRulebook(bytes);
    if (!result.ok) throw new Error(result.errors.map((e) => e.message.en).join('\n'));
    expect(result.hash).toBe(contentHash(parseRulebook(raw('dong-nai-2022'))));
  });
});

describe('the authoring workbook', () => {
  it('has the sheets, both header rows, frozen headers and drop-down lists', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await rulebookToWorkbook(undefined)) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tiêu chí',
      'Phụ lục',
      'Xếp loại',
      'Trụ cột',
      'Đơn vị',
      'Thời hạn',
      'Mốc thời gian',
      'Khen thưởng',
      'Giả định',
      'Thông tin',
      'Hướng dẫn',
    ]);
    const ws = wb.getWorksheet('Tiêu chí')!;
    expect(ws.getCell('H1').text).toBe('Cách tính điểm');
    expect(ws.getCell('H2').text).toBe('Rule type');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getCell('H3').dataValidation).toMatchObject({ type: 'list' });
    expect(String(ws.getCell('H3').dataValidation.formulae?.[0])).toContain('Bậc thang');
    expect(String(ws.getCell('S40').dataValidation.formulae?.[0])).toBe('"Có,Không"');
    expect(ws.getColumn(4).numFmt).toBe('@'); // ids stay text: 1.10 is not 1.1
    const help = wb.getWorksheet('Hướng dẫn')!;
    const text = help.getSheetValues().flat().join('\n');
    for (const words of ['Bậc thang (steps)', 'Trung bình mức (levelAverage)', 'Rule types', 'tái dựng'])
      expect(text).toContain(words);
  });

  it('explains each header in a note, or not at all for the pane (Excel on the web refuses comments)', async () => {
    const files = async (bytes: Uint8Array) => Object.keys(unzipSync(bytes));
    expect((await files(await rulebookToWorkbook(undefined))).some((f) => /comments\d*\.xml$/.test(f))).toBe(
      true,
    );
    const plain = await rulebookToWorkbook(builtinRulebooks()[0], { notes: false });
    expect((await files(plain)).some((f) => /comments|vmlDrawing/.test(f))).toBe(false);
    const result = await workbookToRulebook(plain);
    expect(result.ok && result.hash).toBe(contentHash(builtinRulebooks()[0]));
  });

  it('reads group heading rows, as official annexes print them', async () => {
    const bytes = await edit(await exported('gia-lai-2019'), (wb) => {
      const ws = wb.getWorksheet('Tiêu chí')!;
      const r = criterionRow(wb, 'huyen', '2.1');
      ws.spliceRows(r, 0, ['huyen', '2', ws.getCell(r, 3).text]);
      ws.getCell(r + 1, 3).value = null; // the group title only on the heading row
    });
    const result = await workbookToRulebook(bytes);
    if (!result.ok) throw new Error(result.errors.map((e) => e.message.en).join('\n'));
    expect(result.hash).toBe(contentHash(parseRulebook(raw('gia-lai-2019'))));
  });

  it('blank compiles to one clear "no criteria" error, not a crash', async () => {
    const result = await workbookToRulebook(await rulebookToWorkbook(undefined));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expectLocated(result.errors[0], 'Tiêu chí', 3, 'A');
    expect(result.errors[0].message.vi).toContain('Chưa có tiêu chí nào');
    expect(result.errors[0].message.en).toContain('No criteria');
  });

  it('a file that is not a workbook is refused with a reason, not an exception', async () => {
    const result = await workbookToRulebook(new TextEncoder().encode('not a zip'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0].message.vi).toContain('Không đọc được tệp');
      expect(result.errors[0].message.en).toContain('cannot be read as an Excel workbook');
    }
  });
});

describe('errors in malformed rows name sheet, row and column in both languages', () => {
  async function compileWith(
    change: (wb: ExcelJS.Workbook, rows: (annex: string, id: string) => number) => void,
  ) {
    const bytes = await edit(await exported('binh-thuan-2019'), (wb) =>
      change(wb, (a, id) => criterionRow(wb, a, id)),
    );
    const result = await workbookToRulebook(bytes);
    if (result.ok) throw new Error('expected errors');
    return result.errors;
  }

  it('unknown rule type', async () => {
    let row = 0;
    const errors = await compileWith(
      (wb, at) => (wb.getWorksheet('Tiêu chí')!.getCell((row = at('I', '1.1')), 8).value = 'Có hoặc không'),
    );
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Tiêu chí', row, 'H');
    expect(errors[0].message.vi).toContain(
      'Cách tính điểm "Có hoặc không" không có; chọn một trong: Nhập điểm, Có/Không',
    );
    expect(errors[0].message.en).toContain(
      '(Rule type): Unknown rule type "Có hoặc không"; choose one of: Points entered, Yes/No',
    );
  });

  it('a word where a number belongs', async () => {
    let row = 0;
    const errors = await compileWith(
      (wb, at) => (wb.getWorksheet('Tiêu chí')!.getCell((row = at('II', '3.3')), 7).value = 'mười'),
    );
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Tiêu chí', row, 'G');
    expect(errors[0].message.vi).toContain('(Điểm tối đa): "mười" không phải là số.');
    expect(errors[0].message.en).toContain('(Max points): "mười" is not a number.');
  });

  it('a missing maximum', async () => {
    let row = 0;
    const errors = await compileWith(
      (wb, at) => (wb.getWorksheet('Tiêu chí')!.getCell((row = at('I', '2.1')), 7).value = null),
    );
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Tiêu chí', row, 'G');
    expect(errors[0].message.en).toContain('No value entered');
  });

  it('steps that cannot be read', async () => {
    let row = 0;
    const errors = await compileWith(
      (wb, at) =>
        (wb.getWorksheet('Tiêu chí')!.getCell((row = at('I', '1.4')), 15).value =
          '4 cuộc trở lên được 20 điểm'),
    );
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Tiêu chí', row, 'O');
    expect(errors[0].message.vi).toContain('(Bậc): Không đọc được bậc "4 cuộc trở lên được 20 điểm"');
    expect(errors[0].message.en).toContain('(Steps): Cannot read the steps "4 cuộc trở lên được 20 điểm"');
  });

  it('a repeated criterion id names the row it repeats', async () => {
    let first = 0;
    let second = 0;
    const errors = await compileWith((wb, at) => {
      first = at('III', '1.1');
      second = at('III', '1.2');
      wb.getWorksheet('Tiêu chí')!.getCell(second, 4).value = '1.1';
    });
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Tiêu chí', second, 'D');
    expect(errors[0].message.vi).toContain(`Mã tiêu chí 1.1 đã có ở dòng ${first} của phụ lục III.`);
    expect(errors[0].message.en).toContain(`Criterion id 1.1 already appears on row ${first} for annex III.`);
  });

  it('criteria that do not add up to the annex maximum, on the annex row', async () => {
    const errors = await compileWith(
      (wb, at) => (wb.getWorksheet('Tiêu chí')!.getCell(at('IV', '1.1'), 7).value = 15),
    );
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Phụ lục', 6, 'D'); // annex IV is the fourth annex row
    expect(errors[0].message.vi).toContain(
      'Tổng điểm tối đa các tiêu chí của phụ lục IV ở trang "Tiêu chí" là 505, khác điểm tối đa của phụ lục (500).',
    );
    expect(errors[0].message.en).toContain(
      'The criteria of annex IV on sheet "Tiêu chí" add up to 505 points, not the annex maximum of 500.',
    );
  });

  it('an annex used but not defined', async () => {
    let row = 0;
    const errors = await compileWith(
      (wb, at) => (wb.getWorksheet('Tiêu chí')!.getCell((row = at('II', '5.1')), 1).value = 'V'),
    );
    expectLocated(errors[0], 'Tiêu chí', row, 'A');
    expect(errors[0].message.vi).toContain('Phụ lục "V" chưa được khai báo ở trang "Phụ lục".');
    expect(errors[0].message.en).toContain('Annex "V" is not defined on sheet "Phụ lục".');
    // the row left annex II, whose criteria no longer add up: said on the annex row
    expect(errors.slice(1).map((e) => [e.sheet, e.column])).toEqual([['Phụ lục', 'D']]);
  });

  it('a parameter the rule type does not use', async () => {
    let row = 0;
    const errors = await compileWith(
      (wb, at) => (wb.getWorksheet('Tiêu chí')!.getCell((row = at('I', '1.1')), 15).value = '1→10'),
    );
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Tiêu chí', row, 'O');
    expect(errors[0].message.en).toContain('not used by the rule type "Yes/No"');
  });

  it('what only the schema catches is mapped back to its cell', async () => {
    let row = 0;
    const errors = await compileWith(
      (wb, at) => (wb.getWorksheet('Tiêu chí')!.getCell((row = at('I', '1.2')), 2).value = '1 bis'),
    );
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Tiêu chí', row, 'B');
    expect(errors[0].message.vi).toContain('Giá trị không hợp lệ');
    expect(errors[0].message.en).toContain('Invalid value');
  });

  it('every error of a badly damaged workbook is listed, none without a place', async () => {
    const errors = await compileWith((wb, at) => {
      const ws = wb.getWorksheet('Tiêu chí')!;
      ws.getCell(at('I', '1.1'), 8).value = 'xyz';
      ws.getCell(at('I', '1.2'), 7).value = 'abc';
      ws.getCell(at('I', '1.4'), 15).value = '??';
      ws.getCell(at('I', '2.1'), 23).value = 'không rõ';
      const info = wb.getWorksheet('Thông tin')!;
      info.getCell(itemRow(info, 'Quyết định ban hành'), 3).value = '32/13/2019';
      const schedule = wb.getWorksheet('Thời hạn')!;
      schedule.getCell(itemRow(schedule, 'Hạn gửi phiếu'), 2).value = 'giữa tháng 9';
    });
    expect(errors.map((e) => [e.sheet, e.column])).toEqual([
      ['Tiêu chí', 'H'],
      ['Tiêu chí', 'G'],
      ['Tiêu chí', 'O'],
      ['Tiêu chí', 'W'],
      ['Thời hạn', 'B'],
      ['Thông tin', 'C'],
    ]);
    for (const e of errors) expect(e.row).toBeGreaterThanOrEqual(3);
  });
});

describe('an official text typed into the authoring workbook', () => {
  it('becomes a rulebook from which forms are made and scored, and the diff says what was typed', async () => {
    const title = 'Ban hành Kế hoạch ứng dụng công nghệ thông tin năm đánh giá';
    const bytes = await edit(await exported('binh-thuan-2019'), (wb) => {
      const ws = wb.getWorksheet('Tiêu chí')!;
      const r = criterionRow(wb, 'I', '1.1');
      ws.getCell(r, 5).value = title;
      ws.getCell(r, 7).value = '20'; // typed as text, read as a number
      ws.getCell(r, 23).value = 'chính thức';
      wb.getWorksheet('Phụ lục')!.getCell('D3').value = 510;
      const info = wb.getWorksheet('Thông tin')!;
      info.getCell(itemRow(info, 'Phiên bản'), 2).value = null; // the version becomes the decision number
    });
    const result = await workbookToRulebook(bytes);
    if (!result.ok) throw new Error(result.errors.map((e) => e.message.en).join('\n'));
    const rb = result.rulebook;
    expect(result.version).toBe('1867/QĐ-UBND');
    expect(result.hash).toBe(contentHash(rb));

    const annex = findAnnex(rb, 'I');
    expect(annex.max).toBe(510);
    const entries = { '1.1': { value: 'Có', evidence: 'KH số 12/KH-UBND' } };
    const s = score(annex, entries);
    expect(s.criteria.find((c) => c.id === '1.1')).toMatchObject({ points: 20, max: 20 });
    // 10 more points than under the built-in text (deductions score their maximum without entries)
    expect(s.total).toBe(score(findAnnex(builtinRulebooks()[0], 'I'), entries).total + 10);
    expect(validate(annex, entries).some((i) => i.criterion === '1.1')).toBe(false);

    const plan = planForm(rb, 'I', { id: 'so-noi-vu', name: 'Sở Nội vụ' }, 2024);
    expect(plan.meta).toMatchObject({ rulebookVersion: '1867/QĐ-UBND', rulebookHash: result.hash });
    expect(plan.cells.some((c) => c.value === title || String(c.value ?? '').includes(title))).toBe(true);

    const before = builtinRulebooks()[0];
    const d = diffRulebooks(before, rb);
    expect(d.changes).toEqual([]);
    expect(d.annexes[0].changes).toEqual([{ field: 'max', from: 500, to: 510 }]);
    expect(d.annexes[0].changed).toEqual([
      expect.objectContaining({
        id: '1.1',
        changes: [
          { field: 'title', from: before.annexes[0].groups[0].criteria[0].title, to: title },
          { field: 'max', from: 10, to: 20 },
          { field: 'provenance', from: 'reconstructed', to: 'official' },
        ],
      }),
    ]);
    expect(d.annexes.slice(1).every((a) => a.status === 'same')).toBe(true);
  });

  it('compiles from grids too (the pane reads cells without a file)', async () => {
    const read = await workbookGrids(await exported('gia-lai-2019'));
    if (!read.ok) throw new Error('unreadable');
    const result = compileRulebook(read.grids);
    expect(result.ok && result.rulebook.id).toBe('gia-lai-2019');
  });
});
