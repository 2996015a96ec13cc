/** Renders the pane into the page, given a workbook host (Excel's, or a test double). */
import { createRoot, type Root } from 'react-dom/client';
import { builtinRulebooks } from '../core/rulebook/builtin';
import type { WorkbookHost } from '../host/types';
import { App } from './App';
import { RulebookLibrary } from './state/rulebooks';
import { browserStore, type KeyValueStore } from './state/storage';
import { officeThemeColors, themeFor } from './theme';
import { viewFromSearch } from './views';

export interface MountOptions {
  store?: KeyValueStore;
  /** The page's query string (?view=ranking). */
  search?: string;
}

export function mountPane(container: HTMLElement, host: WorkbookHost, options: MountOptions = {}): Root {
  const store = options.store ?? browserStore();
  const library = new RulebookLibrary(store, builtinRulebooks());
  const root = createRoot(container);
  root.render(
    <App
      host={host}
      library={library}
      store={store}
      initialView={viewFromSearch(options.search ?? window.location.search)}
      theme={themeFor(officeThemeColors())}
    />,
  );
  return root;
}
