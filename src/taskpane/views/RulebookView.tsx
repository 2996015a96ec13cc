/**
 * The "Bộ tiêu chí" view (issue 8 §1–3 from the pane), loaded on first use as its own chunk:
 *  1. download an authoring workbook, blank or filled from a rulebook the pane knows;
 *  2. compile an authoring .xlsx into a rulebook: added to the pane's library (state/rulebooks.ts) and
 *     offered as .json; otherwise every error with its sheet, row and column;
 *  3. compare two rulebooks: the changes per annex, and the diff workbook to download.
 * Files are offered as <a download> links on Blobs, so no Excel API is needed (works in every host).
 * The authoring modules bring ExcelJS: they are imported only when an action starts, a further chunk.
 */
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Button, Field, Link, Select, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { builtinRulebooks } from '../../core/rulebook/builtin';
import { diffRulebooks, isEmptyDiff } from '../../core/rulebook/diff';
import type { Rulebook } from '../../core/rulebook/schema';
import type { AuthoringError } from '../../authoring/compile';
import type { DiffLine, DiffSections } from '../../authoring/diff';
import { Notice } from '../components/Notice';
import { useText } from '../state/lang';
import { RulebookFileError, RulebookLibrary, rulebookLabel } from '../state/rulebooks';
import { browserStore } from '../state/storage';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  sub: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    minWidth: 0,
  },
  // a native select is as wide as its longest option unless told otherwise
  select: {
    minWidth: 0,
    width: '100%',
    '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
  },
  link: { overflowWrap: 'anywhere', minHeight: '24px' },
  table: {
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    '& th, & td': { textAlign: 'left', padding: '2px 6px', verticalAlign: 'top' },
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: 'anywhere' },
  // the compile errors table scrolls inside itself rather than widen the pane
  tableBox: { maxWidth: '100%', overflowX: 'auto' },
});

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const authoring = () => import(/* webpackChunkName: "authoring" */ '../../authoring/workbook');
const authoringDiff = () => import(/* webpackChunkName: "authoring" */ '../../authoring/diff');

interface Download {
  file: string;
  url: string;
}

/** A file to offer for download; undefined where the browser cannot make object URLs. */
function download(file: string, bytes: Uint8Array | string, type: string): Download | undefined {
  if (typeof URL.createObjectURL !== 'function') return undefined;
  return { file, url: URL.createObjectURL(new Blob([bytes as BlobPart], { type })) };
}

/** A chosen file's bytes (FileReader: File.arrayBuffer is missing in older hosts' browsers). */
function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('FileReader'));
    reader.readAsArrayBuffer(file);
  });
}

const slug = (rb: Pick<Rulebook, 'id' | 'version'>) =>
  `${rb.id}-${rb.version}`.replace(/[^\p{L}\p{N}._-]+/gu, '_');
const hasReconstructed = (rb: Rulebook) =>
  rb.annexes.some((a) => a.groups.some((g) => g.criteria.some((c) => c.provenance === 'reconstructed')));

type Compiled =
  | { ok: true; file: string; rulebook: Rulebook; hash: string }
  | { ok: false; file: string; errors: AuthoringError[] };

export interface RulebookViewProps {
  /** The rulebooks the pane knows (built-in and custom); default: the same store's. */
  library?: RulebookLibrary;
  /** Called after a compiled rulebook was added to the library (the other views refresh their lists). */
  onRulebookAdded?: () => void;
}

export default function RulebookView({ library, onRulebookAdded }: RulebookViewProps) {
  const { t, m } = useText();
  const styles = useStyles();
  const rulebooks = useMemo(
    () => library ?? new RulebookLibrary(browserStore(), builtinRulebooks()),
    [library],
  );
  // The library is not React state: re-render when a compiled rulebook was added to it.
  const [, libraryChanged] = useReducer((n: number) => n + 1, 0);
  const choices = rulebooks.choices();

  const [busy, setBusy] = useState<'template' | 'compile' | 'compare' | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [templateKey, setTemplateKey] = useState('');
  const [older, setOlder] = useState(choices[0]?.key ?? '');
  const [newer, setNewer] = useState(choices[1]?.key ?? choices[0]?.key ?? '');
  const [downloads, setDownloads] = useState<{ template?: Download; json?: Download; diff?: Download }>({});
  const [compiled, setCompiled] = useState<Compiled | undefined>();
  const [diff, setDiff] = useState<
    { sections: DiffSections; empty: boolean; reconstructed: boolean } | undefined
  >();
  const fileInput = useRef<HTMLInputElement>(null);

  // Object URLs live until replaced or until the view goes away.
  const urls = useRef(new Set<string>());
  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);
  const offer = (slot: keyof typeof downloads, d: Download | undefined) =>
    setDownloads((prev) => {
      const old = prev[slot];
      if (old) {
        URL.revokeObjectURL(old.url);
        urls.current.delete(old.url);
      }
      if (d) urls.current.add(d.url);
      return { ...prev, [slot]: d };
    });

  /** Run an action with the busy spinner; an unexpected failure becomes a notice, never a broken pane. */
  const run = async (what: NonNullable<typeof busy>, action: () => Promise<void>) => {
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
      const { workbookToRulebook } = await authoring();
      const result = await workbookToRulebook(await readBytes(file));
      if (!result.ok) {
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

  const link = (d: Download | undefined, testId: string) =>
    d && (
      <Link href={d.url} download={d.file} className={styles.link} data-testid={testId}>
        {t('paneRbDownload', { file: d.file })}
      </Link>
    );
  const lines = (items: DiffLine[]) =>
    items.length > 0 && (
      <ul className={styles.list}>
        {items.map((l, i) => (
          <li key={i} data-kind={l.kind}>
            {m(l.message)}
          </li>
        ))}
      </ul>
    );
  const options = choices.map((c) => (
    <option key={c.key} value={c.key}>
      {rulebookLabel(t, c.rulebook, c.source)}
    </option>
  ));

  return (
    <div className={styles.stack} data-testid="rulebook-view">
      <Text>{t('paneRbIntro')}</Text>
      {busy && <Spinner size="tiny" label={t('paneRbBusy')} />}
      {failure && (
        <Notice intent="error" testId="rulebook-failure">
          {failure}
        </Notice>
      )}

      <section className={styles.section} aria-labelledby="rb-template">
        <h2 id="rb-template" className={styles.heading}>
          {t('paneRbTemplateHeading')}
        </h2>
        <Field label={t('paneRbTemplateFrom')}>
          <Select
            className={styles.select}
            value={templateKey}
            onChange={(_, d) => setTemplateKey(d.value)}
            data-testid="template-rulebook"
          >
            <option value="">{t('paneRbBlank')}</option>
            {options}
          </Select>
        </Field>
        <div className={styles.row}>
          <Button onClick={() => void makeTemplate()} disabled={!!busy} data-testid="make-template">
            {t('paneRbMake')}
          </Button>
          {link(downloads.template, 'template-download')}
        </div>
      </section>

      <section className={styles.section} aria-labelledby="rb-compile">
        <h2 id="rb-compile" className={styles.heading}>
          {t('paneRbCompileHeading')}
        </h2>
        <input
          ref={fileInput}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          hidden
          data-testid="compile-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void compile(file);
          }}
        />
        <div className={styles.row}>
          <Button onClick={() => fileInput.current?.click()} disabled={!!busy} data-testid="compile-choose">
            {t('paneRbCompileChoose')}
          </Button>
        </div>
        {compiled?.ok && (
          <Notice intent="success" testId="compile-ok" actions={link(downloads.json, 'json-download')}>
            {t('paneRbCompiled', {
              rulebook: rulebookLabel(t, compiled.rulebook, 'file'),
              file: compiled.file,
            })}
          </Notice>
        )}
        {compiled && !compiled.ok && (
          <Notice
            intent="error"
            testId="compile-errors"
            title={t('paneRbCompileFailed', { file: compiled.file, count: compiled.errors.length })}
          >
            <div className={styles.tableBox}>
              <table className={styles.table}>
                <thead>
                  <tr>
                    <th>{t('paneRbColSheet')}</th>
                    <th>{t('paneRbColRow')}</th>
                    <th>{t('paneRbColColumn')}</th>
                    <th>{t('paneRbColProblem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {compiled.errors.map((e, i) => (
                    <tr key={i} data-testid="compile-error">
                      <td>{e.sheet}</td>
                      <td>{e.row || '—'}</td>
                      <td>{e.column || '—'}</td>
                      <td>{m(e.message)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Notice>
        )}
      </section>

      <section className={styles.section} aria-labelledby="rb-compare">
        <h2 id="rb-compare" className={styles.heading}>
          {t('paneRbCompareHeading')}
        </h2>
        <Field label={t('paneRbOlder')}>
          <Select
            className={styles.select}
            value={older}
            onChange={(_, d) => setOlder(d.value)}
            data-testid="compare-older"
          >
            {options}
          </Select>
        </Field>
        <Field label={t('paneRbNewer')}>
          <Select
            className={styles.select}
            value={newer}
            onChange={(_, d) => setNewer(d.value)}
            data-testid="compare-newer"
          >
            {options}
          </Select>
        </Field>
        <div className={styles.row}>
          <Button onClick={() => void compare()} disabled={!!busy || !older || !newer} data-testid="compare">
            {t('paneRbCompare')}
          </Button>
          {link(downloads.diff, 'diff-download')}
        </div>
        {diff && (
          <div className={styles.section} data-testid="diff">
            {diff.reconstructed && (
              <Notice intent="info" testId="reconstructed">
                {t('paneReconstructedNotice')}
              </Notice>
            )}
            {diff.empty && <Text>{t('diffNoChanges')}</Text>}
            {diff.sections.general.length > 0 && (
              <>
                <h3 className={styles.sub}>{t('diffGeneral')}</h3>
                {lines(diff.sections.general)}
              </>
            )}
            {!diff.empty &&
              diff.sections.annexes.map((s) => (
                <div key={s.annex.annex} data-testid={`diff-annex-${s.annex.annex}`}>
                  <h3 className={styles.sub}>{t('diffAnnexHeading', { annex: s.annex.annex })}</h3>
                  {s.annex.status === 'same' && <Text>{t('diffAnnexSame')}</Text>}
                  {lines(s.lines)}
                  {s.groups.map((g) => (
                    <div key={g.code}>
                      <Text weight="semibold">{`${g.code}. ${g.title}`}</Text>
                      {lines(g.lines)}
                    </div>
                  ))}
                  {lines(s.bands)}
                </div>
              ))}
            {diff.sections.units.length > 0 && (
              <>
                <h3 className={styles.sub}>{t('diffUnits')}</h3>
                {lines(diff.sections.units)}
              </>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
