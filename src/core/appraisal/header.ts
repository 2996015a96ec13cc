/**
 * The text of an appraisal remark as it is written into the workbook: a header naming the reviewer's
 * body and name ("[Thẩm định – Sở Nội vụ] Nguyễn Thị Bông: …"), then the points and the remark.
 * Excel attributes a comment an add-in adds to whoever is signed in (the author cannot be set), so the
 * header is what says on whose behalf the council member wrote. Workbook text is Vietnamese.
 */
import { formatPoints } from '../numbers';
import { t } from '../../i18n';
import type { Reviewer, ThreadMessage } from './types';

/** Collapse whitespace so a header stays on one line and brackets cannot be faked. */
const clean = (s: string) =>
  s
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[[\]]/g, '')
    .trim();

/** "[Thẩm định – Sở Nội vụ] Nguyễn Thị Bông:" */
export function commentHeader(reviewer: Reviewer): string {
  return t('vi', 'appraisalCommentHeader', { body: clean(reviewer.body), name: clean(reviewer.name) });
}

/** The header, then "Điểm thẩm định 8/10 (tự chấm 10)." when points are set, then the remark. */
export function commentText(
  reviewer: Reviewer,
  a: { points?: number; max: number; selfPoints: number; comment: string },
): string {
  const parts = [commentHeader(reviewer)];
  if (a.points !== undefined)
    parts.push(
      t('vi', 'appraisalCommentPoints', {
        points: formatPoints(a.points),
        max: formatPoints(a.max),
        self: formatPoints(a.selfPoints),
      }),
    );
  const remark = a.comment.trim();
  if (remark) parts.push(remark);
  return parts.join(' ');
}

/** What the APPRNOTE_ ("Ý kiến thẩm định") cell holds after an appraisal with a remark: header and remark. */
export function noteCellText(reviewer: Reviewer, comment: string): string {
  return `${commentHeader(reviewer)} ${comment.trim()}`;
}

// Either language's header, an en dash or a hyphen: "[Thẩm định – body] name: rest".
const HEADER = /^\s*\[\s*(?:Thẩm định|Tham dinh|Appraisal)\s*[–—-]\s*([^\]]*?)\s*\]\s*([^:\n]*?)\s*:\s?/iu;

/** The reviewer named by a remark's header, and the text after it. */
export function parseCommentHeader(text: string): { reviewer?: Reviewer; body: string } {
  const m = HEADER.exec(text.normalize('NFC'));
  if (!m) return { body: text.trim() };
  return { reviewer: { body: m[1], name: m[2] }, body: text.normalize('NFC').slice(m[0].length).trim() };
}

/** A thread message from what a host read: the header parsed out. */
export function threadMessage(author: string, text: string, created?: string): ThreadMessage {
  const { reviewer, body } = parseCommentHeader(text);
  return { author, text, body, ...(reviewer ? { reviewer } : {}), ...(created ? { created } : {}) };
}

/**
 * A note holds every remark in one text (notes have no replies): the add-in appends each remark after
 * a blank line. Split it back at each header; text before the first header is one message.
 */
export function splitNote(author: string, text: string): ThreadMessage[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const chunks: string[][] = [];
  for (const line of lines) {
    if (HEADER.test(line) || !chunks.length) chunks.push([line]);
    else chunks[chunks.length - 1].push(line);
  }
  return chunks
    .map((c) => c.join('\n').trim())
    .filter(Boolean)
    .map((chunk) => threadMessage(author, chunk));
}

/** The text of a note after appending a remark. */
export function appendToNote(existing: string | undefined, text: string): string {
  const old = (existing ?? '').trim();
  return old ? `${old}\n\n${text}` : text;
}
