#!/usr/bin/env node
'use strict';
/**
 * `npm run screenshots`: the pictures of the user guides, made by the programs, never drawn by hand.
 *
 *  1. Runs the browser tests (jest test/browser): the pane in Debian's Chromium saves its screenshots
 *     to test-output/screenshots/ (insert-form-vi, form-beside-pane-kha-vi, ranking-vi, …).
 *  2. Runs the demo into a temporary folder and has LibreOffice (headless) export three workbooks to
 *     HTML — the ranking workbook ("Tổng hợp"), a review packet and the "Bộ tiêu chí" authoring
 *     workbook — which the same Chromium photographs: tong-hop-vi, phieu-tham-dinh-vi, bo-tieu-chi-vi.
 *  3. Copies every image the guides use (`](images/<name>.png)` in docs/user-guide.*.md) from
 *     test-output/screenshots/ to docs/images/, and removes images no guide uses. A guide image that
 *     was not produced is an error (exit 1): the guide would show a stale or missing picture.
 *
 *   node scripts/screenshots.js [--no-tests]   (--no-tests: keep the pane screenshots already made)
 *
 * Needs /usr/bin/chromium (or CHROMIUM_PATH) and soffice (or SOFFICE), as the tests do.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');

const ROOT = path.join(__dirname, '..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const IMAGES = path.join(ROOT, 'docs', 'images');
const GUIDES = ['user-guide.vi.md', 'user-guide.en.md'].map((f) => path.join(ROOT, 'docs', f));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const say = (vi, en) => console.log(`${vi} / ${en}`);
function fail(vi, en) {
  console.error(`${vi} / ${en}`);
  process.exit(1);
}

/** The images the guides use: `](images/<name>.png)`. */
function guideImages() {
  const names = new Set();
  for (const g of GUIDES) {
    if (!fs.existsSync(g)) continue;
    for (const m of fs.readFileSync(g, 'utf8').matchAll(/\]\(images\/([\w.-]+\.png)\)/g)) names.add(m[1]);
  }
  return [...names].sort();
}

function findSoffice() {
  for (const c of [
    process.env.SOFFICE,
    'soffice',
    'libreoffice',
    '/usr/bin/soffice',
    '/usr/lib/libreoffice/program/soffice',
  ]) {
    if (!c) continue;
    if (c.includes('/')) {
      if (fs.existsSync(c)) return c;
    } else {
      const r = spawnSync('sh', ['-c', `command -v ${c}`], { encoding: 'utf8' });
      if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
    }
  }
  return undefined;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: opts.quiet ? 'pipe' : 'inherit',
    timeout: opts.timeout ?? 600_000,
  });
  if (r.status !== 0)
    fail(
      `Lệnh thất bại: ${cmd} ${args.join(' ')}`,
      `Command failed: ${cmd} ${args.join(' ')}${r.stderr ? `\n${r.stderr.slice(-2000)}` : ''}`,
    );
  return r;
}

/** The browser tests save the pane's screenshots (their own assertions must pass too). */
function paneScreenshots() {
  say('Chạy kiểm thử trình duyệt (ảnh chụp ngăn tác vụ)…', 'Running the browser tests (pane screenshots)…');
  run(process.execPath, [require.resolve('jest/bin/jest'), 'test/browser']);
}

/** The workbooks to photograph: the demo's ranking workbook, one review packet, the authoring workbook. */
function workbooks(tmp) {
  const scorecard = path.join(ROOT, 'bin', 'scorecard.js');
  const demo = JSON.parse(
    run(process.execPath, [path.join(__dirname, 'demo.js'), '--out', path.join(tmp, 'mau'), '--json'], {
      quiet: true,
    }).stdout,
  );
  const bt = demo.rankings.find((r) => r.rulebook === 'binh-thuan-2019');
  const round = demo.samples.find((s) => s.rulebook === 'binh-thuan-2019');
  const packets = path.join(tmp, 'tham-dinh');
  run(
    process.execPath,
    [
      scorecard,
      'packets',
      'export',
      round.dir,
      '--received',
      round.manifest,
      '--reviewer',
      '3=Sở Nội vụ',
      '-o',
      packets,
    ],
    { quiet: true },
  );
  const authoring = path.join(tmp, 'bo-tieu-chi.xlsx');
  run(process.execPath, [scorecard, 'rulebook', 'export', '--rulebook', 'binh-thuan-2019', '-o', authoring], {
    quiet: true,
  });
  return [
    { name: 'tong-hop-vi', file: bt.workbook, width: 1700, height: 980 },
    {
      name: 'phieu-tham-dinh-vi',
      file: path.join(packets, 'thamdinh_I_nhom3.xlsx'),
      width: 1700,
      height: 900,
    },
    { name: 'bo-tieu-chi-vi', file: authoring, width: 1700, height: 760 },
  ];
}

/** LibreOffice exports each workbook to HTML (one soffice run, a throw-away profile); Chromium photographs the top. */
async function sheetScreenshots() {
  const soffice = findSoffice();
  if (!soffice)
    fail(
      'Không tìm thấy LibreOffice (soffice).',
      'LibreOffice (soffice) not found: install libreoffice-calc-nogui or set SOFFICE.',
    );
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-shots-'));
  const books = workbooks(tmp);
  for (const b of books)
    if (!fs.existsSync(b.file)) fail(`Không có tệp ${b.file}.`, `${b.file} was not made.`);
  say('LibreOffice xuất bảng tính ra HTML…', 'LibreOffice exports the workbooks to HTML…');
  const html = path.join(tmp, 'html');
  const profile = pathToFileURL(path.join(tmp, 'profile')).href;
  run(
    soffice,
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      'html',
      '--outdir',
      html,
      ...books.map((b) => b.file),
    ],
    { quiet: true, timeout: 180_000 },
  );
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const b of books) {
      const page = await browser.newPage({ viewport: { width: b.width, height: b.height } });
      // Only the exported page and its own images: nothing from the network.
      await page.route('**/*', (route) =>
        route.request().url().startsWith('file:') ? route.continue() : route.abort(),
      );
      await page.goto(pathToFileURL(path.join(html, `${path.basename(b.file, '.xlsx')}.html`)).href);
      // A workbook of several sheets starts with LibreOffice's list of sheets: start at the first sheet.
      const top = await page.evaluate(() => {
        const h = [...document.querySelectorAll('h1')].find((e) =>
          /^Sheet 1\b/.test((e.textContent || '').trim()),
        );
        return h ? Math.floor(h.getBoundingClientRect().top + window.scrollY) : 0;
      });
      await page.screenshot({
        path: path.join(SHOTS, `${b.name}.png`),
        fullPage: true,
        clip: { x: 0, y: top, width: b.width, height: b.height },
      });
      await page.close();
    }
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Copy what the guides use; drop what they no longer use. */
function publish() {
  const wanted = guideImages();
  const missing = wanted.filter((n) => !fs.existsSync(path.join(SHOTS, n)));
  if (missing.length)
    fail(
      `Chưa có ảnh: ${missing.join(', ')}`,
      `Not produced: ${missing.join(', ')} (in ${path.relative(ROOT, SHOTS)})`,
    );
  fs.mkdirSync(IMAGES, { recursive: true });
  for (const n of wanted) fs.copyFileSync(path.join(SHOTS, n), path.join(IMAGES, n));
  for (const n of fs.readdirSync(IMAGES)) if (!wanted.includes(n)) fs.rmSync(path.join(IMAGES, n));
  say(
    `Đã chép ${wanted.length} ảnh vào docs/images/: ${wanted.join(', ')}`,
    `Copied ${wanted.length} images into docs/images/`,
  );
}

async function main() {
  if (!fs.existsSync(CHROMIUM))
    fail(
      `Không tìm thấy Chromium ở ${CHROMIUM}.`,
      `Chromium not found at ${CHROMIUM} (install Debian's "chromium" or set CHROMIUM_PATH).`,
    );
  if (!process.argv.includes('--no-tests')) paneScreenshots();
  await sheetScreenshots();
  publish();
}

module.exports = { guideImages };

if (require.main === module)
  main().catch((e) => {
    console.error(`Lỗi không mong đợi / Unexpected error: ${e && e.stack ? e.stack : e}`);
    process.exit(2);
  });
