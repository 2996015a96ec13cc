/**
 * `scorecard rulebook export|import|diff`: the authoring workbook "Bộ tiêu chí" from the command line.
 *
 *   rulebook export --rulebook <id|path> -o <file.xlsx>     a rulebook as an authoring workbook
 *   rulebook export --blank -o <file.xlsx>                  the blank authoring workbook
 *   rulebook import <file.xlsx> -o <rulebook.json>          compile; exit 2 listing every error
 *   rulebook diff <a> <b> [--json] [--lang vi|en] [-o <diff.xlsx>]
 *
 * Wherever a rulebook is asked for: a built-in id, a rulebook .json or an authoring .xlsx.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { annexCriteria, type Rulebook } from '../core/rulebook';
import { diffRulebooks } from '../core/rulebook/diff';
import { rulebookToWorkbook, workbookToRulebook } from '../authoring/workbook';
import type { AuthoringError } from '../authoring/compile';
import { diffToWorkbook, formatDiff } from '../authoring/diff';
import { bilingual, msg, type Message } from '../i18n';
import { cannotRead, cannotWrite, CliError, resolveRulebook } from './io';
import { parseCommandArgs, type Options } from './args';
import type { Io } from './main';

/** The workbook had errors: each is printed on a line of its own. */
class WorkbookErrors extends Error {
  constructor(
    readonly file: string,
    readonly errors: AuthoringError[],
  ) {
    super(`${errors.length} errors in ${file}`);
  }
}

function parse(args: string[], options: Options) {
  return parseCommandArgs(args, options, false);
}

function option(values: Record<string, unknown>, name: string, shown = `--${name}`): string {
  const v = values[name];
  if (typeof v !== 'string' || !v) throw new CliError(msg('cliMissingOption', { option: shown }));
  return v;
}

function readBytes(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new CliError(cannotRead(file, e));
  }
}

function writeOutput(file: string, data: Uint8Array | string, inputs: string[]) {
  // Never write over a file given as input.
  if (inputs.some((i) => resolve(i) === resolve(file))) throw new CliError(msg('cliSameFile', { file }));
  try {
    writeFileSync(file, data);
  } catch (e) {
    throw new CliError(cannotWrite(file, e));
  }
}

const isWorkbook = (arg: string) => /\.xlsx$/i.test(arg);

/** A built-in id, a rulebook .json, or an authoring workbook (compiled on the way). */
export async function loadRulebook(arg: string): Promise<Rulebook> {
  if (!isWorkbook(arg)) return resolveRulebook(arg);
  const result = await workbookToRulebook(readBytes(arg));
  if (!result.ok) throw new WorkbookErrors(arg, result.errors);
  return result.rulebook;
}

const criteriaCount = (rb: Rulebook) => rb.annexes.reduce((n, a) => n + annexCriteria(a).length, 0);

async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { rulebook: { type: 'string' }, blank: { type: 'boolean' }, output: { type: 'string', short: 'o' } });
  const out = option(values, 'output', '-o');
  if (values.blank) {
    writeOutput(out, await rulebookToWorkbook(undefined), []);
    io.out(bilingual(msg('cliRulebookBlankExported', { file: out })));
    return 0;
  }
  if (typeof values.rulebook !== 'string') throw new CliError(msg('cliExportNeedsRulebook'));
  const rb = await loadRulebook(values.rulebook);
  writeOutput(out, await rulebookToWorkbook(rb), [values.rulebook]);
  io.out(bilingual(msg('cliRulebookExported', { file: out, id: rb.id, version: rb.version, annexes: rb.annexes.length, criteria: criteriaCount(rb) })));
  return 0;
}

async function importCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' } });
  const file = positionals[0];
  if (!file) throw new CliError(msg('cliMissingOption', { option: '<file.xlsx>' }));
  const out = option(values, 'output', '-o');
  const result = await workbookToRulebook(readBytes(file));
  if (!result.ok) throw new WorkbookErrors(file, result.errors);
  writeOutput(out, JSON.stringify(result.rulebook, null, 2) + '\n', [file]);
  io.out(bilingual(msg('cliRulebookImported', { file: out, id: result.rulebook.id, version: result.version, hash: result.hash, criteria: criteriaCount(result.rulebook) })));
  return 0;
}

async function diffCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, lang: { type: 'string' }, output: { type: 'string', short: 'o' } });
  const [a, b] = positionals;
  if (!a || !b) throw new CliError(msg('cliMissingOption', { option: a ? '<b>' : '<a> <b>' }));
  const lang = values.lang ?? 'vi';
  if (lang !== 'vi' && lang !== 'en') throw new CliError(msg('cliUnknownOption', { option: `--lang ${lang}` }));
  const diff = diffRulebooks(await loadRulebook(a), await loadRulebook(b));
  if (typeof values.output === 'string') writeOutput(values.output, await diffToWorkbook(diff), [a, b]);
  io.out(values.json ? JSON.stringify(diff, null, 2) : formatDiff(diff, lang));
  return 0;
}

const subcommands: Record<string, (args: string[], io: Io) => Promise<number>> = {
  export: exportCommand,
  import: importCommand,
  diff: diffCommand,
};

export async function rulebookCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const run = sub ? subcommands[sub] : undefined;
  if (!run) throw new CliError(msg('cliRulebookUsage', { command: sub ?? '<export|import|diff>' }));
  try {
    return await run(rest, io);
  } catch (e) {
    if (!(e instanceof WorkbookErrors)) throw e;
    const header: Message = msg('cliWorkbookHasErrors', { file: e.file, count: e.errors.length });
    io.err(bilingual(header));
    for (const error of e.errors) io.err(bilingual(error.message));
    return 2;
  }
}
