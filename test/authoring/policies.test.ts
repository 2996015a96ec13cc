/**
 * The rulebook's policies, award tie rules, assumptions, form title and annex names in the authoring
 * workbook: written where an author looks for them, read back unchanged, and refused with a located
 * reason in both languages when a cell cannot be read. Workbooks of the previous version (yes/no items
 * for the late and unsent policies, no assumptions sheet) still compile to the same policies.
 */
import ExcelJS from 'exceljs';
import { builtinRulebook, builtinRulebooks, contentHash } from '../../src/core/rulebook';
import { latePolicy, unsentPolicy } from '../../src/core/rulebook/policies';
import { diffRulebooks } from '../../src/core/rulebook/diff';
import { rulebookToWorkbook, workbookToRulebook } from '../../src/authoring/workbook';
import { edit, exported, expectLocated, itemRow } from './helpers';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

async function compiled(bytes: Uint8Array) {
  const result = await workbookToRulebook(bytes);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message.en).join('\n'));
  return result;
}

async function errorsOf(id: string, change: (wb: ExcelJS.Workbook) => void) {
  const result = await workbookToRulebook(await edit(await exported(id), change));
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

/** The value cell (column B) of an item on a key/value sheet. */
const itemValue = (ws: ExcelJS.Worksheet, label: string) => ws.getCell(itemRow(ws, label), 2);

describe('the new fields are written where an author looks for them', () => {
  it('Thời hạn: the policies in both languages, with bilingual drop-downs; no yes/no items any more', async () => {
    const wb = await load(await exported('gia-lai-2019'));
    const ws = wb.getWorksheet('Thời hạn')!;
    expect(itemValue(ws, 'Phiếu gửi chậm').text).toBe('Xếp cuối / ranked last');
    expect(itemValue(ws, 'Đơn vị không gửi phiếu').text).toBe('Xếp cuối / ranked last');
    expect(itemValue(ws, 'Phiếu chưa đầy đủ').text).toBe('Cảnh báo / warning');
    expect(itemValue(ws, 'Cần lý do cả khi tính lúc tổng hợp').text).toBe('Có');
    expect(ws.getCell(itemRow(ws, 'Phiếu gửi chậm'), 4).text).toBe('Late form');
    expect(String(itemValue(ws, 'Phiếu gửi chậm').dataValidation.formulae?.[0])).toBe(
      '"Vẫn xếp hạng / ranked,Không xếp hạng / not ranked,Xếp cuối / ranked last"',
    );
    expect(String(itemValue(ws, 'Đơn vị không gửi phiếu').dataValidation.formulae?.[0])).toBe(
      '"Không xếp hạng / not ranked,Xếp cuối / ranked last"',
    );
    expect(String(itemValue(ws, 'Phiếu chưa đầy đủ').dataValidation.formulae?.[0])).toBe(
      '"Cảnh báo / warning,Không xếp hạng / not ranked"',
    );
    expect(() => itemRow(ws, 'Phiếu gửi chậm không được xếp hạng')).toThrow();
    expect(() => itemRow(ws, 'Đơn vị không gửi phiếu xếp cuối')).toThrow();
    const dn = (await load(await exported('dong-nai-2022'))).getWorksheet('Thời hạn')!;
    expect(itemValue(dn, 'Phiếu gửi chậm').text).toBe('Vẫn xếp hạng / ranked');
    expect(itemValue(dn, 'Đơn vị không gửi phiếu').text).toBe('Không xếp hạng / not ranked');
  });

  it('Khen thưởng: the tie rule of each award; Phụ lục: the form name; Thông tin: form title and source of the reconstruction', async () => {
    const bt = await load(await exported('binh-thuan-2019'));
    const awards = bt.getWorksheet('Khen thưởng')!;
    expect([awards.getCell('D1').text, awards.getCell('D2').text]).toEqual([
      'Đồng hạng tại ngưỡng',
      'Ties at the cut-off',
    ]);
    expect([awards.getCell('A4').text, awards.getCell('B4').text, awards.getCell('D4').text]).toEqual([
      'II',
      '1',
      'Hội đồng quyết định / council decides',
    ]);
    expect(String(awards.getCell('D20').dataValidation.formulae?.[0])).toBe(
      '"Hội đồng quyết định / council decides,Khen tất cả / all awarded"',
    );
    const info = bt.getWorksheet('Thông tin')!;
    expect(itemValue(info, 'Tiêu đề phiếu').text).toBe(builtinRulebook('binh-thuan-2019')!.formTitle);
    expect(itemValue(info, 'Nội dung tái dựng dựa trên').text).toContain('QĐ 2342/QĐ-BTTTT');
    expect(itemValue(info, 'Nội dung tái dựng dựa trên (tiếng Anh)').text).toContain(
      "Ministry of Information and Communications' method",
    );
    const gl = await load(await exported('gia-lai-2019'));
    const annexes = gl.getWorksheet('Phụ lục')!;
    expect([annexes.getCell('H1').text, annexes.getCell('H2').text]).toEqual(['Tên gọi phiếu', 'Form name']);
    expect([3, 4, 5].map((r) => annexes.getCell(`H${r}`).text)).toEqual(['Cấp sở', 'Cấp huyện', 'Cấp xã']);
  });

  it.each(builtinRulebooks().map((rb) => [rb.id, rb] as const))(
    'Giả định of %s: one row per assumption, Vietnamese, annexes, English',
    async (id, rb) => {
      expect(rb.assumptions.length).toBeGreaterThan(3);
      const ws = (await load(await exported(id))).getWorksheet('Giả định')!;
      expect([1, 2, 3, 4, 5].map((c) => ws.getCell(1, c).text)).toEqual([
        'Giả định',
        'Lý do',
        'Phụ lục liên quan',
        'Giả định (tiếng Anh)',
        'Lý do (tiếng Anh)',
      ]);
      expect([1, 2, 3, 4, 5].map((c) => ws.getCell(2, c).text)).toEqual([
        'Assumption',
        'Why',
        'Annexes concerned',
        'Assumption (English)',
        'Why (English)',
      ]);
      rb.assumptions.forEach((a, i) => {
        const row = [1, 2, 3, 4, 5].map((c) => ws.getCell(3 + i, c).text);
        expect(row).toEqual([a.what.vi, a.why.vi, (a.annexes ?? []).join('; '), a.what.en, a.why.en]);
      });
      expect(ws.getCell(3 + rb.assumptions.length, 1).text).toBe('');
    },
  );

  it('the blank workbook has the policy rows, the assumptions sheet and help for every new item and column, in both languages', async () => {
    const wb = await load(await rulebookToWorkbook(undefined));
    const schedule = wb.getWorksheet('Thời hạn')!;
    for (const label of [
      'Phiếu gửi chậm',
      'Đơn vị không gửi phiếu',
      'Phiếu chưa đầy đủ',
      'Cần lý do cả khi tính lúc tổng hợp',
    ])
      expect(itemValue(schedule, label).text).toBe('');
    expect(wb.getWorksheet('Giả định')!.getCell('D2').text).toBe('Assumption (English)');
    const help = wb.getWorksheet('Hướng dẫn')!.getSheetValues().flat().join('\n');
    for (const words of [
      'Giả định / Assumptions',
      'Phiếu gửi chậm / Late form',
      'Đồng hạng tại ngưỡng / Ties at the cut-off',
      'Tên gọi phiếu / Form name',
      'Tiêu đề phiếu / Form title',
      'Lý do (tiếng Anh) / Why (English)',
      'không đơn vị nào được tự động khen',
      'none is awarded automatically',
      'The yes/no item "Phiếu gửi chậm không được xếp hạng" of older workbooks is still read.',
    ])
      expect(help).toContain(words);
  });
});

describe('read back', () => {
  it.each(builtinRulebooks().map((rb) => [rb.id, rb] as const))(
    '%s: policies, ties, assumptions, form title and names unchanged',
    async (id, rb) => {
      const back = (await compiled(await exported(id))).rulebook;
      expect(back.policies).toEqual(rb.policies);
      expect(back.awards).toEqual(rb.awards);
      expect(back.assumptions).toEqual(rb.assumptions);
      expect([back.formTitle, back.reconstructedFrom]).toEqual([rb.formTitle, rb.reconstructedFrom]);
      expect(back.annexes.map((a) => a.label)).toEqual(rb.annexes.map((a) => a.label));
    },
  );

  it('choices are read in either language, or both, or as the id; a changed policy changes the hash', async () => {
    const bytes = await edit(await exported('binh-thuan-2019'), (wb) => {
      const ws = wb.getWorksheet('Thời hạn')!;
      itemValue(ws, 'Phiếu gửi chậm').value = 'ranked last';
      itemValue(ws, 'Đơn vị không gửi phiếu').value = 'xep cuoi';
      itemValue(ws, 'Phiếu chưa đầy đủ').value = 'notRanked';
      itemValue(ws, 'Cần lý do cả khi tính lúc tổng hợp').value = 'Không';
      wb.getWorksheet('Khen thưởng')!.getCell('D4').value = 'Khen tất cả';
    });
    const result = await compiled(bytes);
    expect(result.rulebook.policies).toEqual({
      late: 'rankedLast',
      unsent: 'rankedLast',
      incomplete: 'notRanked',
      reasonsAfterConsolidation: false,
    });
    expect(result.rulebook.awards.map((a) => a.ties)).toEqual(['council', 'all']);
    expect(result.hash).not.toBe(contentHash(builtinRulebook('binh-thuan-2019')!));
  });

  it('blank tie cells and a deleted policy row take the defaults (council; warning; reasons required)', async () => {
    const bytes = await edit(await exported('binh-thuan-2019'), (wb) => {
      wb.getWorksheet('Khen thưởng')!.getCell('D4').value = null;
      const ws = wb.getWorksheet('Thời hạn')!;
      ws.spliceRows(itemRow(ws, 'Phiếu chưa đầy đủ'), 1);
    });
    const result = await compiled(bytes);
    expect(result.hash).toBe(contentHash(builtinRulebook('binh-thuan-2019')!));
  });
});

describe('a workbook of the previous version', () => {
  /** The workbook as the previous version wrote it: yes/no items, no policy rows, no assumptions or milestones sheet, no new columns or items. */
  async function previousVersion(id: string, late: string, missing: string) {
    return edit(await exported(id), (wb) => {
      const ws = wb.getWorksheet('Thời hạn')!;
      for (const label of [
        'Cần lý do cả khi tính lúc tổng hợp',
        'Phiếu chưa đầy đủ',
        'Đơn vị không gửi phiếu',
      ])
        ws.spliceRows(itemRow(ws, label), 1);
      const r = itemRow(ws, 'Phiếu gửi chậm');
      ws.getRow(r).values = ['Phiếu gửi chậm không được xếp hạng', late, null, 'Late forms are not ranked'];
      ws.getRow(r + 1).values = [
        'Đơn vị không gửi phiếu xếp cuối',
        missing,
        null,
        'Units without a form rank last',
      ];
      wb.removeWorksheet(wb.getWorksheet('Giả định')!.id);
      wb.removeWorksheet(wb.getWorksheet('Mốc thời gian')!.id);
      wb.getWorksheet('Khen thưởng')!.spliceColumns(5, 1);
      wb.getWorksheet('Phụ lục')!.spliceColumns(8, 1);
      const info = wb.getWorksheet('Thông tin')!;
      for (const label of [
        'Nội dung tái dựng dựa trên (tiếng Anh)',
        'Nội dung tái dựng dựa trên',
        'Tiêu đề phiếu',
      ])
        info.spliceRows(itemRow(info, label), 1);
    });
  }

  it.each([
    ['gia-lai-2019', 'Có', 'Có', 'notRanked', 'rankedLast'],
    ['dong-nai-2022', 'Không', 'Không', 'ranked', 'notRanked'],
    ['binh-thuan-2019', 'Có', 'Không', 'notRanked', 'notRanked'],
  ])(
    '%s with late "%s", missing-last "%s" compiles to late %s, unsent %s',
    async (id, late, missing, latePol, unsentPol) => {
      const { rulebook } = await compiled(await previousVersion(id, late, missing));
      expect(rulebook.policies).toEqual({
        late: latePol,
        unsent: unsentPol,
        incomplete: 'warning',
        reasonsAfterConsolidation: true,
      });
      expect([latePolicy(rulebook), unsentPolicy(rulebook)]).toEqual([latePol, unsentPol]);
      // Nothing else is lost: criteria, units, schedule and awards are those of the built-in (less what the old workbook had no place for).
      const rb = builtinRulebook(id)!;
      const { milestones: _milestones, ...schedule } = rb.schedule;
      expect(rulebook.schedule.milestones).toBeUndefined();
      expect({
        ...rulebook,
        assumptions: rb.assumptions,
        formTitle: rb.formTitle,
        reconstructedFrom: rb.reconstructedFrom,
        policies: rb.policies,
      }).toEqual({
        ...rb,
        annexes: rb.annexes.map(({ label: _label, ...a }) => a),
        awards: rb.awards.map(({ source: _source, ...a }) => a),
        schedule,
      });
    },
  );

  it('against the built-in, the diff shows only the policy the old yes/no items could not say', async () => {
    const { rulebook } = await compiled(await previousVersion('gia-lai-2019', 'Không', 'Có'));
    const gl = builtinRulebook('gia-lai-2019')!;
    // "Không" for late means ranked: the old items had no "ranked last" for late forms. "Có" for missing: ranked last, as now.
    const d = diffRulebooks(gl, rulebook);
    expect(d.changes.filter((c) => c.field.startsWith('policies'))).toEqual([
      { field: 'policies.late', from: 'rankedLast', to: 'ranked' },
    ]);
  });

  it('an old item next to the new one must agree with it; when it does, it is just read', async () => {
    const exportedDn = await exported('dong-nai-2022');
    const both = (late: string) =>
      edit(exportedDn, (wb) => {
        const ws = wb.getWorksheet('Thời hạn')!;
        ws.addRow(['Phiếu gửi chậm không được xếp hạng', late, null, 'Late forms are not ranked']);
      });
    const agrees = await compiled(await both('Không'));
    expect(agrees.hash).toBe(contentHash(builtinRulebook('dong-nai-2022')!));
    const result = await workbookToRulebook(await both('Có'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    const ws = (await load(await both('Có'))).getWorksheet('Thời hạn')!;
    const row = itemRow(ws, 'Phiếu gửi chậm không được xếp hạng');
    expectLocated(result.errors[0], 'Thời hạn', row, 'B');
    expect(result.errors[0].message.vi).toContain(
      `nói khác mục "Phiếu gửi chậm" ở dòng ${itemRow(ws, 'Phiếu gửi chậm')}`,
    );
    expect(result.errors[0].message.en).toContain(
      `says otherwise than "Late form" on row ${itemRow(ws, 'Phiếu gửi chậm')}`,
    );
  });
});

describe('a rulebook that spells its policies the older way (schedule booleans)', () => {
  it('is written with the policies it means, and reads back to the same ranking behaviour', async () => {
    const gl = structuredClone(builtinRulebook('gia-lai-2019')!);
    gl.policies = { incomplete: 'warning', reasonsAfterConsolidation: true };
    gl.schedule.lateNotRanked = false;
    gl.schedule.missingRankedLast = true;
    const wb = await load(await rulebookToWorkbook(gl));
    expect(itemValue(wb.getWorksheet('Thời hạn')!, 'Phiếu gửi chậm').text).toBe('Vẫn xếp hạng / ranked');
    expect(itemValue(wb.getWorksheet('Thời hạn')!, 'Đơn vị không gửi phiếu').text).toBe(
      'Xếp cuối / ranked last',
    );
    const { rulebook } = await compiled(await rulebookToWorkbook(gl));
    expect(rulebook.policies).toMatchObject({ late: 'ranked', unsent: 'rankedLast' });
    expect(rulebook.schedule).not.toHaveProperty('lateNotRanked');
    expect([latePolicy(rulebook), unsentPolicy(rulebook)]).toEqual([latePolicy(gl), unsentPolicy(gl)]);
    expect(diffRulebooks(gl, rulebook).changes).toEqual([]);
  });
});

describe('errors in the new fields name sheet, row and column in both languages', () => {
  it('a policy that is not one of the choices', async () => {
    let row = 0;
    const errors = await errorsOf('gia-lai-2019', (wb) => {
      const ws = wb.getWorksheet('Thời hạn')!;
      row = itemRow(ws, 'Phiếu gửi chậm');
      ws.getCell(row, 2).value = 'Trừ 10 điểm';
    });
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Thời hạn', row, 'B');
    expect(errors[0].message.vi).toContain(
      '(Phiếu gửi chậm): "Trừ 10 điểm" không hợp lệ; chọn một trong: Vẫn xếp hạng / ranked, Không xếp hạng / not ranked, Xếp cuối / ranked last.',
    );
    expect(errors[0].message.en).toContain(
      '(Late form): "Trừ 10 điểm" is not valid; choose one of: Vẫn xếp hạng / ranked, Không xếp hạng / not ranked, Xếp cuối / ranked last.',
    );
  });

  it('an unsent policy that exists only for late forms, and a yes/no item that is neither', async () => {
    const rows: number[] = [];
    const errors = await errorsOf('gia-lai-2019', (wb) => {
      const ws = wb.getWorksheet('Thời hạn')!;
      rows.push(itemRow(ws, 'Đơn vị không gửi phiếu'), itemRow(ws, 'Cần lý do cả khi tính lúc tổng hợp'));
      ws.getCell(rows[0], 2).value = 'Vẫn xếp hạng';
      ws.getCell(rows[1], 2).value = 'tuỳ';
    });
    expect(errors.map((e) => [e.sheet, e.row, e.column])).toEqual([
      ['Thời hạn', rows[0], 'B'],
      ['Thời hạn', rows[1], 'B'],
    ]);
    expect(errors[0].message.en).toContain(
      'choose one of: Không xếp hạng / not ranked, Xếp cuối / ranked last',
    );
    expect(errors[1].message.en).toContain('"tuỳ" is not valid; choose one of: Yes, No');
  });

  it('a tie rule that is not one of the choices', async () => {
    const errors = await errorsOf(
      'binh-thuan-2019',
      (wb) => (wb.getWorksheet('Khen thưởng')!.getCell('D3').value = 'bốc thăm'),
    );
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Khen thưởng', 3, 'D');
    expect(errors[0].message.vi).toContain(
      '(Đồng hạng tại ngưỡng): "bốc thăm" không hợp lệ; chọn một trong: Hội đồng quyết định / council decides, Khen tất cả / all awarded.',
    );
    expect(errors[0].message.en).toContain('(Ties at the cut-off): "bốc thăm" is not valid');
  });

  it('an assumption about an annex that does not exist', async () => {
    const errors = await errorsOf(
      'binh-thuan-2019',
      (wb) => (wb.getWorksheet('Giả định')!.getCell('C4').value = 'II; V'),
    );
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Giả định', 4, 'C');
    expect(errors[0].message.vi).toContain(
      '(Phụ lục liên quan): Phụ lục "V" chưa được khai báo ở trang "Phụ lục".',
    );
    expect(errors[0].message.en).toContain(
      '(Annexes concerned): Annex "V" is not defined on sheet "Phụ lục".',
    );
  });

  it('an assumption without its English text, or without its reason', async () => {
    const errors = await errorsOf('dong-nai-2022', (wb) => {
      const ws = wb.getWorksheet('Giả định')!;
      ws.addRow([
        'Phiếu chấm bằng tay được nhập lại.',
        null,
        null,
        null,
        'Forms scored by hand are typed in again.',
      ]);
    });
    const row = 3 + builtinRulebook('dong-nai-2022')!.assumptions.length;
    expect(errors.map((e) => [e.sheet, e.row, e.column])).toEqual([
      ['Giả định', row, 'D'],
      ['Giả định', row, 'B'],
    ]);
    expect(errors[0].message.vi).toContain(
      '(Giả định (tiếng Anh)): Chưa có bản tiếng Anh: mỗi giả định được hiển thị bằng cả hai ngôn ngữ.',
    );
    expect(errors[0].message.en).toContain(
      '(Assumption (English)): No English text: every assumption is shown in both languages.',
    );
    expect(errors[1].message.en).toContain('(Why): No value entered');
  });

  it('the source of the reconstruction in one language only', async () => {
    let row = 0;
    const errors = await errorsOf('gia-lai-2019', (wb) => {
      const ws = wb.getWorksheet('Thông tin')!;
      ws.spliceRows(itemRow(ws, 'Nội dung tái dựng dựa trên (tiếng Anh)'), 1);
      row = itemRow(ws, 'Nội dung tái dựng dựa trên');
    });
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Thông tin', row, 'B');
    expect(errors[0].message.vi).toContain('Cần có cả mục "Nội dung tái dựng dựa trên (tiếng Anh)"');
    expect(errors[0].message.en).toContain('The item "Reconstructed from (English)" is needed too');
  });
});
