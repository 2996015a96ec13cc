/**
 * Year over year in the ranking view: an optional "Kết quả năm trước (.json, .xlsx)" — last year's
 * `scorecard rank --json`, or last year's ranking workbook (`scorecard rank -o`, or one the ranking
 * button wrote into) — and an optional unit map (.csv) for merged units. What was loaded, or why
 * a file cannot be used (named, in both languages), is said under the buttons.
 */
import { useRef, type RefObject } from 'react';
import { Button, Field, makeStyles, tokens } from '@fluentui/react-components';
import { msg } from '../../../i18n';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../state/errors';
import { fileBytes } from '../../state/chosen-file';
import { useText } from '../../state/lang';
import { previousFromFile, withUnitMap, type PreviousState } from '../../state/previous';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** A ranking JSON, or a workbook of any of the ways Excel names its type. */
const PREVIOUS_TYPES =
  '.json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface PreviousYearProps {
  previous?: PreviousState;
  onPrevious: (previous: PreviousState | undefined) => void;
  disabled?: boolean;
}

export function PreviousYear({ previous, onPrevious, disabled }: PreviousYearProps) {
  const { t, m } = useText();
  const styles = useStyles();
  const results = useRef<HTMLInputElement>(null);
  const map = useRef<HTMLInputElement>(null);
  const read = async (file: File, then: (bytes: Uint8Array) => PreviousState | Promise<PreviousState>) => {
    try {
      onPrevious(await then(await fileBytes(file)));
    } catch (e) {
      onPrevious({ file: file.name, error: msg('paneRankingUnreadable', { detail: errorMessage(e).en }) });
    }
  };
  return (
    <>
      <Field label={t('panePreviousTitle')} hint={t('panePreviousHint')}>
        <div className={styles.row}>
          <Button
            size="small"
            onClick={() => results.current?.click()}
            disabled={disabled}
            data-testid="choose-previous"
          >
            {t('panePreviousChoose')}
          </Button>
          {previous && 'results' in previous && (
            <Button
              size="small"
              onClick={() => map.current?.click()}
              disabled={disabled}
              data-testid="choose-unit-map"
            >
              {t('panePreviousMapChoose')}
            </Button>
          )}
          {previous && (
            <Button
              size="small"
              appearance="subtle"
              onClick={() => onPrevious(undefined)}
              disabled={disabled}
            >
              {t('panePreviousRemove')}
            </Button>
          )}
        </div>
      </Field>
      <HiddenInput
        inputRef={results}
        accept={PREVIOUS_TYPES}
        testId="previous-input"
        onFile={(f) => void read(f, (bytes) => previousFromFile(f.name, bytes))}
      />
      <HiddenInput
        inputRef={map}
        accept=".csv,text/csv"
        testId="unit-map-input"
        onFile={(f) =>
          previous && void read(f, (bytes) => withUnitMap(previous, f.name, new TextDecoder().decode(bytes)))
        }
      />
      {previous && 'error' in previous && (
        <Notice intent="error" testId="previous-error">
          {m(previous.error)}
        </Notice>
      )}
      {previous && 'results' in previous && (
        <Notice intent="info" testId="previous-loaded">
          {t('panePreviousLoaded', { file: previous.file, count: previous.results.length })}
          {previous.map &&
            ` ${t('panePreviousMapLoaded', { file: previous.map.file, count: previous.map.rows.length })}`}
        </Notice>
      )}
    </>
  );
}

function HiddenInput(props: {
  inputRef: RefObject<HTMLInputElement | null>;
  accept: string;
  testId: string;
  onFile: (file: File) => void;
}) {
  return (
    <input
      ref={props.inputRef}
      type="file"
      accept={props.accept}
      hidden
      tabIndex={-1}
      aria-hidden="true"
      data-testid={props.testId}
      onChange={(e) => {
        const file = e.currentTarget.files?.[0];
        e.currentTarget.value = ''; // choosing the same file again fires again
        if (file) props.onFile(file);
      }}
    />
  );
}
