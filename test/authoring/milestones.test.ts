/**
 * The round's milestones (`schedule.milestones`) in the authoring workbook: the "Mốc thời gian" sheet
 * shows every field of every milestone, reads back unchanged, refuses a bad cell with a located reason
 * in both languages, and the diff lists milestones added, removed and changed.
 */
import ExcelJS from 'exceljs';
import { builtinRulebook, builtinRulebooks } from '../../src/core/rulebook';
import { diffRulebooks, isEmptyDiff } from '../../src/core/rulebook/diff';
import { rulebookToWorkbook, workbookToRulebook } from '../../src/authoring/workbook';
import { diffToWorkbook, formatDiff } from '../../src/authoring/diff';
import { edit, exported, expectLocated } from './helpers';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

async function errorsOf(id: string, change: (ws: ExcelJS.Worksheet) => void) {
  const result = await workbookToRulebook(
    await edit(await exported(id), (wb) => change(wb.getWorksheet('Mốc thời gian')!)),
  );
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

const HEADERS_VI = [
  'Mã mốc',
  'Loại mốc',
  'Nội dung',
  'Nội dung (tiếng Anh)',
  'Cơ quan thực hiện',
  'Cơ quan thực hiện (tiếng Anh)',
  'Hạn (dd/mm)',
  'Sau mốc',
  'Số ngày làm việc sau',
  'Hạn trùng ngày nghỉ',
  'Căn cứ (trích văn bản)',
  'Giả định (văn bản không quy định)',
  'Ghi chú',
  'Ghi chú (tiếng Anh)',
];

describe('the "Mốc thời gian" sheet', () => {
  // The built-ins whose decisions give a round's milestones (the DTI-style example gives none).
  it.each(
    builtinRulebooks()
      .filter((rb) => rb.schedule.milestones?.length)
      .map((rb) => [rb.id, rb] as const),
  )('%s: one row per milestone, every field in its column', async (id, rb) => {
    const milestones = rb.schedule.milestones!;
    expect(milestones.length).toBeGreaterThan(3);
    const ws = (await load(await exported(id))).getWorksheet('Mốc thời gian')!;
    expect(HEADERS_VI.map((_, i) => ws.getCell(1, i + 1).text)).toEqual(HEADERS_VI);
    expect(ws.getCell('D2').text).toBe('Step (English)');
    milestones.forEach((m, i) => {
      const cell = (c: string) => ws.getCell(`${c}${3 + i}`).text;
      expect([cell('A'), cell('C'), cell('D'), cell('K')]).toEqual([
        m.id,
        m.title,
        m.titleEn,
        m.source ?? '',
      ]);
      expect(cell('G')).toBe(m.date ? `${m.date.slice(5)}/${m.date.slice(2, 4)}` : '');
      expect([cell('H'), cell('I')]).toEqual(
        m.after ? [m.after.milestone, String(m.after.workingDays)] : ['', ''],
      );
      expect(cell('L')).toBe(m.assumption ? 'Có' : 'Không');
      expect([cell('M'), cell('N')]).toEqual([m.note?.vi ?? '', m.note?.en ?? '']);
    });
    expect(ws.getCell(3 + milestones.length, 1).text).toBe('');
    // The kind and the day-off rule in both languages, as their drop-downs offer them.
    expect(ws.getCell('B3').text).toBe('Gửi phiếu / submission');
    expect(ws.getCell('J3').text).toBe('Giữ nguyên ngày / the date as written');
    expect(ws.getCell('J4').text).toBe('Ngày làm việc liền trước / the working day before');
  });

  it('offers drop-downs for the kind, the day-off rule and the assumption flag on rows still to be typed, and help in both languages', async () => {
    const wb = await load(await rulebookToWorkbook(undefined));
    const ws = wb.getWorksheet('Mốc thời gian')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const list = (cell: string) => String(ws.getCell(cell).dataValidation.formulae?.[0]);
    expect(list('B40')).toBe(
      '"Gửi phiếu / submission,Tổng hợp sơ bộ / preliminary consolidation,Thẩm định / appraisal,Quyết định / decision,Khen thưởng / award,Công bố / publication"',
    );
    expect(list('J40')).toBe(
      '"Ngày làm việc liền trước / the working day before,Ngày làm việc liền sau / the working day after,Giữ nguyên ngày / the date as written"',
    );
    expect(list('L40')).toBe('"Có,Không"');
    // A list of more than 255 characters is refused by Excel.
    for (const c of ['B40', 'J40']) expect(list(c).length).toBeLessThanOrEqual(257);
    expect(ws.getColumn(7).numFmt).toBe('@'); // "30/09" stays the text typed, not a date of some year
    const help = wb.getWorksheet('Hướng dẫn')!.getSheetValues().flat().join('\n');
    for (const words of [
      'Mốc thời gian / Milestones',
      'Sau mốc / After milestone',
      'Hạn trùng ngày nghỉ / Due on a day off',
      'Nội dung (tiếng Anh) / Step (English)',
      'số ngày làm việc sau hạn của mốc đó',
      'this one is due that many working days after it',
    ])
      expect(help).toContain(words);
  });
});

describe('read back', () => {
  it.each(builtinRulebooks().map((rb) => [rb.id, rb] as const))(
    '%s: the milestones unchanged, defaults included',
    async (id, rb) => {
      const result = await workbookToRulebook(await exported(id));
      if (!result.ok) throw new Error(result.errors.map((e) => e.message.en).join('\n'));
      expect(result.rulebook.schedule.milestones).toEqual(rb.schedule.milestones);
    },
  );

  it('choices in either language or as the id; blank day-off and assumption cells take the defaults; a changed date changes the milestone', async () => {
    const bytes = await edit(await exported('binh-thuan-2019'), (wb) => {
      const ws = wb.getWorksheet('Mốc thời gian')!;
      ws.getCell('B4').value = 'preliminary consolidation';
      ws.getCell('B5').value = 'Thẩm định';
      ws.getCell('J5').value = 'next';
      ws.getCell('J6').value = null;
      ws.getCell('L6').value = null;
      ws.getCell('G6').value = '1/12';
    });
    const result = await workbookToRulebook(bytes);
    if (!result.ok) throw new Error(result.errors.map((e) => e.message.en).join('\n'));
    const [, preliminary, appraisal, decision] = result.rulebook.schedule.milestones!;
    expect([preliminary.kind, appraisal.kind, appraisal.ifNotWorkingDay]).toEqual([
      'preliminary',
      'appraisal',
      'next',
    ]);
    expect([decision.date, decision.ifNotWorkingDay, decision.assumption]).toEqual([
      '--12-01',
      'previous',
      false,
    ]);
  });

  it('a sheet without rows leaves the milestones unsaid', async () => {
    const bytes = await edit(await exported('dong-nai-2022'), (wb) => {
      const ws = wb.getWorksheet('Mốc thời gian')!;
      for (let r = 3; r <= ws.rowCount; r++) ws.getRow(r).values = [];
    });
    const result = await workbookToRulebook(bytes);
    if (!result.ok) throw new Error(result.errors.map((e) => e.message.en).join('\n'));
    expect(result.rulebook.schedule.milestones).toBeUndefined();
  });
});

describe('errors in the milestones name sheet, row and column in both languages', () => {
  it('a kind that is not one of the choices', async () => {
    const errors = await errorsOf('binh-thuan-2019', (ws) => (ws.getCell('B5').value = 'họp'));
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Mốc thời gian', 5, 'B');
    expect(errors[0].message.vi).toContain(
      '(Loại mốc): "họp" không hợp lệ; chọn một trong: Gửi phiếu / submission, Tổng hợp sơ bộ / preliminary consolidation,',
    );
    expect(errors[0].message.en).toContain(
      '(Kind): "họp" is not valid; choose one of: Gửi phiếu / submission,',
    );
  });

  it('a date that is not a day of the year', async () => {
    const errors = await errorsOf('binh-thuan-2019', (ws) => (ws.getCell('G4').value = '31/09'));
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Mốc thời gian', 4, 'G');
    expect(errors[0].message.vi).toContain('(Hạn (dd/mm)): "31/09" không phải ngày trong năm (dd/mm).');
    expect(errors[0].message.en).toContain('(Due (dd/mm)): "31/09"');
  });

  it('an "after" naming an unknown milestone, or one on a row below', async () => {
    const unknown = await errorsOf('binh-thuan-2019', (ws) => (ws.getCell('H7').value = 'quyetdinh'));
    expect(unknown).toHaveLength(1);
    expectLocated(unknown[0], 'Mốc thời gian', 7, 'H');
    expect(unknown[0].message.vi).toContain(
      '(Sau mốc): Mốc "quyetdinh" không có ở dòng nào phía trên trên trang "Mốc thời gian". Các mốc phía trên: submission, preliminary, appraisal, decision.',
    );
    expect(unknown[0].message.en).toContain(
      '(After milestone): No row above on sheet "Mốc thời gian" has milestone "quyetdinh". Milestones above: submission, preliminary, appraisal, decision.',
    );
    const below = await errorsOf('binh-thuan-2019', (ws) => (ws.getCell('H7').value = 'publication'));
    expect(below).toHaveLength(1);
    expectLocated(below[0], 'Mốc thời gian', 7, 'H');
  });

  it('a missing English title, and a note in one language only', async () => {
    const errors = await errorsOf('dong-nai-2022', (ws) => {
      ws.getCell('D4').value = null;
      ws.getCell('N5').value = null;
    });
    expect(errors.map((e) => [e.sheet, e.row, e.column])).toEqual([
      ['Mốc thời gian', 4, 'D'],
      ['Mốc thời gian', 5, 'N'],
    ]);
    expect(errors[0].message.vi).toContain(
      '(Nội dung (tiếng Anh)): Chưa có bản tiếng Anh: mỗi mốc được hiển thị bằng cả hai ngôn ngữ.',
    );
    expect(errors[0].message.en).toContain(
      '(Step (English)): No English text: every milestone is shown in both languages.',
    );
    expect(errors[1].message.en).toContain(
      '(Note (English)): A note needs both its Vietnamese and its English text.',
    );
  });

  it('neither date nor "after" outside a submission; working days without "after"; a repeated id', async () => {
    const errors = await errorsOf('gia-lai-2019', (ws) => {
      ws.getCell('G4').value = null;
      ws.getCell('I5').value = 3;
      ws.getCell('A6').value = 'appraisal';
    });
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [4, 'G'],
      [5, 'I'],
      [6, 'A'],
      [7, 'H'], // the milestone after "decision" has lost it
    ]);
    expect(errors[0].message.vi).toContain(
      'Cần hạn (dd/mm) hoặc "Sau mốc" và số ngày làm việc; chỉ mốc gửi phiếu được theo hạn gửi phiếu ở trang "Thời hạn".',
    );
    expect(errors[1].message.en).toContain('Working days go with the "After milestone" column');
    expect(errors[2].message.en).toContain('Milestone id appraisal is already on row 5.');
  });
});

describe('the diff of milestones', () => {
  const before = builtinRulebook('binh-thuan-2019')!;
  const after = structuredClone(before);
  const ms = after.schedule.milestones!;
  ms[2].date = '--11-15';
  ms[4].after = { milestone: 'decision', workingDays: 15 };
  ms[3].ifNotWorkingDay = 'next';
  ms.splice(5, 1);
  ms.push({
    id: 'report',
    kind: 'publication',
    title: 'Báo cáo Bộ TT&TT',
    titleEn: 'Report to the Ministry',
    date: '--12-20',
    ifNotWorkingDay: 'previous',
    assumption: true,
    note: { vi: 'Giả định.', en: 'Assumed.' },
  });
  const diff = diffRulebooks(before, after);

  it('lists each milestone added, removed and changed, in Vietnamese and English', () => {
    expect(isEmptyDiff(diff)).toBe(false);
    const vi = formatDiff(diff);
    const title = (i: number) => before.schedule.milestones![i].title;
    expect(vi).toContain(`  - Điều chỉnh mốc appraisal ("${title(2)}"), Hạn (dd/mm): 10/11 → 15/11.`);
    expect(vi).toContain(
      `  - Điều chỉnh mốc decision ("${title(3)}"), Hạn trùng ngày nghỉ: Ngày làm việc liền trước → Ngày làm việc liền sau.`,
    );
    expect(vi).toContain(
      `  - Điều chỉnh mốc award ("${title(4)}"), Sau mốc: 10 ngày làm việc sau mốc decision → 15 ngày làm việc sau mốc decision.`,
    );
    expect(vi).toContain(`  - Bỏ mốc publication: "${title(5)}".`);
    expect(vi).toContain('  - Bổ sung mốc report: "Báo cáo Bộ TT&TT" (hạn 20/12).');
    const en = formatDiff(diff, 'en');
    expect(en).toContain(
      `  - Changed milestone appraisal ("${before.schedule.milestones![2].titleEn}"), Due (dd/mm): 10/11 → 15/11.`,
    );
    expect(en).toContain('  - Added milestone report: "Report to the Ministry" (due 20/12).');
    expect(isEmptyDiff(diffRulebooks(before, structuredClone(before)))).toBe(true);
  });

  it('files them on the sheet with the field, before and after', async () => {
    const wb = await load(await diffToWorkbook(diff));
    const ws = wb.getWorksheet('Điều chỉnh, bổ sung')!;
    const rows: string[][] = [];
    for (let r = 7; r <= ws.rowCount; r++) rows.push([4, 5, 6, 7].map((c) => ws.getCell(r, c).text));
    expect(rows).toContainEqual(['Điều chỉnh', 'Hạn (dd/mm)', '10/11', '15/11']);
    expect(rows).toContainEqual(['Bổ sung', 'Mốc thời gian', '', 'Báo cáo Bộ TT&TT']);
    expect(rows).toContainEqual(['Bỏ', 'Mốc thời gian', before.schedule.milestones![5].title, '']);
  });
});

describe('the quoted grounds of an award', () => {
  it('a change of the words alone is one line naming the award, not the whole list', () => {
    const before = builtinRulebook('binh-thuan-2019')!;
    const after = structuredClone(before);
    after.awards[1].source = 'Điều 12 (sửa đổi).';
    const d = diffRulebooks(before, after);
    expect(d.changes).toEqual([
      { field: 'awards.source', from: before.awards[1].source, to: 'Điều 12 (sửa đổi).', annexes: ['II'] },
    ]);
    expect(formatDiff(d)).toContain(
      `  - Điều chỉnh căn cứ khen thưởng phụ lục II: "${before.awards[1].source}" → "Điều 12 (sửa đổi).".`,
    );
    expect(formatDiff(d, 'en')).toContain(
      `  - Changed the quoted grounds of the award for annexes II: "${before.awards[1].source}" → "Điều 12 (sửa đổi).".`,
    );
  });
});
