/**
 * The round's next milestone on the ranking view: "Mốc tiếp theo: … — ngày dd/mm/yyyy (còn N ngày làm
 * việc)" for the chosen rulebook and the as-of date's year, and the whole timeline in a disclosure. A
 * rulebook without milestones gets one line saying so, nothing more.
 */
import { useState } from 'react';
import { Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Rulebook } from '../../../core/rulebook/schema';
import { formatDate } from '../../../core/ranking/dates';
import type { TimelineMilestone } from '../../../core/round/timeline';
import { useText } from '../../state/lang';
import { milestoneRulebook, roundStatus } from '../../state/roundMilestone';
import { rulebookLabel, type RulebookChoice } from '../../state/rulebooks';
import { useViewStyles } from '../../components/viewStyles';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  summary: {
    cursor: 'pointer',
    minHeight: '24px',
    display: 'list-item',
    color: tokens.colorBrandForeground1,
  },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  item: { overflowWrap: 'anywhere', marginBottom: tokens.spacingVerticalXS },
  past: { color: tokens.colorNeutralForeground3 },
  next: { fontWeight: tokens.fontWeightSemibold },
  select: {
    minWidth: 0,
    width: '100%',
    '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
  },
});

export interface NextMilestoneProps {
  choices: RulebookChoice[];
  /** The rulebook of the last ranking: followed until the user picks another. */
  ranked?: Rulebook;
  /** 'yyyy-mm-dd' ('' while the field holds no date). */
  asOf: string;
}

export function NextMilestone({ choices, ranked, asOf }: NextMilestoneProps) {
  const { t, lang } = useText();
  const styles = useStyles();
  const common = useViewStyles();
  const [picked, setPicked] = useState<string>();
  const chosen = milestoneRulebook(choices, picked, ranked);
  if (!chosen) return null;
  const status = roundStatus(chosen.rulebook, asOf);
  const title = (m: TimelineMilestone) => (lang === 'vi' ? m.title : m.titleEn);
  return (
    <section className={styles.card} aria-labelledby="round-heading" data-testid="round-milestone">
      <h2 id="round-heading" className={common.subheading}>
        {t('paneRoundTitle')}
      </h2>
      {status?.kind === 'next' && (
        <Text data-testid="round-next">
          {status.next.workingDaysLeft
            ? t('paneRoundNext', {
                title: title(status.next),
                date: formatDate(status.next.due),
                days: status.next.workingDaysLeft,
              })
            : t('paneRoundNextToday', { title: title(status.next), date: formatDate(status.next.due) })}
        </Text>
      )}
      {status?.kind === 'allPassed' && (
        <Text data-testid="round-all-passed">{t('paneRoundAllPassed', { year: status.timeline.year })}</Text>
      )}
      {status?.kind === 'none' && (
        <Text size={200} className={common.meta} data-testid="round-none">
          {t('paneRoundNone', { rulebook: status.rulebook })}
        </Text>
      )}
      {status && status.kind !== 'none' && (
        <details data-testid="round-timeline">
          <summary className={styles.summary}>
            {t('paneRoundShow', { count: status.timeline.milestones.length })}
          </summary>
          <ol className={styles.list}>
            {status.timeline.milestones.map((m, i) => (
              <li
                key={`${m.id}-${i}`}
                className={`${styles.item} ${m.state === 'past' ? styles.past : ''} ${m.state === 'next' ? styles.next : ''}`}
                data-testid="round-item"
                data-state={m.state}
              >
                <Text size={200} weight={m.state === 'next' ? 'semibold' : 'regular'}>
                  {`${formatDate(m.due)} — ${title(m)}`}
                  {m.annexes && ` · ${t('roundAnnexes')} ${m.annexes.join(', ')}`}
                  {m.state === 'past' && ` (${t('paneRoundPast')})`}
                  {m.state === 'next' && ` (${t('paneRoundNextBadge')})`}
                  {m.assumption && ` · ${t('paneRoundAssumption')}`}
                </Text>
              </li>
            ))}
          </ol>
        </details>
      )}
      {choices.length > 1 && (
        <Field label={t('paneRoundRulebook')} size="small">
          <Select
            size="small"
            className={styles.select}
            value={chosen.key}
            onChange={(_, d) => setPicked(d.value)}
            data-testid="round-rulebook"
          >
            {!choices.some((c) => c.key === chosen.key) && (
              <option value={chosen.key}>{rulebookLabel(t, chosen.rulebook, 'file')}</option>
            )}
            {choices.map((c) => (
              <option key={c.key} value={c.key}>
                {rulebookLabel(t, c.rulebook, c.source)}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </section>
  );
}
