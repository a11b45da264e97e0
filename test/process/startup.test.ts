import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/core';
import { FakeChannel } from '../helpers/fakeChannel';
import { fixture } from '../helpers/fixtures';
import { post } from '../helpers/testApp';

interface Started {
  child: ChildProcess;
  exit: Promise<{ code: number | null; stderr: string }>;
  port: () => Promise<number>;
}

/** Starts the bot the way `npm start` does, from source. */
function startBot(env: Record<string, string>): Started {
  const dir = mkdtempSync(join(tmpdir(), 'bot-process-'));
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'src/index.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      LOG_LEVEL: 'warn',
      INDEX_PATH: join(dir, 'index.json'),
      INTENT_MODEL_PATH: join(dir, 'intent.json'),
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
  return { child, exit, port };
}

describe('the bot process', () => {
  it('refuses to start on invalid config, naming each bad key, and exits non-zero', async () => {
    const { exit } = startBot({ PORT: 'abc', MAX_MESSAGE_CHARS: '0', MicrosoftAppType: 'Nope' });
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    for (const key of ['PORT', 'MAX_MESSAGE_CHARS', 'MicrosoftAppType']) expect(stderr).toContain(key);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to start when the knowledge folder is broken, naming the problem', async () => {
    const { exit } = startBot({ KNOWLEDGE_DIR: join(tmpdir(), 'no-such-knowledge') });
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    expect(stderr).toContain('no-such-knowledge');
  });

  it('finishes a turn in progress on SIGTERM, then exits 0', async () => {
    const channel = await new FakeChannel().start();
    channel.delayMs = 700;
    const bot = startBot({});
    try {
      const port = await bot.port();
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const activity = fixture('teams-personal-message', channel.url);
      const inFlight = post(`http://127.0.0.1:${port}/api/messages`, activity);
      await new Promise((r) => setTimeout(r, 250));
      bot.child.kill('SIGTERM');
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(channel.calls).toHaveLength(1);
      expect((await bot.exit).code).toBe(0);
    } finally {
      bot.child.kill('SIGKILL');
      await channel.stop();
    }
  });
});
