/**
 * LibreOffice, headless, as the real spreadsheet that recalculates generated forms. One soffice run
 * converts many files (start-up is the slow part), with a fresh profile that tells Calc to recalculate
 * every formula when it loads an .xlsx (OOXMLRecalcMode = 0, "always"), whatever the file's cached values.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The soffice executable: $SOFFICE, or soffice/libreoffice on the PATH, or the usual install places. */
export function findSoffice(): string | undefined {
  const candidates = [
    process.env.SOFFICE,
    'soffice',
    'libreoffice',
    '/usr/bin/soffice',
    '/usr/lib/libreoffice/program/soffice',
    '/opt/libreoffice/program/soffice',
  ];
  for (const c of candidates) {
    if (!c) continue;
    if (c.includes('/')) {
      if (existsSync(c)) return c;
      continue;
    }
    const found = spawnSync('sh', ['-c', `command -v ${c}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return undefined;
}

/**
 * soffice, or undefined with the reason printed. In CI (CI set) a missing soffice is a failure, never
 * a silent pass: CI installs libreoffice-calc-nogui.
 */
export function requireSoffice(what: string): string | undefined {
  const soffice = findSoffice();
  if (soffice) return soffice;
  const reason = `LibreOffice (soffice) not found: ${what} is SKIPPED. Install libreoffice-calc-nogui or set SOFFICE=/path/to/soffice.`;
  if (process.env.CI) throw new Error(`${reason} (CI is set, so this is a failure)`);

  console.warn(reason);
  return undefined;
}

const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`;

/**
 * Calc's "Conversion from text to number" (Tools ▸ Options ▸ Calc ▸ Formula ▸ Detailed calculation
 * settings): 0 generate a #VALUE! error, 1 treat as zero, 2 convert only if unambiguous (the default),
 * 3 convert also locale dependent.
 */
export type StringConversion = 0 | 1 | 2 | 3;

/** A new LibreOffice user profile that recalculates on load; returns its file: URL. */
export function makeProfile(stringConversion?: StringConversion): string {
  const dir = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  mkdirSync(join(dir, 'user'), { recursive: true });
  const conversion =
    stringConversion === undefined
      ? ''
      : `<item oor:path="/org.openoffice.Office.Calc/Formula/Syntax"><prop oor:name="StringConversion" oor:op="fuse"><value>${stringConversion}</value></prop></item>\n`;
  writeFileSync(
    join(dir, 'user', 'registrymodifications.xcu'),
    REGISTRY.replace('</oor:items>', `${conversion}</oor:items>`),
  );
  return pathToFileURL(dir).href;
}

function run(
  soffice: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(soffice, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * Open each file in LibreOffice (recalculating every formula) and save it as .xlsx into outDir, under
 * the same file name. `parallel` soffice processes, each with its own profile, share the files: worth
 * it for hundreds of files only, as each start-up costs about a second of CPU on a machine whose two
 * cores the other jest worker also uses.
 */
export async function recalcWithSoffice(
  soffice: string,
  files: string[],
  outDir: string,
  opts: {
    parallel?: number;
    timeoutMs?: number;
    stringConversion?: StringConversion;
    convertTo?: string;
  } = {},
) {
  const parallel = Math.max(1, Math.min(opts.parallel ?? 1, files.length));
  const batches: string[][] = Array.from({ length: parallel }, () => []);
  files.forEach((f, i) => batches[i % parallel].push(f));
  const started = Date.now();
  const results = await Promise.all(
    batches.map((batch) =>
      run(
        soffice,
        [
          '--headless',
          '--norestore',
          '--nologo',
          `-env:UserInstallation=${makeProfile(opts.stringConversion)}`,
          '--convert-to',
          opts.convertTo ?? 'xlsx',
          '--outdir',
          outDir,
          ...batch,
        ],
        opts.timeoutMs ?? 240_000,
      ),
    ),
  );
  return {
    ms: Date.now() - started,
    output: results.map((r) => r.output).join('\n'),
    codes: results.map((r) => r.code),
  };
}
