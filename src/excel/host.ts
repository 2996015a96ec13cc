/**
 * ExcelHost: the WorkbookHost of the task pane on top of Office.js (Excel.run). Thin on purpose: the
 * decisions are pure functions (insert-decision.ts, cells.ts, metaBlocks.ts, resolve.ts); this file reads
 * and writes in as few context.sync() calls as possible. docs/excel-host.md lists every sync and why.
 */
import type { ActiveSheet, Capabilities, WorkbookHost } from '../host/types';
import type { SheetPlan } from '../form/types';
import type { ReportSheet } from '../report/types';
import type { SheetDescription } from '../sheet/types';
import { META_NAME, META_SHEET } from '../form/names';
import { parseReference } from '../sheet/a1';
import {
  detectCapabilities,
  officeRequirements,
  requireFeature,
  supports,
  type Requirements,
} from './capabilities';
import { BLOCK_WIDTH, FORMS_XML_NAMESPACE, parseBlocks, type MetaBlock } from './metaBlocks';
import {
  decideInsert,
  formToUpgrade,
  spillPlacer,
  type InsertActions,
  type MetaBlockAction,
  type OldFormRead,
  type WorkbookSurvey,
} from './insert-decision';
import { resolveSheet, sameSheet, toActiveSheet, type NameRead } from './resolve';
import { textConstant } from './cells';
import { queuePlan } from './write';
import type { AppraisalState, FormTarget } from './appraisal';
import type { AppraiseInput } from '../core/appraisal/types';

/** The reviewers' code is loaded on first use: only the reviewer view needs it, not the pane's start. */
const appraisalModule = () => import(/* webpackChunkName: "excel-appraisal" */ './appraisal');
import { msg } from '../i18n';
import { ExcelHostError } from './capabilities';
import type { ExcelRunner } from './runner';
import { uniqueSheetName } from './sheet-names';

export type { ExcelRunner } from './runner';

export interface ExcelHostOptions {
  /** Defaults to Office.context.requirements. */
  requirements?: Requirements;
  /** Quiet time after the last event before onChange runs (ms). */
  debounceMs?: number;
}

const globalRun: ExcelRunner = ((...args: unknown[]) =>
  (Excel.run as (...a: unknown[]) => Promise<unknown>)(...args)) as ExcelRunner;

const NAME_PROPS = 'items/name,items/type,items/formula';

const namesOf = (c: Excel.NamedItemCollection): NameRead[] =>
  c.items.map((n) => ({ name: n.name, formula: String(n.formula ?? '') }));

export class ExcelHost implements WorkbookHost {
  /** What the last insertForm could not apply on this Excel (e.g. print setup before ExcelApi 1.9). */
  skipped: string[] = [];
  private lastRead?: FormTarget;
  private readonly appraisal: AppraisalState = {};
  private readonly debounceMs: number;

  constructor(
    private readonly run: ExcelRunner = globalRun,
    private readonly options: ExcelHostOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 300;
  }

  private get requirements(): Requirements | undefined {
    return this.options.requirements ?? officeRequirements();
  }

  capabilities(): Capabilities {
    return detectCapabilities(this.requirements);
  }

  /**
   * Sync 1 of insertForm: the sheets, the workbook's names and the metadata sheet. Reading the metadata
   * sheet goes through getItemOrNullObject(...).getUsedRangeOrNullObject(); should this Excel refuse a
   * call on a null object, the batch fails only when the metadata sheet is absent, and one more sync
   * reads the rest (then no form exists to upgrade, so insertForm still stays within 3 syncs).
   */
  private async survey(ctx: Excel.RequestContext): Promise<WorkbookSurvey> {
    const customXml = supports(this.requirements, 'customXmlParts');
    const queue = (withMeta: boolean) => {
      const wb = ctx.workbook;
      const sheets = wb.worksheets.load('items/name,items/visibility');
      const names = wb.names.load(NAME_PROPS);
      const parts = customXml
        ? wb.customXmlParts.getByNamespace(FORMS_XML_NAMESPACE).load('items/id')
        : undefined;
      const meta = withMeta
        ? wb.worksheets
            .getItemOrNullObject(META_SHEET)
            .getUsedRangeOrNullObject(true)
            .load('address,values,formulas')
        : undefined;
      return { sheets, names, parts, meta };
    };
    let q = queue(true);
    try {
      await ctx.sync();
    } catch (error) {
      q = queue(false);
      await ctx.sync();
      if (q.sheets.items.some((s) => sameSheet(s.name, META_SHEET))) throw error;
    }
    const meta = q.meta && !q.meta.isNullObject ? q.meta : undefined;
    const origin = meta ? parseReference(meta.address) : null;
    return {
      sheets: q.sheets.items.map((s) => ({ name: s.name, visibility: String(s.visibility) })),
      names: namesOf(q.names),
      blocks: meta ? parseBlocks(meta.values, meta.formulas, origin?.row ?? 0, origin?.col ?? 0) : [],
      metaRows: meta ? (origin?.row ?? 0) + meta.values.length : 0,
      metaExists: q.sheets.items.some((s) => sameSheet(s.name, META_SHEET)),
      partIds: q.parts ? q.parts.items.map((p) => p.id) : [],
    };
  }

  async insertForm(input: SheetPlan): Promise<{ sheetName: string; upgraded: boolean }> {
    requireFeature(this.requirements, 'insertForm');
    return this.run(async (ctx) => {
      // Sync 1 (2 when this Excel refuses null-object chains and there is no metadata sheet yet).
      const survey = await this.survey(ctx);
      const block = formToUpgrade(survey, input.meta);
      // Sync 2, upgrades only.
      const old = block ? await readOldForm(ctx, block) : undefined;
      const actions = decideInsert(input, survey, old, uniqueSheetName);
      // Sync 3: everything else, in one batch.
      const skipped = this.queueInsert(ctx, actions);
      await syncRestoringEvents(ctx, supports(this.requirements, 'enableEvents'));
      this.skipped = skipped;
      return { sheetName: actions.sheetName, upgraded: actions.upgraded };
    });
  }

  /** Queues every write of insertForm (no sync); returns what this Excel could not apply. */
  private queueInsert(ctx: Excel.RequestContext, actions: InsertActions): string[] {
    const req = this.requirements;
    const wb = ctx.workbook;
    const { plan, sheetName } = actions;
    // Our own writes must not reach our onChanged handlers; before ExcelApi 1.8 they do, and the
    // pane merely re-reads the form once more (the handler is debounced).
    if (supports(req, 'enableEvents')) ctx.runtime.enableEvents = false;
    if (supports(req, 'suspendCalculation')) wb.application.suspendApiCalculationUntilNextSync();
    if (supports(req, 'pageLayout')) wb.application.suspendScreenUpdatingUntilNextSync();

    for (const name of actions.deleteNames) wb.names.getItem(name).delete();
    const oldSheet = actions.setAside ? setAside(wb, actions.setAside) : undefined;
    const sheet = wb.worksheets.add(sheetName);
    if (oldSheet) oldSheet.visibility = 'Hidden';

    const metaSheet = writeMetaBlock(wb, actions.meta);
    const spill = spillPlacer(actions.meta.spillRow, actions.meta.col);
    const spillList = (values: string[]) => {
      const at = spill(values.length);
      metaSheet.getRangeByIndexes(at.row, at.col, values.length, 1).values = values.map((v) => [
        textConstant(v),
      ]);
      return at.source;
    };

    // The form itself.
    const { skipped } = queuePlan(sheet, plan, {
      rangeAreas: supports(req, 'rangeAreas'),
      pageLayout: supports(req, 'pageLayout'),
      dataValidation: supports(req, 'dataValidation'),
      spillList,
    });

    const names = actions.scope === 'workbook' ? wb.names : sheet.names;
    for (const n of plan.names) names.add(n.name, sheet.getRangeByIndexes(n.row, n.col, 1, 1));
    names.add(META_NAME, metaSheet.getRangeByIndexes(0, actions.meta.col, plan.metaSheet.rows.length, 2));

    if (supports(req, 'customXmlParts')) {
      for (const id of actions.customXml.deleteIds) wb.customXmlParts.getItem(id).delete();
      wb.customXmlParts.add(actions.customXml.xml);
    } else skipped.push('custom XML part (ExcelApi 1.5)');

    sheet.activate();
    // Protection last: every write above goes to unprotected cells.
    if (plan.protect.password) sheet.protection.protect(protectionOptions, plan.protect.password);
    else sheet.protection.protect(protectionOptions);
    if (supports(req, 'enableEvents')) ctx.runtime.enableEvents = true;
    return skipped;
  }

  /**
   * One sync: the active sheet's name and used range, the workbook's and the sheet's names, and the
   * metadata sheet. A second sync only when this Excel refuses the null-object chain and there is no
   * metadata sheet, i.e. never for a form.
   */
  async readActive(): Promise<ActiveSheet> {
    const result = await this.run(async (ctx) => {
      const queue = (withMeta: boolean) => {
        const wb = ctx.workbook;
        const active = wb.worksheets.getActiveWorksheet().load('name');
        const used = active.getUsedRange(false).load('address,values');
        const workbookNames = wb.names.load(NAME_PROPS);
        const sheetNames = active.names.load(NAME_PROPS);
        const meta = withMeta
          ? wb.worksheets
              .getItemOrNullObject(META_SHEET)
              .getUsedRangeOrNullObject(true)
              .load('address,values,formulas')
          : undefined;
        const sheets = withMeta ? undefined : wb.worksheets.load('items/name');
        return { active, used, workbookNames, sheetNames, meta, sheets };
      };
      let q = queue(true);
      try {
        await ctx.sync();
      } catch (error) {
        q = queue(false);
        await ctx.sync();
        if (q.sheets!.items.some((s) => sameSheet(s.name, META_SHEET))) throw error;
      }
      const meta = q.meta && !q.meta.isNullObject ? q.meta : undefined;
      const origin = meta ? parseReference(meta.address) : null;
      const blocks = meta ? parseBlocks(meta.values, meta.formulas, origin?.row ?? 0, origin?.col ?? 0) : [];
      const sheetName = q.active.name;
      const read = resolveSheet(
        sheetName,
        { address: q.used.address, values: q.used.values },
        namesOf(q.workbookNames),
        namesOf(q.sheetNames),
        blocks,
      );
      return toActiveSheet(sheetName, read);
    });
    this.lastRead =
      result.kind === 'form'
        ? { sheetName: result.sheetName, addresses: result.addresses, meta: result.meta }
        : undefined;
    return result;
  }

  /** One sync: activate the form sheet and select the named cell (address from the last readActive). */
  async selectName(name: string): Promise<void> {
    const known = this.lastRead;
    const address = known?.addresses[name];
    await this.run(async (ctx) => {
      if (known && address) {
        const sheet = ctx.workbook.worksheets.getItem(known.sheetName);
        sheet.activate();
        sheet.getRange(address).select();
      } else ctx.workbook.worksheets.getActiveWorksheet().getRange(name).select(); // Excel resolves the name
      await ctx.sync();
    });
  }

  /** The form an appraisal is about: the last one read (appraisal.ts; docs/appraisal.md counts the syncs). */
  private appraisalTarget(sheetName?: string): FormTarget {
    if (!this.lastRead) throw new ExcelHostError(msg('appraisalNoFormRead'), 'unexpected');
    if (sheetName !== undefined && sheetName !== this.lastRead.sheetName)
      throw new ExcelHostError(msg('appraisalFormChanged', { sheet: sheetName }), 'unexpected');
    return this.lastRead;
  }

  async selectedCell(): Promise<{ sheetName: string; address: string } | undefined> {
    const { selectedCellInExcel } = await appraisalModule();
    return selectedCellInExcel(this.run);
  }

  async appraise(input: AppraiseInput) {
    const { appraiseInExcel } = await appraisalModule();
    return appraiseInExcel(
      this.run,
      this.requirements,
      this.appraisal,
      this.appraisalTarget(input.sheetName),
      input,
    );
  }

  async readAppraisals(criterionIds: string[]) {
    const { readAppraisalsInExcel } = await appraisalModule();
    return readAppraisalsInExcel(
      this.run,
      this.requirements,
      this.appraisal,
      this.appraisalTarget(),
      criterionIds,
    );
  }

  /**
   * Replace the add-in's consolidation sheets with `sheets`, and its very hidden data sheets with
   * `hidden` (report.ts: 2 syncs, more only past 5 MB). Loaded on first use, so the report writer is
   * not in the pane's initial bundle.
   */
  async writeReport(
    sheets: ReportSheet[],
    hidden: SheetDescription[] = [],
  ): Promise<{ sheetNames: string[] }> {
    const { writeReportSheets } = await import(/* webpackChunkName: "excel-report" */ './report');
    const { sheetNames, skipped } = await writeReportSheets(this.run, sheets, {
      requirements: this.requirements,
      hidden,
    });
    this.skipped = skipped;
    return { sheetNames };
  }

  /**
   * One sync to attach: onChanged and onSelectionChanged of the active sheet, onActivated of the
   * worksheets. On activation the sheet handlers move to the new sheet (one sync, in the event's own
   * context). Every event restarts one timer, so a burst (a 100-cell paste) calls onChange once.
   */
  async watch(onChange: () => void): Promise<() => void> {
    requireFeature(this.requirements, 'changeEvents');
    let timer: ReturnType<typeof setTimeout> | undefined;
    let detached = false;
    const poke = () => {
      if (detached) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        if (!detached) onChange();
      }, this.debounceMs);
    };
    const onChanged = async (e: Excel.WorksheetChangedEventArgs) => {
      if (e.triggerSource === 'ThisLocalAddin') return; // our own writes (ExcelApi 1.14)
      poke();
    };
    const onSelectionChanged = async () => poke();

    let context!: Excel.RequestContext;
    let sheetHandlers: OfficeExtension.EventHandlerResult<unknown>[] = [];
    let activated!: OfficeExtension.EventHandlerResult<Excel.WorksheetActivatedEventArgs>;
    const attach = (sheet: Excel.Worksheet) => {
      sheetHandlers = [
        sheet.onChanged.add(onChanged),
        sheet.onSelectionChanged.add(onSelectionChanged),
      ] as OfficeExtension.EventHandlerResult<unknown>[];
    };
    // Activations are handled one after another, so handlers never pile up on a sheet.
    let moving = Promise.resolve();
    const onActivated = async (e: Excel.WorksheetActivatedEventArgs) => {
      moving = moving
        .then(() =>
          this.run(context, async (ctx) => {
            if (detached) return;
            for (const h of sheetHandlers) h.remove();
            attach(ctx.workbook.worksheets.getItem(e.worksheetId));
            await ctx.sync();
          }),
        )
        .catch(() => undefined);
      await moving;
      poke();
    };

    await this.run(async (ctx) => {
      context = ctx;
      attach(ctx.workbook.worksheets.getActiveWorksheet());
      activated = ctx.workbook.worksheets.onActivated.add(onActivated);
      await ctx.sync();
    });

    return async () => {
      if (detached) return;
      detached = true;
      if (timer !== undefined) clearTimeout(timer);
      await moving;
      await this.run(context, async (ctx) => {
        for (const h of sheetHandlers) h.remove();
        activated.remove();
        await ctx.sync();
      });
    };
  }
}

/** Sync 2 of an upgrade: the old form's cells and its sheet-level names. */
async function readOldForm(ctx: Excel.RequestContext, block: MetaBlock): Promise<OldFormRead> {
  const sheet = ctx.workbook.worksheets.getItem(block.sheet!);
  const used = sheet.getUsedRange(false).load('address,values');
  // eslint-disable-next-line office-addins/no-empty-load -- the rule cannot see a named property list
  const own = sheet.names.load(NAME_PROPS);
  await ctx.sync();
  return { block, grid: { address: used.address, values: used.values }, sheetNames: namesOf(own) };
}

/** The old form's sheet: without its names and under another name (hidden once the new sheet exists). */
function setAside(wb: Excel.Workbook, aside: NonNullable<InsertActions['setAside']>): Excel.Worksheet {
  const sheet = wb.worksheets.getItem(aside.sheet);
  for (const name of aside.deleteNames) sheet.names.getItem(name).delete();
  sheet.name = aside.rename;
  return sheet;
}

/** The form's block on the very hidden metadata sheet (created when missing). */
function writeMetaBlock(wb: Excel.Workbook, meta: MetaBlockAction): Excel.Worksheet {
  const metaSheet = meta.create ? wb.worksheets.add(META_SHEET) : wb.worksheets.getItem(META_SHEET);
  metaSheet.visibility = 'VeryHidden';
  if (meta.clearRows > 0) metaSheet.getRangeByIndexes(0, meta.col, meta.clearRows, BLOCK_WIDTH - 1).clear();
  metaSheet.getRangeByIndexes(0, meta.col, meta.grid.length, 3).formulas = meta.grid as unknown as string[][];
  return metaSheet;
}

/** The last sync of a write; when it fails, events are switched back on before the error goes up. */
async function syncRestoringEvents(ctx: Excel.RequestContext, events: boolean): Promise<void> {
  try {
    await ctx.sync();
  } catch (error) {
    if (events) ctx.runtime.enableEvents = true;
    await ctx.sync().catch(() => undefined);
    throw error;
  }
}

const protectionOptions: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true,
  allowFormatRows: true,
  selectionMode: 'Normal',
};
