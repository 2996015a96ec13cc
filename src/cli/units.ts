/** A unit named on the command line (--unit), found among the rulebook's, or a reason listing the nearest. */
import type { Rulebook, Unit } from '../core/rulebook';
import { coreName, matchUnit } from '../core/units';
import { msg, t } from '../i18n';
import { editDistance } from './args';
import { CliError } from './io';

/** Up to five unit names of the annex closest to what was typed (for the "not found" reason). */
export function nearUnits(rb: Rulebook, text: string, annex: string): string[] {
  const q = coreName(text);
  return rb.units
    .filter((u) => u.annex === annex)
    .map((u) => ({
      u,
      d: Math.min(
        ...[u.name, ...u.aliases].map((s) =>
          coreName(s).includes(q) || q.includes(coreName(s)) ? 0 : editDistance(q, coreName(s)),
        ),
      ),
    }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 5)
    .map(({ u }) => u.name);
}

/** The unit --unit names in the annex; a unit of another annex, or none near it, is a usage error. */
export function resolveUnit(rb: Rulebook, text: string, annex: string): Unit {
  const unit = matchUnit(rb, text, annex);
  if (unit) return unit;
  const elsewhere = matchUnit(rb, text);
  if (elsewhere) throw new CliError(msg('cliUnitOtherAnnex', { unit: text, other: elsewhere.annex, annex }));
  const near = nearUnits(rb, text, annex);
  const list = (lang: 'vi' | 'en') => (near.length ? near.join('; ') : t(lang, 'cliNoNearUnits'));
  throw new CliError({
    vi: t('vi', 'cliUnitNotFound', { unit: text, annex, near: list('vi') }),
    en: t('en', 'cliUnitNotFound', { unit: text, annex, near: list('en') }),
  });
}
