/**
 * Submitted workbooks → ranking inputs: the one place where a file's bytes become RankingInputs, shared
 * by `scorecard rank` (Node: bytes from the disk) and the pane's consolidation view (browser: bytes from
 * a File; it loads this module, and with it the reader, only when it starts reading). Pure: no file
 * system, no DOM. Received dates: ./received.ts.
 */
import type { Rulebook } from '../core/rulebook/schema';
import type { RankingInput, ReceivedDate } from '../core/ranking/types';
import { msg, type Message } from '../i18n';
import type { FormMeta } from '../form/types';
import { readSubmissionsFromXlsx } from './submission';

export interface FileInputs {
  /** One input per form of the file (a file with several forms gives several), or one failure. */
  inputs: RankingInput[];
  /** The rulebooks the readable forms were resolved to. */
  rulebooks: Rulebook[];
  /** At least one form could be read. */
  ok: boolean;
}

/**
 * One submitted file's bytes → its ranking inputs. Never throws: an unreadable file, a workbook without
 * a form, a form whose rulebook is unknown, even an exception inside the reader, each becomes a failure
 * with its reason in both languages, so one bad file never stops a batch. A file with several forms
 * labels each input `file [sheet]`.
 */
export function inputsFromXlsx(
  file: string,
  bytes: Uint8Array,
  resolveRulebook: (meta: FormMeta) => Rulebook | undefined,
  received?: ReceivedDate,
): FileInputs {
  const at = received ? { received } : {};
  try {
    const read = readSubmissionsFromXlsx(bytes, resolveRulebook);
    if (!read.ok) return { inputs: [{ file, ...at, failure: read.reason }], rulebooks: [], ok: false };
    const several = read.submissions.length + read.problems.length > 1;
    const label = (sheet: string) => (several ? `${file} [${sheet}]` : file);
    const inputs: RankingInput[] = [];
    for (const s of read.submissions)
      inputs.push({ file: label(s.sheetName), ...at, submission: s.submission });
    for (const p of read.problems) inputs.push({ file: label(p.sheetName), ...at, failure: p.reason });
    return { inputs, rulebooks: read.submissions.map((s) => s.rulebook), ok: read.submissions.length > 0 };
  } catch (e) {
    // The reader never throws for bad input; anything else still must not stop the batch.
    return {
      inputs: [
        { file, ...at, failure: msg('xlsxDamaged', { detail: e instanceof Error ? e.message : String(e) }) },
      ],
      rulebooks: [],
      ok: false,
    };
  }
}

/**
 * Why a file that is not an .xlsx workbook is not read as a form, by its name: an old .xls or an .ods
 * (save it again as .xlsx), a PDF, a Word document, an image, anything else. Every file sent is listed.
 */
export function notFormReason(name: string): Message {
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  if (ext === 'xls') return msg('xlsxLegacy');
  if (ext === 'ods') return msg('rankNotFormOds');
  if (ext === 'pdf') return msg('rankNotFormPdf');
  if (['doc', 'docx', 'odt', 'rtf'].includes(ext)) return msg('rankNotFormWord');
  if (['jpg', 'jpeg', 'png', 'gif', 'bmp', 'tif', 'tiff', 'heic', 'webp'].includes(ext))
    return msg('rankNotFormImage');
  return msg('rankNotFormOther', { ext: ext ? `.${ext}` : name });
}
