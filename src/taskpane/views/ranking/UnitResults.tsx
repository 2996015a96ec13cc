/**
 * After a ranking: each unit's result workbook, to send back with the decision — made on request in a
 * lazily loaded chunk (the .xlsx writer) and offered as a download: one .xlsx, or a .zip of them all.
 */
import { useEffect, useState } from 'react';
import { Button, Link, Spinner, Text, makeStyles } from '@fluentui/react-components';
import type { Ranking, RankingInput } from '../../../core/ranking/types';
import type { Rulebook } from '../../../core/rulebook/schema';
import { resultEntries } from '../../../report/result';
import type { Message } from '../../../i18n';
import { errorMessage } from '../../state/errors';
import { useText } from '../../state/lang';
import { yieldToBrowser } from '../../state/useConsolidation';
import type * as UnitResultsChunk from '../../state/unitResults';
import { Notice } from '../../components/Notice';
import { useViewStyles } from '../../components/viewStyles';

const useStyles = makeStyles({
  link: { overflowWrap: 'anywhere', minHeight: '24px', display: 'inline-flex', alignItems: 'center' },
});

const loadChunk = () => import(/* webpackChunkName: "unit-results" */ '../../state/unitResults');

type Made = { file: string; url: string; count: number } | { error: Message } | { none: true };

export interface UnitResultsProps {
  rulebook: Rulebook;
  ranking: Ranking;
  inputs?: RankingInput[];
  /** The chunk; default: a dynamic import. */
  load?: () => Promise<typeof UnitResultsChunk>;
}

export function UnitResults({ rulebook, ranking, inputs, load = loadChunk }: UnitResultsProps) {
  const { t, m, lang } = useText();
  const styles = useStyles();
  const common = useViewStyles();
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<Made>();
  const count = resultEntries(ranking).length;
  // a new ranking or language makes the files stale
  useEffect(() => setMade(undefined), [ranking, lang]);
  useEffect(
    () => () => {
      if (made && 'url' in made) URL.revokeObjectURL(made.url);
    },
    [made],
  );
  const make = async () => {
    setBusy(true);
    try {
      const chunk = await load();
      const got = await chunk.resultDownload(rulebook, ranking, { lang, inputs, yieldToUi: yieldToBrowser });
      if (!got) setMade({ none: true });
      else {
        const url = URL.createObjectURL(new Blob([got.bytes as BlobPart], { type: got.type }));
        setMade({ file: got.file, url, count: got.files.length });
      }
    } catch (e) {
      setMade({ error: errorMessage(e) });
    }
    setBusy(false);
  };
  return (
    <section className={common.section} aria-labelledby="unit-results-heading" data-testid="unit-results">
      <h3 id="unit-results-heading" className={common.subheading}>
        {t('paneResultsTitle')}
      </h3>
      <Text size={200} className={common.meta}>
        {t('paneResultsHint')}
      </Text>
      <div className={common.row}>
        <Button onClick={() => void make()} disabled={busy || !count} data-testid="results-make">
          {t('paneResultsMake', { count })}
        </Button>
        {busy && <Spinner size="tiny" label={t('paneResultsMaking')} />}
      </div>
      {made && 'url' in made && (
        <Notice intent="success" testId="results-ready">
          {t('paneResultsReady', { count: made.count })}{' '}
          <Link href={made.url} download={made.file} className={styles.link} data-testid="results-download">
            {t('paneResultsDownload', { file: made.file })}
          </Link>
        </Notice>
      )}
      {made && 'none' in made && <Notice intent="info">{t('paneResultsNone')}</Notice>}
      {made && 'error' in made && (
        <Notice intent="error" testId="results-failed">
          {t('paneResultsFailed', { detail: m(made.error) })}
        </Notice>
      )}
    </section>
  );
}
