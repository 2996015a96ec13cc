/**
 * The packet workbook's layout contract (layout version 1), shared by the writer and the reader:
 * the table's columns, the hidden identity columns and the hidden metadata sheet's keys.
 * docs/review-packets.md describes it for outside tools.
 */

/** Bumped when the columns or the metadata change, so an older reader refuses a newer packet. */
export const PACKET_LAYOUT_VERSION = 1;

/** Very hidden sheet holding the packet's identity as key/value rows. */
export const PACKET_META_SHEET = '_scorecard_packet';
/** Value of the `kind` row: what tells a packet from a form or any other workbook. */
export const PACKET_KIND = 'scorecard-review-packet';

/** Table columns, 0-based. The last four are hidden and locked: the identity of each row. */
export const PACKET_COL = {
  no: 0,
  unit: 1,
  status: 2,
  criterionId: 3,
  criterion: 4,
  max: 5,
  inputs: 6,
  selfPoints: 7,
  evidence: 8,
  reason: 9,
  appraisal: 10,
  appraisalNote: 11,
  idUnit: 12,
  idCriterion: 13,
  idFile: 14,
  idFormHash: 15,
} as const;
export const PACKET_LAST_VISIBLE_COL = PACKET_COL.appraisalNote;
export const PACKET_COLUMN_WIDTHS = [5, 26, 12, 7, 40, 8, 28, 9, 24, 24, 11, 28, 16, 8, 24, 18];

/** Metadata keys (column A of the metadata sheet; the value in column B). */
export const PACKET_META = {
  kind: 'kind',
  layoutVersion: 'layoutVersion',
  rulebookId: 'rulebookId',
  rulebookVersion: 'rulebookVersion',
  rulebookHash: 'rulebookHash',
  annex: 'annex',
  group: 'group',
  year: 'year',
  /** The table sheet's name when the packet was written. */
  sheet: 'sheet',
  /** 1-based row of the table header; data rows follow. */
  headerRow: 'headerRow',
  groupTitle: 'groupTitle',
  reviewer: 'reviewer',
  /** One row per unit: unit, unitId, file, formHash, unitName (columns A–E). */
  unit: 'unit',
} as const;
