/** Node-side helpers of the command line: where commands write, reading rulebooks and JSON, and the one error type. */
import { readFileSync } from 'node:fs';
// The modules themselves, not the rulebook index: it re-exports the schema, whose zod every command
// would load (~0.1 s) though only rulebook files are checked against it.
import { builtinIds, builtinRulebook } from '../core/rulebook/builtin';
import { parseRulebook, RulebookError } from '../core/rulebook/load';
import type { Rulebook } from '../core/rulebook/schema';
import { bilingual, msg, t, type Message, type MessageKey } from '../i18n';
import type { ProgressStream } from './progress';
import { CliError } from './errors';

/** Where a command writes: its output, its messages, and (on a terminal) its progress line. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where a batch shows its progress line when it is a terminal (process.stderr); absent: no progress. */
  progress?: ProgressStream;
}

/** A warning as the commands print it on stderr: "Cảnh báo / Warning: …" in both languages. */
export const warning = (m: Message): string =>
  `${t('vi', 'severityWarning')} / ${t('en', 'severityWarning')}: ${bilingual(m)}`;

// The error type lives apart so that printing the help loads no rulebook code; re-exported for the commands.
export { CliError } from './errors';

/** What went wrong with a file, in plain words (never "ENOENT"); an unknown system error keeps its code. */
const FS_REASONS: Record<string, MessageKey> = {
  ENOENT: 'fsNotFound',
  ENOTDIR: 'fsNotFound',
  EACCES: 'fsNoPermission',
  EPERM: 'fsNoPermission',
  EISDIR: 'fsIsFolder',
  EBUSY: 'fsBusy',
  ENOSPC: 'fsNoSpace',
  EROFS: 'fsReadOnly',
};
export function fsReason(e: unknown): Message {
  const code = (e as NodeJS.ErrnoException)?.code;
  const key = code ? FS_REASONS[code] : undefined;
  return key ? msg(key) : msg('fsOther', { code: code ?? String((e as Error)?.message ?? e) });
}
const withReason = (key: MessageKey, file: string, e: unknown): Message => {
  const reason = fsReason(e);
  return { vi: t('vi', key, { file, reason: reason.vi }), en: t('en', key, { file, reason: reason.en }) };
};
export const cannotRead = (file: string, e: unknown): Message => withReason('cliCannotRead', file, e);
export const cannotWrite = (file: string, e: unknown): Message => withReason('cliCannotWrite', file, e);

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(cannotRead(file, e));
  }
}

export function readBytes(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new CliError(cannotRead(file, e));
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
    if (
      e instanceof CliError &&
      (e.reason.en.includes(t('en', 'fsNotFound')) || e.reason.en.includes(t('en', 'fsIsFolder')))
    )
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
