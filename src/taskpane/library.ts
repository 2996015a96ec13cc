/**
 * The rulebook library with the built-in rulebooks: a chunk of its own (mount.tsx imports it
 * dynamically), since the rulebooks' data and their validator (zod) are a third of the pane's code
 * and the pane's frame can show before them.
 */
import { builtinRulebooks } from '../core/rulebook/builtin';
import { RulebookLibrary } from './state/rulebooks';
import type { KeyValueStore } from './state/storage';

export function openLibrary(store: KeyValueStore): RulebookLibrary {
  return new RulebookLibrary(store, builtinRulebooks());
}
