/** `scorecard template`: write the official form of an annex as a self-computing .xlsx file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRulebook, findAnnex, type Rulebook } from '../core/rulebook';
import { bilingual, msg } from '../i18n';
import { planForm } from '../form/plan';
import { writeFormXlsx } from '../xlsx/write';
import { cannotWrite, CliError, resolveRulebook, type Io } from './io';
import { parseOptions, parseYear, requiredOption } from './args';
import { resolveUnit } from './units';

/**
 * A file name for a unit's form: the unit's name as written (Vietnamese letters kept, NFC), with only the
 * characters Windows and macOS refuse replaced; never shortened below what tells two units apart.
 */
export function unitFileName(name: string): string {
  const safe = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  // Names Windows keeps for devices (CON, PRN, …) cannot be file names.
  return /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(safe) || !safe ? `_${safe}` : safe;
}

/** `template --all-units`: one form per unit of the annex (or of every annex), named after the unit, into a folder. */
async function allUnits(
  rb: Rulebook,
  named: string,
  values: Record<string, string | boolean | undefined>,
  io: Io,
): Promise<number> {
  const folder = requiredOption(values, 'output', '-o');
  if (typeof values.unit === 'string') throw new CliError(msg('cliAllUnitsWithUnit'));
  const annexes = typeof values.annex === 'string' ? [findAnnex(rb, values.annex)] : rb.annexes;
  const units = rb.units.filter((u) => annexes.some((a) => a.code === u.annex));
  if (!units.length)
    throw new CliError(msg('cliNoUnits', { rulebook: rb.id, annex: annexes.map((a) => a.code).join(', ') }));
  const year = parseYear(values.year as string | undefined);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    throw new CliError(cannotWrite(folder, e));
  }
  // Two units whose names give the same file name (case folded) are told apart by their ids.
  const taken = new Map<string, number>();
  for (const u of units)
    taken.set(unitFileName(u.name).toLowerCase(), (taken.get(unitFileName(u.name).toLowerCase()) ?? 0) + 1);
  const written: { file: string; annex: string; unit: string; unitId: string }[] = [];
  for (const u of units) {
    const base = unitFileName(u.name);
    const file = join(folder, `${taken.get(base.toLowerCase())! > 1 ? `${base} (${u.id})` : base}.xlsx`);
    const bytes = await writeFormXlsx(
      planForm(rb, u.annex, { id: u.id, name: u.name }, year),
      builtinRulebook(named) ? {} : { carry: rb },
    );
    try {
      writeFileSync(file, bytes);
    } catch (e) {
      throw new CliError(cannotWrite(file, e));
    }
    written.push({ file, annex: u.annex, unit: u.name, unitId: u.id });
  }
  if (values.json)
    io.out(
      JSON.stringify({ folder, rulebook: rb.id, rulebookVersion: rb.version, year, forms: written }, null, 2),
    );
  else
    io.out(
      bilingual(
        msg('cliTemplatesWritten', {
          count: written.length,
          folder,
          annexes: annexes.map((a) => a.code).join(', '),
          year,
        }),
      ),
    );
  return 0;
}

export async function templateCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseOptions(args, {
    rulebook: { type: 'string' },
    annex: { type: 'string' },
    unit: { type: 'string' },
    year: { type: 'string' },
    'all-units': { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  });
  const named = requiredOption(values, 'rulebook');
  const rb = resolveRulebook(named);
  if (values['all-units']) return allUnits(rb, named, values, io);
  const annex = findAnnex(rb, requiredOption(values, 'annex'));
  const out = requiredOption(values, 'output', '-o');
  const unit =
    typeof values.unit === 'string' && values.unit.trim()
      ? resolveUnit(rb, values.unit, annex.code)
      : { id: '', name: '' };
  const year = parseYear(values.year as string | undefined);
  // A rulebook from a file travels inside the form, so the form can be checked and ranked without it.
  const bytes = await writeFormXlsx(
    planForm(rb, annex.code, { id: unit.id, name: unit.name }, year),
    builtinRulebook(named) ? {} : { carry: rb },
  );
  try {
    writeFileSync(out, bytes);
  } catch (e) {
    throw new CliError(cannotWrite(out, e));
  }
  const criteria = annex.groups.reduce((n, g) => n + g.criteria.length, 0);
  const report = {
    file: out,
    rulebook: rb.id,
    rulebookVersion: rb.version,
    annex: annex.code,
    unit: unit.name,
    unitId: unit.id,
    year,
    criteria,
  };
  io.out(
    values.json
      ? JSON.stringify(report, null, 2)
      : bilingual(
          msg('cliTemplateWritten', { file: out, annex: annex.code, criteria, unit: unit.name || '—', year }),
        ),
  );
  return 0;
}
