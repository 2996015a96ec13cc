/** `scorecard template` and `scorecard check`, run in-process through main() (and once through the built bin). */
import { mkdtempSync, readFileSync, writeFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type Io } from '../../src/cli/main';
import {
  builtinRulebook,
  builtinRulebooks,
  annexCriteria,
  ruleInputs,
  contentHash,
} from '../../src/core/rulebook';
import { score, validate } from '../../src/core/scoring';
import type { Entries } from '../../src/core/scoring/types';
import { planForm } from '../../src/form/plan';
import { buildWorkbook, writeFormXlsx } from '../../src/xlsx/write';
import { readWorkbook } from '../../src/xlsx/read';
import { scoreReport } from '../../src/cli/score-report';
import { expectNoStackTrace, root, scorecard } from '../helpers/cli';
import { t } from '../../src/i18n';

const dir = mkdtempSync(join(tmpdir(), 'scorecard-template-'));

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) };
  const code = await main(args, io);
  const stdout = out.join('\n');
  const stderr = err.join('\n');
  expectNoStackTrace(stderr);
  return { code, stdout, stderr };
}

/** Complete, valid entries: every input filled, reasons where points fall short. */
function fullEntries(annexCode: string, rbId = 'binh-thuan-2019'): Entries {
  const annex = builtinRulebook(rbId)!.annexes.find((a) => a.code === annexCode)!;
  const entries: Entries = {};
  for (const { criterion } of annexCriteria(annex)) {
    const e: Record<string, unknown> = { reason: 'Chưa đủ kinh phí', evidence: 'Báo cáo số 1' };
    for (const spec of ruleInputs(criterion))
      e[spec.key] =
        spec.kind === 'yesNo'
          ? 'Có'
          : spec.kind === 'choice'
            ? spec.max
            : spec.kind === 'percent'
              ? 0.5
              : spec.key === 'denominator'
                ? 10
                : spec.key === 'numerator'
                  ? 7
                  : spec.max !== undefined
                    ? spec.max / 2
                    : 2;
    entries[criterion.id] = e;
  }
  return entries;
}

describe('scorecard template', () => {
  it.each(builtinRulebooks().flatMap((rb) => rb.annexes.map((a) => [rb.id, a.code] as const)))(
    '%s %s: writes a form the reader recognises',
    async (id, code) => {
      const file = join(dir, `${id}-${code}.xlsx`);
      const r = await run('template', '--rulebook', id, '--annex', code, '--year', '2024', '-o', file);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(file);
      const read = readWorkbook(new Uint8Array(readFileSync(file)));
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      const rb = builtinRulebook(id)!;
      expect(read.forms[0].meta).toMatchObject({
        rulebookId: id,
        rulebookVersion: rb.version,
        rulebookHash: contentHash(rb),
        annex: code,
        unitId: '',
        unitName: '',
        year: 2024,
      });
    },
  );

  it('matches the unit by name as people write it, and defaults the year to the current one', async () => {
    const file = join(dir, 'tuy-phong.xlsx');
    const r = await run(
      'template',
      '--rulebook',
      'binh-thuan-2019',
      '--annex',
      'IV',
      '--unit',
      'ubnd  HUYỆN tuy phong'.normalize('NFD'),
      '-o',
      file,
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ annex: 'IV', unit: 'Huyện Tuy Phong', year: new Date().getFullYear() });
    const read = readWorkbook(new Uint8Array(readFileSync(file)));
    expect(read.ok && read.forms[0].meta.unitName).toBe('Huyện Tuy Phong');
  });

  it('refuses a unit it cannot match, naming the nearest units in both languages', async () => {
    const file = join(dir, 'nobody.xlsx');
    const r = await run(
      'template',
      '--rulebook',
      'binh-thuan-2019',
      '--annex',
      'IV',
      '--unit',
      'Tuy Phog',
      '-o',
      file,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Không tìm thấy đơn vị "Tuy Phog"');
    expect(r.stderr).toContain('No unit "Tuy Phog"');
    expect(r.stderr).toContain('Huyện Tuy Phong');
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a unit of another annex', async () => {
    const r = await run(
      'template',
      '--rulebook',
      'binh-thuan-2019',
      '--annex',
      'I',
      '--unit',
      'Tuy Phong',
      '-o',
      join(dir, 'x.xlsx'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/belongs to annex IV/);
  });

  it.each([
    ['no output file', ['--rulebook', 'binh-thuan-2019', '--annex', 'I'], /-o/],
    [
      'a bad year',
      ['--rulebook', 'binh-thuan-2019', '--annex', 'I', '--year', '24', '-o', join(dir, 'y.xlsx')],
      /Invalid year/,
    ],
    [
      'an unknown annex',
      ['--rulebook', 'binh-thuan-2019', '--annex', 'IX', '-o', join(dir, 'y.xlsx')],
      /no annex "IX"/,
    ],
    [
      'an unknown rulebook',
      ['--rulebook', 'nowhere', '--annex', 'I', '-o', join(dir, 'y.xlsx')],
      /not found/,
    ],
    [
      'an unwritable output',
      ['--rulebook', 'binh-thuan-2019', '--annex', 'I', '-o', join(dir, 'missing-dir', 'y.xlsx')],
      /Cannot write/,
    ],
  ])('exit 2 with a reason for %s', async (_, args, pattern) => {
    const r = await run('template', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
  });
});

describe('scorecard check', () => {
  const rb = builtinRulebook('binh-thuan-2019')!;
  const annex = rb.annexes.find((a) => a.code === 'IV')!;
  const write = async (name: string, entries: Entries) => {
    const file = join(dir, name);
    writeFileSync(
      file,
      await writeFormXlsx(
        planForm(rb, 'IV', { id: 'tuy-phong', name: 'Huyện Tuy Phong' }, 2024, { entries }),
      ),
    );
    return file;
  };

  it('prints the JSON of score --json plus unit, year and rulebookVersion; exit 0 for a complete form', async () => {
    const entries = fullEntries('IV');
    const file = await write('full.xlsx', entries);
    const before = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    const r = await run('check', file, '--json');
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    const expected = scoreReport(rb, annex, score(annex, entries), validate(annex, entries));
    expect(out).toEqual({
      ...expected,
      unit: 'Huyện Tuy Phong',
      unitId: 'tuy-phong',
      year: 2024,
      rulebookVersion: rb.version,
      selfTotal: expected.total,
      appraisedTotal: null,
    });
    expect(r.code).toBe(0);
    // the submitted file is only read
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('exit 1 when the form is not finished (entries still to fill); the text report names unit and year', async () => {
    const file = await write('partial.xlsx', { '1.1': { value: 'Có' } });
    const r = await run('check', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Huyện Tuy Phong');
    expect(r.stdout).toContain('2024');
    // Entries not filled yet are to-dos, not errors.
    expect(r.stdout).toContain(`${t('vi', 'severityTodo')} / ${t('en', 'severityTodo')}`);
    expect(r.stdout).not.toContain('Lỗi / Error');
  });

  it('reports computed cells overwritten by constants, and scores with the engine', async () => {
    const entries = fullEntries('IV');
    const plan = planForm(rb, 'IV', { id: 'tuy-phong', name: 'Huyện Tuy Phong' }, 2024, { entries });
    const wb = await buildWorkbook(plan);
    const total = plan.names.find((n) => n.name === 'TOTAL')!;
    wb.getWorksheet(plan.sheetName)!.getCell(total.row + 1, total.col + 1).value = 500;
    const file = join(dir, 'altered.xlsx');
    writeFileSync(file, new Uint8Array((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer));
    const r = await run('check', file, '--json');
    const out = JSON.parse(r.stdout);
    expect(out.total).toBe(score(annex, entries).total);
    expect(out.altered).toEqual([{ name: 'TOTAL', cellValue: 500, expected: out.total }]);
    const text = await run('check', file);
    expect(text.stdout).toMatch(/TOTAL: .*500.*overwritten/);
  });

  it('a criterion completed at consolidation: the total is provisional, with the range the final total can reach', async () => {
    const annexI = rb.annexes.find((a) => a.code === 'I')!;
    const entries = fullEntries('I');
    const file = join(dir, 'relative.xlsx');
    writeFileSync(
      file,
      await writeFormXlsx(planForm(rb, 'I', { id: 'so-noi-vu', name: 'Sở Nội vụ' }, 2024, { entries })),
    );
    const json = JSON.parse((await run('check', file, '--json')).stdout);
    const own = score(annexI, entries);
    // 4.7 (30 points) compares with the best unit: 0 now, up to 30 when this unit is the best.
    expect(json.finalRange).toEqual({ min: own.total, max: own.total + 30 });
    expect(json.total).toBe(own.total);
    const best = score(annexI, entries, { '4.7': Number(entries['4.7'].value) });
    expect(best.total).toBe(json.finalRange.max); // the ranking's total when this unit is the best
    const text = (await run('check', file)).stdout;
    const fmt = (x: number) => String(x).replace('.', ',');
    expect(text).toContain(
      `tạm tính: 4.7 so với đơn vị cao nhất, hoàn thiện khi tổng hợp; tổng điểm cuối cùng từ ${fmt(own.total)} đến ${fmt(own.total + 30)}`,
    );
    expect(text).toContain(`the final total will be ${own.total} to ${own.total + 30}`);
  });

  it('a number stored as text and a value above the max: errors naming the cell, total and band provisional', async () => {
    const entries = fullEntries('IV');
    const plan = planForm(rb, 'IV', { id: 'tuy-phong', name: 'Huyện Tuy Phong' }, 2024, { entries });
    const wb = await buildWorkbook(plan);
    const ws = wb.getWorksheet(plan.sheetName)!;
    const [textInput, pointsInput] = annexCriteria(annex)
      .flatMap(({ criterion: c }) => ruleInputs(c).map((s) => ({ c, s })))
      .filter(({ s }) => s.kind !== 'yesNo')
      .slice(0, 2);
    const cellOf = (c: typeof textInput) =>
      plan.names.find((n) => n.name === `IN_${c.c.id.replace(/\./g, '_')}_${c.s.key}`)!;
    const t = cellOf(textInput);
    ws.getCell(t.row + 1, t.col + 1).value = '2,5';
    const p = cellOf(pointsInput);
    ws.getCell(p.row + 1, p.col + 1).value = (pointsInput.s.max ?? 100) * 10 + 1;
    const file = join(dir, 'text-number.xlsx');
    writeFileSync(file, new Uint8Array((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer));
    const r = await run('check', file, '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.provisional).toEqual({ errors: 2 });
    const asText = out.issues.find((i: { code: string }) => i.code === 'numberAsText');
    const address = `${String.fromCharCode(65 + t.col)}${t.row + 1}`;
    expect(asText).toMatchObject({ criterion: textInput.c.id, severity: 'error' });
    expect(asText.message).toContain(`ô ${address} chứa số dạng văn bản «2,5»`);
    expect(asText.messageEn).toContain(`cell ${address} holds a number stored as text «2,5»`);
    const text = (await run('check', file)).stdout;
    expect(text).toMatch(/Tổng điểm \/ Total: .*\(tạm tính — còn 2 lỗi \/ provisional — 2 errors\)/);
  });

  it('warns when the form was made with another version of the rulebook given', async () => {
    const file = await write('version.xlsx', fullEntries('IV'));
    const changed = JSON.parse(readFileSync(join(root, 'rulebooks', 'binh-thuan-2019.json'), 'utf8'));
    changed.version = '9999/2030';
    const rbFile = join(dir, 'rb-new.json');
    writeFileSync(rbFile, JSON.stringify(changed));
    const r = await run('check', file, '--rulebook', rbFile, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('9999/2030');
    expect(r.stderr).toContain(rb.version);
    expect(JSON.parse(r.stdout).rulebookVersion).toBe(rb.version);
  });

  it.each([
    ['not a workbook', 'Tên,Điểm\n', /not an \.xlsx/],
    ['a workbook without a form', 'EMPTY', /no assessment form/],
  ])('exit 2 with a one-line bilingual reason for %s', async (_, content, pattern) => {
    const file = join(dir, `bad-${content.length}.xlsx`);
    if (content === 'EMPTY') {
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Sheet1');
      writeFileSync(file, new Uint8Array((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer));
    } else writeFileSync(file, content);
    const r = await run('check', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).toContain(' / ');
    expect(r.stderr.split('\n')).toHaveLength(1);
  });

  it('exit 2 for a missing file or no file at all', async () => {
    expect((await run('check', join(dir, 'nope.xlsx'))).code).toBe(2);
    expect((await run('check')).code).toBe(2);
  });
});

describe('the built command line', () => {
  const built = existsSync(join(root, 'lib', 'src', 'cli', 'template.js'));
  (built ? it : it.skip)(
    'template then check through bin/scorecard.js (lib/ built by npm install / npm run build:cli)',
    () => {
      const file = join(dir, 'bin.xlsx');
      const t = scorecard([
        'template',
        '--rulebook',
        'gia-lai-2019',
        '--annex',
        'xa',
        '--year',
        '2024',
        '-o',
        file,
      ]);
      expectNoStackTrace(t.stderr);
      expect(t.code).toBe(0);
      const c = scorecard(['check', file, '--json']);
      expectNoStackTrace(c.stderr);
      expect(c.code).toBe(1); // blank form: every input is missing
      expect(JSON.parse(c.stdout)).toMatchObject({
        rulebook: 'gia-lai-2019',
        annex: 'xa',
        year: 2024,
        unit: '',
      });
    },
  );
});
