/**
 * Compile: the cells of an authoring workbook → a rulebook, or every error found, each naming its
 * sheet, row and column in Vietnamese and English. Pure: workbook.ts reads the .xlsx into grids.
 *
 * The checks here cover what a person typing an official text gets wrong (unknown rule type, a word
 * where a number belongs, unreadable steps, a repeated id, criteria that do not add up to the annex
 * maximum, an annex used but not defined); the zod schema runs last and its remaining complaints are
 * mapped back to the row and column they came from (errors.ts). The sheets are read by cells.ts; the
 * annexes by compile-annexes.ts, the timetable by compile-schedule.ts, each rule by rule-cells.ts.
 */
import { Rulebook as RulebookSchema, type Rulebook } from '../core/rulebook/schema';
import { contentHash, parseRulebook } from '../core/rulebook/load';
import { t } from '../i18n';
import {
  ASSUMPTION_COLUMNS,
  AWARD_COLUMNS,
  CRITERIA_COLUMNS,
  INFO_COLUMNS,
  INFO_ITEMS,
  UNIT_COLUMNS,
} from './layout';
import { AWARD_TIES, LEVELS, PROVENANCES, parseDate, splitList } from './notation';
import {
  SheetReader,
  bi,
  cellText,
  type AuthoringError,
  type Obj,
  type Table,
  type TableRow,
  type WorkbookGrids,
} from './cells';
import { newLocator, reportSchemaIssues, type Locator } from './errors';
import {
  annexOf,
  assembleAnnexes,
  checkAnnexes,
  readAnnexes,
  readBands,
  readCriteria,
  readPillars,
  type Annexes,
} from './compile-annexes';
import { readSchedule, type ItemEntry } from './compile-schedule';

export { sheetName } from './cells';
export type { AuthoringError, CellValue, Grid, WorkbookGrids } from './cells';

export type CompileResult =
  { ok: true; rulebook: Rulebook; version: string; hash: string } | { ok: false; errors: AuthoringError[] };

const RULEBOOK_ID = /^[a-z0-9][a-z0-9-]*$/;
const UNIT_ID = /^[A-Za-z0-9_-]+$/;

export function compileRulebook(grids: WorkbookGrids): CompileResult {
  const c = new SheetReader(grids);
  const loc = newLocator();

  // Criteria first: an empty template gets one clear message rather than a page of missing fields.
  const criteria = c.table('criteria', CRITERIA_COLUMNS, true);
  if (criteria && criteria.rows.length === 0) {
    c.report(
      'criteria',
      criteria.firstDataRow,
      'A',
      bi('awColAnnex'),
      bi('awNoCriteria', { row: criteria.firstDataRow }),
    );
    return { ok: false, errors: c.errors };
  }
  const annexes = readAnnexes(c);
  readBands(c, annexes);
  readCriteria(c, criteria, annexes);
  checkAnnexes(c, criteria, annexes);
  readPillars(c, annexes);
  const units = readUnits(c, annexes, loc);
  const awards = readAwards(c, annexes, loc);
  const assumptions = readAssumptions(c, annexes, loc);
  const { schedule, policies } = readSchedule(c, annexes.byCode, loc);
  const top = readInfo(c, loc);
  const annexList = assembleAnnexes(annexes, loc);
  const input = { ...top, annexes: annexList, units, schedule, policies, awards, assumptions };
  return finish(c, loc, input);
}

/** The schema checks what the sheets did not; a rulebook only when no error was found at all. */
function finish(c: SheetReader, loc: Locator, input: Obj): CompileResult {
  if (c.errors.length) return { ok: false, errors: c.errors };
  const result = RulebookSchema.safeParse(input);
  if (!result.success) {
    reportSchemaIssues(c, loc, result.error.issues);
    return { ok: false, errors: c.errors };
  }
  const rulebook = parseRulebook(input, 'workbook');
  return { ok: true, rulebook, version: rulebook.version, hash: contentHash(rulebook) };
}

/** The rows of "Đơn vị"; a parent or a unit merged into must be a unit of the sheet. */
function readUnits(c: SheetReader, annexes: Annexes, loc: Locator): Obj[] {
  const units: Obj[] = [];
  const unitRows = new Map<string, number>();
  const table = c.table('units', UNIT_COLUMNS, false);
  const parents: { row: number; parent: string; key?: 'mergedInto' }[] = [];
  for (const r of table?.rows ?? []) {
    const id = c.text(table!, r, 'id', true);
    if (id !== undefined && !UNIT_ID.test(id)) c.at(table!, r.row, 'id', bi('awBadUnitId', { value: id }));
    if (id !== undefined && unitRows.has(id))
      c.at(table!, r.row, 'id', bi('awDuplicateUnit', { id, other: unitRows.get(id)! }));
    else if (id !== undefined) unitRows.set(id, r.row);
    units.push(readUnit(c, annexes, table!, r, id, parents));
    loc.unit.push(r.row);
  }
  for (const p of parents)
    if (!unitRows.has(p.parent))
      c.at(table!, p.row, p.key ?? 'parent', bi('awUnknownParent', { parent: p.parent }));
  return units;
}

function readUnit(
  c: SheetReader,
  annexes: Annexes,
  t0: Table,
  r: TableRow,
  id: string | undefined,
  parents: { row: number; parent: string; key?: 'mergedInto' }[],
): Obj {
  const a = annexOf(c, annexes, t0, r, 'annex');
  const unit: Obj = {
    id,
    name: c.text(t0, r, 'name', true),
    aliases: splitList(c.text(t0, r, 'aliases') ?? ''),
    annex: a ? a.input.code : cellText(r.get('annex')),
  };
  const level = c.choice(t0, r, 'level', LEVELS, false);
  if (level) unit.level = level;
  const parent = c.text(t0, r, 'parent');
  if (parent !== undefined) {
    unit.parent = parent;
    parents.push({ row: r.row, parent });
  }
  unit.provenance = c.choice(t0, r, 'provenance', PROVENANCES, false) ?? 'official';
  const type = c.text(t0, r, 'type');
  if (type !== undefined) unit.type = type;
  for (const key of ['validFrom', 'validTo'] as const) {
    const date = c.date(t0, r, key);
    if (date !== undefined) unit[key] = date;
  }
  const mergedInto = c.text(t0, r, 'mergedInto');
  if (mergedInto !== undefined) {
    unit.mergedInto = mergedInto;
    parents.push({ row: r.row, parent: mergedInto, key: 'mergedInto' });
  }
  return unit;
}

/** The rows of "Khen thưởng": each names annexes of the rulebook and a band they have. */
function readAwards(c: SheetReader, annexes: Annexes, loc: Locator): Obj[] {
  const awards: Obj[] = [];
  const table = c.table('awards', AWARD_COLUMNS, false);
  for (const r of table?.rows ?? []) {
    const t0 = table!;
    const codes = splitList(c.text(t0, r, 'annexes', true) ?? '');
    const band = c.text(t0, r, 'band', true);
    for (const code of codes) {
      const a = annexes.byCode.get(code);
      if (!a) c.at(t0, r.row, 'annexes', bi('awUndefinedAnnex', { annex: code, sheet: c.nameOf('annexes') }));
      else if (band !== undefined && !a.bands.some((b) => b.label === band))
        c.at(t0, r.row, 'band', bi('awAwardUnknownBand', { annex: code, band }));
    }
    const award: Obj = {
      annexes: codes,
      topN: c.number(t0, r, 'topN', { required: true, positive: true, whole: true }),
      band,
    };
    const ties = c.choice(t0, r, 'ties', AWARD_TIES, false);
    if (ties) award.ties = ties;
    const source = c.text(t0, r, 'source', false);
    if (source) award.source = source;
    awards.push(award);
    loc.award.push(r.row);
  }
  return awards;
}

/** The rows of "Giả định". */
function readAssumptions(c: SheetReader, annexes: Annexes, loc: Locator): Obj[] {
  const assumptions: Obj[] = [];
  const table = c.table('assumptions', ASSUMPTION_COLUMNS, false);
  for (const r of table?.rows ?? []) {
    const t0 = table!;
    // Assumptions are shown to everyone in both languages: an English text missing is an error of its own.
    const english = (key: string) => {
      const s = c.text(t0, r, key);
      if (s === undefined) c.at(t0, r.row, key, bi('awNoEnglish'));
      return s;
    };
    const assumption: Obj = {
      what: { vi: c.text(t0, r, 'what', true), en: english('whatEn') },
      why: { vi: c.text(t0, r, 'why', true), en: english('whyEn') },
    };
    const list = c.text(t0, r, 'annexes');
    if (list !== undefined) {
      const codes = splitList(list);
      for (const code of codes)
        if (!annexes.byCode.has(code))
          c.at(t0, r.row, 'annexes', bi('awUndefinedAnnex', { annex: code, sheet: c.nameOf('annexes') }));
      assumption.annexes = codes;
    }
    assumptions.push(assumption);
    loc.assumption.push(r.row);
  }
  return assumptions;
}

/** The rulebook's identity and sources from "Thông tin". */
function readInfo(c: SheetReader, loc: Locator): Obj {
  const info = c.items('info', INFO_COLUMNS, INFO_ITEMS);
  const top: Obj = {};
  if (!info.table) return top;
  const it = info.table;
  const list = (key: string) => info.found.get(key) ?? [];
  const required = (key: string) => {
    const e = list(key)[0];
    if (e) return c.itemText(it, e);
    const def = INFO_ITEMS.find((i) => i.key === key)!;
    c.itemAt(
      it,
      it.firstDataRow,
      def,
      'value',
      bi('awMissingItem', (lang) => ({ item: t(lang, def.label) })),
    );
    return undefined;
  };
  for (const [key, rows] of info.found)
    loc.items.set(
      `info.${key}`,
      rows.map((e) => e.row.row),
    );
  top.id = required('id');
  if (typeof top.id === 'string' && !RULEBOOK_ID.test(top.id))
    c.itemAt(it, list('id')[0].row.row, list('id')[0].def, 'value', bi('awBadRulebookId', { value: top.id }));
  top.title = required('title');
  top.province = required('province');
  top.issuer = required('issuer');
  const decision = (e: ItemEntry) => ({
    number: c.itemText(it, e),
    date: c.itemParsed(it, e, 'extra', parseDate),
  });
  const d = list('decision')[0];
  if (d) top.decision = decision(d);
  else required('decision');
  const version = list('version')[0] ? c.itemText(it, list('version')[0], 'value', false) : undefined;
  // Without a version of its own, a rulebook is known by the decision that issued it.
  top.version = version ?? (top.decision as { number?: string } | undefined)?.number;
  top.supersedes = list('supersedes').map(decision);
  top.amendedBy = list('amendedBy').map(decision);
  top.sources = list('source').map((e) => c.itemText(it, e));
  const notes = list('notes').map((e) => cellText(e.row.get('value')) ?? '');
  if (notes.length) top.notes = notes.join('\n');
  const formTitle = list('formTitle')[0];
  if (formTitle) top.formTitle = c.itemText(it, formTitle);
  readReconstructedFrom(c, it, list, top);
  return top;
}

/** What reconstructed criteria are modelled on is printed in both languages: both rows or neither. */
function readReconstructedFrom(
  c: SheetReader,
  it: Table,
  list: (key: string) => ItemEntry[],
  top: Obj,
): void {
  const [vi, en] = [list('reconstructedFrom')[0], list('reconstructedFromEn')[0]];
  if (vi && en) top.reconstructedFrom = { vi: c.itemText(it, vi), en: c.itemText(it, en) };
  else if (vi || en) {
    const missing = INFO_ITEMS.find((d) => d.key === (vi ? 'reconstructedFromEn' : 'reconstructedFrom'))!;
    const present = (vi ?? en)!;
    c.itemAt(
      it,
      present.row.row,
      present.def,
      'value',
      bi('awNeedsOtherItem', (lang) => ({ item: t(lang, missing.label) })),
    );
  }
}
