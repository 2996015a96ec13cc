/**
 * Least privilege, in the built pane: the pages load no script but their own bundle and
 * Office.js, and the code makes no network calls. The production build (as `npm run build`) is scanned:
 *  - taskpane.html and commands.html have exactly the expected <script> tags;
 *  - no URL literal in any emitted script other than identifiers (XML and JSON-Schema namespaces),
 *    the text of React's error messages, localhost, zod's IPv6 check, and the error/licence texts of
 *    ExcelJS's bundled polyfills (each allowed below, with why);
 *  - no fetch, XMLHttpRequest, WebSocket, sendBeacon, importScripts, EventSource, service workers or
 *    native import(); <script> elements are created only by webpack's chunk loader and by React DOM's
 *    script-resource API (its hoistable <script> resources, which the pane never renders);
 *  - the sources themselves use none of those network APIs (URLs in the sources may be data, such as a
 *    sample unit's portal address; what matters is what reaches the bundle, scanned above).
 *
 * The build: the production build the browser suites share (test/helpers/pane-builds.ts, made once per
 * change of the sources; dist/ is left alone: a dev server may be serving it). If the build cannot be
 * made here the scan is skipped with the reason printed; in CI (CI set) that fails.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { paneBuild } from '../helpers/pane-builds';

const ROOT = join(__dirname, '..', '..');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

function files(dir: string, keep: (f: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), keep) : keep(e.name) ? [join(dir, e.name)] : [],
  );
}

function buildDir(): { dir?: string; reason?: string } {
  try {
    return { dir: paneBuild('production') };
  } catch (e) {
    const reason = `the production build (webpack --mode production) failed, so the bundle scan (test/security/bundle.test.ts) is SKIPPED:\n${(e as Error).message.slice(-2000)}`;
    if (process.env.CI) throw new Error(`${reason}\n(CI is set, so this is a failure)`);

    console.warn(reason);
    return { reason };
  }
}

/** URL literals that are not addresses the pane could call, each with why it is in the bundle. */
const ALLOWED_URLS: { re: RegExp; why: string }[] = [
  {
    re: /^http:\/\/www\.w3\.org\//,
    why: 'XML namespaces (SVG, MathML, xlink, xml) that React DOM compares element namespaces with',
  },
  {
    re: /^http:\/\/schemas\.(openxmlformats\.org|microsoft\.com)\//,
    why: 'OOXML namespaces and relationship types of the .xlsx reader and writer',
  },
  { re: /^http:\/\/purl\.org\/dc\//, why: 'Dublin Core namespaces of .xlsx document properties' },
  { re: /^https?:\/\/json-schema\.org\//, why: 'JSON Schema dialect identifiers ($schema) in zod' },
  {
    re: /^https:\/\/react\.dev\/errors\/$/,
    why: "the link printed in React's minified production error messages",
  },
  {
    re: /^http:\/\/\[\$\{\w+\}\]$/,
    why: "zod's IPv6 check: the text is parsed with new URL(), never requested",
  },
  { re: /^https?:\/\/localhost(:\d+)?(\/|$)/, why: 'the development server' },
  // ExcelJS's browser build (the lazily loaded chunk behind the pane's 'Bộ tiêu chí' view) carries the
  // texts of its bundled dependencies' errors and licence notes. Listed one by one, not by host.
  {
    re: /^(https:\/\/github\.com\/(exceljs\/exceljs\/blob\/master\/UPGRADE-4\.0\.md|zloirock\/core-js(\/blob\/v[\d.]+\/LICENSE)?|crypto-browserify\/crypto-browserify|indutny\/elliptic(\/issues)?|uuidjs\/uuid#getrandomvalues-not-supported)|https:\/\/stuk\.github\.io\/jszip\/documentation\/howto\/read_zip\.html)$/,
    why: 'error and licence texts inside ExcelJS and its bundled polyfills (core-js, crypto-browserify, elliptic, JSZip, uuid); never requested',
  },
];

const NETWORK_APIS: { name: string; re: RegExp }[] = [
  { name: 'fetch', re: /\bfetch\b/ },
  { name: 'XMLHttpRequest', re: /\bXMLHttpRequest\b/ },
  { name: 'WebSocket', re: /\bWebSocket\b/ },
  { name: 'sendBeacon', re: /\bsendBeacon\b/ },
  // `!self.importScripts` is how setImmediate polyfills (in ExcelJS's chunk) tell a page from a worker: a
  // feature test, not a call. `importScripts(p + u(id))` is webpack's chunk loader in the reader's Web
  // Worker: the worker's own chunks, by file name, from the bundle's own folder (the worker's counterpart
  // of the page's <script> chunk loader below). Any other mention counts.
  {
    name: 'importScripts',
    re: /(?<!![\w$]+\.)\bimportScripts\b(?!\(\s*[\w$]+\.p\s*\+\s*[\w$]+\.u\(\s*[\w$]+\s*\)\s*\))/,
  },
  { name: 'EventSource', re: /\bEventSource\b/ },
  { name: 'serviceWorker', re: /\bserviceWorker\b/ },
  { name: 'RTCPeerConnection', re: /\bRTCPeerConnection\b/ },
  { name: 'native import()', re: /(?<![\w$.])import\s*\(/ },
];

const URL_LITERAL = /\b(?:https?|wss?|ftp):\/\/[^\s"'`<>)\\]+/g;

const build = buildDir();
const maybe = build.dir ? describe : describe.skip;

maybe('the built pane loads only its own bundle and Office.js, and calls no network', () => {
  const dir = build.dir!;
  const scripts = files(dir, (f) => f.endsWith('.js'));

  const scriptTags = (page: string) => {
    const html = readFileSync(join(dir, page), 'utf8');
    const tags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    return tags.map((m) => ({
      src: /\bsrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i
        .exec(m[1])
        ?.slice(1)
        .find((x) => x !== undefined),
      inline: m[2].trim(),
    }));
  };

  it('taskpane.html and commands.html have exactly Office.js and their own bundle (and the pane its old-webview check)', () => {
    for (const [page, own] of [
      ['taskpane.html', [/^old-webview\.[0-9a-f]{8}\.js$/, /^taskpane\.[0-9a-f]{8}\.js$/]],
      ['commands.html', [/^commands\.[0-9a-f]{8}\.js$/]],
    ] as const) {
      const tags = scriptTags(page);
      expect(tags.map((t) => t.inline)).toEqual(tags.map(() => ''));
      expect(tags[0].src).toBe(OFFICE_JS);
      expect(tags).toHaveLength(own.length + 1);
      own.forEach((re, i) => {
        expect(tags[i + 1].src).toMatch(re);
        expect(existsSync(join(dir, tags[i + 1].src!))).toBe(true);
      });
      // No other external resource: stylesheets, frames, images.
      const html = readFileSync(join(dir, page), 'utf8');
      expect([...html.matchAll(/\b(?:src|href)=["']?(https?:[^"'\s>]+)/gi)].map((m) => m[1])).toEqual([
        OFFICE_JS,
      ]);
      expect(html).not.toMatch(/<(iframe|link|object|embed)\b/i);
    }
  });

  it('no script holds a URL other than the allowed identifiers', () => {
    expect(scripts.length).toBeGreaterThan(1);
    const found = new Map<string, string>();
    const foreign: string[] = [];
    for (const file of scripts)
      for (const m of readFileSync(file, 'utf8').matchAll(URL_LITERAL)) {
        const url = m[0];
        const allowed = ALLOWED_URLS.find((a) => a.re.test(url));
        if (allowed) found.set(url, allowed.why);
        else foreign.push(`${relative(dir, file)}: ${url}`);
      }
    expect(foreign).toEqual([]);

    console.log(
      `bundle scan (${relative(ROOT, dir)}, ${scripts.length} scripts): URL literals allowed:\n${[...found].map(([u, why]) => `  ${u} — ${why}`).join('\n')}`,
    );
  });

  it('no script uses a network API', () => {
    const uses: string[] = [];
    for (const file of scripts) {
      const js = readFileSync(file, 'utf8');
      for (const api of NETWORK_APIS) if (api.re.test(js)) uses.push(`${relative(dir, file)}: ${api.name}`);
    }
    expect(uses).toEqual([]);
  });

  it("<script> elements are created only by the webpack chunk loader and React DOM's script-resource API", () => {
    const creations: string[] = [];
    let loader = 0;
    for (const file of scripts) {
      const js = readFileSync(file, 'utf8');
      for (const m of js.matchAll(/createElement\(\s*["']script["']\s*\)/g)) {
        const around = js.slice(Math.max(0, m.index - 400), m.index + 400);
        if (/data-webpack/.test(around)) loader++;
        // setImmediate polyfills (old IE path, in ExcelJS's chunk) append an empty <script> for its
        // onreadystatechange callback: no src is ever set, nothing is loaded.
        else if (/onreadystatechange/.test(around) && !/\.src\s*=/.test(around)) continue;
        else if (!/\binstance\b/.test(around))
          creations.push(`${relative(dir, file)}: …${around.slice(300, 500)}…`);
      }
    }
    expect(creations).toEqual([]);
    expect(loader).toBe(1); // one runtime, in the entry bundle
  });
});

describe('the sources call no network', () => {
  it('src/ uses none of the network APIs', () => {
    const uses: string[] = [];
    for (const file of files(join(ROOT, 'src'), (f) => /\.(ts|tsx|js|html)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      for (const api of NETWORK_APIS.filter((a) => a.name !== 'native import()'))
        if (api.re.test(text)) uses.push(`${relative(ROOT, file)}: ${api.name}`);
    }
    expect(uses).toEqual([]);
  });
});
