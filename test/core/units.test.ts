import { builtinRulebook } from '../../src/core/rulebook';
import { coreName, matchUnit, normalizeName, searchUnits } from '../../src/core/units';

const rb = builtinRulebook('binh-thuan-2019')!;
const phanThiet = rb.units.find((u) => /Phan Thiết/.test(u.name))!;

describe('unit names as they arrive', () => {
  it.each([
    'TP Phan Thiết',
    'TP. Phan Thiết',
    'Thành phố Phan Thiết',
    'UBND thành phố Phan Thiết',
    'Ủy ban nhân dân thành phố Phan Thiết',
    '  thành   phố  PHAN THIẾT ',
    'Thành phố Phan Thiết'.normalize('NFD'),
    phanThiet.id,
  ])('%s → Phan Thiết', (name) => expect(matchUnit(rb, name)?.id).toBe(phanThiet.id));

  it('unifies old and new tone placement', () => {
    expect(normalizeName('Hoà Bình')).toBe(normalizeName('Hòa Bình'));
    expect(normalizeName('Uỷ ban')).toBe(normalizeName('Ủy ban'));
    expect(coreName('UBND huyện Tuy Phong')).toBe('tuy phong');
  });

  it('does not guess: an unknown name matches nothing', () => {
    expect(matchUnit(rb, 'Huyện Không Có')).toBeUndefined();
    expect(matchUnit(rb, '')).toBeUndefined();
  });

  it('restricts to an annex when asked, and searches by part of a name', () => {
    expect(matchUnit(rb, 'TP Phan Thiết', 'I')).toBeUndefined();
    expect(
      searchUnits(rb, 'hàm', 'IV')
        .map((u) => u.name)
        .join(),
    ).toMatch(/Hàm Thuận Bắc.*Hàm Thuận Nam.*Hàm Tân|Hàm/);
    expect(searchUnits(rb, '', 'IV')).toHaveLength(10);
  });
});
