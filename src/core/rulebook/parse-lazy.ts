/**
 * Validation against the schema (parse.ts), with zod loaded on the first call only: reading and scoring
 * forms of the built-in rulebooks never validate, and loading zod costs ~0.3 s in every Node process and
 * worker. The pane's webpack build replaces this module by parse.ts itself, where tree shaking keeps zod
 * out of the initial bundle (webpack.config.js, eagerParse).
 */
import type { Rulebook } from './schema';

export function parseRulebook(json: unknown, source?: string): Rulebook {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, synchronously
  return (require('./parse') as typeof import('./parse')).parseRulebook(json, source);
}
