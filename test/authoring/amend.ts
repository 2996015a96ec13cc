/**
 * A known amendment of binh-thuan-2019 for diff tests: in annex I, criterion 1.7 added (5 points),
 * 1.3 removed (10 points), 2.3's maximum 15 → 20, 2.4's title changed, band Khá 350 → 360. The maxima
 * still add up to 500, so the amended rulebook is valid.
 */
import { builtinRulebook, parseRulebook, type Rulebook } from '../../src/core/rulebook';

export const NEW_TITLE = 'Tỷ lệ máy tính được cài phần mềm phòng, chống mã độc có bản quyền';

export function amended(): { before: Rulebook; after: Rulebook } {
  const before = builtinRulebook('binh-thuan-2019')!;
  const copy = structuredClone(before);
  const annex = copy.annexes.find((a) => a.code === 'I')!;
  const [g1, g2] = annex.groups;
  g1.criteria = g1.criteria.filter((c) => c.id !== '1.3');
  g1.criteria.push({
    id: '1.7',
    title: 'Ban hành danh mục dữ liệu dùng chung',
    max: 5,
    rule: { type: 'yesNo' },
    reasonRequiredBelowMax: true,
    evidence: { required: true, label: 'Quyết định ban hành danh mục' },
    notApplicableAllowed: false,
    provenance: 'official',
  });
  g2.criteria.find((c) => c.id === '2.3')!.max = 20;
  g2.criteria.find((c) => c.id === '2.4')!.title = NEW_TITLE;
  annex.bands.find((b) => b.label === 'Khá')!.min = 360;
  copy.version = '1867/2019-sửa đổi';
  return { before, after: parseRulebook(copy, 'amended') };
}
