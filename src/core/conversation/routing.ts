import type { IntentName, IntentResult } from '../intents/intentTypes';
import { normalizeForSearch } from '../text/normalize';

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

const questionOpeners =
  /^(what|who|whom|whose|which|where|when|why|how|is|are|was|were|does|do|did|can|could|should|que|quien|quienes|cual|cuales|cuanto|cuantos|cuanta|cuantas|donde|cuando|por que|como)\b/;

/**
 * A question that names a contact ("how much does the director earn?") is still a question: the
 * contact flow starts only for a message that is not shaped as a question, or that says it wants
 * to get in touch (`cues`: word beginnings such as "contact", "write", "escrib").
 */
export function refineContactRoute(route: Route, text: string, cues: readonly string[]): Route {
  if (route !== 'contact') return route;
  const folded = normalizeForSearch(text);
  const questionShaped = /[?¿]/.test(text) || questionOpeners.test(folded);
  if (!questionShaped) return route;
  const words = folded.split(/\s+/);
  return words.some((word) => cues.some((cue) => word.startsWith(cue))) ? route : 'question';
}
