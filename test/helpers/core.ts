import { join } from 'node:path';
import { type Answering, loadAnswering } from '../../src/core/answers/answering';
import { type CluProject, loadCluProject } from '../../src/core/intents/cluModel';
import {
  type EntityMatch,
  type IntentName,
  type IntentRecognizer,
  type IntentResult,
  scoreTable,
} from '../../src/core/intents/intentTypes';
import type { Language } from '../../src/core/text/normalize';
import { testArtifacts } from './artifactPaths';

export const repoRoot = join(__dirname, '..', '..');
export const knowledgeDir = join(repoRoot, 'knowledge');
export const cluModelFile = join(repoRoot, 'dialogs', 'model', 'usaid-peru.clu.json');

let cached: Answering | undefined;

/** The real knowledge base, index, answer model and answering service, loaded once per test file. */
export function realKnowledge(): Answering {
  cached ??= loadAnswering(
    { knowledgeDir, indexPath: testArtifacts.indexPath, modelPath: testArtifacts.answerModelPath },
    realProject(),
  );
  return cached;
}

let project: CluProject | undefined;
/** The CLU model file of the repo. */
export function realProject(): CluProject {
  project ??= loadCluProject(cluModelFile);
  return project;
}

/**
 * A recognizer that answers from a table, for dialog tests that should not depend on the
 * classifier. Unlisted text is a question.
 */
export class FakeRecognizer implements IntentRecognizer {
  readonly calls: { text: string; language: Language }[] = [];

  constructor(
    private readonly table: Record<string, { intent: IntentName; score?: number; entities?: EntityMatch[] }>,
  ) {}

  recognize(text: string, language: Language): Promise<IntentResult> {
    this.calls.push({ text, language });
    const entry = this.table[text] ?? { intent: 'AskQuestion' as IntentName };
    return Promise.resolve({
      text,
      topIntent: entry.intent,
      intents: scoreTable({ [entry.intent]: entry.score ?? 0.95 }),
      entities: entry.entities ?? [],
      source: 'offline',
    });
  }
}
