import { loadConfig } from '../src/config/config';
import { buildArtifacts } from './lib/artifacts';

/** Builds the search index, the answer model and the intent classifier into build/, for a fast start. */
try {
  const config = loadConfig();
  const line = buildArtifacts({
    knowledgeDir: config.knowledge.dir,
    cluModelFile: config.intents.modelFile,
    indexPath: config.knowledge.indexPath,
    answerModelPath: config.knowledge.answerModelPath,
    intentModelPath: config.intents.artifactPath,
  });
  process.stdout.write(`${line}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
