import type { Language } from '../text/normalize';
import type { CluProject } from './cluModel';
import { EntityMatcher } from './entityMatcher';
import { type IntentName, type IntentRecognizer, type IntentResult, scoreTable, topIntentOf } from './intentTypes';
import { IntentClassifier, type IntentClassifierModel, trainClassifier } from './intentClassifier';

/** Trains the offline classifier from the `Train` utterances of a CLU project. */
export function trainFromProject(project: CluProject): IntentClassifierModel {
  return trainClassifier(
    project.assets.utterances.filter((u) => u.dataset === 'Train').map((u) => ({ text: u.text, label: u.intent })),
  );
}

/**
 * The embedded recognizer: a softmax-regression classifier trained from the CLU model file plus the
 * model's list and regex entities. Needs no network.
 */
export class OfflineRecognizer implements IntentRecognizer {
  private readonly entities: EntityMatcher;
  private readonly classifier: IntentClassifier;

  constructor(project: CluProject, model: IntentClassifierModel = trainFromProject(project)) {
    this.entities = new EntityMatcher(project);
    this.classifier = new IntentClassifier(model);
  }

  recognize(text: string, _language: Language): Promise<IntentResult> {
    return Promise.resolve(this.recognizeSync(text));
  }

  /** Same as {@link recognize}, for callers that need no promise. */
  recognizeSync(text: string): IntentResult {
    const intents = scoreTable(this.classifier.classify(text) as Partial<Record<IntentName, number>>);
    return { text, intents, topIntent: topIntentOf(intents), entities: this.entities.match(text), source: 'offline' };
  }
}
