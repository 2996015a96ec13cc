/**
 * Comments of a submitted workbook: Excel's threaded comments (xl/threadedComments/*.xml, with their
 * authors in xl/persons/person.xml, replies and the resolved flag `done`) and legacy notes
 * (xl/comments*.xml, what LibreOffice, ExcelJS and older Excel write), each found through the sheet's
 * relationships. Excel also writes a legacy placeholder ("[Threaded comment] Your version of Excel…",
 * author "tc={id}") for every thread, for older readers; it is dropped where the thread itself is read.
 * Bounded like the rest of the reader (zip.ts) and never throws: an unreadable part reads as no comments.
 */
import type { Annex } from '../core/rulebook/schema';
import { annexNames } from '../form/names';
import { inflateEntry, listZip, type ZipEntry } from './zip';
import { attributes, decodeText, elements, richText } from './xml';

export interface CellCommentMessage {
  author: string;
  /** ISO date of a threaded comment or reply (notes carry none). */
  created?: string;
  text: string;
}

export interface CellComment extends CellCommentMessage {
  /** "F12" */
  cell: string;
  kind: 'threaded' | 'note';
  /** Threads only: Excel's "Resolve thread". */
  resolved?: boolean;
  /** Threads only, in order. */
  replies: CellCommentMessage[];
}

/** A comment on a form sheet, with the defined name and criterion of its cell when it is one of the form's. */
export interface FormComment extends CellComment {
  name?: string;
  criterionId?: string;
}

const utf8 = new TextDecoder('utf-8');

interface Rel {
  type: string;
  target: string;
  id: string;
}

function relsOf(xml: string | undefined): Rel[] {
  if (!xml) return [];
  return [...elements(xml, 'Relationship')].map((r) => {
    const a = attributes(r.attrs);
    return { id: a.Id ?? '', type: a.Type ?? '', target: a.Target ?? '' };
  });
}

function resolvePath(baseDir: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = baseDir.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const relsPathOf = (path: string) =>
  `${dirOf(path) ? `${dirOf(path)}/` : ''}_rels/${path.slice(path.lastIndexOf('/') + 1)}.rels`;

class Parts {
  private readonly byLower = new Map<string, ZipEntry>();
  constructor(
    private readonly bytes: Uint8Array,
    entries: Map<string, ZipEntry>,
  ) {
    for (const [name, e] of entries) this.byLower.set(name.toLowerCase(), e);
  }
  text(path: string): string | undefined {
    const e = this.byLower.get(path.toLowerCase());
    return e && utf8.decode(inflateEntry(this.bytes, e));
  }
}

/** The <text> of a threaded comment: plain text with entities. */
function threadedText(inner: string): string {
  const t = elements(inner, 'text').next();
  return t.done ? '' : decodeText(t.value.inner);
}

function legacyNotes(xml: string): { cell: string; author: string; text: string }[] {
  const authorsBlock = elements(xml, 'authors').next();
  const authors = authorsBlock.done
    ? []
    : [...elements(authorsBlock.value.inner, 'author')].map((a) => decodeText(a.inner));
  const out: { cell: string; author: string; text: string }[] = [];
  for (const c of elements(xml, 'comment')) {
    const a = attributes(c.attrs);
    if (!a.ref) continue;
    const text = elements(c.inner, 'text').next();
    out.push({
      cell: a.ref.split(':')[0].replace(/\$/g, '').toUpperCase(),
      author: (authors[Number(a.authorId)] ?? '').trim(),
      text: text.done ? '' : richText(text.value.inner),
    });
  }
  return out;
}

function threaded(xml: string, persons: Map<string, string>): CellComment[] {
  const roots = new Map<string, CellComment>();
  const replies: { parent: string; message: CellCommentMessage }[] = [];
  for (const c of elements(xml, 'threadedComment')) {
    const a = attributes(c.attrs);
    if (!a.ref) continue;
    const message: CellCommentMessage = {
      author: persons.get(a.personId ?? '') ?? '',
      text: threadedText(c.inner),
      ...(a.dT ? { created: a.dT } : {}),
    };
    if (a.parentId) replies.push({ parent: a.parentId, message });
    else
      roots.set(a.id ?? `${roots.size}`, {
        ...message,
        cell: a.ref.split(':')[0].replace(/\$/g, '').toUpperCase(),
        kind: 'threaded',
        resolved: a.done === '1' || a.done === 'true',
        replies: [],
      });
  }
  for (const r of replies) roots.get(r.parent)?.replies.push(r.message);
  return [...roots.values()];
}

const isCommentRel = (r: Rel) => /\/(threadedComment|comments)$/.test(r.type);

/**
 * Whether any relationships part of the archive could lead to comments. Most forms have none, and
 * saying so from the few small .rels parts spares inflating and decoding the workbook part again. A
 * .rels part that cannot be read says "maybe": the full reading below decides, as it always did.
 */
function mayHaveComments(entries: Map<string, ZipEntry>, bytes: Uint8Array): boolean {
  for (const [name, entry] of entries) {
    if (!name.toLowerCase().endsWith('.rels')) continue;
    try {
      if (relsOf(utf8.decode(inflateEntry(bytes, entry))).some(isCommentRel)) return true;
    } catch {
      return true;
    }
  }
  return false;
}

/** Every threaded comment and note on sheet `sheetName` of the workbook in `bytes`, threads first. */
export function readComments(bytes: Uint8Array, sheetName: string): CellComment[] {
  try {
    const entries = listZip(bytes);
    if (!mayHaveComments(entries, bytes)) return [];
    const parts = new Parts(bytes, entries);
    const officeDoc = relsOf(parts.text('_rels/.rels')).find((r) => /\/officeDocument$/.test(r.type));
    const workbookPath = officeDoc ? resolvePath('', officeDoc.target) : 'xl/workbook.xml';
    const workbook = parts.text(workbookPath);
    if (!workbook) return [];
    const wbRels = relsOf(parts.text(relsPathOf(workbookPath)));
    // Only the <sheets> block is scanned (as read.ts does: a hostile workbook part can be long).
    const open = /<(\w+:)?sheets\b/.exec(workbook);
    const close = open ? workbook.indexOf(`</${open[1] ?? ''}sheets>`, open.index) : -1;
    const sheetsXml = open && close >= 0 ? workbook.slice(open.index, close) : '';
    const sheet = [...elements(sheetsXml, 'sheet')]
      .map((s) => attributes(s.attrs))
      .find(
        (a) => (a.name ?? '').normalize('NFC').toLowerCase() === sheetName.normalize('NFC').toLowerCase(),
      );
    const rel = sheet && wbRels.find((r) => r.id === (sheet['r:id'] ?? sheet.id));
    if (!rel) return [];
    const sheetPath = resolvePath(dirOf(workbookPath), rel.target);
    const sheetRels = relsOf(parts.text(relsPathOf(sheetPath)));

    const persons = new Map<string, string>();
    for (const p of wbRels.filter((r) => /\/person$/.test(r.type))) {
      const xml = parts.text(resolvePath(dirOf(workbookPath), p.target));
      if (xml)
        for (const person of elements(xml, 'person')) {
          const a = attributes(person.attrs);
          if (a.id) persons.set(a.id, a.displayName ?? '');
        }
    }

    const threads = sheetRels
      .filter((r) => /\/threadedComment$/.test(r.type))
      .flatMap((r) => {
        const xml = parts.text(resolvePath(dirOf(sheetPath), r.target));
        return xml ? threaded(xml, persons) : [];
      });
    const threadCells = new Set(threads.map((t) => t.cell));
    const notes: CellComment[] = sheetRels
      .filter((r) => /\/comments$/.test(r.type))
      .flatMap((r) => {
        const xml = parts.text(resolvePath(dirOf(sheetPath), r.target));
        return xml ? legacyNotes(xml) : [];
      })
      // Excel's placeholder for a thread, for readers without threads
      .filter(
        (n) =>
          !(
            threadCells.has(n.cell) &&
            (n.author.startsWith('tc=') || n.text.startsWith('[Threaded comment]'))
          ),
      )
      .map((n) => ({ ...n, kind: 'note' as const, replies: [] }));
    return [...threads, ...notes];
  } catch {
    return [];
  }
}

/** The comments of a form sheet, each with the defined name and criterion of its cell (addresses from the reader). */
export function formComments(
  comments: CellComment[],
  annex: Annex,
  addresses: Record<string, string>,
): FormComment[] {
  if (!comments.length) return [];
  const byCell = new Map<string, { name: string; criterionId?: string }>();
  for (const n of annexNames(annex)) {
    const address = addresses[n.name]?.replace(/\$/g, '').toUpperCase();
    if (address && !byCell.has(address))
      byCell.set(address, { name: n.name, ...(n.criterionId ? { criterionId: n.criterionId } : {}) });
  }
  return comments.map((c) => ({ ...c, ...(byCell.get(c.cell) ?? {}) }));
}
