/**
 * readPacketXlsx: a returned review packet → the appraisals typed into it, with every problem stated
 * in Vietnamese and English and located (sheet, row). Never throws for bad input: a file that is not a
 * packet, or a packet of another rulebook or year, is refused with a reason; a bad row is reported
 * and left out, the other rows are read.
 */
import type { Rulebook } from '../core/rulebook/schema';
import { builtinRulebook } from '../core/rulebook/builtin';
import { contentHash } from '../core/rulebook/load';
import { formatPoints, parseNumber } from '../core/numbers';
import { message } from '../core/ranking/text';
import { msg, type Message } from '../i18n';
import { inflateEntry, listZip, ZipError } from '../xlsx/zip';
import { readGrids, type PlainValue, type SheetGrid } from '../xlsx/grid-read';
import type { PacketAppraisal, PacketIdentity } from './types';
import {
  PACKET_COL as COL,
  PACKET_KIND,
  PACKET_LAYOUT_VERSION,
  PACKET_META,
  PACKET_META_SHEET,
} from './layout';

export interface PacketReadOptions {
  /** The consolidation's rulebook: a packet of another rulebook is refused. Default: the packet's built-in. */
  rulebook?: Rulebook;
  /** The consolidation's year: a packet of another year is refused. */
  year?: number;
  /** Finds the rulebook a packet names when none is given (default: the built-in rulebooks). */
  resolveRulebook?: (id: string) => Rulebook | undefined;
}

export interface PacketUnitRef {
  unitId: string;
  unitName: string;
  file: string;
  formHash: string;
}

/** What a returned packet says about itself (its metadata sheet) and how many rows it holds. */
export interface PacketInfo extends PacketIdentity {
  sheet: string;
  groupTitle: string;
  reviewer?: string;
  units: PacketUnitRef[];
  /** Rows of the table that carry a row identity. */
  rows: number;
}

export type PacketRead =
  | { ok: true; packet: PacketInfo; rulebook: Rulebook; appraisals: PacketAppraisal[]; problems: Message[] }
  | { ok: false; reason: Message };

const textOf = (p: PlainValue): string => {
  if (p === undefined || typeof p === 'object') return '';
  return String(p).trim();
};

/** The value at (row, col), 1-based as the packet's layout counts rows. */
const cellAt = (ws: SheetGrid, row: number, col: number): PlainValue => ws.rows[row - 1]?.[col - 1];

function metaRows(ws: SheetGrid): { map: Map<string, PlainValue>; units: PacketUnitRef[] } {
  const map = new Map<string, PlainValue>();
  const units: PacketUnitRef[] = [];
  for (const row of ws.rows) {
    const key = textOf(row?.[0]);
    if (!key) continue;
    if (key === PACKET_META.unit)
      units.push({
        unitId: textOf(row[1]),
        file: textOf(row[2]),
        formHash: textOf(row[3]),
        unitName: textOf(row[4]),
      });
    else if (!map.has(key)) map.set(key, row[1]);
  }
  return { map, units };
}

/**
 * Whether a file is a review packet (its workbook lists the packet's metadata sheet), cheaply and
 * without throwing: so a packet lying among the submitted forms is not mistaken for a broken form.
 */
export function isPacketWorkbook(bytes: Uint8Array): boolean {
  try {
    const workbook = listZip(bytes).get('xl/workbook.xml');
    return (
      !!workbook &&
      new TextDecoder('utf-8').decode(inflateEntry(bytes, workbook)).includes(`"${PACKET_META_SHEET}"`)
    );
  } catch {
    return false;
  }
}

const unitKey = (unitId: string, file: string) => `${unitId}\u0000${file}`;

export async function readPacketXlsx(
  bytes: Uint8Array,
  options: PacketReadOptions = {},
): Promise<PacketRead> {
  // The bounded zip reader refuses non-zips, legacy/encrypted files and zip bombs before ExcelJS inflates anything.
  try {
    listZip(bytes);
  } catch (e) {
    return {
      ok: false,
      reason: e instanceof ZipError ? e.reason : msg('xlsxDamaged', { detail: String(e) }),
    };
  }
  let wb: SheetGrid[];
  try {
    wb = await readGrids(bytes);
  } catch (e) {
    return { ok: false, reason: msg('xlsxDamaged', { detail: e instanceof Error ? e.message : String(e) }) };
  }
  try {
    return readLoaded(wb, options);
  } catch (e) {
    // A workbook shaped in some way the reader did not foresee is still a reason, not a crash.
    return { ok: false, reason: msg('xlsxDamaged', { detail: e instanceof Error ? e.message : String(e) }) };
  }
}

function readLoaded(wb: SheetGrid[], options: PacketReadOptions): PacketRead {
  const metaSheet =
    wb.find((ws) => ws.name === PACKET_META_SHEET) ??
    wb.find(
      (ws) => textOf(cellAt(ws, 1, 1)) === PACKET_META.kind && textOf(cellAt(ws, 1, 2)) === PACKET_KIND,
    );
  if (!metaSheet) return { ok: false, reason: msg('packetNotPacket') };
  const { map, units } = metaRows(metaSheet);
  const get = (key: string) => textOf(map.get(key));
  if (get(PACKET_META.kind) !== PACKET_KIND) return { ok: false, reason: msg('packetNotPacket') };
  const layout = Number(get(PACKET_META.layoutVersion));
  if (!Number.isFinite(layout) || layout > PACKET_LAYOUT_VERSION)
    return {
      ok: false,
      reason: msg('packetNewerLayout', { version: get(PACKET_META.layoutVersion) || '?' }),
    };
  const identity: PacketIdentity = {
    rulebookId: get(PACKET_META.rulebookId),
    rulebookVersion: get(PACKET_META.rulebookVersion),
    rulebookHash: get(PACKET_META.rulebookHash),
    annex: get(PACKET_META.annex),
    group: get(PACKET_META.group),
    year: Number(get(PACKET_META.year)),
  };
  if (!identity.rulebookId || !identity.annex || !identity.group || !Number.isInteger(identity.year))
    return { ok: false, reason: msg('packetNotPacket') };

  const rb = options.rulebook ?? (options.resolveRulebook ?? builtinRulebook)(identity.rulebookId);
  if (!rb) return { ok: false, reason: msg('packetUnknownRulebook', { rulebook: identity.rulebookId }) };
  if (rb.id !== identity.rulebookId)
    return {
      ok: false,
      reason: msg('packetWrongRulebook', { packetRulebook: identity.rulebookId, rulebook: rb.id }),
    };
  if (options.year !== undefined && options.year !== identity.year)
    return { ok: false, reason: msg('packetWrongYear', { packetYear: identity.year, year: options.year }) };
  const annex = rb.annexes.find((a) => a.code === identity.annex);
  const group = annex?.groups.find((g) => g.code === identity.group);
  if (!annex || !group)
    return {
      ok: false,
      reason: msg('packetUnknownGroup', { rulebook: rb.id, annex: identity.annex, group: identity.group }),
    };

  const problems: Message[] = [];
  const hash = contentHash(rb);
  if (identity.rulebookHash !== hash || identity.rulebookVersion !== rb.version)
    problems.push(
      msg('packetOtherVersion', {
        packetVersion: identity.rulebookVersion || '?',
        packetHash: identity.rulebookHash || '?',
        version: rb.version,
        hash,
      }),
    );

  const sheetName = get(PACKET_META.sheet);
  // Renamed by the reviewer: the one visible worksheet that is not the metadata.
  const ws = wb.find((w) => w.name === sheetName) ?? wb.find((w) => w !== metaSheet && w.state === 'visible');
  if (!ws) return { ok: false, reason: msg('packetNoSheet', { sheet: sheetName || '?' }) };
  const headerRow = Math.max(1, Number(get(PACKET_META.headerRow)) || 1);

  const known = new Map(units.map((u) => [unitKey(u.unitId, u.file), u]));
  const criteria = new Map(group.criteria.map((c) => [c.id, c]));
  const byIdentity = new Map<string, PacketAppraisal | undefined>();
  const seenAt = new Map<string, number>();
  let rows = 0;
  const at = { sheet: ws.name };

  for (let r = headerRow + 1; r <= ws.rows.length; r++) {
    const cell = (col: number) => cellAt(ws, r, col + 1);
    const criterionId = textOf(cell(COL.idCriterion));
    if (!criterionId) continue;
    rows++;
    const unitId = textOf(cell(COL.idUnit));
    const file = textOf(cell(COL.idFile));
    const unit = known.get(unitKey(unitId, file));
    const shownUnit = unit?.unitName || textOf(cell(COL.unit)) || unitId || file;
    if (!unit) {
      problems.push(msg('packetRowUnknownUnit', { ...at, row: r, unit: shownUnit }));
      continue;
    }
    const criterion = criteria.get(criterionId);
    if (!criterion) {
      problems.push(
        msg('packetRowUnknownCriterion', {
          ...at,
          row: r,
          criterion: criterionId,
          group: group.code,
          annex: annex.code,
        }),
      );
      continue;
    }
    const where = { ...at, row: r, unit: shownUnit, criterion: criterion.id };

    let points: number | undefined;
    const raw = cell(COL.appraisal);
    if (raw !== undefined && !(typeof raw === 'string' && raw.trim() === '')) {
      // "2,5" typed as text (a Vietnamese keyboard in an English-locale Excel) reads as 2.5.
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseNumber(raw) : NaN;
      const shown =
        raw instanceof Date
          ? raw.toISOString().slice(0, 10)
          : typeof raw === 'object'
            ? raw.error
            : String(raw);
      if (n === undefined || !Number.isFinite(n))
        problems.push(msg('packetRowNotANumber', { ...where, value: shown }));
      else if (n < 0 || n > criterion.max)
        problems.push(
          message('packetRowOutOfRange', (lang) => ({
            ...where,
            points: formatPoints(n, lang),
            max: formatPoints(criterion.max, lang),
          })),
        );
      else points = n;
    }
    const note = textOf(cell(COL.appraisalNote));

    // The same row identity twice (a row copied by hand): the later row wins, as a later file does.
    const id = `${unitKey(unitId, file)}\u0000${criterion.id}`;
    const firstRow = seenAt.get(id);
    if (firstRow !== undefined) problems.push(msg('packetRowDuplicate', { ...where, first: firstRow }));
    seenAt.set(id, r);
    byIdentity.set(
      id,
      points === undefined && !note
        ? undefined
        : {
            unitId,
            unitName: unit.unitName,
            annex: annex.code,
            criterion: criterion.id,
            ...(points !== undefined ? { points } : {}),
            ...(note ? { note } : {}),
            file,
            formHash: unit.formHash,
            sheet: ws.name,
            row: r,
          },
    );
  }
  const appraisals = [...byIdentity.values()].filter((a): a is PacketAppraisal => a !== undefined);

  const reviewer = get(PACKET_META.reviewer);
  return {
    ok: true,
    rulebook: rb,
    packet: {
      ...identity,
      sheet: ws.name,
      groupTitle: get(PACKET_META.groupTitle) || group.title,
      ...(reviewer ? { reviewer } : {}),
      units,
      rows,
    },
    appraisals,
    problems,
  };
}
