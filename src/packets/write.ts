/**
 * describePacket: a review packet → the description of its workbook (sheet/types.ts), pure;
 * writePacketXlsx turns it into .xlsx bytes through src/xlsx (Node and browser).
 *
 * One workbook per (annex, criteria group): see docs/review-packets.md for why not one per group code.
 * The sheet is protected without a password and only the two appraisal columns are unlocked; the
 * identity of every row (unit id, criterion id, form file, form's rulebook hash) sits in hidden, locked
 * columns, and the packet's identity in a very hidden metadata sheet, so a returned packet is matched
 * back to the forms it was made from. Text copied from submissions is written as strings (shared
 * strings) in text-formatted cells: a value starting with =, +, - or @ never becomes a formula.
 */
import {
  DOCUMENT_MARGINS,
  type CellStyle,
  type PlanValidation,
  type SheetCell,
  type SheetDescription,
  type WorkbookDescription,
} from '../sheet/types';
import { a1, colName } from '../sheet/a1';
import { writeDescribedXlsx } from '../xlsx/describe-write';
import { formatPoints } from '../core/numbers';
import { statusLabel } from '../core/ranking/ranking';
import { t, type MessageKey } from '../i18n';
import { sourceName } from '../core/crosscheck/reference';
import type { Packet } from './types';
import {
  PACKET_COL as COL,
  PACKET_COLUMN_WIDTHS,
  PACKET_KIND,
  PACKET_LAST_VISIBLE_COL,
  PACKET_LAYOUT_VERSION,
  PACKET_META,
  PACKET_META_SHEET,
} from './layout';

const vi = (key: MessageKey, params?: Record<string, string | number>) => t('vi', key, params);
const FONT = { name: 'Times New Roman', size: 11 };
const FILL = { header: '#D9E1F2', input: '#FFF2CC', band: '#F2F2F2', crossCheck: '#FCE4D6' };
const RED = '#C00000';
/** Excel's limits on data validation texts. */
const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** The table sheet's name: "Nhóm 3" (Excel: at most 31 characters, none of []:*?/\). */
export function packetSheetName(packet: Packet): string {
  return vi('packetSheetName', { group: packet.identity.group })
    .replace(/[[\]:*?/\\]/g, '-')
    .slice(0, 31);
}

/** "Nhóm tiêu chí 3: Nguồn nhân lực CNTT — gửi Sở Nội vụ thẩm định". */
export function packetTitle(packet: Packet): string {
  return vi('packetTitle', {
    group: packet.identity.group,
    title: packet.groupTitle,
    reviewer: packet.reviewer || vi('packetReviewerDefault'),
  });
}

/** Lines a text needs in a column of `width` characters. */
function lines(text: string, width: number): number {
  const perLine = Math.max(4, Math.floor(width * 1.3));
  return text.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil(p.length / perLine)), 0);
}

const viDate = (iso: string) => iso.split('-').reverse().join('/');

/** The cells, merges and heights a packet sheet is built from, filled step by step (0-based rows). */
interface Draft {
  cells: SheetCell[];
  merges: SheetDescription['merges'];
  rowHeights: Record<number, number>;
  styles: Record<string, CellStyle>;
  validations: PlanValidation[];
  row: number;
}

/** A style registered under a key that says what it is, so equal styles are shared. */
function styleKey(draft: Draft, style: CellStyle): string {
  const key = JSON.stringify(style);
  draft.styles[key] ??= style;
  return key;
}

/** One heading line across the visible columns. */
function headingLine(draft: Draft, text: string, font: CellStyle, height: number): void {
  const style = { ...font, hAlign: font.bold ? 'center' : 'left', vAlign: 'middle', wrap: true } as const;
  draft.merges.push({ row: draft.row, col: 0, rows: 1, cols: PACKET_LAST_VISIBLE_COL + 1 });
  draft.cells.push({ row: draft.row, col: 0, value: text, style: styleKey(draft, style) });
  draft.rowHeights[draft.row] = height;
  draft.row++;
}

/** Heading: what the packet is, for whom, under which rulebook and year. */
function heading(draft: Draft, packet: Packet): void {
  const { identity } = packet;
  headingLine(draft, packetTitle(packet), { bold: true, size: 14 }, 24);
  const ownsCode = new RegExp(`^phụ lục\\s+${identity.annex}\\b`, 'i').test(packet.annexTitle.trim());
  const annex = ownsCode
    ? packet.annexTitle.trim()
    : vi('formAnnex', { code: identity.annex, title: packet.annexTitle });
  headingLine(draft, annex, { bold: true, size: 12 }, 32);
  const rulebook = vi('packetRulebookLine', {
    title: packet.rulebookTitle,
    number: packet.decision.number,
    date: viDate(packet.decision.date),
    id: identity.rulebookId,
    version: identity.rulebookVersion,
    year: identity.year,
  });
  headingLine(draft, rulebook, { italic: true }, 30);
  const counts = {
    units: packet.units.length,
    criteria: packet.criteria.length,
    max: formatPoints(packet.groupMax),
  };
  headingLine(draft, vi('packetCounts', counts), {}, 18);
  if (packet.criteria.some((c) => c.provenance === 'reconstructed'))
    headingLine(draft, packet.reconstructionNotice, { italic: true, color: RED }, 30);
  const differences = packet.units.reduce(
    (n, u) => n + u.entries.reduce((k, e) => k + (e.crossChecks?.length ?? 0), 0),
    0,
  );
  if (differences)
    headingLine(draft, vi('packetCrossCount', { count: differences }), { bold: true, color: RED }, 30);
  headingLine(draft, vi('packetInstructions'), { italic: true }, 44);
  draft.row++;
}

/** The table header. */
function tableHeader(draft: Draft): void {
  const headers: [number, MessageKey][] = [
    [COL.no, 'formColNo'],
    [COL.unit, 'packetColUnit'],
    [COL.status, 'packetColStatus'],
    [COL.criterionId, 'packetColCriterionId'],
    [COL.criterion, 'formColCriterion'],
    [COL.max, 'formColMax'],
    [COL.inputs, 'formColData'],
    [COL.selfPoints, 'formColPoints'],
    [COL.evidence, 'formColEvidence'],
    [COL.reason, 'formColReason'],
    [COL.appraisal, 'formColAppraisal'],
    [COL.appraisalNote, 'formColAppraisalNote'],
    [COL.idUnit, 'packetColUnitId'],
    [COL.idCriterion, 'packetColCriterionId'],
    [COL.idFile, 'packetColFile'],
    [COL.idFormHash, 'packetColFormHash'],
  ];
  const style = styleKey(draft, {
    bold: true,
    hAlign: 'center',
    vAlign: 'middle',
    wrap: true,
    fill: FILL.header,
    border: true,
  });
  for (const [col, key] of headers) draft.cells.push({ row: draft.row, col, value: vi(key), style });
  draft.rowHeights[draft.row] = 32;
  draft.row++;
}

type Kind = 'text' | 'number' | 'points';
type Entry = Packet['units'][number]['entries'][number];
type Criterion = Packet['criteria'][number];

/** What the data column shows: the unit's own figures, then the specialised agencies' where they differ. */
function inputsText(e: Entry): { text: string; crossChecked: boolean } {
  const own = e.notApplicable
    ? vi('packetNotApplicable')
    : e.inputs.map((i) => `${i.label}: ${i.value || '—'}`).join('\n');
  const checks = (e.crossChecks ?? []).map((x) =>
    vi('packetCrossLine', {
      source: sourceName(x.source, 'vi'),
      input: x.input,
      reference: formatPoints(x.reference),
      points: formatPoints(x.referencePoints),
    }),
  );
  return { text: [own, ...checks].join('\n'), crossChecked: checks.length > 0 };
}

/** The row's values by column, each with how it is shown. */
function rowValues(
  unit: Packet['units'][number],
  u: number,
  e: Entry,
  c: Criterion,
  inputs: string,
): [number, string | number | undefined, Kind][] {
  const title = c.title + (c.provenance === 'reconstructed' ? ` (${vi('reconstructed')})` : '');
  return [
    [COL.no, u + 1, 'number'],
    [COL.unit, unit.unitName, 'text'],
    [COL.status, statusLabel(unit.status).vi, 'text'],
    [COL.criterionId, c.id, 'text'],
    [COL.criterion, title, 'text'],
    [COL.max, c.max, 'number'],
    [COL.inputs, inputs, 'text'],
    [COL.selfPoints, e.selfPoints, 'points'],
    [COL.evidence, e.evidence, 'text'],
    [COL.reason, e.reason, 'text'],
    [COL.appraisal, e.appraisal.points, 'points'],
    [COL.appraisalNote, e.appraisal.note, 'text'],
    [COL.idUnit, unit.unitId, 'text'],
    [COL.idCriterion, c.id, 'text'],
    [COL.idFile, unit.file, 'text'],
    [COL.idFormHash, unit.formHash, 'text'],
  ];
}

/** A data cell's look: text formatted as text (@), so even an edit in Excel keeps "=…" a text. */
function dataStyle(col: number, kind: Kind, band: boolean, crossChecked: boolean): CellStyle {
  const input = col === COL.appraisal || col === COL.appraisalNote;
  const fill = input
    ? FILL.input
    : col === COL.inputs && crossChecked
      ? FILL.crossCheck
      : band
        ? FILL.band
        : undefined;
  return {
    border: true,
    vAlign: 'middle',
    ...(kind === 'text' ? { wrap: true } : {}),
    hAlign: kind === 'text' && col !== COL.criterionId && col !== COL.status ? 'left' : 'center',
    numberFormat: kind === 'text' ? '@' : kind === 'points' ? '0.00' : 'General',
    ...(fill ? { fill } : {}),
    ...(input ? { unlocked: true } : {}),
  };
}

/** The appraisal cell accepts a number from 0 to the criterion's maximum. */
function appraisalValidation(row: number, c: Criterion): PlanValidation {
  return {
    row,
    col: COL.appraisal,
    rule: { type: 'decimal', min: 0, max: c.max },
    prompt: {
      title: clip(vi('formPromptTitle', { criterion: c.id }), 32),
      message: clip(vi('packetPrompt', { max: formatPoints(c.max) }), 255),
    },
    error: {
      title: clip(vi('formErrorTitle'), 32),
      message: clip(vi('packetError', { max: formatPoints(c.max) }), 255),
    },
  };
}

/** Row height: the tallest wrapped text of the row (rough: Times New Roman is narrower than '0'). */
function rowHeight(values: [number, string | number | undefined, Kind][]): number {
  const need = Math.max(
    ...values
      .filter(([col, v, kind]) => kind === 'text' && v !== undefined && col <= PACKET_LAST_VISIBLE_COL)
      .map(([col, v]) => lines(String(v), PACKET_COLUMN_WIDTHS[col])),
  );
  return Math.min(409, need * 15 + 4);
}

/**
 * One row per (unit, criterion). The unit is repeated on each row (no merges), so the reviewer can
 * filter by unit or by criterion; units alternate a light band for reading.
 */
function tableRows(draft: Draft, packet: Packet): void {
  const criteria = new Map(packet.criteria.map((c) => [c.id, c]));
  packet.units.forEach((unit, u) => {
    for (const e of unit.entries) {
      const c = criteria.get(e.criterion)!;
      const inputs = inputsText(e);
      const values = rowValues(unit, u, e, c, inputs.text);
      for (const [col, value, kind] of values) {
        const style = styleKey(draft, dataStyle(col, kind, u % 2 === 1, inputs.crossChecked));
        // Strings stay strings: they are written as shared strings, never as formulas.
        const shown =
          value !== undefined && value !== '' ? (kind === 'text' ? String(value) : value) : undefined;
        draft.cells.push({ row: draft.row, col, style, ...(shown !== undefined ? { value: shown } : {}) });
      }
      draft.validations.push(appraisalValidation(draft.row, c));
      draft.rowHeights[draft.row] = rowHeight(values);
      draft.row++;
    }
  });
}

/** The table sheet: heading, header row, data rows; frozen, filterable, printable, protected. */
function tableSheet(packet: Packet, sheetName: string): { sheet: SheetDescription; headerRow: number } {
  const draft: Draft = { cells: [], merges: [], rowHeights: {}, styles: {}, validations: [], row: 0 };
  heading(draft, packet);
  const headerRow = draft.row; // 0-based
  tableHeader(draft);
  tableRows(draft, packet);
  const lastRow = Math.max(headerRow, draft.row - 1);
  const sheet: SheetDescription = {
    sheetName,
    columns: PACKET_COLUMN_WIDTHS,
    hiddenColumns: PACKET_COLUMN_WIDTHS.map((_, i) => i).filter((i) => i > PACKET_LAST_VISIBLE_COL),
    defaultRowHeight: 15,
    rowHeights: draft.rowHeights,
    font: FONT,
    styles: draft.styles,
    cells: draft.cells,
    merges: draft.merges,
    validations: draft.validations,
    freezeRows: headerRow + 1,
    activeCell: a1(headerRow + 1, COL.appraisal),
    autoFilter: { row: headerRow, col: 0, lastRow, lastCol: PACKET_LAST_VISIBLE_COL },
    print: {
      paper: 'A4',
      orientation: 'landscape',
      fitToWidth: true,
      titleRows: { first: headerRow, last: headerRow },
      margins: { ...DOCUMENT_MARGINS }, // Nghị định 30/2020/NĐ-CP
      area: `A1:${colName(PACKET_LAST_VISIBLE_COL)}${lastRow + 1}`,
      // & starts a header/footer code: a title such as "Sở TT&TT" must double it.
      footer: `&L${clip(packetTitle(packet), 100).replace(/&/g, '&&')}&R${vi('packetFooterPage', { page: '&P', pages: '&N' })}`,
    },
    // No password: the protection guards against slips (typing over a unit's data), not against intent.
    protect: { autoFilter: true },
  };
  return { sheet, headerRow };
}

/** The packet's identity, very hidden, as key/value rows (units: one row each, columns A–E). */
function metaSheet(packet: Packet, sheetName: string, headerRow: number): SheetDescription {
  const { identity } = packet;
  const rows: (string | number)[][] = [
    [PACKET_META.kind, PACKET_KIND],
    [PACKET_META.layoutVersion, PACKET_LAYOUT_VERSION],
    [PACKET_META.rulebookId, identity.rulebookId],
    [PACKET_META.rulebookVersion, identity.rulebookVersion],
    [PACKET_META.rulebookHash, identity.rulebookHash],
    [PACKET_META.annex, identity.annex],
    [PACKET_META.group, identity.group],
    [PACKET_META.year, identity.year],
    [PACKET_META.sheet, sheetName],
    [PACKET_META.headerRow, headerRow + 1], // 1-based, as the reader expects
    [PACKET_META.groupTitle, packet.groupTitle],
    [PACKET_META.reviewer, packet.reviewer ?? ''],
    ...packet.units.map((u) => [PACKET_META.unit, u.unitId, u.file, u.formHash, u.unitName]),
  ];
  const cells = rows.flatMap((r, row) =>
    r.map((v, col): SheetCell =>
      typeof v === 'number' ? { row, col, value: v } : { row, col, value: String(v), style: 'text' },
    ),
  );
  return {
    sheetName: PACKET_META_SHEET,
    state: 'veryHidden',
    columns: [],
    rowHeights: {},
    font: FONT,
    styles: { text: { numberFormat: '@' } },
    cells,
    merges: [],
    freezeRows: 0,
  };
}

/** The packet's workbook: the table sheet and the metadata sheet. */
export function describePacket(packet: Packet): WorkbookDescription {
  const sheetName = packetSheetName(packet);
  const { sheet, headerRow } = tableSheet(packet, sheetName);
  return { sheets: [sheet, metaSheet(packet, sheetName, headerRow)] };
}

/** The packet as .xlsx bytes. */
export async function writePacketXlsx(packet: Packet): Promise<Uint8Array> {
  return writeDescribedXlsx(describePacket(packet));
}
