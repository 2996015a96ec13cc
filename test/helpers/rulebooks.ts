/** Small hand-made rulebooks for tests: one criterion of every rule type, in one annex. */
import { parseRulebook, type Rulebook, type RulebookInput } from '../../src/core/rulebook';

type CriterionInput = RulebookInput['annexes'][number]['groups'][number]['criteria'][number];

export const everyRule: CriterionInput[] = [
  {
    id: '1.1',
    title: 'Điểm nhập trực tiếp',
    max: 10,
    rule: { type: 'manual' },
    provenance: 'reconstructed',
    reasonRequiredBelowMax: true,
  },
  {
    id: '1.2',
    title: 'Có kế hoạch',
    max: 20,
    rule: { type: 'yesNo' },
    provenance: 'reconstructed',
    evidence: { required: true },
  },
  {
    id: '1.3',
    title: 'Tỷ lệ văn bản điện tử',
    max: 30,
    rule: { type: 'ratio', mode: 'fraction' },
    provenance: 'reconstructed',
  },
  {
    id: '1.4',
    title: 'Tỷ lệ CBCC có chứng chỉ',
    max: 15,
    rule: { type: 'ratio', mode: 'percent' },
    provenance: 'reconstructed',
  },
  {
    id: '2.1',
    title: 'Số CSDL',
    max: 12,
    rule: { type: 'perItem', pointsPerItem: 5 },
    provenance: 'reconstructed',
  },
  {
    id: '2.2',
    title: 'Số cuộc họp trực tuyến',
    max: 20,
    rule: {
      type: 'steps',
      steps: [
        { min: 1, points: 5 },
        { min: 2, points: 10 },
        { min: 3, points: 15 },
        { min: 4, points: 20 },
      ],
    },
    provenance: 'reconstructed',
  },
  {
    id: '2.3',
    title: 'Hình thức kết nối',
    max: 10,
    rule: {
      type: 'bestOf',
      alternatives: [
        { key: 'tslcd', label: 'TSLCD', points: 10 },
        { key: 'internet', label: 'Internet', points: 6 },
      ],
    },
    provenance: 'reconstructed',
    notApplicableAllowed: true,
  },
  {
    id: '3.1',
    title: 'Hạ tầng',
    max: 25,
    rule: {
      type: 'sumOfParts',
      parts: [
        { key: 'lan', label: 'LAN', max: 10 },
        { key: 'fw', label: 'Tường lửa', max: 10 },
        { key: 'av', label: 'Diệt virus', max: 10 },
      ],
    },
    provenance: 'reconstructed',
  },
  {
    id: '3.2',
    title: 'Báo cáo trễ hạn',
    max: 10,
    rule: { type: 'deduction', pointsPerItem: 3, floor: 1 },
    provenance: 'reconstructed',
  },
  {
    id: '3.3',
    title: 'Hồ sơ trực tuyến',
    max: 48,
    rule: { type: 'relativeToBest' },
    provenance: 'reconstructed',
  },
  {
    id: '3.4',
    title: 'Mức độ hoàn thành',
    max: 3,
    rule: {
      type: 'levelAverage',
      parts: [
        { key: 'a', label: 'Nội dung a' },
        { key: 'b', label: 'Nội dung b' },
        { key: 'c', label: 'Nội dung c' },
      ],
      levels: [
        { value: 0, label: 'Không' },
        { value: 1, label: 'Một phần' },
        { value: 2, label: 'Hoàn thành' },
        { value: 3, label: 'Tốt' },
      ],
    },
    provenance: 'official',
  },
];

export function makeRulebook(
  overrides: Partial<RulebookInput> = {},
  criteria: CriterionInput[] = everyRule,
): Rulebook {
  const max = criteria.reduce((s, c) => s + c.max, 0);
  const input: RulebookInput = {
    id: 'test-rb',
    version: 't1',
    title: 'Bộ tiêu chí thử',
    province: 'Thử',
    issuer: 'UBND tỉnh Thử',
    decision: { number: '1/QĐ-UBND', date: '2020-01-01' },
    annexes: [
      {
        code: 'A',
        title: 'Phụ lục thử',
        appliesTo: 'Các sở',
        max,
        bands: [
          { label: 'Yếu', labelEn: 'Weak', min: 0 },
          { label: 'Tốt', labelEn: 'Good', min: 0.9 * max },
          { label: 'Khá', labelEn: 'Fair', min: 0.7 * max },
        ],
        rankingGroup: 'Nhóm A',
        groups: [
          { code: '1', title: 'Nhóm 1', criteria: criteria.filter((c) => c.id.startsWith('1.')) },
          { code: '2', title: 'Nhóm 2', criteria: criteria.filter((c) => c.id.startsWith('2.')) },
          { code: '3', title: 'Nhóm 3', criteria: criteria.filter((c) => c.id.startsWith('3.')) },
        ].filter((g) => g.criteria.length),
      },
    ],
    schedule: {
      deadlines: [{ annexes: ['A'], date: '--09-15' }],
      graceWorkingDays: 5,
      dataWindow: { start: '--01-01', end: '--12-31' },
    },
    ...overrides,
  };
  return parseRulebook(input, 'test');
}
