/**
 * The ranking in the pane, compact: per annex (ranking group) a table of rank, unit, total, band badge
 * and status; then the units without a form and the invalid files with their reasons. The full table
 * (group subtotals, appraisal, award, notes, chart, statistics) is the "Tổng hợp" sheet.
 */
import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Rulebook } from '../../../core/rulebook/schema';
import { formatPoints } from '../../../core/numbers';
import { formatDate } from '../../../core/ranking/dates';
import { fileBaseName } from '../../../core/ranking/received';
import { entryStatus } from '../../../core/ranking/ranking';
import { Assumptions } from '../../components/Assumptions';
import type { PreviousComparison, Ranking, RankingTable } from '../../../core/ranking/types';
import { entryIndex } from '../../../report/json';
import { msg } from '../../../i18n';
import { bandColor, formatIndex } from '../../state/live';
import { useText } from '../../state/lang';
import { useViewStyles } from '../../components/viewStyles';

const useStyles = makeStyles({
  table: { tableLayout: 'auto', width: '100%' },
  rank: { width: '2.6em' },
  total: { width: '3.6em' },
  index: { width: '4.2em' },
  previous: { width: '6.4em' },
  band: { width: '5.6em' },
  // rows grow with the unit's name: a name of two lines must not run into the next row
  row: { height: 'auto' },
  cell: {
    height: 'auto',
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    verticalAlign: 'top',
  },
  unit: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: '2px',
    overflowWrap: 'anywhere',
    minWidth: 0,
  },
  badge: { whiteSpace: 'nowrap' },
  attention: { color: tokens.colorPaletteDarkOrangeForeground1 },
  file: { overflowWrap: 'anywhere', fontWeight: tokens.fontWeightSemibold },
  reason: { color: tokens.colorNeutralForeground2 },
});

export function RankingResult({ ranking, rulebook }: { ranking: Ranking; rulebook: Rulebook }) {
  const { t, m } = useText();
  const styles = useStyles();
  const common = useViewStyles();
  return (
    <div className={common.stack}>
      <Assumptions items={ranking.rulebook.assumptions} testId="ranking-assumptions" />
      {ranking.tables
        .filter((table) => table.entries.some((e) => e.status !== 'missing'))
        .map((table) => (
          <AnnexTable key={table.annex} table={table} rulebook={rulebook} />
        ))}
      <section className={common.stack} aria-labelledby="missing-heading" data-testid="missing-units">
        <h3 id="missing-heading" className={common.subheading}>
          {t('paneRankingMissingTitle', { count: ranking.missing.length })}
        </h3>
        {ranking.missing.length > 0 && (
          <ul className={common.list}>
            {ranking.missing.map((u) => (
              <li key={`${u.annex}-${u.unitId}`}>
                <Text size={200}>{`${u.unitName} (${t('reportColAnnex')} ${u.annex})`}</Text>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={common.stack} aria-labelledby="invalid-heading" data-testid="invalid-files">
        <h3 id="invalid-heading" className={common.subheading}>
          {t('paneRankingInvalidTitle', { count: ranking.invalid.length })}
        </h3>
        {ranking.invalid.length > 0 && (
          <ul className={common.list}>
            {ranking.invalid.map((f, i) => (
              <li key={`${f.file}-${i}`} data-testid="invalid-file">
                <Text size={200} block className={styles.file}>
                  {f.file}
                </Text>
                <Text size={200} block className={styles.reason}>
                  {m(f.reason)}
                </Text>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function AnnexTable({ table, rulebook }: { table: RankingTable; rulebook: Rulebook }) {
  const { t, m, lang } = useText();
  const styles = useStyles();
  const common = useViewStyles();
  const annex = rulebook.annexes.find((a) => a.code === table.annex);
  const headingId = `annex-${table.annex.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  // Units without a form are listed once, below the tables (the sheet has them in each table).
  const entries = table.entries.filter((e) => e.status !== 'missing');
  // a unit with several rows (a duplicate, a resubmission) is told apart by its file
  const names = new Map<string, number>();
  for (const e of entries) names.set(e.unitName, (names.get(e.unitName) ?? 0) + 1);
  const deadline = table.deadline;
  const compared = entries.some((e) => e.previous);
  return (
    <section
      className={common.stack}
      aria-labelledby={headingId}
      data-testid="annex-result"
      data-annex={table.annex}
    >
      <h3 id={headingId} className={common.subheading}>
        {t('reportAnnexHeading', { group: table.rankingGroup, title: table.title })}
      </h3>
      {deadline && (
        <Text size={200} className={styles.reason} data-testid="deadline">
          {deadline.graceWorkingDays > 0
            ? t('paneRankingDeadline', {
                deadline: formatDate(deadline.date),
                lastOnTime: formatDate(deadline.lastOnTime),
                grace: deadline.graceWorkingDays,
              })
            : t('paneRankingDeadlineNoGrace', { deadline: formatDate(deadline.date) })}
        </Text>
      )}
      {annex?.rankOn === 'index' && (
        <Text size={200} className={styles.reason} data-testid="ranked-on-index">
          {t('paneRankingOnIndex')}
        </Text>
      )}
      <Table size="extra-small" className={styles.table} aria-labelledby={headingId}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.rank}>{t('reportColRank')}</TableHeaderCell>
            <TableHeaderCell>{`${t('reportColUnit')} · ${t('reportColStatus')}`}</TableHeaderCell>
            <TableHeaderCell className={styles.total}>{t('reportColTotal')}</TableHeaderCell>
            <TableHeaderCell className={styles.index}>{t('reportColIndex')}</TableHeaderCell>
            <TableHeaderCell className={styles.band}>{t('reportColBand')}</TableHeaderCell>
            {compared && (
              <TableHeaderCell className={styles.previous}>{t('panePreviousColumn')}</TableHeaderCell>
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {entries.map((e, i) => {
            const bandIndex = e.band && annex ? annex.bands.findIndex((b) => b.label === e.band!.label) : -1;
            return (
              <TableRow
                key={`${e.unitId}-${e.file ?? ''}-${i}`}
                className={styles.row}
                data-testid="ranking-row"
                data-status={e.status}
              >
                <TableCell className={styles.cell}>{e.rank ?? '–'}</TableCell>
                <TableCell className={styles.cell}>
                  <div className={styles.unit}>
                    <Text size={200} weight="semibold">
                      {e.unitName || '—'}
                    </Text>
                    {e.file && (names.get(e.unitName) ?? 0) > 1 && (
                      <Text size={200} className={styles.reason} data-testid="ranking-file">
                        {fileBaseName(e.file)}
                      </Text>
                    )}
                    {/* "ranked" goes without saying (the missing received dates are said once above); any other
                        status, or a date taken from the file's time, is why the row is different */}
                    {(e.status !== 'ranked' || e.receivedSource === 'mtime') && (
                      <Text size={200} className={styles.attention} data-testid="ranking-status">
                        {m(entryStatus(e))}
                      </Text>
                    )}
                    {e.award && (
                      <Badge size="small" appearance="tint" color="success" className={styles.badge}>
                        {t('paneRankingAward')}
                      </Badge>
                    )}
                    {e.awardTie && (
                      <Badge
                        size="small"
                        appearance="tint"
                        color="warning"
                        className={styles.badge}
                        data-testid="ranking-award-tie"
                      >
                        {t('reportAwardTie')}
                      </Badge>
                    )}
                  </div>
                </TableCell>
                <TableCell className={styles.cell}>{e.counted ? formatPoints(e.total, lang) : '–'}</TableCell>
                <TableCell className={styles.cell} data-testid="ranking-index">
                  {e.counted ? formatIndex(entryIndex(table, e), lang) : '–'}
                </TableCell>
                <TableCell className={styles.cell}>
                  {e.band && e.counted && (
                    <Badge
                      size="small"
                      appearance="filled"
                      className={styles.badge}
                      color={bandColor(Math.max(0, bandIndex), annex?.bands.length ?? 1)}
                      data-testid="ranking-band"
                    >
                      {lang === 'vi' ? e.band.label : e.band.labelEn}
                    </Badge>
                  )}
                </TableCell>
                {compared && (
                  <TableCell className={styles.cell} data-testid="ranking-previous">
                    {e.previous && <LastYear previous={e.previous} onIndex={annex?.rankOn === 'index'} />}
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </section>
  );
}

/** Signed, as a change is read: "+12,5", "−3"; an index with its 4 decimals ("+0,0125"). */
function signed(x: number, format: (x: number) => string): string {
  return x > 0 ? `+${format(x)}` : x < 0 ? `−${format(-x)}` : '0';
}

/**
 * Last year's rank and result, the change, and for a merged unit whose mean it compares with. An annex
 * ranked on the index is compared on the index, others on points: as the "Tổng hợp" sheet's change.
 */
function LastYear({ previous: p, onIndex }: { previous: PreviousComparison; onIndex: boolean }) {
  const { t, m, lang } = useText();
  const styles = useStyles();
  const moved = p.change.rank;
  const points = (x: number) => formatPoints(x, lang);
  const index = (x: number) => formatIndex(x, lang);
  const head = [
    p.rank !== undefined ? t('panePreviousRank', { rank: p.rank }) : '',
    onIndex ? index(p.index) : points(p.total),
  ];
  return (
    <div className={styles.unit}>
      <Text size={200}>{head.filter(Boolean).join(' · ')}</Text>
      <Text size={200} data-testid="previous-change">
        {onIndex
          ? t('panePreviousChangeIndex', { index: signed(p.change.index, index) })
          : t('panePreviousChange', { total: signed(p.change.total, points) })}
        {moved ? ` · ${moved > 0 ? '↑' : '↓'}${Math.abs(moved)}` : ''}
      </Text>
      {p.meanOf && (
        <Text size={200} className={styles.reason} data-testid="previous-mean-of">
          {m(msg('previousMeanOf', { units: p.meanOf.join(', ') }))}
        </Text>
      )}
    </div>
  );
}
