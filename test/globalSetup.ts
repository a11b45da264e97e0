import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArtifacts } from '../scripts/lib/artifacts';
import { testArtifacts } from './helpers/artifactPaths';
import { testTempRootVariable } from './helpers/tempDir';

/**
 * Builds the index and trains the models once for the whole run; every test loads them. Also
 * makes the run's temporary folder, which the workers inherit through the environment.
 */
export default function globalSetup(): void {
  process.env[testTempRootVariable] = mkdtempSync(join(tmpdir(), 'usaid-bot-tests-'));
  buildArtifacts(testArtifacts);
}
