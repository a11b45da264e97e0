import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FileInquiryStore } from '../../src/inquiries/fileInquiryStore';
import { repoRoot } from '../helpers/core';

const run = promisify(execFile);

async function inquiries(dataDir: string, ...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/inquiries.ts', ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir },
    });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe('the inquiries command', () => {
  it('lists inquiries with their status and retries a failed one into the outbox', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cli-'));
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
    expect(retried).toEqual({ code: 0, stdout: 'PE-ABCDEF: sent\n' });
    expect(readdirSync(join(dataDir, 'outbox'))).toEqual(['PE-ABCDEF.eml']);
    expect((await inquiries(dataDir, 'list', '--status', 'sent')).stdout).toContain('PE-ABCDEF  sent');
  });
});
