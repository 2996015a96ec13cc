/**
 * The summary of differences: every criterion whose appraised points differ from the unit's own,
 * and the difference per criteria group and in total. The final score is the ranking's own
 * (applyAppraisals → aggregateCriteria), so the pane, the ranking and `scorecard rank` agree.
 */
import type { Annex } from '../rulebook/schema';
import { annexCriteria } from '../rulebook/load';
import { round2 } from '../numbers';
import type { AnnexScore } from '../scoring/types';
import type { Appraisal } from '../submission';
import type { Message } from '../../i18n';
import { applyAppraisals } from '../ranking/aggregate';

export interface CriterionDifference {
  id: string;
  groupCode: string;
  title: string;
  max: number;
  self: number;
  appraised: number;
  /** appraised − self, 2 decimals */
  difference: number;
}

export interface GroupDifference {
  code: string;
  title: string;
  self: number;
  appraised: number;
  difference: number;
}

export interface AppraisalSummary {
  /** Criteria whose appraised points differ from the self-score, in form order. */
  criteria: CriterionDifference[];
  /** Every group, in form order (difference 0 where nothing changed). */
  groups: GroupDifference[];
  total: { self: number; appraised: number; difference: number };
  /** Criteria with an appraised number (equal to the self-score or not). */
  appraised: string[];
  /** Criteria of the annex not appraised yet. */
  notAppraised: string[];
  /** Values outside 0..max, clamped as the ranking clamps them. */
  notes: Message[];
}

export function summarizeAppraisal(
  annex: Annex,
  self: AnnexScore,
  appraisals: Record<string, Appraisal>,
): AppraisalSummary {
  const final = applyAppraisals(annex, self, appraisals);
  const titles = new Map(annexCriteria(annex).map(({ criterion }) => [criterion.id, criterion.title]));
  const criteria: CriterionDifference[] = [];
  self.criteria.forEach((c, i) => {
    const after = final.score.criteria[i];
    // not applicable → appraised: the unit's 0 becomes the council's number
    const before = c.notApplicable ? 0 : c.points;
    if (!final.appraised.includes(c.id) || after.points === before) return;
    criteria.push({
      id: c.id,
      groupCode: c.groupCode,
      title: titles.get(c.id) ?? '',
      max: c.max,
      self: before,
      appraised: after.points,
      difference: round2(after.points - before),
    });
  });
  const groups = self.groups.map((g, i) => {
    const appraised = final.score.groups[i].points;
    return {
      code: g.code,
      title: g.title,
      self: g.points,
      appraised,
      difference: round2(appraised - g.points),
    };
  });
  const appraisedSet = new Set(final.appraised);
  return {
    criteria,
    groups,
    total: {
      self: self.total,
      appraised: final.score.total,
      difference: round2(final.score.total - self.total),
    },
    appraised: final.appraised,
    notAppraised: self.criteria.filter((c) => !appraisedSet.has(c.id)).map((c) => c.id),
    notes: final.notes,
  };
}
