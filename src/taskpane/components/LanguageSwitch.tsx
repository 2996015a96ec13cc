/** Switches the pane between Vietnamese and English; the button names the other language in that language. */
import { Button } from '@fluentui/react-components';
import type { Lang } from '../../i18n';
import { useText } from '../state/lang';

export function LanguageSwitch({ onChange }: { onChange: (lang: Lang) => void }) {
  const { lang, t } = useText();
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  return (
    <Button
      appearance="subtle"
      size="small"
      lang={other}
      onClick={() => onChange(other)}
      data-testid="language-switch"
    >
      {t('paneLanguageSwitch')}
    </Button>
  );
}
