/**
 * The score report of one annex (`scorecard score`, and each form of `scorecard check`): totals,
 * breakdown and issues as JSON, or as lines for the terminal.
 */
import { assumptionsFor, indexOf, type Annex, type Rulebook } from '../core/rulebook';
import { provisionalOf, type AnnexScore, type Issue, type Severity } from '../core/scoring';
import { formatPoints } from '../core/numbers';
import { bilingual, msg, t } from '../i18n';

const SEVERITY_LABEL = { error: 'severityError', todo: 'severityTodo', warning: 'severityWarning' } as const;

export interface ScoreReport {
  rulebook: string;
  annex: string;
  total: number;
  /** total ÷ the maximum of the unit's criteria, 4 decimals (the index the DTI publishes). */
  index: number;
  band: string;
  groups: { code: string; title: string; points: number; max: number }[];
  criteria: { id: string; points: number; max: number; notApplicable?: boolean; pending?: boolean }[];
  issues: {
    criterion: string;
    field: string;
    code: string;
    severity: string;
    message: string;
    messageEn: string;
  }[];
  /** Present while the entries hold errors (values that cannot be right): total and band are provisional. */
  provisional?: { errors: number };
  /** Present when criteria are completed at consolidation: the final total lies in min..max. */
  finalRange?: { min: number; max: number };
  /** The rulebook's assumptions for this annex: where it chooses what its decision does not say. */
  assumptions: { what: string; whatEn: string; why: string; whyEn: string }[];
}

export function scoreReport(rb: Rulebook, annex: Annex, result: AnnexScore, issues: Issue[]): ScoreReport {
  const provisional = provisionalOf(issues);
  return {
    rulebook: rb.id,
    annex: annex.code,
    total: result.total,
    index: indexOf(result.total, annex.max),
    band: result.band.label,
    groups: result.groups.map(({ code, title, points, max }) => ({ code, title, points, max })),
    criteria: result.criteria.map((c) => ({
      id: c.id,
      points: c.points,
      max: c.max,
      ...(c.notApplicable ? { notApplicable: true } : {}),
      ...(c.pending ? { pending: true } : {}),
    })),
    issues: issues.map((i) => ({
      criterion: i.criterion,
      field: i.field,
      code: i.code,
      severity: i.severity,
      message: i.message.vi,
      messageEn: i.message.en,
    })),
    ...(provisional ? { provisional } : {}),
    ...(result.finalRange ? { finalRange: result.finalRange } : {}),
    assumptions: assumptionsFor(rb, annex).map((a) => ({
      what: a.what.vi,
      whatEn: a.what.en,
      why: a.why.vi,
      whyEn: a.why.en,
    })),
  };
}

/** The human-readable breakdown: Vietnamese labels first, English after a slash. */
export function formatReport(report: ScoreReport, annex: Annex): string {
  const both = (key: Parameters<typeof t>[1]) => `${t('vi', key)} / ${t('en', key)}`;
  const lines = [`${report.rulebook} · ${annex.label ?? `Phụ lục ${annex.code}`}: ${annex.title}`, ''];
  const unscored = new Set(annex.groups.filter((g) => g.scored === false).map((g) => g.code));
  for (const g of report.groups)
    lines.push(
      `  ${g.code}. ${g.title}`.padEnd(70) +
        `${formatPoints(g.points)} / ${formatPoints(g.max)}${unscored.has(g.code) ? ` (${both('formNotScored')})` : ''}`,
    );
  const band = annex.bands.find((b) => b.label === report.band);
  const errors = report.provisional
    ? ` (${bilingual(msg('cliProvisionalErrors', { count: report.provisional.errors }))})`
    : '';
  lines.push(
    '',
    `${both('cliTotal')}: ${formatPoints(report.total)} / ${formatPoints(annex.max)}${errors}`,
    `${both('cliIndex')}: ${report.index.toFixed(4).replace('.', ',')}`,
    `${both('cliBand')}: ${report.band}${band ? ` (${band.labelEn})` : ''}${errors}`,
  );
  const pending = report.criteria.filter((c) => c.pending);
  const range = report.finalRange;
  if (range) {
    const params = (lang: 'vi' | 'en') => ({
      ids: pending.map((c) => c.id).join(', '),
      min: formatPoints(range.min, lang),
      max: formatPoints(range.max, lang),
    });
    lines.push(
      `(${bilingual({ vi: t('vi', 'cliFinalRange', params('vi')), en: t('en', 'cliFinalRange', params('en')) })})`,
    );
  } else if (pending.length) lines.push(`(${pending.map((c) => c.id).join(', ')}: ${both('cliPending')})`);
  lines.push('', `${both('cliIssues')}:`);
  if (!report.issues.length) lines.push(`  ${both('cliNoIssues')}`);
  for (const i of report.issues)
    lines.push(
      `  [${both(SEVERITY_LABEL[i.severity as Severity])}] ${bilingual({ vi: i.message, en: i.messageEn })}`,
    );
  if (report.assumptions.length) lines.push('', `${both('assumptionsHeading')}:`);
  report.assumptions.forEach((a, n) =>
    lines.push(
      `  ${n + 1}. ${t('vi', 'assumptionLine', { what: a.what, why: a.why })}`,
      `     ${t('en', 'assumptionLine', { what: a.whatEn, why: a.whyEn })}`,
    ),
  );
  return lines.join('\n');
}
