/** Sheet names as Excel accepts them; shared by the form host (host.ts) and the report writer (report.ts). */

/** Excel's limit on a sheet name's length. */
export const MAX_SHEET_NAME = 31;

/** `base`, or `base (2)`, `base (3)`…, cut to Excel's 31 characters, not among `taken` (case-insensitive). */
export function uniqueSheetName(base: string, taken: string[]): string {
  const clean =
    base
      .replace(/[[\]:*?/\\]/g, '-')
      .replace(/^'+|'+$/g, '')
      .slice(0, MAX_SHEET_NAME) || 'Sheet';
  const isTaken = (n: string) => taken.some((x) => x.toLowerCase() === n.toLowerCase());
  if (!isTaken(clean)) return clean;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = clean.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!isTaken(candidate)) return candidate;
  }
}
