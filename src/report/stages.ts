/**
 * The documents of each stage of a round (pure), as ReportSheets for the .xlsx writer and the Excel host:
 *   preliminary — the consolidation for the appraisal council: the "Tổng hợp" sheet without awards;
 *   final — "Tổng hợp", then "Phụ lục Quyết định" (the appendix of the People's Committee's draft
 *     decision approving the results, laid out as Nghị định 30/2020/NĐ-CP lays out administrative
 *     documents) and "Đề nghị khen thưởng" (the units proposed for awards with the clause that earns
 *     each, and the ties the council must decide).
 * The decision's number and date are blanks for the People's Committee to fill: never invented here.
 */
import { DOCUMENT_MARGINS } from '../sheet/types';
import type { Award, Rulebook } from '../core/rulebook/schema';
import type { Ranking, RankingEntry, RankingTable } from '../core/ranking/types';
import { statusLabel } from '../core/ranking/ranking';
import { formatDate } from '../core/ranking/dates';
import { t, type Lang, type MessageKey, type Params } from '../i18n';
import type { CellStyle } from '../sheet/types';
import type { ReportCell, ReportSheet } from './types';
import { summarySheet, type SummaryOptions } from './summary';

export type Stage = 'preliminary' | 'final';
export const STAGES: readonly Stage[] = ['preliminary', 'final'];

/** Sheet names in every language, so that a re-run finds and replaces them. */
export const APPENDIX_SHEET = 'Phụ lục Quyết định';
export const AWARDS_SHEET = 'Đề nghị khen thưởng';

export type StageOptions = Omit<SummaryOptions, 'stage'>;

/** The workbook of a stage, its sheets in order. */
export function stageSheets(
  rb: Rulebook,
  ranking: Ranking,
  stage: Stage,
  opts: StageOptions = {},
): ReportSheet[] {
  if (stage === 'preliminary') return [summarySheet(rb, ranking, { ...opts, stage: 'preliminary' })];
  const lang = opts.lang;
  return [
    summarySheet(rb, ranking, opts),
    decisionAppendixSheet(rb, ranking, { lang }),
    awardProposalSheet(rb, ranking, { lang }),
  ];
}

// Nghị định 30/2020/NĐ-CP: Times New Roman 13–14, A4, margins top/bottom 20–25 mm, left 30–35, right 15–20.
const FONT = { name: 'Times New Roman', size: 13 };
const LINE = 17; // points per line of 13 pt text

const STYLES: Record<string, CellStyle> = {
  issuerBold: { bold: true, hAlign: 'center', vAlign: 'middle', wrap: true, size: 12 },
  motto: { bold: true, hAlign: 'center', vAlign: 'middle', wrap: true, size: 12 },
  mottoLine: { bold: true, hAlign: 'center', vAlign: 'middle', wrap: true },
  draft: { bold: true, italic: true, hAlign: 'left', vAlign: 'middle' },
  title: { bold: true, size: 14, hAlign: 'center', vAlign: 'middle', wrap: true },
  subtitle: { bold: true, hAlign: 'center', vAlign: 'middle', wrap: true },
  decision: { italic: true, hAlign: 'center', vAlign: 'middle', wrap: true },
  line: { vAlign: 'middle', wrap: true },
  quote: { italic: true, vAlign: 'middle', wrap: true },
  heading: { bold: true, vAlign: 'middle', wrap: true },
  th: { bold: true, hAlign: 'center', vAlign: 'middle', wrap: true, border: true },
  center: { hAlign: 'center', vAlign: 'middle', border: true },
  text: { vAlign: 'middle', wrap: true, border: true },
  note: { vAlign: 'middle', wrap: true, border: true, size: 11 },
  points: { hAlign: 'center', vAlign: 'middle', border: true, numberFormat: '0.00' },
  muted: { italic: true, hAlign: 'center', vAlign: 'middle', wrap: true, border: true, size: 11 },
  signPlace: { bold: true, hAlign: 'center', vAlign: 'middle', wrap: true },
  signHint: { italic: true, hAlign: 'center', vAlign: 'middle', wrap: true, size: 11 },
};

/** A sheet under construction: cells, merges and row heights that fit wrapped text. */
function canvas(columns: number[]) {
  const cells: ReportCell[] = [];
  const merges: ReportSheet['merges'] = [];
  const rowHeights: Record<number, number> = {};
  const last = columns.length - 1;
  const width = (from: number, to: number) => columns.slice(from, to + 1).reduce((s, w) => s + w, 0);
  const put = (row: number, col: number, value: string | number | undefined, style: string, cols = 1) => {
    const cell: ReportCell = { row, col, style };
    if (value !== undefined && value !== '') cell.value = value;
    cells.push(cell);
    if (cols > 1) {
      merges.push({ row, col, rows: 1, cols });
      for (let k = col + 1; k < col + cols; k++) cells.push({ row, col: k, style });
    }
    if (typeof value === 'string' && STYLES[style]?.wrap) {
      const size = STYLES[style].size ?? FONT.size;
      // Times New Roman fits about 1.1 characters per unit of column width at 13 pt.
      const perLine = Math.max(4, Math.floor((width(col, col + cols - 1) * 1.1 * FONT.size) / size));
      const count = value.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil(p.length / perLine)), 0);
      rowHeights[row] = Math.max(rowHeights[row] ?? 0, Math.round(count * LINE * (size / FONT.size) + 5));
    }
  };
  const sheet = (sheetName: string, orientation: 'portrait' | 'landscape'): ReportSheet => ({
    sheetName,
    columns,
    rowHeights,
    font: { ...FONT },
    styles: STYLES,
    cells,
    merges,
    freezeRows: 0,
    print: { paper: 'A4', orientation, fitToWidth: true, margins: { ...DOCUMENT_MARGINS } },
    charts: [],
  });
  return {
    put,
    full: (row: number, value: string, style: string) => put(row, 0, value, style, last + 1),
    rowHeights,
    last,
    sheet,
  };
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const roman = (n: number) => ROMAN[n - 1] ?? String(n);

/** Who the table lists: every unit once (a superseded duplicate file is not a unit), placed units first. */
const listed = (table: RankingTable) => table.entries.filter((e) => e.status !== 'duplicate');

/** Upper case as Vietnamese headers write a province's name ("TỈNH BÌNH THUẬN"). */
const upper = (s: string) => s.toLocaleUpperCase('vi');

/**
 * "Phụ lục Quyết định": issuer top left, national motto top right, "PHỤ LỤC", the title and the line
 * "Kèm theo Quyết định số …/QĐ-UBND ngày … của UBND tỉnh …"; one table per ranking group (STT, unit,
 * total, band, rank, remarks: only counted units take a rank, the others are listed with their status);
 * the signature block. Portrait A4, Times New Roman 13.
 */
export function decisionAppendixSheet(
  rb: Rulebook,
  ranking: Ranking,
  opts: { lang?: Lang } = {},
): ReportSheet {
  const lang = opts.lang ?? 'vi';
  const tx = (key: MessageKey, params?: Params) => t(lang, key, params);
  const c = canvas([6, 38, 11, 12, 9, 17]);
  const { put, full } = c;
  const LEFT = 2; // the issuer's block spans the first two columns, the motto the other four

  let row = 0;
  put(row, 0, tx('stageIssuerBody'), 'issuerBold', LEFT);
  put(row, LEFT, tx('stageMotto'), 'motto', c.last + 1 - LEFT);
  row++;
  put(row, 0, upper(tx('stageIssuerProvince', { province: rb.province })), 'issuerBold', LEFT);
  put(row, LEFT, tx('stageMottoLine'), 'mottoLine', c.last + 1 - LEFT);
  row++;
  put(row++, 0, tx('stageDraft'), 'draft', LEFT);
  row++;
  full(row++, tx('stageAppendix'), 'title');
  full(
    row++,
    ranking.year !== undefined
      ? tx('stageAppendixTitle', { year: ranking.year })
      : tx('stageAppendixTitleNoYear'),
    'subtitle',
  );
  full(row++, tx('stageDecisionLine', { province: rb.province }), 'decision');
  row++;

  ranking.tables.forEach((table, i) => {
    full(
      row++,
      `${roman(i + 1)}. ${tx('reportAnnexHeading', { group: table.rankingGroup, title: table.title })}`,
      'heading',
    );
    const heads: MessageKey[] = [
      'reportColNo',
      'reportColUnit',
      'reportColTotal',
      'reportColBand',
      'stageColRank',
      'reportColNotes',
    ];
    heads.forEach((key, k) => put(row, k, tx(key), 'th'));
    row++;
    const entries = listed(table);
    if (!entries.length) full(row++, tx('reportNone'), 'line');
    entries.forEach((e, k) => {
      put(row, 0, k + 1, 'center');
      put(row, 1, e.unitName, 'text');
      put(row, 2, e.counted ? e.total : undefined, 'points');
      put(
        row,
        3,
        e.counted && e.band ? (lang === 'vi' ? e.band.label : e.band.labelEn) : undefined,
        'center',
      );
      put(row, 4, e.counted ? e.rank : undefined, 'center');
      // A place taken last by policy (a late or unsent unit ranked last) is a rank too: said with its status.
      const status = statusLabel(e.status)[lang];
      put(
        row,
        5,
        e.counted
          ? undefined
          : e.rank !== undefined
            ? tx('stageRankedLastAs', { rank: e.rank, status })
            : status,
        'muted',
      );
      row++;
    });
    row++;
  });

  // Signature block, right half (Nghị định 30: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", signature, full name).
  put(row++, LEFT, tx('stageSignOnBehalf'), 'signPlace', c.last + 1 - LEFT);
  put(row++, LEFT, tx('stageSignTitle'), 'signPlace', c.last + 1 - LEFT);
  put(row, LEFT, tx('stageSignHint'), 'signHint', c.last + 1 - LEFT);
  c.rowHeights[row] = 80; // room for the signature and the seal
  return c.sheet(APPENDIX_SHEET, 'portrait');
}

/** An award rule in words: its annexes, how many units, the band, what happens to ties. */
function ruleText(a: Award, rb: Rulebook, lang: Lang): string {
  const band = rb.annexes.find((x) => a.annexes.includes(x.code))?.bands.find((b) => b.label === a.band);
  return t(lang, a.ties === 'council' ? 'stageAwardRule' : 'stageAwardRuleTiesAll', {
    annexes: a.annexes.join(', '),
    topN: a.topN,
    band: lang === 'vi' ? a.band : (band?.labelEn ?? a.band),
  });
}

/** The award rule that earns (or ties) an entry: of its annex, with the entry's band, its rank within topN. */
const ruleFor = (rb: Rulebook, table: RankingTable, e: RankingEntry) =>
  rb.awards.find(
    (a) =>
      a.annexes.includes(table.annex) && e.band?.label === a.band && e.rank !== undefined && e.rank <= a.topN,
  );

/**
 * "Đề nghị khen thưởng": the basis (the rulebook's decision and its award rules, each with the words
 * of the decision where the rulebook quotes them); the units proposed, each with the clause that earns
 * it; then, separately, the units tied at a cut-off that the council must decide (never proposed here).
 */
export function awardProposalSheet(rb: Rulebook, ranking: Ranking, opts: { lang?: Lang } = {}): ReportSheet {
  const lang = opts.lang ?? 'vi';
  const tx = (key: MessageKey, params?: Params) => t(lang, key, params);
  const c = canvas([6, 34, 16, 11, 11, 8, 44]);
  const { put, full } = c;

  let row = 0;
  full(
    row++,
    ranking.year !== undefined
      ? tx('stageAwardsTitle', { year: ranking.year })
      : tx('stageAwardsTitleNoYear'),
    'title',
  );
  const kind = /QĐ/i.test(rb.decision.number) ? tx('formDecisionKind') : tx('formLetterKind');
  full(
    row++,
    tx('stageAwardsBasis', {
      kind,
      number: rb.decision.number,
      date: formatDate(rb.decision.date),
      issuer: rb.issuer,
      title: rb.title,
    }),
    'decision',
  );
  row++;
  full(row++, tx('stageAwardRules'), 'heading');
  if (!rb.awards.length) full(row++, tx('stageNoAwardRule'), 'quote');
  rb.awards.forEach((a, i) => {
    full(row++, `${i + 1}. ${ruleText(a, rb, lang)}`, 'line');
    if (a.source) full(row++, a.source, 'quote');
  });
  row++;

  const heads: MessageKey[] = [
    'reportColNo',
    'reportColUnit',
    'stageColGroup',
    'reportColTotal',
    'reportColBand',
    'stageColRank',
  ];
  const table = (
    title: MessageKey,
    lastHead: MessageKey,
    rows: { e: RankingEntry; tb: RankingTable; clause: string }[],
  ) => {
    full(row++, tx(title), 'heading');
    if (!rows.length) {
      full(row++, tx('reportNone'), 'line');
      row++;
      return;
    }
    [...heads, lastHead].forEach((key, k) => put(row, k, tx(key), 'th'));
    row++;
    rows.forEach(({ e, tb, clause }, k) => {
      put(row, 0, k + 1, 'center');
      put(row, 1, e.unitName, 'text');
      put(row, 2, tb.rankingGroup, 'text');
      put(row, 3, e.total, 'points');
      put(row, 4, e.band ? (lang === 'vi' ? e.band.label : e.band.labelEn) : undefined, 'center');
      put(row, 5, e.rank, 'center');
      put(row, 6, clause, 'note');
      row++;
    });
    row++;
  };

  // The rule by its number in the list above, and the article its quote starts with ("Điều 12: …").
  const clauseOf = (tb: RankingTable, e: RankingEntry) => {
    const rule = ruleFor(rb, tb, e);
    if (!rule) return '';
    const band = e.band ? (lang === 'vi' ? e.band.label : e.band.labelEn) : rule.band;
    const article = /^([^:"“]{1,40}):/.exec(rule.source ?? '')?.[1].trim();
    const n = rb.awards.indexOf(rule) + 1;
    return tx('stageClause', {
      rank: e.rank ?? '',
      group: tb.rankingGroup,
      band,
      topN: rule.topN,
      rule: article ? `${n}, ${article}` : n,
    });
  };
  const proposed = ranking.tables.flatMap((tb) =>
    tb.entries.filter((e) => e.award).map((e) => ({ e, tb, clause: clauseOf(tb, e) })),
  );
  table('stageProposedTitle', 'stageColClause', proposed);

  const ties = ranking.tables.flatMap((tb) =>
    tb.entries
      .filter((e) => e.awardTie)
      .map((e) => {
        const rule = ruleFor(rb, tb, e);
        const count = tb.entries.filter((x) => x.awardTie && x.rank === e.rank).length;
        return { e, tb, clause: tx('stageTieClause', { rank: e.rank ?? '', count, topN: rule?.topN ?? '' }) };
      }),
  );
  table('stageTiesTitle', 'stageColTie', ties);

  // Units the council has not appraised yet: the proposal would rest on their own scores.
  const unappraised = ranking.tables.flatMap((tb) =>
    tb.entries.filter((e) => (e.award || e.awardTie) && !e.appraised),
  );
  if (unappraised.length)
    full(row++, tx('stageNotAppraised', { units: unappraised.map((e) => e.unitName).join('; ') }), 'quote');
  return c.sheet(AWARDS_SHEET, 'landscape');
}
