import { intentModelArtifact, writeJson } from '../src/core/artifacts';
import { loadConfig } from '../src/config/config';
import { loadCluProject } from '../src/core/intents/cluModel';
import { trainFromProject } from '../src/core/intents/offlineRecognizer';
import { loadKnowledge } from '../src/core/knowledge/knowledgeLoader';
import { SearchIndex } from '../src/core/search/searchIndex';

/** Builds the search index and trains the intent classifier into build/, for a fast start. */
function main(): void {
  const config = loadConfig();
  const kb = loadKnowledge(config.knowledge.dir);
  const started = performance.now();
  const index = SearchIndex.build(kb);
  writeJson(config.knowledge.indexPath, index.toJSON());
  const indexMs = performance.now() - started;
  const project = loadCluProject(config.intents.modelFile);
  writeJson(config.intents.artifactPath, intentModelArtifact(project, trainFromProject(project)));
  process.stdout.write(
    `Built ${config.knowledge.indexPath} (${kb.passages.length} passages, ${indexMs.toFixed(0)} ms) and ${config.intents.artifactPath} (${project.assets.utterances.length} utterances).\n`,
  );
}

try {
  main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
