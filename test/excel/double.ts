/**
 * A recording double of the parts of the Excel JavaScript API the Office.js host uses.
 *
 * - `run(batch)` / `run(context, batch)` like Excel.run; `requirements.isSetSupported` like
 *   Office.context.requirements, answering from `apiVersion`.
 * - Batches like Office.js: writes and loads are queued, `context.sync()` is counted; a loaded property
 *   can be read only after a sync (else it throws, like PropertyNotLoaded); an invalid call fails the
 *   whole sync and the rest of the batch is not applied; run() syncs what is still queued at the end.
 * - Records every write: { batch (the number of the sync that sends it), sheet, address, property, value }.
 * - Keeps a cell store: values, formulas, number formats, formats, merges, validations, conditional
 *   formats, names (workbook and sheet scope), protection, page layout, custom XML parts. Strings
 *   written to values/formulas are parsed as Excel parses typed text ("=…" formula, "1.1" number,
 *   "'x" quote-prefixed text, text format '@' keeps text), so a test sees what Excel would store.
 * - Honest: a property or method the double does not model throws, an API above `apiVersion` throws,
 *   a locked cell of a protected sheet refuses writes, names and sheet names are validated, and a call
 *   on a null object (getItemOrNullObject of a missing item) throws unless nullObjects: 'propagate'.
 * - Events: tests fire onChanged / onSelectionChanged / onActivated; handlers count only after a sync.
 *
 * Formulas are not calculated: a formula cell reads as `evaluate(formula)` (default '#FORMULA').
 */

// ---------------------------------------------------------------------------------------------------
// Addresses (independent of src/ so a shared bug cannot hide itself)

export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const colName = (c: number): string =>
  c < 26 ? String.fromCharCode(65 + c) : colName(Math.floor(c / 26) - 1) + String.fromCharCode(65 + (c % 26));
const colIndex = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
export const a1 = (row: number, col: number) => `${colName(col)}${row + 1}`;
export const areaA1 = (a: Area) =>
  a.rows === 1 && a.cols === 1
    ? a1(a.row, a.col)
    : `${a1(a.row, a.col)}:${a1(a.row + a.rows - 1, a.col + a.cols - 1)}`;

export function parseA1Area(text: string): Area | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(text.trim());
  if (!m) return null;
  const r1 = Number(m[2]) - 1;
  const c1 = colIndex(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? colIndex(m[3]) : c1;
  return {
    row: Math.min(r1, r2),
    col: Math.min(c1, c2),
    rows: Math.abs(r2 - r1) + 1,
    cols: Math.abs(c2 - c1) + 1,
  };
}

const quote = (sheet: string) =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
const absA1 = (row: number, col: number) => `$${colName(col)}$${row + 1}`;
const absArea = (a: Area) =>
  a.rows === 1 && a.cols === 1
    ? absA1(a.row, a.col)
    : `${absA1(a.row, a.col)}:${absA1(a.row + a.rows - 1, a.col + a.cols - 1)}`;

/** "='My sheet'!$A$1:$B$2" / "Sheet1!A1" → sheet and area. */
function parseSheetRef(text: string): { sheet: string; area: Area } | null {
  const s = text.replace(/^=/, '');
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(s);
  if (!m) return null;
  const area = parseA1Area(m[3]);
  return area ? { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), area } : null;
}

const cellsOf = (a: Area) => {
  const out: [number, number][] = [];
  for (let r = a.row; r < a.row + a.rows; r++) for (let c = a.col; c < a.col + a.cols; c++) out.push([r, c]);
  return out;
};
const overlaps = (a: Area, b: Area) =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

// ---------------------------------------------------------------------------------------------------
// State

export interface CellState {
  value: unknown;
  formula?: string;
  quotePrefix: boolean;
  numberFormat: string;
  locked: boolean;
  /** 'font.bold', 'fill.color', 'horizontalAlignment', … → value */
  format: Record<string, unknown>;
  /** top/bottom/left/right → "Continuous/Thin/#000000" */
  borders: Record<string, string>;
}

export interface ValidationState {
  rule?: Record<string, unknown>;
  prompt?: { showPrompt?: boolean; title?: string; message?: string };
  errorAlert?: { showAlert?: boolean; style?: string; title?: string; message?: string };
  ignoreBlanks?: boolean;
}

export interface ConditionalFormatState {
  address: string;
  type: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
}

export interface SheetState {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  deleted: boolean;
  cells: Map<string, CellState>;
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  font: Record<string, unknown>;
  merges: Area[];
  validations: Map<string, ValidationState>;
  conditionalFormats: ConditionalFormatState[];
  freezeRows: number;
  pageLayout: Record<string, unknown>;
  charts: ChartState[];
  protection: { protected: boolean; options?: Record<string, unknown>; password?: string };
}

/** A chart added with Worksheet.charts.add, and what was set on it. */
export interface ChartState {
  type: string;
  /** The source range given to add(), sheet-local A1. */
  source: string;
  seriesBy?: string;
  name?: string;
  title?: string;
  legendVisible?: boolean;
  seriesName?: string;
  /** Range set with series.setXAxisValues, sheet-local A1. */
  categories?: string;
  valueMin?: number;
  valueMax?: number;
  valueAxisTitle?: string;
  valueAxisTitleVisible?: boolean;
  reversePlotOrder?: boolean;
  showValue?: boolean;
  position?: { start: string; end?: string };
}

export interface NameState {
  name: string;
  /** null: workbook scope; else the id of the sheet whose names hold it */
  scope: string | null;
  ref: { sheetId: string; area: Area } | { formula: string };
  comment?: string;
}

export interface WriteRecord {
  batch: number;
  sheet: string;
  address: string;
  property: string;
  value: unknown;
}

type LogEntry = ({ kind: 'write' } & WriteRecord) | { kind: 'sync'; batch: number; ok: boolean };

export interface DoubleOptions {
  /** Highest ExcelApi version this Excel supports (default 1.14). */
  apiVersion?: string;
  /** What a call on a null object does: throw at sync (default; the host must not rely on it) or propagate. */
  nullObjects?: 'throw' | 'propagate';
  /** Value a formula cell reads as. */
  evaluate?: (formula: string, sheet: string, row: number, col: number) => unknown;
}

const versionNumber = (v: string) => {
  const [major, minor] = v.split('.').map(Number);
  return major * 1000 + (minor || 0);
};

class DoubleError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
  }
}

/** A call on a null object when null objects propagate: the command does nothing. */
class NullSkip extends Error {}

/** Keys JavaScript itself or jest may probe on any object; answered with undefined rather than a throw. */
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
  '@@__IMMUTABLE_ITERABLE__@@',
  '@@__IMMUTABLE_RECORD__@@',
  'toString',
  'valueOf',
]);

/** Make unknown property reads and writes throw, naming the missing piece of the double. */
function strict<T extends object>(target: T, label: string): T {
  return new Proxy(target, {
    get(t, p, receiver) {
      if (typeof p === 'symbol' || p in t) return Reflect.get(t, p, receiver);
      if (PROBES.has(p)) return undefined;
      throw new TypeError(`ExcelDouble: ${label}.${p} is not modelled`);
    },
    set(t, p, v, receiver) {
      if (typeof p === 'symbol' || p in t) return Reflect.set(t, p, v, receiver);
      throw new TypeError(`ExcelDouble: cannot set ${label}.${String(p)} (not modelled)`);
    },
  });
}

// ---------------------------------------------------------------------------------------------------
// Request context and batching

type Handler = (args: unknown) => Promise<unknown> | unknown;

class Context {
  _errors: DoubleError[] = [];
  _pending = 0;
  _loads: (() => void)[] = [];
  _handlerOps: (() => void)[] = [];
  workbook: WorkbookProxy;
  runtime: RuntimeProxy;
  constructor(readonly _double: ExcelDouble) {
    this.workbook = new WorkbookProxy(this);
    this.runtime = new RuntimeProxy(this);
    return strict(this, 'RequestContext');
  }

  /** Queue one command: applied now (queue order is preserved), unless an earlier command failed. */
  _op(label: string, fn: () => void): void {
    this._pending++;
    if (this._errors.length) return;
    try {
      fn();
    } catch (e) {
      if (e instanceof NullSkip) return;
      if (e instanceof DoubleError)
        this._errors.push(new DoubleError(e.code, `${e.message.replace(/^\w+: /, '')} (at ${label})`));
      else throw e;
    }
  }

  _require(version: string, what: string): void {
    if (versionNumber(version) > versionNumber(this._double.apiVersion))
      throw new TypeError(
        `ExcelDouble: ${what} needs ExcelApi ${version}; this Excel has ${this._double.apiVersion}`,
      );
  }

  async sync(): Promise<void> {
    const d = this._double;
    d.syncs++;
    const errors = this._errors;
    const loads = this._loads;
    const handlerOps = this._handlerOps;
    this._errors = [];
    this._loads = [];
    this._handlerOps = [];
    this._pending = 0;
    d._log.push({ kind: 'sync', batch: d.syncs, ok: errors.length === 0 });
    await Promise.resolve();
    const echoes = d._echoes.splice(0);
    if (errors.length) throw errors[0];
    for (const resolve of loads) resolve();
    for (const op of handlerOps) op();
    // The add-in's own cell writes raise onChanged like a user's (unless it turned events off).
    for (const e of echoes)
      if (d._findSheet(e.sheet))
        await d.fireChanged(e.sheet, { address: e.address, triggerSource: 'ThisLocalAddin' });
  }
}

class RuntimeProxy {
  constructor(private readonly _ctx: Context) {
    return strict(this, 'Runtime');
  }
  set enableEvents(v: boolean) {
    this._ctx._require('1.8', 'Runtime.enableEvents');
    this._ctx._op('runtime.enableEvents', () => {
      this._ctx._double.enableEvents = v;
      this._ctx._double._record('', '', 'runtime.enableEvents', v);
    });
  }
  get enableEvents(): boolean {
    throw new TypeError('ExcelDouble: Runtime.enableEvents is write-only here');
  }
}

/** Base of proxies whose properties are read after load() + sync(). */
class Loadable {
  _loaded: Record<string, unknown> = {};
  _synced = false;
  _null = false;
  constructor(
    readonly _ctx: Context,
    readonly _label: string,
  ) {}
  protected _snapshot(_prop: string): unknown {
    throw new TypeError(`ExcelDouble: ${this._label} cannot load ${_prop}`);
  }
  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? '').split(','))
      .map((p) => p.trim())
      .filter(Boolean);
    if (list.length === 0)
      throw new TypeError(
        `ExcelDouble: ${this._label}.load() without property names loads everything; name what you need`,
      );
    this._ctx._op(`${this._label}.load(${list.join(',')})`, () => {
      const snap: Record<string, unknown> = {};
      if (!this._null) for (const p of list) snap[p] = this._snapshot(p);
      this._ctx._loads.push(() => {
        Object.assign(this._loaded, snap);
        this._synced = true;
      });
    });
    this._ctx._loads.push(() => (this._synced = true));
    return this;
  }
  protected _get(prop: string): unknown {
    if (this._null) throw new DoubleError('InvalidOperation', `${this._label}.${prop} read on a null object`);
    if (!(prop in this._loaded))
      throw new DoubleError(
        'PropertyNotLoaded',
        `${this._label}.${prop} was not loaded (load it and sync first)`,
      );
    return this._loaded[prop];
  }
  get isNullObject(): boolean {
    if (!this._synced) throw new DoubleError('PropertyNotLoaded', `${this._label}.isNullObject before sync`);
    return this._null;
  }
  /** Every method or property write on a null object goes through here. */
  protected _use(what: string): void {
    if (!this._null) return;
    if (this._ctx._double.nullObjects === 'propagate') throw new NullSkip();
    throw new DoubleError(
      'InvalidOperation',
      `${what} on a null object (${this._label}); Office.js may not propagate null objects`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// Workbook, worksheets

class WorkbookProxy {
  worksheets: WorksheetCollectionProxy;
  names: NamedItemCollectionProxy;
  application: ApplicationProxy;
  constructor(private readonly _ctx: Context) {
    this.worksheets = new WorksheetCollectionProxy(_ctx);
    this.names = new NamedItemCollectionProxy(_ctx, null);
    this.application = new ApplicationProxy(_ctx);
    return strict(this, 'Workbook');
  }
  get customXmlParts(): CustomXmlPartCollectionProxy {
    this._ctx._require('1.5', 'Workbook.customXmlParts');
    return new CustomXmlPartCollectionProxy(this._ctx);
  }
}

class ApplicationProxy {
  constructor(private readonly _ctx: Context) {
    return strict(this, 'Application');
  }
  suspendApiCalculationUntilNextSync(): void {
    this._ctx._require('1.6', 'Application.suspendApiCalculationUntilNextSync');
    this._ctx._op('suspendApiCalculationUntilNextSync', () =>
      this._ctx._double._record('', '', 'application.suspendApiCalculationUntilNextSync', true),
    );
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this._ctx._require('1.9', 'Application.suspendScreenUpdatingUntilNextSync');
    this._ctx._op('suspendScreenUpdatingUntilNextSync', () =>
      this._ctx._double._record('', '', 'application.suspendScreenUpdatingUntilNextSync', true),
    );
  }
}

class EventSourceProxy {
  constructor(
    private readonly _ctx: Context,
    private readonly _key: () => string,
    version: string,
    label: string,
  ) {
    _ctx._require(version, label);
    return strict(this, label);
  }
  add(handler: Handler) {
    const d = this._ctx._double;
    const key = this._key();
    this._ctx._pending++;
    this._ctx._handlerOps.push(() => d._addHandler(key, handler));
    const ctx = this._ctx;
    return strict(
      {
        context: ctx,
        remove: () => {
          ctx._pending++;
          ctx._handlerOps.push(() => d._removeHandler(key, handler));
        },
      },
      'EventHandlerResult',
    );
  }
}

class WorksheetCollectionProxy extends Loadable {
  private _items?: WorksheetProxy[];
  constructor(ctx: Context) {
    super(ctx, 'WorksheetCollection');
    return strict(this, 'WorksheetCollection');
  }
  override load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? '').split(','))
      .map((p) => p.trim())
      .filter(Boolean);
    for (const p of list)
      if (!/^items\/(name|visibility|id)$/.test(p))
        throw new TypeError(`ExcelDouble: WorksheetCollection.load(${p}) is not modelled`);
    this._ctx._op('worksheets.load', () => {
      const sheets = this._ctx._double._sheets.filter((s) => !s.deleted);
      this._ctx._loads.push(() => {
        this._items = sheets.map((s) => {
          const w = new WorksheetProxy(this._ctx, () => s);
          for (const p of list)
            w._loaded[p.slice(6)] = p === 'items/name' ? s.name : p === 'items/id' ? s.id : s.visibility;
          w._synced = true;
          return w;
        });
      });
    });
    return this;
  }
  get items(): WorksheetProxy[] {
    if (!this._items) throw new DoubleError('PropertyNotLoaded', 'WorksheetCollection.items was not loaded');
    return this._items;
  }
  add(name?: string): WorksheetProxy {
    let state: SheetState | undefined;
    this._ctx._op(`worksheets.add(${name})`, () => {
      state = this._ctx._double._newSheet(name);
      this._ctx._double._record(state.name, '', 'worksheets.add', state.name);
    });
    return new WorksheetProxy(this._ctx, () => {
      if (!state) throw new DoubleError('InvalidOperation', 'use of a worksheet whose add() failed');
      return state;
    });
  }
  getItem(key: string): WorksheetProxy {
    const d = this._ctx._double;
    const found = d._findSheet(key);
    if (!found)
      this._ctx._op(`worksheets.getItem(${key})`, () => {
        throw new DoubleError('ItemNotFound', `worksheet ${key} does not exist`);
      });
    return new WorksheetProxy(this._ctx, () => {
      if (!found || found.deleted) throw new DoubleError('ItemNotFound', `worksheet ${key} does not exist`);
      return found;
    });
  }
  getItemOrNullObject(key: string): WorksheetProxy {
    const found = this._ctx._double._findSheet(key);
    const w = new WorksheetProxy(this._ctx, () => found!);
    w._null = !found;
    this._ctx._loads.push(() => (w._synced = true));
    return w;
  }
  getActiveWorksheet(): WorksheetProxy {
    const d = this._ctx._double;
    const s =
      d._sheets.find((x) => x.id === d.activeSheetId && !x.deleted) ??
      d._sheets.find((x) => !x.deleted && x.visibility === 'Visible')!;
    return new WorksheetProxy(this._ctx, () => s);
  }
  get onActivated() {
    return new EventSourceProxy(this._ctx, () => 'activated', '1.7', 'WorksheetCollection.onActivated');
  }
}

class WorksheetProxy extends Loadable {
  constructor(
    ctx: Context,
    readonly _state: () => SheetState,
  ) {
    super(ctx, 'Worksheet');
    return strict(this, 'Worksheet');
  }
  protected override _snapshot(prop: string): unknown {
    const s = this._state();
    if (prop === 'name') return s.name;
    if (prop === 'id') return s.id;
    if (prop === 'visibility') return s.visibility;
    return super._snapshot(prop);
  }
  private _sheet(what: string): SheetState {
    this._use(what);
    const s = this._state();
    if (s.deleted) throw new DoubleError('ItemNotFound', `worksheet ${s.name} was deleted`);
    return s;
  }
  get name(): string {
    return this._get('name') as string;
  }
  set name(v: string) {
    this._ctx._op('Worksheet.name', () => {
      const s = this._sheet('Worksheet.name');
      this._ctx._double._checkSheetName(v, s);
      this._ctx._double._record(s.name, '', 'name', v);
      this._ctx._double._retarget(s.name, quote(v));
      s.name = v;
    });
  }
  get id(): string {
    return this._get('id') as string;
  }
  get visibility(): string {
    return this._get('visibility') as string;
  }
  set visibility(v: SheetState['visibility']) {
    this._ctx._op('Worksheet.visibility', () => {
      const s = this._sheet('Worksheet.visibility');
      if (!['Visible', 'Hidden', 'VeryHidden'].includes(v))
        throw new DoubleError('InvalidArgument', `visibility ${v}`);
      if (
        v !== 'Visible' &&
        !this._ctx._double._sheets.some((x) => x !== s && !x.deleted && x.visibility === 'Visible')
      )
        throw new DoubleError('InvalidOperation', 'a workbook must keep one visible sheet');
      s.visibility = v;
      this._ctx._double._record(s.name, '', 'visibility', v);
    });
  }
  get names(): NamedItemCollectionProxy {
    this._ctx._require('1.4', 'Worksheet.names');
    return new NamedItemCollectionProxy(this._ctx, () => this._sheet('Worksheet.names'));
  }
  get protection() {
    const self = this;
    return strict(
      {
        protect(options?: Record<string, unknown>, password?: string) {
          if (password !== undefined) self._ctx._require('1.7', 'WorksheetProtection.protect(password)');
          self._ctx._op('protection.protect', () => {
            const s = self._sheet('protection.protect');
            const allowed = [
              'allowAutoFilter',
              'allowDeleteColumns',
              'allowDeleteRows',
              'allowEditObjects',
              'allowEditScenarios',
              'allowFormatCells',
              'allowFormatColumns',
              'allowFormatRows',
              'allowInsertColumns',
              'allowInsertHyperlinks',
              'allowInsertRows',
              'allowPivotTables',
              'allowSort',
              'selectionMode',
            ];
            for (const k of Object.keys(options ?? {}))
              if (!allowed.includes(k)) throw new DoubleError('InvalidArgument', `protection option ${k}`);
            if (s.protection.protected) throw new DoubleError('InvalidOperation', 'sheet already protected');
            s.protection = { protected: true, options, password };
            self._ctx._double._record(s.name, '', 'protection.protect', options ?? {});
          });
        },
      },
      'WorksheetProtection',
    );
  }
  get charts() {
    const self = this;
    return strict(
      {
        add(type: string, source: unknown, seriesBy?: string) {
          const state: ChartState = { type, source: '', seriesBy };
          self._ctx._op(`charts.add(${type})`, () => {
            const s = self._sheet('charts.add');
            if (!CHART_TYPES.includes(type)) throw new DoubleError('InvalidArgument', `chart type ${type}`);
            if (seriesBy !== undefined && !['Auto', 'Columns', 'Rows'].includes(seriesBy))
              throw new DoubleError('InvalidArgument', `seriesBy ${seriesBy}`);
            state.source = rangeArgument(source, s, 'charts.add');
            s.charts.push(state);
            self._ctx._double._record(s.name, state.source, 'charts.add', type);
          });
          return chartProxy(self._ctx, () => self._sheet('Chart'), state);
        },
      },
      'ChartCollection',
    );
  }
  get freezePanes() {
    this._ctx._require('1.7', 'Worksheet.freezePanes');
    const self = this;
    return strict(
      {
        freezeRows(count: number) {
          self._ctx._op('freezePanes.freezeRows', () => {
            const s = self._sheet('freezePanes.freezeRows');
            s.freezeRows = count;
            self._ctx._double._record(s.name, '', 'freezePanes.freezeRows', count);
          });
        },
      },
      'WorksheetFreezePanes',
    );
  }
  get pageLayout() {
    this._ctx._require('1.9', 'Worksheet.pageLayout');
    const self = this;
    const target: Record<string, unknown> = {};
    const setter = (prop: string, check?: (v: unknown) => boolean) => ({
      set(v: unknown) {
        self._ctx._op(`pageLayout.${prop}`, () => {
          const s = self._sheet(`pageLayout.${prop}`);
          if (check && !check(v))
            throw new DoubleError('InvalidArgument', `pageLayout.${prop} = ${JSON.stringify(v)}`);
          s.pageLayout[prop] = v;
          self._ctx._double._record(s.name, '', `pageLayout.${prop}`, v);
        });
      },
      enumerable: true,
    });
    const num = (v: unknown) => typeof v === 'number' && v >= 0;
    Object.defineProperties(target, {
      paperSize: setter('paperSize', (v) => v === 'A4' || v === 'Letter'),
      orientation: setter('orientation', (v) => v === 'Portrait' || v === 'Landscape'),
      zoom: setter(
        'zoom',
        (v) =>
          typeof v === 'object' &&
          v !== null &&
          Object.keys(v).every((k) => ['horizontalFitToPages', 'verticalFitToPages', 'scale'].includes(k)),
      ),
      topMargin: setter('topMargin', num),
      bottomMargin: setter('bottomMargin', num),
      leftMargin: setter('leftMargin', num),
      rightMargin: setter('rightMargin', num),
    });
    target.setPrintTitleRows = (rows: string) => {
      self._ctx._op('pageLayout.setPrintTitleRows', () => {
        const s = self._sheet('pageLayout.setPrintTitleRows');
        if (!/^\$\d+:\$\d+$/.test(rows)) throw new DoubleError('InvalidArgument', `print title rows ${rows}`);
        s.pageLayout.printTitleRows = rows;
        self._ctx._double._record(s.name, '', 'pageLayout.setPrintTitleRows', rows);
      });
    };
    return strict(target, 'PageLayout');
  }
  get onChanged() {
    return new EventSourceProxy(this._ctx, () => `changed:${this._state().id}`, '1.7', 'Worksheet.onChanged');
  }
  get onSelectionChanged() {
    return new EventSourceProxy(
      this._ctx,
      () => `selection:${this._state().id}`,
      '1.7',
      'Worksheet.onSelectionChanged',
    );
  }
  activate(): void {
    this._ctx._op('Worksheet.activate', () => {
      const s = this._sheet('Worksheet.activate');
      if (s.visibility !== 'Visible')
        throw new DoubleError('InvalidOperation', 'cannot activate a hidden sheet');
      this._ctx._double.activeSheetId = s.id;
      this._ctx._double._record(s.name, '', 'activate', true);
    });
  }
  delete(): void {
    this._ctx._op('Worksheet.delete', () => {
      const s = this._sheet('Worksheet.delete');
      // As Excel: "if the worksheet's visibility is set to VeryHidden, the delete operation will fail".
      if (s.visibility === 'VeryHidden')
        throw new DoubleError(
          'InvalidOperation',
          'a very hidden sheet cannot be deleted; make it hidden first',
        );
      s.deleted = true;
      this._ctx._double._names = this._ctx._double._names.filter((n) => n.scope !== s.id);
      this._ctx._double._retarget(s.name, '#REF');
      this._ctx._double._record(s.name, '', 'delete', true);
    });
  }
  getRange(address?: string): RangeProxy {
    if (address === undefined) return new RangeProxy(this._ctx, () => this._sheet('getRange'), 'all');
    return new RangeProxy(
      this._ctx,
      () => this._sheet('getRange'),
      () => {
        const s = this._state();
        const area = parseA1Area(address) ?? this._ctx._double._nameArea(address, s);
        if (!area) throw new DoubleError('InvalidArgument', `getRange(${address})`);
        return area;
      },
    );
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    this._ctx._require('1.7', 'Worksheet.getRangeByIndexes');
    if (![row, col, rows, cols].every(Number.isInteger) || row < 0 || col < 0 || rows < 1 || cols < 1)
      throw new TypeError(`ExcelDouble: getRangeByIndexes(${row},${col},${rows},${cols})`);
    return new RangeProxy(
      this._ctx,
      () => this._sheet('getRangeByIndexes'),
      () => ({ row, col, rows, cols }),
    );
  }
  getRanges(address: string): RangeAreasProxy {
    this._ctx._require('1.9', 'Worksheet.getRanges');
    const areas = address.split(',').map((a) => parseA1Area(a));
    if (areas.some((a) => !a)) throw new TypeError(`ExcelDouble: getRanges(${address})`);
    return new RangeAreasProxy(this._ctx, () => this._sheet('getRanges'), areas as Area[]);
  }
  getUsedRange(valuesOnly = false): RangeProxy {
    return this._used(valuesOnly, false);
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return this._used(valuesOnly, true);
  }
  private _used(valuesOnly: boolean, orNull: boolean): RangeProxy {
    if (this._null) {
      this._ctx._op('getUsedRangeOrNullObject', () => this._use('Worksheet.getUsedRangeOrNullObject'));
      const r = new RangeProxy(
        this._ctx,
        () => this._state(),
        () => ({ row: 0, col: 0, rows: 1, cols: 1 }),
      );
      r._null = true;
      return r;
    }
    const s = this._state();
    const area = this._ctx._double._usedArea(s, valuesOnly);
    const r = new RangeProxy(
      this._ctx,
      () => this._sheet('getUsedRange'),
      () => area ?? { row: 0, col: 0, rows: 1, cols: 1 },
    );
    if (!area && orNull) r._null = true;
    return r;
  }
}

// ---------------------------------------------------------------------------------------------------
// Ranges

type Target = { sheet: () => SheetState; areas: () => Area[]; label: string; ctx: Context };

const EDGE_SIDES: Record<string, (a: Area, r: number, c: number) => string[]> = {
  EdgeTop: (a, r) => (r === a.row ? ['top'] : []),
  EdgeBottom: (a, r) => (r === a.row + a.rows - 1 ? ['bottom'] : []),
  EdgeLeft: (a, _r, c) => (c === a.col ? ['left'] : []),
  EdgeRight: (a, _r, c) => (c === a.col + a.cols - 1 ? ['right'] : []),
  InsideHorizontal: (a, r) => [...(r > a.row ? ['top'] : []), ...(r < a.row + a.rows - 1 ? ['bottom'] : [])],
  InsideVertical: (a, _r, c) => [
    ...(c > a.col ? ['left'] : []),
    ...(c < a.col + a.cols - 1 ? ['right'] : []),
  ],
};

/** Range.format (and RangeAreas.format): font, fill, alignment, wrap, borders, protection. */
function formatProxy(t: Target, entire?: 'column' | 'row' | 'all') {
  const d = t.ctx._double;
  const setCells = (prop: string, v: unknown, check?: (v: unknown) => boolean) => {
    t.ctx._op(`${t.label}.format.${prop}`, () => {
      const s = t.sheet();
      if (check && !check(v))
        throw new DoubleError('InvalidArgument', `format.${prop} = ${JSON.stringify(v)}`);
      if (entire === 'all') {
        if (prop !== 'font.name' && prop !== 'font.size')
          throw new TypeError(`ExcelDouble: format.${prop} on a whole sheet is not modelled`);
        s.font[prop.slice(5)] = v;
        d._record(s.name, 'all', `format.${prop}`, v);
        return;
      }
      if (entire) throw new TypeError(`ExcelDouble: format.${prop} on an entire ${entire} is not modelled`);
      for (const area of t.areas()) {
        for (const [r, c] of cellsOf(area)) d._cell(s, r, c).format[prop] = v;
        d._record(s.name, areaA1(area), `format.${prop}`, v);
      }
    });
  };
  const color = (v: unknown) => typeof v === 'string' && /^#[0-9A-F]{6}$/i.test(v);
  const bool = (v: unknown) => typeof v === 'boolean';
  const font = strict(
    Object.defineProperties(
      {},
      {
        name: { set: (v: unknown) => setCells('font.name', v, (x) => typeof x === 'string') },
        size: { set: (v: unknown) => setCells('font.size', v, (x) => typeof x === 'number' && x > 0) },
        bold: { set: (v: unknown) => setCells('font.bold', v, bool) },
        italic: { set: (v: unknown) => setCells('font.italic', v, bool) },
        color: { set: (v: unknown) => setCells('font.color', v, color) },
      },
    ),
    'RangeFont',
  );
  const fill = strict(
    Object.defineProperties({}, { color: { set: (v: unknown) => setCells('fill.color', v, color) } }),
    'RangeFill',
  );
  const protection = strict(
    Object.defineProperties(
      {},
      {
        locked: {
          set: (v: unknown) =>
            t.ctx._op(`${t.label}.format.protection.locked`, () => {
              const s = t.sheet();
              if (s.protection.protected)
                throw new DoubleError('InvalidOperation', 'format change on a protected sheet');
              for (const area of t.areas()) {
                for (const [r, c] of cellsOf(area)) d._cell(s, r, c).locked = v as boolean;
                d._record(s.name, areaA1(area), 'format.protection.locked', v);
              }
            }),
        },
      },
    ),
    'FormatProtection',
  );
  const borders = strict(
    {
      getItem(edge: string) {
        if (!EDGE_SIDES[edge]) throw new TypeError(`ExcelDouble: border ${edge} is not modelled`);
        const props: Record<string, unknown> = {};
        const apply = (prop: string, v: unknown) =>
          t.ctx._op(`${t.label}.format.borders(${edge}).${prop}`, () => {
            const s = t.sheet();
            props[prop] = v;
            for (const area of t.areas()) {
              for (const [r, c] of cellsOf(area))
                for (const side of EDGE_SIDES[edge](area, r, c))
                  d._cell(s, r, c).borders[side] =
                    `${props.style ?? ''}/${props.weight ?? ''}/${props.color ?? ''}`;
              d._record(s.name, areaA1(area), `format.borders.${edge}.${prop}`, v);
            }
          });
        return strict(
          Object.defineProperties(
            {},
            {
              style: { set: (v: unknown) => apply('style', v) },
              weight: { set: (v: unknown) => apply('weight', v) },
              color: { set: (v: unknown) => apply('color', v) },
            },
          ),
          'RangeBorder',
        );
      },
    },
    'RangeBorderCollection',
  );
  const sizeSetter = (prop: 'columnWidth' | 'rowHeight') => (v: unknown) =>
    t.ctx._op(`${t.label}.format.${prop}`, () => {
      const s = t.sheet();
      if (typeof v !== 'number' || v < 0) throw new DoubleError('InvalidArgument', `${prop} ${v}`);
      for (const area of t.areas()) {
        if (prop === 'columnWidth')
          for (let c = area.col; c < area.col + area.cols; c++) s.columnWidths.set(c, v);
        else for (let r = area.row; r < area.row + area.rows; r++) s.rowHeights.set(r, v);
        d._record(s.name, areaA1(area), `format.${prop}`, v);
      }
    });
  return strict(
    Object.defineProperties(
      { font, fill, protection, borders },
      {
        horizontalAlignment: {
          set: (v: unknown) =>
            setCells('horizontalAlignment', v, (x) =>
              [
                'General',
                'Left',
                'Center',
                'Right',
                'Fill',
                'Justify',
                'CenterAcrossSelection',
                'Distributed',
              ].includes(x as string),
            ),
        },
        verticalAlignment: {
          set: (v: unknown) =>
            setCells('verticalAlignment', v, (x) =>
              ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'].includes(x as string),
            ),
        },
        wrapText: { set: (v: unknown) => setCells('wrapText', v, bool) },
        columnWidth: { set: sizeSetter('columnWidth') },
        rowHeight: { set: sizeSetter('rowHeight') },
      },
    ),
    'RangeFormat',
  );
}

// ---------------------------------------------------------------------------------------------------
// Charts (the parts a bar chart of one series needs)

const CHART_TYPES = ['BarClustered', 'ColumnClustered', 'BarStacked', 'ColumnStacked', 'Line', 'Pie'];

/** A Range argument (a RangeProxy of `sheet`) → its sheet-local A1 address. */
function rangeArgument(r: unknown, sheet: SheetState, what: string): string {
  if (!(r instanceof RangeProxy)) throw new TypeError(`ExcelDouble: ${what} needs a Range`);
  if (r._sheetOf() !== sheet)
    throw new TypeError(`ExcelDouble: ${what} with a range of another sheet is not modelled`);
  return areaA1(r._area());
}

function chartProxy(ctx: Context, sheet: () => SheetState, state: ChartState) {
  const d = ctx._double;
  const set = <K extends keyof ChartState>(prop: K, v: unknown, check?: (v: unknown) => boolean) =>
    ctx._op(`Chart.${prop}`, () => {
      const s = sheet();
      if (check && !check(v))
        throw new DoubleError('InvalidArgument', `chart ${prop} = ${JSON.stringify(v)}`);
      state[prop] = v as ChartState[K];
      d._record(s.name, state.source, `chart.${prop}`, v);
    });
  const str = (v: unknown) => typeof v === 'string';
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const bool = (v: unknown) => typeof v === 'boolean';
  const setter = (prop: keyof ChartState, check: (v: unknown) => boolean) => ({
    set: (v: unknown) => set(prop, v, check),
  });
  const series = strict(
    {
      getItemAt(index: number) {
        if (index !== 0)
          ctx._op(`series.getItemAt(${index})`, () => {
            throw new DoubleError('ItemNotFound', `series ${index}`);
          });
        return strict(
          Object.defineProperties(
            {
              setXAxisValues(range: unknown) {
                ctx._require('1.7', 'ChartSeries.setXAxisValues');
                ctx._op('ChartSeries.setXAxisValues', () => {
                  const s = sheet();
                  state.categories = rangeArgument(range, s, 'setXAxisValues');
                  d._record(s.name, state.source, 'chart.categories', state.categories);
                });
              },
            },
            { name: setter('seriesName', str) },
          ),
          'ChartSeries',
        );
      },
    },
    'ChartSeriesCollection',
  );
  const axes = strict(
    {
      valueAxis: strict(
        Object.defineProperties(
          {
            title: strict(
              Object.defineProperties(
                {},
                { text: setter('valueAxisTitle', str), visible: setter('valueAxisTitleVisible', bool) },
              ),
              'ChartAxisTitle',
            ),
          },
          { minimum: setter('valueMin', num), maximum: setter('valueMax', num) },
        ),
        'ChartAxis(value)',
      ),
      get categoryAxis() {
        return strict(
          Object.defineProperties(
            {},
            {
              reversePlotOrder: {
                set: (v: unknown) => {
                  ctx._require('1.7', 'ChartAxis.reversePlotOrder');
                  set('reversePlotOrder', v, bool);
                },
              },
            },
          ),
          'ChartAxis(category)',
        );
      },
    },
    'ChartAxes',
  );
  return strict(
    Object.defineProperties(
      {
        series,
        axes,
        title: strict(Object.defineProperties({}, { text: setter('title', str) }), 'ChartTitle'),
        legend: strict(
          Object.defineProperties({}, { visible: setter('legendVisible', bool) }),
          'ChartLegend',
        ),
        dataLabels: strict(
          Object.defineProperties({}, { showValue: setter('showValue', bool) }),
          'ChartDataLabels',
        ),
        setPosition(start: string, end?: string) {
          ctx._op('Chart.setPosition', () => {
            const s = sheet();
            if (
              typeof start !== 'string' ||
              !parseA1Area(start) ||
              (end !== undefined && (typeof end !== 'string' || !parseA1Area(end)))
            )
              throw new DoubleError('InvalidArgument', `setPosition(${start}, ${end})`);
            state.position = { start, end };
            d._record(s.name, state.source, 'chart.setPosition', state.position);
          });
        },
      },
      { name: setter('name', str) },
    ),
    'Chart',
  );
}

const RULE_KINDS = ['wholeNumber', 'decimal', 'textLength', 'date', 'time', 'list', 'custom'];
const OPERATORS = [
  'Between',
  'NotBetween',
  'EqualTo',
  'NotEqualTo',
  'GreaterThan',
  'LessThan',
  'GreaterThanOrEqualTo',
  'LessThanOrEqualTo',
];

function validationProxy(t: Target) {
  t.ctx._require('1.8', 'Range.dataValidation');
  const d = t.ctx._double;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Office.js accepts any shape here; the check decides
  const set = (prop: keyof ValidationState, v: unknown, check: (v: any) => string | undefined) =>
    t.ctx._op(`${t.label}.dataValidation.${prop}`, () => {
      const problem = check(v);
      if (problem) throw new DoubleError('InvalidArgument', `dataValidation.${prop}: ${problem}`);
      const s = t.sheet();
      for (const area of t.areas()) {
        for (const [r, c] of cellsOf(area)) {
          const key = `${r},${c}`;
          s.validations.set(key, { ...(s.validations.get(key) ?? {}), [prop]: structuredClone(v) });
        }
        d._record(s.name, areaA1(area), `dataValidation.${prop}`, v);
      }
    });
  return strict(
    Object.defineProperties(
      {},
      {
        rule: {
          set: (v: unknown) =>
            // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Office.js's own typing
            set('rule', v, (rule: Record<string, any>) => {
              const kinds = Object.keys(rule ?? {});
              if (kinds.length !== 1 || !RULE_KINDS.includes(kinds[0]))
                return `exactly one of ${RULE_KINDS.join(', ')}`;
              const body = rule[kinds[0]];
              if (kinds[0] === 'list')
                return typeof body.source === 'string' && body.source !== '' ? undefined : 'list.source';
              if (!OPERATORS.includes(body.operator)) return `operator ${body.operator}`;
              if (body.formula1 === undefined) return 'formula1';
              if (
                (body.operator === 'Between' || body.operator === 'NotBetween') &&
                body.formula2 === undefined
              )
                return 'formula2';
              return undefined;
            }),
        },
        prompt: {
          set: (v: unknown) =>
            set('prompt', v, (p) =>
              (p.title ?? '').length > 32
                ? 'title over 32 characters'
                : (p.message ?? '').length > 255
                  ? 'message over 255 characters'
                  : undefined,
            ),
        },
        errorAlert: {
          set: (v: unknown) =>
            set('errorAlert', v, (p) =>
              (p.title ?? '').length > 32
                ? 'title over 32 characters'
                : (p.message ?? '').length > 255
                  ? 'message over 255 characters'
                  : p.style && !['Stop', 'Warning', 'Information'].includes(p.style)
                    ? `style ${p.style}`
                    : undefined,
            ),
        },
        ignoreBlanks: {
          set: (v: unknown) =>
            set('ignoreBlanks', v, (x) => (typeof x === 'boolean' ? undefined : 'boolean')),
        },
      },
    ),
    'DataValidation',
  );
}

class RangeProxy extends Loadable {
  private readonly _t: Target;
  constructor(
    ctx: Context,
    readonly _sheetOf: () => SheetState,
    readonly _where: (() => Area) | 'all' | { entire: 'column' | 'row'; of: () => Area },
  ) {
    super(ctx, 'Range');
    this._t = { sheet: () => this._sheetFor('Range'), areas: () => [this._area()], label: 'Range', ctx };
    return strict(this, 'Range');
  }
  private _sheetFor(what: string): SheetState {
    this._use(what);
    return this._sheetOf();
  }
  _area(): Area {
    const w = this._where;
    if (w === 'all')
      throw new TypeError('ExcelDouble: this operation on a whole-sheet range is not modelled');
    if (typeof w === 'function') return w();
    return w.of();
  }
  protected override _snapshot(prop: string): unknown {
    const s = this._sheetOf();
    const area = this._area();
    const d = this._ctx._double;
    const grid = (f: (cell: CellState | undefined, r: number, c: number) => unknown) =>
      Array.from({ length: area.rows }, (_, i) =>
        Array.from({ length: area.cols }, (_, j) =>
          f(s.cells.get(`${area.row + i},${area.col + j}`), area.row + i, area.col + j),
        ),
      );
    switch (prop) {
      case 'address':
        return `${quote(s.name)}!${areaA1(area)}`;
      case 'values':
        return grid((cell, r, c) =>
          cell?.formula !== undefined ? d.evaluate(cell.formula, s.name, r, c) : (cell?.value ?? ''),
        );
      case 'formulas':
        return grid((cell) => cell?.formula ?? cell?.value ?? '');
      case 'numberFormat':
        return grid((cell) => cell?.numberFormat ?? 'General');
      case 'rowCount':
        return area.rows;
      case 'columnCount':
        return area.cols;
      default:
        return super._snapshot(prop);
    }
  }
  get address(): string {
    return this._get('address') as string;
  }
  get values(): unknown[][] {
    return this._get('values') as unknown[][];
  }
  get formulas(): unknown[][] {
    return this._get('formulas') as unknown[][];
  }
  get numberFormat(): unknown[][] {
    return this._get('numberFormat') as unknown[][];
  }
  set values(v: unknown[][]) {
    this._write('values', v);
  }
  set formulas(v: unknown[][]) {
    this._write('formulas', v);
  }
  set numberFormat(v: unknown[][]) {
    this._write('numberFormat', v);
  }
  private _write(prop: 'values' | 'formulas' | 'numberFormat', grid: unknown[][]): void {
    this._ctx._op(`Range.${prop}`, () => {
      const s = this._sheetFor(`Range.${prop}`);
      const area = this._area();
      if (
        !Array.isArray(grid) ||
        grid.length !== area.rows ||
        grid.some((row) => !Array.isArray(row) || row.length !== area.cols)
      )
        throw new DoubleError(
          'InvalidArgument',
          `${prop}: a ${area.rows}×${area.cols} array is required for ${areaA1(area)}`,
        );
      const d = this._ctx._double;
      grid.forEach((row, i) =>
        row.forEach((v, j) => {
          if (v === null) return; // Excel leaves the cell alone
          const cell = d._cell(s, area.row + i, area.col + j);
          if (prop === 'numberFormat') {
            if (typeof v !== 'string')
              throw new DoubleError('InvalidArgument', `numberFormat ${JSON.stringify(v)}`);
            cell.numberFormat = v;
          } else {
            if (s.protection.protected && cell.locked)
              throw new DoubleError(
                'InvalidOperation',
                `cell ${a1(area.row + i, area.col + j)} is locked on protected sheet ${s.name}`,
              );
            d._enter(cell, v);
          }
        }),
      );
      d._record(s.name, areaA1(area), prop, grid);
    });
  }
  get format() {
    const w = this._where;
    return formatProxy(this._t, w === 'all' ? 'all' : typeof w === 'function' ? undefined : w.entire);
  }
  get dataValidation() {
    return validationProxy(this._t);
  }
  get conditionalFormats() {
    this._ctx._require('1.6', 'Range.conditionalFormats');
    const self = this;
    return strict(
      {
        add(type: string) {
          const state: ConditionalFormatState = { address: '', type };
          self._ctx._op(`conditionalFormats.add(${type})`, () => {
            if (type !== 'Custom')
              throw new TypeError(`ExcelDouble: conditional format ${type} is not modelled`);
            const s = self._sheetFor('conditionalFormats.add');
            state.address = areaA1(self._area());
            s.conditionalFormats.push(state);
            self._ctx._double._record(s.name, state.address, 'conditionalFormats.add', type);
          });
          const set = (prop: 'formula' | 'fill' | 'fontColor', v: unknown) =>
            self._ctx._op(`conditionalFormat.${prop}`, () => {
              if (prop === 'formula' && (typeof v !== 'string' || !v.startsWith('=')))
                throw new DoubleError('InvalidArgument', `custom rule formula ${v}`);
              state[prop] = v as string;
              self._ctx._double._record(self._sheetOf().name, state.address, `conditionalFormat.${prop}`, v);
            });
          const custom = strict(
            {
              rule: strict(
                Object.defineProperties({}, { formula: { set: (v: unknown) => set('formula', v) } }),
                'ConditionalFormatRule',
              ),
              format: strict(
                {
                  fill: strict(
                    Object.defineProperties({}, { color: { set: (v: unknown) => set('fill', v) } }),
                    'ConditionalRangeFill',
                  ),
                  font: strict(
                    Object.defineProperties({}, { color: { set: (v: unknown) => set('fontColor', v) } }),
                    'ConditionalRangeFont',
                  ),
                },
                'ConditionalRangeFormat',
              ),
            },
            'CustomConditionalFormat',
          );
          return strict({ custom }, 'ConditionalFormat');
        },
      },
      'ConditionalFormatCollection',
    );
  }
  merge(across = false): void {
    this._ctx._op('Range.merge', () => {
      const s = this._sheetFor('Range.merge');
      const area = this._area();
      if (across) throw new TypeError('ExcelDouble: merge(across) is not modelled');
      if (s.merges.some((m) => overlaps(m, area)))
        throw new DoubleError('InvalidOperation', `merge ${areaA1(area)} overlaps another merge`);
      s.merges.push(area);
      this._ctx._double._record(s.name, areaA1(area), 'merge', true);
    });
  }
  clear(): void {
    this._ctx._op('Range.clear', () => {
      const s = this._sheetFor('Range.clear');
      const area = this._area();
      for (const [r, c] of cellsOf(area)) s.cells.delete(`${r},${c}`);
      this._ctx._double._record(s.name, areaA1(area), 'clear', true);
    });
  }
  select(): void {
    this._ctx._op('Range.select', () => {
      const s = this._sheetFor('Range.select');
      const area = this._area();
      const d = this._ctx._double;
      d.selection = { sheet: s.name, address: areaA1(area) };
      d.activeSheetId = s.id;
      d._record(s.name, areaA1(area), 'select', true);
    });
  }
  getEntireColumn(): RangeProxy {
    return new RangeProxy(this._ctx, this._sheetOf, { entire: 'column', of: () => this._area() });
  }
  getEntireRow(): RangeProxy {
    return new RangeProxy(this._ctx, this._sheetOf, { entire: 'row', of: () => this._area() });
  }
}

class RangeAreasProxy {
  private readonly _t: Target;
  constructor(
    private readonly _ctx: Context,
    sheet: () => SheetState,
    areas: Area[],
  ) {
    this._t = { sheet, areas: () => areas, label: 'RangeAreas', ctx: _ctx };
    return strict(this, 'RangeAreas');
  }
  get format() {
    return formatProxy(this._t);
  }
  get dataValidation() {
    return validationProxy(this._t);
  }
}

// ---------------------------------------------------------------------------------------------------
// Names and custom XML parts

class NamedItemCollectionProxy extends Loadable {
  private _items?: NamedItemProxy[];
  constructor(
    ctx: Context,
    /** null: the workbook's names; else the sheet whose names these are */
    private readonly _scope: (() => SheetState) | null,
  ) {
    super(ctx, _scope ? 'WorksheetNames' : 'WorkbookNames');
    return strict(this, _scope ? 'NamedItemCollection(worksheet)' : 'NamedItemCollection(workbook)');
  }
  private _scopeId(): string | null {
    return this._scope ? this._scope().id : null;
  }
  add(name: string, reference: RangeProxy | string, comment?: string): NamedItemProxy {
    this._ctx._op(`names.add(${name})`, () => {
      const d = this._ctx._double;
      const scope = this._scopeId();
      d._checkName(name, scope);
      let ref: NameState['ref'];
      if (typeof reference === 'string') {
        if (!reference.startsWith('='))
          throw new DoubleError('InvalidArgument', `names.add(${name}): a reference formula starts with =`);
        const parsed = parseSheetRef(reference);
        const sheet = parsed ? d._findSheet(parsed.sheet) : undefined;
        ref = parsed && sheet ? { sheetId: sheet.id, area: parsed.area } : { formula: reference };
      } else {
        if (!(reference instanceof RangeProxy))
          throw new TypeError('ExcelDouble: names.add reference must be a Range or a formula');
        ref = { sheetId: reference._sheetOf().id, area: reference._area() };
      }
      d._names.push({ name, scope, ref, comment });
      const sheetName = 'sheetId' in ref ? d._sheets.find((s) => s.id === ref.sheetId)!.name : '';
      d._record(
        sheetName,
        'sheetId' in ref ? areaA1(ref.area) : '',
        scope === null ? 'names.add' : 'worksheet.names.add',
        name,
      );
    });
    return new NamedItemProxy(this._ctx, () =>
      this._ctx._double._names.find(
        (n) => n.name.toUpperCase() === name.toUpperCase() && n.scope === this._scopeId(),
      ),
    );
  }
  getItem(name: string): NamedItemProxy {
    const scope = this._scopeId();
    const found = () =>
      this._ctx._double._names.find((n) => n.name.toUpperCase() === name.toUpperCase() && n.scope === scope);
    if (!found())
      this._ctx._op(`names.getItem(${name})`, () => {
        throw new DoubleError('ItemNotFound', `name ${name} does not exist`);
      });
    return new NamedItemProxy(this._ctx, found);
  }
  override load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? '').split(','))
      .map((p) => p.trim())
      .filter(Boolean);
    for (const p of list)
      if (!/^items\/(name|type|formula|value|visible)$/.test(p))
        throw new TypeError(`ExcelDouble: NamedItemCollection.load(${p}) is not modelled`);
    if (list.includes('items/formula')) this._ctx._require('1.7', 'NamedItem.formula');
    this._ctx._op('names.load', () => {
      const scope = this._scopeId();
      const states = this._ctx._double._names.filter((n) => n.scope === scope);
      const snaps = states.map((n) => {
        const item = new NamedItemProxy(this._ctx, () => n);
        for (const p of list) item._loaded[p.slice(6)] = item._snapshotOf(p.slice(6));
        item._synced = true;
        return item;
      });
      this._ctx._loads.push(() => (this._items = snaps));
    });
    return this;
  }
  get items(): NamedItemProxy[] {
    if (!this._items) throw new DoubleError('PropertyNotLoaded', 'NamedItemCollection.items was not loaded');
    return this._items;
  }
}

class NamedItemProxy extends Loadable {
  constructor(
    ctx: Context,
    private readonly _state: () => NameState | undefined,
  ) {
    super(ctx, 'NamedItem');
    return strict(this, 'NamedItem');
  }
  _snapshotOf(prop: string): unknown {
    const n = this._state();
    if (!n) throw new DoubleError('ItemNotFound', 'name does not exist');
    const d = this._ctx._double;
    const sheet =
      'sheetId' in n.ref ? d._sheets.find((s) => s.id === (n.ref as { sheetId: string }).sheetId) : undefined;
    const live = sheet && !sheet.deleted;
    switch (prop) {
      case 'name':
        return n.name;
      case 'visible':
        return true;
      case 'type':
        if ('formula' in n.ref)
          return n.ref.formula.startsWith('={')
            ? 'Array'
            : /^="/.test(n.ref.formula)
              ? 'String'
              : /^=-?\d/.test(n.ref.formula)
                ? 'Double'
                : 'Range';
        return live ? 'Range' : 'Error';
      case 'formula':
        if ('formula' in n.ref) return n.ref.formula;
        return live ? `=${quote(sheet!.name)}!${absArea(n.ref.area)}` : `=#REF!${absArea(n.ref.area)}`;
      case 'value':
        if ('formula' in n.ref) return n.ref.formula.replace(/^=/, '');
        return live ? `${quote(sheet!.name)}!${absArea(n.ref.area)}` : '#REF!';
      default:
        throw new TypeError(`ExcelDouble: NamedItem.${prop} is not modelled`);
    }
  }
  protected override _snapshot(prop: string): unknown {
    return this._snapshotOf(prop);
  }
  get name(): string {
    return this._get('name') as string;
  }
  get formula(): string {
    return this._get('formula') as string;
  }
  get type(): string {
    return this._get('type') as string;
  }
  get value(): unknown {
    return this._get('value');
  }
  delete(): void {
    this._ctx._op('NamedItem.delete', () => {
      const n = this._state();
      if (!n) throw new DoubleError('ItemNotFound', 'name does not exist');
      const d = this._ctx._double;
      d._names = d._names.filter((x) => x !== n);
      d._record(
        n.scope === null ? '' : (d._sheets.find((s) => s.id === n.scope)?.name ?? ''),
        '',
        'names.delete',
        n.name,
      );
    });
  }
}

interface PartState {
  id: string;
  xml: string;
  namespaceUri: string;
}

class CustomXmlPartCollectionProxy {
  constructor(private readonly _ctx: Context) {
    return strict(this, 'CustomXmlPartCollection');
  }
  add(xml: string): void {
    this._ctx._op('customXmlParts.add', () => {
      const root = /<(?!\?)([A-Za-z_][\w.:-]*)([^>]*)>/.exec(xml);
      if (!root || !xml.trim().endsWith('>'))
        throw new DoubleError('InvalidArgument', 'custom XML part is not XML');
      const ns = /\sxmlns="([^"]*)"/.exec(root[2])?.[1] ?? '';
      const d = this._ctx._double;
      d._parts.push({ id: `{part-${++d._partSeq}}`, xml, namespaceUri: ns });
      d._record('', '', 'customXmlParts.add', xml);
    });
  }
  getByNamespace(ns: string) {
    const ctx = this._ctx;
    let items: unknown[] | undefined;
    return strict(
      {
        load(props: string) {
          if (props !== 'items/id')
            throw new TypeError(`ExcelDouble: CustomXmlPartScopedCollection.load(${props}) is not modelled`);
          ctx._op('customXmlParts.getByNamespace.load', () => {
            const found = ctx._double._parts
              .filter((p) => p.namespaceUri === ns)
              .map((p) => strict({ id: p.id }, 'CustomXmlPart'));
            ctx._loads.push(() => (items = found));
          });
          return this;
        },
        get items() {
          if (!items)
            throw new DoubleError('PropertyNotLoaded', 'CustomXmlPartScopedCollection.items was not loaded');
          return items;
        },
      },
      'CustomXmlPartScopedCollection',
    );
  }
  getItem(id: string) {
    const ctx = this._ctx;
    return strict(
      {
        delete() {
          ctx._op(`customXmlParts.getItem(${id}).delete`, () => {
            const d = ctx._double;
            if (!d._parts.some((p) => p.id === id))
              throw new DoubleError('ItemNotFound', `custom XML part ${id}`);
            d._parts = d._parts.filter((p) => p.id !== id);
            d._record('', '', 'customXmlParts.delete', id);
          });
        },
      },
      'CustomXmlPart',
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// The double

export class ExcelDouble {
  readonly apiVersion: string;
  readonly nullObjects: 'throw' | 'propagate';
  readonly evaluate: (formula: string, sheet: string, row: number, col: number) => unknown;
  /** context.sync() calls, failed ones included (each is a round trip to Excel). */
  syncs = 0;
  enableEvents = true;
  activeSheetId = '';
  selection?: { sheet: string; address: string };
  _sheets: SheetState[] = [];
  _names: NameState[] = [];
  _parts: PartState[] = [];
  _partSeq = 0;
  _log: LogEntry[] = [];
  _echoes: { sheet: string; address: string }[] = [];
  private _sheetSeq = 0;
  private readonly _handlers = new Map<string, Set<Handler>>();

  constructor(options: DoubleOptions = {}) {
    this.apiVersion = options.apiVersion ?? '1.14';
    this.nullObjects = options.nullObjects ?? 'throw';
    this.evaluate = options.evaluate ?? (() => '#FORMULA');
    const first = this._newSheet('Sheet1');
    this.activeSheetId = first.id;
  }

  /** Office.context.requirements for this Excel. */
  readonly requirements = {
    isSetSupported: (name: string, version?: string) =>
      name === 'ExcelApi' && versionNumber(version ?? '1.1') <= versionNumber(this.apiVersion),
  };

  /** Excel.run: run(batch) with a new context, or run(context, batch) reusing one. */
  readonly run = (async (...args: unknown[]) => {
    const batch = args[args.length - 1] as (ctx: unknown) => Promise<unknown>;
    const given = args.length > 1 ? args[0] : undefined;
    const ctx =
      given instanceof Object && '_double' in (given as object) ? (given as Context) : new Context(this);
    const result = await batch(ctx);
    if (ctx._pending > 0) await ctx.sync(); // Excel.run sends what is still queued
    return result;
  }) as <T>(...args: unknown[]) => Promise<T>;

  // --- what tests read -------------------------------------------------------------------------------

  get writes(): WriteRecord[] {
    return this._log
      .filter((e): e is { kind: 'write' } & WriteRecord => e.kind === 'write')
      .map(({ kind: _k, ...w }) => w);
  }
  get log(): readonly LogEntry[] {
    return this._log;
  }
  sheet(name: string): SheetState {
    const s = this._findSheet(name);
    if (!s) throw new Error(`ExcelDouble: no sheet ${name} (sheets: ${this.sheetNames().join(', ')})`);
    return s;
  }
  sheetNames(): string[] {
    return this._sheets.filter((s) => !s.deleted).map((s) => s.name);
  }
  activeSheet(): SheetState {
    return this._sheets.find((s) => s.id === this.activeSheetId)!;
  }
  cell(sheet: string, address: string): CellState | undefined {
    const a = parseA1Area(address)!;
    return this.sheet(sheet).cells.get(`${a.row},${a.col}`);
  }
  /** What Range.values would read for one cell. */
  value(sheet: string, address: string): unknown {
    const s = this.sheet(sheet);
    const a = parseA1Area(address)!;
    const c = s.cells.get(`${a.row},${a.col}`);
    return c?.formula !== undefined ? this.evaluate(c.formula, s.name, a.row, a.col) : (c?.value ?? '');
  }
  /** Every defined name: scope null for the workbook, else the sheet's name; the reference as Excel shows it. */
  names(): { name: string; scope: string | null; sheet?: string; address?: string; formula?: string }[] {
    return this._names.map((n) => {
      const scope = n.scope === null ? null : (this._sheets.find((s) => s.id === n.scope)?.name ?? '?');
      if ('formula' in n.ref) return { name: n.name, scope, formula: n.ref.formula };
      const sheet = this._sheets.find((s) => s.id === (n.ref as { sheetId: string }).sheetId);
      return {
        name: n.name,
        scope,
        sheet: sheet && !sheet.deleted ? sheet.name : '#REF!',
        address: areaA1(n.ref.area),
      };
    });
  }
  parts(): readonly PartState[] {
    return this._parts;
  }
  handlerCount(kind?: 'changed' | 'selection' | 'activated'): number {
    let n = 0;
    for (const [key, set] of this._handlers) if (!kind || key.startsWith(kind)) n += set.size;
    return n;
  }
  handlersOn(sheet: string): number {
    const id = this.sheet(sheet).id;
    return (
      (this._handlers.get(`changed:${id}`)?.size ?? 0) + (this._handlers.get(`selection:${id}`)?.size ?? 0)
    );
  }

  // --- what tests seed (directly, not recorded, no sync) ---------------------------------------------

  addSheet(name: string, visibility: SheetState['visibility'] = 'Visible'): SheetState {
    const s = this._newSheet(name);
    s.visibility = visibility;
    return s;
  }
  /** Type into cells as a user would (Excel's parsing of typed text applies). */
  type(sheet: string, address: string, grid: unknown[][]): void {
    const s = this.sheet(sheet);
    const a = parseA1Area(address)!;
    grid.forEach((row, i) =>
      row.forEach((v, j) => v !== null && this._enter(this._cell(s, a.row + i, a.col + j), v)),
    );
  }
  activate(sheet: string): void {
    this.activeSheetId = this.sheet(sheet).id;
  }
  addName(name: string, sheet: string, address: string, scope: string | null = null): void {
    this._names.push({
      name,
      scope: scope === null ? null : this.sheet(scope).id,
      ref: { sheetId: this.sheet(sheet).id, area: parseA1Area(address)! },
    });
  }
  /** The user renames a sheet: Excel rewrites every formula that refers to it. */
  renameSheet(from: string, to: string): void {
    const s = this.sheet(from);
    this._retarget(s.name, quote(to));
    s.name = to;
  }
  /** The user deletes a sheet: its names go, references to it become #REF!. */
  deleteSheet(name: string): void {
    const s = this.sheet(name);
    s.deleted = true;
    this._names = this._names.filter((n) => n.scope !== s.id);
    this._retarget(s.name, '#REF');
  }

  // --- events ------------------------------------------------------------------------------------------

  /** A user's edit on `sheet` (onChanged); skipped while the add-in has events off. */
  async fireChanged(sheet: string, args: Partial<Excel.WorksheetChangedEventArgs> = {}): Promise<void> {
    const s = this.sheet(sheet);
    const full: Record<string, unknown> = {
      type: 'WorksheetChanged',
      changeType: 'RangeEdited',
      source: 'Local',
      worksheetId: s.id,
      address: 'A1',
      ...args,
    };
    if (versionNumber(this.apiVersion) < versionNumber('1.14')) delete full.triggerSource;
    await this._fire(`changed:${s.id}`, full);
  }
  async fireSelectionChanged(sheet: string, address = 'A1'): Promise<void> {
    const s = this.sheet(sheet);
    await this._fire(`selection:${s.id}`, { type: 'WorksheetSelectionChanged', worksheetId: s.id, address });
  }
  /** The user activates `sheet`. */
  async fireActivated(sheet: string): Promise<void> {
    const s = this.sheet(sheet);
    this.activeSheetId = s.id;
    await this._fire('activated', { type: 'WorksheetActivated', worksheetId: s.id });
  }
  private async _fire(key: string, args: unknown): Promise<void> {
    if (!this.enableEvents) return;
    await Promise.all([...(this._handlers.get(key) ?? [])].map((h) => h(args)));
  }

  // --- internals used by the proxies -------------------------------------------------------------------

  /** Rewrite references to sheet `from` in cell formulas and list sources ("'Old'!A1" → "<to>!A1"). */
  _retarget(from: string, to: string): void {
    const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`(?:'${esc(from.replace(/'/g, "''"))}'|(?<![\\w.'])${esc(from)})!`, 'gi');
    for (const sheet of this._sheets) {
      for (const cell of sheet.cells.values())
        if (cell.formula) cell.formula = cell.formula.replace(pattern, `${to}!`);
      for (const v of sheet.validations.values()) {
        const list = (v.rule as { list?: { source?: string } } | undefined)?.list;
        if (list?.source) list.source = list.source.replace(pattern, `${to}!`);
      }
    }
  }
  _addHandler(key: string, h: Handler): void {
    const set = this._handlers.get(key) ?? new Set();
    set.add(h);
    this._handlers.set(key, set);
  }
  _removeHandler(key: string, h: Handler): void {
    this._handlers.get(key)?.delete(h);
  }
  _record(sheet: string, address: string, property: string, value: unknown): void {
    this._log.push({ kind: 'write', batch: this.syncs + 1, sheet, address, property, value });
    if (this.enableEvents && (property === 'values' || property === 'formulas') && sheet)
      this._echoes.push({ sheet, address });
  }
  _newSheet(name?: string): SheetState {
    const id = `{sheet-${++this._sheetSeq}}`;
    let n = name;
    if (n === undefined) {
      let i = this._sheets.length + 1;
      while (this._findSheet(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    this._checkSheetName(n);
    const s: SheetState = {
      id,
      name: n,
      visibility: 'Visible',
      deleted: false,
      cells: new Map(),
      columnWidths: new Map(),
      rowHeights: new Map(),
      font: {},
      merges: [],
      validations: new Map(),
      conditionalFormats: [],
      freezeRows: 0,
      pageLayout: {},
      charts: [],
      protection: { protected: false },
    };
    this._sheets.push(s);
    return s;
  }
  _findSheet(key: string): SheetState | undefined {
    return this._sheets.find(
      (s) => !s.deleted && (s.id === key || s.name.toLowerCase() === key.toLowerCase()),
    );
  }
  _checkSheetName(name: string, self?: SheetState): void {
    if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name))
      throw new DoubleError('InvalidArgument', `sheet name "${name}"`);
    if (this._sheets.some((s) => s !== self && !s.deleted && s.name.toLowerCase() === name.toLowerCase()))
      throw new DoubleError('ItemAlreadyExists', `sheet "${name}" exists`);
  }
  _checkName(name: string, scope: string | null): void {
    const valid =
      /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) &&
      name.length <= 255 &&
      !/^[A-Za-z]{1,3}\d{1,7}$/.test(name) &&
      !/^[RC]\d*$/i.test(name) &&
      !/^R\d*C\d*$/i.test(name);
    if (!valid) throw new DoubleError('InvalidArgument', `"${name}" is not a valid name`);
    if (this._names.some((n) => n.scope === scope && n.name.toUpperCase() === name.toUpperCase()))
      throw new DoubleError('InvalidArgument', `name ${name} already exists in this scope`);
  }
  /** A defined name visible from `sheet` (its own names first) that points at `sheet`. */
  _nameArea(name: string, sheet: SheetState): Area | null {
    const n =
      this._names.find((x) => x.scope === sheet.id && x.name.toUpperCase() === name.toUpperCase()) ??
      this._names.find((x) => x.scope === null && x.name.toUpperCase() === name.toUpperCase());
    return n && 'sheetId' in n.ref && n.ref.sheetId === sheet.id ? n.ref.area : null;
  }
  _cell(s: SheetState, row: number, col: number): CellState {
    const key = `${row},${col}`;
    let c = s.cells.get(key);
    if (!c) {
      c = { value: '', quotePrefix: false, numberFormat: 'General', locked: true, format: {}, borders: {} };
      s.cells.set(key, c);
    }
    return c;
  }
  _usedArea(s: SheetState, valuesOnly: boolean): Area | null {
    let r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    for (const [key, cell] of s.cells) {
      const has = cell.formula !== undefined || (cell.value !== '' && cell.value !== undefined);
      const formatted =
        cell.numberFormat !== 'General' ||
        Object.keys(cell.format).length > 0 ||
        Object.keys(cell.borders).length > 0 ||
        !cell.locked;
      if (!has && (valuesOnly || !formatted)) continue;
      const [r, c] = key.split(',').map(Number);
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    }
    return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
  /** Excel's reading of a value written to Range.values / Range.formulas (as if typed). */
  _enter(cell: CellState, v: unknown): void {
    cell.formula = undefined;
    cell.quotePrefix = false;
    if (typeof v === 'number' || typeof v === 'boolean') {
      cell.value = v;
      return;
    }
    if (typeof v !== 'string') throw new DoubleError('InvalidArgument', `cell value ${JSON.stringify(v)}`);
    if (v.startsWith("'")) {
      cell.value = v.slice(1);
      cell.quotePrefix = true;
      return;
    }
    if (cell.numberFormat === '@' || v === '') {
      cell.value = v;
      return;
    }
    const t = v.trim();
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) cell.value = Number(t);
    else if (/^[+-]?(\d+\.?\d*|\.\d+)%$/.test(t)) cell.value = Number(t.slice(0, -1)) / 100;
    else if (/^(true|false)$/i.test(t)) cell.value = t.toLowerCase() === 'true';
    else if (/^\d{1,4}[/-]\d{1,2}([/-]\d{1,4})?$/.test(t) || /^\d{1,2}:\d{2}(:\d{2})?$/.test(t))
      cell.value = 45000; // a date or time serial
    else if (v.startsWith('=') && v.length > 1) {
      cell.formula = v;
      cell.value = '';
    } else if (/^[+\-@]./.test(v)) {
      cell.formula = v.startsWith('@') ? `=${v.slice(1)}` : `=${v}`;
      cell.value = '';
    } else if (/^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!)$/.test(t))
      cell.value = t; // an error value
    else cell.value = v;
  }
}
