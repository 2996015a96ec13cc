/**
 * The documents of each stage: the preliminary report has no awards; the final workbook adds the
 * appendix of the draft decision and the award proposal. The sheet models are checked cell by cell,
 * then the workbooks are printed by a real LibreOffice to PDF and read back with pdftotext: headings,
 * the decision line, every ranked unit with its figures, the signature block, the award proposal and
 * the ties. Without soffice or pdftotext the printed part is skipped with a reason; with CI set it fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rank, type Ranking } from '../../src/core/ranking';
import { msg } from '../../src/i18n';
import {
  APPENDIX_SHEET,
  AWARDS_SHEET,
  awardProposalSheet,
  decisionAppendixSheet,
  stageSheets,
  SUMMARY_SHEET,
  type ReportSheet,
} from '../../src/report';
import { writeReportXlsx } from '../../src/xlsx/report';
import { makeProfile, requireSoffice } from '../helpers/soffice';
import { bt, btForm, HOSTILE } from './fixtures';
import { builtinRulebook } from '../../src/core/rulebook';
import { annexOf, entriesWorth, form } from '../core/ranking/fixtures';

/**
 * Nhóm I: 480 once appraised, 470, then two at 460 — tied at the third place, the last one awarded: the council decides.
 * Nhóm II: one unit, awarded. Nhóm III: nobody sent a form. Nhóm IV: two awarded, one late (not ranked),
 * one with an error (invalid), one below the award band.
 */
function stagesRanking(): Ranking {
  return rank(
    bt,
    [
      btForm('I', 'so-noi-vu', 490, { appraisals: { '1.1': { points: 0 } } }),
      btForm('I', 'so-tu-phap', 470),
      btForm('I', 'so-tai-chinh', 460),
      btForm('I', 'so-xay-dung', 460),
      btForm('I', '', 440, { unitName: HOSTILE[0], file: 'nop/la.xlsx' }),
      btForm('II', 'van-phong-ubnd-tinh', 400),
      btForm('IV', 'tp-phan-thiet', 470),
      btForm('IV', 'tuy-phong', 455),
      btForm('IV', 'bac-binh', 300),
      btForm('IV', 'ham-tan', 490, { received: '2019-10-15' }),
      { file: 'nop/hong.xlsx', failure: msg('xlsxNotZip') },
    ],
    { asOf: '2019-11-20' },
  );
}

const texts = (sheet: ReportSheet) =>
  sheet.cells.flatMap((c) => (typeof c.value === 'string' ? [c.value] : []));
const entries = (r: Ranking) =>
  r.tables.flatMap((tb) => tb.entries.map((e) => ({ e, group: tb.rankingGroup })));
const placed = (r: Ranking) => entries(r).filter(({ e }) => e.counted);
/** Whitespace collapsed, so that a line wrapped by the page still matches. */
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the sheets of each stage', () => {
  const ranking = stagesRanking();

  it('the fixture has awards, a tie at the cut-off, a late, an invalid and unsent units', () => {
    const byName = (id: string) => entries(ranking).find(({ e }) => e.unitId === id)!.e;
    expect(
      ['so-noi-vu', 'so-tu-phap', 'van-phong-ubnd-tinh', 'tp-phan-thiet', 'tuy-phong'].map(
        (id) => byName(id).award,
      ),
    ).toEqual([true, true, true, true, true]);
    expect([byName('so-tai-chinh'), byName('so-xay-dung')].map((e) => [e.rank, e.award, e.awardTie])).toEqual(
      [
        [3, false, true],
        [3, false, true],
      ],
    );
    expect(byName('ham-tan').status).toBe('late');
    expect(ranking.invalid.length).toBe(1);
    expect(ranking.missing.some((m) => m.annex === 'III')).toBe(true);
  });

  it('preliminary: one "Tổng hợp" sheet, its own title, no award column and no award notes', () => {
    const sheets = stageSheets(bt, ranking, 'preliminary');
    expect(sheets.map((s) => s.sheetName)).toEqual([SUMMARY_SHEET]);
    const text = texts(sheets[0]);
    expect(text[0]).toBe(
      'BÁO CÁO KẾT QUẢ TỔNG HỢP SƠ BỘ ĐÁNH GIÁ, XẾP HẠNG ỨNG DỤNG CÔNG NGHỆ THÔNG TIN NĂM 2019',
    );
    expect(text).not.toContain('Khen thưởng');
    expect(text.filter((s) => /Đồng hạng|Hội đồng quyết định/.test(s))).toEqual([]);
    // Still there: self-scores, statuses, the late unit, the invalid file and the units without a form.
    for (const s of ['Tự chấm', 'Nộp muộn', 'ĐƠN VỊ CHƯA NỘP PHIẾU', 'TỆP KHÔNG HỢP LỆ', 'nop/hong.xlsx'])
      expect(text.join('\n')).toContain(s);
    // Per group, the units' own scores: Sở Nội vụ's appraised criterion 1.1 (group 1) does not show.
    const sheet = sheets[0];
    const noiVu = sheet.cells.find((c) => c.value === 'Sở Nội vụ')!.row;
    const entry = entries(ranking).find(({ e }) => e.unitId === 'so-noi-vu')!.e;
    expect(entry.groups['1']).toBeLessThan(entry.selfGroups['1']);
    const groupCells = sheet.cells
      .filter((c) => c.row === noiVu && c.col >= 3 && c.col < 3 + 5)
      .map((c) => c.value);
    expect(groupCells).toEqual(['1', '2', '3', '4', '5'].map((g) => entry.selfGroups[g]));
    // The final "Tổng hợp" keeps the award column and the tie.
    const final = texts(stageSheets(bt, ranking, 'final')[0]);
    expect(final).toContain('Khen thưởng');
    expect(final).toContain('Đồng hạng — Hội đồng quyết định');
  });

  it('final: "Tổng hợp", "Phụ lục Quyết định" and "Đề nghị khen thưởng", portrait and landscape A4', () => {
    const sheets = stageSheets(bt, ranking, 'final');
    expect(sheets.map((s) => [s.sheetName, s.print.paper, s.print.orientation, s.font.name])).toEqual([
      [SUMMARY_SHEET, 'A4', 'landscape', 'Times New Roman'],
      [APPENDIX_SHEET, 'A4', 'portrait', 'Times New Roman'],
      [AWARDS_SHEET, 'A4', 'landscape', 'Times New Roman'],
    ]);
    expect(sheets[1].font.size).toBe(13);
  });

  it('the appendix: counted units ranked with total and band, the others listed with their status, blanks for the decision', () => {
    const sheet = decisionAppendixSheet(bt, ranking);
    const rows = new Map<number, (string | number | undefined)[]>();
    for (const c of sheet.cells) {
      const r = rows.get(c.row) ?? [];
      r[c.col] = c.value;
      rows.set(c.row, r);
    }
    const text = texts(sheet);
    expect(text).toContain(
      '(Kèm theo Quyết định số ……/QĐ-UBND ngày …… tháng …… năm …… của UBND tỉnh Bình Thuận)',
    );
    const row = (name: string) => [...rows.values()].find((r) => r[1] === name)!;
    for (const { e } of placed(ranking))
      expect(row(e.unitName).slice(1, 5)).toEqual([e.unitName, e.total, e.band!.label, e.rank]);
    expect(row('Huyện Hàm Tân').slice(2, 6)).toEqual([undefined, undefined, undefined, 'Nộp muộn']);
    // Every unit of every group once (superseded duplicates are not units).
    for (const { e } of entries(ranking))
      expect([...rows.values()].filter((r) => r[1] === e.unitName).length).toBe(1);
  });

  it('the award proposal: the awarded units with their clause; the ties apart, never proposed', () => {
    const sheet = awardProposalSheet(bt, ranking);
    const text = texts(sheet);
    const proposedAt = text.indexOf('I. CÁC ĐƠN VỊ ĐỀ NGHỊ KHEN THƯỞNG');
    const tiesAt = text.findIndex((s) => s.startsWith('II. CÁC ĐƠN VỊ ĐỒNG HẠNG'));
    expect(proposedAt).toBeGreaterThan(0);
    expect(tiesAt).toBeGreaterThan(proposedAt);
    const proposed = text.slice(proposedAt, tiesAt);
    const ties = text.slice(tiesAt);
    const awarded = entries(ranking).filter(({ e }) => e.award);
    const tied = entries(ranking).filter(({ e }) => e.awardTie);
    expect(awarded.length).toBe(5);
    expect(tied.map(({ e }) => e.unitName)).toEqual(['Sở Tài chính', 'Sở Xây dựng']);
    for (const { e } of awarded) expect(proposed).toContain(e.unitName);
    for (const { e } of tied) {
      expect(ties).toContain(e.unitName);
      expect(proposed).not.toContain(e.unitName);
    }
    // The rules are quoted with the decision's words (Điều 12); each unit's clause names its rule.
    const rules = text.slice(0, proposedAt).join('\n');
    expect(rules).toContain('1. Phụ lục I, III, IV: 3 đơn vị đứng đầu mỗi nhóm có xếp loại Tốt');
    expect(rules).toContain('2. Phụ lục II: 1 đơn vị đứng đầu mỗi nhóm có xếp loại Tốt');
    expect(rules).toContain('chỉ khen thưởng cho 01 đơn vị xếp hạng Tốt và đứng vị trí thứ 1');
    expect(proposed).toContain(
      'Xếp hạng 2 trong Nhóm I, xếp loại Tốt: thuộc 3 đơn vị đứng đầu có xếp loại Tốt (quy định khen thưởng 1, Điều 12)',
    );
    expect(proposed).toContain(
      'Xếp hạng 1 trong Nhóm II, xếp loại Tốt: thuộc 1 đơn vị đứng đầu có xếp loại Tốt (quy định khen thưởng 2, Điều 12)',
    );
    expect(ties.join('\n')).toContain('Đồng hạng 3 cùng 2 đơn vị; quy định khen thưởng 3 đơn vị đứng đầu');
    // Units proposed on their own scores are named (only Sở Nội vụ was appraised).
    expect(text.join('\n')).toMatch(/Lưu ý: chưa có điểm thẩm định của .*Sở Tư pháp/);
  });

  it('a rulebook without award rules proposes nobody and says why', () => {
    const noAwards = { ...bt, awards: [] };
    const r = rank(noAwards, [btForm('I', 'so-noi-vu', 480)], { asOf: '2019-11-20' });
    const text = texts(awardProposalSheet(noAwards, r));
    expect(text).toContain('Bộ tiêu chí không quy định khen thưởng; không có đơn vị nào được đề nghị.');
    expect(text.filter((s) => s === 'Không có.').length).toBe(2);
  });

  it('Gia Lai: late and unsent units ranked last by policy say so, with no total; no award rule, nobody proposed', () => {
    const gl = builtinRulebook('gia-lai-2019')!;
    const so = annexOf(gl, 'so');
    const r = rank(
      gl,
      [
        form(gl, 'so', 'so-noi-vu', { entries: entriesWorth(so, 90), received: '2019-10-10' }),
        form(gl, 'so', 'so-tai-chinh', { entries: entriesWorth(so, 95), received: '2019-11-05' }),
      ],
      { asOf: '2019-12-01' },
    );
    const sheet = decisionAppendixSheet(gl, r);
    const text = texts(sheet);
    expect(text).toContain('TỈNH GIA LAI');
    expect(text).toContain(
      '(Kèm theo Quyết định số ……/QĐ-UBND ngày …… tháng …… năm …… của UBND tỉnh Gia Lai)',
    );
    const rowOf = (name: string) =>
      sheet.cells.filter((c) => c.row === sheet.cells.find((x) => x.value === name)!.row).map((c) => c.value);
    expect(rowOf('Sở Nội vụ').slice(1, 6)).toEqual(['Sở Nội vụ', 90, expect.any(String), 1, undefined]);
    expect(rowOf('Sở Tài chính').slice(2, 6)).toEqual([
      undefined,
      undefined,
      undefined,
      'Xếp hạng 2 (cuối) — Nộp muộn',
    ]);
    expect(rowOf('Sở Y tế').slice(2, 6)).toEqual([
      undefined,
      undefined,
      undefined,
      'Xếp hạng 2 (cuối) — Không nộp',
    ]);
    expect(texts(awardProposalSheet(gl, r))).toContain(
      'Bộ tiêu chí không quy định khen thưởng; không có đơn vị nào được đề nghị.',
    );
  });

  it('English sheets keep the sheet names and translate the text', () => {
    const [, appendix, awards] = stageSheets(bt, ranking, 'final', { lang: 'en' });
    expect([appendix.sheetName, awards.sheetName]).toEqual([APPENDIX_SHEET, AWARDS_SHEET]);
    expect(texts(appendix)).toContain('SOCIALIST REPUBLIC OF VIETNAM');
    expect(texts(awards)).toContain('I. UNITS PROPOSED FOR AWARDS');
  });

  it('unit names that look like formulas stay text', () => {
    const sheet = decisionAppendixSheet(bt, ranking);
    const cell = sheet.cells.find((c) => c.value === HOSTILE[0])!;
    expect(cell.formula).toBeUndefined();
  });
});

const soffice = requireSoffice('the printed stage documents (test/report/stages.test.ts)');
const pdftotext = spawnSync('pdftotext', ['-v']).error ? undefined : 'pdftotext';
if (!pdftotext && process.env.CI)
  throw new Error('pdftotext (Debian: poppler-utils) is needed by test/report/stages.test.ts');
const maybe = soffice && pdftotext ? describe : describe.skip;

maybe('the stage documents printed by LibreOffice', () => {
  const ranking = stagesRanking();
  const dir = mkdtempSync(join(tmpdir(), 'scorecard-stages-'));
  const text: Record<'preliminary' | 'appendix' | 'awards', string> = {
    preliminary: '',
    appendix: '',
    awards: '',
  };
  const layout: Record<string, string> = {};

  beforeAll(async () => {
    if (process.env.KEEP_STAGES_PDF) console.log(`stage documents in ${dir}`);
    const [, appendix, awards] = stageSheets(bt, ranking, 'final');
    const files = {
      preliminary: await writeReportXlsx(stageSheets(bt, ranking, 'preliminary')),
      appendix: await writeReportXlsx([appendix]),
      awards: await writeReportXlsx([awards]),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, `${name}.xlsx`), bytes);
    execFileSync(
      soffice!,
      [
        '--headless',
        '--norestore',
        '--nologo',
        `-env:UserInstallation=${makeProfile()}`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...Object.keys(files).map((n) => join(dir, `${n}.xlsx`)),
      ],
      { timeout: 240_000, stdio: 'ignore' },
    );
    for (const name of Object.keys(text) as (keyof typeof text)[]) {
      layout[name] = execFileSync(pdftotext!, ['-layout', join(dir, `${name}.pdf`), '-'], {
        encoding: 'utf8',
      });
      text[name] = flat(layout[name]);
    }
  }, 300_000);

  it('the appendix: issuer, national motto, title, the decision line, every group and ranked unit, the signature block', () => {
    const printed = text.appendix;
    for (const s of [
      'ỦY BAN NHÂN DÂN',
      'TỈNH BÌNH THUẬN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'PHỤ LỤC',
      'KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG ỨNG DỤNG CÔNG NGHỆ THÔNG TIN CỦA CÁC CƠ QUAN, ĐƠN VỊ NĂM 2019',
      '(Kèm theo Quyết định số ……/QĐ-UBND ngày …… tháng …… năm …… của UBND tỉnh Bình Thuận)',
      'STT Cơ quan, đơn vị Tổng điểm Xếp loại Xếp hạng Ghi chú',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
    ])
      expect(printed).toContain(s);
    for (const tb of ranking.tables) expect(printed).toContain(`${tb.rankingGroup} — ${tb.title}`);
    // Every ranked unit on one printed line: its name, total, band and rank.
    const lines = layout.appendix.split('\n').map(flat);
    for (const { e } of placed(ranking)) {
      const line = lines.find((l) => l.includes(` ${e.unitName} `));
      expect({ unit: e.unitName, line }).toEqual({
        unit: e.unitName,
        line: expect.stringMatching(new RegExp(`${e.total.toFixed(2)} ${e.band!.label} ${e.rank}$`)),
      });
    }
    // The issuer and the motto share the top lines, the signature block comes last.
    expect(
      lines.find((l) => l.includes('ỦY BAN NHÂN DÂN') && l.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')),
    ).toBeDefined();
    expect(printed.indexOf('TM. ỦY BAN NHÂN DÂN')).toBeGreaterThan(printed.lastIndexOf('Nộp muộn'));
  });

  it('the award proposal: proposed units with their clause, the tie at the cut-off only among the ties', () => {
    const printed = text.awards;
    expect(printed).toContain('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG VỀ ỨNG DỤNG CÔNG NGHỆ THÔNG TIN NĂM 2019');
    expect(printed).toContain('Căn cứ');
    // A long line may wrap after a hyphen.
    expect(printed.replace(/- /g, '-')).toContain('1867/QĐ-UBND');
    const at = printed.indexOf('I. CÁC ĐƠN VỊ ĐỀ NGHỊ KHEN THƯỞNG');
    const tiesAt = printed.indexOf('II. CÁC ĐƠN VỊ ĐỒNG HẠNG TẠI NGƯỠNG KHEN THƯỞNG');
    expect(at).toBeGreaterThan(0);
    expect(tiesAt).toBeGreaterThan(at);
    const proposed = printed.slice(at, tiesAt);
    const ties = printed.slice(tiesAt);
    for (const { e } of entries(ranking).filter(({ e }) => e.award)) expect(proposed).toContain(e.unitName);
    for (const { e } of entries(ranking).filter(({ e }) => e.awardTie)) {
      expect(ties).toContain(e.unitName);
      expect(proposed).not.toContain(e.unitName);
    }
    expect(proposed).toContain('Điều 12');
  });

  it('the preliminary report shows no award column and no award', () => {
    const printed = text.preliminary;
    expect(printed).toContain('BÁO CÁO KẾT QUẢ TỔNG HỢP SƠ BỘ');
    expect(printed).toContain('Tự chấm');
    for (const { e } of placed(ranking)) expect(printed).toContain(e.unitName);
    expect(printed).not.toContain('Khen thưởng');
    expect(printed).not.toContain('Hội đồng quyết định');
  });
});

if (!(soffice && pdftotext))
  it('printed stage documents skipped: soffice or pdftotext not found (see the warning above)', () => {
    expect(process.env.CI).toBeFalsy();
  });
