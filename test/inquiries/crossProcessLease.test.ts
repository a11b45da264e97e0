import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Inquiry } from '../../src/core/contact/inquiry';
import { FileInquiryStore } from '../../src/inquiries/fileInquiryStore';
import { repoRoot } from '../helpers/core';
import { freePort, TestSmtpServer } from '../helpers/smtpServer';
import { tempDir } from '../helpers/tempDir';

/** One delivery process (test/helpers/deliveryWorker.ts) on a shared DATA_DIR. */
function worker(env: Record<string, string>, references: string[]) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join('test', 'helpers', 'deliveryWorker.ts'), ...references],
    { cwd: repoRoot, env: { PATH: process.env.PATH, ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const ready = async () => {
    while (!stdout.includes('ready\n')) {
      if (child.exitCode !== null) throw new Error(`worker exited: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const outcomes = async () => {
    await exited;
    if (child.exitCode !== 0) throw new Error(`worker failed: ${stderr}`);
    return JSON.parse(stdout.split('\n')[1] ?? '') as Record<string, string>;
  };
  return { go: () => child.stdin?.end('go\n'), ready, outcomes };
}

describe('two processes sending from one data folder', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await new TestSmtpServer(await freePort()).start();
  });
  afterAll(() => smtp.stop());

  it('delivers each inquiry once when both attempt every one at the same moment', async () => {
    const dataDir = tempDir('race-');
    const store = new FileInquiryStore(join(dataDir, 'inquiries'));
    const at = new Date(Date.now() - 1000).toISOString();
    const references = Array.from({ length: 20 }, (_, i) => `PE-RACE${String(i).padStart(2, '0')}`);
    for (const reference of references) {
      const inquiry: Inquiry = {
        reference,
        createdAt: at,
        contactId: 'deputy',
        requester: { name: 'Ana Pérez', email: 'ana@example.org' },
        message: 'Hello',
        language: 'en',
        channelId: 'webchat',
        dedupeKey: reference,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: at,
      };
      await store.create(inquiry);
    }
    const env = { DATA_DIR: dataDir, SMTP_URL: smtp.url, MAIL_FROM: 'USAID Peru assistant <assistant@example.org>' };
    const workers = [worker(env, references), worker(env, references)];
    await Promise.all(workers.map((w) => w.ready()));
    for (const w of workers) w.go();
    const [a, b] = await Promise.all(workers.map((w) => w.outcomes()));

    for (const reference of references) {
      expect([a?.[reference], b?.[reference]].sort()).toEqual(['sent', 'skipped']);
    }
    const delivered = smtp.messages.map((m) => m.headers.get('x-inquiry-reference')).sort();
    expect(delivered).toEqual(references);
    for (const reference of references) {
      expect((await store.get(reference))?.inquiry).toMatchObject({ status: 'sent', attempts: 1 });
    }
  }, 60_000);
});
