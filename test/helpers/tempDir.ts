import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The variable test/globalSetup.ts names the run's own temporary folder in. */
export const testTempRootVariable = 'USAID_BOT_TEST_TMP';

/**
 * A new private folder for a test, inside the run's temporary folder, which test/globalTeardown.ts
 * removes when the run ends: tests write inquiries, state and logs, and leave nothing behind.
 */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(process.env[testTempRootVariable] ?? tmpdir(), prefix));
}
