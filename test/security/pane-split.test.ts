/**
 * What the task pane downloads before it can show anything (the <script> tags of taskpane.html) against
 * what it loads later: the English catalogue and the built-in rulebooks (with their data) are lazily
 * loaded chunks, not part of the initial scripts. The initial gzip size is printed (issue 16 wants at
 * most 200 KB; `npm run bench:bundle` prints the same figures), never asserted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { en } from '../../src/i18n/en';
import { vi } from '../../src/i18n/vi';
import { paneBuild } from '../helpers/pane-builds';

const dir = paneBuild('production');
const html = readFileSync(join(dir, 'taskpane.html'), 'utf8');
const initial = [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]+)"|([^\s>]+))/g)]
  .map((m) => m[1] ?? m[2])
  .filter((src) => !/^https?:/.test(src));
const lazy = readdirSync(dir).filter((f) => f.endsWith('.chunk.js'));
const text = (file: string) => readFileSync(join(dir, file), 'utf8');

/** English-only messages of plain ASCII, so that they appear verbatim in minified code. */
const englishSamples = (Object.keys(en) as (keyof typeof en)[])
  .filter((k) => en[k] !== vi[k] && /^[A-Za-z ,.]{25,}$/.test(en[k]))
  .slice(0, 5)
  .map((k) => en[k]);

it('the pane starts with its own scripts only (old-webview check and bundle), size printed', () => {
  expect(initial).toHaveLength(2);
  const gzip = initial.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
  console.log(`pane's initial JavaScript: ${(gzip / 1024).toFixed(1)} KB gzip (${initial.join(', ')})`);
});

it('the English catalogue is a lazily loaded chunk, not in the initial scripts', () => {
  expect(englishSamples.length).toBeGreaterThanOrEqual(3);
  for (const sample of englishSamples) {
    expect(initial.filter((f) => text(f).includes(sample))).toEqual([]);
    expect(lazy.filter((f) => /^lang-en\./.test(f) && text(f).includes(sample))).toHaveLength(1);
  }
});

it('the built-in rulebooks are a lazily loaded chunk, not in the initial scripts', () => {
  const title = JSON.parse(readFileSync(join(__dirname, '../../rulebooks/binh-thuan-2019.json'), 'utf8'))
    .title as string;
  expect(initial.filter((f) => text(f).includes(title))).toEqual([]);
  expect(lazy.filter((f) => /^rulebook-data\./.test(f) && text(f).includes(title))).toHaveLength(1);
});
