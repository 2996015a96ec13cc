/**
 * A plain table from a workbook: the rows of its first visible worksheet, as cell values (cached
 * results for formulas). For tables users keep in Excel, such as the specialised agencies' figures.
 * Same bounded reader as the forms (zip.ts); never throws, says why a file cannot be read.
 */
import { msg, type Message } from '../i18n';
import { parseA1 } from '../sheet/a1';
import { ZipError, listZip } from './zip';
import { attributes, elements, readCells, sharedStrings, XmlPart } from './xml';
import { Archive, rels, resolvePath } from './read';
import type { TableRow } from '../core/crosscheck/reference';

export type TableRead = { ok: true; sheet: string; rows: TableRow[] } | { ok: false; reason: Message };

function readUnsafe(bytes: Uint8Array): TableRead {
  const zip = new Archive(bytes, listZip(bytes));
  const officeDoc = rels(zip.text('_rels/.rels')).find((r) => /\/officeDocument$/.test(r.type));
  const workbookPath = officeDoc ? resolvePath('', officeDoc.target) : 'xl/workbook.xml';
  const workbook = zip.text(workbookPath);
  if (workbook === undefined) return { ok: false, reason: msg('xlsxNoWorkbook') };
  const dir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/')) : '';
  const wbRels = rels(
    zip.text(`${dir ? `${dir}/` : ''}_rels/${workbookPath.slice(dir ? dir.length + 1 : 0)}.rels`),
  );
  const sheet = [...elements(workbook, 'sheet')]
    .map((s) => attributes(s.attrs))
    .find((a) => (a.state ?? 'visible') === 'visible');
  const target = sheet && wbRels.find((r) => r.id === (sheet['r:id'] ?? sheet.id));
  const part = target && zip.part(resolvePath(dir, target.target));
  if (!sheet || !part) return { ok: false, reason: msg('xlsxDamaged', { detail: 'no worksheet' }) };
  const sst = wbRels.find((r) => /\/sharedStrings$/.test(r.type));
  const strings = sharedStrings(
    (sst && zip.part(resolvePath(dir, sst.target))) || new XmlPart(new Uint8Array(0)),
  );
  const byRow = new Map<number, unknown[]>();
  for (const [ref, cell] of readCells(part, strings)) {
    const at = parseA1(ref);
    if (!at) continue;
    if (!byRow.has(at.row)) byRow.set(at.row, []);
    byRow.get(at.row)![at.col] = cell.value;
  }
  const rows = [...byRow.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([row, cells]) => ({ cells: Array.from(cells), line: row + 1 }));
  return { ok: true, sheet: sheet.name ?? '', rows };
}

/** The first visible worksheet as rows (line = the sheet's row number), or why the file cannot be read. */
export function readTableXlsx(bytes: Uint8Array): TableRead {
  try {
    return readUnsafe(bytes);
  } catch (e) {
    if (e instanceof ZipError) return { ok: false, reason: e.reason };
    return { ok: false, reason: msg('xlsxDamaged', { detail: e instanceof Error ? e.message : String(e) }) };
  }
}
