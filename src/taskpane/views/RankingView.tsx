/**
 * The consolidation view (the ribbon's "Xếp hạng" button, issue 5), loaded on first use as its own
 * chunk: choose the submitted .xlsx files (picker or drag and drop), optionally a received-dates list
 * and the as-of date; the files are read here one by one with a progress bar each, ranked, and the
 * "Tổng hợp" sheet is written into the open workbook (host.writeReport). The pane shows a compact
 * ranking per annex and the missing units and invalid files. State: state/useConsolidation.ts.
 *
 * Whatever this imports (the ranking core, the report) stays out of the pane's initial bundle; the
 * .xlsx reader is a further chunk, loaded when reading starts.
 */
import { useMemo, useRef } from 'react';
import { Button, Field, Input, ProgressBar, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { builtinRulebooks } from '../../core/rulebook/builtin';
import { isIsoDate } from '../../core/ranking/dates';
import { formatPoints } from '../../core/numbers';
import type { WorkbookHost } from '../../host/types';
import { bilingual } from '../../i18n';
import { FilePicker } from '../components/consolidation/FilePicker';
import { FileProgressList } from '../components/consolidation/FileProgressList';
import { RankingResult } from '../components/consolidation/RankingResult';
import { Notice } from '../components/Notice';
import { useText } from '../state/lang';
import { RulebookLibrary } from '../state/rulebooks';
import { browserStore } from '../state/storage';
import { progressOf, useConsolidation, type ConsolidationState } from '../state/useConsolidation';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  meta: { color: tokens.colorNeutralForeground2 },
  date: { maxWidth: '12em' },
});

export interface RankingViewProps {
  host: WorkbookHost;
  /** The rulebooks the pane knows (built-in and loaded from files); default: the same store's. */
  library?: RulebookLibrary;
}

export default function RankingView({ host, library }: RankingViewProps) {
  const { t, m, lang } = useText();
  const styles = useStyles();
  const rulebooks = useMemo(() => library ?? new RulebookLibrary(browserStore(), builtinRulebooks()), [library]);
  const c = useConsolidation(host, rulebooks, lang);
  const { state } = c;
  const busy = state.phase === 'reading' || state.phase === 'ranking' || state.phase === 'writing';
  const manifestInput = useRef<HTMLInputElement>(null);
  const asOfValid = isIsoDate(state.asOf);

  return (
    <div className={styles.stack} data-testid="ranking-view" data-phase={state.phase}>
      <Text>{t('paneRankingIntro')}</Text>

      <FilePicker onFiles={c.addFiles} disabled={busy} />

      <Field label={t('paneRankingManifest')} hint={state.manifest ? undefined : t('paneRankingNoManifest')}>
        <div className={styles.row}>
          <Button size="small" onClick={() => manifestInput.current?.click()} disabled={busy} data-testid="choose-manifest">
            {t('paneRankingManifestChoose')}
          </Button>
          {state.manifest && (
            <Button size="small" appearance="subtle" onClick={c.removeManifest} disabled={busy}>
              {t('paneRankingManifestRemove')}
            </Button>
          )}
        </div>
      </Field>
      <input
        ref={manifestInput}
        type="file"
        accept=".csv,.json,text/csv,application/json"
        hidden
        tabIndex={-1}
        aria-hidden="true"
        data-testid="manifest-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void c.loadManifest(file);
        }}
      />
      {state.manifest && 'error' in state.manifest && (
        <Notice intent="error" testId="manifest-error">
          {m(state.manifest.error)}
        </Notice>
      )}
      {state.manifest && 'manifest' in state.manifest && (
        <Notice intent={state.manifest.manifest.problems.length ? 'warning' : 'info'} testId="manifest-loaded">
          {t('paneRankingManifestLoaded', { file: state.manifest.file, count: state.manifest.manifest.entries.size })}
          {state.manifest.manifest.problems.length > 0 &&
            ` ${t('paneRankingManifestProblems', { count: state.manifest.manifest.problems.length, problems: state.manifest.manifest.problems.slice(0, 3).map(m).join('; ') })}`}
        </Notice>
      )}

      <Field label={t('paneRankingAsOf')} validationMessage={asOfValid ? undefined : t('paneRankingAsOfInvalid')}>
        <Input type="date" className={styles.date} value={state.asOf} onChange={(_, d) => c.setAsOf(d.value)} disabled={busy} data-testid="as-of" />
      </Field>

      <div className={styles.row}>
        <Button appearance="primary" onClick={c.start} disabled={busy || !state.files.length || !asOfValid} data-testid="start-ranking">
          {t('paneRankingStart')}
        </Button>
        <Button onClick={c.clear} disabled={busy || !state.files.length}>
          {t('paneRankingClear')}
        </Button>
      </div>

      {state.files.length > 0 && <Progress state={state} />}

      {state.phase === 'ranking' && <Spinner size="small" label={t('paneRankingRanking')} />}
      {state.phase === 'writing' && <Spinner size="small" label={t('paneRankingWriting')} />}
      {state.error && (
        <Notice intent="error" testId="ranking-error">
          {m(state.error)}
        </Notice>
      )}
      {state.result && <Result state={state} />}
    </div>
  );
}

function Progress({ state }: { state: ConsolidationState }) {
  const { t, lang } = useText();
  const styles = useStyles();
  const { total, done, invalid } = progressOf(state);
  const count = t('paneRankingCount', { done, total, invalid });
  const seconds = state.readMs !== undefined ? state.readMs / 1000 : undefined;
  return (
    <section className={styles.stack} aria-labelledby="files-heading">
      <h2 id="files-heading" className={styles.heading}>
        {t('paneRankingFilesTitle', { count: total })}
      </h2>
      <Field validationMessage={count} validationState="none">
        <ProgressBar value={total ? done / total : 0} thickness="large" aria-label={count} data-testid="overall-progress" />
      </Field>
      {seconds !== undefined && (
        <Text size={200} className={styles.meta} data-testid="read-speed" data-read-ms={Math.round(state.readMs!)} data-files={total}>
          {t('paneRankingSpeed', {
            count: total,
            seconds: formatPoints(seconds, lang),
            rate: formatPoints(seconds > 0 ? total / seconds : total, lang),
          })}
        </Text>
      )}
      <FileProgressList files={state.files} label={t('paneRankingFilesTitle', { count: total })} />
    </section>
  );
}

function Result({ state }: { state: ConsolidationState }) {
  const { t, m } = useText();
  const styles = useStyles();
  const { ranking, rulebook, warnings, written } = state.result!;
  const sourceKey = ({ manifest: 'reportReceivedManifest', mtime: 'reportReceivedMtime', mixed: 'reportReceivedMixed', none: 'reportReceivedNone' } as const)[
    ranking.receivedSource
  ];
  const reconstructed = ranking.tables.some((tb) =>
    rulebook.annexes.find((a) => a.code === tb.annex)?.groups.some((g) => g.criteria.some((cr) => cr.provenance === 'reconstructed')),
  );
  return (
    <section className={styles.stack} aria-labelledby="result-heading" data-testid="ranking-result">
      <h2 id="result-heading" className={styles.heading}>
        {t('paneRankingResultTitle')}
      </h2>
      {written && 'sheetNames' in written && (
        <Notice intent="success" testId="written">
          {t('paneRankingWritten', { sheet: written.sheetNames.join(', ') })}
        </Notice>
      )}
      {written && 'error' in written && (
        <Notice intent="error" testId="write-failed">
          {t('paneRankingWriteFailed', { detail: m(written.error) })}
        </Notice>
      )}
      {written && 'unavailable' in written && (
        <Notice intent="info" testId="no-writer">
          {t('paneRankingNoWriter')}
        </Notice>
      )}
      {warnings.map((w) => (
        <Notice key={bilingual(w)} intent="warning">
          {m(w)}
        </Notice>
      ))}
      <Text size={200} className={styles.meta} data-testid="ranking-rulebook">
        {t('paneRankingRulebook', { title: rulebook.title, version: rulebook.version })}
      </Text>
      <Text size={200} className={styles.meta} data-testid="received-source">
        {t(sourceKey)}
      </Text>
      <RankingResult ranking={ranking} rulebook={rulebook} />
      {reconstructed && (
        <Notice intent="info" testId="reconstructed">
          {t('reconstructedNotice')}
        </Notice>
      )}
    </section>
  );
}
