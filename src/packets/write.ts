/**
 * writePacketXlsx: a review packet → the bytes of a .xlsx workbook, with ExcelJS (Node and browser).
 *
 * One workbook per (annex, criteria group): see docs/review-packets.md for why not one per group code.
 * The sheet is protected without a password and only the two appraisal columns are unlocked; the
 * identity of every row (unit id, criterion id, form file, form's rulebook hash) sits in hidden, locked
 * columns, and the packet's identity in a very hidden metadata sheet, so a returned packet is matched
 * back to the forms it was made from. Text copied from submissions is written as strings (shared
 * strings) in text-formatted cells: a value starting with =, +, - or @ never becomes a formula.
 */
import { DOCUMENT_MARGINS } from '../form/types';
import ExcelJS from 'exceljs';
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
const MM_PER_INCH = 25.4;
const FONT = { name: 'Times New Roman', size: 11 };
const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const FILL = { header: '#D9E1F2', input: '#FFF2CC', band: '#F2F2F2', crossCheck: '#FCE4D6' };
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, bottom: thin, left: thin, right: thin };
const solid = (hex: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: argb(hex) },
});
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

/** Build the ExcelJS workbook of a packet (exported for tests that inspect it before serialisation). */
export async function buildPacketWorkbook(packet: Packet): Promise<ExcelJS.Workbook> {
  const { identity } = packet;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'scorecard';
  const sheetName = packetSheetName(packet);
  const ws = wb.addWorksheet(sheetName, { properties: { defaultRowHeight: 15 } });
  PACKET_COLUMN_WIDTHS.forEach((width, i) => {
    const col = ws.getColumn(i + 1);
    col.width = width;
    col.font = FONT;
    if (i > PACKET_LAST_VISIBLE_COL) col.hidden = true;
  });
  const lastVisible = PACKET_LAST_VISIBLE_COL + 1;

  // Heading: what the packet is, for whom, under which rulebook and year.
  let row = 1;
  const line = (value: string, font: Partial<ExcelJS.Font>, height: number) => {
    ws.mergeCells(row, 1, row, lastVisible);
    const cell = ws.getCell(row, 1);
    cell.value = value;
    cell.font = { ...FONT, ...font };
    cell.alignment = { horizontal: font.bold ? 'center' : 'left', vertical: 'middle', wrapText: true };
    ws.getRow(row).height = height;
    row++;
  };
  line(packetTitle(packet), { bold: true, size: 14 }, 24);
  const ownsCode = new RegExp(`^phụ lục\\s+${identity.annex}\\b`, 'i').test(packet.annexTitle.trim());
  line(
    ownsCode ? packet.annexTitle.trim() : vi('formAnnex', { code: identity.annex, title: packet.annexTitle }),
    { bold: true, size: 12 },
    32,
  );
  line(
    vi('packetRulebookLine', {
      title: packet.rulebookTitle,
      number: packet.decision.number,
      date: viDate(packet.decision.date),
      id: identity.rulebookId,
      version: identity.rulebookVersion,
      year: identity.year,
    }),
    { italic: true },
    30,
  );
  line(
    vi('packetCounts', {
      units: packet.units.length,
      criteria: packet.criteria.length,
      max: formatPoints(packet.groupMax),
    }),
    {},
    18,
  );
  if (packet.criteria.some((c) => c.provenance === 'reconstructed'))
    line(packet.reconstructionNotice, { italic: true, color: { argb: 'FFC00000' } }, 30);
  const differences = packet.units.reduce(
    (n, u) => n + u.entries.reduce((k, e) => k + (e.crossChecks?.length ?? 0), 0),
    0,
  );
  if (differences)
    line(vi('packetCrossCount', { count: differences }), { bold: true, color: { argb: 'FFC00000' } }, 30);
  line(vi('packetInstructions'), { italic: true }, 44);
  row++;

  // The table header.
  const headerRow = row;
  const headers: [number, string][] = [
    [COL.no, vi('formColNo')],
    [COL.unit, vi('packetColUnit')],
    [COL.status, vi('packetColStatus')],
    [COL.criterionId, vi('packetColCriterionId')],
    [COL.criterion, vi('formColCriterion')],
    [COL.max, vi('formColMax')],
    [COL.inputs, vi('formColData')],
    [COL.selfPoints, vi('formColPoints')],
    [COL.evidence, vi('formColEvidence')],
    [COL.reason, vi('formColReason')],
    [COL.appraisal, vi('formColAppraisal')],
    [COL.appraisalNote, vi('formColAppraisalNote')],
    [COL.idUnit, vi('packetColUnitId')],
    [COL.idCriterion, vi('packetColCriterionId')],
    [COL.idFile, vi('packetColFile')],
    [COL.idFormHash, vi('packetColFormHash')],
  ];
  for (const [col, value] of headers) {
    const cell = ws.getCell(row, col + 1);
    cell.value = value;
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = solid(FILL.header);
    cell.border = BORDER;
  }
  ws.getRow(row).height = 32;
  row++;

  // One row per (unit, criterion). The unit is repeated on each row (no merges), so the reviewer
  // can filter by unit or by criterion; units alternate a light band for reading.
  const criteria = new Map(packet.criteria.map((c) => [c.id, c]));
  packet.units.forEach((unit, u) => {
    const band = u % 2 === 1 ? solid(FILL.band) : undefined;
    for (const e of unit.entries) {
      const c = criteria.get(e.criterion)!;
      const title = c.title + (c.provenance === 'reconstructed' ? ` (${vi('reconstructed')})` : '');
      const own = e.notApplicable
        ? vi('packetNotApplicable')
        : e.inputs.map((i) => `${i.label}: ${i.value || '—'}`).join('\n');
      // The specialised agencies' figures beside the unit's own, where they differ: the reviewer weighs them.
      const checks = (e.crossChecks ?? []).map((x) =>
        vi('packetCrossLine', {
          source: sourceName(x.source, 'vi'),
          input: x.input,
          reference: formatPoints(x.reference),
          points: formatPoints(x.referencePoints),
        }),
      );
      const inputs = [own, ...checks].join('\n');
      const values: [number, string | number | undefined, 'text' | 'number' | 'points'][] = [
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
      for (const [col, value, kind] of values) {
        const cell = ws.getCell(row, col + 1);
        // Strings stay strings: ExcelJS writes them as shared strings, never as formulas.
        if (value !== undefined && value !== '') cell.value = kind === 'text' ? String(value) : value;
        const input = col === COL.appraisal || col === COL.appraisalNote;
        cell.font = FONT;
        cell.border = BORDER;
        cell.alignment = {
          vertical: 'middle',
          wrapText: kind === 'text',
          horizontal: kind === 'text' && col !== COL.criterionId && col !== COL.status ? 'left' : 'center',
        };
        // Text cells are formatted as text (@), so even an edit in Excel keeps "=…" a text.
        cell.numFmt = kind === 'text' ? '@' : kind === 'points' ? '0.00' : 'General';
        if (input) {
          cell.fill = solid(FILL.input);
          cell.protection = { locked: false };
        } else if (col === COL.inputs && checks.length) cell.fill = solid(FILL.crossCheck);
        else if (band) cell.fill = band;
      }
      const appraisal = ws.getCell(row, COL.appraisal + 1);
      appraisal.dataValidation = {
        type: 'decimal',
        operator: 'between',
        formulae: [0, c.max],
        allowBlank: true,
        showInputMessage: true,
        promptTitle: clip(vi('formPromptTitle', { criterion: c.id }), 32),
        prompt: clip(vi('packetPrompt', { max: formatPoints(c.max) }), 255),
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: clip(vi('formErrorTitle'), 32),
        error: clip(vi('packetError', { max: formatPoints(c.max) }), 255),
      };
      // Row height: the tallest wrapped text of the row (rough: Times New Roman is narrower than '0').
      const need = Math.max(
        ...values
          .filter(([col, v, kind]) => kind === 'text' && v !== undefined && col <= PACKET_LAST_VISIBLE_COL)
          .map(([col, v]) => lines(String(v), PACKET_COLUMN_WIDTHS[col])),
      );
      ws.getRow(row).height = Math.min(409, need * 15 + 4);
      row++;
    }
  });
  const lastRow = row - 1;

  ws.views = [
    {
      state: 'frozen',
      xSplit: 0,
      ySplit: headerRow,
      topLeftCell: `A${headerRow + 1}`,
      activeCell: `${colLetter(COL.appraisal)}${headerRow + 1}`,
    },
  ];
  ws.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: Math.max(headerRow, lastRow), column: lastVisible },
  };
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    // Nghị định 30/2020/NĐ-CP: top and bottom 20 mm, left 30 mm, right 15 mm.
    margins: {
      top: DOCUMENT_MARGINS.top / MM_PER_INCH,
      bottom: DOCUMENT_MARGINS.bottom / MM_PER_INCH,
      left: DOCUMENT_MARGINS.left / MM_PER_INCH,
      right: DOCUMENT_MARGINS.right / MM_PER_INCH,
      header: 0.3,
      footer: 0.3,
    },
    printTitlesRow: `${headerRow}:${headerRow}`,
    printArea: `A1:${colLetter(PACKET_LAST_VISIBLE_COL)}${Math.max(headerRow, lastRow)}`,
  } as Partial<ExcelJS.PageSetup>;
  // & starts a header/footer code: a title such as "Sở TT&TT" must double it.
  ws.headerFooter = {
    oddFooter: `&L${clip(packetTitle(packet), 100).replace(/&/g, '&&')}&R${vi('packetFooterPage', { page: '&P', pages: '&N' })}`,
  };

  const meta = wb.addWorksheet(PACKET_META_SHEET, { state: 'veryHidden' });
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
    [PACKET_META.headerRow, headerRow],
    [PACKET_META.groupTitle, packet.groupTitle],
    [PACKET_META.reviewer, packet.reviewer ?? ''],
    ...packet.units.map((u) => [PACKET_META.unit, u.unitId, u.file, u.formHash, u.unitName]),
  ];
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      const cell = meta.getCell(i + 1, j + 1);
      cell.value = typeof v === 'number' ? v : String(v);
      if (typeof v === 'string') cell.numFmt = '@';
    }),
  );

  // No password: the protection guards against slips (typing over a unit's data), not against intent.
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
  });
  return wb;
}

function colLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The packet as .xlsx bytes. */
export async function writePacketXlsx(packet: Packet): Promise<Uint8Array> {
  const wb = await buildPacketWorkbook(packet);
  const buffer = (await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer | Uint8Array;
  return buffer instanceof Uint8Array
    ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
    : new Uint8Array(buffer);
}
