/**
 * The live view of the active form: total and band, the points still needed for the next band, a bar
 * per criteria group, and the issues grouped by criteria group (each one selects its cell).
 */
import { useState, type ReactElement, type ReactNode } from 'react';
import {
  Badge,
  Button,
  Field,
  Link,
  ProgressBar,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { formatPoints } from '../../core/numbers';
import type { Issue } from '../../core/scoring/types';
import type { Capabilities } from '../../host/types';
import type { Message } from '../../i18n';
import { useViewStyles } from '../components/viewStyles';
import { useText } from '../state/lang';
import {
  bandColor,
  formatIndex,
  groupIssues,
  nextTodo,
  selectableName,
  type FormView,
  type IssueGroup,
  type LiveView as LiveModel,
} from '../state/live';
import { Notice } from '../components/Notice';
import { RulebookFileButton } from '../components/RulebookFileButton';
import { assumptionsFor } from '../../core/rulebook/policies';
import { Assumptions } from '../components/Assumptions';

const useStyles = makeStyles({
  totalCard: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  totalLine: {
    display: 'flex',
    alignItems: 'baseline',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
  },
  totalValue: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  list: {
    margin: 0,
    paddingLeft: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  // every issue is a whole-width target at least 24 px high
  issueLink: {
    display: 'block',
    width: '100%',
    minHeight: '24px',
    paddingTop: '2px',
    paddingBottom: '2px',
    textAlign: 'left',
  },
  provisional: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

export interface LiveViewProps {
  view: LiveModel;
  capabilities: Capabilities;
  onRefresh: () => void;
  onSelectName: (name: string) => Promise<void>;
  onInsertForm: () => void;
  onRulebookFile: (file: File) => void;
  /** Why the last rulebook file was refused (shown with the unknown-rulebook notice). */
  rulebookFileError?: Message;
}

export function LiveView(props: LiveViewProps) {
  const { capabilities, onRefresh } = props;
  const { t } = useText();
  const common = useViewStyles();
  const refresh = (
    <Button size="small" onClick={onRefresh} data-testid="refresh">
      {t('paneRefresh')}
    </Button>
  );
  return (
    <div className={common.stack} data-testid="live-view">
      {!capabilities.changeEvents && capabilities.excelApi !== '0' && (
        <Notice intent="info" actions={refresh}>
          {t('paneNoEvents')}
        </Notice>
      )}
      <LiveBody {...props} refreshAction={refresh} />
    </div>
  );
}

function LiveBody({
  view,
  onInsertForm,
  onRulebookFile,
  rulebookFileError,
  onSelectName,
  refreshAction,
}: LiveViewProps & { refreshAction: ReactElement }) {
  const { t, m } = useText();
  switch (view.kind) {
    case 'loading':
      return <Spinner size="small" label={t('paneReading')} />;
    case 'none':
      return (
        <Notice
          intent="info"
          testId="no-sheet"
          actions={<Button onClick={onInsertForm}>{t('paneTabInsert')}</Button>}
        >
          {t('paneNoSheet')}
        </Notice>
      );
    case 'failed':
      return (
        <Notice intent="error" actions={refreshAction} testId="read-failed">
          {t('paneReadFailed', { detail: m(view.detail) })}
        </Notice>
      );
    case 'notForm': {
      const reasonKey =
        view.reason === 'noMetadata'
          ? 'paneNotFormNoMetadata'
          : view.reason === 'unknownRulebook'
            ? 'paneNotFormUnknownRulebook'
            : 'paneNotFormDamaged';
      return (
        <Notice
          intent={view.reason === 'damaged' ? 'warning' : 'info'}
          title={t('paneNotFormTitle', { sheet: view.sheetName })}
          testId="not-form"
          actions={<Button onClick={onInsertForm}>{t('paneTabInsert')}</Button>}
        >
          {t(reasonKey)}
          {view.detail && ` ${t('paneDetail', { detail: view.detail })}`}
        </Notice>
      );
    }
    case 'unknownRulebook':
      return (
        <>
          <Notice
            intent="warning"
            title={t('paneUnknownRulebookTitle')}
            testId="unknown-rulebook"
            actions={<RulebookFileButton onFile={onRulebookFile} />}
          >
            {t('paneUnknownRulebook', {
              sheet: view.sheetName,
              rulebook: view.meta.rulebookId,
              version: view.meta.rulebookVersion,
            })}
          </Notice>
          {rulebookFileError && (
            <Notice intent="error" testId="rulebook-file-error">
              {m(rulebookFileError)}
            </Notice>
          )}
        </>
      );
    case 'form':
      return <FormResult view={view} onSelectName={onSelectName} />;
  }
}

function FormResult({
  view,
  onSelectName,
}: {
  view: FormView;
  onSelectName: (name: string) => Promise<void>;
}) {
  const { t, lang } = useText();
  const common = useViewStyles();
  const { score, annex } = view;
  return (
    <div className={common.stack} data-testid="form-result">
      <div>
        <h2 className={common.heading}>{view.meta.unitName}</h2>
        <Text block size={200} className={common.meta}>
          {annex.title}
        </Text>
        <Text block size={200} className={common.meta}>
          {t('paneFormOf', { year: view.meta.year, sheet: view.sheetName })}
        </Text>
      </div>

      {view.otherVersion !== undefined && (
        <Notice intent="warning">
          {t('paneOtherVersion', { formVersion: view.otherVersion, version: view.rulebook.version })}
        </Notice>
      )}

      <TotalCard view={view} />

      <Issues view={view} onSelectName={onSelectName} />

      {view.altered.length > 0 && (
        <Notice intent="warning" testId="altered">
          {t('paneAltered', { cells: view.altered.map((a) => a.name).join(', ') })}
        </Notice>
      )}

      <section className={common.stack} aria-labelledby="groups-heading">
        <h2 id="groups-heading" className={common.subheading}>
          {t('paneGroups')}
        </h2>
        {score.groups.map((g) => (
          <Field
            key={g.code}
            label={`${g.code}. ${g.title}`}
            hint={t('panePointsOfMax', {
              points: formatPoints(g.points, lang),
              max: formatPoints(g.max, lang),
            })}
            data-testid={`group-${g.code}`}
          >
            <ProgressBar
              value={g.max > 0 ? g.points : 0}
              max={g.max > 0 ? g.max : 1}
              thickness="large"
              color={g.points >= g.max ? 'success' : 'brand'}
            />
          </Field>
        ))}
      </section>

      {view.reconstructed && (
        <Notice intent="info" testId="reconstructed">
          {t('paneReconstructedNotice')}
        </Notice>
      )}
      <Assumptions items={assumptionsFor(view.rulebook, view.annex)} />
    </div>
  );
}

/** Total and band; while the form holds an error both are marked provisional, never a plain result. */
function TotalCard({ view }: { view: FormView }) {
  const { t, lang } = useText();
  const styles = useStyles();
  const common = useViewStyles();
  const { score, annex } = view;
  const errors = view.errors.length;
  return (
    <section
      className={styles.totalCard}
      aria-labelledby="total-heading"
      data-testid="total-card"
      data-provisional={errors > 0}
    >
      <h2 id="total-heading" className={common.subheading}>
        {t('paneTotal')}
      </h2>
      <div className={styles.totalLine}>
        <span className={styles.totalValue} data-testid="total">
          {formatPoints(score.total, lang)}
        </span>
        <Text>{t('paneOfMax', { max: formatPoints(annex.max, lang) })}</Text>
        <Badge
          size="large"
          appearance={errors ? 'outline' : 'filled'}
          color={errors ? 'informative' : bandColor(view.bandIndex, annex.bands.length)}
          data-testid="band"
        >
          {lang === 'vi' ? score.band.label : score.band.labelEn}
        </Badge>
      </div>
      <Text data-testid="index" data-on-index={view.onIndex}>
        {t('paneIndex', { index: formatIndex(view.index, lang) })}
        {view.onIndex && ` · ${t('paneBandOnIndex')}`}
      </Text>
      {errors > 0 ? (
        <Text size={200} className={styles.provisional} data-testid="provisional">
          {t('paneProvisional', { count: errors })}
        </Text>
      ) : (
        <Text size={200} data-testid="next-band">
          {view.next
            ? t('paneNextBand', {
                points: formatPoints(view.next.needed, lang),
                band: lang === 'vi' ? view.next.band.label : view.next.band.labelEn,
              })
            : t('paneTopBand')}
        </Text>
      )}
      {view.todo.length > 0 && (
        <Text size={200} className={common.meta} data-testid="incomplete">
          {t('paneIncomplete', { count: view.todo.length })}
        </Text>
      )}
      {view.pending.length > 0 && (
        <Text size={200} className={common.meta}>
          {t('panePending', { criteria: view.pending.join(', ') })}
        </Text>
      )}
    </section>
  );
}

/**
 * Errors first, one target each; then what is still to fill in, collapsed into a count with a "next"
 * button (a blank form has dozens, and Tab must not walk through them all); then warnings by group.
 */
function Issues({ view, onSelectName }: { view: FormView; onSelectName: (name: string) => Promise<void> }) {
  const { t } = useText();
  const styles = useStyles();
  const common = useViewStyles();
  const [selectFailed, setSelectFailed] = useState<string | undefined>();
  const [todoAt, setTodoAt] = useState(-1);
  const [showTodo, setShowTodo] = useState(false);
  const select = (name: string) => {
    setSelectFailed(undefined);
    onSelectName(name).catch(() => setSelectFailed(name));
  };
  const next = nextTodo(view, todoAt);
  const todoGroups = showTodo ? groupIssues(view.annex, view.todo) : [];
  const item = (issue: Issue, i: number) => (
    <IssueItem
      key={`${issue.criterion}-${issue.field}-${issue.code}-${i}`}
      issue={issue}
      name={selectableName(view, issue)}
      onSelect={select}
    />
  );
  return (
    <>
      {selectFailed && <Notice intent="warning">{t('paneSelectFailed', { name: selectFailed })}</Notice>}
      <section className={common.stack} aria-labelledby="errors-heading" data-testid="errors">
        <h2 id="errors-heading" className={common.subheading}>
          {t('paneErrorsHeading', { count: view.errors.length })}
        </h2>
        {view.errors.length === 0 ? (
          <Text size={200}>{t('paneNoIssues')}</Text>
        ) : (
          <ul className={styles.list}>{view.errors.map(item)}</ul>
        )}
      </section>

      <section className={common.stack} aria-labelledby="todo-heading" data-testid="todo">
        <h2 id="todo-heading" className={common.subheading}>
          {view.todo.length ? t('paneTodoHeading', { count: view.todo.length }) : t('paneTodoNone')}
        </h2>
        {view.todo.length > 0 && (
          <div className={styles.row}>
            {next && (
              <Button
                appearance="primary"
                onClick={() => {
                  setTodoAt(next.index);
                  select(next.name);
                }}
                data-testid="todo-next"
              >
                {t('paneTodoNext')}
              </Button>
            )}
            <Button aria-expanded={showTodo} onClick={() => setShowTodo((v) => !v)} data-testid="todo-toggle">
              {showTodo ? t('paneTodoHide') : t('paneTodoShow', { count: view.todo.length })}
            </Button>
          </div>
        )}
        {todoGroups.map((group) => (
          <IssueGroupList key={group.code || 'other'} group={group} item={item} />
        ))}
      </section>

      {view.warningGroups.length > 0 && (
        <section className={common.stack} aria-labelledby="warnings-heading" data-testid="warnings">
          <h2 id="warnings-heading" className={common.subheading}>
            {t('paneWarningsHeading', { count: view.warningGroups.reduce((n, g) => n + g.issues.length, 0) })}
          </h2>
          {view.warningGroups.map((group) => (
            <IssueGroupList key={group.code || 'other'} group={group} item={item} />
          ))}
        </section>
      )}
    </>
  );
}

/** One criteria group's issues under its heading (issues outside any group under "other"). */
function IssueGroupList({
  group,
  item,
}: {
  group: IssueGroup;
  item: (issue: Issue, i: number) => ReactNode;
}) {
  const { t } = useText();
  const styles = useStyles();
  const common = useViewStyles();
  return (
    <div className={common.stack}>
      <h3 className={common.subheading}>
        {group.code ? `${group.code}. ${group.title}` : t('paneOtherIssues')}
      </h3>
      <ul className={styles.list}>{group.issues.map(item)}</ul>
    </div>
  );
}

function IssueItem({
  issue,
  name,
  onSelect,
}: {
  issue: Issue;
  name?: string;
  onSelect: (name: string) => void;
}) {
  const { m } = useText();
  const styles = useStyles();
  return (
    <li data-testid="issue" data-severity={issue.severity} data-name={name ?? ''}>
      {name ? (
        <Link as="button" className={styles.issueLink} onClick={() => onSelect(name)}>
          {m(issue.message)}
        </Link>
      ) : (
        <Text>{m(issue.message)}</Text>
      )}
    </li>
  );
}
