/** Submissions built directly as entries objects (no .xlsx needed) for the ranking tests. */
import {
  contentHash,
  parseRulebook,
  type Annex,
  type Criterion,
  type Rulebook,
  type RulebookInput,
} from '../../../src/core/rulebook';
import type { CriterionEntry, Entries } from '../../../src/core/scoring';
import type { Appraisal, Submission } from '../../../src/form/types';
import { rank, type RankingInput, type ReceivedDate } from '../../../src/core/ranking';

/** Inputs that give a criterion its maximum, with reason and evidence filled (so validate() is clean). */
export function fullEntry(c: Criterion): CriterionEntry {
  const r = c.rule;
  const base = { reason: 'Lý do', evidence: 'Tài liệu kiểm chứng' };
  switch (r.type) {
    case 'manual':
      return { ...base, points: c.max };
    case 'yesNo':
      return { ...base, value: 'Có' };
    case 'ratio':
      return r.mode === 'percent' ? { ...base, percent: 1 } : { ...base, numerator: 100, denominator: 100 };
    case 'perItem':
      return { ...base, count: Math.ceil(c.max / r.pointsPerItem) };
    case 'steps':
      return { ...base, value: Math.max(...r.steps.map((s) => s.min)) };
    case 'bestOf': {
      const top = [...r.alternatives].sort((a, b) => b.points - a.points)[0];
      return {
        ...base,
        ...Object.fromEntries(r.alternatives.map((a) => [a.key, a.key === top.key ? 'Có' : 'Không'])),
      };
    }
    case 'sumOfParts':
      return { ...base, ...Object.fromEntries(r.parts.map((p) => [p.key, p.max])) };
    case 'deduction':
      return { ...base, count: 0 };
    case 'relativeToBest':
      return { ...base, value: 100 };
    case 'levelAverage':
      return {
        ...base,
        ...Object.fromEntries(r.parts.map((p) => [p.key, Math.max(...r.levels.map((l) => l.value))])),
      };
  }
}

/** Every criterion at its maximum, then `overrides` merged per criterion. */
export function fullEntries(annex: Annex, overrides: Record<string, CriterionEntry> = {}): Entries {
  const entries: Entries = {};
  for (const g of annex.groups)
    for (const c of g.criteria) entries[c.id] = { ...fullEntry(c), ...(overrides[c.id] ?? {}) };
  return entries;
}

export function annexOf(rb: Rulebook, code: string): Annex {
  return rb.annexes.find((a) => a.code === code)!;
}

/** The first manual criterion of an annex: the easy knob for a chosen total. */
export function manualCriterion(annex: Annex): Criterion {
  return annex.groups.flatMap((g) => g.criteria).find((c) => c.rule.type === 'manual')!;
}

export interface FormOptions {
  unitName?: string;
  year?: number;
  entries?: Entries;
  appraisals?: Record<string, Appraisal>;
  received?: string | ReceivedDate;
  file?: string;
  rulebookId?: string;
  version?: string;
}

/**
 * contentHash(rb) once per rulebook: suites make hundreds of forms of the same few rulebooks, never
 * changed after parsing, and the hash (canonical JSON, sha-256) costs milliseconds each time.
 */
const hashes = new WeakMap<Rulebook, string>();
function hashOf(rb: Rulebook): string {
  let hash = hashes.get(rb);
  if (hash === undefined) hashes.set(rb, (hash = contentHash(rb)));
  return hash;
}

/** A readable submission of `unitId` for annex `code`, with every criterion at max unless told. */
export function form(rb: Rulebook, code: string, unitId: string, o: FormOptions = {}): RankingInput {
  const annex = annexOf(rb, code);
  const unit = rb.units.find((u) => u.id === unitId);
  const submission: Submission = {
    meta: {
      rulebookId: o.rulebookId ?? rb.id,
      rulebookVersion: o.version ?? rb.version,
      rulebookHash: o.version ? 'other' : hashOf(rb),
      annex: code,
      unitId: unit ? unitId : '',
      unitName: o.unitName ?? unit?.name ?? unitId,
      year: o.year ?? 2019,
      layoutVersion: 1,
    },
    entries: o.entries ?? fullEntries(annex),
    appraisals: o.appraisals ?? {},
    altered: [],
  };
  const received =
    typeof o.received === 'string' ? { date: o.received, source: 'manifest' as const } : o.received;
  return { file: o.file ?? `nop/${code}-${unitId}.xlsx`, ...(received ? { received } : {}), submission };
}

/** A small rulebook: annex A (max 100) of manual criteria and one relativeToBest criterion. */
export function smallRulebook(overrides: Partial<RulebookInput> = {}): Rulebook {
  const input: RulebookInput = {
    id: 'nho',
    version: '1',
    title: 'Bộ tiêu chí nhỏ',
    province: 'Thử',
    issuer: 'UBND tỉnh Thử',
    decision: { number: '1/QĐ-UBND', date: '2019-01-01' },
    annexes: [
      {
        code: 'A',
        title: 'Phụ lục A',
        appliesTo: 'Các sở',
        max: 100,
        bands: [
          { label: 'Tốt', labelEn: 'Good', min: 80 },
          { label: 'Khá', labelEn: 'Fair', min: 50 },
          { label: 'Yếu', labelEn: 'Weak', min: 0 },
        ],
        rankingGroup: 'Nhóm A',
        groups: [
          {
            code: '1',
            title: 'Nhóm 1',
            criteria: [
              {
                id: '1.1',
                title: 'Điểm 1.1',
                max: 40,
                rule: { type: 'manual' },
                provenance: 'reconstructed',
              },
              {
                id: '1.2',
                title: 'Điểm 1.2',
                max: 20,
                rule: { type: 'manual' },
                provenance: 'reconstructed',
                notApplicableAllowed: true,
              },
            ],
          },
          {
            code: '2',
            title: 'Nhóm 2',
            criteria: [
              {
                id: '2.1',
                title: 'Hồ sơ trực tuyến',
                max: 20,
                rule: { type: 'relativeToBest' },
                provenance: 'reconstructed',
              },
              {
                id: '2.2',
                title: 'Điểm 2.2',
                max: 20,
                rule: { type: 'manual' },
                provenance: 'reconstructed',
              },
            ],
          },
        ],
      },
    ],
    units: [
      { id: 'a1', name: 'Sở Một', annex: 'A' },
      { id: 'a2', name: 'Sở Hai', annex: 'A' },
      { id: 'a3', name: 'Sở Ba', annex: 'A' },
      { id: 'a4', name: 'Sở Bốn', annex: 'A' },
      { id: 'a5', name: 'Sở Năm', annex: 'A' },
    ],
    schedule: {
      deadlines: [{ annexes: ['A'], date: '--08-30' }],
      graceWorkingDays: 5,
      dataWindow: { start: '--01-01', end: '--12-31' },
    },
    ...overrides,
  };
  return parseRulebook(input, 'nho');
}

/** Entries of the small rulebook with chosen points (2.1's value compares with the best unit). */
export function smallEntries(p: {
  a?: number | string;
  b?: number | string;
  value?: number;
  d?: number | string;
  naB?: boolean;
}): Entries {
  return {
    '1.1': { points: p.a ?? 40 },
    '1.2': p.naB ? { na: 'Có' } : { points: p.b ?? 20 },
    '2.1': { value: p.value ?? 100 },
    '2.2': { points: p.d ?? 20 },
  };
}

/**
 * Entries worth exactly `total` points (from a full form, lowering ratio and manual criteria one by one),
 * every input filled so validate() has nothing to say.
 */
export function entriesWorth(
  annex: Annex,
  total: number,
  overrides: Record<string, CriterionEntry> = {},
): Entries {
  const entries = fullEntries(annex, overrides);
  let deficit = Math.round((annex.max - total) * 100);
  for (const c of annex.groups.flatMap((g) => g.criteria)) {
    if (deficit <= 0) break;
    if (overrides[c.id] || !(c.rule.type === 'ratio' || c.rule.type === 'manual')) continue;
    const cut = Math.min(deficit, Math.round(c.max * 100));
    const left = (Math.round(c.max * 100) - cut) / 100;
    if (c.rule.type === 'manual') entries[c.id] = { ...entries[c.id], points: left };
    else if (c.rule.mode === 'percent') entries[c.id] = { ...entries[c.id], percent: left / c.max };
    else entries[c.id] = { ...entries[c.id], numerator: left, denominator: c.max };
    deficit -= cut;
  }
  if (deficit > 0) throw new Error(`cannot lower annex ${annex.code} to ${total}`);
  return entries;
}

/**
 * This year's ranking of the frameworks rulebook (test/helpers/frameworks.ts) that the year-over-year
 * tests compare with last year's: Sở Tư pháp (which took over the Ban QLDA) and Sở Công Thương.
 */
export function thisYearAcrossAMerge(rb: Rulebook) {
  const entries = (p: Record<string, number>) =>
    Object.fromEntries(Object.entries(p).map(([id, v]) => [id, { points: v }]));
  return rank(rb, [
    form(rb, 'so', 'so-tu-phap', { year: 2025, entries: entries({ '1.1': 500, '1.2': 200, '2.1': 100 }) }),
    form(rb, 'so', 'so-cong-thuong', { year: 2025, entries: entries({ '1.1': 400, '2.1': 200 }) }),
  ]);
}
