/**
 * The .xlsx host, reading side: the forms of a submitted workbook, found by their defined names, or by
 * the metadata sheet's record of the names when the names were lost. Fast (it inflates only the
 * workbook, its relationships, the shared strings, the form sheets and the metadata sheets, and scans
 * them with a small targeted scanner) and safe (bounded inflation, see zip.ts; it never throws for bad
 * input and says why a file cannot be read, in Vietnamese and English).
 */
import { msg, type Message } from '../i18n';
import type { FormMeta } from '../form/types';
import { parseA1, a1, parseReference } from '../sheet/a1';
import { META_SHEET } from '../form/names';
import { nameSafe } from '../core/rulebook/load';
import { layoutFromRows, metaFromRows, SHEET_KEY } from '../form/meta';
import { rulebookFromCarrier, type CarrierResult } from '../core/rulebook/carry';
import { inflateEntry, listZip, ZipError, type ZipEntry } from './zip';
import { contractNames } from './defined-names';
import {
  attributes,
  elements,
  readCells,
  sharedStrings,
  XmlPart,
  xmlProblem,
  type CellRead,
  type SharedStrings,
} from './xml';

export interface FormRead {
  sheetName: string;
  meta: FormMeta;
  /** Defined name → cell value (cached result for formula cells; undefined when blank or not calculated). */
  values: Record<string, unknown>;
  /** Defined name → whether the cell holds a formula. */
  hasFormula: Record<string, boolean>;
  /** Defined name → A1 address on the form sheet (shared by the forms of one template: not to be changed). */
  addresses: Readonly<Record<string, string>>;
  /** `names`: found by defined names; `metadata`: names lost, addresses taken from the metadata sheet. */
  source: 'names' | 'metadata';
  /**
   * The rulebook the workbook carries (write.ts, CARRIED_RULEBOOK_SHEET), verified; `ok: false` with a
   * reason when the carrier was altered; absent when the workbook carries none (built-in forms).
   */
  carried?: CarrierResult;
}

/**
 * The very hidden sheet that carries a custom rulebook as carrierRows (docs/rulebook-authoring.md,
 * "Carrying"); written by write.ts. Its name does not start with META_SHEET, so it is never taken for
 * a metadata sheet.
 */
export const CARRIED_RULEBOOK_SHEET = '_scorecard_rulebook';

export type ReadResult = { ok: true; forms: FormRead[] } | { ok: false; reason: Message };

interface SheetInfo {
  index: number;
  name: string;
  state: string;
  path?: string;
}

const utf8 = new TextDecoder('utf-8');
/** Rows of the metadata sheet read to identify a form (FormMeta and the sheet name come first). */
const IDENTITY_ROWS = 40;

const oneOf = <T>(xs: T[]): T | undefined => (xs.length === 1 ? xs[0] : undefined);

export function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/**
 * A part that is not well-formed XML is damage (a broken save, a bad hand edit): read on, its cells
 * would silently be blank and the form would look like one with dozens of missing entries.
 */
function wellFormed(path: string, xml: string): string {
  const problem = xmlProblem(xml);
  if (problem) throw new ZipError(msg('xlsxDamagedPart', { part: path, detail: problem }));
  return xml;
}

export class Archive {
  private readonly byLower = new Map<string, ZipEntry>();
  constructor(
    private readonly bytes: Uint8Array,
    private readonly entries: Map<string, ZipEntry>,
  ) {
    for (const [name, e] of entries) this.byLower.set(name.toLowerCase(), e);
  }
  entry(path: string): ZipEntry | undefined {
    return this.entries.get(path) ?? this.byLower.get(path.toLowerCase());
  }
  text(path: string): string | undefined {
    const e = this.entry(path);
    return e && wellFormed(path, utf8.decode(inflateEntry(this.bytes, e)));
  }
  part(path: string): XmlPart | undefined {
    const e = this.entry(path);
    if (!e) return undefined;
    const part = new XmlPart(inflateEntry(this.bytes, e));
    wellFormed(path, part.s);
    return part;
  }
}

export function rels(xml: string | undefined): { id: string; type: string; target: string }[] {
  if (!xml) return [];
  return [...elements(xml, 'Relationship')].map((r) => {
    const a = attributes(r.attrs);
    return { id: a.Id ?? '', type: a.Type ?? '', target: a.Target ?? '' };
  });
}

/**
 * A metadata block: the key/value rows of one form. The .xlsx host writes one block at columns A:B;
 * the Office.js host puts the k-th form of a workbook at columns 4k (key), 4k+1 (value), 4k+2 (a link
 * formula ='<form sheet>'!$A$1 on the `sheet` row, which Excel rewrites when the sheet is renamed).
 */
interface MetaBlock {
  sheet: SheetInfo;
  col: number;
  meta: FormMeta | undefined;
  /** The form sheet's name: from the link formula when there is one, else the recorded `sheet` row. */
  formSheet: string | undefined;
  addresses: () => Record<string, string>;
}

function blocksOf(
  sheet: SheetInfo,
  cells: Map<string, CellRead>,
  all: () => Map<string, CellRead>,
): MetaBlock[] {
  const byCol = new Map<number, Map<number, CellRead>>();
  for (const [ref, cell] of cells) {
    const p = parseA1(ref);
    if (!p) continue;
    if (!byCol.has(p.col)) byCol.set(p.col, new Map());
    byCol.get(p.col)!.set(p.row, cell);
  }
  const rowsAt = (source: Map<number, Map<number, CellRead>>, col: number) =>
    [...(source.get(col)?.entries() ?? [])]
      .sort((a, b) => a[0] - b[0])
      .map(([row, key]) => [key.value, source.get(col + 1)?.get(row)?.value, row] as const);
  const blocks: MetaBlock[] = [];
  for (const [col, keys] of byCol) {
    if (![...keys.values()].some((k) => k.value === 'rulebookId')) continue;
    const rows = rowsAt(byCol, col);
    const sheetRow = rows.find(([key]) => key === SHEET_KEY);
    const link = sheetRow && byCol.get(col + 2)?.get(sheetRow[2])?.formulaText;
    const linked = link ? parseReference(link)?.sheet : undefined;
    blocks.push({
      sheet,
      col,
      meta: metaFromRows(rows),
      formSheet: linked ?? layoutFromRows(rows).sheetName,
      addresses: () => {
        const full = new Map<number, Map<number, CellRead>>();
        for (const [ref, cell] of all()) {
          const p = parseA1(ref);
          if (!p || (p.col !== col && p.col !== col + 1)) continue;
          if (!full.has(p.col)) full.set(p.col, new Map());
          full.get(p.col)!.set(p.row, cell);
        }
        return layoutFromRows(rowsAt(full, col)).addresses;
      },
    });
  }
  return blocks.sort((a, b) => a.col - b.col);
}

/**
 * The addresses recorded in the metadata, checked against the sheet: they go stale when rows are
 * inserted or deleted after the names were lost (Excel moves names, not text). Column A of each
 * criterion's first row holds the criterion's code (the PT_ row): when the codes are where they were
 * recorded the addresses stand; when they are found once each, the same number of rows away, all
 * addresses move by it (rows inserted above the table); when they moved unevenly (rows inserted inside
 * the table) the cells cannot be located.
 */
function relocate(
  addresses: Record<string, string>,
  cells: Map<string, CellRead>,
): Record<string, string> | undefined {
  const anchors = Object.entries(addresses).flatMap(([name, address]) => {
    const code = /^PT_(.+)$/.exec(name)?.[1];
    const at = parseA1(address);
    return code && at ? [{ code, row: at.row }] : [];
  });
  if (!anchors.length) return addresses;
  const rowsOf = new Map<string, number[]>();
  for (const [ref, cell] of cells) {
    const at = parseA1(ref);
    if (at?.col !== 0 || (typeof cell.value !== 'string' && typeof cell.value !== 'number')) continue;
    const code = nameSafe(String(cell.value).trim());
    rowsOf.set(code, [...(rowsOf.get(code) ?? []), at.row]);
  }
  // A code found nowhere (typed over, cleared) says nothing; one found twice elsewhere is ambiguous.
  const shifts = new Set(
    anchors.flatMap(({ code, row }) => {
      const rows = rowsOf.get(code) ?? [];
      return rows.includes(row) ? [0] : rows.length === 1 ? [rows[0] - row] : rows.length ? [NaN] : [];
    }),
  );
  if (shifts.size > 1 || shifts.has(NaN)) return undefined;
  const [shift = 0] = shifts;
  if (shift === 0) return addresses;
  return Object.fromEntries(
    Object.entries(addresses).map(([name, address]) => {
      const at = parseA1(address);
      return [name, at ? a1(at.row + shift, at.col) : address];
    }),
  );
}

/** A form's names and their cells as lists, and the set of cells to read: once per names block. */
const namesLists = new WeakMap<
  Readonly<Record<string, string>>,
  { names: string[]; cellAt: string[]; wanted: Set<string> }
>();
function namesOf(addresses: Readonly<Record<string, string>>) {
  let lists = namesLists.get(addresses);
  if (!lists) {
    const cellAt = Object.values(addresses);
    namesLists.set(addresses, (lists = { names: Object.keys(addresses), cellAt, wanted: new Set(cellAt) }));
  }
  return lists;
}

/** The workbook part, its sheets in order, and a reader of each sheet's cells (shared by both readers below). */
function openWorkbook(bytes: Uint8Array) {
  const zip = new Archive(bytes, listZip(bytes));
  const officeDoc = rels(zip.text('_rels/.rels')).find((r) => /\/officeDocument$/.test(r.type));
  const workbookPath = officeDoc ? resolvePath('', officeDoc.target) : 'xl/workbook.xml';
  const workbook = zip.part(workbookPath) ?? zip.part('xl/workbook.xml');
  if (workbook === undefined) throw new ZipError(msg('xlsxNoWorkbook'));
  const wb = workbook.s;
  const dir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/')) : '';
  const wbRels = rels(
    zip.text(`${dir ? `${dir}/` : ''}_rels/${workbookPath.slice(dir.length ? dir.length + 1 : 0)}.rels`),
  );
  const relTarget = new Map(wbRels.map((r) => [r.id, resolvePath(dir, r.target)]));

  // The <sheets> block: its opening and the first closing tag after it (a lazy regex would retry to the
  // end of the part from every stray "<sheets", quadratic time on hostile markup).
  const sheetsOpen = /<(\w+:)?sheets\b/.exec(wb);
  const sheetsClose = sheetsOpen ? wb.indexOf(`</${sheetsOpen[1] ?? ''}sheets>`, sheetsOpen.index) : -1;
  const sheetsXml = sheetsOpen && sheetsClose >= 0 ? workbook.text(sheetsOpen.index, sheetsClose) : '';
  const sheets: SheetInfo[] = [...elements(sheetsXml, 'sheet')].map((s, index) => {
    const a = attributes(s.attrs);
    return {
      index,
      name: a.name ?? '',
      state: a.state ?? 'visible',
      path: relTarget.get(a['r:id'] ?? a.id ?? ''),
    };
  });
  // Every workbook has a sheet: none found means the list is damaged (e.g. <sheets> never closed).
  if (!sheets.length) throw new ZipError(msg('xlsxDamaged', { detail: `${workbookPath}: no sheets listed` }));
  const sheetByName = new Map(sheets.map((s) => [s.name.toLowerCase(), s]));

  let sst: SharedStrings | undefined;
  // A part the workbook refers to but the archive lacks would make its cells or texts read as blank,
  // silently: the file is damaged (the hostile corpus removes them).
  const missing = (path: string) => new ZipError(msg('xlsxDamaged', { detail: `${path} missing` }));
  const strings = () => {
    if (!sst) {
      const part = wbRels.find((r) => /\/sharedStrings$/.test(r.type));
      const xml = part && zip.part(resolvePath(dir, part.target));
      if (part && !xml) throw missing(resolvePath(dir, part.target));
      sst = sharedStrings(xml || new XmlPart(new Uint8Array(0)));
    }
    return sst;
  };
  const cellsOf = (sheet: SheetInfo, wanted?: Set<string>, maxRow?: number, withFormulas?: boolean) => {
    const xml = sheet.path ? zip.part(sheet.path) : undefined;
    if (!xml) throw missing(sheet.path ?? `"${sheet.name}"`);
    return readCells(xml, strings(), wanted, maxRow, withFormulas);
  };

  return { workbook, sheets, sheetByName, cellsOf };
}

function readUnsafe(bytes: Uint8Array): ReadResult {
  const { workbook, sheets, sheetByName, cellsOf } = openWorkbook(bytes);
  // Defined names of the contract, grouped by the sheet they point at (a second form of a workbook has
  // them on its own sheet's scope); SCORECARD_META names say where each form's metadata block is.
  const names = contractNames(workbook);
  const byNames = new Map<SheetInfo, Readonly<Record<string, string>>>();
  const workbookScoped = new Set<SheetInfo>();
  // A form name that points nowhere (#REF!, a sheet that is gone, a cell beyond the sheet's last row
  // or column) while others still point at the form: damage, not a form with missing entries.
  let broken = names.broken;
  for (const group of names.bySheet) {
    const sheet = sheetByName.get(group.sheet);
    if (!sheet) {
      if (!broken || group.first.at < broken.at) broken = group.first;
      continue;
    }
    byNames.set(sheet, group.addresses);
    if (group.workbookScoped) workbookScoped.add(sheet);
  }
  const metaSheets = new Set<SheetInfo>(sheets.filter((s) => s.name.startsWith(META_SHEET)));
  const metaRefs = names.meta.flatMap(({ sheet: key, scope, col }) => {
    const sheet = sheetByName.get(key);
    if (sheet) metaSheets.add(sheet);
    return sheet ? [{ scope, sheet, col }] : [];
  });

  if (broken && byNames.size)
    throw new ZipError(msg('xlsxDamagedName', { name: broken.name, ref: broken.ref }));

  // Metadata blocks: identity, the form sheet's name and the recorded name addresses. The identity
  // rows come first; the name addresses after them are read only when names were lost.
  const blocks = [...metaSheets].flatMap((sheet) =>
    blocksOf(sheet, cellsOf(sheet, undefined, IDENTITY_ROWS, true), () => cellsOf(sheet)),
  );
  const unclaimed = new Set(blocks);
  const sameName = (a: string | undefined, b: string) =>
    a !== undefined && a.toLowerCase() === b.toLowerCase();
  const claim = (formSheet: SheetInfo) => {
    const free = blocks.filter((b) => unclaimed.has(b));
    const byRef = (scope: number | undefined) => {
      const ref = metaRefs.find((r) => r.scope === scope);
      return ref && free.find((b) => b.sheet === ref.sheet && b.col === ref.col);
    };
    const found =
      // the sheet's own SCORECARD_META, a block naming the sheet, the workbook's SCORECARD_META
      byRef(formSheet.index) ??
      free.find((b) => sameName(b.formSheet, formSheet.name)) ??
      (workbookScoped.has(formSheet) ? byRef(undefined) : undefined) ??
      // a renamed form sheet: the one block whose recorded sheet no longer exists
      oneOf(free.filter((b) => !(b.formSheet && sheetByName.has(b.formSheet.toLowerCase())))) ??
      (blocks.length === 1 ? free[0] : undefined);
    if (found) unclaimed.delete(found);
    return found;
  };

  const forms: FormRead[] = [];
  let namesWithoutMeta: SheetInfo | undefined;
  const readForm = (
    sheet: SheetInfo,
    meta: FormMeta,
    addresses: Readonly<Record<string, string>>,
    source: FormRead['source'],
  ) => {
    const { names, cellAt, wanted } = namesOf(addresses);
    const cells = cellsOf(sheet, wanted);
    // Dictionaries from the start: ~220 names are past V8's limit of fast properties, so plain
    // objects would be built as fast ones, then converted.
    const values: Record<string, unknown> = Object.create(null);
    const hasFormula: Record<string, boolean> = Object.create(null);
    for (let i = 0; i < names.length; i++) {
      const cell = cells.get(cellAt[i]);
      values[names[i]] = cell?.value;
      hasFormula[names[i]] = cell?.formula ?? false;
    }
    forms.push({ sheetName: sheet.name, meta, values, hasFormula, addresses, source });
  };
  for (const [sheet, addresses] of byNames) {
    const m = claim(sheet);
    if (m?.meta) readForm(sheet, m.meta, addresses, 'names');
    else namesWithoutMeta ??= sheet;
  }
  // Names lost: the metadata sheet says where the cells are (moved as the sheet's rows moved).
  let moved: SheetInfo | undefined;
  for (const m of unclaimed) {
    if (!m.meta) continue;
    const recordedAddresses = m.addresses();
    if (!Object.keys(recordedAddresses).length) continue;
    const recorded = m.formSheet ? sheetByName.get(m.formSheet.toLowerCase()) : undefined;
    const sheet =
      recorded ??
      sheets.find(
        (s) =>
          !metaSheets.has(s) &&
          !byNames.has(s) &&
          s.state === 'visible' &&
          !forms.some((f) => f.sheetName === s.name),
      );
    if (!sheet) continue;
    const addresses = relocate(recordedAddresses, cellsOf(sheet));
    if (addresses) readForm(sheet, m.meta, addresses, 'metadata');
    else moved ??= sheet;
  }
  // The carried rulebook: read only when the sheet is there; any problem with it is a reason, not a crash.
  const carrierSheet = sheetByName.get(CARRIED_RULEBOOK_SHEET.toLowerCase());
  if (carrierSheet && forms.length) {
    let carried: CarrierResult;
    try {
      const rows = new Map<number, unknown[]>();
      for (const [address, cell] of cellsOf(carrierSheet)) {
        const at = parseA1(address);
        if (!at || at.col > 1) continue;
        if (!rows.has(at.row)) rows.set(at.row, []);
        rows.get(at.row)![at.col] = cell.value;
      }
      carried = rulebookFromCarrier(rows.values());
    } catch (e) {
      carried = {
        ok: false,
        reason:
          e instanceof ZipError
            ? e.reason
            : msg('carrierBadFormat', { detail: e instanceof Error ? e.message : String(e) }),
      };
    }
    for (const f of forms) f.carried = carried;
  }
  if (!forms.length)
    return {
      ok: false,
      reason: namesWithoutMeta
        ? msg('xlsxNoMeta', { sheet: namesWithoutMeta.name })
        : moved
          ? msg('xlsxFormMoved', { sheet: moved.name })
          : msg('xlsxNoForm'),
    };
  return { ok: true, forms };
}

/**
 * `read` of the workbook's bytes, or the reason they cannot be read: what every reader below returns
 * instead of throwing. Bytes from another realm (a browser frame, jsdom) fail `instanceof`; any byte
 * view will do.
 */
function safely<T extends object>(
  bytes: Uint8Array,
  read: (bytes: Uint8Array) => T | { ok: false; reason: Message },
): T | { ok: false; reason: Message } {
  try {
    const view: unknown = bytes;
    if (!ArrayBuffer.isView(view)) return { ok: false, reason: msg('xlsxNotZip') };
    return read(
      view instanceof Uint8Array ? view : new Uint8Array(view.buffer, view.byteOffset, view.byteLength),
    );
  } catch (e) {
    if (e instanceof ZipError) return { ok: false, reason: e.reason };
    return { ok: false, reason: msg('xlsxDamaged', { detail: e instanceof Error ? e.message : String(e) }) };
  }
}

/** The forms of a workbook, or the reason it cannot be read. Never throws. */
export function readWorkbook(bytes: Uint8Array): ReadResult {
  return safely(bytes, readUnsafe);
}

/** One sheet's cells as rows (rows[r][c] is row r+1, column c+1); blank cells are undefined. */
export interface SheetRows {
  name: string;
  rows: unknown[][];
}

function rowsOf(cells: Map<string, CellRead>): unknown[][] {
  const rows: unknown[][] = [];
  for (const [address, cell] of cells) {
    const at = parseA1(address);
    if (at) (rows[at.row] ??= [])[at.col] = cell.value;
  }
  return rows;
}

/**
 * Every visible sheet's cells, in workbook order, for tables that are not forms (a criteria table as
 * units exchange them), or the reason the file cannot be read. Never throws.
 */
export function readSheetRows(
  bytes: Uint8Array,
): { ok: true; sheets: SheetRows[] } | { ok: false; reason: Message } {
  return safely(bytes, (own) => {
    const { sheets, cellsOf } = openWorkbook(own);
    const visible = sheets.filter((s) => s.state === 'visible');
    return { ok: true, sheets: visible.map((sheet) => ({ name: sheet.name, rows: rowsOf(cellsOf(sheet)) })) };
  });
}

/**
 * One sheet's cells as rows, found by name whatever its visibility (a very hidden sheet the add-in or
 * the command line wrote, e.g. the ranking's results); `rows` is undefined when the workbook has no
 * such sheet. Only that sheet (and the shared strings) is inflated. Never throws.
 */
export function readNamedSheetRows(
  bytes: Uint8Array,
  name: string,
): { ok: true; rows: unknown[][] | undefined } | { ok: false; reason: Message } {
  return safely(bytes, (own) => {
    const { sheetByName, cellsOf } = openWorkbook(own);
    const sheet = sheetByName.get(name.toLowerCase());
    return { ok: true, rows: sheet ? rowsOf(cellsOf(sheet)) : undefined };
  });
}
