/**
 * The ranking as a terminal table per annex: rank, unit, total, band, status, award; then the units
 * without a form and the invalid files with their reasons. Headings and labels in both languages,
 * Vietnamese first. Pure (used by `scorecard rank` and the demo).
 */
import type { Ranking, RankingEntry, RankingTable } from '../core/ranking/types';
import type { Rulebook } from '../core/rulebook/schema';
import { entryStatus } from '../core/ranking/ranking';
import { formatPoints } from '../core/numbers';
import { bilingual, msg, t, type MessageKey } from '../i18n';
import { entryIndex } from './json';

/** Width on a terminal: code points, without combining marks (NFD input still lines up). */
function width(s: string): number {
  let n = 0;
  for (const ch of s) if (!/\p{M}/u.test(ch)) n++;
  return n;
}
function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}
const both = (key: MessageKey) => `${t('vi', key)} / ${t('en', key)}`;

/** "Giả định / Assumptions", each numbered, Vietnamese then English. */
export function assumptionLines(result: Pick<Ranking, 'rulebook'>): string[] {
  const list = result.rulebook.assumptions;
  if (!list.length) return [];
  return [
    both('assumptionsHeading'),
    ...list.flatMap((a, i) => {
      const where = a.annexes ? ` [${t('vi', 'reportColAnnex')} ${a.annexes.join(', ')}]` : '';
      return [
        `  ${i + 1}. ${t('vi', 'assumptionLine', { what: a.what.vi, why: a.why.vi })}${where}`,
        `     ${t('en', 'assumptionLine', { what: a.what.en, why: a.why.en })}`,
      ];
    }),
  ];
}

/** A change with its sign, in Vietnamese decimals: +2,5 / -1 / 0. */
const signed = (x: number) => (x > 0 ? '+' : '') + formatPoints(x);
/** An index in Vietnamese decimals, 4 of them (0,9079). */
const indexText = (x: number) => x.toFixed(4).replace('.', ',');

/** Which columns of last year the tables show: the change in index too when an annex ranks on it. */
interface YearOverYear {
  changeIndex: boolean;
}

/**
 * Last year's total and rank and the change (in total, and in index where an annex ranks on it), for
 * `rank --previous`; a merged unit's mean has no rank.
 */
function previousCells(e: RankingEntry, yoy: YearOverYear): string[] {
  const p = e.previous;
  if (!p) return PREVIOUS_HEADERS(yoy).map(() => '');
  const rank = p.meanOf
    ? t('vi', 'reportPreviousMean', { count: p.meanOf.length })
    : (p.rank?.toString() ?? '');
  return [
    formatPoints(p.total),
    rank,
    signed(p.change.total),
    ...(yoy.changeIndex ? [(p.change.index > 0 ? '+' : '') + indexText(p.change.index)] : []),
    p.change.rank !== undefined ? signed(p.change.rank) : '',
  ];
}

const PREVIOUS_HEADERS = (yoy: YearOverYear): MessageKey[] => [
  'reportColPreviousTotal',
  'reportColPreviousRank',
  'reportColChangeTotal',
  ...(yoy.changeIndex ? (['reportColChangeIndex'] as const) : []),
  'reportColChangeRank',
];

/** One annex's rows: rank, unit, total, index, band, [last year], status, award. */
function entryCells(table: RankingTable, e: RankingEntry, yearOverYear: YearOverYear | undefined): string[] {
  return [
    e.rank !== undefined ? String(e.rank) : '–',
    // Never cut: two long names that begin alike would look the same.
    e.unitName || '—',
    e.status === 'missing' ? '' : e.counted ? formatPoints(e.total) : '—',
    // Vietnamese decimals, as the totals beside it (0,9079).
    e.status !== 'missing' && e.counted ? indexText(entryIndex(table, e)) : '',
    e.band?.label ?? '',
    ...(yearOverYear ? previousCells(e, yearOverYear) : []),
    bilingual(entryStatus(e)),
    e.award ? both('reportAwardYes') : e.awardTie ? both('reportAwardTie') : '',
  ];
}

/** The table of one annex, its columns padded to their widest cell. */
function tableLines(table: RankingTable, yearOverYear: YearOverYear | undefined): string[] {
  const headers = [
    both('reportColRank'),
    both('reportColUnit'),
    both('reportColTotal'),
    both('reportColIndex'),
    both('reportColBand'),
    ...(yearOverYear ? PREVIOUS_HEADERS(yearOverYear).map(both) : []),
    both('reportColStatus'),
    both('reportColAward'),
  ];
  const rows = table.entries.map((e) => entryCells(table, e, yearOverYear));
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) =>
    '  ' +
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i])))
      .join('  ')
      .trimEnd();
  // A merged unit compares with its predecessors' mean: say whose, below the table.
  const means = table.entries.flatMap((e) =>
    e.previous?.meanOf
      ? [`  * ${e.unitName}: ${bilingual(msg('previousMeanOf', { units: e.previous.meanOf.join(', ') }))}`]
      : [],
  );
  return [`${table.rankingGroup} — ${table.title}`, line(headers), ...rows.map(line), ...means, ''];
}

/**
 * The whole ranking as text. `rb`: the rulebook, which says the annexes ranked on the index; their
 * change since last year is then shown in index too.
 */
export function rankingText(result: Ranking, rb?: Pick<Rulebook, 'annexes'>): string {
  // Last year's columns only when the ranking was compared with last year's (rank --previous).
  const compared = result.tables.filter((tb) => tb.entries.some((e) => e.previous));
  const onIndex = (tb: RankingTable) => rb?.annexes.find((a) => a.code === tb.annex)?.rankOn === 'index';
  const yearOverYear = compared.length ? { changeIndex: compared.some(onIndex) } : undefined;
  const out = result.tables.flatMap((table) => tableLines(table, yearOverYear));
  out.push(`${both('reportMissingTitle')} (${result.missing.length})`);
  for (const m of result.missing) out.push(`  - ${m.unitName} (${t('vi', 'reportColAnnex')} ${m.annex})`);
  out.push('', `${both('reportInvalidTitle')} (${result.invalid.length})`);
  for (const i of result.invalid) out.push(`  - ${i.file}`, `      ${bilingual(i.reason)}`);
  out.push('', ...assumptionLines(result));
  const source = (
    {
      manifest: 'reportReceivedManifest',
      mtime: 'reportReceivedMtime',
      mixed: 'reportReceivedMixed',
      none: 'reportReceivedNone',
    } as const
  )[result.receivedSource];
  out.push('', bilingual(msg(source)));
  return out.join('\n');
}
