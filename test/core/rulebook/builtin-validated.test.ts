/**
 * Built-in rulebooks are used at run time without zod when their file is the one validated at build
 * time (src/core/rulebook/builtin-validated.json, written by scripts/builtin-validated.js).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinIds, builtinRulebook } from '../../../src/core/rulebook/builtin';
import { builtinValidatedData } from '../../../src/core/rulebook/builtin-validated';
import { contentHash } from '../../../src/core/rulebook/load';
import { parseRulebook } from '../../../src/core/rulebook/parse';
import { jsonApply, jsonDiff } from '../../../src/core/rulebook/json-patch';

const ROOT = join(__dirname, '..', '..', '..');
const source = (id: string): unknown =>
  JSON.parse(readFileSync(join(ROOT, 'rulebooks', `${id}.json`), 'utf8'));

test('the validated data is up to date (else: npx tsc -p tsconfig.cli.json && node scripts/builtin-validated.js)', () => {
  const file = JSON.parse(readFileSync(join(ROOT, 'src/core/rulebook/builtin-validated.json'), 'utf8'));
  expect(file).toEqual(builtinValidatedData());
});

test.each(builtinIds)('built-in %s without zod is the rulebook zod gives', (id) => {
  const viaZod = parseRulebook(source(id), id);
  const fast = builtinRulebook(id)!;
  expect(fast).toEqual(viaZod);
  expect(contentHash(fast)).toBe(contentHash(viaZod));
});

test('a built-in whose file changed since the build is validated by zod again', () => {
  jest.isolateModules(() => {
    /* eslint-disable @typescript-eslint/no-require-imports -- fresh modules of this isolated registry */
    const validated = require('../../../src/core/rulebook/builtin-validated.json');
    validated['dti-2025'] = { ...validated['dti-2025'], source: 'changed' };
    const parse = require('../../../src/core/rulebook/parse');
    const spy = jest.spyOn(parse, 'parseRulebook');
    const { builtinRulebook: fresh } = require('../../../src/core/rulebook/builtin');
    expect(fresh('dti-2025')).toEqual(parseRulebook(source('dti-2025'), 'dti-2025'));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(fresh('gia-lai-2019')).toEqual(parseRulebook(source('gia-lai-2019'), 'gia-lai-2019'));
    expect(spy).toHaveBeenCalledTimes(1); // the unchanged one is not
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
});

test('json changes: objects, arrays, additions, deletions, replacements', () => {
  const from = { a: 1, b: { c: [1, 2, { d: 'x' }], gone: true }, e: [1] };
  const to = { a: 1, b: { c: [1, 3, { d: 'x', f: null }] }, e: [1, 2], g: { h: [] } };
  const changes = jsonDiff(from, to);
  expect(jsonApply(structuredClone(from), changes)).toEqual(to);
  expect(jsonDiff(to, to)).toEqual([]);
  expect(jsonApply(1, jsonDiff(1, { x: 1 }))).toEqual({ x: 1 });
});

test('a read worker (compiled) loads neither zod nor ExcelJS; rank loads no ExcelJS until -o', () => {
  const worker = join(ROOT, 'lib', 'src', 'xlsx', 'pool-worker.js');
  if (!existsSync(worker)) throw new Error(`${worker} missing: run npx tsc -p tsconfig.cli.json first`);
  const loaded = (module: string): string[] =>
    JSON.parse(
      execFileSync(process.execPath, [
        '-e',
        `require(${JSON.stringify(module)}); require(${JSON.stringify(join(ROOT, 'lib/src/core/rulebook/builtin.js'))}).builtinRulebooks();` +
          `console.log(JSON.stringify(Object.keys(require.cache).filter((k) => /node_modules[\\\\/](zod|exceljs)[\\\\/]/.test(k))))`,
      ]).toString(),
    );
  expect(loaded(join(ROOT, 'lib/src/xlsx/pool-worker.js'))).toEqual([]);
  expect(loaded(join(ROOT, 'lib/src/cli/rank.js')).filter((k) => /exceljs/.test(k))).toEqual([]);
});
