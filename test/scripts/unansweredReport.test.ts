import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';

const run = promisify(execFile);

describe('the unanswered questions report', () => {
  it('prints what was typed without control or bidirectional characters, and nothing past retention', async () => {
    const dataDir = tempDir('report-');
    const recent = new Date().toISOString();
    const entry = (question: string, lastSeen: string) => ({
      question,
      language: 'en',
      count: 1,
      reasons: { 'low-coverage': 1 },
      firstSeen: lastSeen,
      lastSeen,
    });
    // Written by an earlier version, which kept what was typed as typed.
    writeFileSync(
      join(dataDir, 'unanswered.json'),
      JSON.stringify({
        entries: [
          entry('Is \u202Eflesym eht\u202C fine?\u001b]0;owned\u0007\r\nInjected line', recent),
          entry('A question from long ago', '2020-01-01T00:00:00.000Z'),
        ],
      }),
    );
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/unansweredReport.ts'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, UNANSWERED_RETENTION_DAYS: '90' },
    });
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Is flesym eht fine? ]0;owned   Injected line');
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});
