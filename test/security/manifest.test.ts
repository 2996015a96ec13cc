/**
 * Least privilege, in the manifest: the add-in asks for ReadWriteDocument and nothing more
 * (it writes forms into the open workbook; it reads no mail, no items, no other documents), and every
 * address it names is the add-in's own origin. Checked with scripts/manifest-check.js (the offline
 * checks `npm run validate` runs), which must also be able to fail: it is run on tampered copies.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MANIFEST = join(ROOT, 'manifest.xml');
const ORIGIN = 'https://localhost:3000';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkManifest } = require(join(ROOT, 'scripts', 'manifest-check.js')) as {
  checkManifest: (file: string, opts?: { root?: string; origin?: string }) => Promise<string[]>;
};

const xml = readFileSync(MANIFEST, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'scorecard-manifest-'));
const tampered = (name: string, edit: (x: string) => string) => {
  const file = join(dir, name);
  writeFileSync(file, edit(xml));
  return checkManifest(file, { root: ROOT, origin: ORIGIN });
};

describe('manifest.xml asks for the least privilege', () => {
  it('passes the offline manifest checks', async () => {
    expect(await checkManifest(MANIFEST, { root: ROOT, origin: ORIGIN })).toEqual([]);
  });

  it('asks for ReadWriteDocument, once, and for no mailbox or item permission', () => {
    expect([...xml.matchAll(/<Permissions>([^<]*)<\/Permissions>/g)].map((m) => m[1].trim())).toEqual([
      'ReadWriteDocument',
    ]);
    expect(xml).not.toMatch(
      /ReadWriteMailbox|ReadWriteItem|ReadItem|<Permission\b|webApplicationInfo|<Scopes>/,
    );
  });

  it('names no domain but its own: app domains and every URL are on the add-in origin', () => {
    expect([...xml.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => m[1].trim())).toEqual([ORIGIN]);
    const urls = [...xml.matchAll(/\b(?:DefaultValue|Value)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(`${ORIGIN}/`)).toBe(true);
    // XML namespaces are identifiers, not addresses: the only http:// in the file.
    for (const m of xml.matchAll(/http:\/\/[^"\s]+/g))
      expect(m[0]).toMatch(
        /^http:\/\/(schemas\.microsoft\.com\/office\/|www\.w3\.org\/2001\/XMLSchema-instance)/,
      );
  });

  it('the checks fail on a manifest that asks for more, or points elsewhere', async () => {
    expect(
      await tampered('mailbox.xml', (x) =>
        x.replace(
          '<Permissions>ReadWriteDocument</Permissions>',
          '<Permissions>ReadWriteMailbox</Permissions>',
        ),
      ),
    ).toContainEqual(expect.stringContaining('Permissions should be ReadWriteDocument'));
    expect(
      await tampered('foreign.xml', (x) =>
        x.replace(`${ORIGIN}/commands.html`, 'https://cdn.example.com/commands.html'),
      ),
    ).toContainEqual(expect.stringContaining('URL outside the add-in'));
  });
});
