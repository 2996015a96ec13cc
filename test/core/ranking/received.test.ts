import { fileBaseName, parseReceivedManifest, receivedFor } from '../../../src/core/ranking';

describe('received-dates manifest, CSV', () => {
  it('Vietnamese headers, ; separator, BOM, quotes, dd/mm/yyyy dates', () => {
    const text =
      '\uFEFFTệp;Ngày nhận\r\n"So Noi vu; ban cuoi.xlsx";16/09/2019\r\nSở Tư pháp.xlsx;"20/9/2019"\r\n\r\n';
    const { entries, problems } = parseReceivedManifest(text, 'csv');
    expect(problems).toEqual([]);
    expect([...entries]).toEqual([
      ['So Noi vu; ban cuoi.xlsx', '2019-09-16'],
      ['Sở Tư pháp.xlsx', '2019-09-20'],
    ]);
  });

  it('English headers in any order, , separator, ISO dates, folders stripped, extra columns ignored', () => {
    const text =
      'unit,received,file\nSở Y tế,2019-09-23,C:\\nop\\so-y-te.xlsx\n"Sở ""Tài chính""",2019-09-12,nop/so-tai-chinh.xlsx\n';
    const { entries, problems } = parseReceivedManifest(text, 'csv');
    expect(problems).toEqual([]);
    expect(entries.get('so-y-te.xlsx')).toBe('2019-09-23');
    expect(entries.get('so-tai-chinh.xlsx')).toBe('2019-09-12');
  });

  it('accepts lenient header spellings (Tên tệp, Ngay nhan) and tab separators', () => {
    const { entries, problems } = parseReceivedManifest('Tên tệp\tNgay nhan\na.xlsx\t01/10/2019\n', 'csv');
    expect(problems).toEqual([]);
    expect(entries.get('a.xlsx')).toBe('2019-10-01');
  });

  it('a headerless list of file, date', () => {
    const { entries } = parseReceivedManifest('a.xlsx,16/09/2019\nb.xlsx,2019-09-17\n', 'csv');
    expect(Object.fromEntries(entries)).toEqual({ 'a.xlsx': '2019-09-16', 'b.xlsx': '2019-09-17' });
  });

  it('reports rows it cannot use, with their line, and keeps the others', () => {
    const text = 'file,received\na.xlsx,31/02/2019\n,2019-09-01\nb.xlsx,2019-09-17\nb.xlsx,2019-09-18\n';
    const { entries, problems } = parseReceivedManifest(text, 'csv');
    expect(Object.fromEntries(entries)).toEqual({ 'b.xlsx': '2019-09-18' });
    expect(problems).toHaveLength(3);
    expect(problems[0].vi).toContain('Dòng 2');
    expect(problems[0].en).toContain('31/02/2019');
    expect(problems[1].en).toContain('Line 3');
    expect(problems[2].en).toMatch(/b\.xlsx.*2019-09-17/);
  });

  it('says which columns it needs when the header is not recognised', () => {
    const { entries, problems } = parseReceivedManifest('đơn vị,ghi chú\nx,y\n', 'csv');
    expect(entries.size).toBe(0);
    expect(problems[0].vi).toContain('ngày nhận');
  });
});

describe('received-dates manifest, JSON', () => {
  it('an array of {file, received}', () => {
    const { entries, problems } = parseReceivedManifest(
      JSON.stringify([
        { file: 'nop/a.xlsx', received: '16/09/2019' },
        { tệp: 'b.xlsx', 'ngày nhận': '2019-09-17' },
        { file: 'c.xlsx' },
        7,
      ]),
      'json',
    );
    expect(Object.fromEntries(entries)).toEqual({ 'a.xlsx': '2019-09-16', 'b.xlsx': '2019-09-17' });
    expect(problems).toHaveLength(2);
  });

  it('an object {file: date}, BOM allowed', () => {
    const { entries, problems } = parseReceivedManifest(
      '\uFEFF{"a.xlsx":"2019-09-16","b.xlsx":"17/09/2019","c.xlsx":"sớm"}',
      'json',
    );
    expect(Object.fromEntries(entries)).toEqual({ 'a.xlsx': '2019-09-16', 'b.xlsx': '2019-09-17' });
    expect(problems).toHaveLength(1);
    expect(problems[0].en).toContain('sớm');
  });

  it('bad JSON is one problem, not an exception', () => {
    const { entries, problems } = parseReceivedManifest('{"a.xlsx": ', 'json');
    expect(entries.size).toBe(0);
    expect(problems).toHaveLength(1);
  });
});

describe('looking files up', () => {
  it('by base name, then ignoring case; NFD names match NFC ones', () => {
    const { entries } = parseReceivedManifest('file,received\nSở Y tế.xlsx,2019-09-16\n', 'csv');
    expect(receivedFor(entries, '/tmp/nop/Sở Y tế.xlsx')).toBe('2019-09-16');
    expect(receivedFor(entries, 'SỞ Y TẾ.XLSX')).toBe('2019-09-16');
    expect(receivedFor(entries, 'Sở Y tế.xlsx'.normalize('NFD'))).toBe('2019-09-16');
    expect(receivedFor(entries, 'khac.xlsx')).toBeUndefined();
    expect(fileBaseName('C:\\a\\b\\c.xlsx')).toBe('c.xlsx');
  });
});
