import { intentModelArtifact, writeJson } from '../src/core/artifacts';
import { loadConfig } from '../src/config/config';
import { answerModelFingerprint, contactHints } from '../src/core/answers/answering';
import { trainAnswerModel } from '../src/core/answers/answerModel';
import { KnowledgeService } from '../src/core/answers/knowledgeService';
import { loadTrainingQuestions } from '../src/core/answers/trainingQuestions';
import { loadCluProject } from '../src/core/intents/cluModel';
import { trainFromProject } from '../src/core/intents/offlineRecognizer';
import { loadKnowledge } from '../src/core/knowledge/knowledgeLoader';
import { SearchIndex } from '../src/core/search/searchIndex';
import { HunspellWords } from '../src/core/search/spelling';

/** Builds the search index, trains the answer model and the intent classifier into build/, for a fast start. */
function main(): void {
  const config = loadConfig();
  const kb = loadKnowledge(config.knowledge.dir);
  const project = loadCluProject(config.intents.modelFile);
  const words = new HunspellWords();
  const started = performance.now();
  const index = SearchIndex.build(kb, words);
  writeJson(config.knowledge.indexPath, index.toJSON());
  const indexMs = performance.now() - started;
  const questions = loadTrainingQuestions(config.knowledge.dir, kb);
  const model = trainAnswerModel(
    new KnowledgeService(kb, index, words),
    questions,
    contactHints(project, kb.contacts),
    answerModelFingerprint(config.knowledge.dir, kb, project),
  );
  writeJson(config.knowledge.answerModelPath, model);
  writeJson(config.intents.artifactPath, intentModelArtifact(project, trainFromProject(project)));
  process.stdout.write(
    `Built ${config.knowledge.indexPath} (${kb.passages.length} units, ${indexMs.toFixed(0)} ms), ` +
      `${config.knowledge.answerModelPath} (${questions.length} questions) and ` +
      `${config.intents.artifactPath} (${project.assets.utterances.length} utterances).\n`,
  );
}

try {
  main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
