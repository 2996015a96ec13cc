/**
 * Flat criteria tables as units and provinces exchange them (one row per criterion: Mã, Chỉ tiêu, Nhóm,
 * Điểm tối đa; a filled one adds Tự đánh giá, Thẩm định, Minh chứng/Ghi chú) → a rulebook, or a unit's
 * entries and appraisals for a form. Pure: the hosts read the CSV or .xlsx into rows.
 *
 * What such tables do that the reader absorbs: the header is found by its names (Vietnamese or English,
 * any order, below a title); cells hold several lines and stray spaces; ids run to three levels and are
 * ordered naturally (4.2 < 4.10 < 4.22.11); a row whose id is the prefix of others (4.22 above 4.22.1)
 * or that has no maximum is a heading, not a criterion. Everything it cannot use is a located error.
 */
import { msg, t, type Lang, type Message, type MessageKey, type Params } from '../i18n';
import { parseRulebook } from '../core/rulebook/load';
import type { Annex, Assumption, Provenance, Rulebook, RulebookInput } from '../core/rulebook/schema';
import type { Entries } from '../core/scoring/types';
import type { Appraisal } from '../form/types';
import { columnLetter } from './layout';
import type { AuthoringError } from './compile';

/** A table row as read: `row` is the number a person sees (sheet row, or the CSV line it starts on). */
export interface TableRow {
  row: number;
  cells: unknown[];
}

export type Field =
  | 'id'
  | 'title'
  | 'group'
  | 'max'
  | 'guidance'
  | 'self'
  | 'appraisal'
  | 'evidence'
  | 'note'
  | 'appraisalNote';

/** Header names, folded (no diacritics, no spaces or punctuation, parentheses dropped). */
const HEADERS: Record<Field, string[]> = {
  id: ['ma', 'maso', 'machitieu', 'matieuchi', 'machiso', 'stt', 'sott', 'tt', 'id', 'code', 'no', 'number'],
  title: [
    'chitieu',
    'tieuchi',
    'chiso',
    'chisothanhphan',
    'noidung',
    'tenchitieu',
    'tentieuchi',
    'tenchiso',
    'noidungtieuchi',
    'criterion',
    'criteria',
    'indicator',
    'subindex',
    'title',
  ],
  group: [
    'nhom',
    'nhomtieuchi',
    'nhomchitieu',
    'nhomchiso',
    'chisochinh',
    'linhvuc',
    'group',
    'criteriagroup',
    'mainindex',
  ],
  max: ['diemtoida', 'toida', 'diemchuan', 'thangdiem', 'max', 'maximum', 'maxpoints', 'maximumpoints'],
  guidance: ['huongdan', 'cachtinh', 'cachcham', 'huongdancham', 'cachtinhdiem', 'guidance'],
  self: [
    'tudanhgia',
    'diemtudanhgia',
    'tucham',
    'diemtucham',
    'self',
    'selfassessment',
    'selfscore',
    'selfassessed',
  ],
  appraisal: ['thamdinh', 'diemthamdinh', 'ketquathamdinh', 'appraisal', 'appraised', 'appraisedpoints'],
  evidence: ['minhchung', 'minhchungghichu', 'tailieukiemchung', 'evidence', 'evidencenotes'],
  note: ['ghichu', 'lydo', 'note', 'notes', 'reason'],
  appraisalNote: ['ykienthamdinh', 'nhanxetthamdinh', 'appraisalnote', 'appraisalremarks'],
};

/** How far down a title block may push the header row. */
const HEADER_SEARCH_ROWS = 30;

function foldHeader(v: unknown): string {
  return String(v ?? '')
    .replace(/\([^)]*\)/g, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A cell as text: line breaks and runs of spaces become one space, NFC, trimmed. */
export function cellLine(v: unknown): string {
  return v === undefined || v === null ? '' : String(v).normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A cell as text keeping its lines (evidence, notes), each line trimmed. */
function cellLines(v: unknown): string {
  if (v === undefined || v === null) return '';
  return String(v)
    .normalize('NFC')
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

/** 10, "10", "10,5", "10.5", " 7 " → number; anything else undefined. */
function cellNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const s = cellLine(v).replace(/\s/g, '');
  if (!/^-?\d+(?:[.,]\d+)?$/.test(s)) return undefined;
  return Number(s.replace(',', '.'));
}

/** An id as written: numbers as typed, a trailing dot dropped ("4.2." → "4.2"). */
function cellId(v: unknown): string {
  return cellLine(v).replace(/\s/g, '').replace(/\.+$/, '');
}

/** Group headings numbered in Roman numerals (I, II, …, XII). */
const ROMAN = /^[IVXLC]+$/;
/** The total row at the bottom: "Tổng cộng", "Tổng điểm", "Total". */
const isTotalTitle = (title: string) =>
  ['tong', 'tongcong', 'tongdiem', 'tongso', 'total', 'grandtotal'].includes(foldHeader(title));

/** Natural order of dotted ids: 4.2 < 4.10 < 4.22.11; segments compared as numbers where they are. */
export function compareIds(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const c = as[i].localeCompare(bs[i], 'en', { numeric: true });
    if (c) return c;
  }
  return as.length - bs.length;
}

interface Header {
  row: number;
  columns: Partial<Record<Field, number>>;
  /** The header cells as written, for messages. */
  names: unknown[];
}

function bi(key: MessageKey, params: Params | ((lang: Lang) => Params) = {}): Message {
  const p = typeof params === 'function' ? params : () => params;
  return { vi: t('vi', key, p('vi')), en: t('en', key, p('en')) };
}

/** The first row (within the first rows) that names every `required` field. */
export function findHeader(rows: TableRow[], required: Field[]): Header | undefined {
  for (const r of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const columns: Partial<Record<Field, number>> = {};
    r.cells.forEach((cell, c) => {
      const f = foldHeader(cell);
      const field = (Object.keys(HEADERS) as Field[]).find((k) => HEADERS[k].includes(f));
      if (field && columns[field] === undefined) columns[field] = c;
    });
    if (required.every((f) => columns[f] !== undefined)) return { row: r.row, columns, names: r.cells };
  }
  return undefined;
}

/** The error a table without a recognisable header gets: the names each needed column may carry. */
function noHeader(sheet: string, required: Field[]): AuthoringError {
  const wanted = (lang: Lang) => required.map((f) => t(lang, FIELD_LABEL[f])).join('; ');
  return {
    sheet,
    row: 0,
    column: '',
    message: bi('tableNoHeader', (lang) => ({ sheet, columns: wanted(lang) })),
  };
}

const FIELD_LABEL: Record<Field, MessageKey> = {
  id: 'tableColId',
  title: 'tableColTitle',
  group: 'tableColGroup',
  max: 'tableColMax',
  guidance: 'tableColGuidance',
  self: 'tableColSelf',
  appraisal: 'tableColAppraisal',
  evidence: 'tableColEvidence',
  note: 'tableColNote',
  appraisalNote: 'tableColAppraisalNote',
};

/** Reads the body rows under a header and collects located errors. */
class Reader {
  readonly errors: AuthoringError[] = [];
  constructor(
    readonly sheet: string,
    readonly header: Header,
  ) {}
  get(r: TableRow, f: Field): unknown {
    const c = this.header.columns[f];
    return c === undefined ? undefined : r.cells[c];
  }
  has(f: Field): boolean {
    return this.header.columns[f] !== undefined;
  }
  fail(r: TableRow, f: Field, key: MessageKey, params: Params = {}): void {
    const c = this.header.columns[f] ?? 0;
    const column = columnLetter(c + 1);
    const name = cellLine(this.header.names[c]) || column;
    this.errors.push({
      sheet: this.sheet,
      row: r.row,
      column,
      message: bi(key, { ...params, sheet: this.sheet, row: r.row, column, header: name }),
    });
  }
  body(rows: TableRow[]): TableRow[] {
    return rows.filter((r) => r.row > this.header.row && r.cells.some((c) => cellLine(c) !== ''));
  }
}

export interface TableRulebookOptions {
  id: string;
  title: string;
  province: string;
  /** Absent: the province stands for it, as an assumption. */
  issuer?: string;
  decision: { number: string; date: string };
  provenance: Provenance;
  /** The file the table came from, named in the sources. */
  source: string;
}

export type TableResult<T> = { ok: true; value: T } | { ok: false; errors: AuthoringError[] };

interface Draft {
  id: string;
  title: string;
  max: number;
  guidance: string;
  group: string;
  row: TableRow;
}

/** The criteria rows of a table: headings set the group of the rows below them. */
function readCriteria(reader: Reader, rows: TableRow[]): Draft[] {
  const body = reader.body(rows);
  const ids = body.map((r) => cellId(reader.get(r, 'id'))).filter((id) => id !== '');
  const isParent = (id: string) => ids.some((other) => other.startsWith(`${id}.`));
  const drafts: Draft[] = [];
  const seen = new Map<string, number>();
  const hasRoman = ids.some((id) => ROMAN.test(id));
  let heading = '';
  let totalRow: { row: TableRow; max: number | undefined } | undefined;
  for (const r of body) {
    const id = cellId(reader.get(r, 'id'));
    const title = cellLine(reader.get(r, 'title'));
    const maxCell = cellLine(reader.get(r, 'max'));
    if (!id && isTotalTitle(title)) {
      totalRow = { row: r, max: cellNumber(reader.get(r, 'max')) };
      continue;
    }
    if (id && (isParent(id) || ROMAN.test(id))) {
      // A heading: "I. HẠ TẦNG SỐ", "1 | Hạ tầng số" above 1.1, 1.2, or 4.22 above 4.22.1; its maximum is a subtotal.
      // Roman-numbered headings, where the table has them, name the groups; else the top-level numbers do.
      if (!reader.has('group') && !id.includes('.') && (ROMAN.test(id) || !hasRoman)) heading = title;
      continue;
    }
    if (maxCell === '') {
      // A row without a maximum heads the rows below it (when no column names the group).
      if (!reader.has('group') && title) heading = title;
      else if (id) reader.fail(r, 'max', 'tableBadMax', { value: '', id });
      continue;
    }
    if (!id) {
      reader.fail(r, 'id', 'tableNoId', { title });
      continue;
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) {
      reader.fail(r, 'id', 'tableBadId', { id });
      continue;
    }
    const max = cellNumber(reader.get(r, 'max'));
    if (max === undefined || max <= 0) {
      reader.fail(r, 'max', 'tableBadMax', { value: maxCell, id });
      continue;
    }
    if (seen.has(id)) {
      reader.fail(r, 'id', 'tableDuplicateId', { id, other: seen.get(id)! });
      continue;
    }
    seen.set(id, r.row);
    if (!title) {
      reader.fail(r, 'title', 'tableNoTitle', { id });
      continue;
    }
    const group = (reader.has('group') ? cellLine(reader.get(r, 'group')) : heading) || heading;
    drafts.push({ id, title, max, guidance: cellLines(reader.get(r, 'guidance')), group, row: r });
  }
  checkGroupsStay(reader, drafts);
  const sum = round6(drafts.reduce((s, d) => s + d.max, 0));
  if (totalRow?.max !== undefined && !reader.errors.length && Math.abs(totalRow.max - sum) > 1e-6)
    reader.fail(totalRow.row, 'max', 'tableTotalMismatch', { total: totalRow.max, sum });
  return drafts;
}

/** Ids sharing their first segment (4.1, 4.22.11) belong to one group: a change halfway is an error. */
function checkGroupsStay(reader: Reader, drafts: Draft[]): void {
  const groupOf = new Map<string, { group: string; row: number }>();
  for (const d of drafts) {
    if (!d.id.includes('.')) continue;
    const prefix = d.id.split('.')[0];
    const first = groupOf.get(prefix);
    if (!first) groupOf.set(prefix, { group: d.group, row: d.row.row });
    else if (first.group !== d.group)
      reader.fail(d.row, reader.has('group') ? 'group' : 'id', 'tableGroupChanged', {
        id: d.id,
        prefix,
        group: d.group || '—',
        first: first.group || '—',
        other: first.row,
      });
  }
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function assumption(what: MessageKey, why: MessageKey, params: Params = {}): Assumption {
  return { what: msg(what, params), why: msg(why, params) };
}

/** A rulebook of one annex from a criteria table; every criterion is entered as points (rule manual). */
export function tableToRulebook(
  rows: TableRow[],
  sheet: string,
  options: TableRulebookOptions,
): TableResult<Rulebook> {
  const required: Field[] = ['id', 'title', 'max'];
  const header = findHeader(rows, required);
  if (!header) return { ok: false, errors: [noHeader(sheet, required)] };
  const reader = new Reader(sheet, header);
  const drafts = readCriteria(reader, rows);
  if (reader.errors.length) return { ok: false, errors: reader.errors };
  if (!drafts.length)
    return {
      ok: false,
      errors: [
        { sheet, row: header.row, column: '', message: bi('tableNoCriteria', { sheet, row: header.row }) },
      ],
    };

  const groupTitles = [...new Set(drafts.map((d) => d.group))];
  const groups = groupTitles.map((title, i) => ({
    code: String(i + 1),
    title: title || t('vi', 'tableDefaultGroup'),
    criteria: drafts
      .filter((d) => d.group === title)
      .sort((a, b) => compareIds(a.id, b.id))
      .map((d) => ({
        id: d.id,
        title: d.title,
        ...(d.guidance ? { guidance: d.guidance } : {}),
        max: d.max,
        rule: { type: 'manual' as const },
        provenance: options.provenance,
      })),
  }));
  const annex: RulebookInput['annexes'][number] = {
    code: 'I',
    title: options.title,
    appliesTo: options.title,
    max: round6(drafts.reduce((s, d) => s + d.max, 0)),
    bands: [{ label: t('vi', 'tableBandNone'), labelEn: t('en', 'tableBandNone'), min: 0 }],
    rankingGroup: 'I',
    groups,
  };
  const assumptions = [
    assumption('tableAssumeBands', 'tableAssumeBandsWhy'),
    assumption('tableAssumeSchedule', 'tableAssumeScheduleWhy'),
  ];
  if (!options.issuer)
    assumptions.push(assumption('tableAssumeIssuer', 'tableAssumeIssuerWhy', { province: options.province }));
  const input: RulebookInput = {
    id: options.id,
    version: options.decision.number,
    title: options.title,
    province: options.province,
    issuer: options.issuer ?? options.province,
    decision: options.decision,
    sources: [t('vi', 'tableSource', { file: options.source })],
    ...(options.provenance === 'reconstructed'
      ? { reconstructedFrom: msg('tableSource', { file: options.source }) }
      : {}),
    annexes: [annex as Annex],
    schedule: {
      deadlines: [{ annexes: ['I'], date: '--12-31' }],
      dataWindow: { start: '--01-01', end: '--12-31' },
    },
    assumptions,
  };
  try {
    return { ok: true, value: parseRulebook(input, options.source) };
  } catch (e) {
    // The options (id, dates) are what can still be wrong here: the table's own cells were checked above.
    return {
      ok: false,
      errors: [
        {
          sheet,
          row: 0,
          column: '',
          message: (e as { reason?: Message }).reason ?? msg('tableInvalid', { detail: String(e) }),
        },
      ],
    };
  }
}

export interface TablePrefill {
  entries: Entries;
  appraisals: Record<string, Appraisal>;
  /** The table's own sums: self-scores, and appraisals (the self-score where a row has none). */
  selfTotal: number;
  appraisedTotal: number | null;
}

/** A unit's filled table → the entries and appraisals of a form of `annex` (criteria entered as points). */
export function tableToPrefill(rows: TableRow[], sheet: string, annex: Annex): TableResult<TablePrefill> {
  const header = findHeader(rows, ['id', 'self']);
  if (!header) return { ok: false, errors: [noHeader(sheet, ['id', 'self'])] };
  const reader = new Reader(sheet, header);
  const criteria = new Map(annex.groups.flatMap((g) => g.criteria).map((c) => [c.id, c]));
  const out: TablePrefill = { entries: {}, appraisals: {}, selfTotal: 0, appraisedTotal: null };
  const seen = new Map<string, number>();
  let appraised = 0;
  for (const r of reader.body(rows)) {
    const id = cellId(reader.get(r, 'id'));
    const c = criteria.get(id);
    if (!c) {
      // Headings (groups, 4.22 above 4.22.1) are not criteria; a row with a self-score must be one.
      const heading = id
        ? ROMAN.test(id) || [...criteria.keys()].some((k) => k.startsWith(`${id}.`))
        : isTotalTitle(cellLine(reader.get(r, 'title')));
      if (cellLine(reader.get(r, 'self')) !== '' && !heading)
        reader.fail(r, 'id', 'tableUnknownCriterion', { id: id || '—', annex: annex.code });
      continue;
    }
    if (seen.has(id)) {
      reader.fail(r, 'id', 'tableDuplicateId', { id, other: seen.get(id)! });
      continue;
    }
    seen.set(id, r.row);
    if (c.rule.type !== 'manual') {
      reader.fail(r, 'self', 'tableNotPoints', { id });
      continue;
    }
    const self = points(reader, r, 'self', id, c.max);
    const appraisal = points(reader, r, 'appraisal', id, c.max);
    const entry: Entries[string] = {};
    if (self !== undefined) entry.points = self;
    const evidence = cellLines(reader.get(r, 'evidence'));
    const note = cellLines(reader.get(r, 'note'));
    if (evidence) entry.evidence = evidence;
    if (note) entry.reason = note;
    if (Object.keys(entry).length) out.entries[id] = entry;
    const remark = cellLines(reader.get(r, 'appraisalNote'));
    if (appraisal !== undefined || remark)
      out.appraisals[id] = {
        ...(appraisal !== undefined ? { points: appraisal } : {}),
        ...(remark ? { note: remark } : {}),
      };
    out.selfTotal += self ?? 0;
    if (appraisal !== undefined) appraised++;
    if (appraisal !== undefined || self !== undefined)
      out.appraisedTotal = (out.appraisedTotal ?? 0) + (appraisal ?? self ?? 0);
  }
  if (reader.errors.length) return { ok: false, errors: reader.errors };
  out.selfTotal = round6(out.selfTotal);
  out.appraisedTotal = appraised && out.appraisedTotal !== null ? round6(out.appraisedTotal) : null;
  return { ok: true, value: out };
}

/** A points cell: blank → undefined; not a number, negative or above the maximum → a located error. */
function points(
  reader: Reader,
  r: TableRow,
  f: 'self' | 'appraisal',
  id: string,
  max: number,
): number | undefined {
  const text = cellLine(reader.get(r, f));
  if (text === '') return undefined;
  const n = cellNumber(reader.get(r, f));
  if (n === undefined || n < 0) reader.fail(r, f, 'tableBadPoints', { id, value: text });
  else if (n > max + 1e-9) reader.fail(r, f, 'tableAboveMax', { id, value: text, max });
  else return n;
  return undefined;
}

/** CSV records or sheet rows as TableRows (sheet rows are 0-based; people count from 1). */
export function sheetTableRows(rows: unknown[][]): TableRow[] {
  const out: TableRow[] = [];
  rows.forEach((cells, i) => {
    if (cells) out.push({ row: i + 1, cells: Array.from(cells) });
  });
  return out;
}
