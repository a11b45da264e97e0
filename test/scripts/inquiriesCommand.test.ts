import { execFile } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Inquiry } from '../../src/core/contact/inquiry';
import { FileInquiryStore } from '../../src/inquiries/fileInquiryStore';
import { repoRoot } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';

const run = promisify(execFile);

async function inquiries(dataDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/inquiries.ts', ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const pending = (reference: string, leaseUntil?: string): Inquiry => ({
  reference,
  createdAt: '2026-11-30T12:00:00.000Z',
  contactId: 'deputy',
  requester: { name: 'Ana Pérez', email: 'ana@example.org' },
  message: 'Hello from the test.',
  language: 'en',
  channelId: 'webchat',
  dedupeKey: reference,
  status: 'pending',
  attempts: 0,
  nextAttemptAt: '2026-11-30T12:00:00.000Z',
  leaseUntil,
});

describe('the inquiries command', () => {
  it('lists inquiries with their status and retries a failed one into the outbox', async () => {
    const dataDir = tempDir('cli-');
    const store = new FileInquiryStore(join(dataDir, 'inquiries'));
    await store.create({
      reference: 'PE-ABCDEF',
      createdAt: '2026-11-30T12:00:00.000Z',
      contactId: 'director',
      requester: { name: 'Ana Pérez', email: 'ana@example.org' },
      message: 'Hello from the test.',
      language: 'en',
      channelId: 'webchat',
      dedupeKey: 'k1',
      status: 'failed',
      attempts: 12,
      nextAttemptAt: '2026-11-30T13:00:00.000Z',
      lastError: 'connect ECONNREFUSED',
    });

    const listed = await inquiries(dataDir, 'list');
    expect(listed.stdout).toMatch(/PE-ABCDEF\s+failed\s+attempts=12 .*error="connect ECONNREFUSED"/);
    expect(listed.stdout).not.toContain('ana@example.org');
    expect((await inquiries(dataDir, 'list', '--status', 'pending')).stdout).toContain('0 inquiries');

    const retried = await inquiries(dataDir, 'retry', 'PE-ABCDEF');
    expect(retried).toEqual({ code: 0, stdout: 'PE-ABCDEF: sent\n', stderr: '' });
    expect(readdirSync(join(dataDir, 'outbox'))).toEqual(['PE-ABCDEF.eml']);
    expect((await inquiries(dataDir, 'list', '--status', 'sent')).stdout).toContain('PE-ABCDEF  sent');
  });

  it('lists the good inquiries beside a record it cannot parse, and counts that one as quarantined', async () => {
    const dataDir = tempDir('cli-');
    const store = new FileInquiryStore(join(dataDir, 'inquiries'));
    await store.create(pending('PE-GOOD22'));
    writeFileSync(join(dataDir, 'inquiries', 'records', 'PE-BAD222.json'), '{"version":1,"inquiry":{"requester":{"na');
    const listed = await inquiries(dataDir, 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^PE-GOOD22\s+pending /m);
    expect(listed.stdout).toMatch(/^1 inquiry, 1 record quarantined in \S+quarantine: PE-BAD222\.json$/m);
    expect(listed.stderr).toBe('PE-BAD222.json: not valid JSON; moved to the quarantine folder\n');
    expect((await inquiries(dataDir, 'list')).stdout).toMatch(/^1 inquiry, 1 record quarantined/m);
  });

  it('refuses to retry an inquiry another process is sending, leaving its lease, unless forced', async () => {
    const dataDir = tempDir('cli-');
    const store = new FileInquiryStore(join(dataDir, 'inquiries'));
    const leaseUntil = new Date(Date.now() + 10 * 60_000).toISOString();
    const { stored } = await store.create(pending('PE-HELD22', leaseUntil));
    expect((await inquiries(dataDir, 'list')).stdout).toContain(`PE-HELD22  sending  attempts=0`);

    const refused = await inquiries(dataDir, 'retry', 'PE-HELD22');
    expect(refused).toMatchObject({ code: 1, stdout: 'PE-HELD22: held\n' });
    expect(refused.stderr).toContain(`lease runs until ${leaseUntil}`);
    expect(refused.stderr).toContain('--force');
    expect(await store.get('PE-HELD22')).toEqual(stored);

    const forced = await inquiries(dataDir, 'retry', 'PE-HELD22', '--force');
    expect(forced).toMatchObject({ code: 0, stdout: 'PE-HELD22: sent\n' });
    expect(readdirSync(join(dataDir, 'outbox'))).toEqual(['PE-HELD22.eml']);
  });

  it('prints no control characters from what a record holds', async () => {
    const dataDir = tempDir('cli-');
    const store = new FileInquiryStore(join(dataDir, 'inquiries'));
    await store.create({
      ...pending('PE-CTRL22'),
      requester: { name: 'Ana\u202E\u001b[2J', email: 'ana@example.org' },
      lastError: 'bad\r\nforged line',
    });
    const listed = await inquiries(dataDir, 'list', '--details');
    expect(listed.stdout).toContain('error="bad  forged line"');
    expect(listed.stdout).toContain('from="Ana [2J <ana@example.org>"');
    expect(listed.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202a-\u202e]/);
  });
});
