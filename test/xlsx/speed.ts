/**
 * Reader speed figures, printed and never asserted (a test must not depend on the machine): reading
 * forms with readWorkbook against merely inflating the same parts with fflate's unzipSync. Consolidating
 * a round reads hundreds of forms, so the reader should stay within 3× of inflating. CPU time of this
 * process, best of five rounds, so other processes on the machine disturb the figures less.
 */
import { unzipSync } from 'fflate';
import { readWorkbook } from '../../src/xlsx/read';

const PARTS = new Set([
  '_rels/.rels',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/sharedStrings.xml',
  'xl/worksheets/sheet1.xml',
  'xl/worksheets/sheet2.xml',
]);

function cpuMs(files: Uint8Array[], read: (b: Uint8Array) => unknown): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t0 = process.cpuUsage();
    for (const f of files) read(f);
    const d = process.cpuUsage(t0);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

/** Whether timing figures are wanted: `npm run test:bench` (benchmarks stay out of `npm test`). */
export const BENCH = Boolean(process.env.SCORECARD_BENCH);

export function compareWithInflate(
  files: Uint8Array[],
  label: string,
): { reader: number; inflate: number } | undefined {
  if (!BENCH) return undefined; // ten timed passes over the files: seconds of a test run for a figure
  const inflate = cpuMs(files, (b) => unzipSync(b, { filter: (f) => PARTS.has(f.name) }));
  const reader = cpuMs(files, (b) => readWorkbook(b));

  console.log(
    `${label}: readWorkbook ${reader.toFixed(0)} ms CPU for ${files.length} forms (${(reader / files.length).toFixed(2)} ms each); ` +
      `fflate unzipSync of the same parts ${inflate.toFixed(0)} ms; ratio ${(reader / inflate).toFixed(2)}×`,
  );
  return { reader, inflate };
}
