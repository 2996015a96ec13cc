/** Messages whose parameters differ by language (points: "2,5" in Vietnamese, "2.5" in English). */
import { t, type Lang, type Message, type MessageKey, type Params } from '../../i18n';

export function message(key: MessageKey, params: (lang: Lang) => Params): Message {
  return { vi: t('vi', key, params('vi')), en: t('en', key, params('en')) };
}
