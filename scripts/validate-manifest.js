#!/usr/bin/env node
/**
 * `npm run validate -- [manifest.xml] [--online]`: offline checks of a manifest (the repository's by
 * default, or a packaged deploy/manifest.xml — then the files it names are looked for in the web/
 * folder beside it); with --online, also Microsoft's validation service through office-addin-manifest
 * (needs the internet, so never part of CI).
 */
'use strict';
const { existsSync, statSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');
const { spawnSync } = require('node:child_process');
const { checkManifest } = require('./manifest-check');

const fail = (vi, en, code) => {
  console.error(`${vi} / ${en}`);
  process.exit(code);
};

/** The packaged web files beside a manifest (deploy/manifest.xml → deploy/web), if there are any. */
function webRootBeside(manifest) {
  const web = join(dirname(manifest), 'web');
  return existsSync(join(web, 'taskpane.html')) ? web : undefined;
}

(async () => {
  const args = process.argv.slice(2);
  const unknown = args.find((a) => a.startsWith('-') && a !== '--online');
  if (unknown)
    fail(
      `Tùy chọn không hợp lệ: ${unknown} (dùng: npm run validate -- [tệp kê khai] [--online])`,
      `Unknown option: ${unknown} (usage: npm run validate -- [manifest] [--online])`,
      2,
    );
  const files = args.filter((a) => !a.startsWith('-'));
  if (files.length > 1) fail('Chỉ kiểm tra một tệp kê khai mỗi lần', 'Give one manifest at a time', 2);
  const manifest = resolve(files[0] || join(__dirname, '..', 'manifest.xml'));
  if (!existsSync(manifest) || !statSync(manifest).isFile())
    fail(`Không tìm thấy tệp kê khai ${manifest}`, `Manifest not found: ${manifest}`, 2);

  const webRoot = webRootBeside(manifest);
  const problems = await checkManifest(manifest, { webRoot });
  if (problems.length) {
    console.error(`Tệp kê khai ${manifest} có lỗi / The manifest has problems:`);
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  const files_ = webRoot ? ` (tệp web ở / web files in ${webRoot})` : '';
  console.log(`${manifest} hợp lệ (kiểm tra ngoại tuyến) / is valid (offline checks)${files_}.`);
  if (args.includes('--online')) {
    const r = spawnSync('npx', ['office-addin-manifest', 'validate', manifest], {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    process.exit(r.status ?? 1);
  }
})().catch((e) => fail('Không kiểm tra được tệp kê khai', `Could not check the manifest: ${e.message}`, 1));
