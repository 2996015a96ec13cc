#!/usr/bin/env node
// `npm stop`: on Windows and macOS, unregister the sideloaded add-in and stop the dev server
// (office-addin-debugging stop); elsewhere the dev server of `npm start` stops with Ctrl+C.
'use strict';
const { spawnSync } = require('node:child_process');
if (process.platform === 'win32' || process.platform === 'darwin') {
  const r = spawnSync('npx', ['office-addin-debugging', 'stop', 'manifest.xml'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  process.exitCode = r.status ?? 0;
} else {
  console.log(
    'Trên máy này, dừng máy chủ của "npm start" bằng Ctrl+C. / On this machine, stop the "npm start" server with Ctrl+C.',
  );
}
