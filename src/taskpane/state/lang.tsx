/**
 * The pane's language: Vietnamese by default, English on request, remembered across sessions.
 * Components read text through useText(), never from a literal.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { t, type Lang, type Message, type MessageKey, type Params } from '../../i18n';
import { trySet, type KeyValueStore } from './storage';

export const LANG_KEY = 'scorecard.lang';

export function readLang(store: KeyValueStore): Lang {
  try {
    return store.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** The language state, persisted in `store`; also sets <html lang> for screen readers. */
export function useLangState(store: KeyValueStore): [Lang, (lang: Lang) => void] {
  const [lang, setState] = useState<Lang>(() => readLang(store));
  const setLang = useCallback(
    (next: Lang) => {
      trySet(store, LANG_KEY, next);
      setState(next);
    },
    [store],
  );
  useEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }, [lang]);
  return [lang, setLang];
}

export const LangContext = createContext<Lang>('vi');

export interface Text {
  lang: Lang;
  /** A catalogue entry in the current language. */
  t: (key: MessageKey, params?: Params) => string;
  /** A bilingual message (from the core) in the current language. */
  m: (message: Message) => string;
}

export function textFor(lang: Lang): Text {
  return { lang, t: (key, params) => t(lang, key, params), m: (message) => message[lang] };
}

export function useText(): Text {
  const lang = useContext(LangContext);
  return useMemo(() => textFor(lang), [lang]);
}
