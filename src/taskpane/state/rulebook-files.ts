/**
 * Files of the "Bộ tiêu chí" view: offering bytes for download, reading a chosen file, and compiling it
 * into a rulebook — an authoring workbook through the authoring compiler, a flat criteria table (CSV or
 * .xlsx, as `scorecard rulebook import` takes it) through the table import. The authoring modules are
 * imported only when an action starts, so they stay out of the pane's first chunk.
 */
import { contentHash } from '../../core/rulebook/load';
import type { Rulebook } from '../../core/rulebook/schema';
import type { AuthoringError } from '../../authoring/compile';
import { msg, t, type Lang, type Message } from '../../i18n';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const authoring = () => import(/* webpackChunkName: "authoring" */ '../../authoring/workbook');
const tables = () =>
  Promise.all([
    import(/* webpackChunkName: "authoring-table" */ '../../authoring/table-file'),
    import(/* webpackChunkName: "authoring-table" */ '../../authoring/table-import'),
  ]);

export interface Download {
  file: string;
  url: string;
}

/** A file to offer for download; undefined where the browser cannot make object URLs. */
export function download(file: string, bytes: Uint8Array | string, type: string): Download | undefined {
  if (typeof URL.createObjectURL !== 'function') return undefined;
  return { file, url: URL.createObjectURL(new Blob([bytes as BlobPart], { type })) };
}

export const slug = (rb: Pick<Rulebook, 'id' | 'version'>) =>
  `${rb.id}-${rb.version}`.replace(/[^\p{L}\p{N}._-]+/gu, '_');

export const hasReconstructed = (rb: Rulebook) =>
  rb.annexes.some((a) => a.groups.some((g) => g.criteria.some((c) => c.provenance === 'reconstructed')));

/** What a flat criteria table does not say and a rulebook needs (`rulebook import`'s options). */
export interface TableDetails {
  province: string;
  decision: string;
  /** yyyy-mm-dd */
  decisionDate: string;
  provenance: 'official' | 'reconstructed';
}

export const emptyTableDetails: TableDetails = {
  province: '',
  decision: '',
  decisionDate: '',
  provenance: 'reconstructed',
};

/** yyyy-mm-dd naming a real day. */
export function isIsoDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Why the details cannot make a rulebook of the table `file` yet; undefined when they can. */
export function tableDetailsProblem(details: TableDetails, file: string): Message | undefined {
  const missing = (
    [
      ['province', 'paneRbProvince'],
      ['decision', 'paneRbDecision'],
      ['decisionDate', 'paneRbDecisionDate'],
    ] as const
  ).filter(([key]) => details[key].trim() === '');
  const fields = (lang: Lang) => missing.map(([, label]) => `"${t(lang, label)}"`).join(', ');
  if (missing.length)
    return {
      vi: t('vi', 'paneRbTableNeeds', { file, fields: fields('vi') }),
      en: t('en', 'paneRbTableNeeds', { file, fields: fields('en') }),
    };
  if (!isIsoDate(details.decisionDate.trim())) return msg('paneRbBadDate', { value: details.decisionDate });
  return undefined;
}

export type CompileOutcome =
  | { ok: true; rulebook: Rulebook; hash: string }
  | { ok: false; errors: AuthoringError[] }
  /** A table whose details are missing: nothing was compiled. */
  | { ok: false; problem: Message };

/** A chosen file → a rulebook, every located error, or what the table still needs. */
export async function compileRulebookFile(
  file: string,
  bytes: Uint8Array,
  details: TableDetails,
): Promise<CompileOutcome> {
  const [{ importKind, idFromFile, fileStem }, { tableToRulebook }] = await tables();
  const kind = importKind(file, bytes);
  if (kind.kind === 'authoring') {
    const { workbookToRulebook } = await authoring();
    const result = await workbookToRulebook(bytes);
    return result.ok ? { ok: true, rulebook: result.rulebook, hash: result.hash } : result;
  }
  const problem = tableDetailsProblem(details, file);
  if (problem) return { ok: false, problem };
  const result = tableToRulebook(kind.table.rows, kind.table.sheet, {
    id: idFromFile(file),
    title: fileStem(file),
    province: details.province.trim(),
    decision: { number: details.decision.trim(), date: details.decisionDate.trim() },
    provenance: details.provenance,
    source: file,
  });
  return result.ok
    ? { ok: true, rulebook: result.value, hash: contentHash(result.value) }
    : { ok: false, errors: result.errors };
}
