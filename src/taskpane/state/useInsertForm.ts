/**
 * The "insert a form" panel's state and actions: the choices, the rulebook file loader, the unit
 * search, and submit → planForm → host.insertForm.
 */
import { useCallback, useMemo, useReducer, useRef } from 'react';
import { searchUnits } from '../../core/units';
import type { Annex, Rulebook, Unit } from '../../core/rulebook/schema';
import type { WorkbookHost } from '../../host/types';
import { msg } from '../../i18n';
import {
  chosenUnit,
  failureReason,
  hasProblems,
  initialInsertState,
  insertProblems,
  insertReducer,
  parseYear,
  type InsertAction,
  type InsertProblems,
  type InsertState,
} from './insert';
import { RulebookFileError } from './rulebook-file-error';
import { fileText } from './chosen-file';
import type { RulebookChoice, RulebookLibrary } from './rulebooks';

/** At most this many units are listed at once; typing narrows the list. */
export const UNIT_LIST_LIMIT = 50;

export interface InsertForm {
  state: InsertState;
  dispatch: (action: InsertAction) => void;
  choices: RulebookChoice[];
  rulebook?: Rulebook;
  annex?: Annex;
  problems: InsertProblems;
  /** Units of the chosen annex matching the text (all of them once one is picked), and how many match. */
  units: { shown: Unit[]; total: number };
  loadFile: (file: File) => Promise<void>;
  submit: () => Promise<void>;
}

export function useInsertForm(
  host: WorkbookHost,
  library: RulebookLibrary,
  options: { year?: number; onRulebookAdded?: () => void } = {},
): InsertForm {
  const [libraryVersion, libraryChanged] = useReducer((n: number) => n + 1, 0);
  // the library is mutable (a rulebook added); libraryVersion is what says its choices changed
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const choices = useMemo(() => library.choices(), [library, libraryVersion]);
  const [state, dispatch] = useReducer(insertReducer, undefined, () => {
    const first = choices[0];
    return initialInsertState(
      options.year ?? new Date().getFullYear(),
      first?.key,
      first?.rulebook.annexes.map((a) => a.code),
    );
  });
  const rulebook = choices.find((c) => c.key === state.rulebookKey)?.rulebook;
  const annex = rulebook?.annexes.find((a) => a.code === state.annex);
  const problems = insertProblems(state, rulebook);

  const units = useMemo(() => {
    if (!rulebook || !annex) return { shown: [], total: 0 };
    const all = searchUnits(rulebook, state.unitId ? '' : state.unitText, annex.code);
    return { shown: all.slice(0, UNIT_LIST_LIMIT), total: all.length };
  }, [rulebook, annex, state.unitText, state.unitId]);

  const latest = useRef({ state, rulebook, annex, problems });
  latest.current = { state, rulebook, annex, problems };
  const { onRulebookAdded } = options;

  const loadFile = useCallback(
    async (file: File) => {
      try {
        const choice = library.addFile(await fileText(file), file.name);
        libraryChanged();
        dispatch({
          type: 'rulebookChosen',
          key: choice.key,
          annexes: choice.rulebook.annexes.map((a) => a.code),
        });
        onRulebookAdded?.();
      } catch (e) {
        const reason =
          e instanceof RulebookFileError
            ? e.reason
            : msg('paneRulebookFileUnreadable', {
                file: file.name,
                detail: (e as Error)?.message ?? String(e),
              });
        dispatch({ type: 'fileRejected', reason });
      }
    },
    [library, onRulebookAdded],
  );

  const submit = useCallback(async () => {
    const { state: s, rulebook: rb, annex: ax, problems: p } = latest.current;
    if (s.phase.kind === 'inserting') return;
    const valid = !hasProblems(p) && !!rb && !!ax;
    dispatch({ type: 'submitted', valid });
    if (!valid) return;
    try {
      const unit = chosenUnit(s, rb!, ax!.code);
      // the form planner loads with the insert view (its own chunk), not with the pane
      const { planForm } = await import(/* webpackChunkName: "insert" */ '../../form/plan');
      const plan = planForm(rb!, ax!.code, { id: unit.id, name: unit.name }, parseYear(s.year)!);
      const result = await host.insertForm(plan);
      dispatch({ type: 'inserted', sheetName: result.sheetName, upgraded: result.upgraded });
    } catch (e) {
      dispatch({ type: 'failed', reason: failureReason(e) });
    }
  }, [host]);

  return { state, dispatch, choices, rulebook, annex, problems, units, loadFile, submit };
}
