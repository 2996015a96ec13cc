/**
 * The rulebooks the pane knows: the built-in ones and those the user loaded from a .json file in this
 * or an earlier session (kept in local storage by id and version, so a form made with a custom
 * rulebook is recognised again after a reload).
 */
import { parseRulebook, RulebookError } from '../../core/rulebook/load';
import type { Rulebook } from '../../core/rulebook/schema';
import { msg } from '../../i18n';
import type { FormMeta } from '../../form/types';
import type { Text } from './lang';
import { RulebookFileError } from './rulebook-file-error';
import { trySet, type KeyValueStore } from './storage';

export const CUSTOM_RULEBOOKS_KEY = 'scorecard.rulebooks';

export interface RulebookChoice {
  /** `id@version`: unique among the choices. */
  key: string;
  rulebook: Rulebook;
  source: 'builtin' | 'file';
}

export type Resolution =
  | {
      ok: true;
      rulebook: Rulebook;
      source: 'builtin' | 'file';
      /** the form was made with another version */ otherVersion?: string;
    }
  | { ok: false; rulebookId: string; version: string };

export const choiceKey = (rb: Pick<Rulebook, 'id' | 'version'>) => `${rb.id}@${rb.version}`;

export { RulebookFileError } from './rulebook-file-error';

export class RulebookLibrary {
  private readonly custom = new Map<string, Rulebook>();
  private readonly builtin: Rulebook[];

  constructor(
    private readonly store: KeyValueStore,
    builtin: Rulebook[],
  ) {
    this.builtin = builtin;
    for (const [key, json] of Object.entries(this.stored())) {
      try {
        this.custom.set(key, parseRulebook(json, key));
      } catch {
        // a stored rulebook this version no longer accepts: forget it rather than fail the pane
      }
    }
  }

  private stored(): Record<string, unknown> {
    try {
      const raw = this.store.getItem(CUSTOM_RULEBOOKS_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    } catch {
      return {};
    }
  }

  choices(): RulebookChoice[] {
    return [
      ...this.builtin.map((rulebook) => ({ key: choiceKey(rulebook), rulebook, source: 'builtin' as const })),
      ...[...this.custom.entries()].map(([key, rulebook]) => ({ key, rulebook, source: 'file' as const })),
    ];
  }

  byKey(key: string | undefined): RulebookChoice | undefined {
    return key === undefined ? undefined : this.choices().find((c) => c.key === key);
  }

  /**
   * Parse a rulebook file's text and remember it. A file with the id and version of a built-in
   * rulebook is refused: the form's identity (id + version) must name one content.
   */
  addFile(text: string, fileName: string): RulebookChoice {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new RulebookFileError(
        msg('paneRulebookFileNotJson', { file: fileName, detail: (e as Error).message }),
      );
    }
    let rulebook: Rulebook;
    try {
      rulebook = parseRulebook(json, fileName);
    } catch (e) {
      if (e instanceof RulebookError) throw new RulebookFileError(e.reason);
      throw e;
    }
    const key = choiceKey(rulebook);
    if (this.builtin.some((b) => choiceKey(b) === key))
      throw new RulebookFileError(msg('paneRulebookFileIsBuiltin', { file: fileName, rulebook: key }));
    this.custom.set(key, rulebook);
    trySet(this.store, CUSTOM_RULEBOOKS_KEY, JSON.stringify({ ...this.stored(), [key]: json }));
    return { key, rulebook, source: 'file' };
  }

  /** The rulebook a form was made with: same id and version first, then the same id in another version. */
  resolve(meta: Pick<FormMeta, 'rulebookId' | 'rulebookVersion'>): Resolution {
    const all = this.choices();
    const exact = all.find(
      (c) => c.rulebook.id === meta.rulebookId && c.rulebook.version === meta.rulebookVersion,
    );
    if (exact) return { ok: true, rulebook: exact.rulebook, source: exact.source };
    const sameId = all.find((c) => c.rulebook.id === meta.rulebookId);
    if (sameId)
      return {
        ok: true,
        rulebook: sameId.rulebook,
        source: sameId.source,
        otherVersion: meta.rulebookVersion,
      };
    return { ok: false, rulebookId: meta.rulebookId, version: meta.rulebookVersion };
  }
}

/**
 * A rulebook as officials know it: the province and the issuing decision with its date (never the
 * internal id); one loaded from a file also says so, with its version.
 */
export function rulebookLabel(t: Text['t'], rb: Rulebook, source: 'builtin' | 'file'): string {
  const [y, m, d] = rb.decision.date.split('-');
  const name = `${rb.province} – ${rb.decision.number}${d ? ` (${d}/${m}/${y})` : ''}`;
  return source === 'file' ? t('paneRulebookFromFile', { name, version: rb.version }) : name;
}
