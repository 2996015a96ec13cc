import { useRef } from 'react';
import { Button, Field, Input, Select, Text } from '@fluentui/react-components';
import { PROVENANCES } from '../../../authoring/notation';
import type { AuthoringError } from '../../../authoring/compile';
import { rulebookLabel } from '../../state/rulebooks';
import type { Download, TableDetails } from '../../state/rulebook-files';
import type { Compiled } from '../../state/useRulebookView';
import { useText } from '../../state/lang';
import { Notice } from '../../components/Notice';
import { DownloadLink } from './DownloadLink';
import { useRulebookStyles } from './styles';

const ACCEPT = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface CompileSectionProps {
  compiled: Compiled | undefined;
  compile: (file: File) => void;
  details: TableDetails;
  setDetails: (details: TableDetails) => void;
  busy: boolean;
  json: Download | undefined;
}

/** Load an authoring workbook or a flat criteria table: the rulebook, or every error with its place. */
export function CompileSection({ compiled, compile, details, setDetails, busy, json }: CompileSectionProps) {
  const { t } = useText();
  const styles = useRulebookStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <section className={styles.section} aria-labelledby="rb-compile">
      <h2 id="rb-compile" className={styles.heading}>
        {t('paneRbCompileHeading')}
      </h2>
      <TableDetailsFields details={details} setDetails={setDetails} />
      <input
        ref={fileInput}
        type="file"
        accept={ACCEPT}
        hidden
        data-testid="compile-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) compile(file);
        }}
      />
      <div className={styles.row}>
        <Button onClick={() => fileInput.current?.click()} disabled={busy} data-testid="compile-choose">
          {t('paneRbCompileChoose')}
        </Button>
      </div>
      {compiled?.ok && (
        <Notice
          intent="success"
          testId="compile-ok"
          actions={<DownloadLink file={json} testId="json-download" />}
        >
          {t('paneRbCompiled', {
            rulebook: rulebookLabel(t, compiled.rulebook, 'file'),
            file: compiled.file,
          })}
        </Notice>
      )}
      {compiled && !compiled.ok && <CompileErrors file={compiled.file} errors={compiled.errors} />}
    </section>
  );
}

/** What a criteria table does not say: the province, the decision and the criteria's provenance. */
function TableDetailsFields({
  details,
  setDetails,
}: {
  details: TableDetails;
  setDetails: (d: TableDetails) => void;
}) {
  const { t } = useText();
  const styles = useRulebookStyles();
  const text = (
    key: 'province' | 'decision' | 'decisionDate',
    label: Parameters<typeof t>[0],
    type = 'text',
  ) => (
    <Field label={t(label)}>
      <Input
        className={styles.input}
        type={type as 'text' | 'date'}
        value={details[key]}
        onChange={(_, d) => setDetails({ ...details, [key]: d.value })}
        data-testid={`table-${key}`}
      />
    </Field>
  );
  return (
    <div className={styles.section} data-testid="table-details">
      <Text>{t('paneRbTableIntro')}</Text>
      {text('province', 'paneRbProvince')}
      {text('decision', 'paneRbDecision')}
      {text('decisionDate', 'paneRbDecisionDate', 'date')}
      <Field label={t('paneRbProvenance')}>
        <Select
          className={styles.select}
          value={details.provenance}
          onChange={(_, d) => setDetails({ ...details, provenance: d.value as TableDetails['provenance'] })}
          data-testid="table-provenance"
        >
          {PROVENANCES.map((p) => (
            <option key={p.id} value={p.id}>
              {t(p.label)}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}

/** Every compile error with its sheet, row and column, in the pane's language. */
function CompileErrors({ file, errors }: { file: string; errors: AuthoringError[] }) {
  const { t, m } = useText();
  const styles = useRulebookStyles();
  return (
    <Notice
      intent="error"
      testId="compile-errors"
      title={t('paneRbCompileFailed', { file, count: errors.length })}
    >
      <div className={styles.tableBox}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th>{t('paneRbColSheet')}</th>
              <th>{t('paneRbColRow')}</th>
              <th>{t('paneRbColColumn')}</th>
              <th>{t('paneRbColProblem')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i} data-testid="compile-error">
                <td>{e.sheet}</td>
                <td>{e.row || '—'}</td>
                <td>{e.column || '—'}</td>
                <td>{m(e.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Notice>
  );
}
