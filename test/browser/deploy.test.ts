/**
 * What an ICT department deploys: `npm run package -- --url https://127.0.0.1:<port>/scorecard/` into
 * test-output/deploy, the web files served by an ordinary static HTTPS server on this machine (a
 * self-signed certificate made with openssl) under that base path, and the pane opened in Chromium at
 * the address the packaged manifest names. Every request the page makes is recorded: it may go to its
 * own host under the base, or to Microsoft's Office.js CDN (answered from the @microsoft/office-js
 * package, as in production.test.ts) — never to localhost:3000 or anywhere else.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { t } from '../../src/i18n';
import {
  OFFICE_CDN,
  PROD_BUILD_DIR,
  ROOT,
  browserAvailability,
  buildProductionPane,
  launchBrowser,
  openPane,
  screenshotPath,
  serveStatic,
  type StaticServer,
} from './harness';

const OUT = path.join(ROOT, 'test-output/deploy');
const BASE_PATH = '/scorecard';

function opensslAvailability(): string | undefined {
  return spawnSync('openssl', ['version']).status === 0
    ? undefined
    : 'openssl not found (install Debian\'s "openssl" package)';
}

const availability = browserAvailability();
const missingTool = availability.reason ?? opensslAvailability();
const runHere = availability.run && (!missingTool || Boolean(process.env.CI));
const describeDeploy = runHere ? describe : describe.skip;
if (!runHere) console.warn(`Deployment browser test skipped: ${missingTool}`);

/** A self-signed certificate for 127.0.0.1, valid one day: what a department's test server might use. */
function selfSignedCertificate(): { cert: string; key: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'pipe' },
  );
  const pems = { cert: fs.readFileSync(cert, 'utf8'), key: fs.readFileSync(key, 'utf8') };
  fs.rmSync(dir, { recursive: true, force: true });
  return pems;
}

const manifestUrls = (xml: string) =>
  [...xml.matchAll(/\b(?:DefaultValue|Value)="(https?:\/\/[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));

describeDeploy('the packaged add-in, hosted under a base path over HTTPS', () => {
  let browser: Browser;
  let server: StaticServer;
  let base: string;
  let manifest: string;

  beforeAll(async () => {
    if (missingTool) throw new Error(missingTool);
    fs.rmSync(OUT, { recursive: true, force: true });
    // The server first (its port is part of the base), serving the folder the package is written to.
    server = await serveStatic(path.join(OUT, 'web'), { basePath: BASE_PATH, tls: selfSignedCertificate() });
    base = `${server.url}/`;
    // The production build the other suites share (`npm run build`), packaged with --web rather than
    // built a second time with --env deploy (which differs only by leaving out what --web leaves out).
    buildProductionPane();
    const args = ['--url', base, '--out', OUT, '--web', PROD_BUILD_DIR];
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/package.js'), ...args], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 400_000,
    });
    manifest = fs.readFileSync(path.join(OUT, 'manifest.xml'), 'utf8');
    browser = await launchBrowser();
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the packaged manifest validates offline and names only the given base', () => {
    const out = execFileSync(
      process.execPath,
      [path.join(ROOT, 'scripts/validate-manifest.js'), path.join(OUT, 'manifest.xml')],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(out).toContain('is valid (offline checks)');
    const urls = manifestUrls(manifest);
    expect(urls.length).toBeGreaterThanOrEqual(10);
    for (const url of urls) expect(url.startsWith(base)).toBe(true);
    expect(manifest).not.toContain('localhost');
    // The web files hold no development manifest and no source maps: only what the server should serve.
    const files = fs.readdirSync(path.join(OUT, 'web'), { recursive: true }) as string[];
    expect(files.filter((f) => /\.xml$|\.map$/.test(f))).toEqual([]);
    for (const f of files.filter((x) => /\.js$/.test(x)))
      expect(fs.readFileSync(path.join(OUT, 'web', f), 'utf8')).not.toContain('localhost:3000');
  });

  test('the web folder holds the build without development manifests or source maps', () => {
    const web = path.join(OUT, 'web');
    const files = fs.readdirSync(web, { recursive: true }).map(String);
    expect(files).toContain('taskpane.html');
    expect(files.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(3);
    expect(files.filter((f) => /^manifest.*\.xml$/.test(f) || f.endsWith('.map'))).toEqual([]);
    const pointing = files.filter(
      (f) => f.endsWith('.js') && fs.readFileSync(path.join(web, f), 'utf8').includes('sourceMappingURL='),
    );
    expect(pointing).toEqual([]);
    // The build itself has them: what --web leaves out is there to leave out.
    const built = fs.readdirSync(PROD_BUILD_DIR, { recursive: true }).map(String);
    expect(built.some((f) => f.endsWith('.map'))).toBe(true);
    expect(built).toContain('manifest.xml');
  });

  test("the pane opens at the manifest's address and renders; every request stays on its host or goes to Office.js", async () => {
    const source = /<SourceLocation DefaultValue="([^"]+)"/.exec(manifest)![1];
    expect(source).toBe(`${base}taskpane.html`);
    const session = await openPane(browser, server, '', {
      officeJsFromPackage: true,
      ignoreHTTPSErrors: true,
    });
    const { page } = session;
    try {
      expect(page.url()).toBe(source);
      await page.getByTestId('not-in-excel').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Đánh giá ứng dụng CNTT');
      // Lazily loaded views come from the same base path.
      await page.getByRole('tab', { name: 'Xếp hạng' }).click();
      await page.getByTestId('ranking-view').waitFor();
      await page.screenshot({ animations: 'disabled', path: screenshotPath('deploy-base-path-vi') });

      const own = session.requests.filter((u) => u.startsWith(base));
      const office = session.requests.filter((u) => u.startsWith(OFFICE_CDN));
      expect(session.requests.filter((u) => !own.includes(u) && !office.includes(u))).toEqual([]);
      expect(session.requests.some((u) => u.includes('localhost'))).toBe(false);
      expect(office).toContain(`${OFFICE_CDN}office.js`);
      expect(own).toEqual(
        expect.arrayContaining([
          source,
          expect.stringMatching(/\/taskpane\.[0-9a-f]{8}\.js$/),
          expect.stringMatching(/\/ranking\.[0-9a-f]{8}\.chunk\.js$/),
        ]),
      );
      expect(server.requested.every((p) => p.startsWith(`${BASE_PATH}/`))).toBe(true);
      expect(session.foreign).toEqual([]);
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });

  test("the ribbon's Ranking button address opens the ranking view", async () => {
    const ranking = manifestUrls(manifest).find((u) => u.includes('?view=ranking'))!;
    expect(ranking).toBe(`${base}taskpane.html?view=ranking`);
    const session = await openPane(browser, server, '?view=ranking', {
      officeJsFromPackage: true,
      ignoreHTTPSErrors: true,
    });
    try {
      expect(session.page.url()).toBe(ranking);
      await session.page.getByTestId('ranking-view').waitFor();
      expect(session.requests.filter((u) => !u.startsWith(base) && !u.startsWith(OFFICE_CDN))).toEqual([]);
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });

  test.each([
    [
      'Internet Explorer 11',
      'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko',
    ],
    [
      'Microsoft Edge Legacy (EdgeHTML)',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045',
    ],
  ])(
    'an old Office webview (%s) is told, in both languages, why the pane cannot run and what to use',
    async (engine, userAgent) => {
      const session = await openPane(browser, server, '', {
        officeJsFromPackage: true,
        ignoreHTTPSErrors: true,
        userAgent,
      });
      const { page } = session;
      try {
        const alert = page.getByTestId('old-webview');
        await alert.waitFor();
        const vi = await alert.locator('p[lang="vi"]').textContent();
        const en = await alert.locator('p[lang="en"]').textContent();
        expect(vi).toBe(t('vi', 'paneOldWebview', { engine }));
        expect(en).toBe(t('en', 'paneOldWebview', { engine }));
        expect(await page.locator('#root').innerHTML()).toBe('');
        await page.screenshot({
          animations: 'disabled',
          path: screenshotPath(`deploy-old-webview-${engine.split(' ')[0].toLowerCase()}`),
        });
        expect(session.errors).toEqual([]);
      } finally {
        await session.close();
      }
    },
  );

  test('a current webview (Edge WebView2 reports "Edg/") gets the pane, not the old-webview notice', async () => {
    const userAgent =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0';
    const session = await openPane(browser, server, '', {
      officeJsFromPackage: true,
      ignoreHTTPSErrors: true,
      userAgent,
    });
    try {
      await session.page.getByTestId('not-in-excel').waitFor();
      expect(await session.page.getByTestId('old-webview').count()).toBe(0);
    } finally {
      await session.close();
    }
  });
});
