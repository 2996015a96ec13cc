/**
 * The rulebook's assumptions (where it chooses what its decision does not say), folded under one line so
 * they are always at hand but never in the way: a result an officer acts on must show what it rests on.
 */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Assumption } from '../../core/rulebook/schema';
import { useText } from '../state/lang';
import { useViewStyles } from './viewStyles';

const useStyles = makeStyles({
  box: {
    borderLeft: `3px solid ${tokens.colorPaletteYellowBorderActive}`,
    paddingLeft: tokens.spacingHorizontalS,
  },
  summary: {
    cursor: 'pointer',
    minHeight: '24px',
    display: 'flex',
    alignItems: 'center',
    fontWeight: tokens.fontWeightSemibold,
  },
  why: { color: tokens.colorNeutralForeground2 },
});

export function Assumptions({ items, testId = 'assumptions' }: { items: Assumption[]; testId?: string }) {
  const { t, lang } = useText();
  const styles = useStyles();
  const common = useViewStyles();
  if (!items.length) return null;
  return (
    <details className={styles.box} data-testid={testId}>
      <summary className={styles.summary}>{t('paneAssumptions', { count: items.length })}</summary>
      <ol className={common.list}>
        {items.map((a, i) => (
          <li key={i}>
            <Text size={200} block>
              {a.what[lang]}
            </Text>
            <Text size={200} block className={styles.why}>
              {t('paneAssumptionWhy', { why: a.why[lang] })}
            </Text>
          </li>
        ))}
      </ol>
    </details>
  );
}
