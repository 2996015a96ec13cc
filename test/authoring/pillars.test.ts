/** The annex's pillars, ranking on the index and min–max normalisation, through the authoring workbook. */
import type ExcelJS from 'exceljs';
import { builtinRulebook } from '../../src/core/rulebook';
import { diffRulebooks } from '../../src/core/rulebook/diff';
import { workbookToRulebook } from '../../src/authoring/workbook';
import { formatDiff } from '../../src/authoring/diff';
import { ANNEX_COLUMNS, CRITERIA_COLUMNS, columnLetter } from '../../src/authoring/layout';
import { criterionRow, edit, exported, expectLocated } from './helpers';

const NORMALISE = CRITERIA_COLUMNS.findIndex((d) => d.key === 'normalise') + 1;
const RANK_ON = ANNEX_COLUMNS.findIndex((d) => d.key === 'rankOn') + 1;

async function compiled(id: string, change: (wb: ExcelJS.Workbook) => void) {
  return workbookToRulebook(await edit(await exported(id), change));
}

async function errorsOf(id: string, change: (wb: ExcelJS.Workbook) => void) {
  const result = await compiled(id, change);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

/** DTI 2025: "Trụ cột" row 3 is annex SO's first pillar (NT, groups 1–5, weight 500). */
const pillars = (wb: ExcelJS.Workbook) => wb.getWorksheet('Trụ cột')!;

describe('pillars on the authoring workbook', () => {
  it('are written one row per pillar, groups as a list', async () => {
    await edit(await exported('dti-2025'), (wb) => {
      const ws = pillars(wb);
      expect([1, 2, 3, 4, 5].map((c) => ws.getCell(3, c).text)).toEqual([
        'SO',
        'NT',
        'Nền tảng chuyển đổi số',
        '1; 2; 3; 4; 5',
        '500',
      ]);
      expect(wb.getWorksheet('Phụ lục')!.getCell(3, RANK_ON).text).toBe('chỉ số');
    });
  });

  it('a changed weight and rankOn compile back, and the diff says so in a line each', async () => {
    const result = await compiled('dti-2025', (wb) => {
      pillars(wb).getCell(3, 5).value = 400;
      wb.getWorksheet('Phụ lục')!.getCell(3, RANK_ON).value = 'điểm';
    });
    if (!result.ok) throw new Error(result.errors.map((e) => e.message.en).join('\n'));
    const so = result.rulebook.annexes.find((a) => a.code === 'SO')!;
    expect(so.pillars![0].weight).toBe(400);
    expect(so.rankOn).toBe('points');
    const diff = diffRulebooks(builtinRulebook('dti-2025')!, result.rulebook);
    const vi = formatDiff(diff, 'vi').split('\n');
    const en = formatDiff(diff, 'en').split('\n');
    expect(vi.filter((l) => l.includes('Trụ cột') && l.includes('trọng số 400'))).toHaveLength(1);
    expect(
      vi.filter((l) => l.includes('Xếp hạng theo') && l.includes('chỉ số') && l.includes('điểm')),
    ).toHaveLength(1);
    expect(en.filter((l) => l.includes('Pillars') && l.includes('weight 400'))).toHaveLength(1);
    expect(
      en.filter((l) => l.includes('Rank on') && l.includes('index') && l.includes('points')),
    ).toHaveLength(1);
  });

  it('a pillar naming an unknown group is located', async () => {
    const errors = await errorsOf(
      'dti-2025',
      (wb) => (pillars(wb).getCell(3, 4).value = '1, 2, 3, 4, 5, 99'),
    );
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Trụ cột', 3, 'D');
    expect(errors[0].message.vi).toContain('không có nhóm tiêu chí 99');
    expect(errors[0].message.en).toContain('has no criteria group 99');
  });

  it.each([[0], [-5], ['nhiều']])('a weight of %p is located', async (weight) => {
    const errors = await errorsOf('dti-2025', (wb) => (pillars(wb).getCell(4, 5).value = weight));
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Trụ cột', 4, 'E');
  });

  it('a group left out of every pillar is located on the pillars sheet (the schema check)', async () => {
    const errors = await errorsOf('dti-2025', (wb) => (pillars(wb).getCell(3, 4).value = '1, 2, 3, 4'));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].sheet).toBe('Trụ cột');
    expect(errors[0].message.en).toContain('group 5 is in no pillar');
  });

  it('a rankOn value not in the list is located, naming the list in both languages', async () => {
    const errors = await errorsOf(
      'dti-2025',
      (wb) => (wb.getWorksheet('Phụ lục')!.getCell(3, RANK_ON).value = 'hạng'),
    );
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Phụ lục', 3, columnLetter(RANK_ON));
    expect(errors[0].message.vi).toContain('điểm, chỉ số');
    expect(errors[0].message.en).toContain('points, index');
  });

  it('rankOn is read in English and as the rulebook id too', async () => {
    for (const v of ['index', 'Index']) {
      const result = await compiled(
        'dti-2025',
        (wb) => (wb.getWorksheet('Phụ lục')!.getCell(3, RANK_ON).value = v),
      );
      expect(result.ok && result.rulebook.annexes[0].rankOn).toBe('index');
    }
  });
});

describe('min–max normalisation of a relativeToBest criterion', () => {
  it('is read from its column, and the diff names it', async () => {
    const result = await compiled('binh-thuan-2019', (wb) => {
      wb.getWorksheet('Tiêu chí')!.getCell(criterionRow(wb, 'I', '4.7'), NORMALISE).value = 'min-max';
    });
    if (!result.ok) throw new Error(result.errors.map((e) => e.message.en).join('\n'));
    const c = result.rulebook.annexes[0].groups.flatMap((g) => g.criteria).find((x) => x.id === '4.7')!;
    expect(c.rule).toMatchObject({ type: 'relativeToBest', normalise: 'minmax' });
    const diff = formatDiff(diffRulebooks(builtinRulebook('binh-thuan-2019')!, result.rulebook), 'en');
    expect(diff).toContain('min-max');
  });

  it('on a criterion of another rule type is an unused parameter, located', async () => {
    let row = 0;
    const errors = await errorsOf('binh-thuan-2019', (wb) => {
      wb.getWorksheet('Tiêu chí')!.getCell((row = criterionRow(wb, 'I', '1.1')), NORMALISE).value = 'min-max';
    });
    expect(errors).toHaveLength(1);
    expectLocated(errors[0], 'Tiêu chí', row, columnLetter(NORMALISE));
  });

  it('an unknown normalisation is located', async () => {
    const errors = await errorsOf('binh-thuan-2019', (wb) => {
      wb.getWorksheet('Tiêu chí')!.getCell(criterionRow(wb, 'I', '4.7'), NORMALISE).value = 'median';
    });
    expect(errors).toHaveLength(1);
    expect(errors[0].message.en).toContain('best, min-max');
  });
});
