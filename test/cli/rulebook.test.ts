/** `scorecard rulebook export|import|diff`, run as a user would (build first: npx tsc -p tsconfig.cli.json). */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { scorecard, expectNoStackTrace } from '../helpers/cli';
import { builtinRulebook, contentHash, parseRulebook } from '../../src/core/rulebook';
import { workbookBytes as toBytes } from '../../src/xlsx/describe-write';
import { criterionRow } from '../authoring/helpers';
import { amended } from '../authoring/amend';

const dir = mkdtempSync(join(tmpdir(), 'scorecard-rulebook-'));
const file = (name: string) => join(dir, name);

function run(args: string[]) {
  const r = scorecard(args);
  expectNoStackTrace(r.stdout + r.stderr);
  return r;
}

describe('scorecard rulebook export / import', () => {
  it('export then import gives back the built-in rulebook, same hash', () => {
    const xlsx = file('bt.xlsx');
    const json = file('bt.json');
    const e = run(['rulebook', 'export', '--rulebook', 'binh-thuan-2019', '-o', xlsx]);
    expect(e.code).toBe(0);
    expect(e.stdout).toContain('binh-thuan-2019');
    const i = run(['rulebook', 'import', xlsx, '-o', json]);
    expect(i.code).toBe(0);
    const rb = builtinRulebook('binh-thuan-2019')!;
    expect(i.stdout).toContain(`mã băm ${contentHash(rb)}`);
    expect(parseRulebook(JSON.parse(readFileSync(json, 'utf8')))).toEqual(rb);
  });

  it('exports from a rulebook .json path as well', () => {
    const json = file('gl.json');
    writeFileSync(json, JSON.stringify(builtinRulebook('gia-lai-2019')));
    expect(run(['rulebook', 'export', '--rulebook', json, '-o', file('gl.xlsx')]).code).toBe(0);
    expect(existsSync(file('gl.xlsx'))).toBe(true);
  });

  it('the blank workbook imports to exit 2 with one located, bilingual error', () => {
    const blank = file('blank.xlsx');
    expect(run(['rulebook', 'export', '--blank', '-o', blank]).code).toBe(0);
    const r = run(['rulebook', 'import', blank, '-o', file('blank.json')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('có 1 lỗi');
    expect(lines[1]).toBe(
      'Trang "Tiêu chí", dòng 3, cột A (Phụ lục): Chưa có tiêu chí nào: nhập mỗi tiêu chí một dòng, bắt đầu từ dòng 3. / Sheet "Tiêu chí", row 3, column A (Annex): No criteria: enter one criterion per row, starting on row 3.',
    );
    expect(existsSync(file('blank.json'))).toBe(false);
  });

  it('a workbook with errors lists every error on its own line, exit 2', async () => {
    const xlsx = file('bad.xlsx');
    run(['rulebook', 'export', '--rulebook', 'binh-thuan-2019', '-o', xlsx]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('Tiêu chí')!;
    ws.getCell(criterionRow(wb, 'I', '1.1'), 8).value = 'bậc';
    ws.getCell(criterionRow(wb, 'II', '1.4'), 15).value = 'nhiều→nhiều';
    ws.getCell(criterionRow(wb, 'III', '2.2'), 7).value = 'x';
    const bad = file('bad2.xlsx');
    writeFileSync(bad, await toBytes(wb));
    const r = run(['rulebook', 'import', bad, '-o', file('bad.json')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(`Bảng tính ${bad} có 3 lỗi: / Workbook ${bad} has 3 errors:`);
    for (const l of lines.slice(1))
      expect(l).toMatch(
        /^Trang "Tiêu chí", dòng \d+, cột [A-Z]+ \(.+\): .+ \/ Sheet "Tiêu chí", row \d+, column [A-Z]+ \(.+\): .+$/,
      );
  });

  it('usage errors are one bilingual line, exit 2', () => {
    for (const args of [
      ['rulebook'],
      ['rulebook', 'frobnicate'],
      ['rulebook', 'export', '-o', file('x.xlsx')],
      ['rulebook', 'import', file('missing.xlsx'), '-o', file('m.json')],
      ['rulebook', 'export', '--rulebook', 'no-such', '-o', file('y.xlsx')],
    ]) {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(' / ');
    }
  });

  it('never writes over an input', () => {
    const xlsx = file('same.xlsx');
    run(['rulebook', 'export', '--rulebook', 'dong-nai-2022', '-o', xlsx]);
    const before = readFileSync(xlsx);
    const r = run(['rulebook', 'import', xlsx, '-o', xlsx]);
    expect(r.code).toBe(2);
    expect(readFileSync(xlsx).equals(before)).toBe(true);
  });
});

describe('scorecard rulebook diff', () => {
  const { before, after } = amended();
  const afterJson = file('amended.json');
  writeFileSync(afterJson, JSON.stringify(after, null, 2));

  it('prints the phụ lục of changes between a built-in and a .json', () => {
    const r = run(['rulebook', 'diff', 'binh-thuan-2019', afterJson]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PHỤ LỤC NHỮNG NỘI DUNG ĐIỀU CHỈNH, BỔ SUNG');
    expect(r.stdout).toContain('- Điều chỉnh điểm tiêu chí 2.3: 15 → 20.');
    expect(r.stdout).toContain('- Bổ sung tiêu chí 1.7:');
    expect(r.stdout).toContain('- Bỏ tiêu chí 1.3:');
  });

  it('--json gives the diff as data; an authoring .xlsx works as an input', () => {
    const xlsx = file('bt-diff.xlsx');
    run(['rulebook', 'export', '--rulebook', 'binh-thuan-2019', '-o', xlsx]);
    const r = run(['rulebook', 'diff', xlsx, afterJson, '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.from).toEqual({ id: 'binh-thuan-2019', version: '1867/2019', hash: contentHash(before) });
    expect(d.annexes[0]).toMatchObject({
      annex: 'I',
      status: 'changed',
      added: [{ id: '1.7', max: 5 }],
      removed: [{ id: '1.3', max: 10 }],
    });
    expect(d.annexes[0].changed.map((c: { id: string }) => c.id)).toEqual(['2.3', '2.4']);
    expect(d.annexes[0].bands).toEqual([
      {
        label: 'Khá',
        status: 'changed',
        from: { labelEn: 'Fair', min: 350 },
        to: { labelEn: 'Fair', min: 360 },
      },
    ]);
    expect(d.annexes.slice(1).map((a: { status: string }) => a.status)).toEqual(['same', 'same', 'same']);
  });

  it('a rulebook with itself: no changes; -o writes the diff sheet', () => {
    const out = file('diff.xlsx');
    const r = run(['rulebook', 'diff', 'gia-lai-2019', 'gia-lai-2019', '--lang', 'en', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').pop()).toBe('Không có thay đổi / No changes');
    expect(existsSync(out)).toBe(true);
  });
});

describe('scorecard rulebook diff: policies, tie rules and assumptions', () => {
  const bt = builtinRulebook('binh-thuan-2019')!;
  const edited = file('bt-policies.xlsx');

  beforeAll(async () => {
    const exported = file('bt-export.xlsx');
    expect(run(['rulebook', 'export', '--rulebook', 'binh-thuan-2019', '-o', exported]).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(exported) as unknown as ExcelJS.Buffer);
    const schedule = wb.getWorksheet('Thời hạn')!;
    schedule.eachRow((row) => {
      if (row.getCell(1).text === 'Phiếu gửi chậm') row.getCell(2).value = 'Xếp cuối / ranked last';
    });
    wb.getWorksheet('Khen thưởng')!.getCell('D4').value = 'Khen tất cả / all awarded';
    const assumptions = wb.getWorksheet('Giả định')!;
    assumptions.spliceRows(3 + bt.assumptions.length - 1, 1); // the last one
    assumptions.addRow([
      'Phiếu nộp qua thư điện tử được tính theo ngày gửi.',
      'Quyết định không nói.',
      'I; II',
      'Forms sent by e-mail count from the day sent.',
      'The decision is silent.',
    ]);
    writeFileSync(edited, await toBytes(wb));
  });

  it('lists each change in Vietnamese, or in English on request', () => {
    const vi = run(['rulebook', 'diff', 'binh-thuan-2019', edited]);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toContain('- Điều chỉnh Phiếu gửi chậm: Không xếp hạng → Xếp cuối.');
    expect(vi.stdout).toContain(
      '- Điều chỉnh cách xử lý đồng hạng của khen thưởng phụ lục II: Hội đồng quyết định → Khen tất cả.',
    );
    expect(vi.stdout).toContain(
      '- Bổ sung giả định: "Phiếu nộp qua thư điện tử được tính theo ngày gửi." (lý do: "Quyết định không nói.").',
    );
    expect(vi.stdout).toContain(`- Bỏ giả định: "${bt.assumptions[bt.assumptions.length - 1].what.vi}".`);
    const en = run(['rulebook', 'diff', 'binh-thuan-2019', edited, '--lang', 'en']);
    expect(en.stdout).toContain('- Changed Late form: not ranked → ranked last.');
    expect(en.stdout).toContain(
      '- Changed the tie rule of the award for annexes II: council decides → all awarded.',
    );
    expect(en.stdout).toContain(
      '- Added assumption: "Forms sent by e-mail count from the day sent." (why: "The decision is silent.").',
    );
  });

  it('--json carries the changes and the assumptions as data; import writes them into the .json', () => {
    const d = JSON.parse(run(['rulebook', 'diff', 'binh-thuan-2019', edited, '--json']).stdout);
    expect(d.changes).toEqual([
      { field: 'policies.late', from: 'notRanked', to: 'rankedLast' },
      { field: 'awards.ties', from: 'council', to: 'all', annexes: ['II'] },
    ]);
    expect(d.assumptions.added).toEqual([
      {
        what: {
          vi: 'Phiếu nộp qua thư điện tử được tính theo ngày gửi.',
          en: 'Forms sent by e-mail count from the day sent.',
        },
        why: { vi: 'Quyết định không nói.', en: 'The decision is silent.' },
        annexes: ['I', 'II'],
      },
    ]);
    const json = file('bt-policies.json');
    expect(run(['rulebook', 'import', edited, '-o', json]).code).toBe(0);
    const rb = parseRulebook(JSON.parse(readFileSync(json, 'utf8')));
    expect(rb.policies).toEqual({ ...bt.policies, late: 'rankedLast' });
    expect(rb.awards.map((a) => a.ties)).toEqual(['council', 'all']);
    expect(rb.assumptions).toHaveLength(bt.assumptions.length);
  });
});
