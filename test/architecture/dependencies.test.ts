import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from '../helpers/core';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const importPattern =
  /(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g;

/** One import: the file's folder and what it names, a package or a project folder. */
interface Import {
  file: string;
  from: string;
  to: string;
}

/**
 * The folder a project path belongs to for the dependency rules: `src/<first folder>` or `dialogs`.
 * Files directly under `src/` are the composition root, which may import anything.
 */
function folderOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'dialogs') return 'dialogs';
  return parts.length > 2 ? `src/${parts[1]}` : 'src';
}

/** Every import of every .ts file under src/ and dialogs/. */
function projectImports(): Import[] {
  return [...sourceFiles(join(repoRoot, 'src')), ...sourceFiles(join(repoRoot, 'dialogs'))].flatMap((path) => {
    const file = relative(repoRoot, path);
    return [...readFileSync(path, 'utf8').matchAll(importPattern)].map((m) => {
      const spec = m[1] ?? m[2] ?? m[3] ?? '';
      const to = spec.startsWith('.') ? folderOf(relative(repoRoot, resolve(dirname(path), spec))) : spec;
      return { file, from: folderOf(file), to };
    });
  });
}

/** The layers, lowest first: each may import only the layers below it. */
const layers = ['src/core', 'dialogs', 'src/bot', 'src/server'];
const frameworks = /^(botbuilder|botframework|restify)/;

/** Imports against the direction `src/server` → `src/bot` → `dialogs` → `src/core`. */
function againstDirection(imports: readonly Import[]): string[] {
  return imports
    .filter(({ from, to }) => {
      if (from === 'src/core')
        return frameworks.test(to) || (to.startsWith('src') && to !== 'src/core') || to === 'dialogs';
      const [a, b] = [layers.indexOf(from), layers.indexOf(to)];
      return a >= 0 && b > a;
    })
    .map(({ file, to }) => `${file} imports ${to}`);
}

/** Import cycles between folders (the composition root aside), each as the path that closes it. */
function folderCycles(imports: readonly Import[]): string[] {
  const edges = new Map<string, Set<string>>();
  for (const { from, to } of imports) {
    if (from === to || from === 'src' || !(to === 'dialogs' || to.startsWith('src/'))) continue;
    edges.set(from, (edges.get(from) ?? new Set()).add(to));
  }
  const cycles: string[] = [];
  const visit = (path: string[]) => {
    for (const next of edges.get(path.at(-1) ?? '') ?? []) {
      if (next === path[0]) cycles.push([...path, next].join(' → '));
      else if (!path.includes(next) && next > path[0]!) visit([...path, next]);
    }
  };
  for (const start of edges.keys()) visit([start]);
  return cycles;
}

describe('architecture', () => {
  const imports = projectImports();

  it('reads the imports of every source file, across lines and of every kind', () => {
    const router = imports.filter((i) => i.file === 'dialogs/conversationRouter.ts').map((i) => i.to);
    expect(router).toEqual(expect.arrayContaining(['botbuilder', 'botbuilder-dialogs', 'src/core', 'dialogs']));
    expect(imports.filter((i) => i.file === 'src/server/httpServer.ts').map((i) => i.to)).toContain('src/bot');
  });

  it('keeps src/core free of the Bot Framework and of the other folders, so it moves unchanged to the Agents SDK', () => {
    expect(againstDirection(imports.filter((i) => i.from === 'src/core'))).toEqual([]);
    expect(
      againstDirection([
        { file: 'src/core/a.ts', from: 'src/core', to: 'botbuilder' },
        { file: 'src/core/b.ts', from: 'src/core', to: 'src/logging' },
        { file: 'src/core/c.ts', from: 'src/core', to: 'dialogs' },
      ]),
    ).toEqual([
      'src/core/a.ts imports botbuilder',
      'src/core/b.ts imports src/logging',
      'src/core/c.ts imports dialogs',
    ]);
  });

  it('keeps the dependency direction src/server → src/bot → dialogs → src/core', () => {
    expect(againstDirection(imports)).toEqual([]);
    expect(
      againstDirection([
        { file: 'dialogs/a.ts', from: 'dialogs', to: 'src/bot' },
        { file: 'dialogs/b.ts', from: 'dialogs', to: 'src/server' },
        { file: 'src/bot/c.ts', from: 'src/bot', to: 'src/server' },
        { file: 'src/server/d.ts', from: 'src/server', to: 'dialogs' },
      ]),
    ).toEqual(['dialogs/a.ts imports src/bot', 'dialogs/b.ts imports src/server', 'src/bot/c.ts imports src/server']);
  });

  it('has no import cycle between folders', () => {
    expect(folderCycles(imports)).toEqual([]);
    expect(
      folderCycles([
        { file: 'src/web/a.ts', from: 'src/web', to: 'src/logging' },
        { file: 'src/logging/b.ts', from: 'src/logging', to: 'src/web' },
      ]),
    ).toEqual(['src/logging → src/web → src/logging']);
  });

  it('reads process.env only in the config module', () => {
    const readers = [...sourceFiles(join(repoRoot, 'src')), ...sourceFiles(join(repoRoot, 'dialogs'))]
      .filter((file) => /process\.env\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(repoRoot, file));
    expect(readers).toEqual(['src/config/config.ts']);
  });
});

describe('the repository', () => {
  it('stands alone: no code or test reads the shared folder that sits beside it in development', () => {
    const sibling = [/\.\.[\\/]shared\b/, /['"]\.\.['"]\s*,\s*['"]shared['"]/];
    const files = ['src', 'dialogs', 'scripts', 'test'].flatMap((folder) =>
      readdirSync(join(repoRoot, folder), { recursive: true, encoding: 'utf8' })
        .filter((name) => /\.(ts|mts|mjs|js|json)$/.test(name))
        .map((name) => join(repoRoot, folder, name)),
    );
    const configs = ['package.json', 'jest.config.js', '.ci/run'].map((name) => join(repoRoot, name));
    expect(files.length).toBeGreaterThan(100);
    const readers = [...files, ...configs]
      .filter((path) => sibling.some((pattern) => pattern.test(readFileSync(path, 'utf8'))))
      .map((path) => relative(repoRoot, path));
    expect(readers).toEqual([]);
  });
});
