/**
 * `npm run package` and `npm run validate -- <manifest>` without building: the base address is read
 * strictly (https only, no query, refused with a reason in both languages), the deployment manifest
 * names nothing but that base, keeps the repository's Id and states its Version, and the offline
 * checks pass on it and fail on broken copies. The full packaging run (webpack) and the pane served
 * from it are tested in test/browser/deploy.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MINIMUM_EXCEL_API } from '../../src/excel/capabilities';

const ROOT = join(__dirname, '..', '..');
/* eslint-disable @typescript-eslint/no-require-imports */
const deploy = require(join(ROOT, 'scripts', 'deploy-manifest.js')) as {
  parseBaseUrl(text?: string): { base?: string; origin?: string; error?: { vi: string; en: string } };
  manifestVersion(text: string): string | undefined;
  manifestIdentity(xml: string): { id: string; version: string };
  deploymentManifest(xml: string, o: { base: string; origin: string; version?: string; id?: string }): string;
};
const check = require(join(ROOT, 'scripts', 'manifest-check.js')) as {
  checkManifest(file: string, o?: { base?: string; webRoot?: string }): Promise<string[]>;
  MINIMUM_EXCEL_API: string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const devXml = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const repoId = deploy.manifestIdentity(devXml).id;
const BASE = 'https://cntt.example.gov.vn/danh-gia/';
const dir = mkdtempSync(join(tmpdir(), 'scorecard-deploy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A packaged layout without webpack: the manifest, and a web/ folder with the files it names. */
function packagedCopy(name: string, xml: string): string {
  const out = join(dir, name);
  mkdirSync(join(out, 'web'), { recursive: true });
  cpSync(join(ROOT, 'assets'), join(out, 'web', 'assets'), { recursive: true });
  for (const page of ['taskpane.html', 'commands.html'])
    writeFileSync(join(out, 'web', page), '<!doctype html>');
  writeFileSync(join(out, 'manifest.xml'), xml);
  return join(out, 'manifest.xml');
}

const packaged = (base = BASE, extra: { version?: string; id?: string } = {}) => {
  const url = deploy.parseBaseUrl(base);
  return deploy.deploymentManifest(devXml, { base: url.base!, origin: url.origin!, ...extra });
};

describe('the base address', () => {
  test.each([
    ['https://cntt.example.gov.vn/danh-gia/', 'https://cntt.example.gov.vn/danh-gia/'],
    ['https://cntt.example.gov.vn/danh-gia', 'https://cntt.example.gov.vn/danh-gia/'],
    ['https://CNTT.Example.gov.vn', 'https://cntt.example.gov.vn/'],
    ['https://10.0.0.5:8443/addin/', 'https://10.0.0.5:8443/addin/'],
  ])('%s → %s', (input, base) => {
    expect(deploy.parseBaseUrl(input)).toEqual({ base, origin: new URL(base).origin });
  });

  test.each([
    ['http://cntt.example.gov.vn/', 'HTTPS', 'HTTPS'],
    ['ftp://cntt.example.gov.vn/', 'https://', 'https://'],
    ['cntt.example.gov.vn/danh-gia', 'không phải địa chỉ web hợp lệ', 'not a valid web address'],
    ['https://', 'không phải địa chỉ web hợp lệ', 'not a valid web address'],
    ['https://cntt.example.gov.vn/?v=2', '?tham số', '?query'],
    ['https://cntt.example.gov.vn/#top', '#neo', '#fragment'],
    ['https://admin:pw@cntt.example.gov.vn/', 'tên đăng nhập', 'user name'],
    ['', 'Thiếu địa chỉ gốc', 'missing'],
  ])('%s is refused with a reason in both languages', (input, vi, en) => {
    const { error, base } = deploy.parseBaseUrl(input);
    expect(base).toBeUndefined();
    expect(error!.vi).toContain(vi);
    expect(error!.en).toContain(en);
  });

  test('versions: three or four numbers, else refused', () => {
    expect(deploy.manifestVersion('1.2.3')).toBe('1.2.3.0');
    expect(deploy.manifestVersion('2.0.0.7')).toBe('2.0.0.7');
    for (const bad of ['1.2', 'v1.2.3', '1.2.3.4.5', '']) expect(deploy.manifestVersion(bad)).toBeUndefined();
  });
});

describe('the deployment manifest', () => {
  test('every URL lies under the base; the app domain is its origin; nothing points at localhost', () => {
    const xml = packaged();
    const urls = [...xml.matchAll(/\b(?:DefaultValue|Value)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThanOrEqual(10);
    for (const url of urls) expect(url.startsWith(BASE)).toBe(true);
    expect(urls).toContain(`${BASE}taskpane.html`);
    expect(urls).toContain(`${BASE}taskpane.html?view=ranking`);
    expect([...xml.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => m[1])).toEqual([
      'https://cntt.example.gov.vn',
    ]);
    expect(xml).not.toContain('localhost');
  });

  test("the Id is the repository's on every run; the Version is stated, or the one asked for", () => {
    expect(repoId).toMatch(/^[0-9a-f-]{36}$/);
    expect(deploy.manifestIdentity(packaged())).toEqual(deploy.manifestIdentity(devXml));
    expect(deploy.manifestIdentity(packaged(BASE, { version: '1.0.3.0' }))).toEqual({
      id: repoId,
      version: '1.0.3.0',
    });
    const own = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(deploy.manifestIdentity(packaged(BASE, { id: own })).id).toBe(own);
    expect(packaged()).toBe(packaged());
  });

  test('asks for ExcelApi 1.7, the set the add-in starts with (Office 2019)', () => {
    expect(check.MINIMUM_EXCEL_API).toBe(MINIMUM_EXCEL_API);
    expect(packaged()).toContain(`<Set Name="ExcelApi" MinVersion="${MINIMUM_EXCEL_API}"/>`);
  });

  test('passes the offline checks, with every file it names present beside it', async () => {
    const file = packagedCopy('ok', packaged());
    expect(await check.checkManifest(file, { base: BASE, webRoot: join(dir, 'ok', 'web') })).toEqual([]);
    // Without being told the base, the checks take the task pane's folder as the base.
    expect(await check.checkManifest(file, { webRoot: join(dir, 'ok', 'web') })).toEqual([]);
  });

  test('the offline checks fail on a foreign URL, an http URL, a missing file, a higher requirement set', async () => {
    const xml = packaged();
    const problems = async (name: string, edit: (x: string) => string) => {
      const file = packagedCopy(name, edit(xml));
      return check.checkManifest(file, { webRoot: join(dir, name, 'web') });
    };
    expect(
      await problems('foreign', (x) =>
        x.replace(`${BASE}commands.html`, 'https://cdn.example.com/commands.html'),
      ),
    ).toEqual([`URL outside the add-in's base ${BASE}: https://cdn.example.com/commands.html`]);
    expect(
      await problems('http', (x) =>
        x.replace(`${BASE}assets/icon-16.png`, 'http://cntt.example.gov.vn/danh-gia/assets/icon-16.png'),
      ),
    ).toEqual(
      expect.arrayContaining(['URL is not https: http://cntt.example.gov.vn/danh-gia/assets/icon-16.png']),
    );
    expect(
      await problems('missing', (x) => x.replace(`${BASE}assets/icon-80.png`, `${BASE}assets/icon-81.png`)),
    ).toEqual([`file not found for ${BASE}assets/icon-81.png: assets/icon-81.png`]);
    expect(
      await problems('minversion', (x) => x.replace('MinVersion="1.7"/>', 'MinVersion="1.8"/>')),
    ).toEqual([expect.stringContaining('ExcelApi MinVersion 1.8 is above 1.7')]);
    expect(
      await problems('domain', (x) =>
        x.replace(
          '<AppDomain>https://cntt.example.gov.vn</AppDomain>',
          '<AppDomain>https://evil.example</AppDomain>',
        ),
      ),
    ).toEqual([expect.stringContaining('AppDomain https://evil.example')]);
  });
});

describe('the commands', () => {
  const node = (script: string, ...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], { cwd: dir, encoding: 'utf8' });

  test.each([
    ['--url', 'http://cntt.example.gov.vn/'],
    ['--url', 'not a url'],
    [],
    ['--url', BASE, '--version', 'v2'],
    ['--url', BASE, '--id', 'abc'],
    ['--wat'],
  ])('npm run package %j refuses with one bilingual line and exit code 2, before building', (...args) => {
    const r = node('package.js', ...args);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^[^/]*\S.* \/ \S.*$/);
    expect(r.stdout).not.toContain('webpack');
  });

  test('npm run validate -- <manifest> checks the given manifest and the web files beside it', () => {
    const good = packagedCopy('cli-ok', packaged());
    const r = node('validate-manifest.js', good);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('is valid (offline checks)');
    expect(r.stdout).toContain(join(dir, 'cli-ok', 'web'));

    const bad = packagedCopy(
      'cli-bad',
      packaged().replace(`${BASE}commands.html`, 'http://localhost:3000/commands.html'),
    );
    const b = node('validate-manifest.js', bad);
    expect(b.status).toBe(1);
    expect(b.stderr).toContain('URL is not https: http://localhost:3000/commands.html');

    const none = node('validate-manifest.js', join(dir, 'nowhere.xml'));
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('Manifest not found');
  });

  test("npm run validate with no argument still checks the repository's manifest", () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'validate-manifest.js')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(out).toContain(`${join(ROOT, 'manifest.xml')} hợp lệ`);
  });
});
