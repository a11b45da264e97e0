import { buildArtifacts } from '../scripts/lib/artifacts';
import { testArtifacts } from './helpers/artifactPaths';

/** Builds the index and trains the models once for the whole run; every test loads them. */
export default function globalSetup(): void {
  buildArtifacts(testArtifacts);
}
