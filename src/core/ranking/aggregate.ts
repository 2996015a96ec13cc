/**
 * Final scores: appraised points (thẩm định) replace a criterion's self points, and the annex is
 * aggregated again by the engine's own aggregateCriteria (scoring/aggregate.ts).
 */
import type { Annex } from '../rulebook/schema';
import { round2 } from '../numbers';
import { aggregateCriteria } from '../scoring/aggregate';
import type { AnnexScore } from '../scoring/types';
import type { Appraisal } from '../submission';
import { formatPoints } from '../numbers';
import type { Message } from '../../i18n';
import { message } from './text';

export interface AppraisedScore {
  score: AnnexScore;
  /** Criterion ids whose points were replaced. */
  appraised: string[];
  notes: Message[];
}

/**
 * Replace self points by appraised points where the council set a number. An appraised value outside
 * 0..max is clamped (and noted). The council's number counts even where the unit marked the
 * criterion not applicable: the criterion becomes applicable with the appraised points.
 */
export function applyAppraisals(
  annex: Annex,
  self: AnnexScore,
  appraisals: Record<string, Appraisal> = {},
): AppraisedScore {
  const appraised: string[] = [];
  const notes: Message[] = [];
  const criteria = self.criteria.map((c) => {
    const points = appraisals[c.id]?.points;
    if (typeof points !== 'number' || !Number.isFinite(points)) return c;
    appraised.push(c.id);
    const used = round2(Math.min(c.max, Math.max(0, points)));
    if (used !== round2(points))
      notes.push(
        message('rankAppraisalClamped', (lang) => ({
          criterion: c.id,
          points: formatPoints(points, lang),
          max: formatPoints(c.max, lang),
          used: formatPoints(used, lang),
        })),
      );
    return { ...c, points: used, notApplicable: false, pending: false };
  });
  if (!appraised.length) return { score: self, appraised, notes };
  return { score: { ...aggregateCriteria(annex, criteria), criteria }, appraised, notes };
}

export { aggregateCriteria };
