#!/usr/bin/env node
/**
 * `npm start`: serve the task pane over HTTPS on localhost and sideload it.
 *  - Windows and macOS with desktop Excel: office-addin-debugging does both (dev server + sideload).
 *  - Elsewhere (Linux, or when sideloading fails): keep the dev server running and print, in
 *    Vietnamese and English, how to sideload manifest.xml into Excel on the web.
 * Never ends in a stack trace: every failure becomes one bilingual line and an exit code.
 */
'use strict';
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const port = Number(process.env.npm_package_config_dev_server_port || 3000);
const say = (vi, en) => console.log(`${vi}\n${en}`);
const fail = (vi, en, code = 1) => {
  console.error(`${vi} / ${en}`);
  process.exit(code);
};

process.on('uncaughtException', (e) => fail('Lỗi không mong đợi', `Unexpected error: ${e && e.message}`));
process.on('unhandledRejection', (e) => fail('Lỗi không mong đợi', `Unexpected error: ${e && e.message}`));

function run(cmd, args, opts = {}) {
  return spawn(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32', ...opts });
}

/** Certificates for https://localhost, made without installing the CA (that step needs sudo or admin). */
async function ensureCertificates() {
  const certs = require('office-addin-dev-certs');
  const defaults = require('office-addin-dev-certs/lib/defaults');
  if (existsSync(defaults.localhostCertificatePath) && existsSync(defaults.localhostKeyPath)) return defaults;
  try {
    await certs.generateCertificates();
  } catch (e) {
    say(
      'Không tạo được chứng chỉ HTTPS cho localhost; máy chủ sẽ dùng chứng chỉ tự ký.',
      `Could not create the localhost HTTPS certificate (${e.message}); the server uses a self-signed one.`,
    );
  }
  return defaults;
}

function webInstructions(certs) {
  const manifest = join(root, 'manifest.xml');
  say(
    [
      '',
      `Tiện ích đang chạy tại https://localhost:${port}/taskpane.html (nhấn Ctrl+C để dừng).`,
      'Máy này không có Excel cho máy tính, hãy nạp tiện ích vào Excel trên web:',
      `  1. Mở https://localhost:${port}/taskpane.html trong trình duyệt một lần và chấp nhận chứng chỉ`,
      `     (hoặc tin cậy CA ${certs.caCertificatePath}).`,
      '  2. Mở một sổ tính trong Excel trên web (OneDrive hoặc SharePoint).',
      '  3. Trang đầu (Home) → Bổ trợ (Add-ins) → Thêm cài đặt → Tải lên bổ trợ của tôi (Upload My Add-in).',
      `  4. Chọn tệp ${manifest} rồi bấm Tải lên; nhóm "Đánh giá CNTT" hiện trên dải băng.`,
    ].join('\n'),
    [
      '',
      `The add-in is served at https://localhost:${port}/taskpane.html (Ctrl+C stops it).`,
      'There is no desktop Excel on this machine; sideload the add-in into Excel on the web:',
      `  1. Open https://localhost:${port}/taskpane.html once in your browser and accept the certificate`,
      `     (or trust the CA ${certs.caCertificatePath}).`,
      '  2. Open a workbook in Excel on the web (OneDrive or SharePoint).',
      '  3. Home → Add-ins → More Settings → Upload My Add-in.',
      `  4. Choose ${manifest} and Upload; the "IT scorecard" group appears on the ribbon.`,
    ].join('\n'),
  );
}

async function main() {
  const desktop = process.platform === 'win32' || process.platform === 'darwin';
  if (desktop && !process.env.SCORECARD_WEB) {
    const child = run('npx', [
      'office-addin-debugging',
      'start',
      'manifest.xml',
      'desktop',
      '--app',
      'excel',
    ]);
    child.on('exit', (code) => {
      if (code)
        say(
          'Không nạp được vào Excel cho máy tính; xem hướng dẫn cho Excel trên web ở README.',
          'Could not sideload into desktop Excel; see the README for Excel on the web.',
        );
      process.exitCode = code ?? 0;
    });
    return;
  }
  const certs = await ensureCertificates();
  const server = run('npx', ['webpack', 'serve', '--mode', 'development', '--port', String(port)], {
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let told = false;
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (!told && /compiled|Loopback|Project is running/i.test(String(chunk))) {
      told = true;
      webInstructions(certs);
    }
  });
  server.on('exit', (code) => {
    if (code)
      fail(
        'Máy chủ phát triển đã dừng do lỗi (xem thông báo ở trên).',
        'The dev server stopped with an error (see above).',
        code,
      );
  });
  const stop = () => server.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();
