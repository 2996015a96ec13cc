/**
 * applyPacketAppraisals: the appraisals read from returned packets → new ranking inputs whose
 * submissions carry them, so rank() gives the final totals on appraised points. Pure: the inputs are
 * never mutated (and no file is ever written: the submitted workbooks stay as the units sent them).
 *
 * Matching: a packet row names the unit (id), the annex, the criterion and the form it was made from
 * (file base name and the form's rulebook hash). The unit of each form is the one the ranking itself
 * identifies (by id, then by name through the unit list), so packets and ranking agree. When a unit
 * has several forms (a superseded duplicate), the form of the same file name is used; when none has
 * that name (the files were renamed), the form the ranking counts.
 */
import type { Rulebook } from '../core/rulebook/schema';
import { formatPoints } from '../core/numbers';
import { rank } from '../core/ranking/ranking';
import { fileBaseName } from '../core/ranking/received';
import { message } from '../core/ranking/text';
import type { RankingInput, RankingOptions, RankingStatus } from '../core/ranking/types';
import type { Appraisal, Submission } from '../form/types';
import { msg, type Lang, type Message } from '../i18n';
import type { PacketAppraisal } from './types';

export interface AppliedAppraisal {
  /** The input's file (as given to the ranking). */
  file: string;
  unitId: string;
  unitName: string;
  annex: string;
  criterion: string;
  points?: number;
  note?: string;
  /** The packet it came from. */
  source?: string;
}

export interface MergeResult {
  inputs: RankingInput[];
  /** One per (form, criterion) that received a value, the value that won. */
  applied: AppliedAppraisal[];
  problems: Message[];
}

type WithSubmission = Extract<RankingInput, { submission: Submission }>;
interface FormRef {
  index: number;
  annex: string;
  unitId: string;
  unitName: string;
  base: string;
  status: RankingStatus;
}

const describe = (a: Pick<PacketAppraisal, 'points' | 'note'>, lang: Lang) =>
  [
    a.points !== undefined ? formatPoints(a.points, lang) : undefined,
    a.note !== undefined ? `"${a.note}"` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
const from = (a: PacketAppraisal) => a.source ?? a.sheet ?? '?';

/**
 * Apply `appraisals` (in the order the packets were given: a later packet wins on a conflict) to the
 * forms among `inputs`. A value replaces only what it sets: a row with points only keeps the note the
 * form already had, and an empty row changes nothing.
 */
export function applyPacketAppraisals(
  rb: Rulebook,
  inputs: RankingInput[],
  appraisals: PacketAppraisal[],
  options: Pick<RankingOptions, 'year' | 'holidays'> = {},
): MergeResult {
  const problems: Message[] = [];
  // Who each form belongs to, as the ranking sees it.
  const ranking = rank(rb, inputs, options);
  const byFile = new Map<
    string,
    { unitId: string; unitName: string; status: RankingStatus; annex: string }
  >();
  for (const table of ranking.tables)
    for (const e of table.entries)
      if (e.file !== undefined)
        byFile.set(e.file, { unitId: e.unitId, unitName: e.unitName, status: e.status, annex: table.annex });
  const forms: FormRef[] = [];
  inputs.forEach((input, index) => {
    const seen = 'submission' in input ? byFile.get(input.file) : undefined;
    if (seen) forms.push({ index, ...seen, base: fileBaseName(input.file) });
  });

  const criteria = new Map(
    rb.annexes.map((a) => [a.code, new Map(a.groups.flatMap((g) => g.criteria).map((c) => [c.id, c]))]),
  );
  /** Per input index, per criterion: the appraisal that won so far. */
  const chosen = new Map<number, Map<string, PacketAppraisal>>();

  for (const a of appraisals) {
    const criterion = criteria.get(a.annex)?.get(a.criterion);
    if (!criterion) {
      problems.push(
        msg('packetMergeUnknownCriterion', { packet: from(a), annex: a.annex, criterion: a.criterion }),
      );
      continue;
    }
    const clean: PacketAppraisal = { ...a };
    if (
      clean.points !== undefined &&
      !(Number.isFinite(clean.points) && clean.points >= 0 && clean.points <= criterion.max)
    ) {
      const points = clean.points;
      problems.push(
        message('packetMergeOutOfRange', (lang) => ({
          packet: from(a),
          unit: a.unitName || a.unitId,
          criterion: a.criterion,
          points: formatPoints(points, lang),
          max: formatPoints(criterion.max, lang),
        })),
      );
      delete clean.points;
    }
    if (clean.points === undefined && clean.note === undefined) continue;

    const ofUnit = forms.filter(
      (f) => f.annex === a.annex && (a.unitId ? f.unitId === a.unitId : f.base === a.file),
    );
    const sameFile = ofUnit.filter((f) => f.base === a.file);
    const targets = sameFile.length ? sameFile : ofUnit.filter((f) => f.status !== 'duplicate');
    if (!targets.length) {
      problems.push(
        msg('packetMergeNoForm', {
          packet: from(a),
          unit: a.unitName || a.unitId || a.file,
          annex: a.annex,
          criterion: a.criterion,
        }),
      );
      continue;
    }
    for (const f of targets) {
      const sub = (inputs[f.index] as WithSubmission).submission;
      if (a.formHash && sub.meta.rulebookHash && a.formHash !== sub.meta.rulebookHash)
        problems.push(
          msg('packetMergeFormChanged', {
            packet: from(a),
            unit: f.unitName,
            file: f.base,
            formHash: sub.meta.rulebookHash,
            packetHash: a.formHash,
          }),
        );
      const mine = chosen.get(f.index) ?? new Map<string, PacketAppraisal>();
      chosen.set(f.index, mine);
      const earlier = mine.get(a.criterion);
      if (
        earlier &&
        from(earlier) !== from(clean) &&
        (earlier.points !== clean.points || earlier.note !== clean.note)
      )
        problems.push(
          message('packetMergeConflict', (lang) => ({
            unit: f.unitName,
            annex: a.annex,
            criterion: a.criterion,
            first: from(earlier),
            firstValue: describe(earlier, lang),
            second: from(clean),
            secondValue: describe(clean, lang),
          })),
        );
      mine.set(a.criterion, clean);
    }
  }

  const applied: AppliedAppraisal[] = [];
  const out = inputs.map((input, index) => {
    const mine = chosen.get(index);
    if (!mine || !('submission' in input)) return input;
    const sub = input.submission;
    const form = forms.find((f) => f.index === index)!;
    const appraisals: Record<string, Appraisal> = { ...sub.appraisals };
    for (const [criterion, a] of mine) {
      appraisals[criterion] = {
        ...sub.appraisals?.[criterion],
        ...(a.points !== undefined ? { points: a.points } : {}),
        ...(a.note !== undefined ? { note: a.note } : {}),
      };
      applied.push({
        file: input.file,
        unitId: form.unitId,
        unitName: form.unitName,
        annex: form.annex,
        criterion,
        ...(a.points !== undefined ? { points: a.points } : {}),
        ...(a.note !== undefined ? { note: a.note } : {}),
        ...(a.source !== undefined ? { source: a.source } : {}),
      });
    }
    return { ...input, submission: { ...sub, appraisals } };
  });
  return { inputs: out, applied, problems };
}
