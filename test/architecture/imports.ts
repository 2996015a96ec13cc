/**
 * The import graph of src, read from the source text with the TypeScript parser (not a regular
 * expression, so multi-line imports, `export … from`, `import()` and `require()` all count).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

export const ROOT = resolve(__dirname, '../..');
export const SRC = join(ROOT, 'src');

export interface SourceModule {
  /** Path relative to the repository, with forward slashes: `src/core/index.ts`. */
  file: string;
  /** Every module specifier the file names, as written. */
  specifiers: string[];
  /** The src files those relative specifiers resolve to. */
  local: string[];
  /** Lines (1-based) where code, not a comment, calls `<something>.sync(…)`. */
  syncCalls: number[];
}

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return EXTENSIONS.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** Node's resolution of a relative specifier: the file itself, with an extension, or a folder's index. */
function resolveLocal(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [
    base,
    ...EXTENSIONS.map((e) => base + e),
    ...EXTENSIONS.map((e) => join(base, 'index' + e)),
  ];
  return candidates.find((c) => isFile(c) && EXTENSIONS.some((e) => c.endsWith(e)));
}

const stringArgument = (call: ts.CallExpression): string | undefined => {
  const first = call.arguments[0];
  return first && ts.isStringLiteralLike(first) ? first.text : undefined;
};

/** Specifiers and `.sync()` calls of one file, from its syntax tree. */
function scan(source: ts.SourceFile): { specifiers: string[]; syncCalls: number[] } {
  const specifiers: string[] = [];
  const syncCalls: number[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteralLike(node.moduleSpecifier)
    )
      specifiers.push(node.moduleSpecifier.text);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteralLike(expression)) specifiers.push(expression.text);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const named =
        callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
      const specifier = named ? stringArgument(node) : undefined;
      if (specifier !== undefined) specifiers.push(specifier);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'sync')
        syncCalls.push(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { specifiers, syncCalls };
}

const repoPath = (path: string) => relative(ROOT, path).split(sep).join('/');

/** Every source file under src with what it imports. */
export function sourceModules(): SourceModule[] {
  return sourceFiles(SRC).map((path) => {
    const text = readFileSync(path, 'utf8');
    const kind = path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
    const { specifiers, syncCalls } = scan(source);
    const local = specifiers
      .filter((s) => s.startsWith('.'))
      .map((s) => resolveLocal(path, s))
      .filter((p): p is string => p !== undefined && p.startsWith(SRC + sep))
      .map(repoPath);
    return { file: repoPath(path), specifiers, local: [...new Set(local)], syncCalls };
  });
}

/** Every import circle, each once, as the list of files around it (first file repeated at the end). */
export function importCircles(modules: SourceModule[]): string[][] {
  const edges = new Map(modules.map((m) => [m.file, m.local]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const circles: string[][] = [];
  const seen = new Set<string>();
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const circle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...circle.slice(0, -1)].sort().join(' ');
        if (!seen.has(key)) circles.push(circle);
        seen.add(key);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...edges.keys()].sort()) if (!state.has(file)) visit(file);
  return circles;
}
