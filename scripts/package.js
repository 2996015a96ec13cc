#!/usr/bin/env node
/**
 * `npm run package -- --url <https base> [--version n.n.n[.n]] [--id <guid>] [--out <dir>] [--web <build>]`:
 * what an ICT department copies to its own web server.
 *
 *   <out>/web/          the production build of the pane (static files: html, hashed js, icons)
 *   <out>/manifest.xml  the add-in manifest, every URL under the base address, checked offline
 *
 * The add-in Id is the repository's (manifest.xml), never minted per run: a new Id would make Office
 * treat each package as a different add-in. The Version is manifest.xml's unless --version is given;
 * it must go up for every new version rolled out (docs/deployment.en.md). <out> defaults to deploy/.
 * --web <build>: package a production build made before (`npm run build` → dist/) instead of building
 * again; its development manifests and source maps are left out, as a packaging build makes none.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');
const {
  GUID,
  deploymentManifest,
  manifestIdentity,
  manifestVersion,
  parseBaseUrl,
} = require('./deploy-manifest');
const { checkManifest } = require('./manifest-check');

const root = join(__dirname, '..');
const fail = (vi, en, code = 2) => {
  console.error(`${vi} / ${en}`);
  process.exit(code);
};

function parseArgs(argv) {
  const options = {};
  const known = new Set(['--url', '--version', '--id', '--out', '--web']);
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    if (!known.has(flag))
      fail(
        `Tùy chọn không hợp lệ: ${argv[i]}`,
        `Unknown option: ${argv[i]} (npm run package -- --url <https base> [--version n.n.n] [--id <guid>] [--out <dir>] [--web <build>])`,
      );
    const value = inline !== undefined ? inline : argv[++i];
    if (value === undefined || value.startsWith('--'))
      fail(`Thiếu giá trị cho ${flag}`, `${flag} needs a value`);
    options[flag.slice(2)] = value;
  }
  return options;
}

function build(outWeb) {
  const cli = require.resolve('webpack-cli/bin/cli.js');
  try {
    execFileSync(
      process.execPath,
      [cli, '--mode', 'production', '--env', `outDir=${relative(root, outWeb)}`, '--env', 'deploy'],
      { cwd: root, stdio: 'pipe' },
    );
  } catch (e) {
    process.stderr.write(`${e.stdout || ''}${e.stderr || ''}`.slice(-4000));
    fail('Xây dựng ngăn tác vụ thất bại (webpack)', 'Building the task pane failed (webpack)', 1);
  }
}

/**
 * A production build's files into outWeb, as a packaging build would write them: no development
 * manifests (manifest*.xml at its root), no source maps, nor the scripts' comments that point at them.
 */
function copyBuild(from, outWeb) {
  if (!existsSync(join(from, 'taskpane.html')))
    fail(
      `Không thấy bản dựng ngăn tác vụ trong ${from} (chạy npm run build trước)`,
      `No task pane build in ${from} (run npm run build first)`,
    );
  rmSync(outWeb, { recursive: true, force: true });
  for (const f of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    const file = join(f.parentPath ?? f.path, f.name);
    const name = relative(from, file);
    if (/^manifest.*\.xml$/.test(name) || name.endsWith('.map')) continue;
    const target = join(outWeb, name);
    mkdirSync(dirname(target), { recursive: true });
    const bytes = readFileSync(file);
    writeFileSync(
      target,
      name.endsWith('.js') ? bytes.toString('utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n') : bytes,
    );
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const url = parseBaseUrl(options.url);
  if (url.error) fail(url.error.vi, url.error.en);
  const devXml = readFileSync(join(root, 'manifest.xml'), 'utf8');
  const identity = manifestIdentity(devXml);
  const version = options.version === undefined ? identity.version : manifestVersion(options.version);
  if (!version)
    fail(
      `Phiên bản "${options.version}" không hợp lệ; dùng dạng 1.2.3 hoặc 1.2.3.4`,
      `Version "${options.version}" is not valid; use 1.2.3 or 1.2.3.4`,
    );
  if (options.id !== undefined && !GUID.test(options.id))
    fail(`Mã phần bổ trợ "${options.id}" không phải GUID`, `Add-in id "${options.id}" is not a GUID`);
  const id = options.id || identity.id;

  const out = resolve(options.out || join(root, 'deploy'));
  const web = join(out, 'web');
  mkdirSync(out, { recursive: true });
  if (options.web) {
    console.log(`Đang chép bản dựng / Copying the build ${options.web} into ${web} …`);
    copyBuild(resolve(options.web), web);
  } else {
    console.log(`Đang xây dựng ngăn tác vụ vào / Building the task pane into ${web} …`);
    build(web);
  }
  const manifest = join(out, 'manifest.xml');
  writeFileSync(manifest, deploymentManifest(devXml, { base: url.base, origin: url.origin, version, id }));

  const problems = await checkManifest(manifest, { base: url.base, webRoot: web });
  if (problems.length) {
    console.error('Tệp kê khai vừa tạo có lỗi / The packaged manifest has problems:');
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  const files = readdirSync(web, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
  console.log(
    [
      '',
      `Xong / Done: ${manifest}`,
      `  Địa chỉ gốc / Base address: ${url.base}`,
      `  Mã phần bổ trợ / Add-in id: ${id}${options.id ? '' : " (của kho mã / the repository's, manifest.xml)"}`,
      `  Phiên bản / Version: ${version}${options.version === undefined ? ' (manifest.xml; đổi bằng / change with --version)' : ''}`,
      `  ${files.length} tệp web / web files: ${web}`,
      '',
      `Chép toàn bộ thư mục web/ lên ${url.base} (HTTPS) rồi phân phối manifest.xml: docs/deployment.vi.md.`,
      `Copy the whole web/ folder to ${url.base} (HTTPS), then distribute manifest.xml: docs/deployment.en.md.`,
    ].join('\n'),
  );
}

main().catch((e) => fail('Lỗi không mong đợi', `Unexpected error: ${e && e.message}`, 1));
