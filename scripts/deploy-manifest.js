/**
 * The pure parts of `npm run package`: reading the department's base address, and turning the
 * development manifest (every URL on https://localhost:3000) into the deployment one (every URL under
 * that base). No file system, no network: test/deploy/package.test.ts calls these directly.
 */
'use strict';

const DEV_ORIGIN = 'https://localhost:3000';
const VERSION = /^\d{1,5}\.\d{1,5}\.\d{1,5}(\.\d{1,5})?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A one-line reason in both languages. */
const reason = (vi, en) => ({ vi, en });

/**
 * The base address every URL of the add-in lies under, always ending in "/", or the reason it cannot
 * be one: Office loads add-ins only over https, and a user name, ?query or #fragment in the base would
 * end up in the middle of every URL.
 */
function parseBaseUrl(text) {
  const usage = 'npm run package -- --url https://ten-may-chu/duong-dan/';
  if (!text || !String(text).trim())
    return {
      error: reason(
        `Thiếu địa chỉ gốc: ${usage}`,
        `The base address is missing: npm run package -- --url https://your-host/path/`,
      ),
    };
  const raw = String(text).trim();
  let url;
  try {
    url = new URL(raw);
  } catch {
    return {
      error: reason(
        `"${raw}" không phải địa chỉ web hợp lệ; ví dụ: https://cntt.tinh.gov.vn/danh-gia/`,
        `"${raw}" is not a valid web address; for example https://ict.province.gov.vn/scorecard/`,
      ),
    };
  }
  if (url.protocol === 'http:')
    return {
      error: reason(
        `Office chỉ nạp phần bổ trợ qua HTTPS, không qua http://: hãy dùng https:// (${raw})`,
        `Office loads add-ins only over HTTPS, not http://: use https:// (${raw})`,
      ),
    };
  if (url.protocol !== 'https:' || !url.hostname)
    return {
      error: reason(
        `Địa chỉ gốc phải bắt đầu bằng https:// và có tên máy chủ (${raw})`,
        `The base address must start with https:// and name a host (${raw})`,
      ),
    };
  if (url.username || url.password || url.search || url.hash || raw.includes('?') || raw.includes('#'))
    return {
      error: reason(
        `Địa chỉ gốc không được có tên đăng nhập, ?tham số hay #neo (${raw})`,
        `The base address must not contain a user name, a ?query or a #fragment (${raw})`,
      ),
    };
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { base: `${url.origin}${path}`, origin: url.origin };
}

/** "1.2.3" → "1.2.3.0"; the manifest wants four parts. Undefined when it is not a version. */
function manifestVersion(text) {
  const v = String(text || '').trim();
  if (!VERSION.test(v)) return undefined;
  return v.split('.').length === 3 ? `${v}.0` : v;
}

const escapeXml = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The Id and Version the development manifest states. */
function manifestIdentity(xml) {
  return {
    id: (/<Id>([^<]+)<\/Id>/.exec(xml) || [])[1],
    version: (/<Version>([^<]+)<\/Version>/.exec(xml) || [])[1],
  };
}

/**
 * The deployment manifest: every dev URL moved under `base`, the app domain set to its origin, the
 * version (and, if asked, the id) replaced, and the opening comment saying what this copy is.
 */
function deploymentManifest(xml, { base, origin, version, id }) {
  const current = manifestIdentity(xml);
  if (!GUID.test(id || current.id || '')) throw new Error(`Id is not a GUID: ${id || current.id}`);
  const comment = [
    '<!--',
    `  Deployment manifest written by npm run package for ${base}`,
    `  (Id ${id || current.id}, Version ${version || current.version}). Copy the web/ folder beside it to that`,
    '  address; docs/deployment.en.md (English) and docs/deployment.vi.md (tiếng Việt) say how to deploy it.',
    '-->',
  ].join('\n');
  return xml
    .replace(/<!--[\s\S]*?-->/, comment)
    .split(`${DEV_ORIGIN}/`)
    .join(escapeXml(base))
    .replace(`<AppDomain>${DEV_ORIGIN}</AppDomain>`, `<AppDomain>${escapeXml(origin)}</AppDomain>`)
    .replace(/<Version>[^<]+<\/Version>/, `<Version>${version || current.version}</Version>`)
    .replace(/<Id>[^<]+<\/Id>/, `<Id>${id || current.id}</Id>`);
}

module.exports = { DEV_ORIGIN, GUID, parseBaseUrl, manifestVersion, manifestIdentity, deploymentManifest };
