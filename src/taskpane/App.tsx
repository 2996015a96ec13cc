/**
 * The task pane: a header (title, language), tabs for the views, and the views themselves. Everything
 * the pane knows about the workbook comes through `host` (WorkbookHost); nothing here calls Office.js.
 */
import { Suspense, lazy, useCallback, useMemo, useState, type ReactNode } from 'react';
import {
  FluentProvider,
  Spinner,
  makeStyles,
  tokens,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import type { WorkbookHost } from '../host/types';
import { hasLanguage, loadLanguage, type Lang } from '../i18n';
import { LanguageSwitch } from './components/LanguageSwitch';
import { LiveView } from './views/LiveView';
import { LazyBoundary } from './components/LazyBoundary';
import { TabBar } from './components/TabBar';
import { Notice } from './components/Notice';
import { LangContext, textFor, useLangState } from './state/lang';
import type { RulebookLibrary } from './state/rulebooks';
import type { KeyValueStore } from './state/storage';
import { useInsertForm } from './state/useInsertForm';
import { useLiveView } from './state/useLiveView';
import type { ViewId } from './views';

// Views other than the live one load on first use (prefetched when the browser is idle), so the
// pane's initial JavaScript carries only what the live view needs.
const InsertForm = lazy(() =>
  import(/* webpackChunkName: "insert", webpackPrefetch: true */ './views/InsertForm').then((m) => ({
    default: m.InsertForm,
  })),
);
const RankingView = lazy(() => import(/* webpackChunkName: "ranking" */ './views/RankingView'));
const ReviewerView = lazy(() => import(/* webpackChunkName: "appraisal" */ './views/ReviewerView'));
const RulebookView = lazy(() => import(/* webpackChunkName: "rulebooks" */ './views/RulebookView'));

// The provider's class is also given to every portal's mount node (applyStylesToPortals), so the page
// layout lives on an inner element: a full-height class on the provider made each closed drop-down
// leave a pane-sized layer on top of the pane.
const useStyles = makeStyles({
  page: { minHeight: '100vh' },
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    maxWidth: '720px',
    minWidth: 0,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  // one line: the title gives way (ellipsis) rather than wrap or push the language switch out
  title: {
    margin: 0,
    minWidth: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  panel: { minWidth: 0 },
});

export interface AppProps {
  host: WorkbookHost;
  library: RulebookLibrary;
  store: KeyValueStore;
  initialView?: ViewId;
  theme?: Theme;
  /** The year offered by default (the current year). */
  year?: number;
}

export function App({ host, library, store, initialView = 'live', theme = webLightTheme, year }: AppProps) {
  const styles = useStyles();
  const [lang, storeLang] = useLangState(store);
  // English is a chunk of its own in the pane: switch once its text is there
  const setLang = useCallback(
    (next: Lang) => {
      if (hasLanguage(next)) storeLang(next);
      else void loadLanguage(next).then(() => storeLang(next));
    },
    [storeLang],
  );
  const { t } = textFor(lang);
  const [view, setView] = useState<ViewId>(initialView);
  const capabilities = useMemo(() => host.capabilities(), [host]);
  const live = useLiveView(host, library);
  const { refresh } = live;
  const insert = useInsertForm(host, library, { year, onRulebookAdded: refresh });
  const selectName = useCallback((name: string) => host.selectName(name), [host]);
  const { loadFile } = insert;
  const onRulebookFile = useCallback((file: File) => void loadFile(file), [loadFile]);

  /** A lazily loaded view: a spinner while its chunk loads, a message if it cannot be loaded. */
  const lazyView = (view: ReactNode) => (
    <LazyBoundary fallback={(detail) => <Notice intent="error">{t('paneViewFailed', { detail })}</Notice>}>
      <Suspense fallback={<Spinner size="small" label={t('paneLoading')} />}>{view}</Suspense>
    </LazyBoundary>
  );

  const tabs: { id: ViewId; label: string }[] = [
    { id: 'live', label: t('paneTabLive') },
    { id: 'insert', label: t('paneTabInsert') },
    { id: 'ranking', label: t('paneTabRanking') },
    { id: 'appraisal', label: t('paneTabAppraisal') },
    { id: 'rulebooks', label: t('paneTabRulebooks') },
  ];

  return (
    <FluentProvider theme={theme} lang={lang}>
      <LangContext.Provider value={lang}>
        <div className={styles.page}>
          <div className={styles.root}>
            <header className={styles.header}>
              <h1 className={styles.title}>{t('paneTitle')}</h1>
              <LanguageSwitch onChange={setLang} />
            </header>
            {capabilities.excelApi === '0' && (
              <Notice intent="warning" testId="not-in-excel">
                {t('paneNotInExcel')}
              </Notice>
            )}
            <TabBar
              items={tabs}
              selected={view}
              onSelect={(id) => setView(id as ViewId)}
              label={t('paneTabsLabel')}
              moreLabel={t('paneMoreTabs')}
            />
            <main
              id={`panel-${view}`}
              role="tabpanel"
              aria-labelledby={`tab-${view}`}
              className={styles.panel}
            >
              {view === 'live' && (
                <LiveView
                  view={live.view}
                  capabilities={capabilities}
                  onRefresh={refresh}
                  onSelectName={selectName}
                  onInsertForm={() => setView('insert')}
                  onRulebookFile={onRulebookFile}
                  rulebookFileError={insert.state.fileError}
                />
              )}
              {view === 'insert' &&
                lazyView(
                  <InsertForm
                    form={insert}
                    capabilities={capabilities}
                    onShowResults={() => setView('live')}
                  />,
                )}
              {view === 'ranking' && lazyView(<RankingView host={host} library={library} />)}
              {view === 'appraisal' &&
                lazyView(<ReviewerView host={host} library={library} store={store} changes={live.view} />)}
              {view === 'rulebooks' && lazyView(<RulebookView library={library} onRulebookAdded={refresh} />)}
            </main>
          </div>
        </div>
      </LangContext.Provider>
    </FluentProvider>
  );
}
