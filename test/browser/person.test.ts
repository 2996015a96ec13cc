/**
 * The pane as an official and an ICT officer meet it, in Chromium, at the pane's real widths (320 and
 * 450 px), in the production build on the host double: every click is a real mouse click at the centre
 * of the element, after checking that the element is the one under the pointer (a layer left over a
 * closed drop-down would take the click instead) and that it is a target of at least 24 × 24 px;
 * keyboard paths with Tab and Enter; a screenshot of the visible viewport after each step of the main
 * flows (insert, fill, read results, rank, appraise, rulebooks) into test-output/screenshots/person-*;
 * no view scrolls sideways; axe finds nothing serious.
 */
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { builtinRulebook } from '../../src/core/rulebook/builtin';
import { findAnnex } from '../../src/core/rulebook/load';
import { parseReceivedManifest } from '../../src/core/ranking/received';
import { formName } from '../../src/form/names';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import { annexOf, entriesWorth } from '../core/ranking/fixtures';
import { fullValues, type Values } from './fixtures/entries';
import type { DoubleLog } from './fixtures/host-double';
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
 * The pane on the host double, in development mode (React's warnings reach the console), built once for
 * the suites that share it: a minified build of its own would cost the suite run ~50 s more.
 */
let BUILD = '';
function buildPane(): void {
  BUILD = buildTestPane();
}

const bt = builtinRulebook('binh-thuan-2019')!;
const annexI = findAnnex(bt, 'I');
const WIDTHS = [320, 450] as const;

// ---- acting as a person ---------------------------------------------------------------------------

/** Clicks into a text field and types, replacing what it holds. */
async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await click(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

/** A screenshot of what the person sees (the viewport, not the full page). */
async function shoot(page: Page, width: number, step: string): Promise<void> {
  await page.screenshot({ animations: 'disabled', path: screenshotPath(`person-${width}-${step}`) });
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const el = document.scrollingElement!;
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
  });
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

/** Labels for screen readers left in English by a component library while the pane speaks Vietnamese. */
async function expectNoEnglishLabels(page: Page): Promise<void> {
  const labels = await page
    .locator('[aria-label]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  expect(labels.filter((l) => /^(Open|Close|Clear selection|Dismiss|Remove|More)\b/.test(l))).toEqual([]);
}

/** Opens a view by its tab, or through the "more" menu when the tab did not fit. */
async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  if (await tab.isVisible()) return click(page, tab);
  await click(page, page.getByTestId('more-tabs'));
  await click(page, page.getByRole('menuitem', { name, exact: true }));
}

/** Presses Tab until the focused element's text or label matches; returns the number of presses. */
async function tabTo(page: Page, label: RegExp, maxPresses: number): Promise<number> {
  const seen: string[] = [];
  for (let i = 1; i <= maxPresses; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.getAttribute('aria-label') ?? ''} ${el.textContent ?? ''}`.trim() : '';
    });
    seen.push(focused);
    if (label.test(focused)) return i;
  }
  throw new Error(`${label} not reached in ${maxPresses} Tab presses: ${seen.join(' → ')}`);
}

type Snapshot = DoubleLog & { plans: { sheetName: string }[] };
const snapshot = (page: Page) => page.evaluate(() => window.__host.snapshot()) as Promise<Snapshot>;
const setValues = (page: Page, values: Values) =>
  page.evaluate((v) => window.__host.setValues(v as Record<string, unknown>), values);

/** Retries until `check` passes (the pane recomputes after a short quiet time). */
async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => void,
  timeoutMs = 5000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** The insert flow with the mouse: annex, unit, year, "Chèn phiếu"; screenshots when `width` is given. */
async function insertAsPerson(
  page: Page,
  unitSearch: string,
  unitName: string,
  width?: number,
): Promise<void> {
  await page.getByTestId('insert-form').waitFor();
  if (width) await shoot(page, width, '02-insert-empty');

  // the annex drop-down: open, the pane is still there underneath, pick, and nothing is left on top
  await click(page, page.getByRole('combobox', { name: /Phụ lục/ }));
  const option = page.getByRole('option', { name: annexI.title });
  await option.waitFor();
  if (width) await shoot(page, width, '03-annex-open');
  const title = page.getByRole('heading', { level: 1 });
  expect(
    await title.evaluate((el) =>
      el.contains(
        document.elementFromPoint(el.getBoundingClientRect().x + 4, el.getBoundingClientRect().y + 4),
      ),
    ),
  ).toBe(true);
  await click(page, option);
  await option.waitFor({ state: 'hidden' });

  const unit = page.getByRole('combobox', { name: /Cơ quan, đơn vị/ });
  await click(page, unit);
  await page.keyboard.type(unitSearch);
  await click(page, page.getByRole('option', { name: unitName }));
  await typeInto(page, page.getByRole('textbox', { name: /Năm đánh giá/ }), '2019');
  if (width) await shoot(page, width, '04-insert-filled');
  // the click helper checks that the button, not a leftover pop-up layer, is under the pointer
  await click(page, page.getByRole('button', { name: 'Chèn phiếu', exact: true }));
  await page.getByTestId('inserted').waitFor();
}

/** Two forms of Sở Y tế (one a duplicate) and one of Sở Nội vụ, received on time: written once for both widths. */
let received: Promise<string[]> | undefined;
function receivedForms(dir: string): Promise<string[]> {
  const write = async (file: string, unitId: string, total: number) => {
    const u = bt.units.find((x) => x.id === unitId)!;
    const p = path.join(dir, file);
    writeFileSync(
      p,
      await writeFormXlsx(
        planForm(bt, 'I', { id: u.id, name: u.name }, 2019, {
          entries: entriesWorth(annexOf(bt, 'I'), total),
        }),
      ),
    );
    const on = new Date(2019, 8, 13, 12);
    utimesSync(p, on, on);
    return p;
  };
  received ??= (async () => [
    await write('y-te-lan-1.xlsx', 'so-y-te', 430),
    await write('y-te-lan-2.xlsx', 'so-y-te', 470),
    await write('noi-vu.xlsx', 'so-noi-vu', 455),
  ])();
  return received;
}

describeBrowser('the pane as a person uses it, at 320 and 450 px', () => {
  let browser: Browser;
  let server: StaticServer;
  let session: PaneSession | undefined;
  let dir: string;

  beforeAll(async () => {
    if (availability.reason) throw new Error(availability.reason);
    buildPane();
    server = await serveStatic(BUILD);
    browser = await launchBrowser();
    dir = mkdtempSync(path.join(tmpdir(), 'scorecard-person-'));
  }, 480_000);

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

  describe.each(WIDTHS)('%i px', (width) => {
    test('an official inserts a form, fills it, reads and fixes it', async () => {
      session = await openPane(browser, server, '', { width, height: 900 });
      const { page } = session;
      // the title on one line, the tabs on one row
      const h1 = await page.getByRole('heading', { level: 1 }).boundingBox();
      expect(h1!.height).toBeLessThan(30);
      const tabBoxes = await page
        .getByRole('tab')
        .evaluateAll((els) =>
          els.filter((e) => (e as HTMLElement).offsetParent).map((e) => e.getBoundingClientRect().top),
        );
      expect(new Set(tabBoxes).size).toBe(1);
      await page.getByTestId('no-sheet').waitFor();
      await shoot(page, width, '01-start');
      await expectNoSidewaysScroll(page);

      // the empty pane offers the next step
      await click(page, page.getByTestId('no-sheet').getByRole('button', { name: 'Chèn phiếu' }));
      await insertAsPerson(page, 'nội vụ', 'Sở Nội vụ', width);
      await shoot(page, width, '05-inserted');
      await expectNoSidewaysScroll(page);
      expect((await snapshot(page)).plans).toHaveLength(1);
      expect(await seriousViolations(page)).toEqual([]);
      await expectNoEnglishLabels(page);

      // a blank form: nothing is wrong yet, there is a lot to fill in, in one count
      await click(page, page.getByRole('button', { name: 'Xem kết quả' }));
      await page.getByTestId('form-result').waitFor();
      expect(await page.getByTestId('errors').getByRole('heading').textContent()).toBe('Lỗi cần sửa (0)');
      const todoHeading = (await page.getByTestId('todo').getByRole('heading').first().textContent()) ?? '';
      expect(todoHeading).toMatch(/^Còn \d+ mục chưa nhập$/);
      expect(Number(/\d+/.exec(todoHeading)![0])).toBeGreaterThan(20);
      expect(await page.getByTestId('issue').count()).toBe(0); // collapsed: Tab does not walk through them
      await shoot(page, width, '06-blank-form');
      await expectNoSidewaysScroll(page);

      // keyboard: from the selected tab, "next to fill" is a few Tab presses away, and Enter goes there
      await page.getByRole('tab', { name: 'Kết quả' }).focus();
      expect(await tabTo(page, /Đến mục tiếp theo cần nhập/, 8)).toBeLessThanOrEqual(8);
      await page.keyboard.press('Enter');
      await eventually(
        () => snapshot(page),
        (log) => expect(log.selected).toHaveLength(1),
      );
      await page.keyboard.press('Enter');
      await eventually(
        () => snapshot(page),
        (log) => expect(log.selected).toHaveLength(2),
      );
      const [first, second] = (await snapshot(page)).selected;
      expect(first).not.toBe(second); // "next" moves on

      // the official fills the form, with a word typed in a number cell
      const wrong = formName.input('1.4', 'value');
      await setValues(page, { ...fullValues(annexI), [wrong]: 'mười' });
      const error = page
        .getByTestId('errors')
        .getByRole('button', { name: /Tiêu chí 1\.4: "mười" .* không phải là số/ });
      await error.waitFor();
      expect(await page.getByTestId('provisional').textContent()).toBe(
        'Tạm tính — còn 1 lỗi: tổng điểm và xếp loại chưa phải kết quả.',
      );
      expect(await page.getByTestId('todo').getByRole('heading').first().textContent()).toBe(
        'Đã nhập đủ các mục.',
      );
      await page.getByTestId('total-card').scrollIntoViewIfNeeded();
      await shoot(page, width, '07-error-provisional');
      await click(page, error);
      await eventually(
        () => snapshot(page),
        (log) => expect(log.selected[log.selected.length - 1]).toBe(wrong),
      );
      expect(await seriousViolations(page)).toEqual([]);

      // fixed: the total and band are a result again
      await setValues(page, { [wrong]: 4 });
      await page.getByTestId('provisional').waitFor({ state: 'detached' });
      expect(await page.getByTestId('band').textContent()).toBe('Tốt');
      await page.getByTestId('total-card').scrollIntoViewIfNeeded();
      await shoot(page, width, '08-fixed');
      await expectNoSidewaysScroll(page);
    }, 60_000);

    test('an ICT officer ranks received forms: file names by duplicates, no band without a rank, the deadline, a dates template', async () => {
      const forms = await receivedForms(dir);

      session = await openPane(browser, server, '', { width, height: 900 });
      const { page } = session;
      await openTab(page, 'Xếp hạng');
      await page.getByTestId('ranking-view').waitFor();
      await shoot(page, width, '10-ranking-empty');
      await expectNoSidewaysScroll(page);

      const chooser = page.waitForEvent('filechooser');
      await click(page, page.getByRole('button', { name: 'Chọn tệp phiếu…' }));
      await (await chooser).setFiles(forms);
      await page.getByTestId('file-row').nth(2).waitFor();

      // the date is day-first whatever the browser's language; a wrong one is explained
      const asOf = page.getByRole('textbox', { name: /Tính đến ngày/ });
      await typeInto(page, asOf, '09/30/2019');
      await page.getByText('Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 16/09/2019.').waitFor();
      expect(await page.getByTestId('start-ranking').isDisabled()).toBe(true);
      await typeInto(page, asOf, '30/09/2019');
      await shoot(page, width, '11-ranking-files');

      // the received-dates template: the columns the reader accepts, a row per chosen file
      const template = page.getByTestId('manifest-template');
      expect(await template.getAttribute('download')).toBe('danh-sach-ngay-nhan.csv');
      const { csv, bom } = await template.evaluate(async (a) => {
        const bytes = new Uint8Array(await (await fetch((a as HTMLAnchorElement).href)).arrayBuffer());
        return { csv: new TextDecoder().decode(bytes), bom: [...bytes.slice(0, 3)] };
      });
      expect(bom).toEqual([0xef, 0xbb, 0xbf]); // so that Excel opens it as UTF-8
      expect(csv.split(/\r\n/)[0]).toBe('Tệp,Ngày nhận');
      const filled = csv.replace(/,\r\n/g, ',16/09/2019\r\n');
      expect([...parseReceivedManifest(filled, 'csv').entries.keys()].sort()).toEqual(
        forms.map((f) => path.basename(f)).sort(),
      );

      await click(page, page.getByTestId('start-ranking'));
      await page.getByTestId('written').waitFor({ timeout: 30_000 });
      await page.getByTestId('ranking-result').scrollIntoViewIfNeeded();
      await shoot(page, width, '12-ranking-result');
      const rows = page.getByTestId('ranking-row');
      expect(await rows.count()).toBe(3);
      // the two rows of Sở Y tế say which file each is; the duplicate has neither rank nor band
      expect((await page.getByTestId('ranking-file').allTextContents()).sort()).toEqual([
        'y-te-lan-1.xlsx',
        'y-te-lan-2.xlsx',
      ]);
      const duplicate = page.locator('[data-testid=ranking-row][data-status=duplicate]');
      expect(await duplicate.getByTestId('ranking-band').count()).toBe(0);
      expect(await duplicate.getByTestId('ranking-status').textContent()).toBe('Trùng');
      expect(
        await page
          .locator('[data-testid=ranking-row][data-status=ranked]')
          .getByTestId('ranking-status')
          .count(),
      ).toBe(0);
      expect(await page.getByTestId('deadline').first().textContent()).toContain('15/09/2019');
      expect(await page.getByText(/tệp\/giây|giây/).count()).toBe(0);
      await page.getByTestId('deadline').first().scrollIntoViewIfNeeded();
      await shoot(page, width, '13-ranking-table');
      await expectNoSidewaysScroll(page);
      await expectNoEnglishLabels(page);
      expect(await seriousViolations(page)).toEqual([]);
    }, 90_000);

    test('a council member appraises a criterion in reviewer mode', async () => {
      session = await openPane(browser, server, '', { width, height: 900 });
      const { page } = session;
      await openTab(page, 'Chèn phiếu');
      await insertAsPerson(page, 'y tế', 'Sở Y tế');
      await setValues(page, fullValues(annexI));
      await openTab(page, 'Thẩm định');
      await page.getByTestId('reviewer-view').waitFor();
      await shoot(page, width, '20-appraisal-start');
      await expectNoSidewaysScroll(page);

      await typeInto(page, page.getByTestId('reviewer-body'), 'Sở Nội vụ');
      await typeInto(page, page.getByTestId('reviewer-name'), 'Nguyễn Thị Bông');
      const criterion = page.getByTestId('criterion-select');
      await click(page, criterion);
      await page.keyboard.press('Escape');
      await criterion.selectOption('1.4');
      await page.getByTestId('appraisal-form').waitFor();
      await typeInto(page, page.getByTestId('appraisal-points'), '2');
      await typeInto(page, page.getByTestId('appraisal-comment'), 'Chưa có văn bản chứng minh.');
      await page.getByTestId('appraisal-save').scrollIntoViewIfNeeded();
      await shoot(page, width, '21-appraisal-filled');
      await click(page, page.getByTestId('appraisal-save'));
      await page.getByText(/Đã ghi thẩm định tiêu chí 1\.4/).waitFor();

      // recorded as the Excel host does: the cells, a comment on the self-score cell, a log row
      const recorded = await page.evaluate(() => ({
        values: window.__host.values(),
        log: window.__host.appraisalLog.map((r) => ({
          criterion: r.criterionId,
          points: r.points,
          name: r.name,
        })),
        threads: [...window.__host.threads.values()].map((th) => th.messages.map((m) => m.body)),
      }));
      expect(recorded.values[formName.appraisal('1.4')]).toBe(2);
      expect(recorded.log).toEqual([{ criterion: '1.4', points: 2, name: 'Nguyễn Thị Bông' }]);
      expect(recorded.threads).toHaveLength(1);
      expect(recorded.threads[0][0]).toContain('Chưa có văn bản chứng minh.');
      await page.getByTestId('appraisal-thread').waitFor();
      await page.getByTestId('appraisal-thread').scrollIntoViewIfNeeded();
      await shoot(page, width, '22-appraisal-saved');
      await expectNoSidewaysScroll(page);
      await expectNoEnglishLabels(page);
      expect(await seriousViolations(page)).toEqual([]);
    }, 60_000);

    test('an ICT officer opens the rulebooks view: titles and decisions, within the pane', async () => {
      session = await openPane(browser, server, '', { width, height: 900 });
      const { page } = session;
      await openTab(page, 'Bộ tiêu chí');
      await page.getByTestId('rulebook-view').waitFor();
      await shoot(page, width, '30-rulebooks');
      await expectNoSidewaysScroll(page);
      const options = await page.getByTestId('compare-older').locator('option').allTextContents();
      expect(options).toContain('Bình Thuận – 1867/QĐ-UBND (23/07/2019)');
      for (const o of options) expect(o).not.toMatch(/@|binh-thuan|gia-lai|dong-nai/);
      expect(await page.getByText(/biên dịch/i).count()).toBe(0);
      await click(page, page.getByTestId('compare'));
      await page.getByTestId('diff').waitFor({ timeout: 30_000 });
      await shoot(page, width, '31-rulebooks-compared');
      await expectNoSidewaysScroll(page);
      await expectNoEnglishLabels(page);
      expect(await seriousViolations(page)).toEqual([]);
    }, 60_000);
  });

  test('at 320 px the tabs that do not fit are reached with the keyboard through the "more" menu', async () => {
    session = await openPane(browser, server, '', { width: 320, height: 900 });
    const { page } = session;
    // The tab bar measures itself after the first paint: wait until it has moved tabs into the menu.
    await page.getByTestId('more-tabs').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.getByRole('tab', { name: 'Bộ tiêu chí', exact: true }).isVisible()).toBe(false);
    // From the top of the pane, as a keyboard user starts: the title's language switch, the tabs, then "Thêm…".
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, /^Thêm…$/, 8);
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Bộ tiêu chí' }).waitFor();
    await shoot(page, 320, '32-tabs-menu');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('rulebook-view').waitFor();
    // the chosen tab joins the row, selected
    expect(
      await page.getByRole('tab', { name: 'Bộ tiêu chí', exact: true }).getAttribute('aria-selected'),
    ).toBe('true');
    await expectNoSidewaysScroll(page);
  });

  test("assistive labels of the drop-downs are in the pane's language", async () => {
    session = await openPane(browser, server, '', { width: 320, height: 900 });
    const { page } = session;
    await openTab(page, 'Chèn phiếu');
    await page.getByTestId('insert-form').waitFor();
    const labels = await page
      .locator('[aria-label]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(labels.filter((l) => /^(Open|Clear selection)\b/.test(l ?? ''))).toEqual([]);
    expect(labels).toContain('Mở danh sách Cơ quan, đơn vị');
  });
});
