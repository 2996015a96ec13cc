/**
 * The task pane in a real browser (Debian's Chromium, playwright-core), on the scripted host double:
 * insert flow → plan at the host; an invalid entry → an issue → its cell selected; the band badge at
 * the 450 boundary of Bình Thuận annex I; the language switch remembered across reloads; the ranking
 * view loaded lazily; a missing Excel feature explained; no console errors, no network, 320 px wide;
 * axe finds no serious or critical violation. Screenshots go to test-output/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { builtinRulebook } from '../../src/core/rulebook/builtin';
import { findAnnex } from '../../src/core/rulebook/load';
import { score } from '../../src/core/scoring/score';
import { formName } from '../../src/form/names';
import { readSubmission } from '../../src/form/read';
import type { FormMeta } from '../../src/form/types';
import { fullValues, lowerParts, type Values } from './fixtures/entries';
import type { DoubleLog } from './fixtures/host-double';
import {
  BUILD_DIR,
  browserAvailability,
  buildTestPane,
  launchBrowser,
  openPane,
  screenshotPath,
  serveStatic,
  type PaneSession,
  type StaticServer,
} from './harness';
import { seriousViolations } from './axe';

const availability = browserAvailability();
if (!availability.run) console.warn(`Browser tests skipped: ${availability.reason}`);
const describeBrowser = availability.run ? describe : describe.skip;

type Snapshot = DoubleLog & { plans: { sheetName: string; meta: FormMeta }[] };
const snapshot = (page: Page) => page.evaluate(() => window.__host.snapshot()) as Promise<Snapshot>;
const setValues = (page: Page, values: Values, notifications = 1) =>
  page.evaluate(([v, n]) => window.__host.setValues(v as Record<string, unknown>, n as number), [
    values,
    notifications,
  ] as const);

const rb = builtinRulebook('binh-thuan-2019')!;
const annexI = findAnnex(rb, 'I');
const YEAR = 2024;

/** What the engine says of these values (the expectations are computed, not typed in). */
function engineTotal(values: Values) {
  const meta = {
    rulebookId: rb.id,
    rulebookVersion: rb.version,
    rulebookHash: '',
    annex: 'I',
    unitId: 'x',
    unitName: 'x',
    year: YEAR,
    layoutVersion: 1,
  };
  return score(annexI, readSubmission(rb, meta, values).entries);
}

async function insertForm(page: Page, unitSearch: string, unitName: string) {
  await page.getByRole('tab', { name: 'Chèn phiếu' }).click();
  const unit = page.getByRole('combobox', { name: /Cơ quan, đơn vị/ });
  await unit.click();
  await unit.pressSequentially(unitSearch); // typed, as a user does: the list opens on typing
  await page.getByRole('option', { name: unitName }).click();
  await page.getByRole('textbox', { name: /Năm đánh giá/ }).fill(String(YEAR));
  await page.getByRole('button', { name: 'Chèn phiếu' }).click();
  await page.getByTestId('inserted').waitFor();
}

/** Retries `read` until `check` passes (the pane recomputes after a short quiet time), then asserts once more. */
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

/** Presses Tab until the focused control's label matches, proving it is reachable by keyboard. */
async function tabTo(page: Page, label: RegExp, maxPresses = 25): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return '';
      const ids = (el.getAttribute('aria-labelledby') ?? '').split(' ').filter(Boolean);
      const labels = [
        el.getAttribute('aria-label') ?? '',
        ...ids.map((id) => document.getElementById(id)?.textContent ?? ''),
        ...Array.from((el as HTMLInputElement).labels ?? []).map((l) => l.textContent ?? ''),
      ];
      // buttons, tabs and links are named by their text
      if (/^(BUTTON|A)$/.test(el.tagName)) labels.push(el.textContent ?? '');
      return labels
        .map((l) => l.trim())
        .filter(Boolean)
        .join(' | ');
    });
    seen.push(focused);
    if (label.test(focused)) return;
  }
  throw new Error(`${label} not reached with Tab; focus went through: ${seen.join(' → ')}`);
}

async function expectNoHorizontalScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(320);
}

describeBrowser('task pane in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let session: PaneSession | undefined;

  beforeAll(async () => {
    if (availability.reason) throw new Error(availability.reason); // CI without Chromium
    buildTestPane();
    server = await serveStatic(BUILD_DIR);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async () => {
    if (session) {
      // every test: no console errors, nothing fetched from the network, nothing wider than the pane
      expect(session.errors).toEqual([]);
      expect(session.foreign).toEqual([]);
      await session.close();
      session = undefined;
    }
  });

  test('inserting a form hands the host the plan for the chosen rulebook, annex, unit and year', async () => {
    session = await openPane(browser, server);
    const { page } = session;
    await expect(page.getByText('Chưa có trang tính nào đang mở.').isVisible()).resolves.toBe(true);
    await page.getByRole('tab', { name: 'Chèn phiếu' }).click();
    await page.getByTestId('insert-form').waitFor(); // the insert view loads on first use
    expect(await page.getByTestId('reconstructed').count()).toBe(0); // said after inserting, not before
    // submitting with no unit explains what is missing and inserts nothing
    await page.getByRole('button', { name: 'Chèn phiếu' }).click();
    await page.getByText('Hãy nhập hoặc chọn đơn vị.').waitFor();
    expect((await snapshot(page)).plans).toHaveLength(0);

    await insertForm(page, 'nội vụ', 'Sở Nội vụ');
    await page.getByTestId('reconstructed').waitFor();
    await page.screenshot({ animations: 'disabled', path: screenshotPath('insert-form-vi') });
    const log = await snapshot(page);
    expect(log.plans).toHaveLength(1);
    expect(log.plans[0].meta).toMatchObject({
      rulebookId: 'binh-thuan-2019',
      rulebookVersion: rb.version,
      annex: 'I',
      unitId: 'so-noi-vu',
      unitName: 'Sở Nội vụ',
      year: YEAR,
    });
    expect(await page.getByTestId('inserted').textContent()).toContain(log.plans[0].sheetName);
    await expectNoHorizontalScroll(page);

    await page.getByRole('button', { name: 'Xem kết quả' }).click();
    await page.getByTestId('form-result').waitFor();
    expect(await page.getByRole('heading', { name: 'Sở Nội vụ' }).isVisible()).toBe(true);
    expect(log.watchers).toBe(1);
  });

  test('an invalid entry shows its issue, and clicking the issue selects its cell', async () => {
    session = await openPane(browser, server);
    const { page } = session;
    await insertForm(page, 'tư pháp', 'Sở Tư pháp');
    await page.getByRole('tab', { name: 'Kết quả' }).click();
    const name = formName.input('1.4', 'value');
    await setValues(page, { ...fullValues(annexI), [name]: 'mười' });
    const issue = page.getByRole('button', { name: /Tiêu chí 1\.4: "mười" .* không phải là số/ });
    await issue.waitFor();
    await issue.click();
    await eventually(
      () => snapshot(page),
      (log) => expect(log.selected).toEqual([name]),
    );
    // keyboard: the issue is reachable and activated with Enter
    await issue.focus();
    await page.keyboard.press('Enter');
    await eventually(
      () => snapshot(page),
      (log) => expect(log.selected).toEqual([name, name]),
    );
    // fixing the value removes the issue
    await setValues(page, { [name]: 4 });
    await issue.waitFor({ state: 'detached' });
  });

  test('the band badge changes from Khá to Tốt when the total crosses 450', async () => {
    session = await openPane(browser, server, '?layout=beside', { width: 1280, height: 900 });
    const { page } = session;
    await insertForm(page, 'tài chính', 'Sở Tài chính');
    await page.getByRole('tab', { name: 'Kết quả' }).click();

    const manual = formName.input('4.10', 'points');
    const full = { ...fullValues(annexI), [manual]: 0 };
    const atFull = engineTotal(full).total;
    const below = lowerParts(annexI, full, atFull - 449.99);
    expect(engineTotal(below).total).toBe(449.99);
    expect(engineTotal({ ...below, [manual]: 0.01 }).total).toBe(450);

    // evidence still to give, so the screenshot shows the to-do list too (a to-do, not an error: the
    // total is a result, not provisional)
    const evidence = formName.evidence('2.1');
    await setValues(page, { ...below, [evidence]: '' }, 100);
    await eventually(
      () => page.getByTestId('total').textContent(),
      (v) => expect(v).toBe('449,99'),
    );
    expect(await page.getByTestId('band').textContent()).toBe('Khá');
    expect(await page.getByTestId('next-band').textContent()).toContain('0,01');
    expect(await page.getByTestId('provisional').count()).toBe(0);
    await page.getByTestId('todo-toggle').click();
    await page.getByRole('button', { name: /Tiêu chí 2\.1: cần ghi tài liệu kiểm chứng/ }).waitFor();
    await page.screenshot({ animations: 'disabled', path: screenshotPath('form-beside-pane-kha-vi') });

    const reads = (await snapshot(page)).reads;
    await setValues(page, { [manual]: 0.01 }, 100); // a burst of 100 change events
    await eventually(
      () => page.getByTestId('band').textContent(),
      (v) => expect(v).toBe('Tốt'),
    );
    expect(await page.getByTestId('total').textContent()).toBe('450');
    expect(await page.getByTestId('next-band').textContent()).toBe('Đã đạt mức cao nhất.');
    const after = (await snapshot(page)).reads;
    expect(after - reads).toBeGreaterThanOrEqual(1);
    expect(after - reads).toBeLessThanOrEqual(2); // coalesced: not one read per event
    await page.screenshot({ animations: 'disabled', path: screenshotPath('form-beside-pane-tot-vi') });
    const pane = page.locator('.pane-area');
    await pane.screenshot({ animations: 'disabled', path: screenshotPath('pane-320-filled-form-vi') });
  });

  test('a form can be inserted with the keyboard alone', async () => {
    session = await openPane(browser, server);
    const { page } = session;
    await tabTo(page, /^\s*Kết quả/); // the selected tab
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.getByTestId('insert-form').waitFor();
    await tabTo(page, /Cơ quan, đơn vị/);
    await page.keyboard.type('y tế');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await tabTo(page, /^\s*Chèn phiếu\s*$/); // the submit button (the tab's text is doubled by Fluent's reserved space)
    await page.keyboard.press('Enter');
    await page.getByTestId('inserted').waitFor();
    expect((await snapshot(page)).plans[0].meta).toMatchObject({
      annex: 'I',
      unitId: 'so-y-te',
      unitName: 'Sở Y tế',
    });
  });

  test('a sheet that is not a form is explained', async () => {
    session = await openPane(browser, server);
    const { page } = session;
    await page.evaluate(() => window.__host.addPlainSheet('Sheet1'));
    await page.getByTestId('not-form').waitFor();
    expect(await page.getByTestId('not-form').textContent()).toContain(
      'Trang "Sheet1" không phải phiếu đánh giá',
    );
  });

  test('the language switch works and is remembered after a reload', async () => {
    session = await openPane(browser, server);
    const { page } = session;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Đánh giá ứng dụng CNTT');
    await page.getByRole('button', { name: 'English' }).click();
    // the English catalogue is a chunk of its own: the switch completes once it has loaded
    await page.getByRole('heading', { level: 1, name: 'IT application scorecard' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('IT application scorecard');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'IT application scorecard' }).waitFor();
    await page.getByRole('tab', { name: 'Insert form' }).click();
    await page.getByRole('button', { name: 'Insert form' }).waitFor();
    await page.screenshot({ animations: 'disabled', path: screenshotPath('insert-form-en') });
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Đánh giá ứng dụng CNTT' }).waitFor();
  });

  test('the ranking button opens the lazily loaded ranking view', async () => {
    const before = server.requested.length;
    session = await openPane(browser, server, '?view=ranking');
    const { page } = session;
    await page.getByTestId('ranking-view').waitFor();
    expect(await page.getByRole('tab', { name: 'Xếp hạng' }).getAttribute('aria-selected')).toBe('true');
    expect(server.requested.slice(before).some((p) => /ranking.*\.js$/.test(p))).toBe(true);
  });

  test('an Excel without form insertion (ExcelApi 1.6) gets an explanation, not a failure', async () => {
    session = await openPane(browser, server, '?excelApi=1.6');
    const { page } = session;
    await page.getByRole('tab', { name: 'Chèn phiếu' }).click();
    await page.getByTestId('insert-unsupported').waitFor();
    expect(await page.getByTestId('insert-unsupported').textContent()).toContain('ExcelApi 1.7');
    expect(await page.getByRole('button', { name: 'Chèn phiếu' }).isDisabled()).toBe(true);
  });

  test('Excel 2019 (ExcelApi 1.7) inserts a form and is told what it lacks', async () => {
    session = await openPane(browser, server, '?excelApi=1.7');
    const { page } = session;
    await page.getByRole('tab', { name: 'Chèn phiếu' }).click();
    const limits = page.getByTestId('excel-limits');
    await limits.waitFor();
    expect(await limits.getByRole('listitem').count()).toBe(3);
    expect(await limits.textContent()).toContain('cần ExcelApi 1.8');
    await page.screenshot({ animations: 'disabled', path: screenshotPath('insert-excel-2019-vi') });
    await insertForm(page, 'công thương', 'Sở Công Thương');
    expect(await page.getByTestId('inserted').isVisible()).toBe(true);
  });

  test('axe finds no serious or critical accessibility violation', async () => {
    session = await openPane(browser, server);
    const { page } = session;
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('tab', { name: 'Chèn phiếu' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await insertForm(page, 'công thương', 'Sở Công Thương');
    await page.getByRole('tab', { name: 'Kết quả' }).click();
    await setValues(page, { ...fullValues(annexI), [formName.input('1.4', 'value')]: 'abc' });
    await page.getByTestId('issue').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await expectNoHorizontalScroll(page);
  });
});
