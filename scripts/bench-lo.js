'use strict';
/**
 * LibreOffice-saved forms for the ranking benchmark (scripts/bench.js). A few forms of
 * scripts/bench-forms.js (two per annex, of made-up units) are opened and saved once by headless
 * LibreOffice (`soffice --convert-to xlsx`, recalculating on load, as a unit's Calc would), and kept
 * in test-output/bench-cache/<key>/lo-base/. N forms are copies of these, each under its own unit
 * name (every XML part's text with the base's unit name replaced), zipped again with fflate: the parts
 * are LibreOffice's as it wrote them, the zip container is not.
 *
 *   const { ensureLoForms } = require('./bench-lo');
 *   const { dir, manifest, files } = await ensureLoForms(1000);   // undefined when soffice is missing
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ensureForms } = require('./bench-forms');

const PER_ANNEX = 2;
const pad = (n) => String(n).padStart(5, '0');

/** A LibreOffice profile that recalculates every formula on load and skips the first-run dialogue. */
function profile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lo-profile-'));
  fs.mkdirSync(path.join(dir, 'user'), { recursive: true });
  const item = (p, name, value) =>
    `<item oor:path="${p}"><prop oor:name="${name}" oor:op="fuse"><value>${value}</value></prop></item>`;
  fs.writeFileSync(
    path.join(dir, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n${[
      item('/org.openoffice.Office.Calc/Formula/Load', 'OOXMLRecalcMode', 0),
      item('/org.openoffice.Office.Calc/Formula/Load', 'ODFRecalcMode', 0),
      item('/org.openoffice.Office.Common/Misc', 'FirstRun', 'false'),
    ].join('\n')}\n</oor:items>\n`,
  );
  return dir;
}

/** The base forms saved by LibreOffice, made once: [{ file, annexCode, unitName }]. */
async function loBases(log) {
  const source = await ensureForms(200, { log });
  const picked = [];
  for (const code of ['I', 'II', 'III', 'IV'])
    picked.push(
      ...source.specs
        .map((s, i) => ({ s, file: source.files[i] }))
        .filter(({ s }) => s.annexCode === code && !s.unit.id)
        .slice(0, PER_ANNEX),
    );
  const baseDir = path.join(path.dirname(source.dir), 'lo-base');
  const bases = picked.map(({ s, file }) => ({
    file: path.join(baseDir, path.basename(file)),
    annexCode: s.annexCode,
    unitName: s.unit.name,
  }));
  if (bases.every((b) => fs.existsSync(b.file))) return bases;
  fs.mkdirSync(baseDir, { recursive: true });
  const prof = profile();
  log(`bench: saving ${picked.length} forms with LibreOffice (headless soffice --convert-to xlsx)…\n`);
  const r = spawnSync(
    process.env.SOFFICE || 'soffice',
    [
      '--headless',
      '--norestore',
      '--nologo',
      `-env:UserInstallation=file://${prof}`,
      '--convert-to',
      'xlsx',
      '--outdir',
      baseDir,
      ...picked.map((p) => p.file),
    ],
    { encoding: 'utf8', timeout: 300_000 },
  );
  fs.rmSync(prof, { recursive: true, force: true });
  const lacking = bases.filter((b) => !fs.existsSync(b.file));
  if (r.error || lacking.length)
    throw new Error(`soffice did not save ${lacking.length} forms: ${r.error ?? r.stderr ?? ''}`);
  return bases;
}

/** Copy k of a base: every XML part with the unit's name replaced by copy k's own. */
function copyOf(base, bytes, k) {
  const { unzipSync, zipSync, strToU8, strFromU8 } = require('fflate');
  const name = `Đơn vị LibreOffice ${pad(k)} (Phụ lục ${base.annexCode})`;
  const parts = unzipSync(bytes);
  for (const [p, data] of Object.entries(parts))
    if (/\.xml$/.test(p)) {
      const text = strFromU8(data);
      if (text.includes(base.unitName)) parts[p] = strToU8(text.split(base.unitName).join(name));
    }
  return zipSync(parts, { level: 6 });
}

function soffice() {
  const r = spawnSync('sh', ['-c', `command -v ${process.env.SOFFICE || 'soffice'}`], { encoding: 'utf8' });
  return r.status === 0;
}

/** A folder of exactly n LibreOffice-saved forms and its received-dates manifest; undefined without soffice. */
async function ensureLoForms(n, { log = (s) => process.stderr.write(s) } = {}) {
  if (!soffice()) return undefined;
  const bases = await loBases(log);
  const baseBytes = bases.map((b) => fs.readFileSync(b.file));
  const cache = path.dirname(path.dirname(bases[0].file));
  const pool = path.join(cache, 'lo-all');
  fs.mkdirSync(pool, { recursive: true });
  const dir = path.join(cache, `lo-n${n}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files = [];
  const rows = ['file;received'];
  for (let k = 0; k < n; k++) {
    const base = bases[k % bases.length];
    const name = `${pad(k)}-lo-phu-luc-${base.annexCode}.xlsx`;
    const cached = path.join(pool, name);
    if (!fs.existsSync(cached)) fs.writeFileSync(cached, copyOf(base, baseBytes[k % bases.length], k));
    const target = path.join(dir, name);
    try {
      fs.linkSync(cached, target);
    } catch {
      fs.copyFileSync(cached, target);
    }
    files.push(target);
    rows.push(`${name};2019-09-${String(5 + (k % 15)).padStart(2, '0')}`);
  }
  const manifest = path.join(cache, `lo-received-n${n}.csv`);
  fs.writeFileSync(manifest, rows.join('\n') + '\n');
  return { dir, manifest, files };
}

module.exports = { ensureLoForms };
