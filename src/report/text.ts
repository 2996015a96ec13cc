/**
 * The ranking as a terminal table per annex: rank, unit, total, band, status, award; then the units
 * without a form and the invalid files with their reasons. Headings and labels in both languages,
 * Vietnamese first. Pure (used by `scorecard rank` and the demo).
 */
import type { Ranking, RankingEntry, RankingTable } from '../core/ranking/types';
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

/** Last year's total and rank and the change, for `rank --previous`; a merged unit's mean has no rank. */
function previousCells(e: RankingEntry): string[] {
  const p = e.previous;
  if (!p) return ['', '', '', ''];
  const rank = p.meanOf
    ? t('vi', 'reportPreviousMean', { count: p.meanOf.length })
    : (p.rank?.toString() ?? '');
  return [
    formatPoints(p.total),
    rank,
    signed(p.change.total),
    p.change.rank !== undefined ? signed(p.change.rank) : '',
  ];
}

const PREVIOUS_HEADERS: MessageKey[] = [
  'reportColPreviousTotal',
  'reportColPreviousRank',
  'reportColChangeTotal',
  'reportColChangeRank',
];

/** One annex's rows: rank, unit, total, index, band, [last year], status, award. */
function entryCells(table: RankingTable, e: RankingEntry, yearOverYear: boolean): string[] {
  return [
    e.rank !== undefined ? String(e.rank) : '–',
    // Never cut: two long names that begin alike would look the same.
    e.unitName || '—',
    e.status === 'missing' ? '' : e.counted ? formatPoints(e.total) : '—',
    // Vietnamese decimals, as the totals beside it (0,9079).
    e.status !== 'missing' && e.counted ? entryIndex(table, e).toFixed(4).replace('.', ',') : '',
    e.band?.label ?? '',
    ...(yearOverYear ? previousCells(e) : []),
    bilingual(entryStatus(e)),
    e.award ? both('reportAwardYes') : e.awardTie ? both('reportAwardTie') : '',
  ];
}

/** The table of one annex, its columns padded to their widest cell. */
function tableLines(table: RankingTable, yearOverYear: boolean): string[] {
  const headers = [
    both('reportColRank'),
    both('reportColUnit'),
    both('reportColTotal'),
    both('reportColIndex'),
    both('reportColBand'),
    ...(yearOverYear ? PREVIOUS_HEADERS.map(both) : []),
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

export function rankingText(result: Ranking): string {
  // Last year's columns only when the ranking was compared with last year's (rank --previous).
  const yearOverYear = result.tables.some((tb) => tb.entries.some((e) => e.previous));
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
