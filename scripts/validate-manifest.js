#!/usr/bin/env node
// `npm run validate`: offline checks of manifest.xml; with --online, also Microsoft's validation
// service through office-addin-manifest (needs the internet).
'use strict';
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');
const { checkManifest } = require('./manifest-check');

(async () => {
  const manifest = join(__dirname, '..', 'manifest.xml');
  const problems = await checkManifest(manifest);
  if (problems.length) {
    console.error('Tệp kê khai có lỗi / The manifest has problems:');
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  console.log('manifest.xml hợp lệ (kiểm tra ngoại tuyến) / manifest.xml is valid (offline checks).');
  if (process.argv.includes('--online')) {
    const r = spawnSync('npx', ['office-addin-manifest', 'validate', manifest], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
})().catch((e) => {
  console.error(`Không kiểm tra được tệp kê khai / Could not check the manifest: ${e.message}`);
  process.exit(1);
});
