/** Matching a reason (a bilingual Message) against the message key it must come from. */
import { t, type Message, type MessageKey } from '../../src/i18n';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The template of `key` in `lang` as a regular expression: every {param} matches any text. */
export function templateRe(lang: 'vi' | 'en', key: MessageKey): RegExp {
  return new RegExp(
    `^${t(lang, key)
      .split(/\{\w+\}/)
      .map(escape)
      .join('[\\s\\S]*?')}$`,
  );
}

/** Whether a reason is the message `key` (with any parameters) in both languages. */
export function isReason(reason: Message | undefined, key: MessageKey): boolean {
  return !!reason && templateRe('vi', key).test(reason.vi) && templateRe('en', key).test(reason.en);
}

/** Both languages present, and different (a Vietnamese text is not an English one). */
export function isBilingual(reason: Message | undefined): boolean {
  return !!reason && reason.vi.trim().length > 0 && reason.en.trim().length > 0 && reason.vi !== reason.en;
}
