/**
 * Cross-checks: each reference figure against what the unit reported in the form that counts for it,
 * listing every difference beyond the tolerance with the points the reference value would give. A
 * reference never changes a score: the council decides, and records its decision as an appraisal.
 */
import type { Criterion } from '../rulebook/schema';
import { ruleInputs } from '../rulebook/inputs';
import { inputValue, rawPoints, isNotApplicable, peerRange } from '../scoring/score';
import type { CriterionEntry } from '../scoring/types';
import { parseNumber, round2 } from '../numbers';
import type { Ranking, RankingEntry, RankingInput, RankingTable } from '../ranking/types';
import type { Submission } from '../submission';
import { msg, type Message } from '../../i18n';
import type { ReferenceFigure } from './reference';

export interface CrossCheck {
  /** Where the figure is in the reference table. */
  line: number;
  annex: string;
  unitId: string;
  unitName: string;
  criterion: string;
  input: string;
  /** The input's label in the rulebook, when it has one. */
  inputLabel?: string;
  reported: number;
  reference: number;
  /** reported − reference */
  difference: number;
  source: string;
  /** The criterion's points from the unit's own figure (self-score). */
  reportedPoints: number;
  /** The points the reference figure would give, everything else as the unit entered it. */
  referencePoints: number;
}

export interface CrossCheckResult {
  checks: CrossCheck[];
  /** Figures compared with a counted form (within the tolerance or not). */
  compared: number;
  /** Figures for units without a counted form: located, in both languages. */
  problems: Message[];
  /** The tolerance used, as a fraction of the reference value (0: any difference). */
  tolerance: number;
}

/** Beyond the tolerance: more than `tolerance` × |reference| apart (binary noise aside); 0 lists any difference. */
export function beyondTolerance(reported: number, reference: number, tolerance: number): boolean {
  return Math.abs(reported - reference) > tolerance * Math.abs(reference) + 1e-9;
}

const counts = (e: RankingEntry) => e.status === 'ranked' || e.status === 'late';
const placed = (e: RankingEntry) => e.rank !== undefined && e.status !== 'missing';

interface Counted {
  table: RankingTable;
  entry: RankingEntry;
  submission: Submission;
}

/** The submission of an entry: its file's form of the same annex (the unit's own when a file holds several). */
export function submissionOf(
  inputs: RankingInput[],
  table: RankingTable,
  entry: RankingEntry,
): Submission | undefined {
  const forms = inputs.flatMap((i) =>
    i.file === entry.file && 'submission' in i && i.submission.meta.annex === table.annex
      ? [i.submission]
      : [],
  );
  return forms.find((s) => s.meta.unitId === entry.unitId) ?? forms[0];
}

/**
 * What a relativeToBest criterion is scored against among the placed units (those marking it N/A left
 * out), with one unit's value replaced: the best, and the lowest for a min–max criterion.
 */
function peerRangeWith(
  c: Criterion,
  peers: Counted[],
  unitId: string,
  value: number,
): { best?: number; lowest?: number } {
  const spec = ruleInputs(c)[0];
  const values = peers
    .filter((p) => !isNotApplicable(c, p.submission.entries[c.id]))
    .map((p) =>
      p.entry.unitId === unitId ? value : inputValue(spec, p.submission.entries[c.id]?.[spec.key]),
    )
    .filter((v) => Number.isFinite(v));
  return peerRange(c.rule.type === 'relativeToBest' ? c.rule.normalise : undefined, values);
}

function pointsWith(
  c: Criterion,
  entry: CriterionEntry | undefined,
  key: string,
  value: number,
  peers: Counted[],
  unitId: string,
): number {
  if (isNotApplicable(c, entry)) return 0;
  const range = c.rule.type === 'relativeToBest' ? peerRangeWith(c, peers, unitId, value) : {};
  return round2(rawPoints(c, { ...entry, [key]: value }, range.best, range.lowest));
}

/** A tolerance as typed: "5%", "5" or "2,5%" (percent of the reference value, 0–100) → a fraction; undefined when not one. */
export function parseTolerance(text: string): number | undefined {
  const n = parseNumber(text.trim().replace(/%$/, ''));
  return n === undefined || Number.isNaN(n) || n < 0 || n > 100 ? undefined : n / 100;
}

export function crossCheck(
  ranking: Ranking,
  inputs: RankingInput[],
  figures: ReferenceFigure[],
  tolerance = 0,
): CrossCheckResult {
  const counted = new Map<string, Counted>();
  const peersOf = new Map<string, Counted[]>();
  for (const table of ranking.tables)
    for (const entry of table.entries) {
      if (!counts(entry)) continue;
      const submission = submissionOf(inputs, table, entry);
      if (!submission) continue;
      const c = { table, entry, submission };
      counted.set(entry.unitId, c);
      if (placed(entry)) peersOf.set(table.annex, [...(peersOf.get(table.annex) ?? []), c]);
    }
  const checks: CrossCheck[] = [];
  const problems: Message[] = [];
  let compared = 0;
  for (const f of figures) {
    const unit = counted.get(f.unit.id);
    if (!unit) {
      problems.push(msg('crossNoForm', { line: f.line, unit: f.unit.name, criterion: f.criterion.id }));
      continue;
    }
    compared++;
    const entry = unit.submission.entries[f.criterion.id];
    const reported = inputValue(f.input, entry?.[f.input.key]);
    if (!beyondTolerance(reported, f.value, tolerance)) continue;
    checks.push({
      line: f.line,
      annex: unit.table.annex,
      unitId: unit.entry.unitId,
      unitName: unit.entry.unitName,
      criterion: f.criterion.id,
      input: f.input.key,
      ...(f.input.label ? { inputLabel: f.input.label } : {}),
      reported,
      reference: f.value,
      difference: Math.round((reported - f.value) * 1e9) / 1e9,
      source: f.source,
      reportedPoints: unit.entry.selfCriteria[f.criterion.id] ?? 0,
      referencePoints: pointsWith(
        f.criterion,
        entry,
        f.input.key,
        f.value,
        peersOf.get(unit.table.annex) ?? [],
        unit.entry.unitId,
      ),
    });
  }
  return { checks, compared, problems, tolerance };
}
