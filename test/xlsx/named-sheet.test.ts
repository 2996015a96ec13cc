/**
 * readNamedSheetRows: one sheet by name whatever its visibility (the results sheet is very hidden,
 * which readSheetRows leaves out), undefined when there is none, a reason and never a throw for
 * bytes that are no workbook.
 */
import ExcelJS from 'exceljs';
import { msg } from '../../src/i18n';
import { readNamedSheetRows, readSheetRows } from '../../src/xlsx/read';

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Tổng hợp').getCell('A1').value = 'bảng';
  const hidden = wb.addWorksheet('_du_lieu', { state: 'veryHidden' });
  hidden.getCell('A1').value = 'dòng một';
  hidden.getCell('C1').value = 2.5;
  hidden.getCell('B3').value = '=1+1 là chữ';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

test('a very hidden sheet by name (any case), its holes kept; a name not there is undefined', async () => {
  const bytes = await workbook();
  const read = readNamedSheetRows(bytes, '_DU_LIEU');
  expect(read.ok && read.rows).toEqual([['dòng một', undefined, 2.5], undefined, [undefined, '=1+1 là chữ']]);
  expect(readNamedSheetRows(bytes, 'khác')).toEqual({ ok: true, rows: undefined });
  // the visible sheets' reader still leaves it out
  const visible = readSheetRows(bytes);
  expect(visible.ok && visible.sheets.map((s) => s.name)).toEqual(['Tổng hợp']);
});

test('bytes that are no workbook: a reason, no throw', async () => {
  expect(readNamedSheetRows(new TextEncoder().encode('không phải zip'), 'x').ok).toBe(false);
  const bytes = await workbook();
  const cut = readNamedSheetRows(bytes.slice(0, bytes.length - 200), 'x');
  expect(cut.ok).toBe(false);
  expect(readNamedSheetRows('x' as unknown as Uint8Array, 'x')).toEqual({
    ok: false,
    reason: msg('xlsxNotZip'),
  });
});
