/**
 * User-facing text: one catalogue per language (vi.ts first, en.ts second). A Message carries both, so
 * a reason produced by the core can be shown in either language without asking the core again.
 */
import { vi } from './vi';
import { en } from './en';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
export interface Message {
  vi: string;
  en: string;
}
export type Params = Record<string, string | number>;

const catalogues: Record<Lang, Record<MessageKey, string>> = { vi, en };

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return fill(catalogues[lang][key], params);
}

export function msg(key: MessageKey, params: Params = {}): Message {
  return { vi: t('vi', key, params), en: t('en', key, params) };
}

/** Both languages on one line, Vietnamese first: for the command line and logs. */
export function bilingual(m: Message): string {
  return m.vi === m.en ? m.vi : `${m.vi} / ${m.en}`;
}
