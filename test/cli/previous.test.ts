/** `scorecard rank --previous … --unit-map …`: the files read, the comparison added, bad input located. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRulebook } from '../../src/core/rulebook';
import { rank, withPrevious } from '../../src/core/ranking';
import { rankingJson } from '../../src/report/json';
import { previousOption } from '../../src/cli/previous';
import { rankFiles } from '../../src/cli/rank';
import { CliError } from '../../src/cli/io';
import { input } from '../helpers/frameworks';
import { form } from '../core/ranking/fixtures';

const rb = parseRulebook(input());
const points = (p: Record<string, number>) =>
  Object.fromEntries(Object.entries(p).map(([id, v]) => [id, { points: v }]));
const rankWith = (tp: number) =>
  rank(rb, [
    form(rb, 'so', 'so-tu-phap', { year: 2025, entries: points({ '1.1': tp }) }),
    form(rb, 'so', 'so-cong-thuong', { year: 2025, entries: points({ '1.1': 300 }) }),
  ]);

describe('--previous and --unit-map', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scorecard-previous-'));
  const last = join(dir, 'xep-hang-2024.json');
  writeFileSync(last, JSON.stringify(rankingJson(rankWith(200))));
  const map = join(dir, 'doi-chieu.csv');
  writeFileSync(map, 'Cũ,Mới\nSở Công Thương,Sở Không Tồn Tại\n');

  it('adds last year and the change; without --previous the ranking is unchanged', async () => {
    const now = rankWith(400);
    expect(await previousOption({})).toBeUndefined();
    const previous = (await previousOption({ previous: last }))!;
    const e = withPrevious(rb, now, previous.results).tables[0].entries.find(
      (x) => x.unitId === 'so-tu-phap',
    )!;
    expect(e.previous).toMatchObject({ total: 200, rank: 2, change: { total: 200, rank: 1 } });
  });

  it('bad input is a usage error in both languages, located', async () => {
    const error = async (values: Record<string, string>) => {
      try {
        await previousOption(values);
      } catch (e) {
        return e as CliError;
      }
      throw new Error('no error');
    };
    // the unit map is checked against the ranking, in the consolidation, and refused there
    const unknown = await rankFiles([], {
      rulebook: rb,
      previous: await previousOption({ previous: last, 'unit-map': map }),
    })
      .then(() => {
        throw new Error('no error');
      })
      .catch((e: CliError) => e);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.reason.vi).toMatch(/dòng 2, cột 2.*Sở Không Tồn Tại/);
    expect(unknown.reason.en).toMatch(/line 2, column 2.*Sở Không Tồn Tại/);
    const notJson = join(dir, 'sai.json');
    writeFileSync(notJson, '{ not json');
    expect((await error({ previous: notJson })).reason.en).toMatch(/sai\.json is not a ranking/);
    expect((await error({ 'unit-map': map })).reason.en).toMatch(/--previous/);
  });
});
