/**
 * Reviewer mode ("Thẩm định"), loaded on first use as its own chunk. For the criterion
 * selected in Excel (or picked here) the council member enters the appraised points (0..max, typed
 * as Vietnamese numbers) and a remark; the host writes the APPR_/APPRNOTE_ cells, a comment headed
 * with the reviewer's body and name on the self-score cell, and a row of the appraisal log. The view
 * shows the thread on that cell (replies, resolved), the summary of differences and the form's log,
 * and says so when this Excel cannot take comments (the fallback in use). State: state/useReviewer.ts.
 */
import type { ReactNode } from 'react';
import {
  Badge,
  Button,
  Field,
  Input,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { formatPoints } from '../../core/numbers';
import type { AppraisalRead, AppraisalThread, AppraiseResult } from '../../core/appraisal';
import type { Capabilities, WorkbookHost } from '../../host/types';
import { Notice } from '../components/Notice';
import { useViewStyles } from '../components/viewStyles';
import { useText, type Text as PaneText } from '../state/lang';
import type { RulebookLibrary } from '../state/rulebooks';
import type { KeyValueStore } from '../state/storage';
import { useReviewer, type ReviewForm, type ReviewerState } from '../state/useReviewer';

const useStyles = makeStyles({
  tight: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'flex-end' },
  grow: { flexGrow: 1, minWidth: '140px' },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  messages: {
    margin: 0,
    paddingLeft: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  reply: { marginLeft: tokens.spacingHorizontalL },
  number: { textAlign: 'right', whiteSpace: 'nowrap' },
  minus: { color: tokens.colorPaletteRedForeground1 },
  // a native select is as wide as its longest option (a criterion's title) unless told otherwise
  select: {
    minWidth: 0,
    width: '100%',
    '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
  },
  plus: { color: tokens.colorPaletteGreenForeground1 },
});

export interface ReviewerViewProps {
  host: WorkbookHost;
  library: RulebookLibrary;
  store: KeyValueStore;
  /** Changes whenever the workbook may have changed (the live view's latest read). */
  changes: unknown;
}

export default function ReviewerView({ host, library, store, changes }: ReviewerViewProps) {
  const { t } = useText();
  const common = useViewStyles();
  const state = useReviewer(host, library, store, changes);
  if (!host.appraise)
    return (
      <Notice intent="info" testId="appraisal-unavailable">
        {t('appraisalNeedsExcel')}
      </Notice>
    );
  return (
    <div className={common.stack} data-testid="reviewer-view">
      <ReviewerSetting state={state} />
      <Body state={state} capabilities={host.capabilities()} />
    </div>
  );
}

function ReviewerSetting({ state }: { state: ReviewerState }) {
  const { t } = useText();
  const styles = useStyles();
  const common = useViewStyles();
  const { reviewer, setReviewer } = state;
  return (
    <section className={styles.card} aria-labelledby="reviewer-heading">
      <h2 id="reviewer-heading" className={common.subheading}>
        {t('appraisalReviewerTitle')}
      </h2>
      <div className={styles.row}>
        <Field className={styles.grow} label={t('appraisalReviewerBody')}>
          <Input
            value={reviewer.body}
            onChange={(_, d) => setReviewer({ ...reviewer, body: d.value })}
            data-testid="reviewer-body"
          />
        </Field>
        <Field className={styles.grow} label={t('appraisalReviewerName')}>
          <Input
            value={reviewer.name}
            onChange={(_, d) => setReviewer({ ...reviewer, name: d.value })}
            data-testid="reviewer-name"
          />
        </Field>
      </div>
      <Text size={200} className={common.meta}>
        {t('appraisalReviewerHint')}
      </Text>
    </section>
  );
}

/** The MessageBar saying where remarks go when threaded comments cannot be used. */
function fallbackText(
  t: PaneText['t'],
  capabilities: Capabilities,
  read?: Pick<AppraisalRead, 'channel' | 'reason'>,
  saved?: AppraiseResult,
): string | undefined {
  const channel = saved?.channel ?? read?.channel;
  const reason = saved?.reason ?? read?.reason;
  if (!capabilities.comments || reason === 'commentsUnsupported')
    return t('appraisalFallbackUnsupported', {
      have: capabilities.excelApi === '0' ? '—' : `ExcelApi ${capabilities.excelApi}`,
    });
  if (reason !== 'commentsFailed') return undefined;
  const detail = saved?.detail ?? '';
  return channel === 'note' ? t('appraisalFallbackNote', { detail }) : t('appraisalFallbackCell', { detail });
}

function Body({ state, capabilities }: { state: ReviewerState; capabilities: Capabilities }) {
  const { t, m } = useText();
  const { target } = state;
  switch (target.kind) {
    case 'loading':
      return <Spinner size="small" label={t('paneReading')} />;
    case 'noForm':
      return (
        <Notice intent="info" testId="appraisal-no-form">
          {t('appraisalNoForm')}
        </Notice>
      );
    case 'unknownRulebook':
      return (
        <Notice intent="warning" title={t('paneUnknownRulebookTitle')}>
          {t('paneUnknownRulebook', {
            sheet: target.sheetName,
            rulebook: target.meta.rulebookId,
            version: target.meta.rulebookVersion,
          })}
        </Notice>
      );
    case 'failed':
      return <Notice intent="error">{t('paneReadFailed', { detail: m(target.detail) })}</Notice>;
    case 'form':
      return <FormAppraisal state={state} form={target} capabilities={capabilities} />;
  }
}

function FormAppraisal({
  state,
  form,
  capabilities,
}: {
  state: ReviewerState;
  form: ReviewForm;
  capabilities: Capabilities;
}) {
  const { t, m, lang } = useText();
  const styles = useStyles();
  const common = useViewStyles();
  const saved = state.saveState.kind === 'saved' ? state.saveState.result : undefined;
  const fallback = fallbackText(t, capabilities, state.appraisals, saved);
  const criteria = form.annex.groups.flatMap((g) => g.criteria);
  const criterion = criteria.find((c) => c.id === state.criterionId);
  const selfScore = form.self.criteria.find((c) => c.id === state.criterionId);
  const current = state.criterionId ? form.submission.appraisals[state.criterionId]?.points : undefined;
  const thread = state.criterionId ? state.appraisals?.threads[state.criterionId] : undefined;
  const pts = (x: number) => formatPoints(x, lang);

  return (
    <>
      <div>
        <h2 className={common.heading}>{form.meta.unitName}</h2>
        <Text block size={200} className={common.meta}>
          {form.annex.title}
        </Text>
        <Text block size={200} className={common.meta}>
          {t('paneFormOf', { year: form.meta.year, sheet: form.sheetName })}
        </Text>
      </div>

      {fallback && (
        <Notice intent="warning" testId="appraisal-fallback">
          {fallback}
        </Notice>
      )}
      {state.readError && (
        <Notice intent="warning">{t('appraisalReadFailed', { detail: m(state.readError) })}</Notice>
      )}

      <section className={common.stack} aria-labelledby="criterion-heading">
        <h2 id="criterion-heading" className={common.subheading}>
          {t('appraisalCriterion')}
        </h2>
        <Field hint={t('appraisalCriterionHint')}>
          <Select
            className={styles.select}
            value={state.criterionId ?? ''}
            onChange={(_, d) => state.pick(d.value)}
            data-testid="criterion-select"
            aria-label={t('appraisalCriterion')}
          >
            <option value="" disabled>
              —
            </option>
            {criteria.map((c) => (
              <option key={c.id} value={c.id}>
                {t('appraisalCriterionOption', {
                  id: c.id,
                  title: c.title + (c.provenance === 'reconstructed' ? ` (${t('reconstructed')})` : ''),
                })}
              </option>
            ))}
          </Select>
        </Field>

        {criterion && selfScore && (
          <div className={styles.card} data-testid="appraisal-form">
            <Text weight="semibold">{`${criterion.id}. ${criterion.title}`}</Text>
            <Text size={200} data-testid="self-points">
              {t('appraisalSelf', { points: pts(selfScore.points), max: pts(criterion.max) })}
              {' · '}
              {current === undefined ? t('appraisalNotYet') : t('appraisalCurrent', { points: pts(current) })}
            </Text>
            <Field
              label={t('appraisalPointsLabel', { max: pts(criterion.max) })}
              hint={t('appraisalPointsHint')}
              validationState={state.pointsError ? 'error' : 'none'}
              validationMessage={state.pointsError ? m(state.pointsError) : undefined}
            >
              <Input
                value={state.pointsText}
                onChange={(_, d) => state.setPointsText(d.value)}
                inputMode="decimal"
                data-testid="appraisal-points"
              />
            </Field>
            <Field label={t('appraisalCommentLabel')}>
              <Textarea
                value={state.comment}
                onChange={(_, d) => state.setComment(d.value)}
                resize="vertical"
                data-testid="appraisal-comment"
              />
            </Field>
            {state.problem && !state.pointsError && (
              <Text size={200} className={common.meta} data-testid="appraisal-problem">
                {m(state.problem)}
              </Text>
            )}
            <div className={styles.row}>
              <Button
                appearance="primary"
                disabled={!!state.pointsError || !!state.problem || state.saveState.kind === 'saving'}
                onClick={() => void state.save()}
                data-testid="appraisal-save"
              >
                {state.saveState.kind === 'saving' ? t('appraisalSaving') : t('appraisalSave')}
              </Button>
              <Button onClick={state.refresh} data-testid="appraisal-refresh">
                {t('appraisalRefresh')}
              </Button>
            </div>
            {state.saveState.kind === 'saved' && state.saveState.criterionId === criterion.id && (
              <Notice intent="success" testId="appraisal-saved">
                {t('appraisalSaved', { criterion: criterion.id, row: state.saveState.result.logRowNumber })}
              </Notice>
            )}
            {state.saveState.kind === 'failed' && (
              <Notice intent="error" testId="appraisal-failed">
                {t('appraisalFailed', { detail: m(state.saveState.detail) })}
              </Notice>
            )}
            <Thread thread={thread} />
          </div>
        )}
      </section>

      <Summary form={form} />
      <History read={state.appraisals} />

      {form.reconstructed && (
        <Notice intent="info" testId="reconstructed">
          {t('paneReconstructedNotice')}
        </Notice>
      )}
    </>
  );
}

function Thread({ thread }: { thread?: AppraisalThread }) {
  const { t } = useText();
  const styles = useStyles();
  const common = useViewStyles();
  return (
    <section className={styles.tight} aria-labelledby="thread-heading" data-testid="appraisal-thread">
      <div className={styles.row}>
        <h3 id="thread-heading" className={common.subheading}>
          {thread?.kind === 'note' ? t('appraisalNoteTitle') : t('appraisalThreadTitle')}
        </h3>
        {thread?.resolved !== undefined && (
          <Badge
            appearance="tint"
            color={thread.resolved ? 'success' : 'informative'}
            data-testid="thread-state"
          >
            {thread.resolved ? t('appraisalResolved') : t('appraisalOpen')}
          </Badge>
        )}
      </div>
      {!thread || thread.messages.length === 0 ? (
        <Text size={200} className={common.meta}>
          {t('appraisalNoThread')}
        </Text>
      ) : (
        <ul className={styles.messages}>
          {thread.messages.map((msg, i) => (
            <li
              key={i}
              className={i > 0 && thread.kind === 'comment' ? styles.reply : undefined}
              data-testid="thread-message"
            >
              <Text size={200} weight="semibold" block>
                {i > 0 && thread.kind === 'comment' ? `${t('appraisalReplyLabel')} · ` : ''}
                {msg.reviewer ? `${msg.reviewer.body} – ${msg.reviewer.name}` : msg.author}
                {msg.created ? ` · ${msg.created.slice(0, 10)}` : ''}
              </Text>
              <Text size={200} block style={{ whiteSpace: 'pre-wrap' }}>
                {msg.body}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Summary({ form }: { form: ReviewForm }) {
  const { t, lang } = useText();
  const styles = useStyles();
  const common = useViewStyles();
  const { summary } = form;
  const pts = (x: number) => formatPoints(x, lang);
  const diff = (x: number): ReactNode => (
    <span className={x < 0 ? styles.minus : x > 0 ? styles.plus : undefined}>
      {x > 0 ? `+${pts(x)}` : pts(x)}
    </span>
  );
  // The criteria and the groups are shown alike: self, appraised and difference per row.
  const header = (first: string) => (
    <TableHeader>
      <TableRow>
        <TableHeaderCell>{first}</TableHeaderCell>
        <TableHeaderCell className={styles.number}>{t('appraisalColSelf')}</TableHeaderCell>
        <TableHeaderCell className={styles.number}>{t('appraisalColAppraised')}</TableHeaderCell>
        <TableHeaderCell className={styles.number}>{t('appraisalColDifference')}</TableHeaderCell>
      </TableRow>
    </TableHeader>
  );
  const row = (
    key: string,
    label: ReactNode,
    v: { self: number; appraised: number; difference: number },
    testId: string,
  ) => (
    <TableRow key={key} data-testid={testId}>
      <TableCell>{label}</TableCell>
      <TableCell className={styles.number}>{pts(v.self)}</TableCell>
      <TableCell className={styles.number}>{pts(v.appraised)}</TableCell>
      <TableCell className={styles.number}>{diff(v.difference)}</TableCell>
    </TableRow>
  );
  return (
    <section className={common.stack} aria-labelledby="summary-heading" data-testid="appraisal-summary">
      <h2 id="summary-heading" className={common.subheading}>
        {t('appraisalSummaryTitle')}
      </h2>
      <Text size={200}>
        {t('appraisalProgress', { done: summary.appraised.length, count: form.self.criteria.length })}
      </Text>
      {summary.criteria.length === 0 ? (
        <Text size={200} className={common.meta} data-testid="summary-none">
          {t('appraisalSummaryNone')}
        </Text>
      ) : (
        <Table size="small" aria-label={t('appraisalSummaryTitle')}>
          {header(t('appraisalColCriterion'))}
          <TableBody>{summary.criteria.map((c) => row(c.id, c.id, c, 'summary-criterion'))}</TableBody>
        </Table>
      )}
      <Table size="small" aria-label={t('appraisalColGroup')}>
        {header(t('appraisalColGroup'))}
        <TableBody>
          {summary.groups.map((g) => row(g.code, `${g.code}. ${g.title}`, g, 'summary-group'))}
          {row('total', <Text weight="semibold">{t('appraisalTotal')}</Text>, summary.total, 'summary-total')}
        </TableBody>
      </Table>
    </section>
  );
}

function History({ read }: { read?: AppraisalRead }) {
  const { t, lang } = useText();
  const styles = useStyles();
  const common = useViewStyles();
  if (!read) return null;
  const pts = (x?: number) => (x === undefined ? '—' : formatPoints(x, lang));
  return (
    <section className={styles.tight} aria-labelledby="history-heading" data-testid="appraisal-history">
      <h2 id="history-heading" className={common.subheading}>
        {t('appraisalHistoryTitle')}
      </h2>
      {read.log.length === 0 ? (
        <Text size={200} className={common.meta}>
          {t('appraisalHistoryEmpty')}
        </Text>
      ) : (
        <ul className={styles.messages}>
          {[...read.log].reverse().map((r, i) => (
            <li key={i} data-testid="history-row">
              <Text size={200}>
                {t('appraisalHistoryRow', {
                  time: r.time,
                  body: r.body,
                  name: r.name,
                  criterion: r.criterionId,
                  previous: pts(r.previousPoints),
                  points: pts(r.points),
                })}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
