/**
 * The production build (`npm run build`) in Chromium, as Excel's webview would load it — except that
 * Office.js is answered from the @microsoft/office-js package instead of Microsoft's CDN, and there is
 * no Excel around it (Office.onReady reports no host). The page must load only its own bundle and
 * Office.js, render the pane, and explain that it needs Excel.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import {
  OFFICE_CDN,
  PROD_BUILD_DIR,
  browserAvailability,
  buildProductionPane,
  launchBrowser,
  openPane,
  screenshotPath,
  serveStatic,
  type StaticServer,
} from './harness';

const availability = browserAvailability();
const describeBrowser = availability.run ? describe : describe.skip;

describeBrowser('production build in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    if (availability.reason) throw new Error(availability.reason);
    buildProductionPane();
    server = await serveStatic(PROD_BUILD_DIR);
    browser = await launchBrowser();
  }, 620_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('taskpane.html loads only its own bundle and Office.js', () => {
    const html = fs.readFileSync(path.join(PROD_BUILD_DIR, 'taskpane.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]+)"|([^\s>]+))/g)].map(
      (m) => m[1] ?? m[2],
    );
    expect(scripts).toHaveLength(3);
    expect(scripts[0]).toBe(`${OFFICE_CDN}office.js`);
    // ES5, before the bundle: explains an Office webview too old for the pane (Internet Explorer 11).
    expect(scripts[1]).toMatch(/^old-webview\.[0-9a-f]{8}\.js$/);
    expect(scripts[2]).toMatch(/^taskpane\.[0-9a-f]{8}\.js$/);
    expect(fs.existsSync(path.join(PROD_BUILD_DIR, 'manifest.xml'))).toBe(true);
    for (const size of [16, 32, 64, 80, 128])
      expect(fs.existsSync(path.join(PROD_BUILD_DIR, `assets/icon-${size}.png`))).toBe(true);
  });

  test('outside Excel the pane renders and says it needs Excel', async () => {
    const session = await openPane(browser, server, '', { officeJsFromPackage: true });
    const { page } = session;
    try {
      await page.getByTestId('not-in-excel').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Đánh giá ứng dụng CNTT');
      await page.getByRole('tab', { name: 'Chèn phiếu' }).click();
      await page.getByRole('button', { name: 'Chèn phiếu' }).waitFor();
      expect(await page.getByRole('button', { name: 'Chèn phiếu' }).isDisabled()).toBe(true);
      await page.screenshot({ animations: 'disabled', path: screenshotPath('production-outside-excel-vi') });
      expect(session.foreign).toEqual([]);
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
