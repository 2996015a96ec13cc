import ExcelJS from 'exceljs';
import { builtinRulebook } from '../../src/core/rulebook';
import { diffRulebooks } from '../../src/core/rulebook/diff';
import { diffSections, diffToWorkbook, formatDiff, showValue } from '../../src/authoring/diff';
import { amended, NEW_TITLE } from './amend';

describe('the diff in words', () => {
  const { before, after } = amended();
  const diff = diffRulebooks(before, after);

  it('reads like the "phụ lục những nội dung điều chỉnh, bổ sung": per annex, per group', () => {
    const text = formatDiff(diff);
    const lines = text.split('\n');
    expect(lines[0]).toBe('PHỤ LỤC NHỮNG NỘI DUNG ĐIỀU CHỈNH, BỔ SUNG / SUMMARY OF AMENDMENTS AND ADDITIONS');
    expect(lines[1]).toBe(`Từ / From: binh-thuan-2019 · 1867/2019 · ${diff.from.hash}`);
    const annexI = lines.indexOf(`Phụ lục I / Annex I: ${before.annexes[0].title}`);
    expect(annexI).toBeGreaterThan(0);
    const group1 = lines.indexOf(`  Nhóm 1 / Group 1: ${before.annexes[0].groups[0].title}`);
    const group2 = lines.indexOf(`  Nhóm 2 / Group 2: ${before.annexes[0].groups[1].title}`);
    expect(group1).toBeGreaterThan(annexI);
    expect(lines.slice(group1 + 1, group2)).toEqual([
      '    - Bổ sung tiêu chí 1.7: Ban hành danh mục dữ liệu dùng chung (5 điểm).',
      `    - Bỏ tiêu chí 1.3: ${before.annexes[0].groups[0].criteria[2].title} (10 điểm).`,
    ]);
    expect(lines.slice(group2 + 1, group2 + 3)).toEqual([
      '    - Điều chỉnh điểm tiêu chí 2.3: 15 → 20.',
      `    - Điều chỉnh nội dung tiêu chí 2.4: "${before.annexes[0].groups[1].criteria[3].title}" → "${NEW_TITLE}".`,
    ]);
    expect(lines).toContain('  Xếp loại / Bands');
    expect(lines).toContain('    - Điều chỉnh mức xếp loại Khá: từ 350 → từ 360 điểm.');
    expect(lines).toContain('Phụ lục II / Annex II: ' + before.annexes[1].title);
    expect(lines.filter((l) => l === '  Không thay đổi.')).toHaveLength(3);
    // one line per change, nothing else
    expect(lines.filter((l) => l.trimStart().startsWith('- '))).toHaveLength(5);
  });

  it('in English on request, headings staying bilingual', () => {
    const text = formatDiff(diff, 'en');
    expect(text).toContain('    - Changed the points of criterion 2.3: 15 → 20.');
    expect(text).toContain('    - Added criterion 1.7: Ban hành danh mục dữ liệu dùng chung (5 points).');
    expect(text).toContain('  Nhóm 2 / Group 2: ');
    expect(text).toContain('  Unchanged.');
  });

  it('says there is nothing when nothing changed', () => {
    const rb = builtinRulebook('gia-lai-2019')!;
    const text = formatDiff(diffRulebooks(rb, rb));
    expect(text.split('\n').pop()).toBe('Không có thay đổi / No changes');
  });

  it('writes rule parameters in the workbook notation', () => {
    expect(showValue('rule.steps', [{ min: 1, points: 5 }, { min: 2, points: 10.5 }], 'vi')).toBe('1→5; 2→10,5');
    expect(showValue('rule', { type: 'perItem', pointsPerItem: 2 }, 'vi')).toBe('Điểm theo số mục (Điểm mỗi mục: 2)');
    expect(showValue('rule', { type: 'perItem', pointsPerItem: 2.5 }, 'en')).toBe('Points per item (Points per item: 2.5)');
    expect(showValue('provenance', 'official', 'vi')).toBe('chính thức');
    expect(showValue('evidence.label', undefined, 'en')).toBe('(none)');
    expect(showValue('reasonRequiredBelowMax', true, 'vi')).toBe('Có');
  });

  it('as a sheet: one row per change with annex, group, criterion, before and after', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await diffToWorkbook(diff)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Điều chỉnh, bổ sung')!;
    expect(ws.getCell('A5').text).toBe('Phụ lục');
    expect(ws.getCell('A6').text).toBe('Annex');
    const rows: string[][] = [];
    for (let r = 7; r <= ws.rowCount; r++) rows.push([1, 2, 3, 4, 5, 6, 7].map((c) => ws.getCell(r, c).text));
    expect(rows).toEqual([
      ['I', '1', '1.7', 'Bổ sung', '', '', 'Ban hành danh mục dữ liệu dùng chung'],
      ['I', '1', '1.3', 'Bỏ', '', before.annexes[0].groups[0].criteria[2].title, ''],
      ['I', '2', '2.3', 'Điều chỉnh', 'Điểm tối đa', '15', '20'],
      ['I', '2', '2.4', 'Điều chỉnh', 'Tiêu chí', `"${before.annexes[0].groups[1].criteria[3].title}"`, `"${NEW_TITLE}"`],
      ['I', '', '', 'Điều chỉnh', 'Xếp loại', '350', '360'],
    ]);
    expect(ws.getCell('I9').text).toBe('Changed the points of criterion 2.3: 15 → 20.');
  });

  it('files group renames, annex fields and units in their sections', () => {
    const copy = structuredClone(before);
    copy.annexes[2].groups[0].title = 'Chỉ đạo, điều hành';
    copy.annexes[2].appliesTo = 'Các đơn vị sự nghiệp';
    copy.units[0].aliases = [...copy.units[0].aliases, 'Tên mới'];
    const s = diffSections(diffRulebooks(before, copy));
    const iii = s.annexes.find((a) => a.annex.annex === 'III')!;
    expect(iii.lines.map((l) => l.message.vi)).toEqual([`Điều chỉnh Đối tượng áp dụng của phụ lục: "${before.annexes[2].appliesTo}" → "Các đơn vị sự nghiệp".`]);
    expect(iii.groups[0].lines.map((l) => l.message.en)).toEqual([`Renamed criteria group 1: "${before.annexes[2].groups[0].title}" → "Chỉ đạo, điều hành".`]);
    expect(s.units.map((l) => l.message.vi)).toEqual([expect.stringContaining(`Điều chỉnh đơn vị ${before.units[0].name} (${before.units[0].id}), Tên gọi khác:`)]);
  });
});
