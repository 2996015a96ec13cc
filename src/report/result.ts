/**
 * unitResultSheet: one unit's result, as the ICT department sends it back with the decision (pure).
 * From the top: title, the unit and its ranking group, the rulebook; total, band, rank in the group,
 * award, status and notes; each criteria group against the group's average and best among the placed
 * units; the unit's weakest criteria beside the group's average; the council's remarks; the cross-checks
 * that concern it.
 * Every figure is the ranking's own (final points: appraised where appraised), never recomputed.
 */
import { DOCUMENT_MARGINS } from '../sheet/types';
import type { Annex, Rulebook } from '../core/rulebook/schema';
import type { Ranking, RankingEntry, RankingTable } from '../core/ranking/types';
import type { CrossCheck } from '../core/crosscheck/compare';
import { sourceName } from '../core/crosscheck/reference';
import { statusLabel } from '../core/ranking/ranking';
import { formatDate } from '../core/ranking/dates';
import { formatPoints, round2 } from '../core/numbers';
import { bilingual, t, type Lang, type MessageKey, type Params } from '../i18n';
import type { Appraisal } from '../form/types';
import type { CellStyle } from '../sheet/types';
import type { ReportCell, ReportSheet } from './types';

/** The sheet's name in every language. */
export const RESULT_SHEET = 'Kết quả';

export interface ResultOptions {
  lang?: Lang;
  /** The cross-checks of the whole ranking: those of this unit are shown. */
  crossChecks?: CrossCheck[];
  /** How many weakest criteria (default 5). */
  weakestCount?: number;
  /** The appraisals of the unit's form (its APPR_ and APPRNOTE_ cells): the council's remarks. */
  appraisals?: Record<string, Appraisal>;
}

const FONT = { name: 'Times New Roman', size: 12 };
const COLUMNS = [6, 46, 12, 12, 13, 12, 30];
const LAST = COLUMNS.length - 1;

const STYLES: Record<string, CellStyle> = {
  title: { bold: true, size: 14, hAlign: 'center', vAlign: 'middle', wrap: true },
  subtitle: { italic: true, hAlign: 'center', vAlign: 'middle', wrap: true },
  unit: { bold: true, size: 13, hAlign: 'center', vAlign: 'middle', wrap: true },
  line: { vAlign: 'middle', wrap: true },
  strong: { bold: true, vAlign: 'middle', wrap: true },
  heading: { bold: true, vAlign: 'middle', wrap: true, fill: '#E2EFDA' },
  th: { bold: true, hAlign: 'center', vAlign: 'middle', wrap: true, border: true, fill: '#D9E1F2' },
  center: { hAlign: 'center', vAlign: 'middle', border: true },
  text: { vAlign: 'middle', wrap: true, border: true },
  points: { hAlign: 'center', vAlign: 'middle', border: true, numberFormat: '0.00' },
  number: { hAlign: 'center', vAlign: 'middle', border: true },
  share: { hAlign: 'center', vAlign: 'middle', border: true, numberFormat: '0.0%' },
};

const isPlaced = (e: RankingEntry) => e.counted;

function groupMax(annex: Annex, code: string): number {
  const group = annex.groups.find((g) => g.code === code);
  return annex.aggregate === 'mean'
    ? annex.max
    : round2((group?.criteria ?? []).reduce((s, c) => s + c.max, 0));
}

/** The group's average and best subtotal per criteria group, among the placed units. */
function groupFigures(table: RankingTable): Record<string, { average?: number; best?: number }> {
  const placed = table.entries.filter(isPlaced);
  return Object.fromEntries(
    table.groups.map((g) => {
      const values = placed.map((e) => e.groups[g.code] ?? 0);
      return [
        g.code,
        values.length
          ? { average: round2(values.reduce((s, v) => s + v, 0) / values.length), best: Math.max(...values) }
          : {},
      ];
    }),
  );
}

/** The unit's criteria below their maximum, lowest share first (not-applicable ones left out). */
function weakestOf(annex: Annex, table: RankingTable, entry: RankingEntry, count: number) {
  const average = new Map(table.statistics.criteria.map((s) => [s.id, s.units ? s.average : undefined]));
  return annex.groups
    .flatMap((g) => g.criteria)
    .filter((c) => !entry.notApplicable.includes(c.id) && (entry.criteria[c.id] ?? 0) < c.max)
    .map((c) => ({
      id: c.id,
      title: c.title,
      max: c.max,
      points: entry.criteria[c.id] ?? 0,
      share: (entry.criteria[c.id] ?? 0) / c.max,
      average: average.get(c.id),
    }))
    .sort((a, b) => a.share - b.share || (a.id < b.id ? -1 : 1))
    .slice(0, count);
}

export function unitResultSheet(
  rb: Rulebook,
  ranking: Ranking,
  table: RankingTable,
  entry: RankingEntry,
  opts: ResultOptions = {},
): ReportSheet {
  const lang = opts.lang ?? 'vi';
  const tx = (key: MessageKey, params?: Params) => t(lang, key, params);
  const pts = (x: number) => formatPoints(x, lang);
  const annex = rb.annexes.find((a) => a.code === table.annex)!;
  const cells: ReportCell[] = [];
  const merges: ReportSheet['merges'] = [];
  const rowHeights: Record<number, number> = {};
  const put = (row: number, col: number, value: string | number | undefined, style: string, cols = 1) => {
    cells.push({ row, col, style, ...(value !== undefined && value !== '' ? { value } : {}) });
    if (cols > 1) {
      merges.push({ row, col, rows: 1, cols });
      for (let k = col + 1; k < col + cols; k++) cells.push({ row, col: k, style });
    }
    if (typeof value === 'string' && cols > 1) {
      const width = COLUMNS.slice(col, col + cols).reduce((s, w) => s + w, 0);
      rowHeights[row] = Math.max(rowHeights[row] ?? 0, Math.ceil(value.length / (width * 1.1)) * 16 + 4);
    }
  };
  const full = (row: number, text: string, style: string) => put(row, 0, text, style, LAST + 1);

  let row = 0;
  full(
    row++,
    ranking.year !== undefined ? tx('resultTitle', { year: ranking.year }) : tx('resultTitleNoYear'),
    'title',
  );
  full(row++, entry.unitName, 'unit');
  full(row++, tx('resultGroupLine', { group: table.rankingGroup, title: table.title }), 'subtitle');
  const kind = /QĐ/i.test(rb.decision.number) ? tx('formDecisionKind') : tx('formLetterKind');
  full(
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
  row++;

  // Total, band, rank, award, status.
  const placed = table.entries.filter((e) => e.rank !== undefined).length;
  // A total that does not count is stated only in the notes, with the reason.
  if (entry.counted)
    full(
      row++,
      tx('resultTotal', { total: pts(entry.total), max: pts(table.max), self: pts(entry.selfTotal) }),
      'strong',
    );
  if (entry.band)
    full(row++, tx('resultBand', { band: lang === 'vi' ? entry.band.label : entry.band.labelEn }), 'strong');
  full(
    row++,
    entry.rank !== undefined
      ? tx('resultRank', { rank: entry.rank, count: placed, group: table.rankingGroup })
      : tx('resultNotRanked', { status: statusLabel(entry.status)[lang] }),
    'strong',
  );
  if (entry.award) full(row++, tx('resultAward'), 'strong');
  for (const n of entry.notes) full(row++, bilingual(n), 'line');
  row++;

  // Criteria groups against the group's average and best.
  full(row++, tx('resultGroupsTitle', { group: table.rankingGroup }), 'heading');
  [
    tx('reportColNo'),
    tx('resultColGroup'),
    tx('reportColMax'),
    tx('resultColUnit'),
    tx('reportColAverage'),
    tx('resultColBest'),
  ].forEach((h, c) => put(row, c, h, 'th'));
  row++;
  const figures = groupFigures(table);
  table.groups.forEach((g) => {
    put(row, 0, g.code, 'center');
    put(row, 1, g.title, 'text');
    put(row, 2, groupMax(annex, g.code), 'points');
    put(row, 3, entry.groups[g.code], 'points');
    put(row, 4, figures[g.code]?.average, 'points');
    put(row, 5, figures[g.code]?.best, 'points');
    row++;
  });
  row++;

  // The weakest criteria.
  const weakest = weakestOf(annex, table, entry, opts.weakestCount ?? 5);
  full(row++, tx('resultWeakestTitle'), 'heading');
  if (!weakest.length) full(row++, tx('reportNone'), 'line');
  else {
    [
      tx('reportColCriterionId'),
      tx('reportColCriterion'),
      tx('reportColMax'),
      tx('resultColPoints'),
      tx('reportColShare'),
      tx('reportColAverage'),
    ].forEach((h, c) => put(row, c, h, 'th'));
    row++;
    for (const w of weakest) {
      put(row, 0, w.id, 'center');
      put(row, 1, w.title, 'text');
      put(row, 2, w.max, 'points');
      put(row, 3, w.points, 'points');
      put(row, 4, w.share, 'share');
      put(row, 5, w.average, 'points');
      row++;
    }
  }
  row++;

  // The council's remarks: each appraised or commented criterion.
  const remarks = annex.groups
    .flatMap((g) => g.criteria)
    .filter((c) => opts.appraisals?.[c.id]?.note || entry.appraisedCriteria.includes(c.id));
  if (remarks.length) {
    full(row++, tx('resultRemarksTitle'), 'heading');
    [
      tx('reportColCriterionId'),
      tx('reportColCriterion'),
      tx('reportColSelf'),
      tx('reportColAppraised'),
      tx('resultColRemark'),
    ].forEach((h, c) => put(row, c, h, 'th', c === 4 ? 3 : 1));
    row++;
    for (const c of remarks) {
      put(row, 0, c.id, 'center');
      put(row, 1, c.title, 'text');
      put(row, 2, entry.selfCriteria[c.id], 'points');
      put(row, 3, entry.appraisedCriteria.includes(c.id) ? entry.criteria[c.id] : undefined, 'points');
      put(row, 4, opts.appraisals?.[c.id]?.note?.trim(), 'text', 3);
      row++;
    }
    row++;
  }

  // Cross-checks that concern the unit.
  if (opts.crossChecks) {
    const mine = opts.crossChecks.filter((c) => c.unitId === entry.unitId && c.annex === table.annex);
    full(row++, tx('reportCrossTitle'), 'heading');
    if (!mine.length) full(row++, tx('reportNone'), 'line');
    else {
      [
        tx('reportColCriterionId'),
        tx('reportColInput'),
        tx('reportColReported'),
        tx('reportColReference'),
        tx('reportColSelf'),
        tx('reportColReferencePoints'),
        tx('reportColSource'),
      ].forEach((h, c) => put(row, c, h, 'th'));
      row++;
      for (const x of mine) {
        put(row, 0, x.criterion, 'center');
        put(row, 1, x.inputLabel ?? x.input, 'text');
        put(row, 2, x.reported, 'number');
        put(row, 3, x.reference, 'number');
        put(row, 4, x.reportedPoints, 'points');
        put(row, 5, x.referencePoints, 'points');
        put(row, 6, sourceName(x.source, lang), 'text');
        row++;
      }
    }
  }

  return {
    sheetName: RESULT_SHEET,
    columns: COLUMNS,
    rowHeights,
    font: { ...FONT },
    styles: STYLES,
    cells,
    merges,
    freezeRows: 0,
    print: { paper: 'A4', orientation: 'portrait', fitToWidth: true, margins: { ...DOCUMENT_MARGINS } },
    charts: [],
  };
}

/** Entries that get a result workbook: every unit with a form the ranking read (not the superseded duplicates). */
export function resultEntries(ranking: Ranking): { table: RankingTable; entry: RankingEntry }[] {
  return ranking.tables.flatMap((table) =>
    table.entries
      .filter((e) => e.status !== 'missing' && e.status !== 'duplicate')
      .map((entry) => ({ table, entry })),
  );
}
