/**
 * Offline checks of manifest.xml (office-addin-manifest's `validate` calls an online service, so the
 * tests and CI use this): structure, id, version, URLs on https://localhost or relative to the
 * add-in's own origin, icons that exist in assets/, least-privilege permissions, requirement sets.
 * Returns a list of problems (empty when the manifest is fine).
 */
'use strict';
const { readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const xml2js = require('xml2js');

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function checkManifest(file, { root = join(__dirname, '..'), origin = 'https://localhost:3000' } = {}) {
  const problems = [];
  let doc;
  try {
    doc = await xml2js.parseStringPromise(readFileSync(file, 'utf8'));
  } catch (e) {
    return [`not well-formed XML: ${e.message}`];
  }
  const app = doc.OfficeApp;
  if (!app) return ['root element is not OfficeApp'];
  const attr = app.$ || {};
  if (attr['xsi:type'] !== 'TaskPaneApp') problems.push('xsi:type must be TaskPaneApp');
  const one = (name) => (app[name] && app[name][0]) || undefined;
  const id = one('Id');
  if (!id || !GUID.test(id)) problems.push('Id must be a GUID');
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(one('Version') || '')) problems.push('Version must be n.n.n.n');
  for (const name of ['ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions'])
    if (!app[name]) problems.push(`missing ${name}`);
  const perm = one('Permissions');
  if (perm && perm !== 'ReadWriteDocument') problems.push(`Permissions should be ReadWriteDocument (least privilege for writing forms), not ${perm}`);
  const hosts = JSON.stringify(app.Hosts || '');
  if (!hosts.includes('Workbook')) problems.push('Hosts must include Workbook');
  const sets = (((app.Requirements || [])[0] || {}).Sets || [])[0];
  const excelSet = sets && (sets.Set || []).find((s) => s.$ && s.$.Name === 'ExcelApi');
  if (!excelSet) problems.push('Requirements must declare the ExcelApi set');
  else if (!/^1\.\d+$/.test(excelSet.$.MinVersion || '')) problems.push('ExcelApi needs a MinVersion');

  // Every URL: https on localhost (dev) or the configured origin; every icon file exists.
  const text = readFileSync(file, 'utf8');
  const urls = [...text.matchAll(/DefaultValue="([^"]+)"|(?:Url|Icon)[^>]*?DefaultValue="([^"]+)"/g)].map((m) => m[1] || m[2]);
  for (const url of new Set(urls.filter((u) => /^[a-z]+:\/\//i.test(u)))) {
    if (!url.startsWith(origin) && !url.startsWith('https://localhost')) problems.push(`URL outside the add-in's origin: ${url}`);
    const asset = /\/assets\/([^?#"]+)$/.exec(url);
    if (asset && !existsSync(join(root, 'assets', asset[1]))) problems.push(`icon not found: assets/${asset[1]}`);
  }
  const resIds = new Set([...text.matchAll(/<bt:(?:Image|Url|String)\s+id="([^"]+)"/g)].map((m) => m[1]));
  for (const m of text.matchAll(/resid="([^"]+)"/g)) if (!resIds.has(m[1])) problems.push(`resid ${m[1]} is not defined in Resources`);
  return problems;
}

module.exports = { checkManifest };
