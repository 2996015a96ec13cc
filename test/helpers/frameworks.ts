/** A rulebook shaped like today's frameworks (tests of applicability, unscored parts, index, units). */
import type { RulebookInput } from '../../src/core/rulebook';

type CriterionInput = RulebookInput['annexes'][number]['groups'][number]['criteria'][number];
const manual = (id: string, max: number, extra: Partial<CriterionInput> = {}): CriterionInput => ({
  id,
  title: `Chỉ số ${id}`,
  max,
  rule: { type: 'manual' },
  provenance: 'reconstructed',
  ...extra,
});

/** 1,000 points for sở with administrative procedures, 750 without; a collected-only group and criterion. */
export function input(overrides: Partial<RulebookInput> = {}): RulebookInput {
  return {
    id: 'dti-thu',
    version: '1',
    title: 'Bộ chỉ số thử',
    province: 'Thử',
    issuer: 'UBND tỉnh Thử',
    decision: { number: '1/QĐ-UBND', date: '2025-01-01' },
    annexes: [
      {
        code: 'so',
        title: 'Cấp sở',
        appliesTo: 'Các sở',
        // Every criterion counted: a unit with all of them; each unit's own maximum follows (annexForUnit).
        max: 1050,
        bands: [{ label: 'Chưa xếp loại', labelEn: 'Not banded', min: 0 }],
        rankingGroup: 'Sở',
        groups: [
          {
            code: '1',
            title: 'Chính quyền số',
            criteria: [
              manual('1.1', 500),
              manual('1.2', 250, { appliesTo: { unitTypes: ['co-tthc'] } }),
              manual('1.3', 10, { scored: false }),
              { id: '1.4', title: 'Hệ thống', max: 50, rule: { type: 'yesNo' }, provenance: 'reconstructed' },
            ],
          },
          {
            code: '2',
            title: 'Kinh tế số',
            criteria: [manual('2.1', 200), manual('2.2', 50, { appliesTo: { units: ['so-cong-thuong'] } })],
          },
          { code: '3', title: 'Đô thị thông minh', scored: false, criteria: [manual('3.1', 100)] },
        ],
      },
    ],
    units: [
      { id: 'so-tu-phap', name: 'Sở Tư pháp', annex: 'so', type: 'co-tthc' },
      { id: 'so-cong-thuong', name: 'Sở Công Thương', annex: 'so', type: 'co-tthc' },
      {
        id: 'ban-qlda',
        name: 'Ban Quản lý dự án',
        annex: 'so',
        type: 'khong-tthc',
        validTo: '2025-06-30',
        mergedInto: 'so-tu-phap',
      },
    ],
    schedule: {
      deadlines: [{ annexes: ['so'], date: '--12-15' }],
      dataWindow: { start: '--01-01', end: '--12-31' },
    },
    ...overrides,
  };
}

type AnnexInput = RulebookInput['annexes'][number];

/** The frameworks rulebook with pillars over its groups, 2.1 may be marked not applicable. */
export function withPillars(weights: [number, number], extra: Partial<AnnexInput> = {}): RulebookInput {
  const base = input();
  const annex = base.annexes[0];
  const groups = annex.groups.map((g) =>
    g.code === '2'
      ? { ...g, criteria: g.criteria.map((c) => (c.id === '2.1' ? { ...c, notApplicableAllowed: true } : c)) }
      : g,
  );
  const pillars = [
    { code: 'CQS', title: 'Chính quyền số', groups: ['1'], weight: weights[0] },
    { code: 'KTS', title: 'Kinh tế số', groups: ['2'], weight: weights[1] },
  ];
  return { ...base, annexes: [{ ...annex, groups, pillars, ...extra }] };
}
