/**
 * readSubmission: the values of a form's defined names (read by either host) → a Submission in the
 * engine's shape. Pure. Names are mapped back to criteria through the rulebook's annex, so a name of
 * another layout or an unknown name is simply not read.
 */
import type { Rulebook } from '../core/rulebook/schema';
import { annexCriteria, findAnnex } from '../core/rulebook/load';
import { formAnnex, indexOf } from '../core/rulebook/applies';
import { ruleInputs } from '../core/rulebook/inputs';
import { parseNumber } from '../core/numbers';
import { provisionalOf, score } from '../core/scoring/score';
import { validate } from '../core/scoring/validate';
import type { AnnexScore, CriterionEntry, Entries } from '../core/scoring/types';
import type { Appraisal, FormMeta, Submission } from './types';
import { criterionInputNames, formName } from './names';
import { legacyScore } from './legacy';

export { metaRows, metaFromRows, metaSheetRows, layoutFromRows } from './meta';

/** A cell's value as an entry: blank cells (and whitespace-only text) are left out. */
function entryValue(v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' && v.trim() === '') return undefined;
  return v;
}

/** Excel's and LibreOffice's TRIM: only the ASCII space is trimmed (not tabs, not non-breaking spaces). */
const sheetTrim = (s: string) => s.replace(/^ +| +$/g, '');

/**
 * An input cell's value as the engine must see it to agree with the formulas. Blank is what TRIM(cell)=""
 * says: empty or ASCII spaces only. A text in a number cell becomes a SheetText (counted 0, reported with
 * its cell): the formulas read numbers through N()/ISNUMBER(), which see no number in any text in Excel
 * and LibreOffice alike, whatever LibreOffice's text-to-number conversion setting. A yes/no answer stays
 * text, unless it carries characters TRIM keeps and the engine's reading would drop (a non-breaking space):
 * then it is a SheetText too, neither yes nor no, as on the sheet.
 */
function inputCellValue(v: unknown, yesNo: boolean, address: string | undefined): unknown {
  if (typeof v !== 'string') return entryValue(v);
  if (sheetTrim(v) === '') return undefined;
  if (yesNo && sheetTrim(v) === v.trim()) return v;
  // The cell a message names: its A1 address without sheet and $ (only text cells need one).
  const cell = address?.replace(/\$/g, '').replace(/^.*!/, '');
  return cell ? { sheetText: v, cell } : { sheetText: v };
}
function sameNumber(cell: unknown, expected: number): boolean {
  return typeof cell === 'number' && Math.abs(cell - expected) < 1e-9;
}

const sameText = (cell: unknown, expected: string) =>
  typeof cell === 'string' && cell.normalize('NFC').trim() === expected.normalize('NFC').trim();

/**
 * `values`: defined name → cell value (IN_, REASON_, EVIDENCE_, APPR_, APPRNOTE_, PT_, GR_, TOTAL,
 * BAND). `hasFormula` (optional, from a file reader): a computed cell that lost its formula and was
 * emptied is reported too; otherwise an empty computed cell means "not calculated yet" and is skipped.
 */
export function readSubmission(
  rb: Rulebook,
  formMeta: FormMeta,
  values: Record<string, unknown>,
  hasFormula?: Record<string, boolean>,
  addresses?: Record<string, string>,
): Submission {
  // A form made without a unit names its unit in the unit cell (chosen from the drop-down, or typed).
  const chosen = typeof values[formName.unit] === 'string' ? (values[formName.unit] as string).trim() : '';
  const meta =
    !formMeta.unitId && !formMeta.unitName?.trim() && chosen ? { ...formMeta, unitName: chosen } : formMeta;
  const annex = formAnnex(rb, findAnnex(rb, meta.annex), meta.unitId);
  const entries: Entries = {};
  const appraisals: Record<string, Appraisal> = {};
  for (const { criterion: c } of annexCriteria(annex)) {
    const entry: CriterionEntry = {};
    const specs = ruleInputs(c);
    for (const { name, key } of criterionInputNames(c)) {
      const yesNo = key === 'na' || specs.find((s) => s.key === key)?.kind === 'yesNo';
      const v = inputCellValue(values[name], yesNo, addresses?.[name]);
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

  // Computed cells: the engine's value counts; a cached value that neither the engine nor the formulas
  // of older forms (legacy.ts) explain is an alteration (a formula overwritten by a typed constant).
  const engine = score(annex, entries);
  // Older forms' formulas, scored only when a cell differs from the engine (almost never).
  let legacy: AnnexScore | undefined;
  const sheet = () => (legacy ??= legacyScore(annex, entries));
  const altered: Submission['altered'] = [];
  const check = (name: string, expected: number | string, alsoOk: () => number | string) => {
    const cell = values[name];
    if (entryValue(cell) === undefined && hasFormula?.[name] !== false) return;
    const same = (v: number | string) => (typeof v === 'number' ? sameNumber(cell, v) : sameText(cell, v));
    if (!same(expected) && !same(alsoOk())) altered.push({ name, cellValue: cell ?? null, expected });
  };
  engine.criteria.forEach((c, i) => check(formName.points(c.id), c.points, () => sheet().criteria[i].points));
  engine.groups.forEach((g, i) => check(formName.group(g.code), g.points, () => sheet().groups[i].points));
  check(formName.total, engine.total, () => sheet().total);
  check(formName.index, indexOf(engine.total, annex.max), () => indexOf(sheet().total, annex.max));
  check(formName.band, engine.band.label, () => sheet().band.label);
  const errors = provisionalOf(validate(annex, entries))?.errors ?? 0;
  check(formName.status, errors, () => errors);
  return { meta, entries, appraisals, altered };
}
