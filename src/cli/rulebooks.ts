/** `scorecard rulebooks`: the built-in rulebooks, their annexes, bands, policies and assumptions. */
import { builtinRulebooks, latePolicy, unsentPolicy } from '../core/rulebook';
import { assumptionLines } from '../report/text';
import { parseOptions } from './args';
import type { Io } from './io';

export function rulebooksCommand(args: string[], io: Io): number {
  const { values } = parseOptions(args, {});
  const list = builtinRulebooks().map((rb) => ({
    id: rb.id,
    version: rb.version,
    title: rb.title,
    annexes: rb.annexes.map((a) => ({
      code: a.code,
      title: a.title,
      max: a.max,
      bands: a.bands.map((b) => ({ label: b.label, min: b.min })),
    })),
    policies: {
      late: latePolicy(rb),
      unsent: unsentPolicy(rb),
      incomplete: rb.policies.incomplete,
      reasonsAfterConsolidation: rb.policies.reasonsAfterConsolidation,
    },
    awards: rb.awards.map((a) => ({ annexes: a.annexes, topN: a.topN, band: a.band, ties: a.ties })),
    assumptions: rb.assumptions,
  }));
  if (values.json) io.out(JSON.stringify(list, null, 2));
  else
    for (const rb of list) {
      io.out(`${rb.id} (${rb.version}) — ${rb.title}`);
      for (const a of rb.annexes)
        io.out(
          `  ${a.code}: ${a.title} — max ${a.max}; ${a.bands.map((b) => `${b.label} ≥ ${b.min}`).join(', ')}`,
        );
      for (const line of assumptionLines({ rulebook: rb })) io.out(`  ${line}`);
      io.out('');
    }
  return 0;
}
