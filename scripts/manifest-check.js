/**
 * Offline checks of an add-in manifest (office-addin-manifest's `validate` calls an online service, so
 * the tests and CI use this): structure, id, version, https URLs all under one base address, icons
 * that exist, least-privilege permissions, the requirement set the add-in starts with, string lengths.
 * Works on the repository's manifest.xml (base https://localhost:3000/) and on a packaged one
 * (`npm run package`, any base). Returns a list of problems (empty when the manifest is fine).
 */
'use strict';
const { readFileSync, existsSync, statSync } = require('node:fs');
const { join } = require('node:path');
const xml2js = require('xml2js');

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The lowest ExcelApi the add-in starts with: MINIMUM_EXCEL_API in src/excel/capabilities.ts (a test keeps them equal). */
const MINIMUM_EXCEL_API = '1.7';
const SHORT_STRING = 125;
const LONG_STRING = 250;

const minor = (v) => Number(String(v).split('.')[1]);

/** The folder the task pane page lives in: the base every other URL must share. */
function baseOf(sourceLocation) {
  try {
    const url = new URL(sourceLocation);
    return `${url.origin}${url.pathname.replace(/[^/]*$/, '')}`;
  } catch {
    return undefined;
  }
}

function structureProblems(app) {
  const problems = [];
  const attr = app.$ || {};
  if (attr['xsi:type'] !== 'TaskPaneApp') problems.push('xsi:type must be TaskPaneApp');
  const one = (name) => (app[name] && app[name][0]) || undefined;
  if (!GUID.test(one('Id') || '')) problems.push('Id must be a GUID');
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(one('Version') || '')) problems.push('Version must be n.n.n.n');
  for (const name of [
    'ProviderName',
    'DefaultLocale',
    'DisplayName',
    'Description',
    'IconUrl',
    'HighResolutionIconUrl',
    'SupportUrl',
    'Hosts',
    'Requirements',
    'DefaultSettings',
    'Permissions',
  ])
    if (!app[name]) problems.push(`missing ${name}`);
  const perm = one('Permissions');
  if (perm && perm !== 'ReadWriteDocument')
    problems.push(`Permissions should be ReadWriteDocument (least privilege for writing forms), not ${perm}`);
  if (!JSON.stringify(app.Hosts || '').includes('Workbook')) problems.push('Hosts must include Workbook');
  const sets = (((app.Requirements || [])[0] || {}).Sets || [])[0];
  const excelSet = sets && (sets.Set || []).find((s) => s.$ && s.$.Name === 'ExcelApi');
  if (!excelSet) problems.push('Requirements must declare the ExcelApi set');
  else if (!/^1\.\d+$/.test(excelSet.$.MinVersion || '')) problems.push('ExcelApi needs a MinVersion');
  // Asking for more would hide the add-in from Office 2019, which the pane serves (it checks newer sets at run time).
  else if (minor(excelSet.$.MinVersion) > minor(MINIMUM_EXCEL_API))
    problems.push(
      `ExcelApi MinVersion ${excelSet.$.MinVersion} is above ${MINIMUM_EXCEL_API}, the set the add-in starts with; Office 2019 would not load it`,
    );
  return problems;
}

/** Every absolute URL: https, under `base`; the file it names exists under `webRoot` (or icons under `root`/assets). */
function urlProblems(text, { base, root, webRoot }) {
  const problems = [];
  const urls = [...text.matchAll(/\b(?:DefaultValue|Value)="([a-z][a-z0-9+.-]*:\/\/[^"]+)"/gi)].map((m) =>
    m[1].replace(/&amp;/g, '&'),
  );
  for (const url of new Set(urls)) {
    if (!/^https:\/\//i.test(url)) problems.push(`URL is not https: ${url}`);
    if (!url.startsWith(base)) {
      problems.push(`URL outside the add-in's base ${base}: ${url}`);
      continue;
    }
    const file = decodeURIComponent(url.slice(base.length).replace(/[?#].*$/, ''));
    if (webRoot) {
      const path = join(webRoot, file);
      if (!existsSync(path) || !statSync(path).isFile()) problems.push(`file not found for ${url}: ${file}`);
    } else if (/^assets\//.test(file) && !existsSync(join(root, file)))
      problems.push(`icon not found: ${file}`);
  }
  const origin = base.replace(/^(https?:\/\/[^/]+).*$/, '$1');
  for (const m of text.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g))
    if (m[1].trim() !== origin)
      problems.push(`AppDomain ${m[1].trim()} is not the add-in's own origin ${origin}`);
  return problems;
}

function resourceProblems(text) {
  const problems = [];
  const resIds = new Set([...text.matchAll(/<bt:(?:Image|Url|String)\s+id="([^"]+)"/g)].map((m) => m[1]));
  for (const m of text.matchAll(/resid="([^"]+)"/g))
    if (!resIds.has(m[1])) problems.push(`resid ${m[1]} is not defined in Resources`);
  const lengths = (section, max) => {
    const block = (new RegExp(`<bt:${section}>([\\s\\S]*?)</bt:${section}>`).exec(text) || [])[1] || '';
    for (const m of block.matchAll(/(?:DefaultValue|Value)="([^"]*)"/g))
      if (m[1].length > max)
        problems.push(`${section} text longer than ${max} characters: ${m[1].slice(0, 40)}…`);
  };
  lengths('ShortStrings', SHORT_STRING);
  lengths('LongStrings', LONG_STRING);
  return problems;
}

/**
 * options.base: the address every URL must lie under (default: the folder of SourceLocation);
 * options.origin: the older form of base (`https://host:port`); options.root: where assets/ lives
 * for the repository's manifest; options.webRoot: the packaged web files every URL must exist in.
 */
async function checkManifest(file, { root = join(__dirname, '..'), origin, base, webRoot } = {}) {
  let text;
  let doc;
  try {
    text = readFileSync(file, 'utf8');
    doc = await xml2js.parseStringPromise(text);
  } catch (e) {
    return [`not well-formed XML: ${e.message}`];
  }
  const app = doc && doc.OfficeApp;
  if (!app) return ['root element is not OfficeApp'];
  const source = ((((app.DefaultSettings || [])[0] || {}).SourceLocation || [])[0] || {}).$;
  const sharedBase = base || (origin ? `${origin}/` : baseOf(source && source.DefaultValue));
  if (!sharedBase)
    return [...structureProblems(app), 'DefaultSettings/SourceLocation must be an absolute https URL'];
  return [
    ...structureProblems(app),
    ...urlProblems(text, { base: sharedBase, root, webRoot }),
    ...resourceProblems(text),
  ];
}

module.exports = { checkManifest, baseOf, MINIMUM_EXCEL_API };
