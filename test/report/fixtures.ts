/** A Bình Thuận ranking over every annex, with hostile unit names and file names, for the report tests. */
import { builtinRulebook } from '../../src/core/rulebook';
import { rank, type Ranking, type RankingInput } from '../../src/core/ranking';
import { msg } from '../../src/i18n';
import { annexOf, entriesWorth, form } from '../core/ranking/fixtures';

export const bt = builtinRulebook('binh-thuan-2019')!;
export const btForm = (annex: string, unitId: string, total: number, o: Parameters<typeof form>[3] = {}) =>
  form(bt, annex, unitId, { entries: entriesWorth(annexOf(bt, annex), total), received: '2019-09-13', ...o });

/** Names that a spreadsheet would read as formulas if they were typed in. */
export const HOSTILE = [
  '=HYPERLINK("http://x.invalid","bấm")',
  '+84 912 345 678',
  '-1+2',
  '@SUM(A1)',
  '=1+1',
];

export function btRanking(): Ranking {
  const inputs: RankingInput[] = [
    btForm('I', 'so-noi-vu', 480),
    btForm('I', 'so-tu-phap', 460),
    btForm('I', 'so-tai-chinh', 460, { file: 'nop/=cmd|calc.xlsx' }),
    btForm('I', 'so-xay-dung', 400, { received: '2019-09-23' }),
    btForm('I', '', 300, { unitName: HOSTILE[0], file: 'nop/la.xlsx' }),
    btForm('II', 'van-phong-ubnd-tinh', 400, { appraisals: { '1.1': { points: 0 } } }),
    btForm('III', '', 470, { unitName: HOSTILE[1], file: 'nop/b.xlsx' }),
    btForm('III', '', 300, { unitName: HOSTILE[2], file: 'nop/c.xlsx' }),
    btForm('IV', 'tp-phan-thiet', 450),
    btForm('IV', '', 449.99, { unitName: HOSTILE[3], file: 'nop/d.xlsx' }),
    form(bt, 'IV', 'tuy-phong', {
      entries: entriesWorth(annexOf(bt, 'IV'), 300),
      received: { date: '2019-09-14', source: 'mtime' },
    }),
    { file: 'nop/@hong.xlsx', failure: msg('xlsxNotZip') },
    btForm('IV', 'ham-tan', 300, {
      entries: { ...entriesWorth(annexOf(bt, 'IV'), 300), '1.5': { count: -3 } },
      file: 'nop/loi.xlsx',
    }),
  ];
  return rank(bt, inputs, { asOf: '2019-09-30' });
}
