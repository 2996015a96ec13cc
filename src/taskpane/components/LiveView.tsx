/**
 * The live view of the active form: total and band, the points still needed for the next band, a bar
 * per criteria group, and the issues grouped by criteria group (each one selects its cell).
 */
import { useState, type ReactElement } from 'react';
import { Badge, Button, Field, Link, ProgressBar, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatPoints } from '../../core/numbers';
import type { Issue } from '../../core/scoring/types';
import type { Capabilities } from '../../host/types';
import type { Message } from '../../i18n';
import { useText } from '../state/lang';
import { bandColor, selectableName, type FormView, type LiveView as LiveModel } from '../state/live';
import { Notice } from './Notice';
import { RulebookFileButton } from './RulebookFileButton';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground2 },
  totalCard: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  totalLine: { display: 'flex', alignItems: 'baseline', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  totalValue: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  issue: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  badge: { flexShrink: 0, marginTop: '2px' },
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
  const { view, capabilities, onRefresh } = props;
  const { t } = useText();
  const styles = useStyles();
  const refresh = (
    <Button size="small" onClick={onRefresh} data-testid="refresh">
      {t('paneRefresh')}
    </Button>
  );
  return (
    <div className={styles.stack} data-testid="live-view">
      {!capabilities.changeEvents && capabilities.excelApi !== '0' && <Notice intent="info" actions={refresh}>{t('paneNoEvents')}</Notice>}
      <LiveBody {...props} refreshAction={refresh} />
    </div>
  );
}

function LiveBody({ view, onInsertForm, onRulebookFile, rulebookFileError, onSelectName, refreshAction }: LiveViewProps & { refreshAction: ReactElement }) {
  const { t, m } = useText();
  switch (view.kind) {
    case 'loading':
      return <Spinner size="small" label={t('paneReading')} />;
    case 'none':
      return <Notice intent="info">{t('paneNoSheet')}</Notice>;
    case 'failed':
      return (
        <Notice intent="error" actions={refreshAction} testId="read-failed">
          {t('paneReadFailed', { detail: m(view.detail) })}
        </Notice>
      );
    case 'notForm': {
      const reasonKey = view.reason === 'noMetadata' ? 'paneNotFormNoMetadata' : view.reason === 'unknownRulebook' ? 'paneNotFormUnknownRulebook' : 'paneNotFormDamaged';
      return (
        <Notice
          intent={view.reason === 'damaged' ? 'warning' : 'info'}
          title={t('paneNotFormTitle', { sheet: view.sheetName })}
          testId="not-form"
          actions={<Button size="small" onClick={onInsertForm}>{t('paneTabInsert')}</Button>}
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
            {t('paneUnknownRulebook', { sheet: view.sheetName, rulebook: view.meta.rulebookId, version: view.meta.rulebookVersion })}
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

function FormResult({ view, onSelectName }: { view: FormView; onSelectName: (name: string) => Promise<void> }) {
  const { t, lang } = useText();
  const styles = useStyles();
  const { score, annex } = view;
  const bandName = lang === 'vi' ? score.band.label : score.band.labelEn;
  const [selectFailed, setSelectFailed] = useState<string | undefined>();
  const select = (name: string) => {
    setSelectFailed(undefined);
    onSelectName(name).catch(() => setSelectFailed(name));
  };
  return (
    <div className={styles.stack} data-testid="form-result">
      <div>
        <h2 className={styles.heading}>{view.meta.unitName}</h2>
        <Text block size={200} className={styles.meta}>
          {annex.title}
        </Text>
        <Text block size={200} className={styles.meta}>
          {t('paneFormOf', { year: view.meta.year, sheet: view.sheetName })}
        </Text>
      </div>

      {view.otherVersion !== undefined && (
        <Notice intent="warning">{t('paneOtherVersion', { formVersion: view.otherVersion, version: view.rulebook.version })}</Notice>
      )}

      <section className={styles.totalCard} aria-labelledby="total-heading">
        <h2 id="total-heading" className={styles.subheading}>
          {t('paneTotal')}
        </h2>
        <div className={styles.totalLine}>
          <span className={styles.totalValue} data-testid="total">
            {formatPoints(score.total, lang)}
          </span>
          <Text>{t('paneOfMax', { max: formatPoints(annex.max, lang) })}</Text>
          <Badge size="large" appearance="filled" color={bandColor(view.bandIndex, annex.bands.length)} data-testid="band">
            {bandName}
          </Badge>
        </div>
        <Text size={200} data-testid="next-band">
          {view.next
            ? t('paneNextBand', { points: formatPoints(view.next.needed, lang), band: lang === 'vi' ? view.next.band.label : view.next.band.labelEn })
            : t('paneTopBand')}
        </Text>
        {view.pending.length > 0 && (
          <Text size={200} className={styles.meta}>
            {t('panePending', { criteria: view.pending.join(', ') })}
          </Text>
        )}
      </section>

      {view.altered.length > 0 && (
        <Notice intent="warning" testId="altered">
          {t('paneAltered', { cells: view.altered.map((a) => a.name).join(', ') })}
        </Notice>
      )}

      <section className={styles.stack} aria-labelledby="groups-heading">
        <h2 id="groups-heading" className={styles.subheading}>
          {t('paneGroups')}
        </h2>
        {score.groups.map((g) => (
          <Field
            key={g.code}
            label={`${g.code}. ${g.title}`}
            hint={t('panePointsOfMax', { points: formatPoints(g.points, lang), max: formatPoints(g.max, lang) })}
            data-testid={`group-${g.code}`}
          >
            <ProgressBar value={g.max > 0 ? g.points : 0} max={g.max > 0 ? g.max : 1} thickness="large" color={g.points >= g.max ? 'success' : 'brand'} />
          </Field>
        ))}
      </section>

      <section className={styles.stack} aria-labelledby="issues-heading" data-testid="issues">
        <h2 id="issues-heading" className={styles.subheading}>
          {t('paneIssues', { count: view.issues.length })}
        </h2>
        {view.issues.length === 0 && <Notice intent="success">{t('paneNoIssues')}</Notice>}
        {selectFailed && <Notice intent="warning">{t('paneSelectFailed', { name: selectFailed })}</Notice>}
        {view.issueGroups.map((group) => (
          <div key={group.code || 'other'} className={styles.stack}>
            <h3 className={styles.subheading}>{group.code ? `${group.code}. ${group.title}` : t('paneOtherIssues')}</h3>
            <ul className={styles.list}>
              {group.issues.map((issue, i) => (
                <IssueItem key={`${issue.criterion}-${issue.field}-${issue.code}-${i}`} issue={issue} name={selectableName(view, issue)} onSelect={select} />
              ))}
            </ul>
          </div>
        ))}
      </section>

      {view.reconstructed && (
        <Notice intent="info" testId="reconstructed">
          {t('reconstructedNotice')}
        </Notice>
      )}
    </div>
  );
}

function IssueItem({ issue, name, onSelect }: { issue: Issue; name?: string; onSelect: (name: string) => void }) {
  const { t, m } = useText();
  const styles = useStyles();
  const error = issue.severity === 'error';
  return (
    <li className={styles.issue} data-testid="issue" data-name={name ?? ''}>
      <Badge className={styles.badge} size="small" appearance="tint" color={error ? 'danger' : 'warning'}>
        {t(error ? 'severityError' : 'severityWarning')}
      </Badge>
      {name ? (
        <Link as="button" onClick={() => onSelect(name)}>
          {m(issue.message)}
        </Link>
      ) : (
        <Text>{m(issue.message)}</Text>
      )}
    </li>
  );
}
