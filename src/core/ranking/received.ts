/**
 * Received dates: the date on the incoming official letter, from a manifest the ICT department keeps
 * (CSV or JSON: file, received date). Parsing is lenient about what a spreadsheet export produces
 * (BOM, `,` `;` or tab separators, quotes, Vietnamese or English headers, dd/mm/yyyy dates) and
 * reports every row it cannot use instead of guessing.
 */
import { msg, type Message } from '../../i18n';
import { localDate, parseDate } from './dates';
import type { ReceivedDate } from './types';

export interface ReceivedManifest {
  /** File base name (as written, NFC) → 'yyyy-mm-dd'. */
  entries: Map<string, string>;
  problems: Message[];
}

/** The file name without its folders (both / and \ separators), NFC. */
export function fileBaseName(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).normalize('NFC').trim();
}

/** The received date of a file: its base name looked up exactly, then ignoring case. */
export function receivedFor(entries: ReadonlyMap<string, string>, file: string): string | undefined {
  const base = fileBaseName(file);
  const exact = entries.get(base);
  if (exact) return exact;
  const lower = base.toLowerCase();
  for (const [name, date] of entries) if (name.toLowerCase() === lower) return date;
  return undefined;
}

/**
 * The received date of a submitted file: the date in the user's manifest (the incoming official letter),
 * else, only when the caller passes it because the user asked, the file's modification time (stat's
 * mtime on the command line, File.lastModified in the pane); else none: lateness is then not judged.
 */
export function receivedFrom(
  file: string,
  manifest: ReceivedManifest | undefined,
  modified: Date | undefined,
): ReceivedDate | undefined {
  const listed = manifest && receivedFor(manifest.entries, file);
  if (listed) return { date: listed, source: 'manifest' };
  return modified && !Number.isNaN(modified.getTime())
    ? { date: localDate(modified), source: 'mtime' }
    : undefined;
}

/** Header text folded for matching: no diacritics, đ → d, lower case, letters and digits only. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const FILE_HEADERS = [
  'file',
  'filename',
  'tep',
  'teptin',
  'taptin',
  'tentep',
  'tentaptin',
  'tentep tin',
  'ten',
  'name',
  'path',
].map(fold);
const DATE_HEADERS = [
  'received',
  'receiveddate',
  'datereceived',
  'date',
  'ngaynhan',
  'ngay',
  'ngayden',
  'ngaynhanvanban',
  'ngayvanbanden',
].map(fold);

function isFileHeader(h: string): boolean {
  const f = fold(h);
  return FILE_HEADERS.includes(f) || f.startsWith('file') || f.startsWith('tep');
}
function isDateHeader(h: string): boolean {
  const f = fold(h);
  return DATE_HEADERS.includes(f) || f.startsWith('received') || f.startsWith('ngaynhan');
}

/** RFC 4180 fields with `sep`; quotes may hold separators, doubled quotes and line breaks. */
export function csvRows(text: string, sep: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ cells, line: rowLine });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    rows.push({ cells, line: rowLine });
  }
  return rows
    .map((r) => ({ ...r, cells: r.cells.map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
}

/** The separator that splits the first line into most fields (outside quotes): ; , or tab. */
export function detectSeparator(firstLine: string): string {
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((sep) => ({ sep, n: unquoted.split(sep).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].sep : ',';
}

function add(result: ReceivedManifest, file: string, rawDate: unknown, where: string | number): void {
  const name = fileBaseName(file);
  if (!name) {
    result.problems.push(msg('manifestNoFile', { line: where }));
    return;
  }
  const date = typeof rawDate === 'string' ? parseDate(rawDate) : undefined;
  if (!date) {
    result.problems.push(
      msg('manifestBadDate', {
        line: where,
        file: name,
        value: rawDate === undefined ? '' : String(rawDate),
      }),
    );
    return;
  }
  const before = result.entries.get(name);
  if (before && before !== date)
    result.problems.push(msg('manifestConflict', { line: where, file: name, date, before }));
  result.entries.set(name, date);
}

function parseCsv(text: string, result: ReceivedManifest): void {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const rows = csvRows(text, detectSeparator(firstLine));
  if (!rows.length) return;
  const header = rows[0].cells;
  let fileCol = header.findIndex(isFileHeader);
  let dateCol = header.findIndex((h, i) => i !== fileCol && isDateHeader(h));
  let body = rows.slice(1);
  if (fileCol < 0 || dateCol < 0) {
    // No header we recognise: accept a headerless "file, date" list, else say which columns we need.
    if (header.length >= 2 && parseDate(header[1])) {
      fileCol = 0;
      dateCol = 1;
      body = rows;
    } else {
      result.problems.push(msg('manifestNoColumns', { header: header.join(' | ') }));
      return;
    }
  }
  for (const row of body) add(result, row.cells[fileCol] ?? '', row.cells[dateCol] ?? '', row.line);
}

function parseJson(text: string, result: ReceivedManifest): void {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    result.problems.push(msg('manifestBadJson', { reason: e instanceof Error ? e.message : String(e) }));
    return;
  }
  if (Array.isArray(json)) {
    json.forEach((item, i) => {
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        result.problems.push(msg('manifestBadItem', { line: i + 1 }));
        return;
      }
      const keys = Object.keys(item);
      const fileKey = keys.find(isFileHeader);
      const dateKey = keys.find((k) => k !== fileKey && isDateHeader(k));
      const rec = item as Record<string, unknown>;
      if (!fileKey || !dateKey || typeof rec[fileKey] !== 'string')
        result.problems.push(msg('manifestBadItem', { line: i + 1 }));
      else add(result, rec[fileKey] as string, rec[dateKey], i + 1);
    });
  } else if (json && typeof json === 'object') {
    for (const [file, date] of Object.entries(json)) add(result, file, date, file);
  } else result.problems.push(msg('manifestBadItem', { line: 1 }));
}

/**
 * A CSV text as trimmed records with the line each starts on (BOM dropped, separator detected, quoted
 * fields may hold line breaks); blank records are left out. Shared with the criteria-table import.
 */
export function parseCsvRecords(text: string): { cells: string[]; line: number }[] {
  const body = text.replace(/^\uFEFF/, '');
  // A title line above the header has no separator: the first line that has one decides.
  const lines = body.split(/\r?\n/).filter((l) => l.trim() !== '');
  const firstLine = lines.find((l) => /[;,\t]/.test(l.replace(/"[^"]*"/g, ''))) ?? lines[0] ?? '';
  return csvRows(body, detectSeparator(firstLine));
}

/** Read a received-dates manifest; rows it cannot use are reported in `problems` and skipped. */
export function parseReceivedManifest(text: string, format: 'csv' | 'json'): ReceivedManifest {
  const result: ReceivedManifest = { entries: new Map(), problems: [] };
  const body = text.replace(/^\uFEFF/, '');
  if (format === 'json') parseJson(body, result);
  else parseCsv(body, result);
  return result;
}
