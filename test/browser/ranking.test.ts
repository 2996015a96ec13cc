/**
 * The ranking button's consolidation view in Chromium, on the scripted host double: real .xlsx forms
 * (planForm + writeFormXlsx, written by the test into a temporary folder) and a file that is not a
 * workbook are chosen with the file input; every file shows its progress, the result table per annex
 * and the invalid file's reason appear, and the host receives the "Tổng hợp" ReportSheet with a table
 * per annex. axe, no console errors, no network, 320 px; a screenshot.
 *
 * It also measures the half of "read in the browser vs insertWorksheetsFromBase64" that can be
 * measured without Excel (docs/ranking-button.md): the in-browser read speed of N generated forms
 * (printed, never asserted) and the base64 payload per form against the 5 MB request limit.
 */
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { builtinRulebook } from '../../src/core/rulebook/builtin';
import type { Rulebook } from '../../src/core/rulebook/schema';
import { t } from '../../src/i18n';
import { planForm } from '../../src/form/plan';
import { APPENDIX_SHEET, AWARDS_SHEET, SUMMARY_SHEET } from '../../src/report';
import type { ReportSheet } from '../../src/report/types';
import { writeFormXlsx } from '../../src/xlsx/write';
import { annexOf, entriesWorth } from '../core/ranking/fixtures';
import { HOSTILE } from '../report/fixtures';
import {
  buildTestPane,
  browserAvailability,
  launchBrowser,
  openPane,
  screenshotPath,
  serveStatic,
  type PaneSession,
  type StaticServer,
  click,
} from './harness';
import { seriousViolations } from './axe';

const availability = browserAvailability();
if (!availability.run) console.warn(`Browser tests skipped: ${availability.reason}`);
const describeBrowser = availability.run ? describe : describe.skip;

/**
 * The pane on the host double, in development mode, built once for the suites that share it (the read
 * speed printed below is the development build's: `npm run bench:pane` measures the minified pane).
 */
let BUILD = '';
function buildPane(): void {
  BUILD = buildTestPane();
}

const bt = builtinRulebook('binh-thuan-2019')!;
/** Noon on 13 September 2019: on time for the 15 September deadline. */
const RECEIVED = new Date(2019, 8, 13, 12);
const REQUEST_LIMIT = 5 * 1024 * 1024;

async function writeForm(
  dir: string,
  file: string,
  rb: Rulebook,
  annex: string,
  unit: { id: string; name: string },
  total: number,
): Promise<string> {
  const bytes = await writeFormXlsx(
    planForm(rb, annex, unit, 2019, { entries: entriesWorth(annexOf(rb, annex), total) }),
  );
  const p = path.join(dir, file);
  writeFileSync(p, bytes);
  utimesSync(p, RECEIVED, RECEIVED); // File.lastModified: never taken as the received date (no evidence of sending)
  return p;
}
const listed = (id: string) => {
  const u = bt.units.find((x) => x.id === id)!;
  return { id: u.id, name: u.name };
};

/**
 * Records every data-status a file row shows, in order, from now on. A mutation record keeps the value
 * the attribute had before it (oldValue): reading the attribute when the observer runs would see only the
 * latest, and lose a state the row showed in between.
 */
async function watchRowStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, string[]> = {};
    const note = (el: Element, status: string | null) => {
      const list = (seen[el.getAttribute('data-file') ?? ''] ??= []);
      if (status !== null && list[list.length - 1] !== status) list.push(status);
    };
    const current = (el: Element) => note(el, el.getAttribute('data-status'));
    document.querySelectorAll('[data-testid=file-row]').forEach(current);
    new MutationObserver((records) => {
      const rows = new Set<Element>();
      for (const r of records) {
        const target = r.target as Element;
        if (r.type === 'attributes' && target.getAttribute('data-testid') === 'file-row') {
          note(target, r.oldValue);
          rows.add(target);
        }
        r.addedNodes.forEach(
          (n) =>
            n instanceof Element &&
            n.querySelectorAll('[data-testid=file-row]').forEach((row) => rows.add(row)),
        );
      }
      rows.forEach(current);
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeOldValue: true,
      attributeFilter: ['data-status'],
    });
    (window as unknown as { __rowStates: typeof seen }).__rowStates = seen;
  });
}

const reports = (page: Page) => page.evaluate(() => window.__host.reports) as Promise<ReportSheet[][]>;

describeBrowser('the ranking button in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let session: PaneSession | undefined;
  let dir: string;
  let forms: string[];
  let notWorkbook: string;

  beforeAll(async () => {
    if (availability.reason) throw new Error(availability.reason);
    buildPane();
    server = await serveStatic(BUILD);
    browser = await launchBrowser();
    dir = mkdtempSync(path.join(tmpdir(), 'scorecard-ranking-'));
    forms = [
      await writeForm(dir, 'PL-I-so-noi-vu.xlsx', bt, 'I', listed('so-noi-vu'), 480),
      await writeForm(dir, 'PL-I-so-tu-phap.xlsx', bt, 'I', listed('so-tu-phap'), 455),
      await writeForm(dir, 'PL-I-so-tai-chinh.xlsx', bt, 'I', listed('so-tai-chinh'), 455),
      await writeForm(dir, 'PL-III-la.xlsx', bt, 'III', { id: '', name: HOSTILE[0] }, 470),
      await writeForm(dir, 'PL-IV-phan-thiet.xlsx', bt, 'IV', listed('tp-phan-thiet'), 449.99),
      await writeForm(dir, 'PL-IV-bac-binh.xlsx', bt, 'IV', listed('bac-binh'), 300),
    ];
    notWorkbook = path.join(dir, 'bao-cao.pdf');
    writeFileSync(notWorkbook, '%PDF-1.4 không phải bảng tính');
  }, 660_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async () => {
    if (session) {
      expect(session.errors).toEqual([]);
      expect(session.foreign).toEqual([]);
      await session.close();
      session = undefined;
    }
  });

  test('several forms and a non-workbook: progress per file, a table per annex, the reason, "Tổng hợp" at the host', async () => {
    session = await openPane(browser, server, '?view=ranking');
    const { page } = session;
    await page.getByTestId('ranking-view').waitFor();
    const beforeStart = server.requested.length;
    expect(await seriousViolations(page)).toEqual([]);

    await page
      .getByTestId('files-input')
      .setInputFiles([...forms.slice(0, 3), notWorkbook, ...forms.slice(3)]);
    const rows = page.getByTestId('file-row');
    await rows.nth(6).waitFor();
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(
      Array(7).fill('queued'),
    );
    await watchRowStates(page);
    await page.getByTestId('start-ranking').click();
    await page.getByTestId('written').waitFor({ timeout: 30_000 });

    // every file went from queued to its end state in the pane's DOM, through "reading" where React
    // rendered it: a file read before the next render (the worker's two messages handled in one batch,
    // on a loaded machine) never shows it, so it is required of the batch, not of each row
    const states = (await page.evaluate(
      () => (window as unknown as { __rowStates: Record<string, string[]> }).__rowStates,
    )) as Record<string, string[]>;
    const routes = (end: string) => [
      ['queued', 'reading', end],
      ['queued', end],
    ];
    for (const f of forms) expect(routes('ok')).toContainEqual(states[path.basename(f)]);
    expect(routes('invalid')).toContainEqual(states['bao-cao.pdf']);
    expect(Object.values(states).filter((s) => s.includes('reading')).length).toBeGreaterThan(0);
    expect(
      await page
        .locator('[data-testid=file-row][data-file="bao-cao.pdf"] [data-testid=file-reason]')
        .textContent(),
    ).toBe(t('vi', 'xlsxNotZip'));
    expect(await page.getByTestId('overall-progress').getAttribute('aria-label')).toBe(
      t('vi', 'paneRankingCount', { done: 7, total: 7, invalid: 1 }),
    );
    // the reader came as its own chunk (the worker's), only once reading started
    expect(server.requested.slice(0, beforeStart).some((p) => /reader-worker/.test(p))).toBe(false);
    expect(server.requested.slice(beforeStart).some((p) => /reader-worker.*\.js$/.test(p))).toBe(true);

    // the compact result: a table per annex, ranks and bands
    const tables = page.getByTestId('annex-result');
    expect(await tables.evaluateAll((els) => els.map((e) => e.getAttribute('data-annex')))).toEqual([
      'I',
      'III',
      'IV',
    ]); // annexes with a form
    const annexI = tables.nth(0).getByTestId('ranking-row');
    expect(await annexI.nth(0).textContent()).toContain('Sở Nội vụ');
    expect(await annexI.nth(0).getByTestId('ranking-band').textContent()).toBe('Tốt');
    expect(await annexI.nth(1).locator('td').first().textContent()).toBe('2');
    expect(await annexI.nth(2).locator('td').first().textContent()).toBe('2'); // a tie shares the rank
    expect(await tables.nth(1).getByTestId('ranking-row').first().textContent()).toContain(HOSTILE[0]); // shown as text
    expect(
      await tables.nth(2).getByTestId('ranking-row').nth(0).getByTestId('ranking-band').textContent(),
    ).toBe('Khá'); // 449.99, just below Tốt
    const invalid = page.getByTestId('invalid-file');
    expect(await invalid.count()).toBe(1);
    expect(await invalid.textContent()).toContain('bao-cao.pdf');
    expect(await invalid.textContent()).toContain(t('vi', 'xlsxNotZip'));
    expect(await page.getByTestId('received-source').textContent()).toBe(t('vi', 'reportReceivedNone'));
    // No received-dates list: lateness is not judged, and the pane says so once.
    expect(await page.getByText(t('vi', 'rankWarnNoReceivedDates')).count()).toBe(1);

    // the host received the sheet: "Tổng hợp", one table per annex, the hostile name as a text value
    const got = await reports(page);
    expect(got).toHaveLength(1);
    const [sheet] = got[0];
    expect(got[0]).toHaveLength(1);
    expect(sheet.sheetName).toBe('Tổng hợp');
    const rankHeaders = sheet.cells.filter((c) => c.style === 'th' && c.value === t('vi', 'reportColRank'));
    expect(rankHeaders).toHaveLength(4);
    expect(sheet.charts.map((c) => c.annex)).toEqual(['I', 'III', 'IV']);
    expect(sheet.cells.some((c) => c.value === HOSTILE[0] && c.formula === undefined)).toBe(true);

    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ animations: 'disabled', fullPage: true, path: screenshotPath('ranking-vi') });
  });

  test('after a ranking at 320 px: the next milestone and its timeline, the stage documents written, the result files downloaded', async () => {
    session = await openPane(browser, server, '?view=ranking', { width: 320, height: 640 });
    const { page } = session;
    await page.getByTestId('ranking-view').waitFor();
    await page.getByTestId('files-input').setInputFiles(forms.slice(0, 5));
    const asOf = page.getByTestId('as-of');
    await click(page, asOf);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('23/09/2019');
    await click(page, page.getByTestId('start-ranking'));
    await page.getByTestId('written').waitFor({ timeout: 30_000 });

    const preliminary = bt.schedule.milestones!.find((m) => m.id === 'preliminary')!;
    expect(await page.getByTestId('round-next').textContent()).toBe(
      t('vi', 'paneRoundNext', { title: preliminary.title, date: '30/09/2019', days: 5 }),
    );
    const items = page.getByTestId('round-item');
    expect(await items.first().isVisible()).toBe(false); // the timeline is on demand
    await click(page, page.locator('[data-testid=round-timeline] summary'));
    expect(await items.first().isVisible()).toBe(true);
    await page.getByTestId('round-milestone').scrollIntoViewIfNeeded();
    await page.screenshot({ animations: 'disabled', path: screenshotPath('ranking-milestone-vi') });
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual([
      'past',
      'next',
      'upcoming',
      'upcoming',
      'upcoming',
      'upcoming',
    ]);

    // final (the default) → the three sheets at the host; then preliminary → the council's report
    await click(page, page.getByTestId('stage-write'));
    await page.getByTestId('stage-written').waitFor();
    let got = await reports(page);
    expect(got.map((r) => r.map((s) => s.sheetName))).toEqual([
      [SUMMARY_SHEET],
      [SUMMARY_SHEET, APPENDIX_SHEET, AWARDS_SHEET],
    ]);
    await click(page, page.getByRole('radio', { name: t('vi', 'paneStagePreliminary') }));
    await click(page, page.getByTestId('stage-write'));
    await page.waitForFunction(() => window.__host.reports.length === 3);
    got = await reports(page);
    expect(got[2].map((s) => s.sheetName)).toEqual([SUMMARY_SHEET]);

    // the result files: the writer's chunk only now, a .zip of one .xlsx per unit
    const before = session.requests.length;
    expect(session.requests.some((u) => /unit-results.*\.js$/.test(u))).toBe(false);
    await click(page, page.getByTestId('results-make'));
    const link = page.getByTestId('results-download');
    await link.waitFor({ timeout: 60_000 });
    expect(session.requests.slice(before).some((u) => /unit-results.*\.js$/.test(u))).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, link)]);
    expect(download.suggestedFilename()).toBe('ketqua_binh-thuan-2019_2019-09-23.zip');
    const zip = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    for (const name of Object.keys(zip)) expect(name).toMatch(/^ketqua_(I|III|IV)_[a-z0-9-]+\.xlsx$/);
    for (const name of [
      'ketqua_I_so-noi-vu.xlsx',
      'ketqua_I_so-tu-phap.xlsx',
      'ketqua_IV_tp-phan-thiet.xlsx',
    ])
      expect(Object.keys(zip)).toContain(name);
    expect(Object.keys(zip)).toHaveLength(5);

    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.getByTestId('stage-documents').scrollIntoViewIfNeeded();
    await page.screenshot({ animations: 'disabled', path: screenshotPath('ranking-documents-vi') });
  }, 120_000);

  test("the files are read in a Web Worker: the pane's thread never loads the reader, and a click is handled while reading", async () => {
    const N = 60;
    const paths: string[] = [];
    for (let i = 0; i < N; i++)
      paths.push(
        await writeForm(
          dir,
          `tho-${String(i + 1).padStart(2, '0')}.xlsx`,
          bt,
          'III',
          { id: '', name: `Đơn vị đọc song song ${i + 1}` },
          300 + i,
        ),
      );
    session = await openPane(browser, server, '?view=ranking', { width: 320, height: 900 });
    const { page } = session;
    await page.getByTestId('ranking-view').waitFor();
    await page.getByTestId('files-input').setInputFiles(paths);
    await page
      .getByTestId('file-row')
      .nth(N - 1)
      .waitFor();
    // Another control on the page: its handler notes how many files were still unread when it ran.
    await page.evaluate(() => {
      const probe = document.createElement('button');
      probe.textContent = 'probe';
      probe.dataset.testid = 'probe';
      probe.style.cssText = 'position:fixed;right:0;bottom:0;width:48px;height:48px;z-index:100000';
      probe.onclick = () => {
        const unread = '[data-testid=file-row]:not([data-status=ok]):not([data-status=invalid])';
        (window as unknown as { __unreadAtClick: number }).__unreadAtClick =
          document.querySelectorAll(unread).length;
      };
      document.body.append(probe);
    });
    const beforeStart = server.requested.length;
    await page.getByTestId('start-ranking').click();
    await page.locator('[data-testid=file-row][data-status=reading]').first().waitFor();
    const workers = page.workers().map((w) => w.url());
    await page.getByTestId('probe').click();
    await page.getByTestId('written').waitFor({ timeout: 120_000 });

    expect(await page.locator('[data-testid=file-row][data-status=ok]').count()).toBe(N);
    const unreadAtClick = await page.evaluate(
      () => (window as unknown as { __unreadAtClick?: number }).__unreadAtClick,
    );
    expect(unreadAtClick).toBeGreaterThan(0); // handled before the last file was read
    expect(workers.some((u) => /reader-worker/.test(u))).toBe(true);
    const loaded = server.requested.slice(beforeStart);
    expect(loaded.some((p) => /reader-worker.*\.js$/.test(p))).toBe(true);
    // the pane's own thread never loaded the reader chunk (its fallback): it read nothing. Asked of the
    // page's resource timing, which lists what this thread loaded and not what the worker loaded (a
    // development build's worker loads that chunk too).
    const pageLoaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(pageLoaded.some((p) => /reader-client.*\.js$/.test(p))).toBe(true);
    expect(pageLoaded.some((p) => /xlsx-reader.*\.js$/.test(p))).toBe(false);
    expect((await reports(page))[0][0].sheetName).toBe('Tổng hợp');
  }, 240_000);

  test('measured: reading N generated forms in the browser (files/s, printed) and their base64 payload against 5 MB', async () => {
    const N = 100;
    const iv = bt.units.filter((u) => u.annex === 'IV');
    const paths: string[] = [];
    for (let i = 0; i < N; i++) {
      const annex = ['I', 'III', 'IV'][i % 3];
      const unit =
        annex === 'IV' && i < iv.length * 3
          ? { id: iv[(i / 3) | 0].id, name: iv[(i / 3) | 0].name }
          : { id: '', name: `Đơn vị thử nghiệm số ${i + 1}` };
      paths.push(
        await writeForm(
          dir,
          `do-${String(i + 1).padStart(3, '0')}.xlsx`,
          bt,
          annex,
          unit,
          320 + ((i * 37) % 170),
        ),
      );
    }
    session = await openPane(browser, server, '?view=ranking', { width: 320, height: 900 });
    const { page } = session;
    await page.getByTestId('files-input').setInputFiles(paths);
    await page
      .getByTestId('file-row')
      .nth(N - 1)
      .waitFor();
    const started = Date.now();
    await page.getByTestId('start-ranking').click();
    await page.getByTestId('written').waitFor({ timeout: 120_000 });
    const wall = Date.now() - started;
    const speed = page.getByTestId('files');
    const readMs = Number(await speed.getAttribute('data-read-ms'));
    expect(Number(await speed.getAttribute('data-files'))).toBe(N);
    expect(await page.locator('[data-testid=file-row][data-status=ok]').count()).toBe(N);

    const sizes = paths.map((p) => statSync(p).size);
    const mean = sizes.reduce((a, b) => a + b, 0) / N;
    const base64 = (bytes: number) => 4 * Math.ceil(bytes / 3);
    const perForm = base64(mean);
    const lines = [
      `In-browser read (Chromium, production build on the host double): ${N} forms in ${readMs} ms = ${((N * 1000) / Math.max(1, readMs)).toFixed(1)} files/s` +
        ` (start → sheet at the host: ${wall} ms)`,
      `Form size: mean ${(mean / 1024).toFixed(1)} KB, max ${(Math.max(...sizes) / 1024).toFixed(1)} KB; as base64 ${(perForm / 1024).toFixed(1)} KB per form` +
        ` → at most ${Math.floor(REQUEST_LIMIT / perForm)} forms per 5 MB request; ${N} forms = ${((perForm * N) / 1024 / 1024).toFixed(2)} MB of base64`,
    ];
    console.log(lines.join('\n'));
    expect(perForm).toBeLessThan(REQUEST_LIMIT); // one form always fits one request
    const got = await reports(page);
    expect(got[0][0].sheetName).toBe('Tổng hợp');
  }, 240_000);
});
