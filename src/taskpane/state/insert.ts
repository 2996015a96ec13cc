/**
 * "Insert a form" as a small state machine: the user edits the choices (rulebook, annex, unit, year),
 * submits, the host inserts, and the pane shows the result. Any edit after a result starts over.
 *
 *   editing ──submit (no problems)──▶ inserting ──▶ done | failed ──edit──▶ editing
 */
import { matchUnit, normalizeName } from '../../core/units';
import type { Annex, Rulebook, Unit } from '../../core/rulebook/schema';
import { msg, type Message, type MessageKey } from '../../i18n';
import { errorMessage } from './errors';

export type InsertPhase =
  | { kind: 'editing' }
  | { kind: 'inserting' }
  | { kind: 'done'; sheetName: string; upgraded: boolean }
  | { kind: 'failed'; reason: Message };

export interface InsertState {
  rulebookKey?: string;
  annex?: string;
  /** The text in the unit box (typed, or the name of the chosen unit). */
  unitText: string;
  /** Set when a unit was picked from the list, cleared by typing. */
  unitId?: string;
  year: string;
  /** Why the last rulebook file was refused. */
  fileError?: Message;
  /** Show the problems of the choices (after a first submit). */
  showProblems: boolean;
  phase: InsertPhase;
}

export type InsertAction =
  | { type: 'rulebookChosen'; key: string; annexes: string[] }
  | { type: 'fileRejected'; reason: Message }
  | { type: 'annexChosen'; annex: string }
  | { type: 'unitTyped'; text: string }
  | { type: 'unitChosen'; id: string; name: string }
  | { type: 'yearTyped'; text: string }
  | { type: 'submitted'; valid: boolean }
  | { type: 'inserted'; sheetName: string; upgraded: boolean }
  | { type: 'failed'; reason: Message };

export function initialInsertState(year: number, rulebookKey?: string, annexes: string[] = []): InsertState {
  return {
    rulebookKey,
    annex: annexes[0],
    unitText: '',
    year: String(year),
    showProblems: false,
    phase: { kind: 'editing' },
  };
}

const edited = (s: InsertState): InsertState =>
  s.phase.kind === 'inserting' ? s : { ...s, phase: { kind: 'editing' } };

export function insertReducer(state: InsertState, action: InsertAction): InsertState {
  switch (action.type) {
    case 'rulebookChosen': {
      const annex = state.annex && action.annexes.includes(state.annex) ? state.annex : action.annexes[0];
      const sameRulebook = action.key === state.rulebookKey && annex === state.annex;
      return edited({
        ...state,
        rulebookKey: action.key,
        annex,
        fileError: undefined,
        ...(sameRulebook ? {} : { unitText: '', unitId: undefined }),
      });
    }
    case 'fileRejected':
      return { ...state, fileError: action.reason };
    case 'annexChosen':
      return action.annex === state.annex
        ? state
        : edited({ ...state, annex: action.annex, unitText: '', unitId: undefined });
    case 'unitTyped':
      return edited({ ...state, unitText: action.text, unitId: undefined });
    case 'unitChosen':
      return edited({ ...state, unitText: action.name, unitId: action.id });
    case 'yearTyped':
      return edited({ ...state, year: action.text });
    case 'submitted':
      if (state.phase.kind === 'inserting') return state;
      return action.valid
        ? { ...state, showProblems: false, phase: { kind: 'inserting' } }
        : { ...state, showProblems: true, phase: { kind: 'editing' } };
    case 'inserted':
      return { ...state, phase: { kind: 'done', sheetName: action.sheetName, upgraded: action.upgraded } };
    case 'failed':
      return { ...state, phase: { kind: 'failed', reason: action.reason } };
  }
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export interface InsertProblems {
  rulebook?: MessageKey;
  annex?: MessageKey;
  unit?: MessageKey;
  year?: MessageKey;
}

export function parseYear(text: string): number | undefined {
  const s = text.trim();
  if (!/^\d{4}$/.test(s)) return undefined;
  const y = Number(s);
  return y >= MIN_YEAR && y <= MAX_YEAR ? y : undefined;
}

export function insertProblems(state: InsertState, rulebook: Rulebook | undefined): InsertProblems {
  const problems: InsertProblems = {};
  if (!rulebook) problems.rulebook = 'paneChooseRulebook';
  else if (!state.annex || !rulebook.annexes.some((a) => a.code === state.annex))
    problems.annex = 'paneChooseAnnex';
  if (!state.unitText.trim()) problems.unit = 'paneUnitRequired';
  if (parseYear(state.year) === undefined) problems.year = 'paneYearInvalid';
  return problems;
}

export const hasProblems = (p: InsertProblems) => Object.keys(p).length > 0;

/** A unit typed freely (not in the rulebook's list): its id is the name without marks, in kebab case. */
export function freeUnit(name: string): { id: string; name: string } {
  const clean = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  const id = normalizeName(clean)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return { id: id || 'don-vi', name: clean };
}

/** The unit the form is made for: the one picked, else the list's match for the text, else the text. */
export function chosenUnit(
  state: InsertState,
  rulebook: Rulebook,
  annex: string,
): { id: string; name: string; listed: boolean } {
  const picked = state.unitId ? rulebook.units.find((u) => u.id === state.unitId) : undefined;
  const unit: Unit | undefined = picked ?? matchUnit(rulebook, state.unitText, annex);
  return unit
    ? { id: unit.id, name: unit.name, listed: true }
    : { ...freeUnit(state.unitText), listed: false };
}

export function annexHasReconstructed(annex: Annex | undefined): boolean {
  return !!annex?.groups.some((g) => g.criteria.some((c) => c.provenance === 'reconstructed'));
}

/** A failure from the host or the planner: its own bilingual reason, or the error text in ours. */
export function failureReason(e: unknown): Message {
  const carried = errorMessage(e);
  const text = (e as Error)?.message ?? String(e);
  if (carried.vi !== text || carried.en !== text) return carried;
  return msg('paneInsertFailed', { detail: text });
}
