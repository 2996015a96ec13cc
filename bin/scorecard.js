#!/usr/bin/env node
'use strict';
// The compiled command line lives in lib/ (built by `npm install` through the prepare script).
let cli;
try {
  cli = require('../lib/src/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /lib[\\/]src[\\/]cli/.test(e.message)) {
    console.error(
      'Chưa biên dịch công cụ dòng lệnh: chạy "npm run build:cli". / The command line is not built: run "npm run build:cli".',
    );
    process.exit(2);
  }
  throw e;
}
// Output piped into `head` closes early: that is not an error.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode || 0);
    else throw e;
  });
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
