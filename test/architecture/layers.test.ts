/**
 * Layers in one direction: core depends on nothing above it, ExcelJS stays behind src/xlsx, Office.js
 * syncs stay under src/excel, and no module imports itself through others (the graph has no circle).
 * Read from the source text of every file under src (imports.ts), so a new file is checked at once.
 */
import { importCircles, sourceModules, type SourceModule } from './imports';

const modules = sourceModules();
const folderOf = (file: string) => file.split('/')[1];

/** The folders core must never import: everything that uses core. */
const ABOVE_CORE = [
  'form',
  'sheet',
  'xlsx',
  'excel',
  'report',
  'packets',
  'authoring',
  'consolidation',
  'taskpane',
  'cli',
  'samples',
  'host',
  'commands',
];

const importsExceljs = (m: SourceModule) =>
  m.specifiers.some((s) => s === 'exceljs' || s.startsWith('exceljs/'));

it('reads the whole tree (the checks below are not vacuous)', () => {
  expect(modules.length).toBeGreaterThan(100);
  expect(modules.find((m) => m.file === 'src/cli/main.ts')?.local).toContain('src/cli/commands.ts');
  expect(modules.filter(importsExceljs).length).toBeGreaterThan(0);
  expect(modules.some((m) => m.file.startsWith('src/excel/') && m.syncCalls.length > 0)).toBe(true);
});

it('core imports nothing of the layers above it', () => {
  const upward = modules
    .filter((m) => folderOf(m.file) === 'core')
    .flatMap((m) =>
      m.local.filter((target) => ABOVE_CORE.includes(folderOf(target))).map((t) => `${m.file} → ${t}`),
    );
  expect(upward).toEqual([]);
});

it('ExcelJS is imported only under src/xlsx', () => {
  const outside = modules
    .filter((m) => importsExceljs(m) && folderOf(m.file) !== 'xlsx')
    .map((m) => m.file)
    .sort();
  expect(outside).toEqual([]);
});

it('Office.js context.sync() is called only under src/excel', () => {
  const syncs = modules
    .filter((m) => folderOf(m.file) !== 'excel')
    .flatMap((m) => m.syncCalls.map((line) => `${m.file}:${line}`));
  expect(syncs).toEqual([]);
});

it('no import circle among the modules of src', () => {
  expect(importCircles(modules).map((circle) => circle.join(' → '))).toEqual([]);
});
