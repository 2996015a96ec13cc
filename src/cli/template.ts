/** `scorecard template`: write the official form of an annex as a self-computing .xlsx file. */
import { writeFileSync } from 'node:fs';
import { builtinRulebook, findAnnex, type Rulebook, type Unit } from '../core/rulebook';
import { coreName, matchUnit } from '../core/units';
import { bilingual, msg, t } from '../i18n';
import { planForm } from '../form/plan';
import { writeFormXlsx } from '../xlsx/write';
import { cannotRead, cannotWrite, CliError, resolveRulebook } from './io';
import type { Io } from './main';

import { editDistance, parseCommandArgs, type Options } from './args';

/** Options as main.ts parses them (unknown options are a usage error), shared by template and check. */
export function parseOptions(args: string[], options: Options): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  return parseCommandArgs(args, options);
}

export function requiredOption(values: Record<string, unknown>, name: string, shown = `--${name}`): string {
  const v = values[name];
  if (typeof v !== 'string' || !v) throw new CliError(msg('cliMissingOption', { option: shown }));
  return v;
}


/** Up to five unit names of the annex closest to what was typed (for the "not found" reason). */
export function nearUnits(rb: Rulebook, text: string, annex: string): string[] {
  const q = coreName(text);
  return rb.units
    .filter((u) => u.annex === annex)
    .map((u) => ({ u, d: Math.min(...[u.name, ...u.aliases].map((s) => (coreName(s).includes(q) || q.includes(coreName(s)) ? 0 : editDistance(q, coreName(s))))) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 5)
    .map(({ u }) => u.name);
}

export function resolveUnit(rb: Rulebook, text: string, annex: string): Unit {
  const unit = matchUnit(rb, text, annex);
  if (unit) return unit;
  const elsewhere = matchUnit(rb, text);
  if (elsewhere) throw new CliError(msg('cliUnitOtherAnnex', { unit: text, other: elsewhere.annex, annex }));
  const near = nearUnits(rb, text, annex);
  const list = (lang: 'vi' | 'en') => (near.length ? near.join('; ') : t(lang, 'cliNoNearUnits'));
  throw new CliError({ vi: t('vi', 'cliUnitNotFound', { unit: text, annex, near: list('vi') }), en: t('en', 'cliUnitNotFound', { unit: text, annex, near: list('en') }) });
}

export function parseYear(text: string | undefined): number {
  if (text === undefined) return new Date().getFullYear();
  const year = Number(text);
  if (!/^\d{4}$/.test(text.trim()) || year < 2000 || year > 2100) throw new CliError(msg('cliBadYear', { year: text }));
  return year;
}

export async function templateCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseOptions(args, {
    rulebook: { type: 'string' },
    annex: { type: 'string' },
    unit: { type: 'string' },
    year: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  const named = requiredOption(values, 'rulebook');
  const rb = resolveRulebook(named);
  const annex = findAnnex(rb, requiredOption(values, 'annex'));
  const out = requiredOption(values, 'output', '-o');
  const unit = typeof values.unit === 'string' && values.unit.trim() ? resolveUnit(rb, values.unit, annex.code) : { id: '', name: '' };
  const year = parseYear(values.year as string | undefined);
  // A rulebook from a file travels inside the form, so the form can be checked and ranked without it.
  const bytes = await writeFormXlsx(planForm(rb, annex.code, { id: unit.id, name: unit.name }, year), builtinRulebook(named) ? {} : { carry: rb });
  try {
    writeFileSync(out, bytes);
  } catch (e) {
    throw new CliError(cannotWrite(out, e));
  }
  const criteria = annex.groups.reduce((n, g) => n + g.criteria.length, 0);
  const report = { file: out, rulebook: rb.id, rulebookVersion: rb.version, annex: annex.code, unit: unit.name, unitId: unit.id, year, criteria };
  io.out(values.json ? JSON.stringify(report, null, 2) : bilingual(msg('cliTemplateWritten', { file: out, annex: annex.code, criteria, unit: unit.name || '—', year })));
  return 0;
}
