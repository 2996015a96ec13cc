/** A reviewer at work: open a packet with ExcelJS, type into the appraisal cells of chosen rows, save. */
import ExcelJS from 'exceljs';
import { PACKET_COL, PACKET_META_SHEET } from '../../src/packets';

export interface Typing {
  unitId: string;
  criterion: string;
  /** What the reviewer types in "Điểm thẩm định": a number, or text such as "2,5". */
  points?: number | string | null;
  note?: string | null;
}

export async function loadPacket(
  bytes: Uint8Array,
): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((w) => w.name !== PACKET_META_SHEET)!;
  return { wb, ws };
}

/** The 1-based row of (unit, criterion), found through the hidden identity columns. */
export function rowOf(ws: ExcelJS.Worksheet, unitId: string, criterion: string): number {
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (
      (row.getCell(PACKET_COL.idUnit + 1).value ?? '') === unitId &&
      row.getCell(PACKET_COL.idCriterion + 1).value === criterion
    )
      return r;
  }
  throw new Error(`no row for ${unitId} ${criterion}`);
}

export async function fillPacket(
  bytes: Uint8Array,
  typings: Typing[],
  edit?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void,
): Promise<Uint8Array> {
  const { wb, ws } = await loadPacket(bytes);
  for (const ty of typings) {
    const r = rowOf(ws, ty.unitId, ty.criterion);
    if (ty.points !== undefined) ws.getCell(r, PACKET_COL.appraisal + 1).value = ty.points;
    if (ty.note !== undefined) ws.getCell(r, PACKET_COL.appraisalNote + 1).value = ty.note;
  }
  edit?.(ws, wb);
  const out = (await wb.xlsx.writeBuffer()) as unknown as Uint8Array;
  return new Uint8Array(out);
}
