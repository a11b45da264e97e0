import { rmSync } from 'node:fs';
import { testTempRootVariable } from './helpers/tempDir';

/** Removes the run's temporary folder and all the tests wrote in it. */
export default function globalTeardown(): void {
  const root = process.env[testTempRootVariable];
  if (root) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
