/**
 * Threaded comments, notes, worksheet protection state and the selection, for the recording double
 * (test/excel/double.ts), which does not model them. Layered on top without changing the double:
 * `new CommentsDouble(double).run` wraps the double's Excel.run so that `workbook.comments`,
 * `workbook.getSelectedRange()`, `worksheet.comments`, `worksheet.notes` and
 * `worksheet.protection.load/unprotect` exist, with the double's rules: queued like Office.js (errors
 * surface at the sync, the rest of the batch is not applied, loaded values readable only after the
 * sync), requirement sets enforced (comments 1.10, resolved 1.11, notes 1.18), anything not modelled
 * throws, and every change recorded in the double's write log.
 *
 * Behaviour chosen where Microsoft does not document it (see docs/appraisal.md):
 * - a cell holds one thread or one note; adding a second one fails (InvalidArgument), as users report
 *   for comments (office-js #1416);
 * - `protectedRefuses` (default true): adding or editing a comment or note on a protected sheet fails
 *   (AccessDenied), as Excel's UI refuses it without "Edit objects";
 * - `commentsBroken`: comments answer NotImplemented (desktop builds of office-js #1847).
 */
import { a1, parseA1Area, type ExcelDouble, type SheetState } from './double';

export interface ReplyState {
  id: string;
  content: string;
  authorName: string;
  creationDate: Date;
}

export interface CommentState {
  id: string;
  sheetId: string;
  row: number;
  col: number;
  content: string;
  authorName: string;
  creationDate: Date;
  resolved: boolean;
  replies: ReplyState[];
}

export interface NoteState {
  sheetId: string;
  row: number;
  col: number;
  content: string;
  authorName: string;
}

export interface CommentsOptions {
  commentsBroken?: boolean;
  protectedRefuses?: boolean;
  /** The signed-in user Excel attributes new comments to. */
  user?: string;
}

class ModelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
  }
}

// The double's request context, as far as this layer uses it.
interface Ctx {
  _double: ExcelDouble;
  _errors: Error[];
  _pending: number;
  _loads: (() => void)[];
  _require(version: string, what: string): void;
  workbook: unknown;
}

const PROBES = new Set([
  'then',
  'toJSON',
  'constructor',
  'asymmetricMatch',
  '$$typeof',
  'nodeType',
  'tagName',
  'inspect',
  'nodeName',
  'length',
  'toString',
  'valueOf',
]);

function strict<T extends object>(target: T, label: string): T {
  return new Proxy(target, {
    get(t, p, r) {
      if (typeof p === 'symbol' || p in t) return Reflect.get(t, p, r);
      if (PROBES.has(p)) return undefined;
      throw new TypeError(`CommentsDouble: ${label}.${p} is not modelled`);
    },
    set(t, p, v, r) {
      if (typeof p === 'symbol' || p in t) return Reflect.set(t, p, v, r);
      throw new TypeError(`CommentsDouble: cannot set ${label}.${String(p)} (not modelled)`);
    },
  });
}

/** Queue one command like the double: applied in order unless an earlier one failed; a failure surfaces at the sync. */
function op(ctx: Ctx, fn: () => void): void {
  ctx._pending++;
  if (ctx._errors.length) return;
  try {
    fn();
  } catch (e) {
    if (e instanceof Error && e.name === 'RichApi.Error') ctx._errors.push(e);
    else throw e;
  }
}

/** A loadable object: load(props) snapshots at queue time, readable after the sync. */
function loadable(
  ctx: Ctx,
  label: string,
  snapshot: (prop: string) => unknown,
  allowed: string[],
  isNull = false,
) {
  const loaded: Record<string, unknown> = {};
  let synced = false;
  return {
    load(props: string) {
      const list = props
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      if (!list.length) throw new TypeError(`CommentsDouble: ${label}.load() without property names`);
      for (const p of list)
        if (!allowed.includes(p)) throw new TypeError(`CommentsDouble: ${label}.load(${p}) is not modelled`);
      op(ctx, () => {
        const snap: Record<string, unknown> = {};
        if (!isNull) for (const p of list) snap[p] = snapshot(p);
        ctx._loads.push(() => {
          Object.assign(loaded, snap);
          synced = true;
        });
      });
      ctx._loads.push(() => (synced = true));
    },
    get(prop: string): unknown {
      if (isNull) throw new ModelError('InvalidOperation', `${label}.${prop} read on a null object`);
      if (!(prop in loaded))
        throw new ModelError('PropertyNotLoaded', `${label}.${prop} was not loaded (load it and sync first)`);
      return loaded[prop];
    },
    get isNullObject() {
      if (!synced) throw new ModelError('PropertyNotLoaded', `${label}.isNullObject before sync`);
      return isNull;
    },
  };
}

const quote = (sheet: string) =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;

export class CommentsDouble {
  comments: CommentState[] = [];
  notes: NoteState[] = [];
  private seq = 0;

  constructor(
    readonly double: ExcelDouble,
    readonly options: CommentsOptions = {},
  ) {}

  /** Excel.run with comments and notes: pass to ExcelHost instead of double.run. */
  readonly run = ((...args: unknown[]) => {
    const batch = args[args.length - 1] as (ctx: unknown) => Promise<unknown>;
    const given = args.slice(0, -1);
    return (this.double.run as (...a: unknown[]) => Promise<unknown>)(...given, (ctx: unknown) =>
      batch(this.wrapContext(ctx as Ctx)),
    );
  }) as <T>(...args: unknown[]) => Promise<T>;

  // --- what tests read and seed ----------------------------------------------------------------------

  private sheetState(name: string): SheetState {
    return this.double.sheet(name);
  }
  private at(sheet: string, address: string) {
    const s = this.sheetState(sheet);
    const area = parseA1Area(address)!;
    return { sheetId: s.id, row: area.row, col: area.col };
  }
  commentAt(sheet: string, address: string): CommentState | undefined {
    const p = this.at(sheet, address);
    return this.comments.find((c) => c.sheetId === p.sheetId && c.row === p.row && c.col === p.col);
  }
  noteAt(sheet: string, address: string): NoteState | undefined {
    const p = this.at(sheet, address);
    return this.notes.find((n) => n.sheetId === p.sheetId && n.row === p.row && n.col === p.col);
  }
  /** Someone (the unit, another reviewer) comments in Excel's own UI. */
  seedComment(sheet: string, address: string, content: string, authorName = 'Đơn vị'): CommentState {
    const c: CommentState = {
      id: `{comment-${++this.seq}}`,
      ...this.at(sheet, address),
      content,
      authorName,
      creationDate: new Date(Date.UTC(2019, 9, 1)),
      resolved: false,
      replies: [],
    };
    this.comments.push(c);
    return c;
  }
  seedReply(comment: CommentState, content: string, authorName: string): void {
    comment.replies.push({
      id: `{reply-${++this.seq}}`,
      content,
      authorName,
      creationDate: new Date(Date.UTC(2019, 9, 2)),
    });
  }
  seedNote(sheet: string, address: string, content: string, authorName = 'Đơn vị'): NoteState {
    const n: NoteState = { ...this.at(sheet, address), content, authorName };
    this.notes.push(n);
    return n;
  }

  // --- the layer ---------------------------------------------------------------------------------------

  private readonly wrapped = new WeakSet<object>();

  private wrapContext(ctx: Ctx): Ctx {
    if (this.wrapped.has(ctx)) return ctx;
    const workbook = this.wrapWorkbook(ctx);
    const proxy = new Proxy(ctx, {
      get: (t, p) => {
        if (p === 'workbook') return workbook;
        const v = Reflect.get(t, p);
        return typeof v === 'function' ? v.bind(t) : v;
      },
      set: (t, p, v) => Reflect.set(t, p, v),
    });
    this.wrapped.add(proxy);
    return proxy;
  }

  private wrapWorkbook(ctx: Ctx) {
    const wb = ctx.workbook as Record<string, unknown>;
    const self = this;
    return new Proxy(wb, {
      get(t, p) {
        if (p === 'comments') {
          ctx._require('1.10', 'Workbook.comments');
          return self.commentCollection(ctx, null);
        }
        if (p === 'getSelectedRange') return () => self.selectedRange(ctx);
        if (p === 'worksheets') return self.wrapWorksheets(ctx, Reflect.get(t, p) as Record<string, unknown>);
        const v = Reflect.get(t, p);
        return typeof v === 'function' ? v.bind(t) : v;
      },
      set: (t, p, v) => Reflect.set(t, p, v),
    });
  }

  private wrapWorksheets(ctx: Ctx, ws: Record<string, unknown>) {
    const self = this;
    return new Proxy(ws, {
      get(t, p) {
        const v = Reflect.get(t, p);
        if (
          typeof p === 'string' &&
          ['getItem', 'getItemOrNullObject', 'getActiveWorksheet', 'add'].includes(p)
        )
          return (...args: unknown[]) =>
            self.wrapSheet(ctx, (v as (...a: unknown[]) => Record<string, unknown>).apply(t, args));
        return typeof v === 'function' ? v.bind(t) : v;
      },
    });
  }

  private wrapSheet(ctx: Ctx, sheet: Record<string, unknown>) {
    const self = this;
    // The sheet's state, when a command runs (a missing or null sheet fails that command).
    const state = (): SheetState => {
      if ((sheet as { _null?: boolean })._null)
        throw new ModelError('InvalidOperation', 'call on a null worksheet');
      const s = (sheet as unknown as { _state: () => SheetState })._state();
      if (s.deleted) throw new ModelError('ItemNotFound', `worksheet ${s.name} was deleted`);
      return s;
    };
    return new Proxy(sheet, {
      get(t, p) {
        if (p === 'comments') {
          ctx._require('1.10', 'Worksheet.comments');
          return self.commentCollection(ctx, state);
        }
        if (p === 'notes') {
          ctx._require('1.18', 'Worksheet.notes');
          return self.noteCollection(ctx, state);
        }
        if (p === 'protection')
          return self.protection(
            ctx,
            state,
            () => Reflect.get(t, 'protection') as { protect(o?: unknown, pw?: string): void },
          );
        const v = Reflect.get(t, p);
        return typeof v === 'function' ? v.bind(t) : v;
      },
      set: (t, p, v) => Reflect.set(t, p, v),
    });
  }

  private protection(
    ctx: Ctx,
    state: () => SheetState,
    original: () => { protect(o?: unknown, pw?: string): void },
  ) {
    const d = this.double;
    const l = loadable(
      ctx,
      'WorksheetProtection',
      (p) =>
        p === 'protected' ? state().protection.protected : structuredClone(state().protection.options ?? {}),
      ['protected', 'options'],
    );
    const protection = strict(
      {
        load: (props: string) => {
          l.load(props);
          return protection;
        },
        get protected() {
          return l.get('protected');
        },
        get options() {
          return l.get('options');
        },
        protect: (options?: unknown, password?: string) => original().protect(options, password),
        unprotect: (password?: string) =>
          op(ctx, () => {
            const s = state();
            if (!s.protection.protected) return; // nothing to do, as in Excel
            if (s.protection.password !== undefined && s.protection.password !== password)
              throw new ModelError('InvalidPassword', `sheet ${s.name} is protected with a password`);
            s.protection = { protected: false };
            d._record(s.name, '', 'protection.unprotect', true);
          }),
      },
      'WorksheetProtection',
    );
    return protection;
  }

  /** Resolve a cell argument (a one-cell Range of the double, or "Sheet!A1") to its sheet and position. */
  private cellOf(
    cell: unknown,
    sheet: (() => SheetState) | null,
  ): { s: SheetState; row: number; col: number } {
    if (typeof cell === 'string') {
      const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(cell);
      const s = m ? this.double._findSheet((m[1] ?? m[2]).replace(/''/g, "'")) : sheet?.();
      const area = parseA1Area(m ? m[3] : cell);
      if (!s || !area) throw new ModelError('InvalidArgument', `cell address ${cell}`);
      if (area.rows !== 1 || area.cols !== 1)
        throw new ModelError('InvalidArgument', `${cell} is more than one cell`);
      return { s, row: area.row, col: area.col };
    }
    const r = cell as {
      _sheetOf?: () => SheetState;
      _area?: () => { row: number; col: number; rows: number; cols: number };
    };
    if (!r || typeof r._sheetOf !== 'function' || typeof r._area !== 'function')
      throw new TypeError('CommentsDouble: a cell is a Range or an address');
    const area = r._area();
    if (area.rows !== 1 || area.cols !== 1)
      throw new ModelError('InvalidArgument', 'the range must be one cell');
    return { s: r._sheetOf(), row: area.row, col: area.col };
  }

  private refuseOnProtected(s: SheetState, what: string): void {
    if ((this.options.protectedRefuses ?? true) && s.protection.protected)
      throw new ModelError('AccessDenied', `${what} on protected sheet ${s.name}`);
  }

  private commentCollection(ctx: Ctx, sheet: (() => SheetState) | null) {
    const self = this;
    const d = this.double;
    let items: unknown[] | undefined;
    const label = sheet ? 'Worksheet.comments' : 'Workbook.comments';
    return strict(
      {
        add(cell: unknown, content: string) {
          let created: CommentState | undefined;
          op(ctx, () => {
            if (self.options.commentsBroken)
              throw new ModelError('NotImplemented', 'This operation is not implemented.');
            if (typeof content !== 'string') throw new TypeError('CommentsDouble: plain-text comments only');
            const { s, row, col } = self.cellOf(cell, sheet);
            self.refuseOnProtected(s, 'comments.add');
            if (self.comments.some((c) => c.sheetId === s.id && c.row === row && c.col === col))
              throw new ModelError('InvalidArgument', `cell ${a1(row, col)} already has a comment`);
            if (self.notes.some((n) => n.sheetId === s.id && n.row === row && n.col === col))
              throw new ModelError('InvalidArgument', `cell ${a1(row, col)} has a note`);
            created = {
              id: `{comment-${++self.seq}}`,
              sheetId: s.id,
              row,
              col,
              content,
              authorName: self.options.user ?? 'Người dùng Excel',
              creationDate: new Date(Date.UTC(2019, 9, 20)),
              resolved: false,
              replies: [],
            };
            self.comments.push(created);
            d._record(s.name, a1(row, col), 'comments.add', content);
          });
          return self.commentProxy(ctx, () => {
            if (!created) throw new ModelError('InvalidOperation', 'use of a comment whose add() failed');
            return created;
          });
        },
        getItemByCell(cell: unknown) {
          return self.commentProxy(ctx, () => {
            if (self.options.commentsBroken)
              throw new ModelError('NotImplemented', 'This operation is not implemented.');
            const { s, row, col } = self.cellOf(cell, sheet);
            const found = self.comments.find((c) => c.sheetId === s.id && c.row === row && c.col === col);
            if (!found) throw new ModelError('ItemNotFound', `no comment in ${s.name}!${a1(row, col)}`);
            return found;
          });
        },
        load(props: string) {
          const list = props.split(',').map((p) => p.trim());
          for (const p of list)
            if (!/^items\/(id|content|authorName|authorEmail|creationDate|resolved)$/.test(p))
              throw new TypeError(`CommentsDouble: ${label}.load(${p}) is not modelled`);
          if (list.includes('items/resolved')) ctx._require('1.11', 'Comment.resolved');
          op(ctx, () => {
            if (self.options.commentsBroken)
              throw new ModelError('NotImplemented', 'This operation is not implemented.');
            const s = sheet?.();
            const states = self.comments.filter((c) => !s || c.sheetId === s.id);
            const snaps = states.map((c) => {
              const proxy = self.commentProxy(ctx, () => c);
              proxy._preload(list.map((p) => p.slice(6)));
              return proxy;
            });
            ctx._loads.push(() => (items = snaps));
          });
          return this;
        },
        get items() {
          if (!items) throw new ModelError('PropertyNotLoaded', `${label}.items was not loaded`);
          return items;
        },
      },
      label,
    );
  }

  private commentProxy(ctx: Ctx, resolve: () => CommentState) {
    const self = this;
    const d = this.double;
    const snapshot = (p: string) => {
      const c = resolve();
      if (p === 'creationDate') return new Date(c.creationDate);
      return (c as unknown as Record<string, unknown>)[p];
    };
    const l = loadable(ctx, 'Comment', snapshot, [
      'id',
      'content',
      'authorName',
      'authorEmail',
      'creationDate',
      'resolved',
    ]);
    const preloaded: Record<string, unknown> = {};
    const get = (p: string) => (p in preloaded ? preloaded[p] : l.get(p));
    const sheetName = (c: CommentState) => d._sheets.find((s) => s.id === c.sheetId)!.name;
    let replyItems: unknown[] | undefined;
    const target = {
      /** (the collection's load snapshots its items at once) */
      _preload(props: string[]) {
        const c = resolve();
        for (const p of props)
          preloaded[p] =
            p === 'creationDate' ? new Date(c.creationDate) : (c as unknown as Record<string, unknown>)[p];
      },
      load(props: string) {
        if (props.split(',').some((p) => p.trim() === 'resolved')) ctx._require('1.11', 'Comment.resolved');
        l.load(props);
        return proxy;
      },
      get id() {
        return get('id');
      },
      get content() {
        return get('content');
      },
      get authorName() {
        return get('authorName');
      },
      get creationDate() {
        return get('creationDate');
      },
      get resolved() {
        ctx._require('1.11', 'Comment.resolved');
        return get('resolved') as boolean;
      },
      set resolved(v: boolean) {
        ctx._require('1.11', 'Comment.resolved');
        op(ctx, () => {
          const c = resolve();
          c.resolved = v;
          d._record(sheetName(c), a1(c.row, c.col), 'comment.resolved', v);
        });
      },
      replies: strict(
        {
          add(content: string) {
            op(ctx, () => {
              const c = resolve();
              const s = d._sheets.find((x) => x.id === c.sheetId)!;
              self.refuseOnProtected(s, 'replies.add');
              c.replies.push({
                id: `{reply-${++self.seq}}`,
                content,
                authorName: self.options.user ?? 'Người dùng Excel',
                creationDate: new Date(Date.UTC(2019, 9, 21)),
              });
              d._record(s.name, a1(c.row, c.col), 'comment.replies.add', content);
            });
          },
          load(props: string) {
            const list = props.split(',').map((p) => p.trim());
            for (const p of list)
              if (!/^items\/(id|content|authorName|creationDate)$/.test(p))
                throw new TypeError(`CommentsDouble: CommentReplyCollection.load(${p}) is not modelled`);
            op(ctx, () => {
              const c = resolve();
              const snaps = c.replies.map((r) =>
                strict(
                  {
                    id: r.id,
                    content: r.content,
                    authorName: r.authorName,
                    creationDate: new Date(r.creationDate),
                  },
                  'CommentReply',
                ),
              );
              ctx._loads.push(() => (replyItems = snaps));
            });
            return this;
          },
          get items() {
            if (!replyItems)
              throw new ModelError('PropertyNotLoaded', 'CommentReplyCollection.items was not loaded');
            return replyItems;
          },
        },
        'CommentReplyCollection',
      ),
      getLocation() {
        const loc = loadable(
          ctx,
          'Range',
          () => {
            const c = resolve();
            return `${quote(sheetName(c))}!${a1(c.row, c.col)}`;
          },
          ['address'],
        );
        return strict(
          {
            load(props: string) {
              loc.load(props);
              return this;
            },
            get address() {
              return loc.get('address');
            },
          },
          'Range(comment location)',
        );
      },
    };
    const proxy = strict(target, 'Comment');
    return proxy;
  }

  private noteCollection(ctx: Ctx, sheet: () => SheetState) {
    const self = this;
    const d = this.double;
    let items: unknown[] | undefined;
    const find = (s: SheetState, key: string) => {
      const area = parseA1Area(key.replace(/^.*!/, ''));
      return area
        ? self.notes.find((n) => n.sheetId === s.id && n.row === area.row && n.col === area.col)
        : undefined;
    };
    return strict(
      {
        add(cell: unknown, content: string) {
          op(ctx, () => {
            const { s, row, col } = self.cellOf(cell, sheet);
            self.refuseOnProtected(s, 'notes.add');
            if (self.notes.some((n) => n.sheetId === s.id && n.row === row && n.col === col))
              throw new ModelError('InvalidArgument', `cell ${a1(row, col)} already has a note`);
            if (self.comments.some((c) => c.sheetId === s.id && c.row === row && c.col === col))
              throw new ModelError('InvalidArgument', `cell ${a1(row, col)} has a comment`);
            self.notes.push({
              sheetId: s.id,
              row,
              col,
              content,
              authorName: self.options.user ?? 'Người dùng Excel',
            });
            d._record(s.name, a1(row, col), 'notes.add', content);
          });
        },
        getItem(key: string) {
          return self.noteProxy(ctx, () => {
            const s = sheet();
            const n = find(s, key);
            if (!n) throw new ModelError('ItemNotFound', `no note in ${s.name}!${key}`);
            return n;
          });
        },
        getItemOrNullObject(key: string) {
          let found: NoteState | undefined;
          try {
            found = find(sheet(), key);
          } catch {
            found = undefined;
          }
          return self.noteProxy(ctx, () => found!, !found);
        },
        load(props: string) {
          const list = props.split(',').map((p) => p.trim());
          for (const p of list)
            if (!/^items\/(content|authorName)$/.test(p))
              throw new TypeError(`CommentsDouble: NoteCollection.load(${p}) is not modelled`);
          op(ctx, () => {
            const s = sheet();
            const snaps = self.notes
              .filter((n) => n.sheetId === s.id)
              .map((n) => self.noteProxy(ctx, () => n, false, true));
            ctx._loads.push(() => (items = snaps));
          });
          return this;
        },
        get items() {
          if (!items) throw new ModelError('PropertyNotLoaded', 'NoteCollection.items was not loaded');
          return items;
        },
      },
      'NoteCollection',
    );
  }

  private noteProxy(ctx: Ctx, resolve: () => NoteState, isNull = false, preload = false) {
    const self = this;
    const d = this.double;
    const l = loadable(
      ctx,
      'Note',
      (p) => (resolve() as unknown as Record<string, unknown>)[p],
      ['content', 'authorName'],
      isNull,
    );
    const pre = preload ? { content: resolve().content, authorName: resolve().authorName } : undefined;
    const get = (p: 'content' | 'authorName') => (pre ? pre[p] : l.get(p));
    return strict(
      {
        load(props: string) {
          l.load(props);
          return this;
        },
        get isNullObject() {
          return l.isNullObject;
        },
        get content() {
          return get('content') as string;
        },
        set content(v: string) {
          op(ctx, () => {
            if (isNull) throw new ModelError('InvalidOperation', 'Note.content set on a null object');
            const n = resolve();
            const s = d._sheets.find((x) => x.id === n.sheetId)!;
            self.refuseOnProtected(s, 'Note.content');
            n.content = v;
            d._record(s.name, a1(n.row, n.col), 'note.content', v);
          });
        },
        get authorName() {
          return get('authorName');
        },
        getLocation() {
          const loc = loadable(
            ctx,
            'Range',
            () => {
              const n = resolve();
              return `${quote(d._sheets.find((s) => s.id === n.sheetId)!.name)}!${a1(n.row, n.col)}`;
            },
            ['address'],
          );
          return strict(
            {
              load(props: string) {
                loc.load(props);
                return this;
              },
              get address() {
                return loc.get('address');
              },
            },
            'Range(note location)',
          );
        },
      },
      'Note',
    );
  }

  private selectedRange(ctx: Ctx) {
    const d = this.double;
    const l = loadable(
      ctx,
      'Range(selection)',
      () => {
        const sel = d.selection ?? { sheet: d.activeSheet().name, address: 'A1' };
        return `${quote(sel.sheet)}!${sel.address}`;
      },
      ['address'],
    );
    return strict(
      {
        load(props: string) {
          l.load(props);
          return this;
        },
        get address() {
          return l.get('address');
        },
      },
      'Range(selection)',
    );
  }
}
