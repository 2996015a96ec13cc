import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  builtinRulebooks,
  builtinRulebook,
  parseRulebook,
  RulebookError,
  contentHash,
  ruleInputs,
  annexCriteria,
  nameSafe,
} from '../../src/core/rulebook';
import { rulebookJsonSchema } from '../../src/core/rulebook/json-schema';
import { score, bandOf, type Entries } from '../../src/core/scoring';
import { round2 } from '../../src/core/numbers';
import { makeRulebook } from '../helpers/rulebooks';

const raw = (id: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../rulebooks', `${id}.json`), 'utf8'));

describe('built-in rulebooks', () => {
  const all = builtinRulebooks();

  it('are the three of the brief and the DTI-style example, each with its annexes', () => {
    expect(all.map((rb) => [rb.id, rb.annexes.map((a) => a.code)])).toEqual([
      ['binh-thuan-2019', ['I', 'II', 'III', 'IV']],
      ['dong-nai-2022', ['1', '2', '3']],
      ['gia-lai-2019', ['so', 'huyen', 'xa']],
      ['dti-2025', ['SO', 'XA']],
    ]);
  });

  it('Bình Thuận: bands of QĐ 1867 Điều 10, annexes I, III, IV out of 500, awards of Điều 12', () => {
    const rb = builtinRulebook('binh-thuan-2019')!;
    for (const code of ['I', 'III', 'IV']) {
      const a = rb.annexes.find((x) => x.code === code)!;
      expect(a.max).toBe(500);
      expect(a.bands.map((b) => [b.label, b.min])).toEqual([
        ['Tốt', 450],
        ['Khá', 350],
        ['Trung bình', 250],
        ['Yếu', 0],
      ]);
    }
    expect(rb.annexes.find((x) => x.code === 'II')!.bands.map((b) => b.min)).toEqual([380, 280, 190, 0]);
    expect(rb.schedule).toMatchObject({ deadlines: [{ date: '--09-15' }], graceWorkingDays: 5 });
    // Điều 8: "gửi phiếu đánh giá trễ … hoặc không gửi phiếu đánh giá thì xem như không được đánh giá, xếp hạng".
    expect(rb.policies).toEqual({
      late: 'notRanked',
      unsent: 'notRanked',
      incomplete: 'warning',
      reasonsAfterConsolidation: true,
    });
    expect(rb.awards).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          annexes: ['I', 'III', 'IV'],
          topN: 3,
          band: 'Tốt',
          ties: 'council',
          source: expect.stringMatching(/^Điều 12: .*vị trí thứ 1,2,3/),
        }),
        expect.objectContaining({
          annexes: ['II'],
          topN: 1,
          band: 'Tốt',
          ties: 'council',
          source: expect.stringMatching(/^Điều 12: .*chỉ khen thưởng cho 01 đơn vị/),
        }),
      ]),
    );
    expect(rb.units.filter((u) => u.annex === 'IV').map((u) => u.name)).toHaveLength(10);
  });

  it('Đồng Nai: A+/A/B/C on the average of levels', () => {
    const rb = builtinRulebook('dong-nai-2022')!;
    for (const a of rb.annexes) {
      expect(a.aggregate).toBe('mean');
      expect(a.bands.map((b) => [b.label, b.min])).toEqual([
        ['A+', 2.5],
        ['A', 1.5],
        ['B', 0.5],
        ['C', 0],
      ]);
    }
  });

  it('Gia Lai: three levels, every criterion needs a reason below its maximum, communes have a district', () => {
    const rb = builtinRulebook('gia-lai-2019')!;
    expect(rb.annexes.map((a) => a.level)).toEqual(['province', 'district', 'commune']);
    for (const a of rb.annexes)
      for (const { criterion } of annexCriteria(a)) expect(criterion.reasonRequiredBelowMax).toBe(true);
    const communes = rb.units.filter((u) => u.annex === 'xa');
    expect(communes.length).toBeGreaterThan(0);
    for (const c of communes) expect(rb.units.find((u) => u.id === c.parent)?.annex).toBe('huyen');
    // CV 1252: "chưa gửi kết quả đánh giá sẽ không được xếp hạng (xem như xếp hạng cuối)".
    expect(rb.policies).toMatchObject({ late: 'rankedLast', unsent: 'rankedLast' });
  });

  it('use every rule type between them, and mark reconstructed criteria', () => {
    const types = new Set(
      all.flatMap((rb) => rb.annexes.flatMap((a) => annexCriteria(a).map((x) => x.criterion.rule.type))),
    );
    expect([...types].sort()).toEqual([
      'bestOf',
      'deduction',
      'levelAverage',
      'manual',
      'perItem',
      'ratio',
      'relativeToBest',
      'steps',
      'sumOfParts',
      'yesNo',
    ]);
    for (const rb of all)
      expect(annexCriteria(rb.annexes[0]).some((x) => x.criterion.provenance === 'reconstructed')).toBe(true);
  });

  it('have unique defined-name-safe ids within each annex', () => {
    for (const rb of all)
      for (const a of rb.annexes) {
        const safe = annexCriteria(a).map((x) => nameSafe(x.criterion.id));
        expect(new Set(safe).size).toBe(safe.length);
      }
  });

  it('hash by content: the same rulebook always gives the same hash, a change gives another', () => {
    const rb = builtinRulebook('binh-thuan-2019')!;
    const again = parseRulebook(raw('binh-thuan-2019'));
    expect(contentHash(again)).toBe(contentHash(rb));
    const changed = raw('binh-thuan-2019');
    changed.annexes[0].groups[0].criteria[0].title += ' (sửa)';
    expect(contentHash(parseRulebook(changed))).not.toBe(contentHash(rb));
  });

  // Bands at every boundary of every annex of every built-in rulebook: the lower bound is inclusive,
  // and 0.01 below it falls in the band under it.
  for (const rb of all)
    for (const annex of rb.annexes)
      it(`${rb.id} ${annex.code}: every band boundary`, () => {
        for (const [i, band] of annex.bands.entries()) {
          expect(bandOf(annex, band.min).label).toBe(band.label);
          if (i < annex.bands.length - 1)
            expect(bandOf(annex, round2(band.min - 0.01)).label).toBe(annex.bands[i + 1].label);
        }
        expect(bandOf(annex, annex.max).label).toBe(annex.bands[0].label);
        expect(bandOf(annex, 0).label).toBe(annex.bands[annex.bands.length - 1].label);
      });

  it('full marks give the top band and the annex maximum in every annex', () => {
    for (const rb of all)
      for (const annex of rb.annexes) {
        const entries: Entries = {};
        for (const { criterion } of annexCriteria(annex)) {
          const e: Record<string, unknown> = { reason: 'r', evidence: 'e' };
          for (const spec of ruleInputs(criterion))
            e[spec.key] =
              spec.kind === 'yesNo'
                ? 'Có'
                : spec.key === 'numerator' || spec.key === 'denominator'
                  ? 10
                  : spec.key === 'count' && criterion.rule.type === 'deduction'
                    ? 0
                    : (spec.max ?? 1000);
          entries[criterion.id] = e;
        }
        const best = Object.fromEntries(annexCriteria(annex).map((x) => [x.criterion.id, 1000]));
        const s = score(annex, entries, best);
        expect([rb.id, annex.code, s.total]).toEqual([rb.id, annex.code, annex.max]);
        expect(s.band.label).toBe(annex.bands[0].label);
      }
  });
});

describe('the schema rejects malformed rulebooks, naming the field', () => {
  const base = () => raw('binh-thuan-2019');
  const reason = (json: unknown) => {
    try {
      parseRulebook(json, 'x.json');
    } catch (e) {
      expect(e).toBeInstanceOf(RulebookError);
      return (e as RulebookError).reason;
    }
    throw new Error('accepted a malformed rulebook');
  };

  it('a criterion without max', () => {
    const rb = base();
    delete rb.annexes[0].groups[1].criteria[0].max;
    const r = reason(rb);
    expect(r.en).toContain('annexes.0.groups.1.criteria.0.max');
    expect(r.vi).toContain('Bộ tiêu chí x.json không hợp lệ');
  });
  it('an unknown rule type', () => {
    const rb = base();
    rb.annexes[0].groups[0].criteria[0].rule = { type: 'magic' };
    expect(reason(rb).en).toContain('annexes.0.groups.0.criteria.0.rule.type');
  });
  it('criteria maxima that do not add up to the annex maximum', () => {
    const rb = base();
    rb.annexes[0].groups[0].criteria[0].max += 1;
    expect(reason(rb).en).toMatch(/annexes\.0\.max: criteria maxima add up to 501, not 500/);
  });
  it('a duplicate criterion id, a bad date, a unit of an unknown annex, an award for a band that does not exist', () => {
    const rb = base();
    rb.annexes[0].groups[0].criteria[1].id = rb.annexes[0].groups[0].criteria[0].id;
    expect(reason(rb).en).toContain('duplicate criterion id');
    const d = base();
    d.decision.date = '23/7/2019';
    expect(reason(d).en).toContain('decision.date: expected yyyy-mm-dd');
    const u = base();
    u.units[0].annex = 'IX';
    expect(reason(u).en).toMatch(/units\.0\.annex: unknown annex IX/);
    const w = base();
    w.awards[0].band = 'Xuất sắc';
    expect(reason(w).en).toContain('has no band Xuất sắc');
  });
  it('not an object at all', () => {
    expect(reason('hello').en).toContain('(root)');
  });
  it('a test rulebook of every rule type is valid', () => {
    expect(makeRulebook().annexes[0].groups).toHaveLength(3);
  });
});

describe('JSON Schema', () => {
  it('the committed rulebooks/rulebook.schema.json is generated from the zod schema (npm run schema)', () => {
    const committed = JSON.parse(
      readFileSync(join(__dirname, '../../rulebooks/rulebook.schema.json'), 'utf8'),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(rulebookJsonSchema())));
    expect(committed.properties.annexes.type).toBe('array');
  });
});
