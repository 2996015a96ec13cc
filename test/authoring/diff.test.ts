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
    expect(
      showValue(
        'rule.steps',
        [
          { min: 1, points: 5 },
          { min: 2, points: 10.5 },
        ],
        'vi',
      ),
    ).toBe('1→5; 2→10,5');
    expect(showValue('rule', { type: 'perItem', pointsPerItem: 2 }, 'vi')).toBe(
      'Điểm theo số mục (Điểm mỗi mục: 2)',
    );
    expect(showValue('rule', { type: 'perItem', pointsPerItem: 2.5 }, 'en')).toBe(
      'Points per item (Points per item: 2.5)',
    );
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
      [
        'I',
        '2',
        '2.4',
        'Điều chỉnh',
        'Tiêu chí',
        `"${before.annexes[0].groups[1].criteria[3].title}"`,
        `"${NEW_TITLE}"`,
      ],
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
    expect(iii.lines.map((l) => l.message.vi)).toEqual([
      `Điều chỉnh Đối tượng áp dụng của phụ lục: "${before.annexes[2].appliesTo}" → "Các đơn vị sự nghiệp".`,
    ]);
    expect(iii.groups[0].lines.map((l) => l.message.en)).toEqual([
      `Renamed criteria group 1: "${before.annexes[2].groups[0].title}" → "Chỉ đạo, điều hành".`,
    ]);
    expect(s.units.map((l) => l.message.vi)).toEqual([
      expect.stringContaining(
        `Điều chỉnh đơn vị ${before.units[0].name} (${before.units[0].id}), Tên gọi khác:`,
      ),
    ]);
  });
});

describe('the diff of policies, tie rules, assumptions, form title and form names', () => {
  const before = builtinRulebook('binh-thuan-2019')!;
  const changed = () => {
    const copy = structuredClone(before);
    copy.policies.late = 'rankedLast';
    copy.policies.incomplete = 'notRanked';
    copy.policies.reasonsAfterConsolidation = false;
    copy.awards[1].ties = 'all';
    copy.formTitle = 'PHIẾU ĐÁNH GIÁ ỨNG DỤNG CÔNG NGHỆ THÔNG TIN';
    copy.annexes[1].label = 'Văn phòng';
    copy.assumptions[1].why = { vi: 'Văn bản Phụ lục II nêu 420.', en: 'The annex II text states 420.' };
    copy.assumptions[1].annexes = undefined;
    copy.assumptions.splice(9, 1);
    copy.assumptions.push({
      what: {
        vi: 'Phiếu nộp qua thư điện tử được tính theo ngày gửi.',
        en: 'Forms sent by e-mail count from the day they were sent.',
      },
      why: { vi: 'Quyết định không nói.', en: 'The decision is silent.' },
    });
    return copy;
  };
  const diff = diffRulebooks(before, changed());

  it('lists each change once, in Vietnamese and in English', () => {
    const vi = formatDiff(diff).split('\n');
    const general = lines(vi, 'Thông tin chung / General');
    expect(general).toEqual([
      `  - Điều chỉnh Tiêu đề phiếu: "${before.formTitle}" → "PHIẾU ĐÁNH GIÁ ỨNG DỤNG CÔNG NGHỆ THÔNG TIN".`,
      '  - Điều chỉnh Phiếu gửi chậm: Không xếp hạng → Xếp cuối.',
      '  - Điều chỉnh Phiếu chưa đầy đủ: Cảnh báo → Không xếp hạng.',
      '  - Điều chỉnh Cần lý do cả khi tính lúc tổng hợp: Có → Không.',
      '  - Điều chỉnh cách xử lý đồng hạng của khen thưởng phụ lục II: Hội đồng quyết định → Khen tất cả.',
      '  - Bổ sung giả định: "Phiếu nộp qua thư điện tử được tính theo ngày gửi." (lý do: "Quyết định không nói.").',
      `  - Bỏ giả định: "${before.assumptions[9].what.vi}".`,
      `  - Điều chỉnh giả định "${before.assumptions[1].what.vi}", Lý do: "${before.assumptions[1].why.vi}" → "Văn bản Phụ lục II nêu 420.".`,
      `  - Điều chỉnh giả định "${before.assumptions[1].what.vi}", Lý do (tiếng Anh): "${before.assumptions[1].why.en}" → "The annex II text states 420.".`,
      `  - Điều chỉnh giả định "${before.assumptions[1].what.vi}", Phụ lục liên quan: II → (cả bộ tiêu chí).`,
    ]);
    expect(vi).toContain('  - Điều chỉnh Tên gọi phiếu của phụ lục: (không có) → "Văn phòng".');
    const en = formatDiff(diff, 'en');
    expect(en).toContain('  - Changed Late form: not ranked → ranked last.');
    expect(en).toContain('  - Changed Incomplete form: warning → not ranked.');
    expect(en).toContain(
      '  - Changed the tie rule of the award for annexes II: council decides → all awarded.',
    );
    expect(en).toContain(
      '  - Added assumption: "Forms sent by e-mail count from the day they were sent." (why: "The decision is silent.").',
    );
    expect(en).toContain(`  - Removed assumption: "${before.assumptions[9].what.en}".`);
    expect(en).toContain(
      `  - Changed assumption "${before.assumptions[1].what.en}", Annexes concerned: II → (the whole rulebook).`,
    );
    expect(en).toContain('  - Changed the annex\'s Form name: (none) → "Văn phòng".');
  });

  it('files them on the sheet with the field, before and after', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await diffToWorkbook(diff)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Điều chỉnh, bổ sung')!;
    const rows: string[][] = [];
    for (let r = 7; r <= ws.rowCount; r++) rows.push([1, 4, 5, 6, 7].map((c) => ws.getCell(r, c).text));
    expect(rows).toContainEqual(['', 'Điều chỉnh', 'Phiếu gửi chậm', 'Không xếp hạng', 'Xếp cuối']);
    expect(rows).toContainEqual([
      '',
      'Điều chỉnh',
      'Đồng hạng tại ngưỡng',
      'Hội đồng quyết định',
      'Khen tất cả',
    ]);
    expect(rows).toContainEqual([
      '',
      'Bổ sung',
      'Giả định',
      '',
      'Phiếu nộp qua thư điện tử được tính theo ngày gửi.',
    ]);
    expect(rows).toContainEqual(['', 'Bỏ', 'Giả định', before.assumptions[9].what.vi, '']);
    expect(rows).toContainEqual(['II', 'Điều chỉnh', 'Tên gọi phiếu', '(không có)', '"Văn phòng"']);
  });

  it('an award rule that comes or goes is the whole list, ties included', () => {
    const copy = structuredClone(before);
    copy.awards.pop();
    const text = formatDiff(diffRulebooks(before, copy));
    expect(text).toContain('phụ lục II: 1 đơn vị dẫn đầu đạt Tốt, đồng hạng: Hội đồng quyết định → ');
  });
});

/** The item lines under a heading of the diff text, up to the next blank line. */
function lines(text: string[], heading: string): string[] {
  const start = text.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('', start);
  return text.slice(start + 1, end < 0 ? undefined : end);
}
