/**
 * A rulebook wherever one is asked for: a built-in id, a rulebook .json, or an authoring workbook
 * (.xlsx, compiled on the way); a workbook with errors is printed one located error a line.
 */
import type { Rulebook } from '../core/rulebook';
import type { AuthoringError } from '../authoring/compile';
import { bilingual, msg, type Message } from '../i18n';
import { readBytes, resolveRulebook, type Io } from './io';

/** The workbook had errors: each is printed on a line of its own. */
export class WorkbookErrors extends Error {
  constructor(
    readonly file: string,
    readonly errors: AuthoringError[],
  ) {
    super(`${errors.length} errors in ${file}`);
  }
}

/** An authoring workbook, by its extension. */
export const isWorkbook = (arg: string) => /\.xlsx$/i.test(arg);

/** A built-in id, a rulebook .json, or an authoring workbook (compiled on the way). */
export async function loadRulebook(arg: string): Promise<Rulebook> {
  if (!isWorkbook(arg)) return resolveRulebook(arg);
  // The compiler (and ExcelJS behind it) is loaded only when a workbook is given.
  const { workbookToRulebook } = await import('../authoring/workbook');
  const result = await workbookToRulebook(readBytes(arg));
  if (!result.ok) throw new WorkbookErrors(arg, result.errors);
  return result.rulebook;
}

/** Runs a command; a file with errors is printed as a header and one line per located error (exit 2). */
export async function withWorkbookErrors(run: () => Promise<number>, io: Io): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof WorkbookErrors)) throw e;
    const header: Message = msg('cliWorkbookHasErrors', { file: e.file, count: e.errors.length });
    io.err(bilingual(header));
    for (const error of e.errors) io.err(bilingual(error.message));
    return 2;
  }
}
