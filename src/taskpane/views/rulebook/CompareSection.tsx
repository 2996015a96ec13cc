import type { ReactNode } from 'react';
import { Button, Field, Select, Text } from '@fluentui/react-components';
import type { DiffLine } from '../../../authoring/diff';
import type { Download } from '../../state/rulebook-files';
import type { DiffShown } from '../../state/useRulebookView';
import { useText } from '../../state/lang';
import { Notice } from '../../components/Notice';
import { DownloadLink } from './DownloadLink';
import { useRulebookStyles } from './styles';

export interface CompareSectionProps {
  options: ReactNode;
  older: string;
  setOlder: (key: string) => void;
  newer: string;
  setNewer: (key: string) => void;
  compare: () => void;
  busy: boolean;
  diff: DiffShown | undefined;
  file: Download | undefined;
}

/** Compare two rulebooks: the changes per annex, and the diff workbook to download. */
export function CompareSection(p: CompareSectionProps) {
  const { t } = useText();
  const styles = useRulebookStyles();
  return (
    <section className={styles.section} aria-labelledby="rb-compare">
      <h2 id="rb-compare" className={styles.heading}>
        {t('paneRbCompareHeading')}
      </h2>
      <Field label={t('paneRbOlder')}>
        <Select
          className={styles.select}
          value={p.older}
          onChange={(_, d) => p.setOlder(d.value)}
          data-testid="compare-older"
        >
          {p.options}
        </Select>
      </Field>
      <Field label={t('paneRbNewer')}>
        <Select
          className={styles.select}
          value={p.newer}
          onChange={(_, d) => p.setNewer(d.value)}
          data-testid="compare-newer"
        >
          {p.options}
        </Select>
      </Field>
      <div className={styles.row}>
        <Button onClick={p.compare} disabled={p.busy || !p.older || !p.newer} data-testid="compare">
          {t('paneRbCompare')}
        </Button>
        <DownloadLink file={p.file} testId="diff-download" />
      </div>
      {p.diff && <DiffView diff={p.diff} />}
    </section>
  );
}

function Lines({ items }: { items: DiffLine[] }) {
  const { m } = useText();
  const styles = useRulebookStyles();
  if (items.length === 0) return null;
  return (
    <ul className={styles.list}>
      {items.map((l, i) => (
        <li key={i} data-kind={l.kind}>
          {m(l.message)}
        </li>
      ))}
    </ul>
  );
}

/** A list of changes under its heading, when there are any. */
function Titled({ title, items }: { title: string; items: DiffLine[] }) {
  const styles = useRulebookStyles();
  if (items.length === 0) return null;
  return (
    <>
      <h3 className={styles.sub}>{title}</h3>
      <Lines items={items} />
    </>
  );
}

function DiffView({ diff }: { diff: DiffShown }) {
  const { t } = useText();
  const styles = useRulebookStyles();
  return (
    <div className={styles.section} data-testid="diff">
      {diff.reconstructed && (
        <Notice intent="info" testId="reconstructed">
          {t('paneReconstructedNotice')}
        </Notice>
      )}
      {diff.empty && <Text>{t('diffNoChanges')}</Text>}
      <Titled title={t('diffGeneral')} items={diff.sections.general} />
      {!diff.empty &&
        diff.sections.annexes.map((s) => (
          <div key={s.annex.annex} data-testid={`diff-annex-${s.annex.annex}`}>
            <h3 className={styles.sub}>{t('diffAnnexHeading', { annex: s.annex.annex })}</h3>
            {s.annex.status === 'same' && <Text>{t('diffAnnexSame')}</Text>}
            <Lines items={s.lines} />
            {s.groups.map((g) => (
              <div key={g.code}>
                <Text weight="semibold">{`${g.code}. ${g.title}`}</Text>
                <Lines items={g.lines} />
              </div>
            ))}
            <Lines items={s.bands} />
          </div>
        ))}
      <Titled title={t('diffUnits')} items={diff.sections.units} />
    </div>
  );
}
