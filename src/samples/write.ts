/**
 * Put the sample round on disk: each form through planForm + writeFormXlsx (exactly what
 * `scorecard template` and the add-in make, filled in), and each round's received-dates manifest.
 * Only the round folders it makes are replaced; nothing else in the output folder is touched.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { builtinRulebook } from '../core/rulebook/builtin';
import { planForm } from '../form/plan';
import { writeFormXlsx } from '../xlsx/write';
import { MANIFEST, manifestCsv, sampleRounds, type SampleRound } from './round';

export interface WrittenRound {
  round: SampleRound;
  /** The round's folder. */
  dir: string;
  /** The manifest's path. */
  manifest: string;
  /** Every form written, in the round's order. */
  files: string[];
}

export async function writeRound(outDir: string, round: SampleRound): Promise<WrittenRound> {
  const rb = builtinRulebook(round.rulebookId)!;
  const dir = join(outDir, round.folder);
  rmSync(dir, { recursive: true, force: true });
  const files: string[] = [];
  for (const f of round.forms) {
    const path = join(dir, ...f.file.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(
      path,
      await writeFormXlsx(planForm(rb, f.annex, f.unit, round.year, { entries: f.entries })),
    );
    files.push(path);
  }
  const manifest = join(dir, MANIFEST);
  writeFileSync(manifest, manifestCsv(round));
  return { round, dir, manifest, files };
}

/** Write every round of the sample (Bình Thuận 2019, a Gia Lai district) under `outDir`. */
export async function writeSamples(
  outDir: string,
  rounds: SampleRound[] = sampleRounds(),
): Promise<WrittenRound[]> {
  mkdirSync(outDir, { recursive: true });
  const written: WrittenRound[] = [];
  for (const round of rounds) written.push(await writeRound(outDir, round));
  return written;
}
