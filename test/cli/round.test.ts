/** `scorecard round`: the timeline of a year's round, as text and JSON, through the built command line. */
import type { TimelineJson } from '../../src/report/round';
import { main } from '../../src/cli/main';
import { scorecard, expectNoStackTrace } from '../helpers/cli';

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(args, { out: (s) => out.push(s), err: (s) => err.push(s) }).then((code) => ({
    code,
    out: out.join('\n'),
    err: err.join('\n'),
  }));
}

describe('scorecard round', () => {
  it('--json: every milestone with its due date, the next one and the working days left', () => {
    const r = scorecard([
      'round',
      '--rulebook',
      'binh-thuan-2019',
      '--year',
      '2019',
      '--as-of',
      '2019-10-01',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expectNoStackTrace(r.stderr);
    const json = JSON.parse(r.stdout) as TimelineJson;
    expect(json).toMatchObject({ rulebook: 'binh-thuan-2019', year: 2019, asOf: '2019-10-01' });
    expect(json.milestones.map((m) => [m.kind, m.due, m.dueText, m.state])).toEqual([
      ['submission', '2019-09-20', '20/09/2019', 'past'],
      ['preliminary', '2019-09-30', '30/09/2019', 'past'],
      ['appraisal', '2019-11-08', '08/11/2019', 'next'],
      ['decision', '2019-11-25', '25/11/2019', 'upcoming'],
      ['award', '2019-12-09', '09/12/2019', 'upcoming'],
      ['publication', '2019-12-31', '31/12/2019', 'upcoming'],
    ]);
    expect(json.next).toBe(2);
    // 1/10 to 8/11/2019: 28 weekdays, no public holiday between.
    expect(json.milestones[2]).toMatchObject({
      workingDaysLeft: 28,
      moved: { from: '2019-11-10', rule: 'previous', dayOff: 'Chủ nhật', dayOffEn: 'Sunday' },
    });
    expect(json.milestones[4]).toMatchObject({
      assumption: true,
      note: expect.stringMatching(/khen thưởng/),
      noteEn: expect.stringMatching(/award/),
    });
    expect(Object.keys(json.milestones[0]).sort()).toEqual(
      [
        'annexes',
        'assumption',
        'by',
        'byEn',
        'due',
        'dueText',
        'id',
        'kind',
        'moved',
        'note',
        'noteEn',
        'source',
        'state',
        'title',
        'titleEn',
        'workingDays',
        'workingDaysLeft',
        'written',
      ].sort(),
    );
  });

  it('prints the timeline in both languages with dd/mm/yyyy dates and what is due next; the as-of date may be written dd/mm/yyyy', async () => {
    const r = await run(['round', '--rulebook', 'dong-nai-2022', '--year', '2022', '--as-of', '16/11/2022']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ 30\/10\/2022 {2}Cơ quan, đơn vị, địa phương tự đánh giá/);
    expect(r.out).toMatch(/→ 18\/11\/2022 {2}Gửi kết quả đánh giá về UBND tỉnh \(qua Sở Nội vụ\)/);
    expect(r.out).toMatch(/20\/11\/2022 là ngày nghỉ \(Chủ nhật\).* \/ 20\/11\/2022 is a day off \(Sunday\)/);
    expect(r.out).toMatch(/Giả định \(văn bản không quy định\) \/ Assumption \(the decision is silent\)/);
    expect(r.out).toMatch(
      /Mốc tiếp theo: Gửi kết quả đánh giá về UBND tỉnh \(qua Sở Nội vụ\) — hạn 18\/11\/2022 \(còn 2 ngày làm việc\)\. \/ Next: The results sent to the People's Committee/,
    );
  });

  it("without --year takes the as-of date's year; after the last milestone says every one has passed", async () => {
    const r = await run(['round', '--rulebook', 'gia-lai-2019', '--as-of', '2019-12-31']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/năm 2019/);
    expect(r.out).toMatch(
      /Mọi mốc của đợt đánh giá năm 2019 đã qua\. \/ Every milestone of the 2019 round has passed\./,
    );
  });

  it('bad usage: exit 2 with a one-line reason in both languages', async () => {
    for (const args of [
      ['round'],
      ['round', '--rulebook', 'binh-thuan-2019', '--as-of', '31/02/2019'],
      ['round', '--rulebook', 'binh-thuan-2019', '--year', '19'],
      ['round', '--rulebook', 'nowhere'],
    ]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/ \/ /);
    }
  });
});
