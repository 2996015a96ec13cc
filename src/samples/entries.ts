/**
 * Entries an agency would plausibly type into its form: whole counts of meetings and documents,
 * staff numbers that fit the unit, percentages such as 87 %, half points, a reason wherever the
 * points fall short of the maximum and evidence quoted as Vietnamese official documents are
 * ("Kế hoạch số 25/KH-SNV ngày 14/02/2019").
 *
 * Every random draw is fixed by the seed before the unit's quality is applied, and every input grows
 * with the quality, so the total grows with it too: `entriesForTotal` can then search the quality that
 * lands a total where it is wanted (a unit exactly on a band boundary) and settle the last cents on
 * the criteria that take any value (points entered directly, percentages).
 */
import type { Annex, Criterion, Unit } from '../core/rulebook/schema';
import { rawPoints, score } from '../core/scoring/score';
import type { CriterionEntry, Entries } from '../core/scoring/types';
import { round2 } from '../core/numbers';
import { rng, seedOf, type Rng } from './random';

/** What the entries of one unit depend on besides its quality. */
export interface UnitContext {
  /** Code in document numbers: "SNV" in "Kế hoạch số 25/KH-SNV". */
  abbreviation: string;
  /** Host name part of the unit's web portal. */
  site: string;
  /** The province's domain: binhthuan.gov.vn. */
  domain: string;
  year: number;
  level: 'province' | 'district' | 'commune';
  /** Officials of the unit (cán bộ, công chức, viên chức): the denominator of staff ratios. */
  staff: number;
  /** Seed of the unit: its draws differ from every other unit's. */
  seed: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const halves = (x: number) => Math.floor(x * 2 + 1e-9) / 2;
const cents = (x: number) => Math.round(x * 100);
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

/** "SNV" for Sở Nội vụ (a short alias when the rulebook has one), "UBND" for districts and communes. */
export function unitContext(unit: Unit, domain: string, year: number): UnitContext {
  const level = unit.level ?? 'province';
  const r = rng(seedOf('context', unit.id));
  const short = (unit.aliases ?? []).find((a) => /^[A-ZĐ]{2,8}$/.test(a));
  const initials = unit.name
    .split(/[\s,–-]+/)
    .filter((w) => w && !/^(và|tỉnh)$/i.test(w))
    .map((w) => (/^[A-ZĐ]{2,}$/.test(w) ? w : w[0].toLocaleUpperCase('vi')))
    .join('');
  const staffRange = { province: [40, 160], district: [90, 200], commune: [18, 26] }[level];
  return {
    abbreviation: level === 'province' ? (short ?? initials) : 'UBND',
    site: fold(unit.id)
      .replace(/^(so|tp|tx)-/, '')
      .replace(/-/g, ''),
    domain,
    year,
    level,
    staff: r.int(staffRange[0], staffRange[1]),
    seed: seedOf('unit', unit.id),
  };
}

/** A realistic denominator for a ratio, from what its label counts. */
function denominator(label: string, ctx: UnitContext, r: Rng): number {
  const l = label.toLowerCase();
  const byLevel = (p: [number, number], d: [number, number], c: [number, number]) => {
    const [lo, hi] = ctx.level === 'province' ? p : ctx.level === 'district' ? d : c;
    return r.int(lo, hi);
  };
  if (/máy tính/.test(l)) return Math.round(ctx.staff * (0.95 + 0.1 * r.next()));
  if (/cán bộ|công chức|viên chức/.test(l)) return ctx.staff;
  if (/ubnd cấp xã|xã trên địa bàn/.test(l)) return r.int(12, 24);
  if (/dự án|nhiệm vụ/.test(l)) return r.int(2, 8);
  if (/thủ tục/.test(l)) return byLevel([60, 240], [180, 280], [95, 125]);
  if (/hồ sơ/.test(l)) return byLevel([400, 9000], [3000, 18000], [300, 2500]);
  if (/văn bản/.test(l)) return byLevel([1200, 5200], [3500, 9000], [600, 1800]);
  return r.int(20, 400);
}

/** Online applications received in the year (the criteria compared with the best unit). */
function onlineApplications(ctx: UnitContext, r: Rng): number {
  const [lo, hi] = { province: [300, 6000], district: [2000, 15000], commune: [100, 1200] }[ctx.level];
  return r.int(lo, hi);
}

/** The inputs of one criterion at fulfilment f (0..1); `r` holds the criterion's own draws. */
function criterionValues(c: Criterion, f: number, r: Rng, ctx: UnitContext): CriterionEntry {
  const rule = c.rule;
  const e: CriterionEntry = {};
  switch (rule.type) {
    case 'manual':
      e.points = halves(f * c.max);
      break;
    case 'yesNo':
      e.value = r.next() < f ? 'Có' : 'Không';
      break;
    case 'ratio':
      if (rule.mode === 'percent') e.percent = Math.round(f * 100) / 100;
      else {
        const d = denominator(rule.denominatorLabel ?? rule.numeratorLabel ?? '', ctx, r);
        e.numerator = Math.min(d, Math.round(d * f));
        e.denominator = d;
      }
      break;
    case 'perItem': {
      const need = Math.ceil(c.max / rule.pointsPerItem);
      const extra = r.int(0, 2);
      e.count = f >= 0.999 ? need + extra : Math.round(f * need);
      break;
    }
    case 'steps': {
      const steps = [...rule.steps].sort((a, b) => a.points - b.points || a.min - b.min);
      const reached = steps.filter((s) => s.points <= f * c.max + 1e-9);
      const top = reached[reached.length - 1];
      const next = top && steps[steps.indexOf(top) + 1];
      const more = r.next() < 0.4 && top && (!next || next.min > top.min + 1) ? 1 : 0;
      e.value = top ? top.min + more : 0;
      break;
    }
    case 'bestOf': {
      const best = [...rule.alternatives]
        .sort((a, b) => b.points - a.points)
        .find((a) => a.points <= f * c.max + 1e-9);
      for (const a of rule.alternatives) e[a.key] = a === best ? 'Có' : 'Không';
      break;
    }
    case 'sumOfParts':
      for (const p of rule.parts) e[p.key] = halves(clamp01(f + (r.next() - 0.7) * 0.3) * p.max);
      break;
    case 'deduction': {
      const worst = r.int(1, 3);
      e.count = Math.max(0, Math.round((1 - f) * worst * 1.5));
      break;
    }
    case 'relativeToBest':
      e.value = Math.round(onlineApplications(ctx, r) * f);
      break;
    case 'levelAverage': {
      const levels = [...rule.levels].sort((a, b) => a.value - b.value);
      for (const p of rule.parts)
        e[p.key] = [...levels].reverse().find((l) => l.value <= f * c.max + 1e-9)?.value ?? levels[0].value;
      break;
    }
  }
  return e;
}

/** Each criterion's own stream, so adding a criterion to a rulebook leaves the others' entries alone. */
const criterionRng = (ctx: UnitContext, c: Criterion, purpose: string) =>
  rng(seedOf(ctx.seed, c.id, purpose));

/**
 * The inputs of every criterion for a unit of `quality` (about the share of the maximum it reaches),
 * without reasons and evidence. Each criterion deviates from the quality by its own fixed amount.
 */
export function entryValues(annex: Annex, quality: number, ctx: UnitContext): Entries {
  const entries: Entries = {};
  for (const c of annex.groups.flatMap((g) => g.criteria)) {
    const r = criterionRng(ctx, c, 'values');
    const f = clamp01(quality + (r.next() - 0.55) * 0.26);
    entries[c.id] = criterionValues(c, f, r, ctx);
  }
  return entries;
}

const REASONS: [RegExp, string[]][] = [
  [
    /an toàn/i,
    [
      'Xảy ra sự cố mã độc trên một số máy trạm, đã khắc phục trong ngày.',
      'Quy chế bảo đảm an toàn thông tin đang trình ký ban hành.',
    ],
  ],
  [
    /văn bản chỉ đạo|cơ chế|chính sách/i,
    [
      'Một số báo cáo định kỳ gửi chậm do thay đổi cán bộ phụ trách.',
      'Số cuộc họp có nội dung chỉ đạo về CNTT còn ít.',
      'Quy chế đang được sửa đổi, chưa ban hành.',
    ],
  ],
  [
    /hạ tầng/i,
    [
      'Một số máy tính đã cũ, chưa được thay thế do chưa bố trí kinh phí.',
      'Chưa đầu tư thiết bị tường lửa chuyên dụng.',
      'Phòng máy chủ chưa có hệ thống chống sét, lưu điện đạt chuẩn.',
    ],
  ],
  [
    /nhân lực/i,
    [
      'Cán bộ phụ trách CNTT làm kiêm nhiệm, chưa có chuyên trách.',
      'Một số viên chức chưa có chứng chỉ ứng dụng CNTT cơ bản.',
      'Chưa cử cán bộ tham gia đào tạo chuyên sâu trong năm.',
    ],
  ],
  [
    /ứng dụng|dịch vụ|thông tin/i,
    [
      'Văn bản mật và văn bản có phụ lục khổ lớn vẫn gửi bản giấy.',
      'Người dân, doanh nghiệp còn ít nộp hồ sơ trực tuyến.',
      'Chưa cấp đủ chứng thư số cho lãnh đạo các phòng.',
      'Phần mềm chuyên ngành mới triển khai từ tháng 6.',
    ],
  ],
  [
    /đầu tư/i,
    [
      'Kinh phí chi cho CNTT còn hạn chế so với tổng chi thường xuyên.',
      'Một nhiệm vụ CNTT chậm tiến độ do điều chỉnh dự toán.',
    ],
  ],
];

function reasonFor(groupTitle: string, r: Rng): string {
  const found = REASONS.find(([re]) => re.test(groupTitle));
  return r.pick(found ? found[1] : ['Chưa đạt yêu cầu tối đa theo hướng dẫn chấm điểm.']);
}

/** Evidence as an official document is quoted, dated inside the assessment year. */
function evidenceFor(label: string, ctx: UnitContext, r: Rng): string {
  const n = r.int(5, 350);
  const date = `${String(r.int(1, 28)).padStart(2, '0')}/${String(r.int(1, 8)).padStart(2, '0')}/${ctx.year}`;
  const a = ctx.abbreviation;
  const l = label.toLowerCase();
  if (/cổng|trang thông tin/.test(l)) return `https://${ctx.site}.${ctx.domain}`;
  if (/kế hoạch/.test(l)) return `Kế hoạch số ${n}/KH-${a} ngày ${date}`;
  if (/quy chế|quy định|nội quy|quyết định/.test(l)) return `Quyết định số ${n}/QĐ-${a} ngày ${date}`;
  if (/họp|thông báo|biên bản/.test(l)) return `Thông báo kết luận số ${n}/TB-${a} ngày ${date}`;
  if (/hợp đồng|hóa đơn/.test(l)) return `Hợp đồng số ${n}/${ctx.year}/HĐ-VNPT ngày ${date}`;
  if (/chứng nhận|khóa học/.test(l)) return `Giấy chứng nhận số ${n}/GCN-STTTT ngày ${date}`;
  if (/ảnh chụp/.test(l)) return `Biên bản kiểm tra số ${n}/BB-${a} ngày ${date}, ảnh chụp kèm theo`;
  if (/dự toán|kinh phí/.test(l)) return `Quyết định giao dự toán số ${n}/QĐ-UBND ngày ${date}`;
  if (/danh sách|danh mục/.test(l)) return `Danh sách kèm theo Báo cáo số ${n}/BC-${a} ngày ${date}`;
  if (/thống kê|báo cáo/.test(l)) return `Báo cáo số ${n}/BC-${a} ngày ${date} (số liệu trích từ phần mềm)`;
  return `Văn bản số ${n}/${a} ngày ${date}`;
}

/**
 * Reasons and evidence as the points ask: a reason wherever the points fall short of the maximum (always
 * where the rulebook requires one), evidence wherever points were earned (always where required).
 */
export function annotate(annex: Annex, entries: Entries, ctx: UnitContext): Entries {
  const out: Entries = {};
  for (const g of annex.groups)
    for (const c of g.criteria) {
      const r = criterionRng(ctx, c, 'notes');
      const e: CriterionEntry = { ...entries[c.id] };
      delete e.reason;
      delete e.evidence;
      const relative = c.rule.type === 'relativeToBest';
      const points = round2(rawPoints(c, e));
      const earned = relative ? Number(e.value) > 0 : points > 0;
      const wantsReason = r.next() < 0.6;
      const wantsEvidence = r.next() < 0.7;
      if (!relative && points < c.max && (c.reasonRequiredBelowMax || wantsReason))
        e.reason = reasonFor(g.title, r);
      if (earned && (c.evidence.required || (c.evidence.label && wantsEvidence)))
        e.evidence = evidenceFor(c.evidence.label ?? c.title, ctx, r);
      out[c.id] = e;
    }
  return out;
}

/** The criteria that take any value to the cent: percentages first, then points entered directly. */
function knobs(annex: Annex): Criterion[] {
  const all = annex.groups.flatMap((g) => g.criteria).filter((c) => !c.notApplicableAllowed);
  return [
    ...all.filter((c) => c.rule.type === 'ratio' && c.rule.mode === 'percent'),
    ...all.filter((c) => c.rule.type === 'manual'),
  ];
}

const knobCents = (c: Criterion, entries: Entries) => cents(round2(rawPoints(c, entries[c.id])));

/** Set a knob criterion to exactly `value` cents of points. */
function setKnob(c: Criterion, e: CriterionEntry, value: number): CriterionEntry {
  if (c.rule.type === 'manual') return { ...e, points: value / 100 };
  // percent × max must give the cents back exactly (round2 of a value a hair off the cent is the cent).
  return { ...e, percent: value / 100 / c.max };
}

/**
 * Move the knob criteria by `delta` cents in all: percentages first (a value such as 87,35 % is
 * ordinary), points entered directly only when the percentages cannot take it all.
 */
function shiftKnobs(annex: Annex, entries: Entries, delta: number): Entries | undefined {
  const out: Entries = { ...entries };
  let left = delta;
  for (const c of knobs(annex)) {
    if (left === 0) break;
    const now = knobCents(c, out);
    const next = Math.min(cents(c.max), Math.max(0, now + left));
    out[c.id] = setKnob(c, out[c.id] ?? {}, next);
    left -= next - now;
  }
  return left === 0 ? out : undefined;
}

/**
 * Entries whose provisional total (criteria compared with the best unit count 0, as on the form) is
 * exactly `total`: the quality is searched so that the knob criteria need the smallest change, the
 * inputs of criteria compared with the best unit are kept from `keep` (so the best values of the round
 * do not move), and reasons and evidence follow the final points.
 */
export function entriesForTotal(annex: Annex, total: number, ctx: UnitContext, keep: Entries = {}): Entries {
  const want = cents(total);
  const relative = annex.groups.flatMap((g) => g.criteria).filter((c) => c.rule.type === 'relativeToBest');
  let best: { entries: Entries; delta: number } | undefined;
  // Up to 1.2: each criterion deviates from the quality by up to -0.18, so only then is every one full.
  for (let i = 0; i <= 500; i++) {
    const values = entryValues(annex, 0.2 + i / 500, ctx);
    for (const c of relative) if (keep[c.id]) values[c.id] = { value: keep[c.id].value };
    const delta = want - cents(score(annex, values).total);
    if (!best || Math.abs(delta) < Math.abs(best.delta)) {
      const shifted = shiftKnobs(annex, values, delta);
      if (shifted) best = { entries: shifted, delta };
    }
  }
  if (!best) throw new Error(`samples: annex ${annex.code} cannot reach ${total} points`);
  const entries = annotate(annex, best.entries, ctx);
  const got = score(annex, entries).total;
  if (cents(got) !== want) throw new Error(`samples: annex ${annex.code} reached ${got}, not ${total}`);
  return entries;
}
