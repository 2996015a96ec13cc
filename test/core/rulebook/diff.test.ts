import { builtinRulebook, builtinRulebooks, contentHash, parseRulebook } from '../../../src/core/rulebook';
import { diffRulebooks, isEmptyDiff } from '../../../src/core/rulebook/diff';
import { amended, NEW_TITLE } from '../../authoring/amend';

describe('diffRulebooks', () => {
  it('of a rulebook with itself is empty, for every built-in', () => {
    for (const rb of builtinRulebooks()) {
      const d = diffRulebooks(rb, rb);
      expect(isEmptyDiff(d)).toBe(true);
      expect(d.changes).toEqual([]);
      expect(d.annexes.map((a) => a.status)).toEqual(rb.annexes.map(() => 'same'));
      expect(d.units).toEqual({ added: [], removed: [], changed: [] });
      expect(d.from).toEqual({ id: rb.id, version: rb.version, hash: contentHash(rb) });
    }
  });

  it('lists exactly the changes of a known amendment and nothing else', () => {
    const { before, after } = amended();
    const d = diffRulebooks(before, after);
    expect(d.from.version).toBe('1867/2019');
    expect(d.to.version).toBe('1867/2019-sửa đổi');
    expect(d.changes).toEqual([]);
    expect(d.units).toEqual({ added: [], removed: [], changed: [] });
    expect(d.annexes.map((a) => [a.annex, a.status])).toEqual([
      ['I', 'changed'],
      ['II', 'same'],
      ['III', 'same'],
      ['IV', 'same'],
    ]);
    const [i] = d.annexes;
    expect(i.changes).toEqual([]);
    expect(i.added).toEqual([
      {
        id: '1.7',
        title: 'Ban hành danh mục dữ liệu dùng chung',
        max: 5,
        group: '1',
        groupTitle: before.annexes[0].groups[0].title,
      },
    ]);
    expect(i.removed.map((c) => [c.id, c.max])).toEqual([['1.3', 10]]);
    expect(i.changed).toEqual([
      expect.objectContaining({ id: '2.3', changes: [{ field: 'max', from: 15, to: 20 }] }),
      expect.objectContaining({
        id: '2.4',
        changes: [{ field: 'title', from: before.annexes[0].groups[1].criteria[3].title, to: NEW_TITLE }],
      }),
    ]);
    expect(i.bands).toEqual([
      {
        label: 'Khá',
        status: 'changed',
        from: { labelEn: 'Fair', min: 350 },
        to: { labelEn: 'Fair', min: 360 },
      },
    ]);
    expect(isEmptyDiff(d)).toBe(false);
  });

  it('reports rule parameters, flags, provenance and moves field by field', () => {
    const before = builtinRulebook('binh-thuan-2019')!;
    const copy = structuredClone(before);
    const g = copy.annexes[0].groups;
    const steps = g[0].criteria.find((c) => c.id === '1.4')!;
    if (steps.rule.type !== 'steps') throw new Error('fixture: 1.4 is a step table');
    steps.rule.steps = [
      { min: 1, points: 5 },
      { min: 2, points: 10 },
      { min: 3, points: 15 },
      { min: 4, points: 20 },
    ];
    const perItem = g[0].criteria.find((c) => c.id === '1.5')!;
    perItem.rule = { type: 'manual' };
    perItem.notApplicableAllowed = true;
    perItem.provenance = 'official';
    perItem.evidence = { required: false };
    // 2.7 moves from group 2 to group 3
    const moved = g[1].criteria.splice(
      g[1].criteria.findIndex((c) => c.id === '2.7'),
      1,
    )[0];
    g[2].criteria.push(moved);
    g[2].title = 'Nguồn nhân lực';
    const after = parseRulebook(copy);
    const [i] = diffRulebooks(before, after).annexes;
    expect(i.added).toEqual([]);
    expect(i.removed).toEqual([]);
    expect(i.changes).toEqual([
      { field: 'group.3', from: before.annexes[0].groups[2].title, to: 'Nguồn nhân lực' },
    ]);
    const byId = Object.fromEntries(i.changed.map((c) => [c.id, c.changes.map((x) => x.field)]));
    expect(byId).toEqual({
      '1.4': ['rule.steps'],
      '1.5': ['rule', 'evidence.required', 'evidence.label', 'notApplicableAllowed', 'provenance'],
      '2.7': ['group'],
    });
    expect(i.changed.find((c) => c.id === '2.7')!.changes[0]).toEqual({ field: 'group', from: '2', to: '3' });
  });

  it('sees annexes, units, schedule and awards added or removed', () => {
    const before = builtinRulebook('binh-thuan-2019')!;
    const copy = structuredClone(before);
    const ii = copy.annexes.splice(1, 1)[0];
    copy.units = copy.units.filter((u) => u.annex !== 'II');
    copy.units.push({ id: 'so-moi', name: 'Sở Mới', aliases: [], annex: 'I', provenance: 'official' });
    copy.awards = copy.awards.filter((a) => !a.annexes.includes('II'));
    const aboutII = copy.assumptions.filter((a) => a.annexes?.includes('II'));
    copy.assumptions = copy.assumptions.filter((a) => !aboutII.includes(a));
    copy.schedule.deadlines = [{ annexes: ['I', 'III', 'IV'], date: '--09-20' }];
    const after = parseRulebook(copy);
    const d = diffRulebooks(before, after);
    expect(d.annexes.map((a) => [a.annex, a.status])).toEqual([
      ['I', 'same'],
      ['III', 'same'],
      ['IV', 'same'],
      ['II', 'removed'],
    ]);
    expect(d.annexes[3].removed).toHaveLength(ii.groups.flatMap((x) => x.criteria).length);
    expect(d.units.added).toEqual([{ id: 'so-moi', name: 'Sở Mới', annex: 'I' }]);
    expect(d.units.removed.map((u) => u.annex)).toEqual(
      before.units.filter((u) => u.annex === 'II').map(() => 'II'),
    );
    expect(d.changes.map((c) => c.field)).toEqual(['schedule.deadlines', 'awards']);
    expect(aboutII.length).toBeGreaterThan(0);
    expect(d.assumptions).toEqual({ added: [], removed: aboutII, changed: [] });
    // and the other way round: the annex comes back as added
    const back = diffRulebooks(after, before);
    expect(back.annexes.find((a) => a.annex === 'II')!.status).toBe('added');
  });
});

describe('diffRulebooks: policies, tie rules, assumptions', () => {
  const before = builtinRulebook('gia-lai-2019')!;

  it('compares policies as the ranking applies them: the older yes/no spelling of the same policy is no change', () => {
    const copy = structuredClone(before);
    copy.policies = { incomplete: 'warning', reasonsAfterConsolidation: true };
    copy.schedule.missingRankedLast = true; // unsent: ranked last, as before
    copy.schedule.lateNotRanked = true; // late: not ranked, where Gia Lai ranks late forms last
    const d = diffRulebooks(before, parseRulebook(copy));
    expect(d.changes).toEqual([{ field: 'policies.late', from: 'rankedLast', to: 'notRanked' }]);
  });

  it('a tie rule alone is reported per award, with its annexes; assumptions by their text', () => {
    const bt = builtinRulebook('binh-thuan-2019')!;
    const copy = structuredClone(bt);
    copy.awards[0].ties = 'all';
    copy.assumptions[0].what.en = 'Annexes I, III and IV are out of 500.';
    copy.assumptions.shift(); // the same assumption gone under its Vietnamese text…
    copy.assumptions.unshift({
      ...bt.assumptions[0],
      what: { vi: 'Tổng điểm Phụ lục I, III, IV: 500.', en: bt.assumptions[0].what.en },
    }); // …and back reworded
    copy.assumptions[2].annexes = ['I'];
    const d = diffRulebooks(bt, parseRulebook(copy));
    expect(d.changes).toEqual([
      { field: 'awards.ties', from: 'council', to: 'all', annexes: ['I', 'III', 'IV'] },
    ]);
    expect(d.assumptions.added.map((a) => a.what.vi)).toEqual(['Tổng điểm Phụ lục I, III, IV: 500.']);
    expect(d.assumptions.removed).toEqual([bt.assumptions[0]]);
    expect(d.assumptions.changed).toEqual([
      { what: bt.assumptions[2].what, changes: [{ field: 'annexes', from: undefined, to: ['I'] }] },
    ]);
    expect(isEmptyDiff(d)).toBe(false);
    const onlyAssumption = structuredClone(bt);
    onlyAssumption.assumptions[3].why.en = 'Reworded.';
    const d2 = diffRulebooks(bt, parseRulebook(onlyAssumption));
    expect(d2.changes).toEqual([]);
    expect(isEmptyDiff(d2)).toBe(false);
  });

  it('form title, the source of the reconstruction and a form name are rulebook and annex fields', () => {
    const copy = structuredClone(before);
    copy.formTitle = 'PHIẾU ĐÁNH GIÁ';
    copy.reconstructedFrom = { vi: 'bộ tiêu chí năm 2018', en: 'the 2018 criteria' };
    copy.annexes[0].label = 'Sở, ban, ngành';
    const d = diffRulebooks(before, parseRulebook(copy));
    expect(d.changes.map((c) => c.field)).toEqual(['formTitle', 'reconstructedFrom']);
    expect(d.annexes[0].changes).toEqual([{ field: 'label', from: 'Cấp sở', to: 'Sở, ban, ngành' }]);
  });
});
