/** Flat criteria tables → rulebook and prefill: the quirks of tables as exchanged, and located errors. */
import fc from 'fast-check';
import { parseCsvRecords } from '../../src/core/ranking/received';
import {
  compareIds,
  tableToPrefill,
  tableToRulebook,
  type TableRow,
  type TableRulebookOptions,
} from '../../src/authoring/table-import';
import ExcelJS from 'exceljs';
import { contentHash } from '../../src/core/rulebook';
import { readSheetRows } from '../../src/xlsx/read';
import { sheetTableRows } from '../../src/authoring/table-import';
import { workbookBytes as toBytes } from '../../src/xlsx/describe-write';
import { score } from '../../src/core/scoring';

const options: TableRulebookOptions = {
  id: 'bang-thu',
  title: 'Bộ chỉ số chuyển đổi số cấp xã',
  province: 'Lâm Đồng',
  decision: { number: '12/QĐ-UBND', date: '2025-08-01' },
  provenance: 'reconstructed',
  source: 'bang.csv',
};

const csvRows = (text: string): TableRow[] =>
  parseCsvRecords(text).map((r) => ({ row: r.line, cells: r.cells }));

// ── the model a random table is written from ─────────────────────────────────────────────────────
interface Crit {
  id: string;
  words: string[];
  max: number;
  self: number;
  appraisal: number | undefined;
  evidence: string[];
}
interface Group {
  title: string;
  criteria: Crit[];
}

const WORDS = [
  'Tỷ lệ',
  'hồ sơ',
  'trực tuyến',
  'toàn trình',
  'máy tính',
  'kết nối',
  'mạng',
  '"LAN"',
  'dữ liệu; mở',
  'an toàn, an ninh',
  'Camera',
  'đô thị thông minh',
];
const GROUP_NAMES = [
  'Hạ tầng số',
  'Nhận thức số',
  'Thể chế số',
  'Nhân lực số',
  'An toàn thông tin mạng',
  'Chính quyền số',
  'Kinh tế số',
  'Xã hội số',
];

const hundredths = (lo: number, hi: number) =>
  fc.integer({ min: lo * 100, max: hi * 100 }).map((n) => n / 100);

const criterionArb = (g: number) =>
  fc
    .record({
      n: fc.integer({ min: 1, max: 30 }),
      m: fc.option(fc.integer({ min: 1, max: 15 }), { nil: undefined }),
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }),
      max: hundredths(0.25, 200),
      selfShare: fc.double({ min: 0, max: 1, noNaN: true }),
      appraisalShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      evidence: fc.array(
        fc.constantFrom(
          'QĐ 12 – 1/2/2025: trích yếu',
          'Thành viên thẩm định: Thống nhất',
          'Giải trình: đã bổ sung',
        ),
        { maxLength: 3 },
      ),
    })
    .map(({ n, m, words, max, selfShare, appraisalShare, evidence }) => ({
      id: m === undefined ? `${g}.${n}` : `${g}.${n}.${m}`,
      words,
      max,
      self: Math.floor(max * selfShare * 100) / 100,
      // an appraisal may be above the self-score
      appraisal: appraisalShare === undefined ? undefined : Math.floor(max * appraisalShare * 100) / 100,
      evidence,
    }));

const tableArb = fc
  .uniqueArray(fc.integer({ min: 0, max: GROUP_NAMES.length - 1 }), { minLength: 1, maxLength: 4 })
  .chain((gs) =>
    fc.tuple(
      ...gs.map((g) =>
        fc
          .array(criterionArb(g + 1), { minLength: 1, maxLength: 6 })
          .map((cs) => ({ title: GROUP_NAMES[g], criteria: cs })),
      ),
    ),
  )
  .map((groups) =>
    groups.map((g) => {
      // Unique ids, none the prefix of another (such a row would be a heading).
      const unique = [...new Map(g.criteria.map((c) => [c.id, c])).values()];
      return { ...g, criteria: unique.filter((c) => !unique.some((o) => o.id.startsWith(`${c.id}.`))) };
    }),
  );

type Col = 'id' | 'title' | 'group' | 'max' | 'self' | 'appraisal' | 'evidence' | 'status';
const NAMES: Record<Col, string[]> = {
  id: ['Mã', 'STT', 'Mã số', 'ID', 'No.'],
  title: ['Chỉ tiêu', 'Tiêu chí', 'Chỉ số', 'Criterion', 'INDICATOR'],
  group: ['Nhóm', 'Nhóm tiêu chí', 'Group'],
  max: ['Điểm tối đa', 'Điểm tối đa (điểm)', 'Max', 'ĐIỂM TỐI ĐA'],
  self: ['Tự đánh giá', 'Điểm tự đánh giá', 'Self-assessment'],
  appraisal: ['Thẩm định', 'Điểm thẩm định', 'Appraisal'],
  evidence: ['Minh chứng/Ghi chú', 'Minh chứng', 'Evidence'],
  status: ['Trạng thái', 'Status'],
};

const quirksArb = fc.record({
  order: fc.shuffledSubarray(
    ['id', 'title', 'group', 'max', 'self', 'appraisal', 'evidence', 'status'] as Col[],
    { minLength: 8, maxLength: 8 },
  ),
  names: fc.record(
    Object.fromEntries(Object.entries(NAMES).map(([k, v]) => [k, fc.constantFrom(...v)])) as Record<
      Col,
      fc.Arbitrary<string>
    >,
  ),
  sep: fc.constantFrom(',', ';', '\t'),
  bom: fc.boolean(),
  titleLine: fc.boolean(),
  crlf: fc.boolean(),
  comma: fc.boolean(),
  pad: fc.array(fc.constantFrom(' ', '  ', '\n', ' \n ', '\t'), { minLength: 12, maxLength: 12 }),
  rowOrder: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
});

function quote(s: string, sep: string): string {
  return /["\n\r]/.test(s) || s.includes(sep) ? `"${s.replace(/"/g, '""')}"` : s;
}

type Quirks = typeof quirksArb extends fc.Arbitrary<infer T> ? T : never;

/** The table as a CSV file would hold it, with the quirks drawn. */
function writeCsv(groups: Group[], q: Quirks) {
  const num = (n: number) => (q.comma ? String(n).replace('.', ',') : String(n));
  const rows = groups.flatMap((g) => g.criteria.map((c) => ({ g, c })));
  // Shuffle rows within each group only (groups keep the order of first appearance).
  const keyed = rows.map((r, i) => ({
    ...r,
    k: groups.indexOf(r.g) * 1000 + (q.rowOrder[i % q.rowOrder.length] % 1000),
  }));
  keyed.sort((a, b) => a.k - b.k);
  const nl = q.crlf ? '\r\n' : '\n';
  const lines: string[] = [];
  if (q.titleLine) lines.push('BẢNG TỔNG HỢP CHỈ SỐ', '');
  lines.push(q.order.map((col) => quote(q.names[col], q.sep)).join(q.sep));
  keyed.forEach(({ g, c }, i) => {
    const pad = (k: number) => q.pad[(i + k) % q.pad.length];
    const cell: Record<Col, string> = {
      id: c.id,
      title: pad(0) + c.words.join(pad(1).includes('\n') ? pad(1) : ' ' + pad(1)) + pad(2),
      group: ` ${g.title} `,
      max: num(c.max),
      self: num(c.self),
      appraisal: c.appraisal === undefined ? '' : num(c.appraisal),
      evidence: c.evidence.join('\n'),
      status: 'Hoàn thành',
    };
    lines.push(q.order.map((col) => quote(cell[col], q.sep)).join(q.sep));
  });
  return (q.bom ? '\uFEFF' : '') + lines.join(nl) + nl;
}

const expectedGroups = (groups: Group[]) =>
  groups.map((g, i) => ({
    code: String(i + 1),
    title: g.title,
    criteria: [...g.criteria]
      .sort((a, b) => compareIds(a.id, b.id))
      .map((c) => ({ id: c.id, title: c.words.join(' '), max: c.max })),
  }));

describe('criteria tables → rulebook', () => {
  it('orders ids naturally', () => {
    expect(['4.22.11', '4.10', '4.2', '10.1', '4.22', '4.3a'].sort(compareIds)).toEqual([
      '4.2',
      '4.3a',
      '4.10',
      '4.22',
      '4.22.11',
      '10.1',
    ]);
  });

  it('random tables with BOM, any column order, multi-line cells and stray spaces give the same rulebook', () => {
    fc.assert(
      fc.property(tableArb, quirksArb, (groups, q) => {
        const result = tableToRulebook(csvRows(writeCsv(groups, q)), 'bang.csv', options);
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        const annex = result.value.annexes[0];
        expect(
          annex.groups.map((g) => ({
            code: g.code,
            title: g.title,
            criteria: g.criteria.map((c) => ({ id: c.id, title: c.title, max: c.max })),
          })),
        ).toEqual(expectedGroups(groups));
        expect(annex.groups.flatMap((g) => g.criteria).every((c) => c.rule.type === 'manual')).toBe(true);
        expect(annex.max).toBeCloseTo(
          groups.flatMap((g) => g.criteria).reduce((s, c) => s + c.max, 0),
          6,
        );
      }),
      { numRuns: 150 },
    );
  });

  it('the same table written differently gives the same content hash', () => {
    fc.assert(
      fc.property(tableArb, quirksArb, quirksArb, (groups, q1, q2) => {
        const a = tableToRulebook(csvRows(writeCsv(groups, q1)), 'bang.csv', options);
        const b = tableToRulebook(csvRows(writeCsv(groups, q2)), 'bang.csv', options);
        expect(a.ok && b.ok && contentHash(a.value) === contentHash(b.value)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('a filled table gives entries and appraisals whose sums the engine reproduces', () => {
    fc.assert(
      fc.property(tableArb, quirksArb, (groups, q) => {
        const rows = csvRows(writeCsv(groups, q));
        const rb = tableToRulebook(rows, 'bang.csv', options);
        if (!rb.ok) throw new Error(JSON.stringify(rb.errors));
        const annex = rb.value.annexes[0];
        const prefill = tableToPrefill(rows, 'bang.csv', annex);
        if (!prefill.ok) throw new Error(JSON.stringify(prefill.errors));
        const all = groups.flatMap((g) => g.criteria);
        const selfSum = all.reduce((s, c) => s + c.self, 0);
        expect(prefill.value.selfTotal).toBeCloseTo(selfSum, 6);
        expect(score(annex, prefill.value.entries).total).toBeCloseTo(selfSum, 6);
        const appraised = all.some((c) => c.appraisal !== undefined)
          ? all.reduce((s, c) => s + (c.appraisal ?? c.self), 0)
          : null;
        if (appraised === null) expect(prefill.value.appraisedTotal).toBeNull();
        else expect(prefill.value.appraisedTotal).toBeCloseTo(appraised, 6);
        for (const c of all) {
          expect(prefill.value.entries[c.id]?.points).toBe(c.self);
          expect(prefill.value.entries[c.id]?.evidence).toBe(
            c.evidence.length ? c.evidence.join('\n') : undefined,
          );
          expect(prefill.value.appraisals[c.id]?.points).toBe(c.appraisal);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('criteria tables as .xlsx', () => {
  /** The table as a workbook holds it: ids as text, maxima as numbers, titles with their line breaks. */
  async function writeXlsx(groups: Group[], q: Quirks): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Chỉ số');
    if (q.titleLine) ws.addRow(['BẢNG TỔNG HỢP CHỈ SỐ']);
    ws.addRow(q.order.map((col) => q.names[col]));
    groups.forEach((g) =>
      g.criteria.forEach((c, i) => {
        const cell: Record<Col, string | number> = {
          id: c.id,
          title:
            q.pad[i % q.pad.length] + c.words.join(q.pad[(i + 1) % q.pad.length].includes('\n') ? '\n' : ' '),
          group: g.title,
          max: c.max,
          self: c.self,
          appraisal: c.appraisal ?? '',
          evidence: c.evidence.join('\n'),
          status: 'Đang thực hiện',
        };
        ws.addRow(q.order.map((col) => cell[col]));
      }),
    );
    return toBytes(wb);
  }

  it('random tables read through the .xlsx reader give the same rulebook as expected', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, quirksArb, async (groups, q) => {
        const read = readSheetRows(await writeXlsx(groups, q));
        if (!read.ok) throw new Error(read.reason.en);
        const result = tableToRulebook(sheetTableRows(read.sheets[0].rows), read.sheets[0].name, options);
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        const annex = result.value.annexes[0];
        expect(
          annex.groups.map((g) => ({
            code: g.code,
            title: g.title,
            criteria: g.criteria.map((c) => ({ id: c.id, title: c.title, max: c.max })),
          })),
        ).toEqual(expectedGroups(groups));
      }),
      { numRuns: 25 },
    );
  });
});

describe('criteria tables: headings and groups', () => {
  it('rows without a maximum head the groups when no column names them; a parent id is a heading', () => {
    const text = [
      'Mã,Nội dung,Điểm tối đa',
      'I,HẠ TẦNG KỸ THUẬT,',
      '1.1,Máy tính,10',
      '1.2,Mạng LAN,5',
      '1.3,Dịch vụ công,',
      '1.3.1,Toàn trình,3',
      '1.3.2,Một phần,2',
      'II,NHÂN LỰC,',
      '2.1,Cán bộ chuyên trách,10',
    ].join('\n');
    const r = tableToRulebook(csvRows(text), 't.csv', options);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.annexes[0].groups.map((g) => [g.title, g.criteria.map((c) => c.id)])).toEqual([
      ['HẠ TẦNG KỸ THUẬT', ['1.1', '1.2', '1.3.1', '1.3.2']],
      ['NHÂN LỰC', ['2.1']],
    ]);
    expect(r.value.annexes[0].max).toBe(30);
    expect(r.value.assumptions.length).toBe(3);
    expect(r.value.reconstructedFrom?.vi).toContain('bang.csv');
  });
});

describe('criteria tables: numbered headings and a total row', () => {
  const text = (total: number) =>
    [
      'STT;Tiêu chí;Điểm tối đa',
      'I;NHẬN THỨC SỐ;30',
      '1;Lãnh đạo;30',
      '1.1;Họp chuyên đề;20',
      '1.2;Kế hoạch;10',
      'II;HẠ TẦNG SỐ;15',
      '2.1;Mạng;15',
      `;TỔNG CỘNG;${total}`,
    ].join('\n');

  it('Roman-numbered and parent rows head the groups; the total row is checked, not counted', () => {
    const r = tableToRulebook(csvRows(text(45)), 't.csv', options);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.annexes[0].groups.map((g) => [g.title, g.criteria.map((c) => c.id)])).toEqual([
      ['NHẬN THỨC SỐ', ['1.1', '1.2']],
      ['HẠ TẦNG SỐ', ['2.1']],
    ]);
    expect(r.value.annexes[0].max).toBe(45);
  });

  it('a total row that disagrees with the criteria is a located error', () => {
    const r = tableToRulebook(csvRows(text(50)), 't.csv', options);
    expect(r.ok ? [] : r.errors.map((e) => [e.row, e.column, e.message.en])).toEqual([
      [
        8,
        'C',
        't.csv, row 8, column C (Điểm tối đa): the total row says 50 points, but the criteria add up to 45.',
      ],
    ]);
  });
});

describe('criteria tables: located errors in both languages', () => {
  const errorsOf = (text: string) => {
    const r = tableToRulebook(csvRows(text), 'bang.csv', options);
    if (r.ok) throw new Error('expected errors');
    return r.errors;
  };

  it('no recognisable header', () => {
    const [e] = errorsOf('a,b,c\n1,2,3\n');
    expect(e.message.vi).toContain('không tìm thấy dòng tiêu đề');
    expect(e.message.en).toContain('Maximum (Điểm tối đa, Max)');
  });

  it('a duplicate id names both rows', () => {
    const [e] = errorsOf('Mã;Tiêu chí;Nhóm;Điểm tối đa\n1.1;A;N;5\n1.2;B;N;5\n1.1;C;N;5\n');
    expect([e.row, e.column]).toEqual([4, 'A']);
    expect(e.message.vi).toBe('bang.csv, dòng 4, cột A (Mã): mã 1.1 đã có ở dòng 2.');
    expect(e.message.en).toBe('bang.csv, row 4, column A (Mã): the id 1.1 is already on row 2.');
  });

  it('a maximum that is not a number', () => {
    const [e] = errorsOf('Nhóm,Điểm tối đa,Mã,Chỉ tiêu\nN,mười,1.1,A\n');
    expect([e.row, e.column]).toEqual([2, 'B']);
    expect(e.message.en).toContain('"mười", not a positive number');
  });

  it('an id whose group changes halfway', () => {
    const [e] = errorsOf(
      'Mã,Chỉ tiêu,Nhóm,Điểm tối đa\n4.1,A,Hạ tầng,5\n4.2,B,Hạ tầng,5\n4.3,C,Nhân lực,5\n',
    );
    expect([e.row, e.column]).toEqual([4, 'C']);
    expect(e.message.vi).toContain(
      'thuộc nhóm "Nhân lực", nhưng các mã 4.… trước đó (từ dòng 2) thuộc nhóm "Hạ tầng"',
    );
  });

  it('lines in a multi-line cell count: the row is where the record starts', () => {
    const [e] = errorsOf('Mã,Chỉ tiêu,Điểm tối đa\n1.1,"A\nB\nC",5\n1.2,D,x\n');
    expect(e.row).toBe(5);
  });

  it('a self-score above its maximum, and an unknown id, in a filled table', () => {
    const rb = tableToRulebook(csvRows('Mã,Chỉ tiêu,Điểm tối đa\n1.1,A,5\n1.2,B,5\n'), 'b.csv', options);
    if (!rb.ok) throw new Error('rulebook');
    const r = tableToPrefill(
      csvRows('Mã,Tự đánh giá,Thẩm định\n1.1,6,4\n1.9,1,\n1.2,2,5\n'),
      'u.csv',
      rb.value.annexes[0],
    );
    if (r.ok) throw new Error('expected errors');
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'B'],
      [3, 'A'],
    ]);
    expect(r.errors[0].message.en).toBe(
      'u.csv, row 2, column B (Tự đánh giá): 6 points for criterion 1.1 exceed its maximum 5.',
    );
  });
});
