import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scorecard, expectNoStackTrace, root } from '../helpers/cli';
import { builtinRulebook, annexCriteria, ruleInputs } from '../../src/core/rulebook';
import { score } from '../../src/core/scoring';

const dir = mkdtempSync(join(tmpdir(), 'scorecard-cli-'));
const write = (name: string, content: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

describe('scorecard rulebooks', () => {
  it('--json lists the built-in rulebooks with annexes and bands', () => {
    const r = scorecard(['rulebooks', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.map((x: { id: string }) => x.id)).toEqual([
      'binh-thuan-2019',
      'dong-nai-2022',
      'gia-lai-2019',
      'dti-2025',
    ]);
    const bt = list[0];
    expect(Object.keys(bt)).toEqual([
      'id',
      'version',
      'title',
      'annexes',
      'policies',
      'awards',
      'assumptions',
    ]);
    expect(bt.policies).toEqual({
      late: 'notRanked',
      unsent: 'notRanked',
      incomplete: 'warning',
      reasonsAfterConsolidation: true,
    });
    expect(bt.awards).toContainEqual(
      expect.objectContaining({ annexes: ['II'], topN: 1, band: 'Tốt', ties: 'council' }),
    );
    expect(bt.assumptions.length).toBeGreaterThan(5);
    expect(bt.annexes[0]).toMatchObject({
      code: 'I',
      max: 500,
      bands: [
        { label: 'Tốt', min: 450 },
        { label: 'Khá', min: 350 },
        { label: 'Trung bình', min: 250 },
        { label: 'Yếu', min: 0 },
      ],
    });
    expect(Object.keys(bt.annexes[0])).toEqual(['code', 'title', 'max', 'bands']);
  });
  it('prints a readable list without --json', () => {
    const r = scorecard(['rulebooks']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('binh-thuan-2019');
    expect(r.stdout).toContain('Tốt ≥ 450');
  });
});

describe('scorecard score', () => {
  const rb = builtinRulebook('binh-thuan-2019')!;
  const annex = rb.annexes.find((a) => a.code === 'IV')!;
  // A complete entry for every criterion: half of the maximum where points are typed, yes elsewhere.
  const entries: Record<string, Record<string, unknown>> = {};
  for (const { criterion } of annexCriteria(annex)) {
    const e: Record<string, unknown> = { reason: 'Chưa đủ kinh phí', evidence: 'Báo cáo số 1' };
    for (const spec of ruleInputs(criterion))
      e[spec.key] =
        spec.kind === 'yesNo'
          ? 'Có'
          : spec.kind === 'choice'
            ? spec.max
            : spec.kind === 'percent'
              ? '50%'
              : spec.key === 'denominator'
                ? 10
                : spec.max !== undefined
                  ? spec.max / 2
                  : 2;
    entries[criterion.id] = e;
  }
  const entriesFile = write('entries.json', entries);

  it('--json gives the breakdown of the engine, exit 0 when there are no errors', () => {
    const r = scorecard([
      'score',
      '--rulebook',
      'binh-thuan-2019',
      '--annex',
      'IV',
      '--entries',
      entriesFile,
      '--json',
    ]);
    expectNoStackTrace(r.stderr);
    const out = JSON.parse(r.stdout);
    const expected = score(annex, entries);
    expect(out).toMatchObject({
      rulebook: 'binh-thuan-2019',
      annex: 'IV',
      total: expected.total,
      band: expected.band.label,
    });
    expect(Object.keys(out)).toEqual([
      'rulebook',
      'annex',
      'total',
      'index',
      'band',
      'groups',
      'criteria',
      'issues',
      ...(expected.finalRange ? ['finalRange'] : []),
      'assumptions',
    ]);
    expect(out.finalRange).toEqual(expected.finalRange);
    expect(out.assumptions.map((a: { whatEn: string }) => a.whatEn)).toContain(
      'Annexes I, III and IV total 500 points.',
    );
    expect(out.assumptions.map((a: { whatEn: string }) => a.whatEn)).not.toContain(
      'Annex II totals 420 points.',
    );
    expect(out.groups.map((g: { code: string; points: number }) => g.points)).toEqual(
      expected.groups.map((g) => g.points),
    );
    expect(out.criteria).toHaveLength(annexCriteria(annex).length);
    expect(out.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('works with a rulebook given by file path', () => {
    const file = write('rb.json', readFileSync(join(root, 'rulebooks', 'binh-thuan-2019.json'), 'utf8'));
    const r = scorecard(['score', '--rulebook', file, '--annex', 'iv', '--entries', entriesFile, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).total).toBe(score(annex, entries).total);
  });

  it('exit 1 with issues in both languages when entries have errors', () => {
    const bad = { ...entries, [annexCriteria(annex)[0].criterion.id]: {} };
    const r = scorecard([
      'score',
      '--rulebook',
      'binh-thuan-2019',
      '--annex',
      'IV',
      '--entries',
      write('bad.json', bad),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('chưa nhập');
    expect(r.stdout).toContain('is missing');
    expect(r.stdout).toContain('Tổng điểm / Total');
  });

  it.each([
    [
      ['score', '--annex', 'IV', '--entries', 'x.json'],
      /Thiếu tuỳ chọn --rulebook\. \/ Missing option --rulebook/,
    ],
    [
      ['score', '--rulebook', 'no-such', '--annex', 'IV', '--entries', 'x.json'],
      /Không tìm thấy bộ tiêu chí "no-such"/,
    ],
    [
      ['score', '--rulebook', 'binh-thuan-2019', '--annex', 'IX', '--entries', 'x.json'],
      /không có phụ lục "IX".*has no annex "IX"/,
    ],
    [
      ['score', '--rulebook', 'binh-thuan-2019', '--annex', 'IV', '--entries', '/nonexistent/e.json'],
      /Không đọc được tệp .*không có tệp hoặc thư mục này/,
    ],
    [
      ['score', '--rulebook', 'binh-thuan-2019', '--annex', 'IV', '--entries', '{{notjson}}'],
      /Không đọc được tệp|không phải JSON/,
    ],
    [['score', '--bogus'], /Tuỳ chọn không hợp lệ: --bogus/],
    [['frobnicate'], /Lệnh không hợp lệ: "frobnicate"/],
    [[], /scorecard/],
  ])('exit 2 with a one-line reason: %j', (args, pattern) => {
    const r = scorecard(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toMatch(pattern);
    expectNoStackTrace(r.stderr + r.stdout);
  });

  it('exit 2 for malformed JSON, an entries file of the wrong shape, and a malformed rulebook file', () => {
    const notJson = scorecard([
      'score',
      '--rulebook',
      'binh-thuan-2019',
      '--annex',
      'IV',
      '--entries',
      write('nj.json', '{"a": '),
    ]);
    expect([notJson.code, notJson.stderr]).toEqual([2, expect.stringMatching(/không phải JSON hợp lệ/)]);
    const shape = scorecard([
      'score',
      '--rulebook',
      'binh-thuan-2019',
      '--annex',
      'IV',
      '--entries',
      write('arr.json', [1, 2]),
    ]);
    expect([shape.code, shape.stderr]).toEqual([2, expect.stringMatching(/phải là một đối tượng/)]);
    const badRb = scorecard([
      'score',
      '--rulebook',
      write('badrb.json', { id: 'x' }),
      '--annex',
      'IV',
      '--entries',
      entriesFile,
    ]);
    expect(badRb.code).toBe(2);
    expect(badRb.stderr).toMatch(/không hợp lệ: .*version/);
    expect(badRb.stderr.trim().split('\n')).toHaveLength(1);
  });
});
