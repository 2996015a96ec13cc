/**
 * The consolidation view (the ribbon's "Xếp hạng" button), loaded on first use as its own
 * chunk: choose the submitted .xlsx files (picker or drag and drop), optionally a received-dates list,
 * the as-of date and a district (where a rulebook has districts and communes); the files are read here
 * one by one with a progress bar each, ranked, and the
 * "Tổng hợp" sheet is written into the open workbook (host.writeReport). The pane shows a compact
 * ranking per annex and the missing units and invalid files. State: state/useConsolidation.ts.
 *
 * Whatever this imports (the ranking core, the report) stays out of the pane's initial bundle; the
 * .xlsx reader is a further chunk, loaded when reading starts.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  Field,
  Input,
  Link,
  ProgressBar,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { builtinRulebooks } from '../../core/rulebook/builtin';
import { formatDate, isIsoDate, parseDate } from '../../core/ranking/dates';
import type { WorkbookHost } from '../../host/types';
import { bilingual } from '../../i18n';
import { FilePicker } from './ranking/FilePicker';
import { FileProgressList } from './ranking/FileProgressList';
import { NextMilestone } from './ranking/NextMilestone';
import { PreviousYear } from './ranking/PreviousYear';
import { RankingResult } from './ranking/RankingResult';
import { StageDocuments } from './ranking/StageDocuments';
import { UnitResults } from './ranking/UnitResults';
import { Notice } from '../components/Notice';
import { useViewStyles } from '../components/viewStyles';
import { useText } from '../state/lang';
import { RulebookLibrary, rulebookLabel } from '../state/rulebooks';
import { browserStore } from '../state/storage';
import { progressOf, useConsolidation, type ConsolidationState } from '../state/useConsolidation';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  date: { maxWidth: '12em' },
  link: { minHeight: '24px', display: 'inline-flex', alignItems: 'center' },
});

/** Column names the received-dates reader accepts (src/core/ranking/received.ts), as the template has them. */
const TEMPLATE_COLUMNS = { vi: ['Tệp', 'Ngày nhận'], en: ['File', 'Received'] } as const;

/**
 * The received-dates template: the two columns and a row per chosen file with its date left blank, to
 * be filled from the incoming letters (dd/mm/yyyy). A BOM so that Excel opens it as UTF-8.
 */
export function receivedTemplate(lang: 'vi' | 'en', files: string[]): string {
  const quote = (s: string) => (/[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `\uFEFF${[TEMPLATE_COLUMNS[lang].join(','), ...files.map((f) => `${quote(f)},`)].join('\r\n')}\r\n`;
}

/** 'yyyy-mm-dd' of a day-first 'dd/mm/yyyy' (d/m/yyyy too); undefined for anything else. */
export const dayFirst = (text: string): string | undefined =>
  /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text.trim()) ? parseDate(text) : undefined;

/** A dd/mm/yyyy date field: the same order whatever the browser's language (a native date input follows it). */
function DayFirstDate({
  iso,
  onDate,
  disabled,
}: {
  iso: string;
  onDate: (iso: string) => void;
  disabled?: boolean;
}) {
  const { t } = useText();
  const styles = useStyles();
  const [text, setText] = useState(() => formatDate(iso));
  const parsed = dayFirst(text);
  return (
    <Field
      label={t('paneRankingAsOf')}
      hint={t('paneDateHint')}
      validationMessage={parsed ? undefined : t('paneRankingAsOfInvalid')}
    >
      <Input
        className={styles.date}
        inputMode="numeric"
        placeholder="dd/mm/yyyy"
        value={text}
        onChange={(_, d) => {
          setText(d.value);
          onDate(dayFirst(d.value) ?? '');
        }}
        disabled={disabled}
        data-testid="as-of"
      />
    </Field>
  );
}

export interface RankingViewProps {
  host: WorkbookHost;
  /** The rulebooks the pane knows (built-in and loaded from files); default: the same store's. */
  library?: RulebookLibrary;
}

export default function RankingView({ host, library }: RankingViewProps) {
  const { t, m, lang } = useText();
  const styles = useStyles();
  const common = useViewStyles();
  const rulebooks = useMemo(
    () => library ?? new RulebookLibrary(browserStore(), builtinRulebooks()),
    [library],
  );
  const c = useConsolidation(host, rulebooks, lang);
  const { state } = c;
  const busy = state.phase === 'reading' || state.phase === 'ranking' || state.phase === 'writing';
  const manifestInput = useRef<HTMLInputElement>(null);
  const asOfValid = isIsoDate(state.asOf);
  // A district is asked for only where a rulebook ranks districts and communes (Gia Lai's levels).
  const hasDistricts = useMemo(
    () => rulebooks.choices().some((ch) => ch.rulebook.units.some((u) => u.parent)),
    [rulebooks],
  );
  const template = useMemo(
    () =>
      typeof URL.createObjectURL === 'function'
        ? URL.createObjectURL(
            new Blob(
              [
                receivedTemplate(
                  lang,
                  state.files.map((f) => f.file.name),
                ),
              ],
              { type: 'text/csv' },
            ),
          )
        : undefined,
    [lang, state.files],
  );
  useEffect(
    () => () => {
      if (template) URL.revokeObjectURL(template);
    },
    [template],
  );

  return (
    <div className={common.stack} data-testid="ranking-view" data-phase={state.phase}>
      <Text>{t('paneRankingIntro')}</Text>

      <NextMilestone choices={rulebooks.choices()} ranked={state.result?.rulebook} asOf={state.asOf} />

      <FilePicker onFiles={c.addFiles} disabled={busy} />

      <Field
        label={t('paneRankingManifest')}
        hint={t('paneRankingManifestColumns', {
          file: TEMPLATE_COLUMNS[lang][0],
          date: TEMPLATE_COLUMNS[lang][1],
        })}
      >
        <div className={styles.row}>
          <Button
            size="small"
            onClick={() => manifestInput.current?.click()}
            disabled={busy}
            data-testid="choose-manifest"
          >
            {t('paneRankingManifestChoose')}
          </Button>
          {state.manifest && (
            <Button size="small" appearance="subtle" onClick={c.removeManifest} disabled={busy}>
              {t('paneRankingManifestRemove')}
            </Button>
          )}
          {template && (
            <Link
              href={template}
              download={t('paneRankingTemplateFile')}
              className={styles.link}
              data-testid="manifest-template"
            >
              {t('paneRankingTemplate')}
            </Link>
          )}
        </div>
      </Field>
      {!state.manifest && (
        <Text size={200} className={common.meta} data-testid="no-manifest">
          {t('paneRankingNoManifest')}
        </Text>
      )}
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
        <Notice
          intent={state.manifest.manifest.problems.length ? 'warning' : 'info'}
          testId="manifest-loaded"
        >
          {t('paneRankingManifestLoaded', {
            file: state.manifest.file,
            count: state.manifest.manifest.entries.size,
          })}
          {state.manifest.manifest.problems.length > 0 &&
            ` ${t('paneRankingManifestProblems', { count: state.manifest.manifest.problems.length, problems: state.manifest.manifest.problems.slice(0, 3).map(m).join('; ') })}`}
        </Notice>
      )}

      <PreviousYear previous={state.previous} onPrevious={c.setPrevious} disabled={busy} />

      <DayFirstDate iso={state.asOf} onDate={c.setAsOf} disabled={busy} />
      {hasDistricts && (
        <Field label={t('paneRankingDistrict')} hint={t('paneRankingDistrictHint')}>
          <Input
            value={state.district ?? ''}
            onChange={(_, d) => c.setDistrict(d.value)}
            disabled={busy}
            data-testid="district"
          />
        </Field>
      )}

      <div className={styles.row}>
        <Button
          appearance="primary"
          onClick={c.start}
          disabled={busy || !state.files.length || !asOfValid}
          data-testid="start-ranking"
        >
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
      {state.result && <Result state={state} host={host} />}
    </div>
  );
}

function Progress({ state }: { state: ConsolidationState }) {
  const { t } = useText();
  const common = useViewStyles();
  const { total, done, invalid } = progressOf(state);
  const count = t('paneRankingCount', { done, total, invalid });
  // the read time is for the tests' measurements only: an official has no use for a speed figure
  return (
    <section
      className={common.stack}
      aria-labelledby="files-heading"
      data-testid="files"
      data-read-ms={state.readMs !== undefined ? Math.round(state.readMs) : undefined}
      data-files={total}
    >
      <h2 id="files-heading" className={common.heading}>
        {t('paneRankingFilesTitle', { count: total })}
      </h2>
      <Field validationMessage={count} validationState="none">
        <ProgressBar
          value={total ? done / total : 0}
          thickness="large"
          aria-label={count}
          data-testid="overall-progress"
        />
      </Field>
      <FileProgressList files={state.files} label={t('paneRankingFilesTitle', { count: total })} />
    </section>
  );
}

function Result({ state, host }: { state: ConsolidationState; host: WorkbookHost }) {
  const { t, m } = useText();
  const common = useViewStyles();
  const { ranking, rulebook, warnings, written, inputs } = state.result!;
  const sourceKey = (
    {
      manifest: 'reportReceivedManifest',
      mtime: 'reportReceivedMtime',
      mixed: 'reportReceivedMixed',
      none: 'reportReceivedNone',
    } as const
  )[ranking.receivedSource];
  return (
    <section className={common.stack} aria-labelledby="result-heading" data-testid="ranking-result">
      <h2 id="result-heading" className={common.heading}>
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
      <Text size={200} className={common.meta} data-testid="ranking-rulebook">
        {t('paneRankingRulebook', { title: rulebook.title, decision: rulebookLabel(t, rulebook, 'builtin') })}
      </Text>
      <Text size={200} className={common.meta} data-testid="received-source">
        {t(sourceKey)}
      </Text>
      {state.phase === 'done' && (
        <>
          <StageDocuments host={host} rulebook={rulebook} ranking={ranking} />
          <UnitResults rulebook={rulebook} ranking={ranking} inputs={inputs} />
        </>
      )}
      <RankingResult ranking={ranking} rulebook={rulebook} />
    </section>
  );
}
