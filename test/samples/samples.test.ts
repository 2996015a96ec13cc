/**
 * The sample round (src/samples, `npm run samples`): deterministic, realistic, every case it promises
 * (late, duplicate, errors, missing, band boundaries), a Gia Lai district with all its communes, a
 * received-dates manifest the ranking reads without a problem, and files that read back as the entries
 * they were made from. The script itself is run as a user runs it (node scripts/samples.js).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annexForUnit, builtinRulebook, findAnnex, indexOf } from '../../src/core/rulebook';
import { lateness, parseReceivedManifest, vietnamHolidays } from '../../src/core/ranking';
import { score, validate } from '../../src/core/scoring';
import { readSubmissionsFromXlsx } from '../../src/xlsx/submission';
import {
  binhThuanRound,
  dtiRound,
  expectedRanking,
  giaLaiDistrictRound,
  manifestCsv,
  sampleRounds,
  type SampleRound,
} from '../../src/samples';
import { root } from '../helpers/cli';

const bt = builtinRulebook('binh-thuan-2019')!;
const gl = builtinRulebook('gia-lai-2019')!;
const dti = builtinRulebook('dti-2025')!;
const btRound = binhThuanRound();
const glRound = giaLaiDistrictRound();
const dtiSample = dtiRound();
const formsOf = (round: SampleRound, unitId: string) => round.forms.filter((f) => f.unit.id === unitId);
const withCase = (round: SampleRound, c: string) => round.forms.filter((f) => f.cases.includes(c as never));

describe('the sample round (pure)', () => {
  it('is the same on every run (seeded)', () => {
    expect(JSON.stringify(sampleRounds())).toBe(JSON.stringify([btRound, glRound, dtiSample]));
  });

  it('has a form for every unit of Bình Thuận 2019 (annexes I–IV) but the one that sent nothing', () => {
    const withForm = new Set(btRound.forms.map((f) => f.unit.id));
    const missing = bt.units.filter((u) => !withForm.has(u.id)).map((u) => u.id);
    expect(missing).toEqual(btRound.missing.map((m) => m.id));
    expect(missing).toHaveLength(1);
    expect(new Set(btRound.forms.map((f) => f.annex))).toEqual(new Set(['I', 'II', 'III', 'IV']));
    for (const f of btRound.forms) expect(bt.units.find((u) => u.id === f.unit.id)!.annex).toBe(f.annex);
  });

  it('has one late form, received after 15/9 + 5 working days', () => {
    const late = withCase(btRound, 'late');
    expect(late).toHaveLength(1);
    const l = lateness(late[0].received, '2019-09-15', 5, vietnamHolidays());
    expect(l.late).toBe(true);
    expect(l.lastOnTime).toBe('2019-09-20');
    // Every other form is on time.
    for (const f of btRound.forms.filter((x) => x !== late[0]))
      expect(lateness(f.received, '2019-09-15', 5, vietnamHolidays()).late).toBe(false);
  });

  it('has one unit with two files received on different days', () => {
    const [dup] = withCase(btRound, 'duplicate');
    const both = formsOf(btRound, dup.unit.id);
    expect(both).toHaveLength(2);
    expect(both[0].received).not.toBe(both[1].received);
    expect(both[0].file).not.toBe(both[1].file);
  });

  it('has one form with errors: a value that cannot be right and a missing reason (a to-do); every other form is complete', () => {
    const [bad] = withCase(btRound, 'errors');
    const issues = validate(findAnnex(bt, bad.annex), bad.entries);
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual([
      'numeratorAboveDenominator',
    ]);
    expect(issues.filter((i) => i.severity === 'todo').map((i) => i.code)).toEqual(['reasonRequired']);
    for (const round of [btRound, glRound])
      for (const f of round.forms.filter((x) => x !== bad)) {
        const rb = round === btRound ? bt : gl;
        expect({
          file: f.file,
          errors: validate(findAnnex(rb, f.annex), f.entries).filter((i) => i.severity === 'error'),
        }).toEqual({ file: f.file, errors: [] });
      }
  });

  it('fills reasons and evidence as an agency would', () => {
    let reasons = 0;
    let evidence = 0;
    for (const f of btRound.forms)
      for (const e of Object.values(f.entries)) {
        if (typeof e.reason === 'string' && e.reason.length > 10) reasons++;
        if (typeof e.evidence === 'string' && /(số \d+\/|https:\/\/)/.test(e.evidence)) evidence++;
      }
    expect(reasons).toBeGreaterThan(btRound.forms.length * 5);
    expect(evidence).toBeGreaterThan(btRound.forms.length * 15);
  });

  it('ranks most units mid-to-high, with units exactly on and just below a band boundary', () => {
    const ranking = expectedRanking(btRound);
    const placed = ranking.tables.flatMap((t) => t.entries.filter((e) => e.status === 'ranked'));
    const high = placed.filter((e) => e.band && ['Tốt', 'Khá'].includes(e.band.label));
    expect(high.length / placed.length).toBeGreaterThanOrEqual(0.75);
    expect(placed.some((e) => e.band?.label === 'Tốt')).toBe(true);
    const byUnit = (id: string) => placed.find((e) => e.unitId === id)!;
    const boundary = withCase(btRound, 'boundary');
    expect(boundary.length).toBeGreaterThanOrEqual(2);
    for (const f of boundary) {
      const e = byUnit(f.unit.id);
      expect(e.total).toBe(f.target);
      const annex = findAnnex(bt, f.annex);
      // Within one point of a band's lower bound: on it (that band) or below it (the band under it).
      const bound = annex.bands.find((b) => b.min > 0 && Math.abs(b.min - f.target!) <= 1)!;
      expect(bound).toBeDefined();
      expect(e.band!.label === bound.label).toBe(f.target! >= bound.min);
    }
    // One unit exactly on a lower bound and one just below a lower bound.
    expect(boundary.some((f) => findAnnex(bt, f.annex).bands.some((b) => b.min === f.target))).toBe(true);
    expect(
      boundary.some((f) =>
        findAnnex(bt, f.annex).bands.some((b) => b.min > f.target! && b.min - f.target! <= 1),
      ),
    ).toBe(true);
  });

  it('gives every case the status it is there for', () => {
    const ranking = expectedRanking(btRound);
    const entries = ranking.tables.flatMap((t) => t.entries);
    const statusOf = (file: string) => entries.find((e) => e.file === `${btRound.folder}/${file}`)!.status;
    expect(statusOf(withCase(btRound, 'late')[0].file)).toBe('late');
    expect(statusOf(withCase(btRound, 'duplicate')[0].file)).toBe('duplicate');
    expect(statusOf(withCase(btRound, 'superseding')[0].file)).toBe('ranked');
    expect(statusOf(withCase(btRound, 'errors')[0].file)).toBe('invalid');
    expect(entries.filter((e) => e.status === 'missing').map((e) => e.unitId)).toEqual(
      btRound.missing.map((m) => m.id),
    );
  });

  it('has a DTI 2025 form for every unit, on its own annex, on time and ranked on the index', () => {
    expect(dtiSample.forms.map((f) => f.unit.id)).toEqual(dti.units.map((u) => u.id));
    const maxima = new Set<number>();
    for (const f of dtiSample.forms) {
      const unit = dti.units.find((u) => u.id === f.unit.id)!;
      const own = annexForUnit(findAnnex(dti, unit.annex), unit);
      maxima.add(own.max);
      // Only the criteria that apply to the unit are filled: nothing of another unit's annex.
      const ids = new Set(own.groups.flatMap((g) => g.criteria.map((c) => c.id)));
      expect(Object.keys(f.entries).filter((id) => !ids.has(id))).toEqual([]);
      expect(f.received < '2025-12-16').toBe(true);
    }
    expect(maxima.size).toBeGreaterThan(1); // some sở have fewer criteria than others
    for (const table of expectedRanking(dtiSample).tables) {
      const ranked = table.entries.filter((e) => e.status === 'ranked');
      expect(ranked).toHaveLength(table.entries.length);
      const byRank = [...ranked].sort((a, b) => a.rank! - b.rank!);
      const indices = byRank.map((e) => indexOf(e.total, e.max ?? table.max));
      expect(indices).toEqual([...indices].sort((a, b) => b - a));
    }
  });

  it('has a Gia Lai district with every one of its communes (annex huyen + xa)', () => {
    const district = gl.units.find((u) => u.id === glRound.district)!;
    const communes = gl.units.filter((u) => u.parent === district.id);
    expect(communes.length).toBeGreaterThan(2);
    expect(glRound.forms.map((f) => f.unit.id).sort()).toEqual(
      [district.id, ...communes.map((c) => c.id)].sort(),
    );
    expect(glRound.forms.find((f) => f.unit.id === district.id)!.annex).toBe('huyen');
    for (const c of communes) expect(formsOf(glRound, c.id)[0].annex).toBe('xa');
    const ranking = expectedRanking(glRound);
    expect(ranking.tables.map((t) => t.annex)).toEqual(['huyen', 'xa']);
    expect(ranking.tables.flatMap((t) => t.entries).every((e) => e.status === 'ranked')).toBe(true);
  });

  it('writes the received dates as "tệp,ngày nhận" with dd/mm/yyyy, which the ranking reads without a problem', () => {
    for (const round of [btRound, glRound]) {
      const csv = manifestCsv(round);
      const [header, ...rows] = csv.trim().split('\n');
      expect(header).toBe('tệp,ngày nhận');
      expect(rows).toHaveLength(round.forms.length);
      for (const r of rows) expect(r).toMatch(/^[a-z0-9-]+\.xlsx,\d{2}\/\d{2}\/\d{4}$/);
      const parsed = parseReceivedManifest(csv, 'csv');
      expect(parsed.problems).toEqual([]);
      for (const f of round.forms) expect(parsed.entries.get(f.file.split('/').pop()!)).toBe(f.received);
    }
  });
});

describe('npm run samples (node scripts/samples.js)', () => {
  const out = mkdtempSync(join(tmpdir(), 'scorecard-samples-'));
  let run: ReturnType<typeof spawnSync>;
  let text: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    run = spawnSync(process.execPath, [join(root, 'scripts', 'samples.js'), '--out', out, '--json'], {
      encoding: 'utf8',
    });
    text = spawnSync(
      process.execPath,
      [join(root, 'scripts', 'samples.js'), '--out', mkdtempSync(join(tmpdir(), 'scorecard-samples-text-'))],
      { encoding: 'utf8' },
    );
  }, 120_000);

  it('writes every form and manifest, and the files read back as the entries they were made from', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = JSON.parse(String(run.stdout)) as {
      folder: string;
      manifest: string;
      forms: { file: string; unitId: string; annex: string }[];
    }[];
    expect(summary.map((r) => r.folder)).toEqual(['binh-thuan-2019', 'gia-lai-2019', 'dti-2025']);
    for (const [i, round] of [btRound, glRound, dtiSample].entries()) {
      const rb = [bt, gl, dti][i];
      expect(readFileSync(summary[i].manifest, 'utf8')).toBe(manifestCsv(round));
      expect(summary[i].forms).toHaveLength(round.forms.length);
      summary[i].forms.forEach((written, j) => {
        const made = round.forms[j];
        expect(written.file).toBe(join(out, round.folder, ...made.file.split('/')));
        const read = readSubmissionsFromXlsx(new Uint8Array(readFileSync(written.file)), () => rb);
        if (!read.ok) throw new Error(`${written.file}: ${read.reason.en}`);
        expect(read.submissions).toHaveLength(1);
        const s = read.submissions[0].submission;
        expect([s.meta.unitId, s.meta.annex, s.meta.year]).toEqual([made.unit.id, made.annex, round.year]);
        const annex = findAnnex(rb, made.annex);
        expect(score(annex, s.entries)).toEqual(score(annex, made.entries));
        expect(validate(annex, s.entries)).toEqual(validate(annex, made.entries));
      });
    }
    expect(existsSync(join(out, 'binh-thuan-2019', 'phu-luc-IV', 'phu-quy.xlsx'))).toBe(false);
  });

  it('prints what it made: every file, its unit, its received date and why it is special', () => {
    expect(text.status).toBe(0);
    const stdout = String(text.stdout);
    for (const f of [...btRound.forms, ...glRound.forms, ...dtiSample.forms])
      expect(stdout).toContain(f.file);
    expect(stdout).toContain('nộp muộn: hạn cuối 20/09/2019');
    expect(stdout).toContain('gửi lần 1, được thay bằng tệp gửi sau');
    expect(stdout).toContain('có lỗi: bỏ trống số liệu');
    expect(stdout).toMatch(/Huyện Phú Quý\s+không gửi phiếu \/ sent no form/);
    expect(stdout).toContain('sát ngưỡng xếp loại: 450 điểm → Tốt / at a band boundary: 450 points → Good');
    expect(stdout).toMatch(/Đã ghi 48 phiếu trong [\d,]+ giây\. \/ Wrote 48 forms in [\d.]+ s\./);
  });
});
