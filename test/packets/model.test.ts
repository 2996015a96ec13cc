/**
 * Review packets, the pure part: buildPackets (one packet per annex and criteria group, statuses from
 * the ranking, inputs labelled, prefilled appraisals) and applyPacketAppraisals (matching, conflicts,
 * no mutation, and a final ranking that changes because of the appraisals).
 */
import { builtinRulebook } from '../../src/core/rulebook';
import { rank, type RankingInput } from '../../src/core/ranking';
import { t } from '../../src/i18n';
import {
  applyPacketAppraisals,
  buildPackets,
  packetFileName,
  type Packet,
  type PacketAppraisal,
} from '../../src/packets';
import { annexOf, entriesWorth, form, fullEntries } from '../core/ranking/fixtures';

const bt = builtinRulebook('binh-thuan-2019')!;
const I = annexOf(bt, 'I');
const onTime = '2019-09-13';

function inputs(): RankingInput[] {
  return [
    form(bt, 'I', 'so-noi-vu', {
      entries: entriesWorth(I, 480),
      received: onTime,
      file: 'nop/I-noi-vu.xlsx',
    }),
    form(bt, 'I', 'so-tu-phap', {
      entries: fullEntries(I, { '4.7': { value: 50, evidence: 'x', reason: 'y' } }),
      received: onTime,
      file: 'nop/I-tu-phap.xlsx',
    }),
    form(bt, 'I', 'so-tai-chinh', {
      entries: entriesWorth(I, 460),
      received: '2019-09-30',
      file: 'nop/I-tai-chinh.xlsx',
    }),
    form(bt, 'I', 'so-y-te', {
      entries: entriesWorth(I, 300),
      received: '2019-09-10',
      file: 'nop/I-y-te-lan-1.xlsx',
    }),
    form(bt, 'I', 'so-y-te', {
      entries: entriesWorth(I, 350),
      received: '2019-09-12',
      file: 'nop/I-y-te-lan-2.xlsx',
    }),
    form(bt, 'I', 'so-xay-dung', {
      entries: fullEntries(I, { '1.5': { count: -3, evidence: 'x', reason: 'y' } }),
      received: onTime,
      file: 'nop/I-xay-dung.xlsx',
    }),
    form(bt, 'I', 'so-cong-thuong', {
      entries: entriesWorth(I, 455),
      appraisals: { '3.2': { points: 12, note: 'đã có' } },
      received: onTime,
      file: 'nop/I-cong-thuong.xlsx',
    }),
    form(bt, 'I', 'khong-co', {
      unitName: 'Trung tâm Lạ',
      entries: entriesWorth(I, 400),
      received: onTime,
      file: 'nop/I-la.xlsx',
    }),
    form(bt, 'IV', 'tp-phan-thiet', {
      entries: entriesWorth(annexOf(bt, 'IV'), 470),
      received: onTime,
      file: 'nop/IV-phan-thiet.xlsx',
    }),
    { file: 'nop/hong.xlsx', failure: { vi: 'hỏng', en: 'damaged' } },
  ];
}

describe('buildPackets', () => {
  const packets = buildPackets(bt, inputs(), {
    reviewers: { '3': 'Sở Nội vụ', '5': 'Sở Kế hoạch và Đầu tư' },
  });
  const packet = (annex: string, group: string) =>
    packets.find((p) => p.identity.annex === annex && p.identity.group === group)!;

  it('makes one packet per (annex, criteria group) of the annexes that received forms', () => {
    expect(packets.map((p) => `${p.identity.annex}/${p.identity.group}`)).toEqual([
      'I/1',
      'I/2',
      'I/3',
      'I/4',
      'I/5',
      'IV/1',
      'IV/2',
      'IV/3',
      'IV/4',
      'IV/5',
    ]);
    expect(packet('I', '3').identity).toEqual({
      rulebookId: 'binh-thuan-2019',
      rulebookVersion: bt.version,
      rulebookHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      annex: 'I',
      group: '3',
      year: 2019,
    });
    expect(packetFileName(packet('IV', '5').identity)).toBe('thamdinh_IV_nhom5.xlsx');
  });

  it('names the group, its reviewer and its criteria', () => {
    const p = packet('I', '3');
    expect(p).toMatchObject({ groupTitle: 'Nguồn nhân lực CNTT', reviewer: 'Sở Nội vụ', groupMax: 60 });
    expect(p.criteria.map((c) => [c.id, c.max])).toEqual([
      ['3.1', 20],
      ['3.2', 20],
      ['3.3', 10],
      ['3.4', 10],
    ]);
    expect(packet('I', '1').reviewer).toBeUndefined();
  });

  it('lists every unit with a form in the unit-list order, with the ranking status; superseded duplicates left out', () => {
    const units = packet('I', '3').units;
    expect(units.map((u) => [u.unitId, u.file, u.status])).toEqual([
      ['so-noi-vu', 'I-noi-vu.xlsx', 'ranked'],
      ['so-tu-phap', 'I-tu-phap.xlsx', 'ranked'],
      ['so-tai-chinh', 'I-tai-chinh.xlsx', 'late'],
      ['so-cong-thuong', 'I-cong-thuong.xlsx', 'ranked'],
      ['so-xay-dung', 'I-xay-dung.xlsx', 'invalid'],
      ['so-y-te', 'I-y-te-lan-2.xlsx', 'ranked'],
      ['', 'I-la.xlsx', 'ranked'], // not in the unit list: last, by name
    ]);
    expect(units.every((u) => u.formHash === packet('I', '3').identity.rulebookHash)).toBe(true);
  });

  it('carries the inputs labelled, the self points of the engine, evidence, reason and prefilled appraisals', () => {
    const p = packet('I', '3');
    const congThuong = p.units.find((u) => u.unitId === 'so-cong-thuong')!;
    expect(congThuong.entries.map((e) => e.criterion)).toEqual(['3.1', '3.2', '3.3', '3.4']);
    const e32 = congThuong.entries[1];
    expect(e32.inputs).toEqual([
      {
        label: 'Số cán bộ, công chức, viên chức có chứng chỉ ứng dụng CNTT cơ bản trở lên hoặc văn bằng CNTT',
        value: '100',
      },
      { label: 'Tổng số cán bộ, công chức, viên chức', value: '100' },
    ]);
    expect(e32).toMatchObject({
      selfPoints: 20,
      evidence: 'Tài liệu kiểm chứng',
      reason: 'Lý do',
      notApplicable: false,
      appraisal: { points: 12, note: 'đã có' },
    });
    expect(congThuong.entries[3].inputs[0].value).toBe('100%');
    expect(congThuong.entries[0].inputs.map((i) => i.value)).toEqual(['Có', 'Không', 'Không']);
    expect(p.units.find((u) => u.unitId === 'so-noi-vu')!.entries[0].appraisal).toEqual({});
    expect(congThuong.selfGroupPoints).toBe(60);
  });

  it('completes relativeToBest self points against the best unit, as the ranking does', () => {
    const tuPhap = packet('I', '4').units.find((u) => u.unitId === 'so-tu-phap')!;
    const e47 = tuPhap.entries.find((e) => e.criterion === '4.7')!;
    expect(e47.selfPoints).toBe(15); // 50 of the best 100 × 30
    const ranking = rank(bt, inputs());
    const entry = ranking.tables[0].entries.find((e) => e.unitId === 'so-tu-phap')!;
    expect(e47.selfPoints).toBe(entry.selfCriteria['4.7']);
  });

  it('marks a criterion the unit declared not applicable', () => {
    const entries = fullEntries(I, { '5.2': { na: 'Có' } });
    const [p] = buildPackets(bt, [form(bt, 'I', 'so-noi-vu', { entries, received: onTime })]).filter(
      (x) => x.identity.group === '5',
    );
    const e52 = p.units[0].entries.find((e) => e.criterion === '5.2')!;
    expect(e52).toMatchObject({ notApplicable: true, inputs: [], selfPoints: 0 });
  });

  it('makes no packet without a readable form', () => {
    expect(buildPackets(bt, [{ file: 'x.xlsx', failure: { vi: 'hỏng', en: 'damaged' } }])).toEqual([]);
  });
});

const appraisal = (
  a: Partial<PacketAppraisal> & Pick<PacketAppraisal, 'unitId' | 'criterion'>,
): PacketAppraisal => ({
  unitName: a.unitId,
  annex: 'I',
  file: '',
  formHash: '',
  ...a,
});

describe('applyPacketAppraisals', () => {
  it('gives final totals on appraised points: a unit is overtaken (and the inputs are not touched)', () => {
    const given = inputs();
    const before = JSON.parse(JSON.stringify(given));
    const rankOf = (ins: RankingInput[], unit: string) =>
      rank(bt, ins).tables[0].entries.find((e) => e.unitId === unit)!;
    expect([rankOf(given, 'so-noi-vu').rank, rankOf(given, 'so-tu-phap').rank]).toEqual([2, 1]); // 480 < 485 (4.7 at 15)

    // Self: Tư pháp 485 (full but 4.7), Nội vụ 480. Appraised: Tư pháp's 3.1 to 5 (−15) → 470.
    const merged = applyPacketAppraisals(bt, given, [
      appraisal({
        unitId: 'so-tu-phap',
        criterion: '3.1',
        points: 5,
        note: 'Không có cán bộ chuyên trách',
        file: 'I-tu-phap.xlsx',
        source: 'a.xlsx',
      }),
    ]);
    expect(merged.problems).toEqual([]);
    expect(merged.applied).toEqual([
      {
        file: 'nop/I-tu-phap.xlsx',
        unitId: 'so-tu-phap',
        unitName: 'Sở Tư pháp',
        annex: 'I',
        criterion: '3.1',
        points: 5,
        note: 'Không có cán bộ chuyên trách',
        source: 'a.xlsx',
      },
    ]);
    const tuPhap = rankOf(merged.inputs, 'so-tu-phap');
    expect([tuPhap.selfTotal, tuPhap.total, tuPhap.rank, tuPhap.appraisedCriteria]).toEqual([
      485,
      470,
      2,
      ['3.1'],
    ]);
    expect(rankOf(merged.inputs, 'so-noi-vu').rank).toBe(1);
    expect(given).toEqual(before);
    expect(merged.inputs[1]).not.toBe(given[1]);
    expect(merged.inputs[0]).toBe(given[0]); // untouched inputs are passed through
  });

  it('reports conflicting values of two packets for one unit and criterion; the later wins', () => {
    const merged = applyPacketAppraisals(bt, inputs(), [
      appraisal({
        unitId: 'so-noi-vu',
        criterion: '3.2',
        points: 5,
        source: 'thamdinh_I_nhom3.xlsx',
        file: 'I-noi-vu.xlsx',
      }),
      appraisal({
        unitId: 'so-noi-vu',
        criterion: '3.2',
        points: 6.5,
        source: 'thamdinh_I_nhom3_lan2.xlsx',
        file: 'I-noi-vu.xlsx',
      }),
    ]);
    expect(merged.problems).toHaveLength(1);
    expect(merged.problems[0].vi).toBe(
      t('vi', 'packetMergeConflict', {
        unit: 'Sở Nội vụ',
        annex: 'I',
        criterion: '3.2',
        first: 'thamdinh_I_nhom3.xlsx',
        firstValue: '5',
        second: 'thamdinh_I_nhom3_lan2.xlsx',
        secondValue: '6,5',
      }),
    );
    expect(merged.problems[0].en).toContain('6.5');
    expect(
      (merged.inputs[0] as { submission: { appraisals: Record<string, unknown> } }).submission.appraisals[
        '3.2'
      ],
    ).toEqual({ points: 6.5 });
    // The same value twice is no conflict.
    const same = applyPacketAppraisals(bt, inputs(), [
      appraisal({ unitId: 'so-noi-vu', criterion: '3.2', points: 5, source: 'a.xlsx' }),
      appraisal({ unitId: 'so-noi-vu', criterion: '3.2', points: 5, source: 'b.xlsx' }),
    ]);
    expect(same.problems).toEqual([]);
  });

  it('keeps what a row does not set: a note alone keeps the form’s appraised points', () => {
    const merged = applyPacketAppraisals(bt, inputs(), [
      appraisal({ unitId: 'so-cong-thuong', criterion: '3.2', note: 'Đã đối chiếu' }),
    ]);
    const sub = merged.inputs.find((i) => i.file === 'nop/I-cong-thuong.xlsx') as {
      submission: { appraisals: Record<string, unknown> };
    };
    expect(sub.submission.appraisals['3.2']).toEqual({ points: 12, note: 'Đã đối chiếu' });
  });

  it('matches a unit with several forms by file name, else the form the ranking counts', () => {
    const appraisalsOf = (ins: RankingInput[], file: string) =>
      (ins.find((i) => i.file === file) as { submission: { appraisals: Record<string, unknown> } }).submission
        .appraisals;
    const byName = applyPacketAppraisals(bt, inputs(), [
      appraisal({ unitId: 'so-y-te', criterion: '3.1', points: 1, file: 'I-y-te-lan-1.xlsx' }),
    ]);
    expect(appraisalsOf(byName.inputs, 'nop/I-y-te-lan-1.xlsx')['3.1']).toEqual({ points: 1 });
    expect(appraisalsOf(byName.inputs, 'nop/I-y-te-lan-2.xlsx')['3.1']).toBeUndefined();
    const renamed = applyPacketAppraisals(bt, inputs(), [
      appraisal({ unitId: 'so-y-te', criterion: '3.1', points: 2, file: 'doi-ten.xlsx' }),
    ]);
    expect(appraisalsOf(renamed.inputs, 'nop/I-y-te-lan-2.xlsx')['3.1']).toEqual({ points: 2 });
    expect(appraisalsOf(renamed.inputs, 'nop/I-y-te-lan-1.xlsx')['3.1']).toBeUndefined();
    // A unit outside the list is found by its file.
    const unlisted = applyPacketAppraisals(bt, inputs(), [
      appraisal({ unitId: '', unitName: 'Trung tâm Lạ', criterion: '3.1', points: 3, file: 'I-la.xlsx' }),
    ]);
    expect(appraisalsOf(unlisted.inputs, 'nop/I-la.xlsx')['3.1']).toEqual({ points: 3 });
  });

  it('reports appraisals it cannot place: no form of the unit, unknown criterion, out of range, other rulebook hash', () => {
    const merged = applyPacketAppraisals(bt, inputs(), [
      appraisal({
        unitId: 'so-khoa-hoc-cong-nghe',
        unitName: 'Sở Khoa học và Công nghệ',
        criterion: '3.1',
        points: 1,
        source: 'p.xlsx',
      }),
      appraisal({ unitId: 'so-noi-vu', criterion: '9.9', points: 1, source: 'p.xlsx' }),
      appraisal({ unitId: 'so-noi-vu', criterion: '3.3', points: 11, source: 'p.xlsx' }),
      appraisal({ unitId: 'so-noi-vu', criterion: '3.4', points: 4, source: 'p.xlsx', formHash: 'khac' }),
    ]);
    expect(merged.problems.map((p) => p.en)).toEqual([
      t('en', 'packetMergeNoForm', {
        packet: 'p.xlsx',
        unit: 'Sở Khoa học và Công nghệ',
        annex: 'I',
        criterion: '3.1',
      }),
      t('en', 'packetMergeUnknownCriterion', { packet: 'p.xlsx', annex: 'I', criterion: '9.9' }),
      t('en', 'packetMergeOutOfRange', {
        packet: 'p.xlsx',
        unit: 'so-noi-vu',
        criterion: '3.3',
        points: '11',
        max: '10',
      }),
      expect.stringContaining('the packet recorded khac'),
    ]);
    expect(merged.applied.map((a) => a.criterion)).toEqual(['3.4']);
  });
});

describe('packets and ranking agree', () => {
  it('every unit the ranking places has its rows in every packet of its annex', () => {
    const ranking = rank(bt, inputs());
    const packets: Packet[] = buildPackets(bt, inputs());
    for (const table of ranking.tables) {
      const placed = table.entries.filter(
        (e) => e.status === 'ranked' || e.status === 'late' || e.status === 'invalid',
      );
      for (const p of packets.filter((x) => x.identity.annex === table.annex))
        expect(p.units.map((u) => u.file).sort()).toEqual(
          placed.map((e) => e.file!.replace(/^nop\//, '')).sort(),
        );
    }
  });
});
