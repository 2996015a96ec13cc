/**
 * State of the "Bộ tiêu chí" view: the downloads on offer, the busy action, the compiled file and the
 * comparison. Each action runs with the spinner; an unexpected failure becomes a notice, never a broken
 * pane. Files: rulebook-files.ts.
 */
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { builtinRulebooks } from '../../core/rulebook/builtin';
import { diffRulebooks, isEmptyDiff } from '../../core/rulebook/diff';
import type { Rulebook } from '../../core/rulebook/schema';
import type { AuthoringError } from '../../authoring/compile';
import type { DiffSections } from '../../authoring/diff';
import { useText } from './lang';
import { RulebookFileError, RulebookLibrary } from './rulebooks';
import { browserStore } from './storage';
import { fileBytes } from './chosen-file';
import {
  XLSX_TYPE,
  compileRulebookFile,
  download,
  emptyTableDetails,
  hasReconstructed,
  slug,
  type Download,
  type TableDetails,
} from './rulebook-files';

const authoring = () => import(/* webpackChunkName: "authoring" */ '../../authoring/workbook');
const authoringDiff = () => import(/* webpackChunkName: "authoring" */ '../../authoring/diff');

export type Compiled =
  | { ok: true; file: string; rulebook: Rulebook; hash: string }
  | { ok: false; file: string; errors: AuthoringError[] };

export interface DiffShown {
  sections: DiffSections;
  empty: boolean;
  reconstructed: boolean;
}

type Slot = 'template' | 'json' | 'diff';
type Busy = 'template' | 'compile' | 'compare';

/** Files offered as object URLs: each lives until replaced or until the view goes away. */
export function useDownloads() {
  const [downloads, setDownloads] = useState<Partial<Record<Slot, Download>>>({});
  const urls = useRef(new Set<string>());
  useEffect(() => {
    const live = urls.current;
    return () => live.forEach((u) => URL.revokeObjectURL(u));
  }, []);
  const offer = (slot: Slot, d: Download | undefined) =>
    setDownloads((prev) => {
      const old = prev[slot];
      if (old) {
        URL.revokeObjectURL(old.url);
        urls.current.delete(old.url);
      }
      if (d) urls.current.add(d.url);
      return { ...prev, [slot]: d };
    });
  return { downloads, offer };
}

/** The busy action and the failure notice around the view's actions. */
function useRunner() {
  const { t, m } = useText();
  const [busy, setBusy] = useState<Busy | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const run = async (what: Busy, action: () => Promise<void>) => {
    setBusy(what);
    setFailure(undefined);
    try {
      await action();
    } catch (e) {
      setFailure(
        e instanceof RulebookFileError
          ? m(e.reason)
          : t('paneRbFailed', { detail: e instanceof Error ? e.message : String(e) }),
      );
    } finally {
      setBusy(undefined);
    }
  };
  return { busy, failure, run };
}

export function useRulebookView(library: RulebookLibrary | undefined, onRulebookAdded?: () => void) {
  const rulebooks = useMemo(
    () => library ?? new RulebookLibrary(browserStore(), builtinRulebooks()),
    [library],
  );
  // The library is not React state: re-render when a compiled rulebook was added to it.
  const [, libraryChanged] = useReducer((n: number) => n + 1, 0);
  const choices = rulebooks.choices();
  const { busy, failure, run } = useRunner();
  const { downloads, offer } = useDownloads();
  const [templateKey, setTemplateKey] = useState('');
  const [older, setOlder] = useState(choices[0]?.key ?? '');
  const [newer, setNewer] = useState(choices[1]?.key ?? choices[0]?.key ?? '');
  const [compiled, setCompiled] = useState<Compiled | undefined>();
  const [tableDetails, setTableDetails] = useState<TableDetails>(emptyTableDetails);
  const [diff, setDiff] = useState<DiffShown | undefined>();

  const makeTemplate = () =>
    run('template', async () => {
      const rb = rulebooks.byKey(templateKey || undefined)?.rulebook;
      const { rulebookToWorkbook } = await authoring();
      // A downloaded file, not sheets inserted by Office.js: the header notes can stay.
      const bytes = await rulebookToWorkbook(rb, { notes: true });
      offer(
        'template',
        download(rb ? `bo-tieu-chi-${slug(rb)}.xlsx` : 'bo-tieu-chi-trong.xlsx', bytes, XLSX_TYPE),
      );
    });

  const compile = (file: File) =>
    run('compile', async () => {
      setCompiled(undefined);
      offer('json', undefined);
      const result = await compileRulebookFile(file.name, await fileBytes(file), tableDetails);
      if (!result.ok) {
        if ('problem' in result) throw new RulebookFileError(result.problem);
        setCompiled({ ok: false, file: file.name, errors: result.errors });
        return;
      }
      const json = JSON.stringify(result.rulebook, null, 2);
      // The library checks it again and refuses the id and version of a built-in rulebook.
      const choice = rulebooks.addFile(json, file.name);
      libraryChanged();
      onRulebookAdded?.();
      setNewer(choice.key);
      setCompiled({ ok: true, file: file.name, rulebook: result.rulebook, hash: result.hash });
      offer('json', download(`${slug(result.rulebook)}.json`, json, 'application/json'));
    });

  const compare = () =>
    run('compare', async () => {
      const a = rulebooks.byKey(older)?.rulebook;
      const b = rulebooks.byKey(newer)?.rulebook;
      if (!a || !b) return;
      const d = diffRulebooks(a, b);
      const { diffSections, diffToWorkbook } = await authoringDiff();
      setDiff({
        sections: diffSections(d),
        empty: isEmptyDiff(d),
        reconstructed: hasReconstructed(a) || hasReconstructed(b),
      });
      offer('diff', download(`so-sanh-${slug(a)}-${slug(b)}.xlsx`, await diffToWorkbook(d), XLSX_TYPE));
    });

  return {
    choices,
    busy,
    failure,
    downloads,
    template: { key: templateKey, setKey: setTemplateKey, make: makeTemplate },
    compiling: { compiled, compile, tableDetails, setTableDetails },
    comparing: { older, setOlder, newer, setNewer, diff, compare },
  };
}
