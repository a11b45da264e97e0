import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { testArtifacts } from './artifactPaths';
import { repoRoot } from './core';

const run = promisify(execFile);

/** Runs `npm run report -- --out <out>` as its own process, as curators run it, on `dataDir`. */
export function runReport(
  dataDir: string,
  out: string,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<{ stdout: string; stderr: string }> {
  return run(
    process.execPath,
    ['--disable-warning=DEP0111', '--import', 'tsx', 'scripts/report.mts', '--out', out, ...args],
    {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        DATA_DIR: dataDir,
        INDEX_PATH: testArtifacts.indexPath,
        ANSWER_MODEL_PATH: testArtifacts.answerModelPath,
        ...env,
      },
    },
  );
}
