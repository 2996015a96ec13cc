import type { ReactNode } from 'react';
import { Button, Field, Select } from '@fluentui/react-components';
import type { Download } from '../../state/rulebook-files';
import { useText } from '../../state/lang';
import { DownloadLink } from './DownloadLink';
import { useRulebookStyles } from './styles';

export interface TemplateSectionProps {
  options: ReactNode;
  templateKey: string;
  setTemplateKey: (key: string) => void;
  make: () => void;
  busy: boolean;
  file: Download | undefined;
}

/** Download an authoring workbook, blank or filled from a rulebook the pane knows. */
export function TemplateSection({
  options,
  templateKey,
  setTemplateKey,
  make,
  busy,
  file,
}: TemplateSectionProps) {
  const { t } = useText();
  const styles = useRulebookStyles();
  return (
    <section className={styles.section} aria-labelledby="rb-template">
      <h2 id="rb-template" className={styles.heading}>
        {t('paneRbTemplateHeading')}
      </h2>
      <Field label={t('paneRbTemplateFrom')}>
        <Select
          className={styles.select}
          value={templateKey}
          onChange={(_, d) => setTemplateKey(d.value)}
          data-testid="template-rulebook"
        >
          <option value="">{t('paneRbBlank')}</option>
          {options}
        </Select>
      </Field>
      <div className={styles.row}>
        <Button onClick={make} disabled={busy} data-testid="make-template">
          {t('paneRbMake')}
        </Button>
        <DownloadLink file={file} testId="template-download" />
      </div>
    </section>
  );
}
