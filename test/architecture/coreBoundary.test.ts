import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../helpers/core';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const importPattern = /(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('architecture', () => {
  it('keeps src/core free of the Bot Framework, so it moves unchanged to the Agents SDK', () => {
    const offenders = sourceFiles(join(repoRoot, 'src', 'core')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(importPattern)]
        .map((m) => m[1] ?? m[2] ?? '')
        .filter((spec) => /^(botbuilder|botframework|restify)/.test(spec) || /\/(bot|server)\//.test(spec))
        .map((spec) => `${relative(repoRoot, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('reads process.env only in the config module', () => {
    const readers = [...sourceFiles(join(repoRoot, 'src')), ...sourceFiles(join(repoRoot, 'dialogs'))]
      .filter((file) => /process\.env\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(repoRoot, file));
    expect(readers).toEqual(['src/config/config.ts']);
  });
});
