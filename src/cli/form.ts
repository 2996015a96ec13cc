/**
 * `scorecard form import <table> --rulebook <id|path> --unit <name> [--annex <code>] [--year <yyyy>] -o <form.xlsx>`:
 * a unit's filled criteria table (Tự đánh giá, Thẩm định, Minh chứng/Ghi chú) as a filled self-computing
 * form, so the usual `check` and `rank` read it. The table is only read; the form is a new file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinRulebook, findAnnex, type Rulebook } from '../core/rulebook';
import { matchUnit } from '../core/units';
import { bilingual, msg } from '../i18n';
import { planForm } from '../form/plan';
import { writeFormXlsx } from '../xlsx/write';
import { tableToPrefill } from '../authoring/table-import';
import { formatPoints } from '../core/numbers';
import { CliError, type Io } from './io';
import { parseOptions, parseYear, requiredOption } from './args';
import { loadRulebook, withWorkbookErrors, WorkbookErrors } from './rulebook-file';
import { idFromFile, pickTableSheet, tableSheets } from './table';
import { resolveUnit } from './units';

/** The annex asked for; else the unit's; else the rulebook's only one. */
function annexFor(rb: Rulebook, asked: string | undefined, unitName: string): string {
  if (asked) return findAnnex(rb, asked).code;
  const unit = matchUnit(rb, unitName);
  if (unit) return unit.annex;
  if (rb.annexes.length === 1) return rb.annexes[0].code;
  throw new CliError(msg('cliMissingOption', { option: '--annex' }));
}

async function importCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    rulebook: { type: 'string' },
    annex: { type: 'string' },
    unit: { type: 'string' },
    year: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  const file = positionals[0];
  if (!file) throw new CliError(msg('cliMissingOption', { option: '<table.csv | table.xlsx>' }));
  const named = requiredOption(values, 'rulebook');
  const unitName = requiredOption(values, 'unit').trim();
  const out = requiredOption(values, 'output', '-o');
  if (resolve(out) === resolve(file)) throw new CliError(msg('cliSameFile', { file: out }));
  const rb = await loadRulebook(named);
  const annex = findAnnex(rb, annexFor(rb, values.annex as string | undefined, unitName));
  // A rulebook without a unit list (one made from a table) takes the unit as named.
  const unit = rb.units.length
    ? resolveUnit(rb, unitName, annex.code)
    : { id: idFromFile(unitName), name: unitName };
  const year = parseYear(values.year as string | undefined);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new CliError(
      msg('cliCannotRead', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) }),
    );
  }
  const { sheet, rows } = pickTableSheet(tableSheets(file, bytes), ['id', 'self']);
  const prefill = tableToPrefill(rows, sheet, annex);
  if (!prefill.ok) throw new WorkbookErrors(file, prefill.errors);
  const { entries, appraisals, selfTotal, appraisedTotal } = prefill.value;
  const plan = planForm(rb, annex.code, { id: unit.id, name: unit.name }, year, { entries, appraisals });
  const form = await writeFormXlsx(plan, builtinRulebook(named) ? {} : { carry: rb });
  try {
    writeFileSync(out, form);
  } catch (e) {
    throw new CliError(
      msg('cliCannotWrite', { file: out, reason: (e as NodeJS.ErrnoException).code ?? String(e) }),
    );
  }
  const report = {
    file: out,
    rulebook: rb.id,
    annex: annex.code,
    unit: unit.name,
    unitId: unit.id,
    year,
    selfTotal,
    appraisedTotal,
  };
  const shown = appraisedTotal === null ? '—' : formatPoints(appraisedTotal);
  io.out(
    values.json
      ? JSON.stringify(report, null, 2)
      : bilingual(
          msg('cliFormImported', {
            file: out,
            unit: unit.name,
            year,
            self: formatPoints(selfTotal),
            appraised: shown,
          }),
        ),
  );
  return 0;
}

export async function formCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'import') throw new CliError(msg('cliFormUsage', { command: sub ?? '<import>' }));
  return withWorkbookErrors(() => importCommand(rest, io), io);
}
