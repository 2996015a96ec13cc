/**
 * The pane's build only: webpack puts this module in place of index.ts's `import * as english from
 * './en'` (webpack.config.js), so the English catalogue is a chunk of its own, loaded when the pane is
 * shown in English rather than carried by every start in Vietnamese. The CLI and the tests keep the
 * static import. The catalogue itself stays in en.ts, the one file of the language.
 */
export const en = undefined;

export const loadEn = () =>
  import(/* webpackChunkName: "lang-en", webpackPrefetch: true */ './en').then((m) => m.en);
