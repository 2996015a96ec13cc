/**
 * Review packets as workbooks: what the writer puts in (title, frozen header, A4 landscape, validation,
 * protection with only the appraisal columns open, hidden identity, very hidden metadata, text never a
 * formula), and the round trip a reviewer makes: export → type into the appraisal cells (a number,
 * "2,5" as text, a value out of range, a word) → import → the appraisals exactly, the problems located.
 * Also after LibreOffice opened and saved the packet, and never a throw on bad bytes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import fc from 'fast-check';
import { builtinRulebook, reconstructionNotice } from '../../src/core/rulebook';
import type { RankingInput } from '../../src/core/ranking';
import { msg, t } from '../../src/i18n';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import {
  PACKET_COL,
  PACKET_META_SHEET,
  applyPacketAppraisals,
  buildPackets,
  readPacketXlsx,
  writePacketXlsx,
  type Packet,
  type PacketAppraisal,
} from '../../src/packets';
import { rank } from '../../src/core/ranking';
import { annexOf, entriesWorth, form, fullEntries } from '../core/ranking/fixtures';
import { fillPacket, loadPacket, rowOf } from './helpers';
import { recalcWithSoffice, requireSoffice } from '../helpers/soffice';

const bt = builtinRulebook('binh-thuan-2019')!;
const gl = builtinRulebook('gia-lai-2019')!;
const I = annexOf(bt, 'I');
const onTime = '2019-09-13';
const FORMULA_LIKE = '=SUM(A1:A3)';

const inputs: RankingInput[] = [
  form(bt, 'I', 'so-noi-vu', { entries: entriesWorth(I, 480), received: onTime, file: 'nop/I-noi-vu.xlsx' }),
  form(bt, 'I', 'so-tu-phap', {
    entries: entriesWorth(I, 470),
    received: onTime,
    file: 'nop/I-tu-phap.xlsx',
  }),
  form(bt, 'I', 'so-tai-chinh', {
    entries: entriesWorth(I, 460),
    received: '2019-09-30',
    file: 'nop/I-tai-chinh.xlsx',
  }),
  form(bt, 'I', 'so-cong-thuong', {
    entries: fullEntries(I, { '3.3': { count: 1, evidence: '+84 912 345 678', reason: '-1 lượt đào tạo' } }),
    appraisals: { '3.2': { points: 12, note: '@đã đối chiếu' } },
    received: onTime,
    file: 'nop/I-cong-thuong.xlsx',
  }),
  form(bt, 'I', 'khong-co', {
    unitName: FORMULA_LIKE,
    entries: entriesWorth(I, 400),
    received: onTime,
    file: 'nop/I-la.xlsx',
  }),
];
const packet: Packet = buildPackets(bt, inputs, { reviewers: { '3': 'Sở Nội vụ' } }).find(
  (p) => p.identity.annex === 'I' && p.identity.group === '3',
)!;
const SHEET = 'Nhóm 3';

let bytes: Uint8Array;
beforeAll(async () => {
  bytes = await writePacketXlsx(packet);
});

const xml = (b: Uint8Array, part: string) =>
  strFromU8(unzipSync(b, { filter: (f) => f.name === part })[part]);

describe('writePacketXlsx', () => {
  it('titles the packet with its group and reviewer, the annex, the rulebook and the year, and shows the reconstructed notice', async () => {
    const { ws } = await loadPacket(bytes);
    expect(ws.name).toBe(SHEET);
    expect(ws.getCell('A1').value).toBe('Nhóm tiêu chí 3: Nguồn nhân lực CNTT — gửi Sở Nội vụ thẩm định');
    const heading = [2, 3, 4, 5, 6].map((r) => String(ws.getCell(r, 1).value));
    expect(heading[0]).toMatch(/^Phụ lục I - /);
    expect(heading[1]).toContain('1867/QĐ-UBND');
    expect(heading[1]).toContain('binh-thuan-2019');
    expect(heading[1]).toContain('2019');
    expect(heading).toContain(reconstructionNotice(builtinRulebook('binh-thuan-2019')!).vi);
    expect(String(ws.getCell(rowOf(ws, 'so-noi-vu', '3.1'), PACKET_COL.criterion + 1).value)).toMatch(
      /\(tái dựng\)$/,
    );
  });

  it('freezes the header, prints on A4 landscape fitted to the width, repeats the header on each page', async () => {
    const { ws } = await loadPacket(bytes);
    const header = rowOf(ws, 'so-noi-vu', '3.1') - 1;
    expect(ws.getCell(header, PACKET_COL.appraisal + 1).value).toBe('Điểm thẩm định');
    expect(ws.getCell(header, PACKET_COL.appraisalNote + 1).value).toBe('Ý kiến thẩm định');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${header}:${header}`,
    });
    expect(ws.pageSetup.margins?.left).toBeCloseTo(30 / 25.4);
  });

  it('validates the appraisal as a decimal from 0 to the criterion maximum, with a Vietnamese prompt and error', async () => {
    const { ws } = await loadPacket(bytes);
    for (const [criterion, max] of [
      ['3.1', 20],
      ['3.3', 10],
    ] as const) {
      const dv = ws.getCell(rowOf(ws, 'so-tu-phap', criterion), PACKET_COL.appraisal + 1).dataValidation;
      expect(dv).toMatchObject({
        type: 'decimal',
        operator: 'between',
        formulae: [0, max],
        showErrorMessage: true,
        errorStyle: 'stop',
      });
      expect(dv.prompt).toBe(t('vi', 'packetPrompt', { max }));
      expect(dv.error).toBe(t('vi', 'packetError', { max }));
    }
  });

  it('protects the sheet without a password; only the two appraisal columns are unlocked', async () => {
    const sheetXml = xml(bytes, 'xl/worksheets/sheet1.xml');
    const protection = /<sheetProtection\b[^>]*>/.exec(sheetXml)?.[0] ?? '';
    expect(protection).toContain('sheet="1"');
    expect(protection).not.toMatch(/password|hashValue/i);
    const { ws } = await loadPacket(bytes);
    const r = rowOf(ws, 'so-cong-thuong', '3.2');
    const unlocked = Array.from({ length: 16 }, (_, c) => c).filter(
      (c) => ws.getCell(r, c + 1).protection?.locked === false,
    );
    expect(unlocked).toEqual([PACKET_COL.appraisal, PACKET_COL.appraisalNote]);
  });

  it('hides the identity columns and keeps the packet identity in a very hidden metadata sheet', async () => {
    const { ws, wb } = await loadPacket(bytes);
    const hidden = Array.from({ length: 16 }, (_, c) => c).filter((c) => ws.getColumn(c + 1).hidden);
    expect(hidden).toEqual([
      PACKET_COL.idUnit,
      PACKET_COL.idCriterion,
      PACKET_COL.idFile,
      PACKET_COL.idFormHash,
    ]);
    const r = rowOf(ws, 'so-tai-chinh', '3.4');
    expect(
      [PACKET_COL.idUnit, PACKET_COL.idCriterion, PACKET_COL.idFile, PACKET_COL.idFormHash].map(
        (c) => ws.getCell(r, c + 1).value,
      ),
    ).toEqual(['so-tai-chinh', '3.4', 'I-tai-chinh.xlsx', packet.identity.rulebookHash]);
    expect(ws.getCell(r, PACKET_COL.status + 1).value).toBe('Nộp muộn');
    expect(xml(bytes, 'xl/workbook.xml')).toMatch(
      new RegExp(`<sheet [^>]*name="${PACKET_META_SHEET}"[^>]*state="veryHidden"`),
    );
    const meta = wb.getWorksheet(PACKET_META_SHEET)!;
    const rows = new Map<string, unknown>();
    meta.eachRow(
      (row) =>
        rows.has(String(row.getCell(1).value)) ||
        rows.set(String(row.getCell(1).value), row.getCell(2).value),
    );
    expect(
      Object.fromEntries(
        ['kind', 'rulebookId', 'rulebookVersion', 'rulebookHash', 'annex', 'group', 'year'].map((k) => [
          k,
          rows.get(k),
        ]),
      ),
    ).toEqual({
      kind: 'scorecard-review-packet',
      rulebookId: 'binh-thuan-2019',
      rulebookVersion: bt.version,
      rulebookHash: packet.identity.rulebookHash,
      annex: 'I',
      group: '3',
      year: 2019,
    });
  });

  it('writes text from submissions as text: =, +, - and @ never become formulas', async () => {
    const sheetXml = xml(bytes, 'xl/worksheets/sheet1.xml');
    expect(sheetXml).not.toContain('<f>');
    expect(sheetXml).not.toContain('<f ');
    const { ws } = await loadPacket(bytes);
    const cell = (unit: string, criterion: string, col: number) =>
      ws.getCell(rowOf(ws, unit, criterion), col + 1).value;
    expect(cell('', '3.1', PACKET_COL.unit)).toBe(FORMULA_LIKE);
    expect(cell('so-cong-thuong', '3.3', PACKET_COL.evidence)).toBe('+84 912 345 678');
    expect(cell('so-cong-thuong', '3.3', PACKET_COL.reason)).toBe('-1 lượt đào tạo');
    expect(cell('so-cong-thuong', '3.2', PACKET_COL.appraisalNote)).toBe('@đã đối chiếu');
    expect(cell('so-cong-thuong', '3.2', PACKET_COL.appraisal)).toBe(12); // prefilled from the form
    // Text cells are formatted as text, so editing one in Excel keeps it text.
    expect(ws.getCell(rowOf(ws, 'so-cong-thuong', '3.2'), PACKET_COL.appraisalNote + 1).numFmt).toBe('@');
  });
});

describe('the round trip: export → a reviewer types → import', () => {
  let read: Awaited<ReturnType<typeof readPacketXlsx>>;
  let filled: Uint8Array;
  let rows: Record<string, number>;
  beforeAll(async () => {
    filled = await fillPacket(bytes, [
      { unitId: 'so-noi-vu', criterion: '3.2', points: 5, note: '=Chỉ 25% có chứng chỉ' },
      { unitId: 'so-tu-phap', criterion: '3.3', points: '9,5', note: 'Đề nghị bổ sung quyết định cử đi học' }, // text, decimal comma
      { unitId: 'so-tu-phap', criterion: '3.4', note: 'Đã xem danh sách tập huấn' },
      { unitId: 'so-tai-chinh', criterion: '3.3', points: 12 }, // max 10
      { unitId: 'so-tai-chinh', criterion: '3.4', points: 'khá' },
      { unitId: '', criterion: '3.4', points: ' 7.25 ' },
    ]);
    const { ws } = await loadPacket(filled);
    rows = Object.fromEntries(
      [
        ['so-noi-vu', '3.2'],
        ['so-tu-phap', '3.3'],
        ['so-tu-phap', '3.4'],
        ['so-tai-chinh', '3.3'],
        ['so-tai-chinh', '3.4'],
        ['so-cong-thuong', '3.2'],
        ['', '3.4'],
      ].map(([u, c]) => [`${u}/${c}`, rowOf(ws, u, c)]),
    );
    read = await readPacketXlsx(filled);
  });

  it('reads the appraisals exactly, prefilled ones included, with their row identity', () => {
    if (!read.ok) throw new Error(read.reason.en);
    const base = { annex: 'I', formHash: packet.identity.rulebookHash, sheet: SHEET };
    expect(read.appraisals).toEqual([
      {
        ...base,
        unitId: 'so-noi-vu',
        unitName: 'Sở Nội vụ',
        criterion: '3.2',
        points: 5,
        note: '=Chỉ 25% có chứng chỉ',
        file: 'I-noi-vu.xlsx',
        row: rows['so-noi-vu/3.2'],
      },
      {
        ...base,
        unitId: 'so-tu-phap',
        unitName: 'Sở Tư pháp',
        criterion: '3.3',
        points: 9.5,
        note: 'Đề nghị bổ sung quyết định cử đi học',
        file: 'I-tu-phap.xlsx',
        row: rows['so-tu-phap/3.3'],
      },
      {
        ...base,
        unitId: 'so-tu-phap',
        unitName: 'Sở Tư pháp',
        criterion: '3.4',
        note: 'Đã xem danh sách tập huấn',
        file: 'I-tu-phap.xlsx',
        row: rows['so-tu-phap/3.4'],
      },
      {
        ...base,
        unitId: 'so-cong-thuong',
        unitName: 'Sở Công Thương',
        criterion: '3.2',
        points: 12,
        note: '@đã đối chiếu',
        file: 'I-cong-thuong.xlsx',
        row: rows['so-cong-thuong/3.2'],
      },
      {
        ...base,
        unitId: '',
        unitName: FORMULA_LIKE,
        criterion: '3.4',
        points: 7.25,
        file: 'I-la.xlsx',
        row: rows['/3.4'],
      },
    ]);
    expect(read.packet).toMatchObject({
      ...packet.identity,
      sheet: SHEET,
      groupTitle: 'Nguồn nhân lực CNTT',
      reviewer: 'Sở Nội vụ',
      rows: 5 * 4,
    });
  });

  it('reports the out-of-range and unreadable values in both languages, with sheet and row, and leaves them out', () => {
    if (!read.ok) throw new Error(read.reason.en);
    expect(read.problems).toEqual([
      msg('packetRowOutOfRange', {
        sheet: SHEET,
        row: rows['so-tai-chinh/3.3'],
        points: '12',
        criterion: '3.3',
        unit: 'Sở Tài chính',
        max: '10',
      }),
      msg('packetRowNotANumber', {
        sheet: SHEET,
        row: rows['so-tai-chinh/3.4'],
        value: 'khá',
        criterion: '3.4',
        unit: 'Sở Tài chính',
      }),
    ]);
    expect(read.problems[0].vi).toMatch(/^Trang "Nhóm 3", dòng \d+: /);
    expect(read.problems[0].en).toMatch(/^Sheet "Nhóm 3", row \d+: /);
  });

  it('changes the final ranking through the appraised points', () => {
    if (!read.ok) throw new Error(read.reason.en);
    const before = rank(bt, inputs).tables[0].entries;
    const merged = applyPacketAppraisals(
      bt,
      inputs,
      read.appraisals.map((a) => ({ ...a, source: 'thamdinh_I_nhom3.xlsx' })),
    );
    const after = rank(bt, merged.inputs).tables[0].entries;
    const of = (es: typeof before, unit: string) => es.find((e) => e.unitId === unit)!;
    const places = (es: typeof before) =>
      ['so-cong-thuong', 'so-noi-vu', 'so-tu-phap'].map((u) => [u, of(es, u).total, of(es, u).rank]);
    // Công Thương 495 self, 3.2 appraised 12 in its own form: 487.
    expect(places(before)).toEqual([
      ['so-cong-thuong', 487, 1],
      ['so-noi-vu', 480, 2],
      ['so-tu-phap', 470, 3],
    ]);
    // Nội vụ: 3.2 from 20 to 5 → 465; Tư pháp: 3.3 from 10 to 9,5 → 469,5: Tư pháp overtakes Nội vụ.
    expect(places(after)).toEqual([
      ['so-cong-thuong', 487, 1],
      ['so-noi-vu', 465, 3],
      ['so-tu-phap', 469.5, 2],
    ]);
    // A comment without points (3.4) changes no points.
    expect(of(after, 'so-tu-phap')).toMatchObject({ selfTotal: 470, appraisedCriteria: ['3.3'] });
    expect(merged.problems).toEqual([]);
  });
});

describe('readPacketXlsx refuses what is not this packet and never throws', () => {
  it('refuses a packet of another rulebook or year', async () => {
    expect(await readPacketXlsx(bytes, { rulebook: gl })).toEqual({
      ok: false,
      reason: msg('packetWrongRulebook', { packetRulebook: 'binh-thuan-2019', rulebook: 'gia-lai-2019' }),
    });
    expect(await readPacketXlsx(bytes, { rulebook: bt, year: 2020 })).toEqual({
      ok: false,
      reason: msg('packetWrongYear', { packetYear: 2019, year: 2020 }),
    });
  });

  it('refuses a form, a non-workbook, an empty file and a packet of a newer layout', async () => {
    const formBytes = await writeFormXlsx(planForm(bt, 'I', { id: 'so-noi-vu', name: 'Sở Nội vụ' }, 2019));
    expect(await readPacketXlsx(formBytes)).toEqual({ ok: false, reason: msg('packetNotPacket') });
    expect(await readPacketXlsx(new TextEncoder().encode('không phải bảng tính'))).toEqual({
      ok: false,
      reason: msg('xlsxNotZip'),
    });
    expect((await readPacketXlsx(new Uint8Array())).ok).toBe(false);
    const newer = await fillPacket(bytes, [], (_, wb) => {
      const meta = wb.getWorksheet(PACKET_META_SHEET)!;
      meta.eachRow((row) => row.getCell(1).value === 'layoutVersion' && (row.getCell(2).value = 9));
    });
    expect(await readPacketXlsx(newer)).toEqual({
      ok: false,
      reason: msg('packetNewerLayout', { version: 9 }),
    });
  });

  it('reports rows of units or criteria that are not the packet’s, and reads the rest', async () => {
    const tampered = await fillPacket(
      bytes,
      [
        { unitId: 'so-noi-vu', criterion: '3.1', points: 4 },
        { unitId: 'so-tu-phap', criterion: '3.1', points: 3 },
      ],
      (ws) => {
        ws.getCell(rowOf(ws, 'so-noi-vu', '3.2'), PACKET_COL.idCriterion + 1).value = '9.9';
        ws.getCell(rowOf(ws, 'so-tu-phap', '3.1'), PACKET_COL.idUnit + 1).value = 'so-khong-co';
      },
    );
    const read = await readPacketXlsx(tampered);
    if (!read.ok) throw new Error(read.reason.en);
    expect(read.problems.map((p) => p.en)).toEqual([
      expect.stringMatching(
        /^Sheet "Nhóm 3", row \d+: criterion "9\.9" is not in group 3 of annex I; the row is skipped\.$/,
      ),
      expect.stringMatching(
        /^Sheet "Nhóm 3", row \d+: unit "Sở Tư pháp" is not one of this packet's units; the row is skipped\.$/,
      ),
    ]);
    expect(read.appraisals.map((a) => [a.unitId, a.criterion, a.points])).toEqual([
      ['so-noi-vu', '3.1', 4],
      ['so-cong-thuong', '3.2', 12],
    ]);
  });

  it('never throws, whatever the bytes (random, or a packet with bytes flipped)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (random) => {
        const r = await readPacketXlsx(random);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        async (flips) => {
          const copy = new Uint8Array(bytes);
          for (const [at, value] of flips) copy[at % copy.length] = value;
          const r = await readPacketXlsx(copy);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('a packet saved again by LibreOffice', () => {
  it('still reads the same appraisals', async () => {
    const soffice = requireSoffice('the LibreOffice round trip of a review packet');
    if (!soffice) return;
    const dir = mkdtempSync(join(tmpdir(), 'packet-lo-'));
    const out = mkdtempSync(join(tmpdir(), 'packet-lo-out-'));
    const filled = await fillPacket(bytes, [
      { unitId: 'so-noi-vu', criterion: '3.2', points: 5, note: '=Chỉ 25% có chứng chỉ' },
      { unitId: 'so-tu-phap', criterion: '3.1', points: '2,5' },
    ]);
    writeFileSync(join(dir, 'thamdinh_I_nhom3.xlsx'), filled);
    const r = await recalcWithSoffice(soffice, [join(dir, 'thamdinh_I_nhom3.xlsx')], out);
    const resaved = readFileSync(join(out, 'thamdinh_I_nhom3.xlsx'));
    const read = await readPacketXlsx(resaved);
    if (!read.ok) throw new Error(`${read.reason.en}\n${r.output}`);
    const pick = (as: PacketAppraisal[]) => as.map((a) => [a.unitId, a.criterion, a.points, a.note]);
    expect(pick(read.appraisals)).toEqual([
      ['so-noi-vu', '3.2', 5, '=Chỉ 25% có chứng chỉ'],
      ['so-tu-phap', '3.1', 2.5, undefined],
      ['so-cong-thuong', '3.2', 12, '@đã đối chiếu'],
    ]);
    expect(read.problems).toEqual([]);
  }, 240_000);
});
