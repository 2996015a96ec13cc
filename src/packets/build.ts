/**
 * buildPackets: a rulebook and the submitted forms (the ranking's inputs) → one review packet per
 * (annex, criteria group). Pure. The ranking itself decides which forms count and their status, so
 * a packet never disagrees with `scorecard rank` on who is late or invalid, nor on self points (a
 * relativeToBest criterion is completed against the best unit exactly as the ranking does).
 */
import type { Annex, Criterion, Rulebook } from '../core/rulebook/schema';
import { ruleInputs, type InputSpec } from '../core/rulebook/inputs';
import { contentHash } from '../core/rulebook/load';
import { reconstructionNotice } from '../core/rulebook/policies';
import { isNotApplicable } from '../core/scoring/score';
import { parseNumber, parseYesNo, round2 } from '../core/numbers';
import { rank } from '../core/ranking/ranking';
import { fileBaseName } from '../core/ranking/received';
import type { RankingEntry, RankingInput, RankingOptions } from '../core/ranking/types';
import type { Submission } from '../form/types';
import type { CriterionEntry } from '../core/scoring/types';
import { t, type MessageKey } from '../i18n';
import type { CrossCheck } from '../core/crosscheck/compare';
import type { Packet, PacketCrossCheck, PacketEntry, PacketInput, PacketUnit } from './types';

export interface PacketOptions extends RankingOptions {
  /** Who appraises each criteria group, by group code: { '3': 'Sở Nội vụ', '5': 'Sở Kế hoạch và Đầu tư' }. */
  reviewers?: Record<string, string>;
  /** The cross-checks of the same forms (rank --reference): each is shown on its unit's criterion row. */
  crossChecks?: CrossCheck[];
}

const vi = (key: MessageKey, params?: Record<string, string | number>) => t('vi', key, params);
const byName = (a: string, b: string) => a.localeCompare(b, 'vi');
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A number as Vietnamese readers write it, every decimal kept: 1234.5 → "1234,5". */
function viNumber(n: number): string {
  return String(n).replace('.', ',');
}

/** The label of an input as the form prints it (form/plan.ts), without the form's point hints. */
export function inputLabel(spec: InputSpec): string {
  if (spec.label) return spec.label;
  if (spec.key === 'numerator') return vi('inputNumerator');
  if (spec.key === 'denominator') return vi('inputDenominator');
  const byKind: Record<InputSpec['kind'], MessageKey> = {
    number: 'inputValue',
    count: 'inputCount',
    percent: 'inputPercent',
    yesNo: 'inputYesNo',
    choice: 'inputValue',
    points: 'inputPoints',
  };
  return vi(byKind[spec.kind]);
}

/** An entered value as the reviewer should read it; what cannot be read as the input's kind is shown as typed. */
export function inputDisplay(spec: InputSpec, raw: unknown): string {
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'string' && raw.trim() === '') return '';
  if (spec.kind === 'yesNo') {
    const yes = parseYesNo(raw);
    return yes === true ? vi('yes') : yes === false ? vi('no') : String(raw);
  }
  const n = parseNumber(raw);
  if (n === undefined || !Number.isFinite(n)) return String(raw);
  if (spec.kind === 'percent') return `${viNumber(round2(n * 100))}%`;
  if (spec.kind === 'choice') {
    const level = spec.choices?.find((ch) => ch.value === n);
    return level ? `${viNumber(n)} - ${level.label}` : viNumber(n);
  }
  return viNumber(n);
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());

function packetEntry(
  c: Criterion,
  submission: Submission,
  entry: RankingEntry,
  checks: PacketCrossCheck[],
): PacketEntry {
  const e: CriterionEntry | undefined = submission.entries[c.id];
  const notApplicable = isNotApplicable(c, e);
  const inputs: PacketInput[] = notApplicable
    ? []
    : ruleInputs(c).map((spec) => ({ label: inputLabel(spec), value: inputDisplay(spec, e?.[spec.key]) }));
  const own = submission.appraisals?.[c.id];
  return {
    criterion: c.id,
    inputs,
    notApplicable,
    selfPoints: entry.selfCriteria[c.id] ?? 0,
    evidence: text(e?.evidence),
    reason: text(e?.reason),
    appraisal: {
      ...(typeof own?.points === 'number' && Number.isFinite(own.points) ? { points: own.points } : {}),
      ...(own?.note !== undefined && text(own.note) !== '' ? { note: String(own.note) } : {}),
    },
    ...(checks.length ? { crossChecks: checks } : {}),
  };
}

/**
 * One packet per (annex, criteria group) of the annexes that received at least one form. Units come
 * in the order of the rulebook's unit list (Phụ lục V), then forms whose unit is not in the list, by
 * name. Forms the ranking marks `duplicate` (superseded by a later file of the same unit) are left out:
 * they never count. A `late` or `invalid` form is kept, with its status, so the council sees it.
 */
export function buildPackets(rb: Rulebook, inputs: RankingInput[], options: PacketOptions = {}): Packet[] {
  const { reviewers, crossChecks = [], ...rankingOptions } = options;
  // A cross-check concerns one unit's criterion in one annex.
  const checksOf = (annex: string, entry: RankingEntry, criterion: string): PacketCrossCheck[] =>
    crossChecks
      .filter(
        (x) =>
          x.annex === annex &&
          x.unitId === entry.unitId &&
          x.unitName === entry.unitName &&
          x.criterion === criterion,
      )
      .map((x) => ({
        input: x.inputLabel ?? x.input,
        reported: x.reported,
        reference: x.reference,
        source: x.source,
        referencePoints: x.referencePoints,
      }));
  const ranking = rank(rb, inputs, rankingOptions);
  if (ranking.year === undefined) return [];
  const year = ranking.year;
  const hash = contentHash(rb);
  const byFile = new Map<string, Submission>();
  for (const i of inputs) if ('submission' in i) byFile.set(i.file, i.submission);
  const listOrder = new Map(rb.units.map((u, i) => [u.id, i]));

  const packets: Packet[] = [];
  for (const table of ranking.tables) {
    const annex: Annex = rb.annexes.find((a) => a.code === table.annex)!;
    const forms = table.entries
      .filter(
        (e) =>
          e.status !== 'missing' && e.status !== 'duplicate' && e.file !== undefined && byFile.has(e.file),
      )
      .sort(
        (a, b) =>
          (a.matched && listOrder.has(a.unitId) ? listOrder.get(a.unitId)! : Infinity) -
            (b.matched && listOrder.has(b.unitId) ? listOrder.get(b.unitId)! : Infinity) ||
          byName(a.unitName, b.unitName) ||
          byCodePoint(a.file!, b.file!),
      );
    if (!forms.length) continue;
    for (const group of annex.groups) {
      const units: PacketUnit[] = forms.map((e) => {
        const submission = byFile.get(e.file!)!;
        return {
          unitId: e.unitId,
          unitName: e.unitName,
          file: fileBaseName(e.file!),
          formHash: submission.meta.rulebookHash ?? '',
          status: e.status,
          selfGroupPoints: e.selfGroups[group.code] ?? 0,
          entries: group.criteria.map((c) => packetEntry(c, submission, e, checksOf(annex.code, e, c.id))),
        };
      });
      const reviewer = reviewers?.[group.code]?.trim();
      packets.push({
        identity: {
          rulebookId: rb.id,
          rulebookVersion: rb.version,
          rulebookHash: hash,
          annex: annex.code,
          group: group.code,
          year,
        },
        rulebookTitle: rb.title,
        reconstructionNotice: reconstructionNotice(rb).vi,
        decision: { number: rb.decision.number, date: rb.decision.date },
        annexTitle: annex.title,
        groupTitle: group.title,
        // As the form's group row: the annex's scale for an averaged annex, else the sum of the maxima.
        groupMax:
          annex.aggregate === 'mean' ? annex.max : round2(group.criteria.reduce((s, c) => s + c.max, 0)),
        ...(reviewer ? { reviewer } : {}),
        criteria: group.criteria.map((c) => ({
          id: c.id,
          title: c.title,
          max: c.max,
          provenance: c.provenance,
        })),
        units,
      });
    }
  }
  return packets;
}

/** The packet's file name: thamdinh_<annex>_nhom<code>.xlsx (annex and group codes are [A-Za-z0-9_]). */
export function packetFileName(identity: Pick<Packet['identity'], 'annex' | 'group'>): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
  return `thamdinh_${safe(identity.annex)}_nhom${safe(identity.group)}.xlsx`;
}
