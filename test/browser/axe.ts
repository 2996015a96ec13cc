/**
 * axe-core on a page of the pane: the WCAG 2.0/2.1 A and AA rules, and only the serious and critical
 * violations reported (as "rule (impact): targets").
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function seriousViolations(page: Page): Promise<string[]> {
  // Tabster's focus sentinels (<i data-tabster-dummy aria-hidden tabindex=0>, used by Fluent's TabList)
  // are a documented false positive of aria-hidden-focus (microsoft/tabster#288, fluentui#25133): they
  // only pass focus on to the next real element. Everything else is checked.
  const result = await new AxeBuilder({ page })
    // Only violations are collected in full (passes and the rest keep one node each): the same rules
    // run on the same nodes, with less to gather and hand back.
    .options({ runOnly: { type: 'tag', values: WCAG_A_AA }, resultTypes: ['violations'] })
    .exclude('[data-tabster-dummy]')
    // axe.run in the page itself, instead of a run per frame finished in a second, blank page: the
    // pane has no frames, and the blank page (opened and given axe's source again) is most of the time
    // of a run.
    .setLegacyMode(true)
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
