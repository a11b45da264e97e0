import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBotProcess } from '../helpers/botProcess';
import { FakeChannel } from '../helpers/fakeChannel';
import { fixture } from '../helpers/fixtures';
import { post } from '../helpers/testApp';

describe('the bot process', () => {
  it('refuses to start on invalid config, naming each bad key, and exits non-zero', async () => {
    const { exit } = startBotProcess({
      PORT: 'abc',
      MAX_MESSAGE_CHARS: '0',
      MicrosoftAppType: 'Nope',
      HOST: '0.0.0.0',
    });
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    // HOST: without an app id, only loopback unless ALLOW_UNAUTHENTICATED=true.
    for (const key of ['PORT', 'MAX_MESSAGE_CHARS', 'MicrosoftAppType', 'HOST']) expect(stderr).toContain(key);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to start when the knowledge folder is broken, naming the problem', async () => {
    const { exit } = startBotProcess({ KNOWLEDGE_DIR: join(tmpdir(), 'no-such-knowledge') });
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    expect(stderr).toContain('no-such-knowledge');
  });

  it('listens beyond loopback without an app id when ALLOW_UNAUTHENTICATED=true, with a warning', async () => {
    const bot = startBotProcess({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true' });
    try {
      await bot.port();
      const warning = async () => {
        for (let i = 0; i < 100; i += 1) {
          const found = bot
            .stdout()
            .split('\n')
            .filter((line) => line.includes('"setting":"ALLOW_UNAUTHENTICATED"') && line.endsWith('}'))
            .map((line) => JSON.parse(line) as { level: number })[0];
          if (found) return found;
          await new Promise((r) => setTimeout(r, 50));
        }
        return undefined;
      };
      expect((await warning())?.level).toBe(40);
    } finally {
      await bot.stop();
    }
  });

  it('finishes a turn in progress on SIGTERM, then exits 0', async () => {
    const channel = await new FakeChannel().start();
    channel.delayMs = 700;
    const bot = startBotProcess({});
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
