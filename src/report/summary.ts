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
import type { CriterionStatistic, Ranking, RankingEntry } from '../core/ranking/types';
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

export function summarySheet(rb: Rulebook, result: Ranking, opts: SummaryOptions = {}): ReportSheet {
  const lang = opts.lang ?? 'vi';
  const tx = (key: MessageKey, params?: Params) => t(lang, key, params);
  const pts = (x: number) => formatPoints(x, lang);
  const asOf = opts.asOf ?? result.asOf;
  const drawCharts = opts.charts ?? true;
  const preliminary = opts.stage === 'preliminary';
  const notesOf = (e: RankingEntry) => (preliminary ? e.notes.filter((m) => !isAwardNote(m)) : e.notes);

  // Columns: the table of an annex sets them; other sections reuse them.
  const groupCount = Math.max(1, ...result.tables.map((tb) => tb.groups.length));
  const C = { no: 0, rank: 1, unit: 2, group: 3 } as const;
  const self = C.group + groupCount;
  const col = {
    ...C,
    self,
    appraised: self + 1,
    change: self + 2,
    total: self + 3,
    index: self + 4,
    band: self + 5,
    status: self + 6,
    // The preliminary report has no award column: the columns after it move left.
    award: preliminary ? -1 : self + 7,
    received: self + (preliminary ? 7 : 8),
    file: self + (preliminary ? 8 : 9),
    notes: self + (preliminary ? 9 : 10),
  };
  const columns = [
    6,
    7,
    34,
    ...Array(groupCount).fill(11),
    10,
    14,
    10,
    10,
    9,
    11,
    13,
    ...(preliminary ? [] : [11]),
    12,
    24,
    56,
  ];
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

  let row = 0;
  // Title block.
  const title = preliminary
    ? result.year !== undefined
      ? tx('stagePreliminaryTitle', { year: result.year })
      : tx('stagePreliminaryTitleNoYear')
    : result.year !== undefined
      ? tx('reportTitle', { year: result.year })
      : tx('reportTitleNoYear');
  fullRow(row, title, 'title');
  rowHeights[row] = Math.max(rowHeights[row], 24);
  row++;
  const kind = /QĐ/i.test(rb.decision.number) ? tx('formDecisionKind') : tx('formLetterKind');
  fullRow(
    row++,
    tx('reportRulebook', {
      title: rb.title,
      kind,
      number: rb.decision.number,
      date: formatDate(rb.decision.date),
      issuer: rb.issuer,
      id: rb.id,
      version: rb.version,
    }),
    'subtitle',
  );
  const sourceKey = (
    {
      manifest: 'reportReceivedManifest',
      mtime: 'reportReceivedMtime',
      mixed: 'reportReceivedMixed',
      none: 'reportReceivedNone',
    } as const
  )[result.receivedSource];
  fullRow(
    row++,
    [tx(sourceKey), asOf ? tx('reportAsOf', { date: formatDate(asOf) }) : ''].filter(Boolean).join(' '),
    'line',
  );
  const all = result.tables.flatMap((tb) => tb.entries);
  const files = new Set([
    ...all.flatMap((e) => (e.file ? [e.file] : [])),
    ...result.invalid.map((i) => i.file),
  ]);
  const count = (status: RankingEntry['status']) => all.filter((e) => e.status === status).length;
  fullRow(
    row++,
    tx('reportCounts', {
      files: files.size,
      ranked: all.filter(isPlaced).length,
      late: count('late'),
      invalid: result.invalid.length,
      duplicate: count('duplicate'),
      missing: result.missing.length,
    }),
    'line',
  );
  const annexOf = (code: string) => rb.annexes.find((a) => a.code === code);
  const reconstructed = result.tables.some((tb) =>
    annexOf(tb.annex)?.groups.some((g) => g.criteria.some((c) => c.provenance === 'reconstructed')),
  );
  if (reconstructed) fullRow(row++, reconstructionNotice(rb)[lang], 'notice');
  for (const w of result.warnings ?? []) fullRow(row++, bilingual(w), 'notice');
  if (rb.assumptions.length) {
    fullRow(row++, tx('assumptionsHeading'), 'line');
    rb.assumptions.forEach((a, i) => {
      const where = a.annexes ? ` [${tx('reportColAnnex')} ${a.annexes.join(', ')}]` : '';
      fullRow(
        row++,
        `${i + 1}. ${tx('assumptionLine', { what: a.what[lang], why: a.why[lang] })}${where}`,
        'notice',
      );
    });
  }
  row++;

  // One table per annex.
  for (const table of result.tables) {
    const annex = annexOf(table.annex);
    fullRow(row++, tx('reportAnnexHeading', { group: table.rankingGroup, title: table.title }), 'heading');
    const placed = table.entries.filter(isPlaced);
    const info = [
      tx('reportAnnexInfo', {
        max: pts(table.max),
        ranked: placed.length,
        average: pts(table.statistics.averageTotal),
      }),
    ];
    if (table.deadline)
      info.push(
        table.deadline.graceWorkingDays
          ? tx('reportDeadline', {
              deadline: formatDate(table.deadline.date),
              grace: table.deadline.graceWorkingDays,
              lastOnTime: formatDate(table.deadline.lastOnTime),
            })
          : tx('reportDeadlineNoGrace', { deadline: formatDate(table.deadline.date) }),
      );
    info.push(...table.notes.map(bilingual));
    fullRow(row++, info.join(' '), 'info');
    const legend = table.groups
      .map((g) =>
        tx('reportGroupItem', { code: g.code, title: g.title, max: pts(groupMax(annex, g.code) ?? 0) }),
      )
      .join('; ');
    fullRow(row++, tx('reportGroupLegend', { groups: legend }), 'info');

    const headers: [number, string][] = [
      [col.no, tx('reportColNo')],
      [col.rank, tx('reportColRank')],
      [col.unit, tx('reportColUnit')],
      ...Array.from({ length: groupCount }, (_, i): [number, string] => {
        const g = table.groups[i];
        return [
          col.group + i,
          g ? tx('reportColGroup', { code: g.code, max: pts(groupMax(annex, g.code) ?? 0) }) : '',
        ];
      }),
      [col.self, tx('reportColSelf')],
      [col.appraised, tx('reportColAppraised')],
      [col.change, tx('reportColChange')],
      [col.total, tx('reportColTotal')],
      [col.index, tx('reportColIndex')],
      [col.band, tx('reportColBand')],
      [col.status, tx('reportColStatus')],
      ...(preliminary ? [] : ([[col.award, tx('reportColAward')]] as [number, string][])),
      [col.received, tx('reportColReceived')],
      [col.file, tx('reportColFile')],
      [col.notes, tx('reportColNotes')],
    ];
    for (const [c, text] of headers) put(row, c, text, 'th');
    row++;

    const firstEntryRow = row;
    table.entries.forEach((e, i) => {
      const hasForm = e.status !== 'missing';
      put(row, col.no, i + 1, 'center');
      put(row, col.rank, e.rank, 'center');
      put(row, col.unit, e.unitName, 'text');
      for (let k = 0; k < groupCount; k++) {
        const g = table.groups[k];
        // The preliminary report shows what the units scored themselves; it adds up to "Tự chấm".
        const points = preliminary ? e.selfGroups : e.groups;
        put(row, col.group + k, hasForm && g ? points[g.code] : undefined, 'points');
      }
      put(row, col.self, hasForm ? e.selfTotal : undefined, 'points');
      if (!hasForm) {
        put(row, col.appraised, undefined, 'points');
        put(row, col.change, undefined, 'change');
      } else if (e.appraised) {
        put(row, col.appraised, e.total, 'points');
        put(row, col.change, round2(e.total - e.selfTotal), 'change');
      } else {
        put(row, col.appraised, tx('reportNotAppraised'), 'muted');
        put(row, col.change, undefined, 'change');
      }
      // A total that does not count (late and not ranked, invalid, …) stays in the notes only.
      put(row, col.total, hasForm && e.counted ? e.total : undefined, 'total');
      put(row, col.index, hasForm && e.counted ? entryIndex(table, e) : undefined, 'index');
      put(row, col.band, e.band ? (lang === 'vi' ? e.band.label : e.band.labelEn) : undefined, 'band');
      put(row, col.status, entryStatus(e)[lang], `status_${e.status}`);
      if (!preliminary)
        put(
          row,
          col.award,
          e.award ? tx('reportAwardYes') : e.awardTie ? tx('reportAwardTie') : undefined,
          'award',
        );
      const mark = e.receivedSource === 'mtime' ? ' *' : '';
      put(row, col.received, e.received ? formatDate(e.received) + mark : undefined, 'center');
      put(row, col.file, e.file ? fileBaseName(e.file) : undefined, 'text');
      put(row, col.notes, notesOf(e).map(bilingual).join('\n'), 'note');
      row++;
    });

    if (drawCharts && placed.length) {
      // Placed entries are the first rows of the table (rank order), so their cells form one range.
      const lastPlaced = firstEntryRow + placed.length - 1;
      // About two rows per bar, so that two-line unit names fit beside their bars.
      const rows = Math.min(100, Math.max(12, Math.ceil(placed.length * 1.8) + 5));
      const onIndex = annex?.rankOn === 'index';
      row++;
      charts.push({
        title: tx('reportChartTitle', { group: table.rankingGroup }),
        annex: table.annex,
        seriesName: tx('reportChartSeries'),
        categories: rangeA1(firstEntryRow, col.unit, lastPlaced, col.unit),
        // An annex ranked on the index charts the index, on its 0–1 scale.
        values: rangeA1(
          firstEntryRow,
          onIndex ? col.index : col.total,
          lastPlaced,
          onIndex ? col.index : col.total,
        ),
        max: onIndex ? 1 : table.max,
        anchor: { row, col: col.unit, rows, cols: col.status - col.unit + 1 },
      });
      row += rows;
    }
    row++;
  }

  // Units without a form.
  fullRow(row++, tx('reportMissingTitle'), 'heading');
  if (!result.missing.length) fullRow(row++, tx('reportNone'), 'info');
  else {
    put(row, col.no, tx('reportColNo'), 'th');
    put(row, col.rank, tx('reportColUnit'), 'th', 2);
    put(row, col.group, tx('reportColAnnex'), 'th');
    put(row, col.group + 1, tx('reportColNotes'), 'th', last - col.group);
    row++;
    result.missing.forEach((m, i) => {
      const entry = result.tables
        .find((tb) => tb.annex === m.annex)
        ?.entries.find((e) => e.status === 'missing' && e.unitId === m.unitId);
      put(row, col.no, i + 1, 'center');
      put(row, col.rank, m.unitName, 'text', 2);
      put(row, col.group, m.annex, 'center');
      put(row, col.group + 1, (entry?.notes ?? []).map(bilingual).join('\n'), 'note', last - col.group);
      row++;
    });
  }
  row++;

  // Invalid files.
  fullRow(row++, tx('reportInvalidTitle'), 'heading');
  if (!result.invalid.length) fullRow(row++, tx('reportNone'), 'info');
  else {
    put(row, col.no, tx('reportColNo'), 'th');
    put(row, col.rank, tx('reportColFile'), 'th', 2);
    put(row, col.group, tx('reportColReason'), 'th', last - col.group + 1);
    row++;
    result.invalid.forEach((inv, i) => {
      put(row, col.no, i + 1, 'center');
      put(row, col.rank, inv.file, 'text', 2);
      put(
        row,
        col.group,
        inv.reason.vi === inv.reason.en ? inv.reason.vi : `${inv.reason.vi}\n${inv.reason.en}`,
        'note',
        last - col.group + 1,
      );
      row++;
    });
  }
  row++;

  // Differences from the specialised agencies' figures, for the council (only when a reference was given).
  const cross = opts.crossChecks;
  if (cross) {
    fullRow(row++, tx('reportCrossTitle'), 'heading');
    fullRow(
      row++,
      tx('reportCrossInfo', { tolerance: toleranceText(cross.tolerance, lang), count: cross.compared }),
      'info',
    );
    if (!cross.checks.length) fullRow(row++, tx('reportNone'), 'info');
    else {
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
      for (const [c, key, span] of heads) put(row, c, tx(key), 'th', span);
      row++;
      cross.checks.forEach((x, i) => {
        put(row, col.no, i + 1, 'center');
        put(row, col.rank, x.unitName, 'text', 2);
        put(row, g, x.criterion, 'center');
        put(row, g + 1, x.inputLabel ?? x.input, 'note');
        put(row, g + 2, x.reported, 'center');
        put(row, g + 3, x.reference, 'center');
        put(row, g + 4, sourceName(x.source, lang), 'note', 2);
        put(row, g + 6, x.reportedPoints, 'points');
        put(row, g + 7, x.referencePoints, 'points');
        row++;
      });
    }
    row++;
  }

  // Statistics per criterion, per annex.
  const statHeader = (r: number, titleKey: MessageKey) => {
    put(r, col.no, tx('reportColCriterionId'), 'th', 2);
    put(r, col.unit, tx(titleKey), 'th');
    put(r, col.group, tx('reportColGroupCode'), 'th');
    put(r, col.group + 1, tx('reportColMax'), 'th');
    put(r, col.group + 2, tx('reportColUnits'), 'th');
    put(r, col.group + 3, tx('reportColAverage'), 'th');
    put(r, col.group + 4, tx('reportColShare'), 'th');
  };
  const criterionTitle = (s: Pick<CriterionStatistic, 'title'> & { reconstructed: boolean }) =>
    s.reconstructed ? `${s.title} (${tx('reconstructed')})` : s.title;
  for (const table of result.tables) {
    fullRow(row++, tx('reportStatsTitle', { group: table.rankingGroup }), 'heading');
    if (!table.statistics.units) {
      fullRow(row++, tx('reportNoRanked'), 'info');
      row++;
      continue;
    }
    fullRow(row++, tx('reportStatsNote'), 'info');
    statHeader(row++, 'reportColCriterion');
    for (const s of table.statistics.criteria) {
      put(row, col.no, s.id, 'center', 2);
      put(
        row,
        col.unit,
        criterionTitle({ title: s.title, reconstructed: s.provenance === 'reconstructed' }),
        'text',
      );
      put(row, col.group, s.groupCode, 'center');
      put(row, col.group + 1, s.max, 'points');
      put(row, col.group + 2, s.units, 'center');
      put(row, col.group + 3, s.units ? s.average : undefined, 'points');
      put(row, col.group + 4, s.units ? s.share : undefined, 'share');
      row++;
    }
    row++;
  }

  // The weakest criteria across the province.
  const weakest = weakestProvinceWide(result, opts.weakestCount ?? 5);
  if (weakest.length) {
    fullRow(row++, tx('reportWeakestTitle'), 'heading');
    put(row, col.no, tx('reportColNo'), 'th', 2);
    put(row, col.unit, tx('reportColCriterion'), 'th');
    put(row, col.group, tx('reportColWhere'), 'th', 2);
    put(row, col.group + 2, tx('reportColUnits'), 'th');
    put(row, col.group + 3, tx('reportColShare'), 'th');
    row++;
    weakest.forEach((w, i) => {
      put(row, col.no, i + 1, 'center', 2);
      put(row, col.unit, criterionTitle(w), 'text');
      put(row, col.group, w.where, 'text', 2);
      put(row, col.group + 2, w.units, 'center');
      put(row, col.group + 3, w.share, 'share');
      row++;
    });
  }

  return {
    sheetName: SUMMARY_SHEET,
    columns,
    rowHeights,
    font: { ...FONT },
    styles: STYLES,
    cells,
    merges,
    freezeRows: 0,
    print: { paper: 'A4', orientation: 'landscape', fitToWidth: true, margins: { ...DOCUMENT_MARGINS } },
    charts,
  };
}
