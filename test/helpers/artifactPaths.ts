import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** The build artifacts every test loads, made once per run by test/globalSetup.ts. */
export const testArtifacts = {
  knowledgeDir: join(root, 'knowledge'),
  cluModelFile: join(root, 'dialogs', 'model', 'usaid-peru.clu.json'),
  indexPath: join(root, 'build', 'test', 'search-index.json'),
  answerModelPath: join(root, 'build', 'test', 'answer-model.json'),
  intentModelPath: join(root, 'build', 'test', 'intent-model.json'),
};
