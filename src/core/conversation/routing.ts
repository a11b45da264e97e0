import type { IntentName, IntentResult } from '../intents/intentTypes';

/** Where a message goes. */
export type Route = 'question' | 'contact' | 'greeting' | 'help' | 'cancel' | 'goodbye';

const routeOfIntent: Record<IntentName, Route> = {
  AskQuestion: 'question',
  None: 'question',
  ContactRequest: 'contact',
  Greeting: 'greeting',
  Help: 'help',
  Cancel: 'cancel',
  Goodbye: 'goodbye',
};

/** Default minimum score for an intent to steer the conversation; below it, a message is a question. Chosen by cross-validation of routing on the Train utterances (0.25–0.35 route best). */
export const defaultIntentThreshold = 0.3;

/**
 * Chooses the route of a recognized message. An intent the recognizer is unsure of falls back to
 * the knowledge base, where a wrong guess costs least: the worst case is an honest "I don't know".
 */
export function routeFor(result: IntentResult, threshold = defaultIntentThreshold): Route {
  if (result.intents[result.topIntent] < threshold) return 'question';
  return routeOfIntent[result.topIntent];
}
