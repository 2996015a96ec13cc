/**
 * The received date of a submitted file: the date in the user's manifest (the incoming official letter),
 * else, only when the caller passes it because the user asked, the file's modification time (stat's
 * mtime on the command line, File.lastModified in the pane); else none: lateness is then not judged.
 * Shared by `scorecard rank` and the pane; kept apart from the reader so the pane can use it without
 * loading the reader.
 */
import { receivedFor, type ReceivedManifest } from '../core/ranking/received';
import type { ReceivedDate } from '../core/ranking/types';

/** 'yyyy-mm-dd' of a moment in local time (the officer's calendar day). */
export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The received date of a file: the manifest's (by base name), else the modification time given, else none. */
export function receivedFrom(
  file: string,
  manifest: ReceivedManifest | undefined,
  modified: Date | undefined,
): ReceivedDate | undefined {
  const listed = manifest && receivedFor(manifest.entries, file);
  if (listed) return { date: listed, source: 'manifest' };
  return modified && !Number.isNaN(modified.getTime())
    ? { date: localDate(modified), source: 'mtime' }
    : undefined;
}
