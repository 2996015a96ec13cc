/**
 * Appraisal through ExcelHost against the recording double (with comments-double.ts for comments,
 * notes and protection state): the comment lands on the PT_ cell of the right criterion, the APPR_ /
 * APPRNOTE_ cells get the values, the log row carries the previous value, and the syncs are counted:
 * 2 per appraisal (read, write), 1–2 to read back; more only on the fallback paths, each stated here.
 */
import { builtinRulebook } from '../../src/core/rulebook';
import { APPRAISAL_LOG_SHEET, logHeadings, type AppraiseInput } from '../../src/core/appraisal';
import { ExcelHost } from '../../src/excel/host';
import { formName } from '../../src/form/names';
import { planForm } from '../../src/form/plan';
import type { SheetPlan } from '../../src/form/types';
import { a1, ExcelDouble, type DoubleOptions } from './double';
import { CommentsDouble, type CommentsOptions } from './comments-double';
import { countSyncs } from './fixtures';

const bt = builtinRulebook('binh-thuan-2019')!;
const noiVu = { body: 'Sở Nội vụ', name: 'Nguyễn Thị Bông' };
const khdt = { body: 'Sở Kế hoạch và Đầu tư', name: 'Trần Văn C' };

function setup(
  options: DoubleOptions & CommentsOptions = {},
  plan: SheetPlan = planForm(bt, 'I', { id: 'so-y-te', name: 'Sở Y tế' }, 2019),
) {
  const d = new ExcelDouble(options);
  const c = new CommentsDouble(d, options);
  const host = new ExcelHost(c.run as never, { requirements: d.requirements });
  const at = (name: string) => {
    const n = plan.names.find((x) => x.name === name)!;
    return a1(n.row, n.col);
  };
  return { d, c, host, plan, at };
}

async function formOn(s: ReturnType<typeof setup>) {
  const { sheetName } = await s.host.insertForm(s.plan);
  const read = await s.host.readActive();
  if (read.kind !== 'form') throw new Error('not a form');
  return sheetName;
}

const input = (over: Partial<AppraiseInput> = {}): AppraiseInput => ({
  criterionId: '1.2',
  points: 10,
  comment: 'Chưa có quyết định ban hành quy chế.',
  reviewer: noiVu,
  selfPoints: 15,
  max: 15,
  time: '2019-10-20 09:30',
  ...over,
});

/** The log sheet's rows as values (row 1 = headings). */
function logRows(d: ExcelDouble): unknown[][] {
  const rows: unknown[][] = [];
  for (let r = 1; ; r++) {
    const row = logHeadings().map((_, i) => d.value(APPRAISAL_LOG_SHEET, a1(r - 1, i)));
    if (row.every((v) => v === '')) return rows;
    rows.push(row);
  }
}

describe('appraise', () => {
  test.each(['throw', 'propagate'] as const)(
    'first appraisal: comment on PT_1_2, APPR_/APPRNOTE_ written, log created (null objects: %s)',
    async (nullObjects) => {
      const s = setup({ nullObjects });
      const sheet = await formOn(s);
      const before = s.d.syncs;
      const { result, syncs } = await countSyncs(s.d, () => s.host.appraise(input()));
      // read + write; an Excel that refuses calls on null objects spends one more while the log does not exist yet
      expect(syncs).toBe(nullObjects === 'throw' ? 3 : 2);
      expect(result).toMatchObject({ channel: 'comment', previous: {}, logRowNumber: 2 });
      expect(result.reason).toBeUndefined();
      // Every write in the last sync, the comment last, between unprotect and protect again.
      const written = s.d.writes.filter((w) => w.batch > before);
      expect(new Set(written.map((w) => w.batch))).toEqual(new Set([s.d.syncs]));
      expect(written.slice(-3).map((w) => w.property)).toEqual([
        'protection.unprotect',
        'comments.add',
        'protection.protect',
      ]);
      expect(written.find((w) => w.property === 'comments.add')).toMatchObject({
        sheet: s.plan.sheetName,
        address: s.at('PT_1_2'),
      });

      const thread = s.c.commentAt(sheet, s.at(formName.points('1.2')))!;
      expect(thread.content).toBe(
        '[Thẩm định – Sở Nội vụ] Nguyễn Thị Bông: Điểm thẩm định 10/15 (tự chấm 15). Chưa có quyết định ban hành quy chế.',
      );
      expect(s.c.comments).toHaveLength(1); // on that cell and nowhere else
      expect(s.d.value(sheet, s.at(formName.appraisal('1.2')))).toBe(10);
      expect(s.d.value(sheet, s.at(formName.appraisalNote('1.2')))).toBe(
        '[Thẩm định – Sở Nội vụ] Nguyễn Thị Bông: Chưa có quyết định ban hành quy chế.',
      );
      expect(s.d.value(sheet, s.at(formName.appraisal('1.1')))).toBe(''); // the neighbours untouched

      expect(s.d.sheetNames()).toContain(APPRAISAL_LOG_SHEET);
      expect(logRows(s.d)).toEqual([
        logHeadings(),
        [
          '2019-10-20 09:30',
          'Sở Nội vụ',
          'Nguyễn Thị Bông',
          sheet,
          'so-y-te',
          'Sở Y tế',
          'I',
          '1.2',
          15,
          '',
          10,
          'Chưa có quyết định ban hành quy chế.',
          'bình luận',
        ],
      ]);
      // '1.2' and the time stay text (quote prefix), not the number 1.2 or a date
      expect(s.d.cell(APPRAISAL_LOG_SHEET, 'H2')!.quotePrefix).toBe(true);
      expect(s.d.sheet(APPRAISAL_LOG_SHEET).freezeRows).toBe(1);

      expect(s.d.sheet(sheet).protection.protected).toBe(true);
      expect(s.d.sheet(sheet).protection.options).toEqual({
        allowFormatColumns: true,
        allowFormatRows: true,
        selectionMode: 'Normal',
      });
    },
  );

  test('a second appraisal replies to the thread and logs the previous value; another criterion gets its own thread', async () => {
    const s = setup({ nullObjects: 'propagate' });
    const sheet = await formOn(s);
    await s.host.appraise(input());
    const { result, syncs } = await countSyncs(s.d, () =>
      s.host.appraise(
        input({ points: 12.5, comment: 'Đã bổ sung quy chế.', reviewer: khdt, time: '2019-10-21 08:00' }),
      ),
    );
    expect(syncs).toBe(2);
    expect(result).toMatchObject({ channel: 'comment', previous: { points: 10 }, logRowNumber: 3 });
    const thread = s.c.commentAt(sheet, s.at('PT_1_2'))!;
    expect(thread.replies.map((r) => r.content)).toEqual([
      '[Thẩm định – Sở Kế hoạch và Đầu tư] Trần Văn C: Điểm thẩm định 12,5/15 (tự chấm 15). Đã bổ sung quy chế.',
    ]);
    expect(s.d.value(sheet, s.at('APPR_1_2'))).toBe(12.5);

    // A remark only: the number stays, and the log says so.
    await s.host.appraise(input({ points: undefined, comment: 'Ghi nhận.', time: '2019-10-22 10:00' }));
    await s.host.appraise(
      input({
        criterionId: '3.1',
        points: 0,
        comment: '',
        selfPoints: 20,
        max: 20,
        time: '2019-10-22 10:05',
      }),
    );
    expect(s.d.value(sheet, s.at('APPR_1_2'))).toBe(12.5);
    expect(s.c.commentAt(sheet, s.at('PT_3_1'))!.content).toBe(
      '[Thẩm định – Sở Nội vụ] Nguyễn Thị Bông: Điểm thẩm định 0/20 (tự chấm 20).',
    );
    expect(s.d.value(sheet, s.at('APPRNOTE_3_1'))).toBe(''); // no remark: the remark cell is left alone
    expect(s.c.comments).toHaveLength(2);
    // Never overwritten without a row: each row's previous value is what the cell held.
    expect(
      logRows(s.d)
        .slice(1)
        .map((r) => [r[7], r[9], r[10]]),
    ).toEqual([
      ['1.2', '', 10],
      ['1.2', 10, 12.5],
      ['1.2', 12.5, 12.5],
      ['3.1', '', 0],
    ]);
  });

  test('a value typed by hand before the appraisal goes into the log as the previous value', async () => {
    const s = setup({ nullObjects: 'propagate' });
    const sheet = await formOn(s);
    s.d.type(sheet, s.at('APPR_1_2'), [['7,5']]); // as typed in Excel (text with a decimal comma)
    const result = await s.host.appraise(input());
    expect(result.previous).toEqual({ points: 7.5 });
    expect(logRows(s.d)[1][9]).toBe(7.5);
  });

  test('the unit already commented on the cell: the add is refused, the remark becomes a reply (4 syncs)', async () => {
    const s = setup({ nullObjects: 'propagate' });
    const sheet = await formOn(s);
    const own = s.c.seedComment(sheet, s.at('PT_1_2'), 'Đơn vị: quy chế đang trình ký.');
    const { result, syncs } = await countSyncs(s.d, () => s.host.appraise(input()));
    // read, add refused (the sheet was unprotected just before), read the protection, reply
    expect(syncs).toBe(4);
    expect(result.channel).toBe('comment');
    expect(s.c.comments).toHaveLength(1);
    expect(own.replies).toHaveLength(1);
    expect(s.d.sheet(sheet).protection.protected).toBe(true);
    expect(logRows(s.d)).toHaveLength(2); // one row, written again (same cells) by the retry
    // Known now: the next remark there is a reply straight away.
    expect((await countSyncs(s.d, () => s.host.appraise(input({ comment: 'Lần 2' })))).syncs).toBe(2);
  });

  test.each(['1.7', '1.9'])(
    'without ExcelApi 1.10 (here %s): the APPRNOTE_ cell and the log only, comments never touched',
    async (apiVersion) => {
      const s = setup({ apiVersion, nullObjects: 'propagate' });
      const sheet = await formOn(s);
      expect(s.host.capabilities().comments).toBe(false);
      const { result, syncs } = await countSyncs(s.d, () => s.host.appraise(input()));
      expect(syncs).toBe(2);
      expect(result).toMatchObject({ channel: 'cell', reason: 'commentsUnsupported' });
      expect(s.c.comments).toHaveLength(0);
      expect(s.d.value(sheet, s.at('APPRNOTE_1_2'))).toContain('Chưa có quyết định');
      expect(logRows(s.d)[1][12]).toBe('chỉ ô ý kiến');
      expect(s.d.writes.some((w) => w.property.startsWith('protection.unprotect'))).toBe(false);
      const read = await s.host.readAppraisals(['1.2']);
      expect(read).toMatchObject({ channel: 'cell', reason: 'commentsUnsupported', threads: {} });
      expect(read.log.map((r) => r.points)).toEqual([10]);
    },
  );

  test('Excel refuses comments (ExcelApi 1.18): the remark goes to a note, and the next one straight there', async () => {
    const s = setup({ apiVersion: '1.18', nullObjects: 'propagate', commentsBroken: true });
    const sheet = await formOn(s);
    const { result, syncs } = await countSyncs(s.d, () => s.host.appraise(input()));
    // read; add refused; protection; reply refused; protection; note
    expect(syncs).toBe(6);
    expect(result).toMatchObject({ channel: 'note', reason: 'commentsFailed' });
    expect(result.detail).toContain('not implemented');
    expect(s.c.noteAt(sheet, s.at('PT_1_2'))!.content).toBe(
      '[Thẩm định – Sở Nội vụ] Nguyễn Thị Bông: Điểm thẩm định 10/15 (tự chấm 15). Chưa có quyết định ban hành quy chế.',
    );
    expect(s.d.sheet(sheet).protection.protected).toBe(true);
    expect(
      logRows(s.d)
        .slice(1)
        .map((r) => r[12]),
    ).toEqual(['ghi chú']);

    const next = await countSyncs(s.d, () =>
      s.host.appraise(input({ reviewer: khdt, points: 9, comment: 'Thiếu minh chứng.' })),
    );
    expect(next.syncs).toBe(2);
    expect(next.result).toMatchObject({ channel: 'note', reason: 'commentsFailed' });
    const read = await countSyncs(s.d, () => s.host.readAppraisals(['1.1', '1.2']));
    expect(read.syncs).toBe(2);
    const thread = read.result.threads['1.2'];
    expect(thread.kind).toBe('note');
    expect(thread.messages.map((m) => [m.reviewer?.body, m.body])).toEqual([
      ['Sở Nội vụ', 'Điểm thẩm định 10/15 (tự chấm 15). Chưa có quyết định ban hành quy chế.'],
      ['Sở Kế hoạch và Đầu tư', 'Điểm thẩm định 9/15 (tự chấm 15). Thiếu minh chứng.'],
    ]);
    expect(read.result.channel).toBe('note');
  });

  test('Excel refuses comments and has no notes (ExcelApi 1.14): the remark cell alone', async () => {
    const s = setup({ nullObjects: 'propagate', commentsBroken: true });
    const sheet = await formOn(s);
    const { result, syncs } = await countSyncs(s.d, () => s.host.appraise(input()));
    expect(syncs).toBe(6); // read; add refused; protection; reply refused; protection; cells and log
    expect(result).toMatchObject({ channel: 'cell', reason: 'commentsFailed' });
    expect(s.d.value(sheet, s.at('APPR_1_2'))).toBe(10);
    expect(s.d.sheet(sheet).protection.protected).toBe(true); // re-protected by the last batch
    expect(
      logRows(s.d)
        .slice(1)
        .map((r) => r[12]),
    ).toEqual(['chỉ ô ý kiến']);
  });

  test('a form protected with a password: Excel cannot unprotect it, so the remark cell alone', async () => {
    const plan = {
      ...planForm(bt, 'I', { id: 'so-y-te', name: 'Sở Y tế' }, 2019),
      protect: { password: 'mat-khau' },
    };
    const s = setup({ nullObjects: 'propagate' }, plan);
    const sheet = await formOn(s);
    const result = await s.host.appraise(input());
    expect(result).toMatchObject({ channel: 'cell', reason: 'commentsFailed' });
    expect(result.detail).toContain('password');
    expect(s.c.comments).toHaveLength(0);
    expect(s.d.sheet(sheet).protection).toMatchObject({ protected: true, password: 'mat-khau' });
    expect(s.d.value(sheet, s.at('APPR_1_2'))).toBe(10);
  });

  test('an unprotected sheet is not protected by the add-in', async () => {
    const s = setup({ nullObjects: 'propagate' });
    const sheet = await formOn(s);
    s.d.sheet(sheet).protection = { protected: false };
    await s.host.appraise(input());
    expect(s.d.sheet(sheet).protection.protected).toBe(false);
    expect(s.c.commentAt(sheet, s.at('PT_1_2'))).toBeDefined();
  });

  test('without a form read first the host says so; a criterion the form lacks is named', async () => {
    const s = setup();
    await expect(s.host.appraise(input())).rejects.toThrow(/Chưa đọc được phiếu/);
    await formOn(s);
    await expect(s.host.appraise(input({ criterionId: '9.9' }))).rejects.toThrow(
      /PT_9_9|APPR_9_9|APPRNOTE_9_9/,
    );
    // the pane read one form, the host's last read is another: nothing is written
    const before = s.d.writes.length;
    await expect(s.host.appraise(input({ sheetName: 'Phụ lục II' }))).rejects.toThrow(/Phụ lục II/);
    expect(s.d.writes.length).toBe(before);
    await expect(s.host.appraise(input({ sheetName: s.plan.sheetName }))).resolves.toMatchObject({
      channel: 'comment',
    });
  });
});

describe('readAppraisals', () => {
  test('threads with replies and resolved state on the right criteria, and the log rows: 2 syncs (1 without comments)', async () => {
    const s = setup({ nullObjects: 'propagate' });
    const sheet = await formOn(s);
    expect((await countSyncs(s.d, () => s.host.readAppraisals(['1.1', '1.2']))).syncs).toBe(1);
    await s.host.appraise(input());
    await s.host.appraise(
      input({ criterionId: '2.1', points: 5, selfPoints: 20, max: 20, comment: 'Tỷ lệ chưa đúng.' }),
    );
    const thread = s.c.commentAt(sheet, s.at('PT_1_2'))!;
    s.c.seedReply(thread, 'Đơn vị đã gửi bổ sung quy chế.', 'Sở Y tế');
    thread.resolved = true;
    s.c.seedComment(sheet, 'A1', 'Bình luận không thuộc tiêu chí nào');

    const { result, syncs } = await countSyncs(s.d, () => s.host.readAppraisals(['1.1', '1.2', '2.1']));
    expect(syncs).toBe(2);
    expect(result.channel).toBe('comment');
    expect(Object.keys(result.threads).sort()).toEqual(['1.2', '2.1']);
    expect(result.threads['1.2']).toMatchObject({ kind: 'comment', resolved: true });
    expect(result.threads['1.2'].messages.map((m) => [m.author, m.reviewer?.name, m.body])).toEqual([
      [
        'Người dùng Excel',
        'Nguyễn Thị Bông',
        'Điểm thẩm định 10/15 (tự chấm 15). Chưa có quyết định ban hành quy chế.',
      ],
      ['Sở Y tế', undefined, 'Đơn vị đã gửi bổ sung quy chế.'],
    ]);
    expect(result.threads['2.1'].resolved).toBe(false);
    expect(result.log.map((r) => [r.criterionId, r.points, r.channel])).toEqual([
      ['1.2', 10, 'comment'],
      ['2.1', 5, 'comment'],
    ]);
  });

  test('resolved state needs ExcelApi 1.11: on 1.10 it is not asked for', async () => {
    const s = setup({ apiVersion: '1.10', nullObjects: 'propagate' });
    await formOn(s);
    await s.host.appraise(input());
    const read = await s.host.readAppraisals(['1.2']);
    expect(read.threads['1.2'].kind).toBe('comment');
    expect('resolved' in read.threads['1.2']).toBe(false);
  });
});

test('selectedCell: the sheet and top-left cell of the selection, one sync', async () => {
  const s = setup();
  const sheet = await formOn(s);
  await s.host.selectName('IN_1_2_thuDienTu');
  const { result, syncs } = await countSyncs(s.d, () => s.host.selectedCell());
  expect(syncs).toBe(1);
  expect(result).toEqual({ sheetName: sheet, address: s.at('IN_1_2_thuDienTu') });
});
