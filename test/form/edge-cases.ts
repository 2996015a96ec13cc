/** Hand-made forms on the edges of the arithmetic: band thresholds, binary noise, rescaling, all N/A. */
import type { Entries } from '../../src/core/scoring/types';
import { makeRulebook } from '../helpers/rulebooks';

const manual = (id: string, max: number, extra: object = {}) => ({
  id,
  title: `Tiêu chí ${id}`,
  max,
  rule: { type: 'manual' as const },
  provenance: 'official' as const,
  ...extra,
});
const percent = (id: string, max: number) => ({
  id,
  title: `Tỷ lệ ${id}`,
  max,
  rule: { type: 'ratio' as const, mode: 'percent' as const },
  provenance: 'official' as const,
});

/** Max 60; bands Tốt ≥ 54, Khá ≥ 42. */
export const edgeRulebook = makeRulebook({ id: 'edge-rb' }, [
  manual('1.1', 10),
  manual('1.2', 10),
  manual('2.1', 10, { notApplicableAllowed: true }),
  manual('3.1', 20, { notApplicableAllowed: true }),
  percent('3.2', 10),
]);

export const edgeCases: [string, Entries][] = [
  [
    'exactly on the top band',
    {
      '1.1': { points: 10 },
      '1.2': { points: 4 },
      '2.1': { points: 10 },
      '3.1': { points: 20 },
      '3.2': { percent: 1 },
    },
  ],
  [
    '0.01 below it',
    {
      '1.1': { points: 9.99 },
      '1.2': { points: 4 },
      '2.1': { points: 10 },
      '3.1': { points: 20 },
      '3.2': { percent: 1 },
    },
  ],
  [
    'decimals that add up with binary noise',
    {
      '1.1': { points: 7.1 },
      '1.2': { points: 7.2 },
      '2.1': { points: 6.7 },
      '3.1': { points: 21 },
      '3.2': { percent: 0 },
    },
  ],
  [
    'a percent whose product is just under a half hundredth',
    { '3.2': { percent: 0.285 }, '1.1': { points: 1.005 } },
  ],
  [
    'one criterion not applicable: rescaled',
    {
      '1.1': { points: 7.33 },
      '1.2': { points: 3.01 },
      '2.1': { na: 'Có', points: 10 },
      '3.1': { points: 13.13 },
      '3.2': { percent: 0.3333 },
    },
  ],
  [
    'a rescale that lands on a half hundredth',
    { '1.1': { points: 0.02 }, '3.1': { na: 'x' }, '2.1': { na: 'Không' } },
  ],
  [
    'every optional criterion not applicable',
    {
      '1.1': { points: 4.5 },
      '1.2': { points: 4.5 },
      '2.1': { na: 1 },
      '3.1': { na: 'có' },
      '3.2': { percent: 0.875 },
    },
  ],
  ['blank form', {}],
];
