/**
 * summarySheet: a ranking → the "Tổng hợp" sheet, cell by cell (pure). From the top:
 *   title, rulebook and decision, where the received dates came from and the as-of date, counts,
 *   the reconstructed notice;
 *   per annex (ranking group): heading, deadline, criteria-group legend, then the table
 *     STT | Hạng | Cơ quan, đơn vị | Nhóm 1…n | Tự chấm | Thẩm định | Chênh lệch | Tổng điểm |
 *     Xếp loại | Trạng thái | Khen thưởng | Ngày nhận | Tệp | Ghi chú
 *   and below it the bar chart of the placed units' totals;
 *   the units without a form; the invalid files with their reasons;
 *   per annex, the statistics per criterion; the weakest criteria province-wide.
 * Everything copied from a submission (unit names, notes, file names) is a text `value`: see types.ts.
 */
import { DOCUMENT_MARGINS } from '../sheet/types';
import type { Annex, Rulebook } from '../core/rulebook/schema';
import { reconstructionNotice } from '../core/rulebook/policies';
import type { CriterionStatistic, Ranking, RankingEntry, RankingTable } from '../core/ranking/types';
import { entryStatus } from '../core/ranking/ranking';
import { formatDate } from '../core/ranking/dates';
import { fileBaseName } from '../core/ranking/received';
import { formatPoints, round2 } from '../core/numbers';
import { normalizeName } from '../core/units';
import { bilingual, t, type Lang, type Message, type MessageKey, type Params } from '../i18n';
import { vi } from '../i18n/vi';
import type { CellStyle } from '../sheet/types';
import { rangeA1 } from '../sheet/a1';
import type { ReportCell, ReportChart, ReportSheet } from './types';
import type { CrossCheckResult } from '../core/crosscheck/compare';
import { sourceName } from '../core/crosscheck/reference';
import { toleranceText } from './crosscheck';
import { entryIndex } from './json';

/** The sheet's name, in every language: re-running a consolidation replaces the sheet of this name. */
export const SUMMARY_SHEET = 'Tổng hợp';

export interface SummaryOptions {
  /** Language of the sheet's own text (default Vietnamese); notes are always both, Vietnamese first. */
  lang?: Lang;
  /** The as-of date ('yyyy-mm-dd'); default: the ranking's. */
  asOf?: string;
  /** How many weakest criteria province-wide (default 5). */
  weakestCount?: number;
  /** Draw a bar chart of totals per annex (default true). */
  charts?: boolean;
  /** The cross-checks against the specialised agencies' figures (rank --reference): a section of their own. */
  crossChecks?: CrossCheckResult;
  /**
   * `preliminary`: the report to the appraisal council before appraisal — its own title, the self-scores
   * per criteria group, and no award column or award notes, since awards follow the appraised results.
   */
  stage?: 'preliminary';
}

/** The ranking's note on a tie at an award cut-off (rankAwardTie), in either language. */
const AWARD_NOTE = new RegExp(
  `^${vi.rankAwardTie.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '.+')}$`,
);
export const isAwardNote = (m: Message) => AWARD_NOTE.test(m.vi);

const FONT = { name: 'Times New Roman', size: 11 };
const LINE = 14.5; // points per line of 11 pt text
const FILL = {
  header: '#D9E1F2',
  heading: '#E2EFDA',
  total: '#E2EFDA',
  late: '#FCE4D6',
  invalid: '#FFC7CE',
  muted: '#EDEDED',
};

const STYLES: Record<string, CellStyle> = {
  title: { bold: true, size: 14, hAlign: 'center', vAlign: 'middle', wrap: true },
  subtitle: { italic: true, hAlign: 'center', vAlign: 'middle', wrap: true },
  line: { vAlign: 'middle', wrap: true },
  notice: { italic: true, vAlign: 'middle', wrap: true, color: '#C00000' },
  heading: { bold: true, size: 12, vAlign: 'middle', wrap: true, fill: FILL.heading },
  info: { italic: true, vAlign: 'middle', wrap: true },
  th: { bold: true, hAlign: 'center', vAlign: 'middle', wrap: true, border: true, fill: FILL.header },
  center: { hAlign: 'center', vAlign: 'middle', border: true },
  text: { vAlign: 'middle', wrap: true, border: true },
  note: { vAlign: 'middle', wrap: true, border: true, size: 10 },
  points: { hAlign: 'center', vAlign: 'middle', border: true, numberFormat: '0.00' },
  change: { hAlign: 'center', vAlign: 'middle', border: true, numberFormat: '+0.00;-0.00;0.00' },
  total: {
    bold: true,
    hAlign: 'center',
    vAlign: 'middle',
    border: true,
    numberFormat: '0.00',
    fill: FILL.total,
  },
  index: { hAlign: 'center', vAlign: 'middle', border: true, numberFormat: '0.0000', fill: FILL.total },
  indexPlain: { hAlign: 'center', vAlign: 'middle', border: true, numberFormat: '0.0000' },
  changeRank: { hAlign: 'center', vAlign: 'middle', border: true, numberFormat: '+0;-0;0' },
  changeIndex: {
    hAlign: 'center',
    vAlign: 'middle',
    border: true,
    numberFormat: '+0.0000;-0.0000;0.0000',
  },
  band: { bold: true, hAlign: 'center', vAlign: 'middle', border: true },
  muted: { italic: true, hAlign: 'center', vAlign: 'middle', border: true, color: '#7F7F7F' },
  award: { bold: true, hAlign: 'center', vAlign: 'middle', border: true, color: '#006100' },
  share: { hAlign: 'center', vAlign: 'middle', border: true, numberFormat: '0.0%' },
  status_ranked: { hAlign: 'center', vAlign: 'middle', wrap: true, border: true },
  status_late: { hAlign: 'center', vAlign: 'middle', wrap: true, border: true, fill: FILL.late },
  status_invalid: { hAlign: 'center', vAlign: 'middle', wrap: true, border: true, fill: FILL.invalid },
  status_duplicate: { hAlign: 'center', vAlign: 'middle', wrap: true, border: true, fill: FILL.muted },
  status_missing: { hAlign: 'center', vAlign: 'middle', wrap: true, border: true, fill: FILL.muted },
  status_wrongAnnex: { hAlign: 'center', vAlign: 'middle', wrap: true, border: true, fill: FILL.invalid },
};

/** Rough lines a text needs in a column of `width` characters (Times New Roman is narrower than '0'). */
function lines(text: string, width: number): number {
  const perLine = Math.max(4, Math.floor(width * 1.2));
  return text.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil(p.length / perLine)), 0);
}

/** The maximum of a criteria group (a `mean` annex scores every group on the annex's scale). */
function groupMax(annex: Annex | undefined, code: string): number | undefined {
  const group = annex?.groups.find((g) => g.code === code);
  if (!annex || !group) return undefined;
  return annex.aggregate === 'mean' ? annex.max : round2(group.criteria.reduce((s, c) => s + c.max, 0));
}

/** Placed units come first in a table (ranked or late-but-ranked): the rows the chart shows. */
const isPlaced = (e: RankingEntry) => e.counted;

/**
 * Criteria pooled across annexes by title (the same criterion in several annexes), weakest first:
 * share of max averaged over the units counted in each annex.
 */
export function weakestProvinceWide(
  result: Ranking,
  count: number,
): { title: string; where: string; units: number; share: number; reconstructed: boolean }[] {
  const pooled = new Map<
    string,
    { title: string; where: string[]; units: number; weighted: number; reconstructed: boolean }
  >();
  for (const table of result.tables)
    for (const s of table.statistics.criteria) {
      if (!s.units) continue;
      const key = normalizeName(s.title);
      const p = pooled.get(key) ?? { title: s.title, where: [], units: 0, weighted: 0, reconstructed: false };
      p.where.push(`${table.annex} (${s.id})`);
      p.units += s.units;
      p.weighted += s.share * s.units;
      p.reconstructed ||= s.provenance === 'reconstructed';
      pooled.set(key, p);
    }
  return [...pooled.values()]
    .map((p) => ({
      title: p.title,
      where: p.where.join(', '),
      units: p.units,
      share: p.weighted / p.units,
      reconstructed: p.reconstructed,
    }))
    .sort((a, b) => a.share - b.share || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0))
    .slice(0, count);
}

/** The columns of the annex tables (other sections reuse them) and their widths in characters. */
interface Layout {
  col: {
    no: number;
    rank: number;
    unit: number;
    group: number;
    self: number;
    appraised: number;
    change: number;
    total: number;
    index: number;
    band: number;
    /** Last year's figures and the change (rank --previous); absent when no entry has them. */
    previous?: {
      total: number;
      index: number;
      rank: number;
      band: number;
      changeTotal: number;
      /** The change in index: only when an annex compared with last year is ranked on the index. */
      changeIndex?: number;
      changeRank: number;
    };
    status: number;
    /** -1 in the preliminary report, which has no award column. */
    award: number;
    received: number;
    file: number;
    notes: number;
  };
  columns: number[];
  groupCount: number;
}

/** The annex ranks and bands on the index (0–1) rather than on points. */
const ranksOnIndex = (rb: Rulebook, table: Pick<RankingTable, 'annex'>) =>
  rb.annexes.find((a) => a.code === table.annex)?.rankOn === 'index';

/** Columns left to right: each takes the next place; year over year sits between the band and the status. */
export function summaryLayout(rb: Rulebook, result: Ranking, preliminary: boolean): Layout {
  const groupCount = Math.max(1, ...result.tables.map((tb) => tb.groups.length));
  const compared = result.tables.filter((tb) => tb.entries.some((e) => e.previous));
  const yearOverYear = compared.length > 0;
  // The change in what an annex ranks on: the index beside the total, when some annex ranks on it.
  const onIndex = compared.some((tb) => ranksOnIndex(rb, tb));
  const columns: number[] = [];
  const next = (width: number) => columns.push(width) - 1;
  const no = next(6);
  const rank = next(7);
  const unit = next(34);
  const group = next(11);
  for (let k = 1; k < groupCount; k++) next(11);
  const figures = { self: next(10), appraised: next(14), change: next(10), total: next(10) };
  const index = next(9);
  const band = next(11);
  const previous = yearOverYear
    ? {
        total: next(10),
        index: next(9),
        rank: next(8),
        band: next(11),
        changeTotal: next(10),
        ...(onIndex ? { changeIndex: next(9) } : {}),
        changeRank: next(9),
      }
    : undefined;
  const status = next(13);
  const award = preliminary ? -1 : next(11);
  const tail = { received: next(12), file: next(24), notes: next(56) };
  return {
    col: {
      no,
      rank,
      unit,
      group,
      ...figures,
      index,
      band,
      ...(previous ? { previous } : {}),
      status,
      award,
      ...tail,
    },
    columns,
    groupCount,
  };
}

/** The cells, merges, row heights and charts of a sheet being written, with the helpers that add them. */
function sheetWriter(columns: number[]) {
  const last = columns.length - 1;
  const widthOf = (from: number, to: number) => columns.slice(from, to + 1).reduce((s, w) => s + w, 0);
  const cells: ReportCell[] = [];
  const merges: ReportSheet['merges'] = [];
  const rowHeights: Record<number, number> = {};
  const charts: ReportChart[] = [];
  const fit = (row: number, text: string, width: number, size = FONT.size) => {
    const h = Math.max(LINE + 4, lines(text, width * (FONT.size / size)) * LINE * (size / FONT.size) + 4);
    rowHeights[row] = Math.max(rowHeights[row] ?? 0, Math.round(h * 100) / 100);
  };
  const put = (row: number, c: number, value: string | number | undefined, style: string, cols = 1) => {
    const cell: ReportCell = { row, col: c, style };
    if (value !== undefined && value !== '') cell.value = value;
    cells.push(cell);
    if (cols > 1) {
      merges.push({ row, col: c, rows: 1, cols });
      // Merged-away cells carry the style too, so borders and fills cover the whole merge.
      for (let k = c + 1; k < c + cols; k++) cells.push({ row, col: k, style });
    }
    if (typeof value === 'string' && STYLES[style]?.wrap)
      fit(row, value, widthOf(c, c + cols - 1), STYLES[style].size);
  };
  const fullRow = (row: number, text: string, style: string) => put(row, 0, text, style, last + 1);
  return { last, cells, merges, rowHeights, charts, put, fullRow };
}

/** What every section needs: the rulebook and ranking, the language, the layout and the writer. */
interface Context extends Layout {
  rb: Rulebook;
  result: Ranking;
  opts: SummaryOptions;
  lang: Lang;
  preliminary: boolean;
  tx: (key: MessageKey, params?: Params) => string;
  pts: (x: number) => string;
  w: ReturnType<typeof sheetWriter>;
  annexOf: (code: string) => Annex | undefined;
}

const RECEIVED_SOURCE_KEY = {
  manifest: 'reportReceivedManifest',
  mtime: 'reportReceivedMtime',
  mixed: 'reportReceivedMixed',
  none: 'reportReceivedNone',
} as const;

function sheetTitle({ result, tx, preliminary }: Context): string {
  if (preliminary)
    return result.year !== undefined
      ? tx('stagePreliminaryTitle', { year: result.year })
      : tx('stagePreliminaryTitleNoYear');
  return result.year !== undefined ? tx('reportTitle', { year: result.year }) : tx('reportTitleNoYear');
}

/** Title, rulebook and decision, received dates and as-of date, counts; returns the next free row. */
function titleBlock(ctx: Context, row: number): number {
  const { rb, result, tx, w } = ctx;
  const asOf = ctx.opts.asOf ?? result.asOf;
  w.fullRow(row, sheetTitle(ctx), 'title');
  w.rowHeights[row] = Math.max(w.rowHeights[row], 24);
  row++;
  const kind = /QĐ/i.test(rb.decision.number) ? tx('formDecisionKind') : tx('formLetterKind');
  const { title, issuer, id, version } = rb;
  const decision = { number: rb.decision.number, date: formatDate(rb.decision.date) };
  w.fullRow(row++, tx('reportRulebook', { title, kind, ...decision, issuer, id, version }), 'subtitle');
  const received = tx(RECEIVED_SOURCE_KEY[result.receivedSource]);
  const asOfText = asOf ? tx('reportAsOf', { date: formatDate(asOf) }) : '';
  w.fullRow(row++, [received, asOfText].filter(Boolean).join(' '), 'line');
  w.fullRow(row++, countsLine(ctx), 'line');
  return noticesBlock(ctx, row);
}

function countsLine({ result, tx }: Context): string {
  const all = result.tables.flatMap((tb) => tb.entries);
  const files = new Set([
    ...all.flatMap((e) => (e.file ? [e.file] : [])),
    ...result.invalid.map((i) => i.file),
  ]);
  const count = (status: RankingEntry['status']) => all.filter((e) => e.status === status).length;
  return tx('reportCounts', {
    files: files.size,
    ranked: all.filter(isPlaced).length,
    late: count('late'),
    invalid: result.invalid.length,
    duplicate: count('duplicate'),
    missing: result.missing.length,
  });
}

/** The reconstructed notice, the ranking's warnings and the rulebook's assumptions, then a blank row. */
function noticesBlock(ctx: Context, row: number): number {
  const { rb, result, lang, tx, w, annexOf } = ctx;
  const reconstructed = result.tables.some((tb) =>
    annexOf(tb.annex)?.groups.some((g) => g.criteria.some((c) => c.provenance === 'reconstructed')),
  );
  if (reconstructed) w.fullRow(row++, reconstructionNotice(rb)[lang], 'notice');
  for (const warning of result.warnings ?? []) w.fullRow(row++, bilingual(warning), 'notice');
  if (rb.assumptions.length) {
    w.fullRow(row++, tx('assumptionsHeading'), 'line');
    rb.assumptions.forEach((a, i) => {
      const where = a.annexes ? ` [${tx('reportColAnnex')} ${a.annexes.join(', ')}]` : '';
      const text = tx('assumptionLine', { what: a.what[lang], why: a.why[lang] });
      w.fullRow(row++, `${i + 1}. ${text}${where}`, 'notice');
    });
  }
  return row + 1;
}

/** Above an annex's table: its heading, maximum, count, average, deadline and notes, the group legend. */
function annexHeading(ctx: Context, table: RankingTable, row: number): number {
  const { tx, pts, w } = ctx;
  const annex = ctx.annexOf(table.annex);
  w.fullRow(row++, tx('reportAnnexHeading', { group: table.rankingGroup, title: table.title }), 'heading');
  const placed = table.entries.filter(isPlaced);
  const average = pts(table.statistics.averageTotal);
  const info = [tx('reportAnnexInfo', { max: pts(table.max), ranked: placed.length, average })];
  const d = table.deadline;
  if (d)
    info.push(
      d.graceWorkingDays
        ? tx('reportDeadline', {
            deadline: formatDate(d.date),
            grace: d.graceWorkingDays,
            lastOnTime: formatDate(d.lastOnTime),
          })
        : tx('reportDeadlineNoGrace', { deadline: formatDate(d.date) }),
    );
  info.push(...table.notes.map(bilingual));
  w.fullRow(row++, info.join(' '), 'info');
  const legend = table.groups
    .map((g) =>
      tx('reportGroupItem', { code: g.code, title: g.title, max: pts(groupMax(annex, g.code) ?? 0) }),
    )
    .join('; ');
  w.fullRow(row++, tx('reportGroupLegend', { groups: legend }), 'info');
  return row;
}

/** The header row of an annex's table: which heading goes in which column. */
function tableHeaders(ctx: Context, table: RankingTable): [number, string][] {
  const { col, tx, pts, groupCount } = ctx;
  const annex = ctx.annexOf(table.annex);
  const groupHeader = (i: number): [number, string] => {
    const g = table.groups[i];
    return [
      col.group + i,
      g ? tx('reportColGroup', { code: g.code, max: pts(groupMax(annex, g.code) ?? 0) }) : '',
    ];
  };
  const p = col.previous;
  const previous: [number, MessageKey][] = p
    ? [
        [p.total, 'reportColPreviousTotal'],
        [p.index, 'reportColPreviousIndex'],
        [p.rank, 'reportColPreviousRank'],
        [p.band, 'reportColPreviousBand'],
        [p.changeTotal, 'reportColChangeTotal'],
        ...(p.changeIndex !== undefined
          ? ([[p.changeIndex, 'reportColChangeIndex']] as [number, MessageKey][])
          : []),
        [p.changeRank, 'reportColChangeRank'],
      ]
    : [];
  const keyed: [number, MessageKey][] = [
    [col.self, 'reportColSelf'],
    [col.appraised, 'reportColAppraised'],
    [col.change, 'reportColChange'],
    [col.total, 'reportColTotal'],
    [col.index, 'reportColIndex'],
    [col.band, 'reportColBand'],
    ...previous,
    [col.status, 'reportColStatus'],
    ...(ctx.preliminary ? [] : ([[col.award, 'reportColAward']] as [number, MessageKey][])),
    [col.received, 'reportColReceived'],
    [col.file, 'reportColFile'],
    [col.notes, 'reportColNotes'],
  ];
  return [
    [col.no, tx('reportColNo')],
    [col.rank, tx('reportColRank')],
    [col.unit, tx('reportColUnit')],
    ...Array.from({ length: groupCount }, (_, i) => groupHeader(i)),
    ...keyed.map(([c, key]): [number, string] => [c, tx(key)]),
  ];
}

/** Points per criteria group, self and appraised totals and their difference. */
function entryPoints(ctx: Context, table: RankingTable, e: RankingEntry, row: number): void {
  const { col, w, tx } = ctx;
  const hasForm = e.status !== 'missing';
  for (let k = 0; k < ctx.groupCount; k++) {
    const g = table.groups[k];
    // The preliminary report shows what the units scored themselves; it adds up to "Tự chấm".
    const points = ctx.preliminary ? e.selfGroups : e.groups;
    w.put(row, col.group + k, hasForm && g ? points[g.code] : undefined, 'points');
  }
  w.put(row, col.self, hasForm ? e.selfTotal : undefined, 'points');
  if (!hasForm) {
    w.put(row, col.appraised, undefined, 'points');
    w.put(row, col.change, undefined, 'change');
  } else if (e.appraised) {
    w.put(row, col.appraised, e.total, 'points');
    w.put(row, col.change, round2(e.total - e.selfTotal), 'change');
  } else {
    w.put(row, col.appraised, tx('reportNotAppraised'), 'muted');
    w.put(row, col.change, undefined, 'change');
  }
}

/**
 * Last year's figures and the change. A merged unit compares with its predecessors' mean, which has no
 * rank or band: the rank cell says so, and the notes name the predecessors.
 */
function entryPrevious(ctx: Context, e: RankingEntry, row: number): void {
  const p = ctx.col.previous;
  if (!p) return;
  const { w, tx } = ctx;
  const prev = e.previous;
  w.put(row, p.total, prev?.total, 'points');
  w.put(row, p.index, prev?.index, 'indexPlain');
  if (prev?.meanOf) w.put(row, p.rank, tx('reportPreviousMean', { count: prev.meanOf.length }), 'muted');
  else w.put(row, p.rank, prev?.rank, 'center');
  w.put(row, p.band, prev?.band, 'center');
  w.put(row, p.changeTotal, prev?.change.total, 'change');
  if (p.changeIndex !== undefined) w.put(row, p.changeIndex, prev?.change.index, 'changeIndex');
  w.put(row, p.changeRank, prev?.change.rank, 'changeRank');
}

/** One row of an annex's table. */
function entryRow(ctx: Context, table: RankingTable, e: RankingEntry, i: number, row: number): void {
  const { col, w, tx, lang } = ctx;
  const hasForm = e.status !== 'missing';
  w.put(row, col.no, i + 1, 'center');
  w.put(row, col.rank, e.rank, 'center');
  w.put(row, col.unit, e.unitName, 'text');
  entryPoints(ctx, table, e, row);
  // A total that does not count (late and not ranked, invalid, …) stays in the notes only.
  w.put(row, col.total, hasForm && e.counted ? e.total : undefined, 'total');
  w.put(row, col.index, hasForm && e.counted ? entryIndex(table, e) : undefined, 'index');
  w.put(row, col.band, e.band ? (lang === 'vi' ? e.band.label : e.band.labelEn) : undefined, 'band');
  entryPrevious(ctx, e, row);
  w.put(row, col.status, entryStatus(e)[lang], `status_${e.status}`);
  if (!ctx.preliminary) {
    const award = e.award ? tx('reportAwardYes') : e.awardTie ? tx('reportAwardTie') : undefined;
    w.put(row, col.award, award, 'award');
  }
  const mark = e.receivedSource === 'mtime' ? ' *' : '';
  w.put(row, col.received, e.received ? formatDate(e.received) + mark : undefined, 'center');
  w.put(row, col.file, e.file ? fileBaseName(e.file) : undefined, 'text');
  const notes = ctx.preliminary ? e.notes.filter((m) => !isAwardNote(m)) : e.notes;
  w.put(row, col.notes, notes.map(bilingual).join('\n'), 'note');
}

/** Rows a chart of `bars` bars takes: about two per bar, so that two-line unit names fit beside them. */
const chartRows = (bars: number) => Math.min(100, Math.max(12, Math.ceil(bars * 1.8) + 5));

/** What a chart of an annex needs besides its values: the cells it covers and the bars' labels. */
type ChartContent = Omit<ReportChart, 'annex' | 'categories' | 'anchor'>;

/**
 * The chart of the change since last year in what the annex ranks on (points, or the index), on an
 * axis symmetric about zero so that gains and losses read alike; undefined when nobody compares.
 */
function changeChart(
  ctx: Context,
  table: RankingTable,
  placed: RankingEntry[],
  column: (c: number) => string,
): ChartContent | undefined {
  const p = ctx.col.previous;
  const onIndex = ranksOnIndex(ctx.rb, table);
  const changes = placed.flatMap((e) => (e.previous ? [e.previous.change[onIndex ? 'index' : 'total']] : []));
  const at = onIndex ? p?.changeIndex : p?.changeTotal;
  if (at === undefined || !changes.length) return undefined;
  // Whole points, or steps of 0.05 of the index.
  const step = onIndex ? 0.05 : 1;
  const steps = Math.max(1, Math.ceil(Math.max(...changes.map(Math.abs)) / step - 1e-9));
  const reach = Math.round(steps * step * 1e4) / 1e4;
  const { tx } = ctx;
  return {
    title: tx(onIndex ? 'reportChartChangeIndexTitle' : 'reportChartChangeTitle', {
      group: table.rankingGroup,
    }),
    seriesName: tx(onIndex ? 'reportChartChangeIndexSeries' : 'reportChartChangeSeries'),
    values: column(at),
    min: -reach,
    max: reach,
    ...(onIndex ? { numberFormat: '+0.0000;-0.0000;0.0000' } : {}),
  };
}

/**
 * The bar chart of the placed units' totals (or indices, for an annex ranked on the index), and when
 * last year is known the bar chart of the change in the same measure; returns the row below them.
 */
function annexCharts(ctx: Context, table: RankingTable, firstEntryRow: number, row: number): number {
  const { col, tx, w } = ctx;
  const placed = table.entries.filter(isPlaced);
  if (!(ctx.opts.charts ?? true) || !placed.length) return row;
  // Placed entries are the first rows of the table (rank order), so their cells form one range.
  const lastPlaced = firstEntryRow + placed.length - 1;
  const column = (c: number) => rangeA1(firstEntryRow, c, lastPlaced, c);
  const onIndex = ranksOnIndex(ctx.rb, table);
  const valueAxisTitle = tx(onIndex ? 'reportChartAxisIndex' : 'reportChartAxisPoints');
  // The charts keep the width they had before the year-over-year columns: unit to status.
  const cols = col.band - col.unit + 2;
  const add = (chart: ChartContent) => {
    const rows = chartRows(placed.length);
    row++;
    const anchor = { row, col: col.unit, rows, cols };
    w.charts.push({ valueAxisTitle, ...chart, annex: table.annex, categories: column(col.unit), anchor });
    row += rows;
  };
  const group = { group: table.rankingGroup };
  add(
    onIndex
      ? // An annex ranked on the index charts the index, on its 0–1 scale, with its 4 decimals.
        {
          title: tx('reportChartIndexTitle', group),
          seriesName: tx('reportChartIndexSeries'),
          values: column(col.index),
          max: 1,
          numberFormat: '0.0000',
        }
      : {
          title: tx('reportChartTitle', group),
          seriesName: tx('reportChartSeries'),
          values: column(col.total),
          max: table.max,
        },
  );
  const change = changeChart(ctx, table, placed, column);
  if (change) add(change);
  return row;
}

/** One annex: heading, table and charts; returns the next free row. */
function annexSection(ctx: Context, table: RankingTable, row: number): number {
  row = annexHeading(ctx, table, row);
  for (const [c, text] of tableHeaders(ctx, table)) ctx.w.put(row, c, text, 'th');
  row++;
  const firstEntryRow = row;
  table.entries.forEach((e, i) => entryRow(ctx, table, e, i, row++));
  return annexCharts(ctx, table, firstEntryRow, row) + 1;
}

/** The units without a form, with the notes of their entries. */
function missingSection(ctx: Context, row: number): number {
  const { col, tx, w, result } = ctx;
  w.fullRow(row++, tx('reportMissingTitle'), 'heading');
  if (!result.missing.length) {
    w.fullRow(row++, tx('reportNone'), 'info');
    return row + 1;
  }
  const span = w.last - col.group;
  w.put(row, col.no, tx('reportColNo'), 'th');
  w.put(row, col.rank, tx('reportColUnit'), 'th', 2);
  w.put(row, col.group, tx('reportColAnnex'), 'th');
  w.put(row, col.group + 1, tx('reportColNotes'), 'th', span);
  row++;
  result.missing.forEach((m, i) => {
    const entry = result.tables
      .find((tb) => tb.annex === m.annex)
      ?.entries.find((e) => e.status === 'missing' && e.unitId === m.unitId);
    w.put(row, col.no, i + 1, 'center');
    w.put(row, col.rank, m.unitName, 'text', 2);
    w.put(row, col.group, m.annex, 'center');
    w.put(row, col.group + 1, (entry?.notes ?? []).map(bilingual).join('\n'), 'note', span);
    row++;
  });
  return row + 1;
}

/** The files that could not be read, with their reasons. */
function invalidSection(ctx: Context, row: number): number {
  const { col, tx, w, result } = ctx;
  w.fullRow(row++, tx('reportInvalidTitle'), 'heading');
  if (!result.invalid.length) {
    w.fullRow(row++, tx('reportNone'), 'info');
    return row + 1;
  }
  const span = w.last - col.group + 1;
  w.put(row, col.no, tx('reportColNo'), 'th');
  w.put(row, col.rank, tx('reportColFile'), 'th', 2);
  w.put(row, col.group, tx('reportColReason'), 'th', span);
  row++;
  result.invalid.forEach((inv, i) => {
    const reason = inv.reason.vi === inv.reason.en ? inv.reason.vi : `${inv.reason.vi}\n${inv.reason.en}`;
    w.put(row, col.no, i + 1, 'center');
    w.put(row, col.rank, inv.file, 'text', 2);
    w.put(row, col.group, reason, 'note', span);
    row++;
  });
  return row + 1;
}

/** Differences from the specialised agencies' figures, for the council (only when a reference was given). */
function crossCheckSection(ctx: Context, row: number): number {
  const cross = ctx.opts.crossChecks;
  if (!cross) return row;
  const { col, tx, w, lang } = ctx;
  w.fullRow(row++, tx('reportCrossTitle'), 'heading');
  const tolerance = toleranceText(cross.tolerance, lang);
  w.fullRow(row++, tx('reportCrossInfo', { tolerance, count: cross.compared }), 'info');
  if (!cross.checks.length) {
    w.fullRow(row++, tx('reportNone'), 'info');
    return row + 1;
  }
  const g = col.group;
  const heads: [number, MessageKey, number][] = [
    [col.no, 'reportColNo', 1],
    [col.rank, 'reportColUnit', 2],
    [g, 'reportColCriterionId', 1],
    [g + 1, 'reportColInput', 1],
    [g + 2, 'reportColReported', 1],
    [g + 3, 'reportColReference', 1],
    [g + 4, 'reportColSource', 2],
    [g + 6, 'reportColSelf', 1],
    [g + 7, 'reportColReferencePoints', 1],
  ];
  for (const [c, key, span] of heads) w.put(row, c, tx(key), 'th', span);
  row++;
  cross.checks.forEach((x, i) => {
    w.put(row, col.no, i + 1, 'center');
    w.put(row, col.rank, x.unitName, 'text', 2);
    w.put(row, g, x.criterion, 'center');
    w.put(row, g + 1, x.inputLabel ?? x.input, 'note');
    w.put(row, g + 2, x.reported, 'center');
    w.put(row, g + 3, x.reference, 'center');
    w.put(row, g + 4, sourceName(x.source, lang), 'note', 2);
    w.put(row, g + 6, x.reportedPoints, 'points');
    w.put(row, g + 7, x.referencePoints, 'points');
    row++;
  });
  return row + 1;
}

function criterionTitle(ctx: Context, s: Pick<CriterionStatistic, 'title'> & { reconstructed: boolean }) {
  return s.reconstructed ? `${s.title} (${ctx.tx('reconstructed')})` : s.title;
}

/** Statistics per criterion of one annex (when some unit counted). */
function statisticsSection(ctx: Context, table: RankingTable, row: number): number {
  const { col, tx, w } = ctx;
  w.fullRow(row++, tx('reportStatsTitle', { group: table.rankingGroup }), 'heading');
  if (!table.statistics.units) {
    w.fullRow(row++, tx('reportNoRanked'), 'info');
    return row + 1;
  }
  w.fullRow(row++, tx('reportStatsNote'), 'info');
  w.put(row, col.no, tx('reportColCriterionId'), 'th', 2);
  w.put(row, col.unit, tx('reportColCriterion'), 'th');
  w.put(row, col.group, tx('reportColGroupCode'), 'th');
  w.put(row, col.group + 1, tx('reportColMax'), 'th');
  w.put(row, col.group + 2, tx('reportColUnits'), 'th');
  w.put(row, col.group + 3, tx('reportColAverage'), 'th');
  w.put(row, col.group + 4, tx('reportColShare'), 'th');
  row++;
  for (const s of table.statistics.criteria) {
    const reconstructed = s.provenance === 'reconstructed';
    w.put(row, col.no, s.id, 'center', 2);
    w.put(row, col.unit, criterionTitle(ctx, { title: s.title, reconstructed }), 'text');
    w.put(row, col.group, s.groupCode, 'center');
    w.put(row, col.group + 1, s.max, 'points');
    w.put(row, col.group + 2, s.units, 'center');
    w.put(row, col.group + 3, s.units ? s.average : undefined, 'points');
    w.put(row, col.group + 4, s.units ? s.share : undefined, 'share');
    row++;
  }
  return row + 1;
}

/** The weakest criteria across the province. */
function weakestSection(ctx: Context, row: number): number {
  const { col, tx, w } = ctx;
  const weakest = weakestProvinceWide(ctx.result, ctx.opts.weakestCount ?? 5);
  if (!weakest.length) return row;
  w.fullRow(row++, tx('reportWeakestTitle'), 'heading');
  w.put(row, col.no, tx('reportColNo'), 'th', 2);
  w.put(row, col.unit, tx('reportColCriterion'), 'th');
  w.put(row, col.group, tx('reportColWhere'), 'th', 2);
  w.put(row, col.group + 2, tx('reportColUnits'), 'th');
  w.put(row, col.group + 3, tx('reportColShare'), 'th');
  row++;
  weakest.forEach((x, i) => {
    w.put(row, col.no, i + 1, 'center', 2);
    w.put(row, col.unit, criterionTitle(ctx, x), 'text');
    w.put(row, col.group, x.where, 'text', 2);
    w.put(row, col.group + 2, x.units, 'center');
    w.put(row, col.group + 3, x.share, 'share');
    row++;
  });
  return row;
}

export function summarySheet(rb: Rulebook, result: Ranking, opts: SummaryOptions = {}): ReportSheet {
  const lang = opts.lang ?? 'vi';
  const preliminary = opts.stage === 'preliminary';
  const layout = summaryLayout(rb, result, preliminary);
  const w = sheetWriter(layout.columns);
  const ctx: Context = {
    ...layout,
    rb,
    result,
    opts,
    lang,
    preliminary,
    tx: (key, params) => t(lang, key, params),
    pts: (x) => formatPoints(x, lang),
    w,
    annexOf: (code) => rb.annexes.find((a) => a.code === code),
  };
  let row = titleBlock(ctx, 0);
  for (const table of result.tables) row = annexSection(ctx, table, row);
  row = missingSection(ctx, row);
  row = invalidSection(ctx, row);
  row = crossCheckSection(ctx, row);
  for (const table of result.tables) row = statisticsSection(ctx, table, row);
  weakestSection(ctx, row);
  return {
    sheetName: SUMMARY_SHEET,
    columns: layout.columns,
    rowHeights: w.rowHeights,
    font: { ...FONT },
    styles: STYLES,
    cells: w.cells,
    merges: w.merges,
    freezeRows: 0,
    print: { paper: 'A4', orientation: 'landscape', fitToWidth: true, margins: { ...DOCUMENT_MARGINS } },
    charts: w.charts,
  };
}
