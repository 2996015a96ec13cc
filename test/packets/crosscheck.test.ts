/**
 * Review packets carry the cross-checks that concern their units (rank --reference): on the row the
 * reviewer appraises, the Data cell adds the agency's figure, its source and the points it would give,
 * coloured; a line under the heading counts them. Other rows, packets of other groups, and the packet's
 * reading back are unchanged. Then through the built command line: `packets export --reference`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { builtinRulebook } from '../../src/core/rulebook';
import { rank, type RankingInput } from '../../src/core/ranking';
import { crossCheck, csvTableRows, parseReferenceRows } from '../../src/core/crosscheck';
import { buildPackets, PACKET_COL, readPacketXlsx, writePacketXlsx } from '../../src/packets';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import { annexOf, entriesWorth, form, fullEntries } from '../core/ranking/fixtures';
import { scorecard, expectNoStackTrace } from '../helpers/cli';
import { fillPacket, loadPacket, rowOf } from './helpers';

const bt = builtinRulebook('binh-thuan-2019')!;
const I = annexOf(bt, 'I');
const onTime = '2019-09-13';
const REFERENCE =
  'đơn vị,tiêu chí,giá trị,nguồn\nSở Nội vụ,1.1,Không,Văn phòng UBND tỉnh\nSở Tư pháp,1.1,Có,Văn phòng UBND tỉnh\n';

function inputs(): RankingInput[] {
  return [
    form(bt, 'I', 'so-noi-vu', { entries: fullEntries(I), received: onTime, file: 'nop/I-noi-vu.xlsx' }),
    form(bt, 'I', 'so-tu-phap', { entries: fullEntries(I), received: onTime, file: 'nop/I-tu-phap.xlsx' }),
  ];
}

describe('review packets with cross-checks', () => {
  const ins = inputs();
  const table = parseReferenceRows(bt, csvTableRows(REFERENCE));
  const result = crossCheck(rank(bt, ins, { asOf: '2019-10-01' }), ins, table.figures);
  const packets = buildPackets(bt, ins, { crossChecks: result.checks });
  const group1 = packets.find((p) => p.identity.annex === 'I' && p.identity.group === '1')!;

  it("the difference is on the unit's criterion, nowhere else", () => {
    expect(result.checks.map((x) => [x.unitId, x.criterion])).toEqual([['so-noi-vu', '1.1']]);
    const noiVu = group1.units.find((u) => u.unitId === 'so-noi-vu')!;
    expect(noiVu.entries.find((e) => e.criterion === '1.1')!.crossChecks).toEqual([
      {
        input: result.checks[0].inputLabel ?? 'value',
        reported: 1,
        reference: 0,
        source: 'Văn phòng UBND tỉnh',
        referencePoints: 0,
      },
    ]);
    const others = packets.flatMap((p) =>
      p.units.flatMap((u) =>
        u.entries.filter((e) => e.crossChecks).map((e) => [p.identity.group, u.unitId, e.criterion]),
      ),
    );
    expect(others).toEqual([['1', 'so-noi-vu', '1.1']]);
  });

  it('the workbook shows it in the coloured Data cell and counts it under the heading; appraisals still read back', async () => {
    const bytes = await writePacketXlsx(group1);
    const { ws } = await loadPacket(bytes);
    const r = rowOf(ws, 'so-noi-vu', '1.1');
    const cell = ws.getCell(r, PACKET_COL.inputs + 1);
    expect(String(cell.value)).toMatch(/\n⚠ Văn phòng UBND tỉnh: .* = 0 \(theo số liệu này: 0 điểm\)$/);
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFCE4D6');
    const plain = ws.getCell(rowOf(ws, 'so-tu-phap', '1.1'), PACKET_COL.inputs + 1);
    expect(String(plain.value)).not.toContain('⚠');
    const heading: string[] = [];
    for (let k = 1; k < r; k++) heading.push(String(ws.getCell(k, 1).value ?? ''));
    expect(heading.some((s) => s.startsWith('Có 1 số liệu khác với số liệu của cơ quan chuyên môn'))).toBe(
      true,
    );

    const returned = await fillPacket(bytes, [
      { unitId: 'so-noi-vu', criterion: '1.1', points: 0, note: 'Theo Văn phòng UBND tỉnh' },
    ]);
    const read = await readPacketXlsx(returned);
    expect(read.ok && read.appraisals.map((a) => [a.unitId, a.criterion, a.points, a.note])).toEqual([
      ['so-noi-vu', '1.1', 0, 'Theo Văn phòng UBND tỉnh'],
    ]);
  });

  it('without a reference table, no packet says anything about cross-checks', () => {
    const plain = buildPackets(bt, inputs());
    expect(plain.flatMap((p) => p.units.flatMap((u) => u.entries.filter((e) => e.crossChecks)))).toEqual([]);
  });
});

describe('scorecard packets export --reference', () => {
  const root = mkdtempSync(join(tmpdir(), 'scorecard-packets-cross-'));
  const nop = join(root, 'nop');
  const out = join(root, 'tham-dinh');
  const reference = join(root, 'doi-chieu.csv');

  beforeAll(async () => {
    mkdirSync(nop);
    for (const id of ['so-noi-vu', 'so-tu-phap']) {
      const unit = bt.units.find((u) => u.id === id)!;
      writeFileSync(
        join(nop, `${id}.xlsx`),
        await writeFormXlsx(
          planForm(bt, 'I', { id, name: unit.name }, 2019, { entries: entriesWorth(I, 480) }),
        ),
      );
    }
    writeFileSync(reference, REFERENCE.replace('Sở Tư pháp,1.1,Có', 'Sở Lạ,1.1,Có'));
  }, 60_000);

  it('puts the differences in the packet of their group and warns of the bad row', async () => {
    const r = scorecard([
      'packets',
      'export',
      nop,
      '--rulebook',
      'binh-thuan-2019',
      '--reference',
      reference,
      '-o',
      out,
    ]);
    expectNoStackTrace(r.stderr);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Sở Lạ');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'thamdinh_I_nhom1.xlsx'));
    const ws = wb.worksheets[0];
    const cell = ws.getCell(rowOf(ws, 'so-noi-vu', '1.1'), PACKET_COL.inputs + 1);
    expect(String(cell.value)).toContain('⚠ Văn phòng UBND tỉnh:');
  });
});
