/**
 * Reviewer mode's state: the active form as the council member sees it (self points, appraisals, the
 * summary of differences), the criterion being appraised (from the selection in Excel, or picked),
 * the reviewer setting (remembered), the comment threads and the form's log, and recording.
 *
 * Reads: the active form and the selection after every change the pane is told about (2 syncs); the
 * threads and log when the form changes, after recording and on request (1–2 syncs; docs/appraisal.md).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { findAnnex } from '../../core/rulebook/load';
import type { Annex, Rulebook } from '../../core/rulebook/schema';
import { score } from '../../core/scoring/score';
import type { AnnexScore } from '../../core/scoring/types';
import {
  appraisalProblem,
  logTime,
  parseAppraisedPoints,
  summarizeAppraisal,
  type AppraisalRead,
  type AppraisalSummary,
  type AppraiseResult,
  type Reviewer,
} from '../../core/appraisal';
import { criterionAtCell } from '../../form/selection';
import { formatPoints } from '../../core/numbers';
import { readSubmission } from '../../form/read';
import type { FormMeta, Submission } from '../../form/types';
import type { WorkbookHost } from '../../host/types';
import type { Message } from '../../i18n';
import { errorMessage } from './errors';
import type { RulebookLibrary } from './rulebooks';
import { trySet, type KeyValueStore } from './storage';

export const REVIEWER_KEY = 'scorecard.reviewer';

export function readReviewer(store: KeyValueStore): Reviewer {
  try {
    const parsed = JSON.parse(store.getItem(REVIEWER_KEY) ?? '{}') as Partial<Reviewer>;
    return {
      body: typeof parsed.body === 'string' ? parsed.body : '',
      name: typeof parsed.name === 'string' ? parsed.name : '',
    };
  } catch {
    return { body: '', name: '' };
  }
}

/** The active form, ready for appraisal. */
export interface ReviewForm {
  kind: 'form';
  sheetName: string;
  meta: FormMeta;
  rulebook: Rulebook;
  annex: Annex;
  addresses: Record<string, string>;
  submission: Submission;
  self: AnnexScore;
  summary: AppraisalSummary;
  reconstructed: boolean;
}

export type ReviewTarget =
  | { kind: 'loading' }
  | { kind: 'noForm' }
  | { kind: 'unknownRulebook'; sheetName: string; meta: FormMeta }
  | { kind: 'failed'; detail: Message }
  | ReviewForm;

/** The form model from what the host read (pure). */
export function reviewForm(
  active: Awaited<ReturnType<WorkbookHost['readActive']>>,
  library: RulebookLibrary,
): ReviewTarget {
  if (active.kind !== 'form') return { kind: 'noForm' };
  const resolution = library.resolve(active.meta);
  if (!resolution.ok) return { kind: 'unknownRulebook', sheetName: active.sheetName, meta: active.meta };
  const annex = findAnnex(resolution.rulebook, active.meta.annex);
  const submission = readSubmission(resolution.rulebook, active.meta, active.values);
  const self = score(annex, submission.entries);
  return {
    kind: 'form',
    sheetName: active.sheetName,
    meta: active.meta,
    rulebook: resolution.rulebook,
    annex,
    addresses: active.addresses,
    submission,
    self,
    summary: summarizeAppraisal(annex, self, submission.appraisals),
    reconstructed: annex.groups.some((g) => g.criteria.some((c) => c.provenance === 'reconstructed')),
  };
}

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; criterionId: string; result: AppraiseResult }
  | { kind: 'failed'; detail: Message };

export interface ReviewerState {
  target: ReviewTarget;
  reviewer: Reviewer;
  setReviewer: (r: Reviewer) => void;
  criterionId?: string;
  pick: (id: string) => void;
  pointsText: string;
  setPointsText: (s: string) => void;
  comment: string;
  setComment: (s: string) => void;
  /** Why the entered points or the form cannot be recorded (shown before saving). */
  pointsError?: Message;
  problem?: Message;
  save: () => Promise<void>;
  saveState: SaveState;
  appraisals?: AppraisalRead;
  readError?: Message;
  refresh: () => void;
}

const formKey = (t: ReviewTarget) =>
  t.kind === 'form' ? `${t.sheetName}|${t.meta.unitId}|${t.meta.annex}` : t.kind;

/** `changes`: a value that changes whenever the workbook may have changed (the live view's read). */
export function useReviewer(
  host: WorkbookHost,
  library: RulebookLibrary,
  store: KeyValueStore,
  changes: unknown,
): ReviewerState {
  const [target, setTarget] = useState<ReviewTarget>({ kind: 'loading' });
  const [reviewer, setReviewerState] = useState<Reviewer>(() => readReviewer(store));
  const [criterionId, setCriterionId] = useState<string | undefined>();
  const [pointsText, setPointsText] = useState('');
  const [comment, setComment] = useState('');
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [appraisals, setAppraisals] = useState<AppraisalRead | undefined>();
  const [readError, setReadError] = useState<Message | undefined>();
  const [threadsTick, setThreadsTick] = useState(0);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // The form and the selection, after every change.
  useEffect(() => {
    let current = true;
    (async () => {
      try {
        const next = reviewForm(await host.readActive(), library);
        const selected = next.kind === 'form' && host.selectedCell ? await host.selectedCell() : undefined;
        if (!current) return;
        setTarget(next);
        if (
          next.kind === 'form' &&
          selected &&
          selected.sheetName.toLowerCase() === next.sheetName.toLowerCase()
        ) {
          const id = criterionAtCell(next.annex, next.addresses, selected.address);
          if (id) setCriterionId(id);
        }
      } catch (e) {
        if (current) setTarget({ kind: 'failed', detail: errorMessage(e) });
      }
    })();
    return () => {
      current = false;
    };
  }, [host, library, changes]);

  // A criterion of another form is not kept.
  const key = formKey(target);
  useEffect(() => {
    if (target.kind === 'form' && criterionId && !target.self.criteria.some((c) => c.id === criterionId))
      setCriterionId(undefined);
  }, [key, target, criterionId]);

  // The threads and the log: when the form changes, after recording, on request.
  // keyed on the form, not on the target object, which is new at every edit of the form's cells
  const criterionIds = useMemo(
    () => (target.kind === 'form' ? target.self.criteria.map((c) => c.id) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  useEffect(() => {
    if (target.kind !== 'form' || !host.readAppraisals) {
      setAppraisals(undefined);
      return;
    }
    let current = true;
    host
      .readAppraisals(criterionIds)
      .then((read) => {
        if (!current) return;
        setAppraisals(read);
        setReadError(undefined);
      })
      .catch((e) => current && setReadError(errorMessage(e)));
    return () => {
      current = false;
    };
  }, [host, key, criterionIds, threadsTick]); // eslint-disable-line react-hooks/exhaustive-deps

  // A newly chosen criterion starts from its current appraised points and an empty remark.
  const currentPoints =
    target.kind === 'form' && criterionId ? target.submission.appraisals[criterionId]?.points : undefined;
  useEffect(() => {
    setPointsText(currentPoints === undefined ? '' : formatPoints(currentPoints));
    setComment('');
    setSaveState((s) => (s.kind === 'saving' ? s : { kind: 'idle' }));
  }, [criterionId, key]); // eslint-disable-line react-hooks/exhaustive-deps

  const setReviewer = useCallback(
    (r: Reviewer) => {
      setReviewerState(r);
      trySet(store, REVIEWER_KEY, JSON.stringify(r));
    },
    [store],
  );

  const criterion =
    target.kind === 'form' && criterionId
      ? target.self.criteria.find((c) => c.id === criterionId)
      : undefined;
  const parsed = criterion ? parseAppraisedPoints(pointsText, criterion.max) : undefined;
  const pointsError = parsed && !parsed.ok ? parsed.error : undefined;
  const problem = parsed?.ok ? appraisalProblem(reviewer, parsed.points, comment) : undefined;

  const save = useCallback(async () => {
    if (!host.appraise || target.kind !== 'form' || !criterion || !parsed?.ok || problem) return;
    setSaveState({ kind: 'saving' });
    try {
      const result = await host.appraise({
        criterionId: criterion.id,
        sheetName: target.sheetName,
        points: parsed.points,
        comment,
        reviewer,
        selfPoints: criterion.points,
        max: criterion.max,
        time: logTime(new Date()),
      });
      if (!alive.current) return;
      setSaveState({ kind: 'saved', criterionId: criterion.id, result });
      setComment('');
    } catch (e) {
      if (alive.current) setSaveState({ kind: 'failed', detail: errorMessage(e) });
      return;
    }
    // read the form again (the pane's watcher may not fire for the add-in's own writes) and the threads
    refresh();
  }, [host, target, criterion, parsed, problem, comment, reviewer]); // eslint-disable-line react-hooks/exhaustive-deps

  function refresh() {
    host
      .readActive()
      .then((a) => alive.current && setTarget(reviewForm(a, library)))
      .catch((e) => alive.current && setTarget({ kind: 'failed', detail: errorMessage(e) }));
    setThreadsTick((n) => n + 1);
  }

  return {
    target,
    reviewer,
    setReviewer,
    criterionId,
    pick: setCriterionId,
    pointsText,
    setPointsText,
    comment,
    setComment,
    pointsError,
    problem,
    save,
    saveState,
    appraisals,
    readError,
    refresh,
  };
}
