/**
 * readSubmission: the values of a form's defined names (read by either host) → a Submission in the
 * engine's shape. Pure. Names are mapped back to criteria through the rulebook's annex, so a name of
 * another layout or an unknown name is simply not read.
 */
import type { Annex, Rulebook } from '../core/rulebook/schema';
import { annexCriteria, findAnnex } from '../core/rulebook/load';
import { formAnnex } from '../core/rulebook/applies';
import { ruleInputs } from '../core/rulebook/inputs';
import { parseNumber } from '../core/numbers';
import { score } from '../core/scoring/score';
import type { CriterionEntry, Entries } from '../core/scoring/types';
import type { Appraisal, FormMeta, Submission } from './types';
import { criterionInputNames, formName } from './names';

export { metaRows, metaFromRows, metaSheetRows, layoutFromRows } from './meta';

/** A cell's value as an entry: blank cells (and whitespace-only text) are left out. */
function entryValue(v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' && v.trim() === '') return undefined;
  return v;
}

/**
 * The entries as the sheet's formulas see them: a text in a number cell counts 0 there (N()), while
 * the engine reads "2,5" as 2.5. A cached result that matches either reading is not an alteration.
 */
function asSheetSees(annex: Annex, entries: Entries): Entries {
  const out: Entries = {};
  for (const { criterion } of annexCriteria(annex)) {
    const entry = entries[criterion.id];
    if (!entry) continue;
    const copy: CriterionEntry = { ...entry };
    for (const spec of ruleInputs(criterion)) {
      const v = copy[spec.key];
      if (spec.kind !== 'yesNo' && typeof v !== 'number' && typeof v !== 'boolean') delete copy[spec.key];
      if (spec.kind === 'yesNo' && typeof v === 'string' && v !== v.trim()) copy[spec.key] = v.trim();
    }
    out[criterion.id] = copy;
  }
  return out;
}

function sameNumber(cell: unknown, expected: number): boolean {
  return typeof cell === 'number' && Math.abs(cell - expected) < 1e-9;
}

const sameText = (cell: unknown, expected: string) => typeof cell === 'string' && cell.normalize('NFC').trim() === expected.normalize('NFC').trim();

/**
 * `values`: defined name → cell value (IN_, REASON_, EVIDENCE_, APPR_, APPRNOTE_, PT_, GR_, TOTAL,
 * BAND). `hasFormula` (optional, from a file reader): a computed cell that lost its formula and was
 * emptied is reported too; otherwise an empty computed cell means "not calculated yet" and is skipped.
 */
export function readSubmission(rb: Rulebook, meta: FormMeta, values: Record<string, unknown>, hasFormula?: Record<string, boolean>): Submission {
  const annex = formAnnex(rb, findAnnex(rb, meta.annex), meta.unitId);
  const entries: Entries = {};
  const appraisals: Record<string, Appraisal> = {};
  for (const { criterion: c } of annexCriteria(annex)) {
    const entry: CriterionEntry = {};
    for (const { name, key } of criterionInputNames(c)) {
      const v = entryValue(values[name]);
      if (v !== undefined) entry[key] = v;
    }
    const reason = entryValue(values[formName.reason(c.id)]);
    if (reason !== undefined) entry.reason = reason;
    const evidence = entryValue(values[formName.evidence(c.id)]);
    if (evidence !== undefined) entry.evidence = evidence;
    if (Object.keys(entry).length) entries[c.id] = entry;

    const appraisal: Appraisal = {};
    const points = parseNumber(entryValue(values[formName.appraisal(c.id)]));
    if (points !== undefined && Number.isFinite(points)) appraisal.points = points;
    const note = entryValue(values[formName.appraisalNote(c.id)]);
    if (note !== undefined) appraisal.note = String(note);
    if (appraisal.points !== undefined || appraisal.note !== undefined) appraisals[c.id] = appraisal;
  }

  // Computed cells: the engine's value counts; a cached value that no reading of the entries explains
  // is an alteration (a formula overwritten by a typed constant).
  const engine = score(annex, entries);
  const sheet = score(annex, asSheetSees(annex, entries));
  const altered: Submission['altered'] = [];
  const check = (name: string, expected: number | string, alsoOk: number | string) => {
    const cell = values[name];
    if (entryValue(cell) === undefined && hasFormula?.[name] !== false) return;
    const ok = typeof expected === 'number' ? sameNumber(cell, expected) || sameNumber(cell, alsoOk as number) : sameText(cell, expected) || sameText(cell, alsoOk as string);
    if (!ok) altered.push({ name, cellValue: cell ?? null, expected });
  };
  engine.criteria.forEach((c, i) => check(formName.points(c.id), c.points, sheet.criteria[i].points));
  engine.groups.forEach((g, i) => check(formName.group(g.code), g.points, sheet.groups[i].points));
  check(formName.total, engine.total, sheet.total);
  check(formName.band, engine.band.label, sheet.band.label);
  return { meta, entries, appraisals, altered };
}

