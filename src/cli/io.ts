/** Node-side helpers of the command line: reading rulebooks and JSON, and the one error type. */
import { readFileSync } from 'node:fs';
import { builtinIds, builtinRulebook, parseRulebook, RulebookError, type Rulebook } from '../core/rulebook';
import { msg, type Message } from '../i18n';

/** A failure the user can act on: printed as one line in both languages, exit code 2 by default. */
export class CliError extends Error {
  constructor(
    readonly reason: Message,
    readonly exitCode = 2,
  ) {
    super(reason.en);
  }
}

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(msg('cliCannotRead', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) }));
  }
}

export function readJson(file: string): unknown {
  const text = readText(file).replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(msg('cliBadJson', { file, reason: (e as Error).message }));
  }
}

/** A built-in id, or a path to a rulebook .json file: both work everywhere a rulebook is asked for. */
export function resolveRulebook(idOrPath: string): Rulebook {
  const builtin = builtinRulebook(idOrPath);
  if (builtin) return builtin;
  let json: unknown;
  try {
    json = readJson(idOrPath);
  } catch (e) {
    if (e instanceof CliError && /ENOENT|EISDIR/.test(e.reason.en))
      throw new CliError(msg('rulebookNotFound', { rulebook: idOrPath, known: builtinIds.join(', ') }));
    throw e;
  }
  try {
    return parseRulebook(json, idOrPath);
  } catch (e) {
    if (e instanceof RulebookError) throw new CliError(e.reason);
    throw e;
  }
}
