import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { testArtifacts } from './artifactPaths';
import { repoRoot } from './core';
import { tempDir } from './tempDir';

/** The bot running as its own process, started the way `npm start` runs it (from source). */
export interface BotProcess {
  child: ChildProcess;
  exit: Promise<{ code: number | null; stderr: string }>;
  /** Resolves with the port once the bot says it listens. */
  port: () => Promise<number>;
  /** The folder given as DATA_DIR. */
  dataDir: string;
  /** What the process wrote to stdout so far (its JSON log lines among it). */
  stdout: () => string;
  /** Everything the process wrote so far, stdout and stderr. */
  output: () => string;
  stop: () => Promise<void>;
}

export function startBotProcess(env: Record<string, string> = {}): BotProcess {
  const dir = tempDir('bot-process-');
  const dataDir = join(dir, 'data');
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'src/index.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      INDEX_PATH: join(dir, 'index.json'),
      INTENT_MODEL_PATH: join(dir, 'intent.json'),
      // The answer model test/globalSetup.ts trained: training it again in each process takes
      // most of a test's time, and a fresh clone has no build/ of its own.
      ANSWER_MODEL_PATH: testArtifacts.answerModelPath,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr })),
  );
  const port = () =>
    new Promise<number>((resolve, reject) => {
      const check = setInterval(() => {
        const match = /listening on http:\/\/[^:]+:(\d+)/.exec(stdout);
        if (match) {
          clearInterval(check);
          resolve(Number(match[1]));
        }
      }, 50);
      void exit.then(({ stderr: err }) => {
        clearInterval(check);
        reject(new Error(`bot exited: ${err}`));
      });
    });
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exit;
  };
  return { child, exit, port, dataDir, stop, stdout: () => stdout, output: () => stdout + stderr };
}
