/**
 * `scorecard rank --district`: Gia Lai's levels. A district consolidates its own form and its
 * communes' only; another district's forms in the same folder are left out.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulebook } from '../../src/core/rulebook';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import type { RankingJson } from '../../src/report';
import { scorecard, expectNoStackTrace } from '../helpers/cli';
import { annexOf, entriesWorth } from '../core/ranking/fixtures';

const gl = builtinRulebook('gia-lai-2019')!;
const dir = mkdtempSync(join(tmpdir(), 'scorecard-district-'));
const received = join(mkdtempSync(join(tmpdir(), 'scorecard-district-received-')), 'received.json');

beforeAll(async () => {
  const forms: [string, string, number][] = [
    ['huyen', 'tp-pleiku', 90],
    ['xa', 'pleiku-dien-hong', 85],
    ['xa', 'pleiku-bien-ho', 92.5],
    ['huyen', 'tx-an-khe', 95],
    ['xa', 'an-khe-an-binh', 99],
  ];
  for (const [annex, unitId, total] of forms) {
    const unit = gl.units.find((u) => u.id === unitId)!;
    const plan = planForm(gl, annex, unit, 2019, { entries: entriesWorth(annexOf(gl, annex), total) });
    writeFileSync(join(dir, `${unitId}.xlsx`), await writeFormXlsx(plan));
  }
  // Received on time (the letters' dates); the files' own mtimes are today's.
  writeFileSync(
    received,
    JSON.stringify(Object.fromEntries(forms.map(([, unitId]) => [`${unitId}.xlsx`, '2019-10-20']))),
  );
}, 60_000);

const units = (json: RankingJson, annex: string) =>
  json.groups.find((g) => g.annex === annex)!.entries.map((e) => [e.unitId, e.rank, e.status]);

it('ranks only the district and its communes, each level separately', () => {
  const r = scorecard([
    'rank',
    dir,
    '--district',
    'Thành phố Pleiku',
    '--year',
    '2019',
    '--as-of',
    '2019-11-01',
    '--received',
    received,
    '--json',
  ]);
  expectNoStackTrace(r.stderr);
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout) as RankingJson;
  expect(units(json, 'huyen')).toEqual([['tp-pleiku', 1, 'ranked']]);
  const communes = units(json, 'xa');
  expect(communes.slice(0, 2)).toEqual([
    ['pleiku-bien-ho', 1, 'ranked'],
    ['pleiku-dien-hong', 2, 'ranked'],
  ]);
  // Pleiku's other communes sent nothing: ranked last (Gia Lai); An Khê's units are not in this ranking.
  const pleikuCommunes = gl.units.filter((u) => u.parent === 'tp-pleiku').length;
  expect(communes).toHaveLength(pleikuCommunes);
  expect(communes.slice(2).every(([, , status]) => status === 'missing')).toBe(true);
  expect(JSON.stringify(json)).not.toMatch(/an-khe/);
});

it('without --district, the province ranks every district and commune', () => {
  const json = JSON.parse(
    scorecard(['rank', dir, '--year', '2019', '--as-of', '2019-11-01', '--received', received, '--json'])
      .stdout,
  ) as RankingJson;
  expect(units(json, 'huyen').slice(0, 2)).toEqual([
    ['tx-an-khe', 1, 'ranked'],
    ['tp-pleiku', 2, 'ranked'],
  ]);
  expect(units(json, 'xa')[0]).toEqual(['an-khe-an-binh', 1, 'ranked']);
});

it('an unknown district is bad usage with a bilingual reason', () => {
  const r = scorecard(['rank', dir, '--district', 'Huyện Không Có', '--json']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/không có đơn vị "Huyện Không Có".*has no unit "Huyện Không Có"/);
  expectNoStackTrace(r.stderr);
});
