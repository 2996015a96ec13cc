/**
 * A ranking that changes because of appraisals, end to end: forms written as real .xlsx files with
 * appraisal values in their APPR_ cells (planForm prefill.appraisals + writeFormXlsx), ranked by
 * `scorecard rank --json`, which must rank on the appraised total and report selfTotal and
 * appraisedTotal; `scorecard check --json` reports both for one form.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulebook } from '../../src/core/rulebook';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import type { Appraisal } from '../../src/form/types';
import type { RankingJson } from '../../src/report';
import { main } from '../../src/cli/main';
import { annexOf, entriesWorth } from '../core/ranking/fixtures';

const bt = builtinRulebook('binh-thuan-2019')!;
const annex = annexOf(bt, 'I');

async function writeForms(dir: string, appraisals: Record<string, Record<string, Appraisal>>) {
  mkdirSync(dir, { recursive: true });
  const units = [
    { id: 'so-y-te', total: 480 },
    { id: 'so-tu-phap', total: 470 },
    { id: 'so-noi-vu', total: 465 },
  ];
  for (const u of units) {
    const unit = bt.units.find((x) => x.id === u.id)!;
    const plan = planForm(bt, 'I', { id: unit.id, name: unit.name }, 2019, {
      entries: entriesWorth(annex, u.total),
      appraisals: appraisals[u.id] ?? {},
    });
    writeFileSync(join(dir, `${u.id}.xlsx`), await writeFormXlsx(plan));
  }
  // every form received on time (the official letters' dates)
  writeFileSync(
    join(dir, 'ngay-nhan.csv'),
    ['Tên tệp;Ngày nhận', ...units.map((u) => `${u.id}.xlsx;13/09/2019`)].join('\r\n'),
  );
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => out.push(`ERR ${s}`) });
  return { code, out: out.join('\n') };
}

async function rankJson(dir: string) {
  const r = await cli([
    'rank',
    dir,
    '--received',
    join(dir, 'ngay-nhan.csv'),
    '--as-of',
    '2019-09-30',
    '--json',
  ]);
  expect({ code: r.code, out: r.code ? r.out : '' }).toEqual({ code: 0, out: '' });
  const json = JSON.parse(r.out) as RankingJson;
  const group = json.groups.find((g) => g.annex === 'I')!;
  return Object.fromEntries(group.entries.filter((e) => e.unitId).map((e) => [e.unitId, e]));
}

test('appraisals replace self points: Sở Y tế drops from first to third in scorecard rank --json', async () => {
  const root = mkdtempSync(join(tmpdir(), 'scorecard-appraisal-'));
  await writeForms(join(root, 'self'), {});
  // The council: 1.1 (yes/no, 10) not met → 0; 3.1 (20) → 12; 4.10 (manual, 15) confirmed at 15.
  await writeForms(join(root, 'appraised'), {
    'so-y-te': {
      '1.1': { points: 0, note: 'Không có kế hoạch' },
      '3.1': { points: 12 },
      '4.10': { points: 15 },
    },
  });

  const before = await rankJson(join(root, 'self'));
  expect([before['so-y-te'].rank, before['so-tu-phap'].rank, before['so-noi-vu'].rank]).toEqual([1, 2, 3]);
  expect(before['so-y-te']).toMatchObject({ total: 480, selfTotal: 480, appraisedTotal: null });

  const after = await rankJson(join(root, 'appraised'));
  expect(after['so-y-te']).toMatchObject({ selfTotal: 480, appraisedTotal: 462, total: 462, rank: 3 });
  expect(after['so-tu-phap']).toMatchObject({ selfTotal: 470, appraisedTotal: null, total: 470, rank: 1 });
  expect(after['so-noi-vu'].rank).toBe(2);

  // scorecard check --json on the appraised form: both totals.
  const check = await cli(['check', join(root, 'appraised', 'so-y-te.xlsx'), '--json']);
  const report = JSON.parse(check.out);
  // one form alone: the relative criterion 4.7 (30 points, compared with the best unit) is provisionally 0
  expect(report).toMatchObject({ total: 450, selfTotal: 450, appraisedTotal: 432 });
  const plain = JSON.parse((await cli(['check', join(root, 'self', 'so-y-te.xlsx'), '--json'])).out);
  expect(plain).toMatchObject({ total: 450, selfTotal: 450, appraisedTotal: null });
}, 60_000);
