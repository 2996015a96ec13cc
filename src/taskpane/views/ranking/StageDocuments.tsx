/**
 * After a ranking: the documents of a stage written into the open workbook (preliminary for the
 * council, or final with the decision's appendix and the award proposal), through the host's report
 * writer, which replaces the consolidation sheets it wrote before.
 */
import { useState } from 'react';
import { Button, Field, Radio, RadioGroup, Spinner } from '@fluentui/react-components';
import type { Ranking } from '../../../core/ranking/types';
import type { Rulebook } from '../../../core/rulebook/schema';
import type { WorkbookHost } from '../../../host/types';
import { STAGES, type Stage } from '../../../report/stages';
import { useText } from '../../state/lang';
import { writeStageDocuments, type StageWrite } from '../../state/stageDocuments';
import { Notice } from '../../components/Notice';
import { useViewStyles } from '../../components/viewStyles';

const LABEL = { preliminary: 'paneStagePreliminary', final: 'paneStageFinal' } as const;

export function StageDocuments({
  host,
  rulebook,
  ranking,
}: {
  host: WorkbookHost;
  rulebook: Rulebook;
  ranking: Ranking;
}) {
  const { t, m, lang } = useText();
  const common = useViewStyles();
  const [stage, setStage] = useState<Stage>('final');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<StageWrite>();
  // Outside Excel there is nothing to write into: the pane already says so for "Tổng hợp".
  if (!host.writeReport) return null;
  const write = async () => {
    setBusy(true);
    setDone(undefined);
    setDone(await writeStageDocuments(host, rulebook, ranking, stage, { lang }));
    setBusy(false);
  };
  return (
    <section className={common.section} aria-labelledby="stage-heading" data-testid="stage-documents">
      <h3 id="stage-heading" className={common.subheading}>
        {t('paneStageTitle')}
      </h3>
      <Field hint={t('paneStageHint')}>
        <RadioGroup
          value={stage}
          onChange={(_, d) => setStage(d.value as Stage)}
          aria-labelledby="stage-heading"
          disabled={busy}
          data-testid="stage-choice"
        >
          {STAGES.map((s) => (
            <Radio key={s} value={s} label={t(LABEL[s])} data-testid={`stage-${s}`} />
          ))}
        </RadioGroup>
      </Field>
      <div className={common.row}>
        <Button onClick={() => void write()} disabled={busy} data-testid="stage-write">
          {t('paneStageWrite')}
        </Button>
        {busy && <Spinner size="tiny" label={t('paneStageWriting')} />}
      </div>
      {done && 'sheetNames' in done && (
        <Notice intent="success" testId="stage-written">
          {t('paneStageWritten', { sheets: done.sheetNames.join(', ') })}
        </Notice>
      )}
      {done && 'error' in done && (
        <Notice intent="error" testId="stage-failed">
          {t('paneStageFailed', { detail: m(done.error) })}
        </Notice>
      )}
    </section>
  );
}
