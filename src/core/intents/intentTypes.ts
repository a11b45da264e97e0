import type { Language } from '../text/normalize';

/** The intents of the CLU model, in the order the model file lists them. */
export const intentNames = ['AskQuestion', 'ContactRequest', 'Greeting', 'Help', 'Cancel', 'Goodbye', 'None'] as const;
export type IntentName = (typeof intentNames)[number];

/** Entity categories of the CLU model. */
export type EntityCategory = 'ContactRole' | 'PersonName' | 'Email';

/** An entity found in the text. */
export interface EntityMatch {
  category: EntityCategory;
  /** The text as written. */
  text: string;
  /** For list entities, the list key (e.g. "director", "Amy Paro"). */
  value: string;
  offset: number;
  length: number;
  confidence: number;
}

/** What a recognizer understood from one utterance. */
export interface IntentResult {
  text: string;
  topIntent: IntentName;
  /** Score of every intent, 0..1. */
  intents: Record<IntentName, number>;
  entities: EntityMatch[];
  /** Which recognizer produced this result. */
  source: 'clu' | 'offline';
}

/** Turns an utterance into intents and entities. */
export interface IntentRecognizer {
  recognize(text: string, language: Language): Promise<IntentResult>;
}

/** Builds a full score table from partial scores, 0 for the rest. */
export function scoreTable(scores: Partial<Record<IntentName, number>>): Record<IntentName, number> {
  return Object.fromEntries(intentNames.map((name) => [name, scores[name] ?? 0])) as Record<IntentName, number>;
}

/** The highest-scoring intent of a table. */
export function topIntentOf(intents: Record<IntentName, number>): IntentName {
  return intentNames.reduce((best, name) => (intents[name] > intents[best] ? name : best), 'None' as IntentName);
}
