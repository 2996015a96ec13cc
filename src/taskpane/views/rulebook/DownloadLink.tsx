import { Link } from '@fluentui/react-components';
import type { Download } from '../../state/rulebook-files';
import { useText } from '../../state/lang';
import { useRulebookStyles } from './styles';

/** A file on offer as an <a download> on a Blob; nothing until there is one. */
export function DownloadLink({ file, testId }: { file: Download | undefined; testId: string }) {
  const { t } = useText();
  const styles = useRulebookStyles();
  if (!file) return null;
  return (
    <Link href={file.url} download={file.file} className={styles.link} data-testid={testId}>
      {t('paneRbDownload', { file: file.file })}
    </Link>
  );
}
