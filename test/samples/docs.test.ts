/**
 * The guides cannot drift from the product: docs/messages.md is what scripts/messages-table.js makes from
 * the i18n catalogues and the rulebooks; every message of the families a user meets when filling,
 * checking and consolidating forms is explained in both user guides; every picture the guides show is in
 * docs/images/ (and nothing else is); every relative link and anchor resolves; the README shows the demo.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { vi } from '../../src/i18n/vi';
import { en } from '../../src/i18n/en';
import { builtinRulebooks } from '../../src/core/rulebook';
import { root } from '../helpers/cli';

// Plain CommonJS scripts, loaded as they are (not transformed).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { messagesMarkdown } = require('../../scripts/messages-table.js') as {
  messagesMarkdown: (input: object) => string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { guideImages } = require('../../scripts/screenshots.js') as { guideImages: () => string[] };

const doc = (p: string) => readFileSync(join(root, p), 'utf8');
const GUIDES = ['docs/user-guide.vi.md', 'docs/user-guide.en.md'];

/** GitHub's heading anchors: lower case, punctuation dropped (letters of any script kept), spaces → "-". */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, (c) => (c === '_' ? '_' : ''))
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const h = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (h) out.add(slug(h[1]));
  }
  return out;
}

describe('docs/messages.md', () => {
  it('is exactly what npm run messages makes from the catalogues and the rulebooks', () => {
    const expected = messagesMarkdown({
      vi,
      en,
      viSource: doc('src/i18n/vi.ts'),
      rulebooks: builtinRulebooks(),
    });
    // On failure: run `npm run messages` (after `npm run build:cli`).
    expect(doc('docs/messages.md')).toBe(expected);
  });

  it('lists every key with both languages, every status and the bands of every built-in rulebook', () => {
    const text = doc('docs/messages.md');
    for (const key of Object.keys(vi)) expect(text).toContain(`| \`${key}\` |`);
    for (const id of ['ranked', 'late', 'missing', 'invalid', 'duplicate', 'wrongAnnex'])
      expect(text).toContain(`| \`${id}\` |`);
    for (const rb of builtinRulebooks())
      for (const a of rb.annexes)
        for (const b of a.bands)
          expect(text).toContain(`| ${rb.id} (${rb.version}) | ${a.code} | ${b.label} |`);
  });
});

describe('the user guides', () => {
  it('explain every message of the form, file, ranking and received-dates families, in both languages', () => {
    const families = Object.keys(vi).filter((k) => /^(issue|xlsx|rank|manifest)[A-Z]/.test(k));
    expect(families.length).toBeGreaterThan(50);
    for (const g of GUIDES) {
      const text = doc(g);
      const unexplained = families.filter((k) => !text.includes(`\`${k}\``));
      expect({ guide: g, unexplained }).toEqual({ guide: g, unexplained: [] });
    }
  });

  it('explain every status with its id and label, and every band of Bình Thuận and Gia Lai', () => {
    for (const g of GUIDES) {
      const text = doc(g);
      for (const [id, key] of [
        ['ranked', 'rankStatusRanked'],
        ['late', 'rankStatusLate'],
        ['missing', 'rankStatusMissing'],
        ['invalid', 'rankStatusInvalid'],
        ['duplicate', 'rankStatusDuplicate'],
      ] as const) {
        expect(text).toContain(`\`${id}\``);
        expect(text).toContain(vi[key]);
      }
      for (const rb of builtinRulebooks().filter((r) => r.id !== 'dong-nai-2022'))
        for (const a of rb.annexes)
          [...a.bands]
            .sort((x, y) => y.min - x.min)
            .forEach((b, i) => b.min > 0 && expect(text).toContain(i === 0 ? `≥ ${b.min}` : `${b.min} – <`));
      expect(text).toContain('messages.md');
    }
  });

  it('walk through the three roles and the rulebook author', () => {
    const headings = (g: string) => [...doc(g).matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    expect(headings('docs/user-guide.vi.md').join('\n')).toMatch(
      /Cán bộ cơ quan, đơn vị[\s\S]*Sở TT&TT[\s\S]*Hội đồng thẩm định[\s\S]*Người soạn bộ tiêu chí/,
    );
    expect(headings('docs/user-guide.en.md').join('\n')).toMatch(
      /Agency officials[\s\S]*ICT department[\s\S]*appraisal council[\s\S]*rulebook author/,
    );
  });

  it('show only pictures that npm run screenshots put in docs/images/, and docs/images holds nothing else', () => {
    const used = guideImages();
    expect(used.length).toBeGreaterThanOrEqual(6);
    const dir = join(root, 'docs', 'images');
    expect(readdirSync(dir).sort()).toEqual(used);
    for (const name of used)
      expect(readFileSync(join(dir, name)).subarray(0, 8)).toEqual(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      );
  });
});

describe('links', () => {
  it('every relative link of the guides, the developer guide and the README resolves, anchors included', () => {
    const files = [...GUIDES, 'docs/developer-guide.md', 'docs/messages.md', 'README.md'];
    const broken: string[] = [];
    for (const f of files) {
      const text = doc(f);
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/i.test(target)) continue;
        const [path, anchor] = target.split('#');
        const file = path ? join(root, dirname(f), decodeURI(path)) : join(root, f);
        if (!existsSync(file)) {
          broken.push(`${f}: ${target} (no file)`);
          continue;
        }
        if (
          anchor &&
          file.endsWith('.md') &&
          !anchors(readFileSync(file, 'utf8')).has(decodeURIComponent(anchor))
        )
          broken.push(`${f}: ${target} (no heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('README and developer guide', () => {
  it('the README shows the demo as the way to see the result, keeps npm start and npm test, and lists the commands', () => {
    const readme = doc('README.md');
    expect(readme).toMatch(/^npm install && npm run demo\b/m);
    expect(readme).toMatch(/^npm install && npm start\b/m);
    expect(readme).toMatch(/^npm test\b/m);
    for (const c of ['template', 'check', 'rank', 'rulebook']) expect(readme).toContain(`scorecard ${c} `);
    for (const s of ['samples', 'demo', 'screenshots', 'bench']) expect(readme).toContain(`npm run ${s}\``);
    const scripts = JSON.parse(doc('package.json')).scripts as Record<string, string>;
    expect(scripts).toMatchObject({
      samples: 'node scripts/samples.js',
      demo: 'node scripts/demo.js',
      screenshots: 'node scripts/screenshots.js',
    });
  });

  it('the developer guide has the glossary of the domain terms used in the code', () => {
    const guide = doc('docs/developer-guide.md');
    const pairs: [string, string][] = [
      ['Bộ tiêu chí', 'Rulebook'],
      ['Phụ lục', 'Annex'],
      ['Nhóm tiêu chí', 'CriteriaGroup'],
      ['Tiêu chí', 'Criterion'],
      ['Phiếu tự đánh giá, phiếu', 'Submission'],
      ['Điểm tự chấm', 'self-score'],
      ['Điểm thẩm định', 'appraised score'],
      ['Xếp loại', 'Band'],
      ['Xếp hạng', 'rank'],
      ['Tổng hợp', 'RankingTable'],
    ];
    for (const [viTerm, code] of pairs)
      expect(guide).toMatch(new RegExp(`^\\| ${viTerm}[^\\n]*\\|[^\\n]*${code}`, 'm'));
    for (const f of ['schema.ts', 'inputs.ts', 'score.ts', 'rawPoints', 'formulas.ts', 'notation.ts'])
      expect(guide).toContain(f);
  });
});
