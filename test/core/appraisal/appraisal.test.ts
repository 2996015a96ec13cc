/**
 * The pure appraisal core: the summary of differences (on the ranking's own aggregation), the comment
 * header, the log rows (written and read back), points as Vietnamese users type them, and which
 * criterion a selected cell belongs to.
 */
import { builtinRulebook } from '../../../src/core/rulebook';
import { score } from '../../../src/core/scoring';
import { applyAppraisals } from '../../../src/core/ranking/aggregate';
import {
  APPRAISAL_LOG_SHEET,
  appendToNote,
  appraisalProblem,
  commentHeader,
  commentText,
  LOG_COLUMNS,
  logHeadings,
  logRowFor,
  logRowValues,
  logTime,
  noteCellText,
  parseAppraisedPoints,
  parseCommentHeader,
  parseLogRows,
  rowsOfForm,
  splitNote,
  summarizeAppraisal,
  type AppraiseInput,
} from '../../../src/core/appraisal';
import { criterionAtCell } from '../../../src/form/selection';
import { planForm } from '../../../src/form/plan';
import { a1 } from '../../../src/sheet/a1';
import type { FormMeta } from '../../../src/form/types';
import { annexOf, fullEntries } from '../ranking/fixtures';

const bt = builtinRulebook('binh-thuan-2019')!;
const annex = annexOf(bt, 'I');
const reviewer = { body: 'Sở Nội vụ', name: 'Nguyễn Thị Bông' };

describe('summary of differences', () => {
  const self = score(annex, fullEntries(annex)); // 500 / 500 except the relative criterion (pending → 0)

  test('lists each criterion that differs, the difference per group and in total', () => {
    const s = summarizeAppraisal(annex, self, {
      '1.1': { points: 0, note: 'không có kế hoạch' }, // 10 → 0
      '1.2': { points: 15 }, // equal to the self-score: appraised, but no difference
      '3.1': { points: 12.5 }, // 20 → 12.5
      '3.3': { note: 'chỉ ý kiến' }, // a remark without a number changes nothing
    });
    expect(s.criteria.map((c) => [c.id, c.self, c.appraised, c.difference])).toEqual([
      ['1.1', 10, 0, -10],
      ['3.1', 20, 12.5, -7.5],
    ]);
    expect(s.criteria[0]).toMatchObject({ groupCode: '1', max: 10 });
    expect(s.criteria[0].title).toBe(annex.groups[0].criteria[0].title);
    const g = Object.fromEntries(s.groups.map((x) => [x.code, x.difference]));
    expect(g).toEqual({ '1': -10, '2': 0, '3': -7.5, '4': 0, '5': 0 });
    expect(s.total.difference).toBe(-17.5);
    expect(s.total.appraised).toBe(s.total.self - 17.5);
    expect(s.appraised).toEqual(['1.1', '1.2', '3.1']);
    expect(s.notAppraised).toHaveLength(annex.groups.flatMap((x) => x.criteria).length - 3);
  });

  test('is the ranking’s own final score (applyAppraisals), including clamping', () => {
    const appraisals = { '1.1': { points: 12 }, '2.1': { points: 7.25 } }; // 12 > max 10: clamped as the ranking does
    const s = summarizeAppraisal(annex, self, appraisals);
    const final = applyAppraisals(annex, self, appraisals);
    expect(s.total.appraised).toBe(final.score.total);
    expect(s.groups.map((x) => x.appraised)).toEqual(final.score.groups.map((x) => x.points));
    expect(s.criteria.map((c) => c.id)).toEqual(['2.1']); // 1.1 clamped to 10 = self: no difference
    expect(s.notes).toHaveLength(1);
    expect(s.notes[0].vi).toContain('1.1');
  });

  test('an appraisal of a criterion the unit marked not applicable counts from 0', () => {
    const na = annex.groups.flatMap((g) => g.criteria).find((c) => c.notApplicableAllowed)!;
    expect(na.id).toBe('2.6');
    const entries = fullEntries(annex, { [na.id]: { na: 'Có' } });
    const s = summarizeAppraisal(annex, score(annex, entries), { [na.id]: { points: 1 } });
    expect(s.criteria).toEqual([
      expect.objectContaining({ id: na.id, self: 0, appraised: 1, difference: 1 }),
    ]);
  });

  test('nothing appraised: no differences, totals equal', () => {
    const s = summarizeAppraisal(annex, self, {});
    expect(s.criteria).toEqual([]);
    expect(s.total).toEqual({ self: self.total, appraised: self.total, difference: 0 });
  });
});

describe('comment text', () => {
  test('the header names the body and the reviewer', () => {
    expect(commentHeader(reviewer)).toBe('[Thẩm định – Sở Nội vụ] Nguyễn Thị Bông:');
    expect(
      commentText(reviewer, {
        points: 7.5,
        max: 10,
        selfPoints: 10,
        comment: ' Chưa có quyết định phân công. ',
      }),
    ).toBe(
      '[Thẩm định – Sở Nội vụ] Nguyễn Thị Bông: Điểm thẩm định 7,5/10 (tự chấm 10). Chưa có quyết định phân công.',
    );
    expect(commentText(reviewer, { max: 10, selfPoints: 10, comment: 'Cần bổ sung minh chứng.' })).toBe(
      '[Thẩm định – Sở Nội vụ] Nguyễn Thị Bông: Cần bổ sung minh chứng.',
    );
    expect(noteCellText(reviewer, 'Cần bổ sung.')).toBe(
      '[Thẩm định – Sở Nội vụ] Nguyễn Thị Bông: Cần bổ sung.',
    );
  });

  test('brackets and line breaks in a setting cannot break the header', () => {
    expect(commentHeader({ body: 'Sở [KH&ĐT]\n', name: 'A\tB' })).toBe('[Thẩm định – Sở KH&ĐT] A B:');
  });

  test('the header is parsed back, in either language and with a hyphen', () => {
    const text = commentText(reviewer, { points: 0, max: 10, selfPoints: 10, comment: 'Không đạt.' });
    expect(parseCommentHeader(text)).toEqual({
      reviewer,
      body: 'Điểm thẩm định 0/10 (tự chấm 10). Không đạt.',
    });
    expect(parseCommentHeader('[Appraisal - Sở KH&ĐT] Trần Văn C: ok')).toEqual({
      reviewer: { body: 'Sở KH&ĐT', name: 'Trần Văn C' },
      body: 'ok',
    });
    expect(parseCommentHeader('Đơn vị đã bổ sung tài liệu.')).toEqual({
      body: 'Đơn vị đã bổ sung tài liệu.',
    });
  });

  test('a note holds every remark; it is split back at each header', () => {
    const first = commentText(reviewer, { points: 5, max: 10, selfPoints: 10, comment: 'Thiếu.' });
    const second = commentText(
      { body: 'Sở TT&TT', name: 'Lê D' },
      { max: 10, selfPoints: 10, comment: 'Dòng 1\nDòng 2' },
    );
    const note = appendToNote(appendToNote('Ghi chú của đơn vị', first), second);
    const messages = splitNote('Excel', note);
    expect(messages.map((m) => [m.reviewer?.body, m.body])).toEqual([
      [undefined, 'Ghi chú của đơn vị'],
      ['Sở Nội vụ', 'Điểm thẩm định 5/10 (tự chấm 10). Thiếu.'],
      ['Sở TT&TT', 'Dòng 1\nDòng 2'],
    ]);
  });
});

describe('appraisal log', () => {
  const meta: FormMeta = {
    rulebookId: bt.id,
    rulebookVersion: bt.version,
    rulebookHash: 'h',
    annex: 'I',
    unitId: 'so-y-te',
    unitName: 'Sở Y tế',
    year: 2019,
    layoutVersion: 1,
  };
  const input: AppraiseInput = {
    criterionId: '2.10',
    points: 7.5,
    comment: ' Thiếu minh chứng ',
    reviewer,
    selfPoints: 10,
    max: 10,
    time: '2019-10-20 14:05',
  };

  test('a row: time, reviewer, form, criterion, self, previous and new points, remark, channel', () => {
    const row = logRowFor(input, { sheet: 'Phụ lục I', meta }, 9, 'comment');
    expect(logRowValues(row)).toEqual([
      '2019-10-20 14:05',
      'Sở Nội vụ',
      'Nguyễn Thị Bông',
      'Phụ lục I',
      'so-y-te',
      'Sở Y tế',
      'I',
      '2.10',
      10,
      9,
      7.5,
      'Thiếu minh chứng',
      'bình luận',
    ]);
    expect(logHeadings()).toHaveLength(LOG_COLUMNS.length);
    expect(logHeadings()[9]).toBe('Điểm thẩm định trước đó');
    expect(APPRAISAL_LOG_SHEET).toBe('Nhật ký thẩm định');
  });

  test('a remark without points keeps the appraised value; no previous value is an empty cell', () => {
    const remark = logRowFor({ ...input, points: undefined }, { sheet: 'Phụ lục I', meta }, 6, 'note');
    expect(remark.points).toBe(6);
    expect(
      logRowValues(logRowFor(input, { sheet: 'Phụ lục I', meta }, undefined, 'cell')).slice(9, 13),
    ).toEqual(['', 7.5, 'Thiếu minh chứng', 'chỉ ô ý kiến']);
  });

  test('rows are read back from the sheet’s values (heading and blank rows skipped)', () => {
    const a = logRowFor(input, { sheet: 'Phụ lục I', meta }, undefined, 'comment');
    const b = logRowFor(
      { ...input, criterionId: '1.1', points: 0 },
      { sheet: 'Phụ lục I', meta: { ...meta, unitId: 'so-tu-phap' } },
      10,
      'note',
    );
    const values = [logHeadings(), logRowValues(a), LOG_COLUMNS.map(() => ''), logRowValues(b)];
    const rows = parseLogRows(values);
    expect(rows).toEqual([a, b]);
    expect(rowsOfForm(rows, { sheet: 'Phụ lục I', meta })).toEqual([a]);
    // numbers typed with a decimal comma by hand still read
    const typed = logRowValues(a).map((v, i) => (i === 10 ? '7,5' : v));
    expect(parseLogRows([typed])[0].points).toBe(7.5);
  });

  test('logTime is the local date and minute', () => {
    expect(logTime(new Date(2019, 9, 5, 8, 3, 59))).toBe('2019-10-05 08:03');
  });
});

describe('what the reviewer types', () => {
  test('points as Vietnamese users type them, within 0..max', () => {
    expect(parseAppraisedPoints('7,5', 10)).toEqual({ ok: true, points: 7.5 });
    expect(parseAppraisedPoints(' 10 ', 10)).toEqual({ ok: true, points: 10 });
    expect(parseAppraisedPoints('0', 10)).toEqual({ ok: true, points: 0 });
    expect(parseAppraisedPoints('2,345', 10)).toEqual({ ok: true, points: 2.35 });
    expect(parseAppraisedPoints('', 10)).toEqual({ ok: true });
    const above = parseAppraisedPoints('10,5', 10);
    expect(above.ok).toBe(false);
    if (!above.ok) expect(above.error.vi).toBe('Điểm thẩm định phải từ 0 đến 10 (đã nhập 10,5).');
    expect(parseAppraisedPoints('-1', 10).ok).toBe(false);
    const text = parseAppraisedPoints('mười', 10);
    expect(!text.ok && text.error.en).toBe('"mười" is not a number.');
  });

  test('a reviewer and something to record are required', () => {
    expect(appraisalProblem({ body: '', name: 'A' }, 5, '')?.vi).toContain('cơ quan');
    expect(appraisalProblem(reviewer, undefined, '  ')?.en).toBe('Enter appraised points or a remark.');
    expect(appraisalProblem(reviewer, 0, '')).toBeUndefined();
    expect(appraisalProblem(reviewer, undefined, 'x')).toBeUndefined();
  });

  test('the criterion of a selected cell: any row of its block, none between blocks', () => {
    const plan = planForm(bt, 'I', { id: 'so-y-te', name: 'Sở Y tế' }, 2019);
    const addresses = Object.fromEntries(plan.names.map((n) => [n.name, a1(n.row, n.col)]));
    const pt = plan.names.find((n) => n.name === 'PT_1_2')!;
    const inputs = plan.names.filter((n) => n.name.startsWith('IN_1_2_'));
    expect(criterionAtCell(annex, addresses, a1(pt.row, pt.col))).toBe('1.2');
    const last = Math.max(...inputs.map((n) => n.row));
    expect(last).toBeGreaterThan(pt.row); // 1.2 has several input rows
    expect(criterionAtCell(annex, addresses, `'Phụ lục I'!B${last + 1}:C${last + 2}`)).toBe('1.2');
    expect(criterionAtCell(annex, addresses, 'A1')).toBeUndefined();
    const group2 = plan.names.find((n) => n.name === 'GR_2')!; // the group's heading row
    expect(criterionAtCell(annex, addresses, a1(group2.row, 0))).toBeUndefined();
    expect(criterionAtCell(annex, addresses, 'not an address')).toBeUndefined();
  });
});
