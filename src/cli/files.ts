/**
 * The files a command is given: paths and folders expanded to the workbooks to read, every other
 * file accounted for; and whether an existing file holds a form (never to be overwritten).
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Message } from '../i18n';
import { notFormReason } from '../xlsx/inputs';
import { readWorkbook } from '../xlsx/read';
import { cannotRead, CliError } from './io';

/** Names in a folder nobody sent: Office lock files, hidden files (macOS ._…, .DS_Store) and Windows' own. */
const isIgnored = (name: string) =>
  name.startsWith('~$') || name.startsWith('.') || /^(thumbs\.db|desktop\.ini)$/i.test(name);
const isCandidate = (name: string) => /\.xlsx$/i.test(name) && !isIgnored(name);
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A folder inside the given ones that could not be listed, or a file that is not a form: reported with the invalid files. */
export interface UnreadableFolder {
  file: string;
  reason: Message;
}

/**
 * The files to read, in a stable order: each path as given, folders expanded recursively (sorted by
 * name). `exclude` holds resolved paths never to read (the output workbook). A given path that does
 * not exist or cannot be listed is a usage error; a folder below it that cannot be listed is pushed
 * to `unreadable` and the rest is still collected. Files in the folders that are not .xlsx go to
 * `notForms` with the reason, so that every file sent is accounted for.
 */
export function collectFiles(
  paths: string[],
  exclude: ReadonlySet<string> = new Set(),
  unreadable: UnreadableFolder[] = [],
  notForms: UnreadableFolder[] = [],
): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = resolve(file);
    if (seen.has(key) || exclude.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  const visited = new Set<string>();
  const walk = (dir: string, top: boolean) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return; // a symbolic link back up the tree
    visited.add(real);
    let entries: string[];
    try {
      entries = readdirSync(dir).sort(byCodePoint);
    } catch (e) {
      const reason = cannotRead(dir, e);
      if (top) throw new CliError(reason);
      unreadable.push({ file: dir, reason });
      return;
    }
    for (const name of entries) {
      const path = `${dir.replace(/[\\/]+$/, '')}/${name}`;
      let isDir = false;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        // A dangling link: not a submission.
        continue;
      }
      if (isDir) walk(path, false);
      else if (isCandidate(name)) add(path);
      else if (!isIgnored(name) && !seen.has(resolve(path)) && !exclude.has(resolve(path))) {
        seen.add(resolve(path));
        notForms.push({ file: path, reason: notFormReason(name) });
      }
    }
  };
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      throw new CliError(cannotRead(p, e));
    }
    if (isDir) walk(p, true);
    else add(p);
  }
  return files;
}

/** An existing file that holds an assessment form (a submission): never to be overwritten. */
export function holdsForm(file: string): boolean {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    return false;
  }
  return readWorkbook(bytes).ok;
}
