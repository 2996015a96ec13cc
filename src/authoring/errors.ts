/**
 * Error mapping of the authoring compiler: where each part of the assembled rulebook came from, and the
 * zod schema's remaining complaints turned into errors at that sheet, row and column, in both languages.
 */
import { t, type Lang, type Message } from '../i18n';
import {
  ANNEX_COLUMNS,
  ASSUMPTION_COLUMNS,
  AWARD_COLUMNS,
  BAND_COLUMNS,
  CRITERIA_COLUMNS,
  HEADER_ROWS,
  INFO_ITEMS,
  MILESTONE_COLUMNS,
  PILLAR_COLUMNS,
  SCHEDULE_ITEMS,
  UNIT_COLUMNS,
  columnLetter,
  type ColumnDef,
  type ItemDef,
  type SheetKey,
} from './layout';
import { bi, type SheetReader } from './cells';
import { RULE_PARAMS } from './rule-cells';

/** The row each part of the assembled rulebook came from, to point a schema complaint at its cell. */
export interface Locator {
  annex: number[];
  band: number[][];
  pillar: number[][];
  group: number[][];
  criterion: number[][][];
  unit: number[];
  award: number[];
  assumption: number[];
  milestone: number[];
  items: Map<string, number[]>;
}

export const newLocator = (): Locator => ({
  annex: [],
  band: [],
  pillar: [],
  group: [],
  criterion: [],
  unit: [],
  award: [],
  assumption: [],
  milestone: [],
  items: new Map(),
});

/** The schema's complaints about the assembled rulebook, each reported at the cell its value came from. */
export function reportSchemaIssues(
  c: SheetReader,
  loc: Locator,
  issues: { path: PropertyKey[]; code: string; message: string }[],
): void {
  for (const issue of issues) {
    const where = locate(loc, issue.path as (string | number)[]);
    c.report(
      where.sheet,
      where.row,
      where.col,
      where.header,
      bi('awSchema', (lang) => ({ detail: zodDetail(issue, lang) })),
    );
  }
}

type Place = { sheet: SheetKey; row: number; col: string; header: Message };
type Path = (string | number)[];

/** A column of a table sheet; the header row when the row is not known. */
function tableCol(sheet: SheetKey, defs: ColumnDef[], row: number | undefined, key: string): Place {
  const def = defs.find((d) => d.key === key) ?? defs[0];
  return {
    sheet,
    row: row ?? HEADER_ROWS + 1,
    col: columnLetter(defs.indexOf(def) + 1),
    header: bi(def.header),
  };
}

/** The value (B) or extra (C) cell of a key/value sheet's item. */
function itemCol(
  sheet: SheetKey,
  items: ItemDef[],
  key: string,
  row: number | undefined,
  column: 'value' | 'extra' = 'value',
): Place {
  const def = items.find((i) => i.key === key) ?? items[0];
  return { sheet, row: row ?? HEADER_ROWS + 1, col: column === 'value' ? 'B' : 'C', header: bi(def.label) };
}

const RULE_FIELD_COLUMNS: Record<string, string> = {
  type: 'ruleType',
  mode: 'ratioMode',
  question: 'label',
  valueLabel: 'label',
  itemLabel: 'label',
};

/** The criteria-sheet column of a criterion's field (`rule.mode`, `evidence.label`…). */
function criterionColumn(field: string, sub: string | number | undefined): string {
  if (field === 'rule')
    return RULE_FIELD_COLUMNS[String(sub)] ?? (RULE_PARAMS.includes(String(sub)) ? String(sub) : 'ruleType');
  if (field === 'evidence') return sub === 'label' ? 'evidenceLabel' : 'evidenceRequired';
  return field === 'reasonRequiredBelowMax' ? 'reasonRequired' : field;
}

/** annexes[i]…: the annex row, a band row, a group heading or a criterion row. */
function locateAnnex(loc: Locator, i: number, rest: Path): Place {
  if (rest[0] === 'groups' && typeof rest[1] === 'number') {
    const g = rest[1];
    if (rest[2] === 'criteria' && typeof rest[3] === 'number') {
      const key = criterionColumn(String(rest[4] ?? 'id'), rest[5]);
      return tableCol('criteria', CRITERIA_COLUMNS, loc.criterion[i]?.[g]?.[rest[3]], key);
    }
    const key = rest[2] === 'title' ? 'groupTitle' : 'groupCode';
    return tableCol('criteria', CRITERIA_COLUMNS, loc.group[i]?.[g], key);
  }
  if (rest[0] === 'pillars') {
    // A complaint about the pillars as a whole (a group in none) points at the annex's first pillar.
    const p = typeof rest[1] === 'number' ? rest[1] : 0;
    const key = typeof rest[1] === 'number' ? String(rest[2] ?? 'code') : 'groups';
    return tableCol('pillars', PILLAR_COLUMNS, loc.pillar[i]?.[p], key);
  }
  if (rest[0] === 'bands' && typeof rest[1] === 'number')
    return tableCol('bands', BAND_COLUMNS, loc.band[i]?.[rest[1]], String(rest[2] ?? 'label'));
  return tableCol('annexes', ANNEX_COLUMNS, loc.annex[i], String(rest[0] ?? 'code'));
}

/** schedule.milestones[m]…: a row of "Mốc thời gian". */
function locateMilestone(loc: Locator, m: number, field: unknown, sub: unknown): Place {
  const key =
    field === 'after'
      ? sub === 'workingDays'
        ? 'workingDays'
        : 'after'
      : field === 'note'
        ? sub === 'en'
          ? 'noteEn'
          : 'note'
        : String(field ?? 'id');
  return tableCol('milestones', MILESTONE_COLUMNS, loc.milestone[m], key);
}

/** schedule.… other than milestones: an item of "Thời hạn". */
function locateSchedule(loc: Locator, i: string | number | undefined, rest: Path): Place {
  if (i === 'deadlines')
    return itemCol(
      'schedule',
      SCHEDULE_ITEMS,
      'deadline',
      loc.items.get('deadline')?.[Number(rest[0]) || 0],
      rest[1] === 'annexes' ? 'extra' : 'value',
    );
  if (i === 'dataWindow') {
    const key =
      rest[0] === 'end' ? 'windowEnd' : rest[0] === 'startPreviousYear' ? 'startPreviousYear' : 'windowStart';
    return itemCol('schedule', SCHEDULE_ITEMS, key, loc.items.get(key)?.[0]);
  }
  return itemCol('schedule', SCHEDULE_ITEMS, String(i), loc.items.get(String(i))?.[0]);
}

/** A top-level field: an item of "Thông tin". */
function locateInfo(
  loc: Locator,
  head: string | number | undefined,
  i: string | number | undefined,
  rest: Path,
) {
  const key =
    head === 'sources'
      ? 'source'
      : head === 'reconstructedFrom' && i === 'en'
        ? 'reconstructedFromEn'
        : String(head);
  const rows = loc.items.get(`info.${key}`);
  const row = typeof i === 'number' ? rows?.[i] : rows?.[0];
  const column = (typeof i === 'number' ? rest[0] : i) === 'date' ? 'extra' : 'value';
  return itemCol('info', INFO_ITEMS, key, row, column);
}

/** A zod issue's path → the sheet, row and column the value came from. */
function locate(loc: Locator, path: Path): Place {
  const [head, i, ...rest] = path;
  if (head === 'annexes' && typeof i === 'number') return locateAnnex(loc, i, rest);
  if (head === 'units' && typeof i === 'number')
    return tableCol('units', UNIT_COLUMNS, loc.unit[i], String(rest[0] ?? 'id'));
  if (head === 'awards' && typeof i === 'number')
    return tableCol('awards', AWARD_COLUMNS, loc.award[i], String(rest[0] ?? 'annexes'));
  if (head === 'assumptions' && typeof i === 'number') {
    const key =
      rest[0] === 'annexes' ? 'annexes' : `${String(rest[0] ?? 'what')}${rest[1] === 'en' ? 'En' : ''}`;
    return tableCol('assumptions', ASSUMPTION_COLUMNS, loc.assumption[i], key);
  }
  if (head === 'schedule' && i === 'milestones' && typeof rest[0] === 'number')
    return locateMilestone(loc, rest[0], rest[1], rest[2]);
  if (head === 'policies')
    return itemCol('schedule', SCHEDULE_ITEMS, String(i), loc.items.get(String(i))?.[0]);
  if (head === 'schedule') return locateSchedule(loc, i, rest);
  return locateInfo(loc, head, i, rest);
}

/** zod's complaint in words; the common ones in both languages, the rest in zod's English. */
function zodDetail(
  issue: { code: string; message: string; minimum?: unknown; origin?: string; inclusive?: boolean },
  lang: Lang,
): string {
  if (issue.code === 'too_small' && issue.origin === 'number')
    return t(lang, issue.inclusive ? 'awZodMinInclusive' : 'awZodMinExclusive', {
      min: String(issue.minimum),
    });
  if (issue.code === 'too_small' && issue.origin === 'array')
    return t(lang, 'awZodTooFew', { min: String(issue.minimum) });
  if (issue.code === 'too_small' && issue.origin === 'string') return t(lang, 'awRequired');
  if (issue.code === 'invalid_type') return t(lang, 'awZodType');
  if (issue.code === 'invalid_format') return t(lang, 'awZodFormat', { detail: issue.message });
  return issue.message;
}
