/**
 * `scorecard rulebook export|import|diff`: the authoring workbook "Bộ tiêu chí" from the command line.
 *
 *   rulebook export --rulebook <id|path> -o <file.xlsx>     a rulebook as an authoring workbook
 *   rulebook export --blank -o <file.xlsx>                  the blank authoring workbook
 *   rulebook import <file.xlsx> -o <rulebook.json>          compile; exit 2 listing every error
 *   rulebook import <table.csv|table.xlsx> --province … --decision … --decision-date … [--id --title
 *     --issuer --provenance] -o <rulebook.json>              a flat criteria table (table-import.ts)
 *   rulebook diff <a> <b> [--json] [--lang vi|en] [-o <diff.xlsx>]
 *
 * Wherever a rulebook is asked for: a built-in id, a rulebook .json or an authoring .xlsx.
 */
import { writeFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { annexCriteria, contentHash, type Rulebook } from '../core/rulebook';
import { diffRulebooks } from '../core/rulebook/diff';
import { rulebookToWorkbook, workbookToRulebook } from '../authoring/workbook';
import { diffToWorkbook, formatDiff } from '../authoring/diff';
import { bilingual, msg } from '../i18n';
import { tableToRulebook } from '../authoring/table-import';
import { cannotWrite, CliError, readBytes, type Io } from './io';
import { parseOptions, requiredOption, type Options } from './args';
import { isWorkbook, loadRulebook, withWorkbookErrors, WorkbookErrors } from './rulebook-file';
import {
  idFromFile,
  isAuthoringWorkbook,
  isCsv,
  pickTableSheet,
  tableSheets,
  type TableSheet,
} from './table';

/** Only `rulebook diff` takes --json (it declares it). */
const parse = (args: string[], options: Options) => parseOptions(args, options, false);

function writeOutput(file: string, data: Uint8Array | string, inputs: string[]) {
  // Never write over a file given as input.
  if (inputs.some((i) => resolve(i) === resolve(file))) throw new CliError(msg('cliSameFile', { file }));
  try {
    writeFileSync(file, data);
  } catch (e) {
    throw new CliError(cannotWrite(file, e));
  }
}

const criteriaCount = (rb: Rulebook) => rb.annexes.reduce((n, a) => n + annexCriteria(a).length, 0);

async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    rulebook: { type: 'string' },
    blank: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  });
  const out = requiredOption(values, 'output', '-o');
  if (values.blank) {
    writeOutput(out, await rulebookToWorkbook(undefined), []);
    io.out(bilingual(msg('cliRulebookBlankExported', { file: out })));
    return 0;
  }
  if (typeof values.rulebook !== 'string') throw new CliError(msg('cliExportNeedsRulebook'));
  const rb = await loadRulebook(values.rulebook);
  writeOutput(out, await rulebookToWorkbook(rb), [values.rulebook]);
  io.out(
    bilingual(
      msg('cliRulebookExported', {
        file: out,
        id: rb.id,
        version: rb.version,
        annexes: rb.annexes.length,
        criteria: criteriaCount(rb),
      }),
    ),
  );
  return 0;
}

async function importCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    output: { type: 'string', short: 'o' },
    id: { type: 'string' },
    title: { type: 'string' },
    province: { type: 'string' },
    issuer: { type: 'string' },
    decision: { type: 'string' },
    'decision-date': { type: 'string' },
    provenance: { type: 'string' },
  });
  const file = positionals[0];
  if (!file) throw new CliError(msg('cliMissingOption', { option: '<file.xlsx | table.csv>' }));
  const out = requiredOption(values, 'output', '-o');
  const bytes = readBytes(file);
  const sheets = isWorkbook(file) || isCsv(file) ? tableSheets(file, bytes) : [];
  if (isWorkbook(file) && isAuthoringWorkbook(sheets)) {
    const result = await workbookToRulebook(bytes);
    if (!result.ok) throw new WorkbookErrors(file, result.errors);
    writeOutput(out, JSON.stringify(result.rulebook, null, 2) + '\n', [file]);
    io.out(
      bilingual(
        msg('cliRulebookImported', {
          file: out,
          id: result.rulebook.id,
          version: result.version,
          hash: result.hash,
          criteria: criteriaCount(result.rulebook),
        }),
      ),
    );
    return 0;
  }
  return importTable(file, sheets, values, out, io);
}

/** A flat criteria table (CSV, or a workbook that is not the authoring one) → a rulebook of one annex. */
function importTable(
  file: string,
  sheets: TableSheet[],
  values: Record<string, unknown>,
  out: string,
  io: Io,
): number {
  const provenance = (values.provenance as string | undefined) ?? 'reconstructed';
  if (provenance !== 'official' && provenance !== 'reconstructed')
    throw new CliError(msg('cliBadProvenance', { value: provenance }));
  const date = requiredOption(values, 'decision-date');
  if (!isIsoDate(date)) throw new CliError(msg('cliBadDecisionDate', { value: date }));
  const { sheet, rows } = pickTableSheet(sheets, ['id', 'title', 'max']);
  const result = tableToRulebook(rows, sheet, {
    id: (values.id as string | undefined) ?? idFromFile(file),
    title: (values.title as string | undefined) ?? basename(file, extname(file)),
    province: requiredOption(values, 'province'),
    issuer: values.issuer as string | undefined,
    decision: { number: requiredOption(values, 'decision'), date },
    provenance,
    source: basename(file),
  });
  if (!result.ok) throw new WorkbookErrors(file, result.errors);
  const rb = result.value;
  writeOutput(out, JSON.stringify(rb, null, 2) + '\n', [file]);
  const annex = rb.annexes[0];
  io.out(
    bilingual(
      msg('cliTableImported', {
        file: out,
        id: rb.id,
        hash: contentHash(rb),
        groups: annex.groups.length,
        criteria: criteriaCount(rb),
        max: annex.max,
      }),
    ),
  );
  return 0;
}

/** yyyy-mm-dd naming a real day. */
function isIsoDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

async function diffCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: 'boolean' },
    lang: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  const [a, b] = positionals;
  if (!a || !b) throw new CliError(msg('cliMissingOption', { option: a ? '<b>' : '<a> <b>' }));
  const lang = values.lang ?? 'vi';
  if (lang !== 'vi' && lang !== 'en')
    throw new CliError(msg('cliUnknownOption', { option: `--lang ${lang}` }));
  const diff = diffRulebooks(await loadRulebook(a), await loadRulebook(b));
  if (typeof values.output === 'string') writeOutput(values.output, await diffToWorkbook(diff), [a, b]);
  io.out(values.json ? JSON.stringify(diff, null, 2) : formatDiff(diff, lang));
  return 0;
}

const subcommands: Record<string, (args: string[], io: Io) => Promise<number>> = {
  export: exportCommand,
  import: importCommand,
  diff: diffCommand,
};

export async function rulebookCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const run = sub ? subcommands[sub] : undefined;
  if (!run) throw new CliError(msg('cliRulebookUsage', { command: sub ?? '<export|import|diff>' }));
  return withWorkbookErrors(() => run(rest, io), io);
}
