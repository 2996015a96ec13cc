'use strict';
/**
 * Filled forms for the ranking benchmark: N real, distinct Bình Thuận 2019 forms (planForm +
 * writeFormXlsx from lib/, as `scorecard template` writes them), each with its own unit name and
 * seeded random entries across annexes I–IV, some appraisals, a few forms with errors, and a
 * received-dates manifest (a few late). Writing a form with ExcelJS takes tens of milliseconds, so the
 * forms are made by a pool of worker threads and kept in test-output/bench-cache/ (git-ignored), under
 * a key that changes whenever the form writer, the rulebook or this generator changes.
 *
 *   const { ensureForms } = require('./bench-forms');
 *   const { dir, manifest, files } = await ensureForms(1000);   // dir holds exactly 1000 forms
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');

const ROOT = path.join(__dirname, '..');
const LIB = path.join(ROOT, 'lib');
const CACHE = path.join(ROOT, 'test-output', 'bench-cache');
const GENERATOR_VERSION = 1;
const RULEBOOK = 'binh-thuan-2019';
const YEAR = 2019;

/** mulberry32, shared with the sample round (src/samples/random.ts): form i is the same form on every machine. */
const { rng } = require(path.join(LIB, 'src', 'samples', 'random'));

const round2 = (x) => Math.round(x * 100) / 100;
const clamp01 = (x) => Math.min(1, Math.max(0, x));
const pad = (n) => String(n).padStart(4, '0');

/** Share of the annexes among the forms: the shape of a province with many units per group. */
const ANNEX_WEIGHTS = [
  ['I', 0.35],
  ['II', 0.05],
  ['III', 0.25],
  ['IV', 0.35],
];

/** The annex of form i: seeded by position, so every prefix of the list keeps about the same shares. */
function annexFor(i) {
  const r = rng(1000003 * (i + 1)).next();
  let acc = 0;
  for (const [code, w] of ANNEX_WEIGHTS) if (r < (acc += w)) return code;
  return 'IV';
}

/** The spec of form i of `annexCode` for `unit` (a listed unit, or none): entries, appraisals, received date. */
function formSpec(rb, ruleInputs, i, annexCode, unit) {
  const r = rng(7919 * (i + 1));
  const annex = rb.annexes.find((a) => a.code === annexCode);
  const name = unit ? unit.name : `Đơn vị thử nghiệm ${pad(i)} (Phụ lục ${annexCode})`;
  const quality = 0.45 + 0.55 * r.next(); // how well the unit does overall
  const q = () => clamp01(quality + (r.next() - 0.5) * 0.4);
  const broken = r.chance(0.04); // a form with an error-level issue
  const entries = {};
  for (const g of annex.groups)
    for (const c of g.criteria) {
      const e = {
        evidence: `Văn bản số ${r.int(1, 300)}/KH-UBND ngày ${r.int(1, 28)}/${r.int(1, 9)}/${YEAR}`,
        reason: 'Chưa bố trí đủ kinh phí, nhân lực.',
      };
      const rule = c.rule;
      for (const spec of ruleInputs(c)) {
        switch (spec.kind) {
          case 'yesNo':
            e[spec.key] = r.chance(q()) ? 'Có' : 'Không';
            break;
          case 'points':
            e[spec.key] = round2((spec.max ?? c.max) * q());
            break;
          case 'percent':
            e[spec.key] = round2(q());
            break;
          case 'count':
            e[spec.key] =
              rule.type === 'deduction'
                ? r.int(0, 3)
                : Math.round(Math.ceil(c.max / rule.pointsPerItem) * q());
            break;
          case 'choice':
            e[spec.key] =
              spec.choices[Math.min(spec.choices.length - 1, Math.floor(q() * spec.choices.length))].value;
            break;
          case 'number':
            if (rule.type === 'steps')
              e[spec.key] =
                rule.steps[Math.min(rule.steps.length - 1, Math.floor(q() * rule.steps.length))].min;
            else if (spec.key === 'denominator') e.denominator = r.int(20, 400);
            else if (spec.key !== 'numerator') e[spec.key] = r.int(0, 1000);
            break;
        }
      }
      if (e.denominator !== undefined) e.numerator = Math.round(e.denominator * q());
      if (rule.type === 'bestOf') for (const a of rule.alternatives) e[a.key] = 'Không';
      if (rule.type === 'bestOf' && r.chance(q())) e[rule.alternatives[0].key] = 'Có';
      entries[c.id] = e;
    }
  if (broken) {
    const c = annex.groups[1].criteria[0];
    const key = ruleInputs(c)[0].key;
    entries[c.id] = { ...entries[c.id], [key]: 'chưa thống kê' };
  }
  const appraisals = {};
  if (r.chance(0.2))
    for (const g of annex.groups.slice(0, r.int(1, 3))) {
      const c = g.criteria[r.int(0, g.criteria.length - 1)];
      appraisals[c.id] = { points: round2(c.max * r.next()), note: 'Chưa đủ tài liệu kiểm chứng' };
    }
  const late = r.chance(0.03);
  const received = late ? `2019-09-${r.int(23, 30)}` : `2019-09-${String(r.int(5, 20)).padStart(2, '0')}`;
  return { annexCode, unit: { id: unit ? unit.id : '', name }, entries, appraisals, received };
}
/** Form specs 0..n-1: the first forms of each annex are its listed units, the rest distinct made-up units. */
function specs(rb, ruleInputs, n) {
  const seen = {};
  const out = [];
  for (let i = 0; i < n; i++) {
    const annexCode = annexFor(i);
    const j = (seen[annexCode] = (seen[annexCode] ?? -1) + 1);
    const unit = rb.units.filter((u) => u.annex === annexCode)[j];
    out.push(formSpec(rb, ruleInputs, i, annexCode, unit));
  }
  return out;
}

function fileName(i, spec) {
  return `${pad(i)}-phu-luc-${spec.annexCode}.xlsx`;
}

/** The cache key: the writer's code, the rulebook and this generator. */
function cacheKey() {
  const h = crypto.createHash('sha256');
  h.update(`v${GENERATOR_VERSION}`);
  h.update(fs.readFileSync(__filename));
  // The writer only (src/form and the .xlsx writer): a change to the reader must not make the forms again.
  for (const f of fs.readdirSync(path.join(LIB, 'src/form')).sort())
    if (f.endsWith('.js')) h.update(fs.readFileSync(path.join(LIB, 'src/form', f)));
  for (const f of ['write.js', 'xml.js']) h.update(fs.readFileSync(path.join(LIB, 'src/xlsx', f)));
  h.update(fs.readFileSync(path.join(ROOT, 'rulebooks', `${RULEBOOK}.json`)));
  return h.digest('hex').slice(0, 12);
}

function lib(p) {
  return require(path.join(LIB, 'src', p));
}

/** Worker: write forms [from, to) of the pool's job. */
async function workerMain() {
  const { builtinRulebook } = lib('core/rulebook');
  const { ruleInputs } = lib('core/rulebook/inputs');
  const { planForm } = lib('form/plan');
  const { writeFormXlsx } = lib('xlsx/write');
  const rb = builtinRulebook(RULEBOOK);
  const all = specs(rb, ruleInputs, workerData.n);
  for (let i = workerData.from; i < workerData.to; i++) {
    const s = all[i];
    const bytes = await writeFormXlsx(
      planForm(rb, s.annexCode, s.unit, YEAR, { entries: s.entries, appraisals: s.appraisals }),
    );
    fs.writeFileSync(path.join(workerData.dir, fileName(i, s)), bytes);
    if ((i - workerData.from) % 25 === 0) parentPort.postMessage({ done: i - workerData.from });
  }
  parentPort.postMessage({ done: workerData.to - workerData.from, finished: true });
}

/**
 * A folder with exactly n forms (hard links into the cached pool of the largest n asked so far) and
 * its received-dates manifest. Generates what the cache lacks, in parallel.
 */
async function ensureForms(n, { log = (s) => process.stderr.write(s) } = {}) {
  const { builtinRulebook } = lib('core/rulebook');
  const { ruleInputs } = lib('core/rulebook/inputs');
  const rb = builtinRulebook(RULEBOOK);
  const key = cacheKey();
  const pool = path.join(CACHE, key, 'all');
  // Forms of an older writer or rulebook are never used again.
  if (fs.existsSync(CACHE))
    for (const old of fs.readdirSync(CACHE))
      if (old !== key) fs.rmSync(path.join(CACHE, old), { recursive: true, force: true });
  fs.mkdirSync(pool, { recursive: true });
  const all = specs(rb, ruleInputs, n);
  const missing = all.map((s, i) => i).filter((i) => !fs.existsSync(path.join(pool, fileName(i, all[i]))));
  if (missing.length) {
    const threads = Math.max(1, Math.min(os.cpus().length, missing.length));
    const started = Date.now();
    log(
      `bench: writing ${missing.length} forms with ExcelJS in ${threads} worker threads (cached in ${path.relative(ROOT, pool)})…\n`,
    );
    // Contiguous ranges of the missing indexes, one per worker.
    const per = Math.ceil(missing.length / threads);
    await Promise.all(
      Array.from({ length: threads }, (_, w) => {
        const from = missing[w * per];
        if (from === undefined) return Promise.resolve();
        const to = missing[Math.min(missing.length, (w + 1) * per) - 1] + 1;
        return new Promise((resolve, reject) => {
          const worker = new Worker(__filename, { workerData: { n, from, to, dir: pool } });
          worker.on('message', () => undefined);
          worker.on('error', reject);
          worker.on('exit', (code) =>
            code === 0 ? resolve() : reject(new Error(`bench worker exited with ${code}`)),
          );
        });
      }),
    );
    log(
      `bench: ${missing.length} forms written in ${((Date.now() - started) / 1000).toFixed(1)} s (${(((Date.now() - started) / missing.length) * threads).toFixed(0)} ms per form per thread)\n`,
    );
  }
  const dir = path.join(CACHE, key, `n${n}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files = [];
  const rows = ['file;received'];
  all.forEach((s, i) => {
    const name = fileName(i, s);
    const target = path.join(dir, name);
    try {
      fs.linkSync(path.join(pool, name), target);
    } catch {
      fs.copyFileSync(path.join(pool, name), target);
    }
    files.push(target);
    rows.push(`${name};${s.received}`);
  });
  const manifest = path.join(CACHE, key, `received-n${n}.csv`);
  fs.writeFileSync(manifest, rows.join('\n') + '\n');
  return { dir, manifest, files, specs: all };
}

if (!isMainThread)
  workerMain().catch((e) => {
    console.error(e);
    process.exit(1);
  });

module.exports = { ensureForms, formSpec, specs, CACHE };
