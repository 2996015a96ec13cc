/**
 * Renders the pane into the page, given a workbook host (Excel's, or a test double). The pane's frame
 * shows at once; the rulebook library (built-in rulebooks and their validator) and, for a pane in
 * English, the English catalogue come in chunks of their own, then the pane itself replaces the frame.
 */
import { FluentProvider, Spinner, type Theme } from '@fluentui/react-components';
import { createRoot, type Root } from 'react-dom/client';
import type { WorkbookHost } from '../host/types';
import { loadLanguage, t, type Lang } from '../i18n';
import { App } from './App';
import { Notice } from './components/Notice';
import { readLang } from './state/lang';
import { browserStore, type KeyValueStore } from './state/storage';
import { officeThemeColors, themeFor } from './theme';
import { viewFromSearch } from './views';

export interface MountOptions {
  store?: KeyValueStore;
  /** The page's query string (?view=ranking). */
  search?: string;
}

/** What shows while the pane's chunks load, or why they could not be loaded. */
function Starting({ lang, theme, failure }: { lang: Lang; theme: Theme; failure?: string }) {
  return (
    <FluentProvider theme={theme} lang={lang}>
      {failure === undefined ? (
        <Spinner size="small" label={t(lang, 'paneLoading')} />
      ) : (
        <Notice intent="error">{t(lang, 'paneViewFailed', { detail: failure })}</Notice>
      )}
    </FluentProvider>
  );
}

export function mountPane(container: HTMLElement, host: WorkbookHost, options: MountOptions = {}): Root {
  const store = options.store ?? browserStore();
  const lang = readLang(store);
  const theme = themeFor(officeThemeColors());
  const initialView = viewFromSearch(options.search ?? window.location.search);
  const root = createRoot(container);
  root.render(<Starting lang={lang} theme={theme} />);
  Promise.all([import(/* webpackChunkName: "library" */ './library'), loadLanguage(lang)]).then(
    ([{ openLibrary }]) =>
      root.render(
        <App
          host={host}
          library={openLibrary(store)}
          store={store}
          initialView={initialView}
          theme={theme}
        />,
      ),
    (e: unknown) =>
      root.render(
        <Starting lang={lang} theme={theme} failure={e instanceof Error ? e.message : String(e)} />,
      ),
  );
  return root;
}
