/**
 * The annexes of a rulebook from the "Phụ lục", "Xếp loại" and "Tiêu chí" sheets: each annex with its
 * bands, its criteria groups in the order of their rows and its criteria, and the checks across them
 * (groups named, criteria and bands present, maxima adding up to the annex maximum).
 */
import type { Lang } from '../i18n';
import { ANNEX_COLUMNS, BAND_COLUMNS, PILLAR_COLUMNS } from './layout';
import { AGGREGATES, LEVELS, PROVENANCES, RANK_ONS, splitList } from './notation';
import { bi, blank, type Obj, type SheetReader, type Table, type TableRow } from './cells';
import type { Locator } from './errors';
import { RULE_PARAMS, readRule } from './rule-cells';

const CRITERION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

interface GroupDraft {
  row: number;
  title?: string;
  titleRow?: number;
  scored?: boolean;
  scoredRow?: number;
  criteria: Obj[];
  rows: number[];
}

/** An annex as its rows are read; assembled into the rulebook's annex at the end. */
export interface AnnexDraft {
  row: number;
  input: Obj;
  bands: Obj[];
  bandRows: number[];
  pillars: Obj[];
  pillarRows: number[];
  groups: Map<string, GroupDraft>;
  ids: Map<string, number>;
  maxValid: boolean;
}

/** The annexes by code, and the sheet they came from (undefined when it is missing). */
export interface Annexes {
  table: Table | undefined;
  byCode: Map<string, AnnexDraft>;
}

/** The rows of "Phụ lục", one annex each. */
export function readAnnexes(c: SheetReader): Annexes {
  const byCode = new Map<string, AnnexDraft>();
  const table = c.table('annexes', ANNEX_COLUMNS, true);
  for (const r of table?.rows ?? []) {
    const code = c.text(table!, r, 'code', true);
    if (code !== undefined && byCode.has(code)) {
      c.at(table!, r.row, 'code', bi('awDuplicateAnnex', { code, other: byCode.get(code)!.row }));
      continue;
    }
    const before = c.errors.length;
    const { input, max } = readAnnexRow(c, table!, r, code);
    if (code !== undefined)
      byCode.set(code, {
        row: r.row,
        input,
        bands: [],
        bandRows: [],
        pillars: [],
        pillarRows: [],
        groups: new Map(),
        ids: new Map(),
        maxValid: max !== undefined && c.errors.length === before,
      });
  }
  if (table && table.rows.length === 0)
    c.report('annexes', table.firstDataRow, 'A', bi('awColAnnexCode'), bi('awNoAnnexes'));
  return { table, byCode };
}

function readAnnexRow(c: SheetReader, t0: Table, r: TableRow, code: string | undefined) {
  const max = c.number(t0, r, 'max', { required: true, positive: true });
  const input: Obj = {
    code,
    title: c.text(t0, r, 'title', true),
    appliesTo: c.text(t0, r, 'appliesTo', true),
    max,
    aggregate: c.choice(t0, r, 'aggregate', AGGREGATES, false) ?? 'sum',
    rankingGroup: c.text(t0, r, 'rankingGroup', true),
  };
  const level = c.choice(t0, r, 'level', LEVELS, false);
  if (level) input.level = level;
  const label = c.text(t0, r, 'label');
  if (label !== undefined) input.label = label;
  const rankOn = c.choice(t0, r, 'rankOn', RANK_ONS, false);
  if (rankOn) input.rankOn = rankOn;
  return { input, max };
}

/** The annex a row names in column `key`; an error when "Phụ lục" does not define it. */
export function annexOf(
  c: SheetReader,
  annexes: Annexes,
  table: Table,
  r: TableRow,
  key: string,
): AnnexDraft | undefined {
  const code = c.text(table, r, key, true);
  if (code === undefined) return undefined;
  const a = annexes.byCode.get(code);
  if (!a && annexes.table)
    c.at(table, r.row, key, bi('awUndefinedAnnex', { annex: code, sheet: c.nameOf('annexes') }));
  return a;
}

/** The rows of "Xếp loại": each band goes to its annex. */
export function readBands(c: SheetReader, annexes: Annexes): void {
  const table = c.table('bands', BAND_COLUMNS, true);
  for (const r of table?.rows ?? []) {
    const a = annexOf(c, annexes, table!, r, 'annex');
    const label = c.text(table!, r, 'label', true);
    const band = {
      label,
      labelEn: c.text(table!, r, 'labelEn', true),
      min: c.number(table!, r, 'min', { required: true }),
    };
    if (!a) continue;
    const other = a.bands.findIndex((b) => b.label === label);
    if (label !== undefined && other >= 0)
      c.at(
        table!,
        r.row,
        'label',
        bi('awDuplicateBand', { band: label, annex: String(a.input.code), other: a.bandRows[other] }),
      );
    a.bands.push(band);
    a.bandRows.push(r.row);
  }
}

/**
 * The rows of "Trụ cột" (optional sheet): each pillar goes to its annex, its groups checked against the
 * annex's criteria groups (read before), its weight a positive number. Whether the pillars cover every
 * scored group, once each, is the schema's check (errors.ts points it back here).
 */
export function readPillars(c: SheetReader, annexes: Annexes): void {
  const table = c.table('pillars', PILLAR_COLUMNS, false);
  for (const r of table?.rows ?? []) {
    const a = annexOf(c, annexes, table!, r, 'annex');
    const groups = splitList(c.text(table!, r, 'groups', true) ?? '');
    const pillar = {
      code: c.text(table!, r, 'code', true),
      title: c.text(table!, r, 'title', true),
      groups,
      weight: c.number(table!, r, 'weight', { required: true, positive: true }),
    };
    if (!a) continue;
    const unknown = groups.filter((g) => !a.groups.has(g));
    if (unknown.length)
      c.at(
        table!,
        r.row,
        'groups',
        bi('awPillarUnknownGroup', {
          groups: unknown.join(', '),
          annex: String(a.input.code),
          sheet: c.nameOf('criteria'),
        }),
      );
    a.pillars.push(pillar);
    a.pillarRows.push(r.row);
  }
}

/** The group a criteria row belongs to (created on its first row), its title checked against earlier rows. */
function groupOf(
  c: SheetReader,
  t0: Table,
  r: TableRow,
  a: AnnexDraft | undefined,
  groupCode: string | undefined,
): GroupDraft | undefined {
  const groupTitle = c.text(t0, r, 'groupTitle');
  let group = a && groupCode !== undefined ? a.groups.get(groupCode) : undefined;
  if (a && groupCode !== undefined && !group) {
    group = { row: r.row, criteria: [], rows: [] };
    a.groups.set(groupCode, group);
  }
  if (group && groupTitle !== undefined) {
    if (group.title === undefined) [group.title, group.titleRow] = [groupTitle, r.row];
    else if (group.title !== groupTitle)
      c.at(
        t0,
        r.row,
        'groupTitle',
        bi('awGroupTitleConflict', {
          group: groupCode!,
          annex: String(a!.input.code),
          title: group.title,
          other: group.titleRow!,
        }),
      );
  }
  return group;
}

/** The rows of "Tiêu chí": group headings and criteria, each criterion into its annex's group. */
export function readCriteria(c: SheetReader, criteria: Table | undefined, annexes: Annexes): void {
  for (const r of criteria?.rows ?? []) {
    const t0 = criteria!;
    const a = annexOf(c, annexes, t0, r, 'annex');
    const groupCode = c.text(t0, r, 'groupCode', true);
    const group = groupOf(c, t0, r, a, groupCode);
    const isHeading = ['id', 'title', 'max', 'ruleType', ...RULE_PARAMS].every((k) => blank(r.get(k)));
    if (isHeading) continue; // a row naming a criteria group, as official annexes print them
    const criterion = readCriterion(c, t0, r, a);
    const groupScored = c.optionalYesNo(t0, r, 'groupScored');
    if (group && groupScored !== undefined) {
      if (group.scored === undefined) [group.scored, group.scoredRow] = [groupScored, r.row];
      else if (group.scored !== groupScored)
        c.at(
          t0,
          r.row,
          'groupScored',
          bi('awGroupScoredConflict', { group: groupCode!, other: group.scoredRow! }),
        );
    }
    if (group) {
      group.criteria.push(criterion);
      group.rows.push(r.row);
    }
  }
}

/** The criterion's id: well-formed and not used twice in its annex. */
function readCriterionId(c: SheetReader, t0: Table, r: TableRow, a: AnnexDraft | undefined) {
  const id = c.text(t0, r, 'id', true);
  if (id !== undefined && !CRITERION_ID.test(id))
    c.at(t0, r.row, 'id', bi('awBadCriterionId', { value: id }));
  if (a && id !== undefined) {
    if (a.ids.has(id))
      c.at(t0, r.row, 'id', bi('awDuplicateId', { id, annex: String(a.input.code), other: a.ids.get(id)! }));
    else a.ids.set(id, r.row);
  }
  return id;
}

/** One criterion row (not a heading), its fields in the order the schema lists them. */
function readCriterion(c: SheetReader, t0: Table, r: TableRow, a: AnnexDraft | undefined): Obj {
  const id = readCriterionId(c, t0, r, a);
  const max = c.number(t0, r, 'max', { required: true, positive: true });
  if (max === undefined && a) a.maxValid = false;
  const criterion: Obj = { id, title: c.text(t0, r, 'title', true) };
  const guidance = c.text(t0, r, 'guidance');
  if (guidance !== undefined) criterion.guidance = guidance;
  criterion.max = max;
  criterion.rule = readRule(c, t0, r, max);
  criterion.reasonRequiredBelowMax = c.yesNo(t0, r, 'reasonRequired', false);
  const evidenceLabel = c.text(t0, r, 'evidenceLabel');
  criterion.evidence = {
    required: c.yesNo(t0, r, 'evidenceRequired', false),
    ...(evidenceLabel !== undefined ? { label: evidenceLabel } : {}),
  };
  criterion.notApplicableAllowed = c.yesNo(t0, r, 'notApplicableAllowed', false);
  criterion.provenance = c.choice(t0, r, 'provenance', PROVENANCES, true);
  const unitTypes = splitList(c.text(t0, r, 'appliesToTypes') ?? '');
  const unitIds = splitList(c.text(t0, r, 'appliesToUnits') ?? '');
  if (unitTypes.length || unitIds.length)
    criterion.appliesTo = {
      ...(unitTypes.length ? { unitTypes } : {}),
      ...(unitIds.length ? { units: unitIds } : {}),
    };
  const scored = c.optionalYesNo(t0, r, 'scored');
  if (scored !== undefined) criterion.scored = scored;
  return criterion;
}

const fmt = (n: number, lang: Lang) => (lang === 'vi' ? String(n).replace('.', ',') : String(n));

/** Per annex: groups named, criteria present, bands present, maxima adding up. */
export function checkAnnexes(c: SheetReader, criteria: Table | undefined, annexes: Annexes): void {
  const annexTable = annexes.table;
  for (const a of annexes.byCode.values()) {
    const code = String(a.input.code);
    for (const [gc, g] of a.groups)
      if (g.title === undefined) c.at(criteria!, g.row, 'groupTitle', bi('awRequired'));
      else if (!g.criteria.length)
        c.at(criteria!, g.row, 'id', bi('awGroupNoCriteria', { group: gc, annex: code }));
    if (!a.groups.size && annexTable)
      c.at(annexTable, a.row, 'code', bi('awAnnexNoCriteria', { annex: code, sheet: c.nameOf('criteria') }));
    if (!a.bands.length && annexTable)
      c.at(annexTable, a.row, 'code', bi('awAnnexNoBands', { annex: code, sheet: c.nameOf('bands') }));
    if (annexTable) checkAnnexSum(c, annexTable, a);
  }
}

/** A summed annex's maximum counts the criteria that carry points (not those collected only). */
function checkAnnexSum(c: SheetReader, annexTable: Table, a: AnnexDraft): void {
  const all = [...a.groups.values()].flatMap((g) =>
    g.scored === false ? [] : g.criteria.filter((x) => x.scored !== false),
  );
  if (
    a.input.aggregate !== 'sum' ||
    !a.maxValid ||
    !all.length ||
    !all.every((x) => typeof x.max === 'number')
  )
    return;
  const sum = all.reduce((s, x) => s + (x.max as number), 0);
  if (Math.abs(sum - (a.input.max as number)) > 1e-9)
    c.at(
      annexTable,
      a.row,
      'max',
      bi('awSumMismatch', (lang) => ({
        annex: String(a.input.code),
        sum: fmt(sum, lang),
        max: fmt(a.input.max as number, lang),
        sheet: c.nameOf('criteria'),
      })),
    );
}

/** The annexes in the order of "Phụ lục"; groups and criteria in the order of their rows (rows noted in `loc`). */
export function assembleAnnexes(annexes: Annexes, loc: Locator): Obj[] {
  return [...annexes.byCode.values()].map((a, ai) => {
    loc.annex[ai] = a.row;
    loc.band[ai] = a.bandRows;
    loc.pillar[ai] = a.pillarRows;
    const groups = [...a.groups.entries()].map(([code, g], gi) => {
      (loc.group[ai] ??= [])[gi] = g.row;
      (loc.criterion[ai] ??= [])[gi] = g.rows;
      return {
        code,
        title: g.title,
        criteria: g.criteria,
        ...(g.scored !== undefined ? { scored: g.scored } : {}),
      };
    });
    return { ...a.input, bands: a.bands, groups, ...(a.pillars.length ? { pillars: a.pillars } : {}) };
  });
}
