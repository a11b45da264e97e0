import { lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FakeChannel } from '../helpers/fakeChannel';
import { post, testConfig } from '../helpers/testApp';
import { createApp } from '../../src/app';
import { FileInboxStore } from '../../src/bot/inquiryInbox';
import { createLogger } from '../../src/logging/logger';

/** Every folder and file under `dir`, with its permission bits. */
function walk(dir: string, root = dir): { path: string; kind: 'folder' | 'file'; mode: number }[] {
  const stats = lstatSync(dir);
  const here = { path: relative(root, dir) || '.', mode: stats.mode & 0o777 };
  if (!stats.isDirectory()) return [{ ...here, kind: 'file' }];
  return [{ ...here, kind: 'folder' }, ...readdirSync(dir).flatMap((name) => walk(join(dir, name), root))];
}

describe('DATA_DIR after a full flow', () => {
  let umask: number;
  // With no umask, anything the bot created without an explicit mode would be open to all.
  beforeEach(() => (umask = process.umask(0)));
  afterEach(() => process.umask(umask));

  it('holds only folders 0700 and files 0600: records, keys, locks, quarantine, outbox, inbox, unanswered', async () => {
    const channel = await new FakeChannel().start();
    const config = testConfig({ LOG_LEVEL: 'silent' });
    const dataDir = config.inquiries.dataDir;
    // Left by an earlier version, readable by all: a record it cannot parse among them.
    mkdirSync(join(dataDir, 'inquiries', 'records'), { recursive: true, mode: 0o755 });
    writeFileSync(join(dataDir, 'inquiries', 'records', 'PE-OLD222.json'), '{"trunc', { mode: 0o644 });
    const app = createApp(config, createLogger('silent'));
    const { port } = await app.start();
    const url = `http://127.0.0.1:${port}/api/messages`;
    try {
      // The Teams inbox channel mission staff chose (an authenticated command): DATA_DIR/inbox.json.
      await new FileInboxStore(join(dataDir, 'inbox.json')).save({
        reference: {
          channelId: 'msteams',
          serviceUrl: channel.url,
          conversation: { id: '19:staff@thread.tacv2' } as never,
        },
        language: 'en',
        setAt: new Date().toISOString(),
      });
      // A question it declines (unanswered.json) and a contact request sent to the outbox.
      let n = 0;
      const say = (text: string) =>
        post(url, {
          type: 'message',
          id: `web-${(n += 1)}`,
          channelId: 'webchat',
          serviceUrl: 'http://127.0.0.1:9/',
          deliveryMode: 'expectReplies',
          conversation: { id: 'conv-privacy' },
          from: { id: 'user-privacy' },
          recipient: { id: 'bot' },
          locale: 'en-US',
          text,
        });
      await say('What is the weather in Cusco tomorrow?');
      const script = ['I want to contact the deputy', 'yes', 'Ana Pérez', 'ana@example.org', 'Skip', 'Hello.', 'Send'];
      let last;
      for (const text of script) last = await say(text);
      expect(JSON.stringify(last?.body)).toMatch(/PE-[A-Z0-9]{6}/);
      await app.delivery.stop();
    } finally {
      await app.stop();
      await channel.stop();
    }

    const entries = walk(dataDir);
    const names = entries.map((e) => e.path);
    for (const expected of [
      'inbox.json',
      'unanswered.json',
      'inquiries/records',
      'inquiries/keys',
      'inquiries/locks',
      'inquiries/quarantine/PE-OLD222.json',
      'outbox',
    ]) {
      expect(names).toContain(expected);
    }
    expect(names.filter((p) => p.startsWith('outbox/') && p.endsWith('.eml'))).toHaveLength(1);
    expect(names.filter((p) => /^inquiries\/records\/PE-.*\.json$/.test(p))).toHaveLength(1);
    expect(names.filter((p) => p.startsWith('inquiries/keys/'))).toHaveLength(1);
    const open = entries.filter((e) => e.mode !== (e.kind === 'folder' ? 0o700 : 0o600));
    expect(open).toEqual([]);
  });
});
