/** Validation of a rulebook's JSON against the schema (zod). */
import { Rulebook } from './schema';
import { RulebookError } from './errors';
import { msg } from '../../i18n';

/** Validate JSON against the schema; the first problems are reported with the field path. */
export function parseRulebook(json: unknown, source = 'rulebook'): Rulebook {
  const result = Rulebook.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    const field = result.error.issues[0]?.path.join('.');
    throw new RulebookError(msg('rulebookInvalid', { source, problems: problems.join('; ') }), field);
  }
  const rb = result.data;
  for (const annex of rb.annexes) annex.bands.sort((a, b) => b.min - a.min);
  return rb;
}
