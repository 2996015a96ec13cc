/**
 * The browser-test harness: builds the pane's test bundle (webpack --env test, once for all suites:
 * test/helpers/pane-builds.ts), serves it from
 * 127.0.0.1 on a random port, and drives Debian's Chromium with playwright-core. Never downloads a
 * browser; the page may fetch nothing but the local server (any other request is recorded and aborted).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { paneBuild, paneBuildDir } from '../helpers/pane-builds';

export const ROOT = path.resolve(__dirname, '../..');
export const BUILD_DIR = paneBuildDir('test');
export const SCREENSHOTS = path.join(ROOT, 'test-output/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether the suite can run here; without Chromium it fails in CI and is skipped elsewhere. */
export function browserAvailability(): { run: boolean; reason?: string } {
  if (fs.existsSync(CHROMIUM)) return { run: true };
  const reason = `Chromium not found at ${CHROMIUM} (install Debian's "chromium" package)`;
  if (process.env.CI) return { run: true, reason }; // run, and let beforeAll fail loudly
  return { run: false, reason };
}

export const PROD_BUILD_DIR = paneBuildDir('production');
/** Microsoft's CDN for Office.js, and the same files as shipped in the @microsoft/office-js package. */
export const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
export const OFFICE_JS_DIR = path.join(
  path.dirname(require.resolve('@microsoft/office-js/package.json')),
  'dist',
);

/** The pane on the host double (test/browser/fixtures/pane-entry.tsx), no Office.js; built once per change. */
export function buildTestPane(): string {
  return paneBuild('test');
}

/** The production build (as `npm run build`), into test-output/pane-prod; built once per change. */
export function buildProductionPane(): void {
  paneBuild('production');
}

/** The pane on the host double, minified as in production; built once per change. */
export function buildProductionTestPane(): string {
  return paneBuild('test-production');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.json': 'application/json',
};

export interface StaticServer {
  url: string;
  /** Paths requested so far (to check lazily loaded chunks). */
  requested: string[];
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Serve the files under this path ("/scorecard"), as a department's web server may; 404 elsewhere. */
  basePath?: string;
  /** Serve over HTTPS with this certificate and key (PEM) instead of plain HTTP. */
  tls?: { cert: string; key: string };
}

export function serveStatic(dir: string, options: ServeOptions = {}): Promise<StaticServer> {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const requested: string[] = [];
  const handler: http.RequestListener = (req, res) => {
    const fullPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requested.push(fullPath);
    const inBase = fullPath === basePath || fullPath.startsWith(`${basePath}/`);
    const urlPath = inBase ? fullPath.slice(basePath.length) || '/' : '';
    const file = path.join(dir, urlPath === '/' ? 'taskpane.html' : urlPath);
    if (!inBase || !file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  const scheme = options.tls ? 'https' : 'http';
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `${scheme}://127.0.0.1:${port}${basePath}`,
        requested,
        close: () => new Promise((r) => server.close(() => r())),
      });
    }),
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface PaneSession {
  page: Page;
  /** console.error messages and uncaught page errors */
  errors: string[];
  /** requests to anything but the local server (aborted) */
  foreign: string[];
  /** every request the page made, in order, whatever became of it */
  requests: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  width?: number;
  height?: number;
  /** Answer requests for Microsoft's Office.js CDN from the local @microsoft/office-js package. */
  officeJsFromPackage?: boolean;
  /** Accept the server's self-signed certificate (a test server over HTTPS). */
  ignoreHTTPSErrors?: boolean;
  /** Pretend to be another browser (an old Office webview). */
  userAgent?: string;
}

/** A fresh browser context (empty local storage) showing the pane at 320 px wide. */
export async function openPane(
  browser: Browser,
  server: StaticServer,
  query = '',
  options: OpenOptions = {},
): Promise<PaneSession> {
  const {
    width = 320,
    height = 1000,
    officeJsFromPackage = false,
    ignoreHTTPSErrors = false,
    userAgent,
  } = options;
  const context = await browser.newContext({
    viewport: { width, height },
    locale: 'vi-VN',
    ignoreHTTPSErrors,
    ...(userAgent ? { userAgent } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  const foreign: string[] = [];
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url + '/')) return route.continue();
    if (officeJsFromPackage && url.startsWith(OFFICE_CDN)) {
      const file = path.join(OFFICE_JS_DIR, new URL(url).pathname.slice(new URL(OFFICE_CDN).pathname.length));
      if (file.startsWith(OFFICE_JS_DIR) && fs.existsSync(file) && fs.statSync(file).isFile())
        return route.fulfill({
          status: 200,
          contentType: 'text/javascript; charset=utf-8',
          body: fs.readFileSync(file),
        });
    }
    foreign.push(url);
    return route.abort();
  });
  await page.goto(`${server.url}/taskpane.html${query}`);
  return { page, errors, foreign, requests, close: () => context.close() };
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

/**
 * Clicks the centre of `target` with the mouse, as a person does, after checking that it is a target of
 * at least 24 px each way and that it is what the pointer is over there (not a layer on top of it).
 */
export async function click(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error(`${target} has no box`);
  expect({ target: String(target), width: box.width >= 24, height: box.height >= 24 }).toEqual({
    target: String(target),
    width: true,
    height: true,
  });
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  const covered = await target.evaluate(
    (el, [px, py]) => {
      const hit = document.elementFromPoint(px, py);
      return hit && (hit === el || el.contains(hit))
        ? ''
        : `covered by ${hit ? hit.outerHTML.slice(0, 200) : 'nothing'}`;
    },
    [x, y] as const,
  );
  expect({ target: String(target), covered }).toEqual({ target: String(target), covered: '' });
  await page.mouse.click(x, y);
}
