/**
 * Review packets (phiếu thẩm định theo nhóm tiêu chí): the Sở Nội vụ proposal of 2020 (seeds/000).
 * The ICT department consolidates the self-assessments BY CRITERIA GROUP and sends each member of the
 * appraisal council the part of their field (Sở Nội vụ: IT staff; Sở KH&ĐT: IT investment), who
 * appraises it at their own office and sends it back; the returned appraisals feed the ranking.
 *
 * A packet is one (annex, criteria group): for every unit that sent a form of the annex, that group's
 * criteria with the unit's inputs, self points, evidence and reason, and the appraisal to fill.
 */
import type { Provenance } from '../core/rulebook/schema';
import type { RankingStatus } from '../core/ranking/types';
import type { Appraisal } from '../form/types';

/** What a packet is for: enough to refuse a packet of another rulebook, year, annex or group. */
export interface PacketIdentity {
  rulebookId: string;
  rulebookVersion: string;
  /** contentHash(rulebook) when the packet was made. */
  rulebookHash: string;
  annex: string;
  /** Criteria-group code within the annex. */
  group: string;
  year: number;
}

export interface PacketCriterion {
  id: string;
  title: string;
  max: number;
  provenance: Provenance;
}

/** One input of a criterion as the unit entered it, labelled as on the form ("Tử số: 12"). */
export interface PacketInput {
  label: string;
  /** As shown to the reviewer (Vietnamese number format, yes/no as typed); '' when blank. */
  value: string;
}

/** A difference between the unit's figure and a specialised agency's (rank --reference), for the reviewer to weigh. */
export interface PacketCrossCheck {
  /** The input's label ("Tử số"), or its key. */
  input: string;
  reported: number;
  reference: number;
  /** The agency that supplied the figure ('' when the table names none). */
  source: string;
  /** The points the reference figure would give. */
  referencePoints: number;
}

/** One unit's entry for one criterion of the group. */
export interface PacketEntry {
  criterion: string;
  inputs: PacketInput[];
  notApplicable: boolean;
  /** The engine's self points (relativeToBest completed against the best unit, as the ranking does). */
  selfPoints: number;
  evidence: string;
  reason: string;
  /** Prefilled from the submission when it already carries an appraisal. */
  appraisal: Appraisal;
  /** Differences from the specialised agencies' figures (only with a reference table). */
  crossChecks?: PacketCrossCheck[];
}

/**
 * One unit's form in the packet. Identity of a row: unitId + criterion, with the form's file (base
 * name, `file [sheet]` for a workbook holding several forms) and the form's rulebook hash, so a
 * returned packet is matched back to the very form it was made from.
 */
export interface PacketUnit {
  /** The unit's id in the rulebook's list; the form's own id when it matches no unit ('' if none). */
  unitId: string;
  unitName: string;
  file: string;
  formHash: string;
  /** The ranking's status of the form: ranked, late or invalid (superseded duplicates are left out). */
  status: RankingStatus;
  /** Self subtotal of the group. */
  selfGroupPoints: number;
  entries: PacketEntry[];
}

export interface Packet {
  identity: PacketIdentity;
  rulebookTitle: string;
  /** The reconstruction notice naming this rulebook's source (shown when a criterion is reconstructed). */
  reconstructionNotice: string;
  /** "1867/QĐ-UBND" and its date, for the heading. */
  decision: { number: string; date: string };
  annexTitle: string;
  groupTitle: string;
  /** The group's maximum as the form shows it (sum of its criteria maxima; the scale of an averaged annex). */
  groupMax: number;
  /** Who appraises the group (Sở Nội vụ, …), when the ICT department said so. */
  reviewer?: string;
  criteria: PacketCriterion[];
  units: PacketUnit[];
}

/** An appraisal as read back from a returned packet, ready to merge into the submissions. */
export interface PacketAppraisal {
  unitId: string;
  unitName: string;
  annex: string;
  criterion: string;
  points?: number;
  note?: string;
  /** The form's file base name and rulebook hash recorded in the packet. */
  file: string;
  formHash: string;
  /** Where it was read: the packet file (set by the caller), sheet and 1-based row. */
  source?: string;
  sheet?: string;
  row?: number;
}
