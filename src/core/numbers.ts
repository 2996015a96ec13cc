/**
 * Numbers as Vietnamese users type them, and the one rounding rule of the product.
 *
 * Reading (parseNumber):
 *  - A comma is the decimal separator: "2,5" → 2.5.
 *  - A dot groups thousands when every group after the first has exactly three digits:
 *    "1.234" → 1234, "1.234.567" → 1234567, "1.234,5" → 1234.5.
 *    Any other dot is a decimal point, as typed on an English keyboard: "2.5" → 2.5, "1.2345" → 1.2345.
 *  - Spaces (also non-breaking) are ignored: "1 234" → 1234.
 *  - A trailing "%" divides by 100: "85%" → 0.85, "2,5%" → 0.025.
 *  - Empty text is "no value" (undefined); anything else that is not a number is NaN.
 *
 * Rounding (round2): points are rounded half away from zero to 2 decimals, exactly as the sheet's
 * ROUND(x, 2); a criterion's points, group subtotals and totals are each rounded this way, so the
 * engine and the form's formulas agree to the last decimal and band thresholds are compared on exact
 * 2-decimal values (450 is Tốt, 449.99 is Khá, whatever binary noise the additions carried).
 */

export function parseNumber(input: unknown): number | undefined {
  if (input === null || input === undefined) return undefined;
  if (typeof input === 'number') return input;
  if (typeof input === 'boolean') return input ? 1 : 0;
  if (typeof input !== 'string') return NaN;
  let s = input.replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return undefined;
  let scale = 1;
  if (s.endsWith('%')) {
    scale = 0.01;
    s = s.slice(0, -1);
  }
  const sign = s.startsWith('-') ? -1 : 1;
  s = s.replace(/^[+-]/, '');
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return NaN;
  let normalized: string;
  if (s.includes(',')) {
    // Comma is the decimal separator; dots before it group thousands.
    const [whole, frac, ...rest] = s.split(',');
    if (rest.length || frac.includes('.') || !isGrouped(whole)) return NaN;
    normalized = `${whole.replace(/\./g, '')}.${frac}`;
  } else if (s.includes('.')) {
    normalized = isThousandsGrouping(s) ? s.replace(/\./g, '') : s.split('.').length === 2 ? s : 'x';
  } else normalized = s;
  const value = Number(normalized);
  if (!Number.isFinite(value)) return NaN;
  return scale === 1 ? sign * value : sign * Number(`${normalized}e-2`);
}

/** "1.234.567": a first group of 1–3 digits, then groups of exactly three. */
function isThousandsGrouping(s: string): boolean {
  return /^\d{1,3}(\.\d{3})+$/.test(s);
}

function isGrouped(whole: string): boolean {
  return !whole.includes('.') || isThousandsGrouping(whole);
}

/** Half away from zero at 2 decimals on the value's 15-significant-digit decimal form, like ROUND(x,2). */
export function round2(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  // Fast path: x is already the double nearest to a 2-decimal value (most points are).
  if (Math.abs(x) < 1e9 && Math.round(x * 100) / 100 === x) return x;
  const abs = Math.abs(x);
  const [mantissa, exp] = abs.toPrecision(15).split('e');
  const shifted = Number(`${mantissa}e${Number(exp ?? 0) + 2}`);
  const rounded = Number(`${Math.round(shifted)}e-2`);
  return x < 0 ? -rounded : rounded;
}

/** Sum in hundredths, so adding 2-decimal values carries no binary noise. */
export function sum2(values: number[]): number {
  return round2(values.reduce((s, v) => s + Math.round(round2(v) * 100), 0) / 100);
}

/** Display: Vietnamese decimal comma, at most 2 decimals ("449,99"; "450"). */
export function formatPoints(x: number, lang: 'vi' | 'en' = 'vi'): string {
  const s = String(round2(x));
  return lang === 'vi' ? s.replace('.', ',') : s;
}

const YES = new Set(['có', 'co', 'c', 'x', 'yes', 'y', 'true', '1', 'đạt', 'dat', 'đã', 'da', 'rồi']);
const NO = new Set(['không', 'khong', 'k', 'ko', 'no', 'n', 'false', '0', 'chưa', 'chua', 'chưa đạt']);

/** Yes/no answers as officials type them ("Có", "x", "không", 1, 0). */
export function parseYesNo(input: unknown): boolean | undefined | null {
  if (input === null || input === undefined) return undefined;
  if (typeof input === 'boolean') return input;
  if (typeof input === 'number') return input === 1 ? true : input === 0 ? false : null;
  if (typeof input !== 'string') return null;
  const s = input.normalize('NFC').trim().toLowerCase();
  if (s === '') return undefined;
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return null;
}
