/**
 * One line per chosen file: its name, a progress bar (queued, reading, read, invalid), where its
 * received date comes from, and the reason when it could not be read. Rows are memoised, so reading
 * one file re-renders one row, not hundreds.
 */
import { memo } from 'react';
import { ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatDate } from '../../../core/ranking/dates';
import { useText } from '../../state/lang';
import type { FileEntry } from '../../state/useConsolidation';

const useStyles = makeStyles({
  list: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    maxHeight: '360px',
    overflowY: 'auto',
  },
  row: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    minWidth: 0,
    paddingRight: tokens.spacingHorizontalXS,
  },
  name: { overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground2 },
  reason: { color: tokens.colorPaletteRedForeground1 },
});

export function FileProgressList({ files, label }: { files: FileEntry[]; label: string }) {
  const styles = useStyles();
  return (
    // a scrolling region must be reachable by keyboard (axe: scrollable-region-focusable)
    <ul className={styles.list} aria-label={label} tabIndex={0} data-testid="file-list">
      {files.map((f) => (
        <FileRow key={f.key} entry={f} />
      ))}
    </ul>
  );
}

const FileRow = memo(function FileRow({ entry }: { entry: FileEntry }) {
  const { t, m } = useText();
  const styles = useStyles();
  const status =
    entry.status === 'queued'
      ? t('paneRankingQueued')
      : entry.status === 'reading'
        ? t('paneRankingReadingFile')
        : entry.status === 'invalid'
          ? t('paneRankingInvalid')
          : entry.forms > 1
            ? t('paneRankingOkForms', { count: entry.forms })
            : t('paneRankingOk');
  const received = entry.received
    ? t(entry.received.source === 'manifest' ? 'paneRankingReceivedManifest' : 'paneRankingReceivedMtime', {
        date: formatDate(entry.received.date),
      })
    : undefined;
  return (
    <li className={styles.row} data-testid="file-row" data-status={entry.status} data-file={entry.file.name}>
      <Text size={200} weight="semibold" className={styles.name}>
        {entry.file.name}
      </Text>
      <ProgressBar
        // queued: empty; reading: moving (indeterminate); read or invalid: full, green or red
        value={entry.status === 'reading' ? undefined : entry.status === 'queued' ? 0 : 1}
        color={entry.status === 'invalid' ? 'error' : entry.status === 'ok' ? 'success' : 'brand'}
        thickness="medium"
        aria-label={`${entry.file.name}: ${status}`}
      />
      <Text size={200} className={styles.meta} data-testid="file-status">
        {received ? `${status} · ${received}` : status}
      </Text>
      {entry.reason && (
        <Text size={200} className={styles.reason} data-testid="file-reason">
          {m(entry.reason)}
        </Text>
      )}
    </li>
  );
});
