/**
 * User-facing text: one catalogue per language (vi.ts first, en.ts second). A Message carries both, so
 * a reason produced by the core can be shown in either language without asking the core again.
 */
import { vi } from './vi';
import * as english from './en';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
export interface Message {
  vi: string;
  en: string;
}
export type Params = Record<string, string | number>;

type Catalogue = Record<MessageKey, string>;

/**
 * English is absent only in the pane, until loadLanguage('en') (en-lazy.ts stands in for en.ts there);
 * meanwhile English text falls back to Vietnamese rather than to a key.
 */
const catalogues: Partial<Record<Lang, Catalogue>> = { vi, en: english.en };
const loadEn = (english as { loadEn?: () => Promise<Catalogue> }).loadEn;

/** Whether a language's catalogue is at hand (always, except English in the pane before it loads). */
export const hasLanguage = (lang: Lang) => Boolean(catalogues[lang]);

/** Makes a language's catalogue available (the pane loads English on first use); never rejects. */
export async function loadLanguage(lang: Lang): Promise<boolean> {
  if (catalogues[lang]) return true;
  try {
    if (lang === 'en' && loadEn) catalogues.en = await loadEn();
  } catch {
    // the chunk could not be fetched (offline, redeployed): the pane stays usable in Vietnamese text
  }
  return Boolean(catalogues[lang]);
}

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return fill((catalogues[lang] ?? vi)[key], params);
}

export function msg(key: MessageKey, params: Params = {}): Message {
  if (catalogues.en) return { vi: t('vi', key, params), en: t('en', key, params) };
  // made before the pane loaded English: the English text is looked up when it is read
  return {
    vi: t('vi', key, params),
    get en() {
      return t('en', key, params);
    },
  };
}

/** Both languages on one line, Vietnamese first: for the command line and logs. */
export function bilingual(m: Message): string {
  return m.vi === m.en ? m.vi : `${m.vi} / ${m.en}`;
}
