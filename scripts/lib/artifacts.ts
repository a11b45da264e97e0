import { intentModelArtifact, writeJson } from '../../src/core/artifacts';
import {
  answerModelFingerprint,
  contactHints,
  labelledNeighbours,
  trainAnswerModelOn,
} from '../../src/core/answers/answering';
import { loadCluProject } from '../../src/core/intents/cluModel';
import { trainFromProject } from '../../src/core/intents/offlineRecognizer';
import { loadKnowledge } from '../../src/core/knowledge/knowledgeLoader';
import { SearchIndex } from '../../src/core/search/searchIndex';
import { sharedDictionaries } from '../../src/core/search/spelling';

/** Where the artifacts come from and go. */
export interface ArtifactPaths {
  knowledgeDir: string;
  cluModelFile: string;
  indexPath: string;
  answerModelPath: string;
  intentModelPath: string;
}

/**
 * Builds the search index, trains the answer model (with its cross-validation) and the intent
 * classifier, and writes them where the bot loads them. Returns a line saying what was built.
 */
export function buildArtifacts(paths: ArtifactPaths): string {
  const kb = loadKnowledge(paths.knowledgeDir);
  const project = loadCluProject(paths.cluModelFile);
  const words = sharedDictionaries();
  const started = performance.now();
  const index = SearchIndex.build(kb, words, { serializable: true });
  writeJson(paths.indexPath, index.toJSON());
  const indexMs = performance.now() - started;
  const { model, questions } = trainAnswerModelOn(paths.knowledgeDir, {
    kb,
    index,
    words,
    findContacts: contactHints(project, kb.contacts),
    neighbours: labelledNeighbours(paths.knowledgeDir, kb),
    fingerprint: answerModelFingerprint(paths.knowledgeDir, kb, project),
  });
  writeJson(paths.answerModelPath, model);
  writeJson(paths.intentModelPath, intentModelArtifact(project, trainFromProject(project)));
  return (
    `Built ${paths.indexPath} (${kb.passages.length} units, ${indexMs.toFixed(0)} ms), ` +
    `${paths.answerModelPath} (${questions} questions) and ` +
    `${paths.intentModelPath} (${project.assets.utterances.length} utterances).`
  );
}
