/**
 * Cross-checks as the command line shows them: the `crossChecks` of `rank --json` and the lines after
 * the ranking table. Pure.
 */
import type { CrossCheckResult } from '../core/crosscheck/compare';
import { sourceName } from '../core/crosscheck/reference';
import { formatPoints } from '../core/numbers';
import { t, type Lang } from '../i18n';

export interface CrossCheckJson {
  line: number;
  annex: string;
  unit: string;
  unitId: string;
  criterion: string;
  input: string;
  reported: number;
  reference: number;
  difference: number;
  source: string;
  reportedPoints: number;
  referencePoints: number;
}

export interface CrossChecksJson {
  crossChecks: CrossCheckJson[];
  /** The tolerance in percent of the reference value (0: any difference), and how many figures were compared. */
  crossCheckSummary: {
    tolerancePercent: number;
    compared: number;
    warnings: { message: string; messageEn: string }[];
  };
}

export function crossChecksJson(
  result: CrossCheckResult,
  warnings: { vi: string; en: string }[] = [],
): CrossChecksJson {
  return {
    crossChecks: result.checks.map((c) => ({
      line: c.line,
      annex: c.annex,
      unit: c.unitName,
      unitId: c.unitId,
      criterion: c.criterion,
      input: c.input,
      reported: c.reported,
      reference: c.reference,
      difference: c.difference,
      source: c.source,
      reportedPoints: c.reportedPoints,
      referencePoints: c.referencePoints,
    })),
    crossCheckSummary: {
      tolerancePercent: Math.round(result.tolerance * 1e8) / 1e6,
      compared: result.compared,
      warnings: warnings.map((w) => ({ message: w.vi, messageEn: w.en })),
    },
  };
}

/** The tolerance as the user reads it: "5%", or "none (every difference is listed)". */
export function toleranceText(tolerance: number, lang: Lang): string {
  return tolerance > 0 ? `${formatPoints(tolerance * 100, lang)}%` : t(lang, 'crossAny');
}

/** The cross-checks as text lines, Vietnamese then English. */
export function crossChecksText(result: CrossCheckResult): string {
  const lines: string[] = [];
  for (const lang of ['vi', 'en'] as const) {
    const tolerance = toleranceText(result.tolerance, lang);
    if (!result.checks.length) {
      lines.push(t(lang, 'crossTextNone', { tolerance, count: result.compared }));
      continue;
    }
    lines.push(t(lang, 'crossTextHeading', { tolerance, count: result.checks.length }));
    for (const c of result.checks)
      lines.push(
        `  ${t(lang, 'crossTextLine', {
          unit: c.unitName,
          criterion: c.criterion,
          input: c.input,
          reported: formatPoints(c.reported, lang),
          reference: formatPoints(c.reference, lang),
          source: sourceName(c.source, lang),
          selfPoints: formatPoints(c.reportedPoints, lang),
          referencePoints: formatPoints(c.referencePoints, lang),
        })}`,
      );
  }
  return lines.join('\n');
}
