import { lstatSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Inquiry } from '../../src/core/contact/inquiry';
import { FileInquiryStore } from '../../src/inquiries/fileInquiryStore';
import { startBotProcess } from '../helpers/botProcess';
import { freePort, TestSmtpServer } from '../helpers/smtpServer';
import { tempDir } from '../helpers/tempDir';

/** Every path under `dir` whose mode is not private (folders 0700, files 0600). */
function notPrivate(dir: string): string[] {
  const stats = lstatSync(dir);
  const wanted = stats.isDirectory() ? 0o700 : 0o600;
  const here = (stats.mode & 0o777) === wanted ? [] : [`${dir} ${(stats.mode & 0o777).toString(8)}`];
  if (!stats.isDirectory()) return here;
  return [...here, ...readdirSync(dir).flatMap((name) => notPrivate(join(dir, name)))];
}

describe('the bot process with a record it cannot parse', () => {
  it('quarantines it, names it in the log, counts it in /readyz, and delivers the pending inquiry once', async () => {
    const smtp = await new TestSmtpServer(await freePort()).start();
    const dataDir = join(tempDir('corrupt-'), 'data');
    const store = new FileInquiryStore(join(dataDir, 'inquiries'));
    const at = new Date(Date.now() - 60_000).toISOString();
    const pending: Inquiry = {
      reference: 'PE-PEND22',
      createdAt: at,
      contactId: 'director',
      requester: { name: 'Ana Pérez', email: 'ana@example.org' },
      message: 'Please call me back.',
      language: 'en',
      channelId: 'webchat',
      dedupeKey: 'activity-pending',
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
    };
    await store.create(pending);
    // Truncated by a full disk; it holds a name that must not reach the log.
    writeFileSync(
      join(dataDir, 'inquiries', 'records', 'PE-TRNC22.json'),
      '{"version":1,"inquiry":{"requester":{"name":"Zenobia Quis',
      { mode: 0o644 },
    );
    const bot = startBotProcess({
      DATA_DIR: dataDir,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'USAID Peru assistant <assistant@example.org>',
      DELIVERY_POLL_MS: '100',
    });
    try {
      const port = await bot.port();
      await smtp.waitFor(1);
      // Several polls later, still one message.
      await new Promise((r) => setTimeout(r, 600));
      expect(smtp.messages.map((m) => m.headers.get('x-inquiry-reference'))).toEqual(['PE-PEND22']);

      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', detail: { quarantinedInquiries: 1 } });

      const logged = bot
        .output()
        .split('\n')
        .filter((line) => line.includes('INQUIRY_QUARANTINED'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logged).toEqual([expect.objectContaining({ file: 'PE-TRNC22.json', reason: 'not valid JSON' })]);
      expect(bot.output()).not.toContain('Zenobia');
      expect(readdirSync(join(dataDir, 'inquiries', 'quarantine'))).toEqual(['PE-TRNC22.json']);
      expect(notPrivate(dataDir)).toEqual([]);
    } finally {
      await bot.stop();
      await smtp.stop();
    }
    expect((await store.get('PE-PEND22'))?.inquiry).toMatchObject({ status: 'sent', attempts: 1 });
  }, 60_000);
});
