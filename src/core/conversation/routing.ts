import type { IntentName, IntentResult } from '../intents/intentTypes';
import { normalizeForSearch } from '../text/normalize';
import { questionWords } from '../text/questionWords';

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

/** Words a question may open with, in either language. */
const questionOpeners: ReadonlySet<string> = new Set(
  Object.values(questionWords).flatMap((w) => [...w.interrogatives, ...w.auxiliaries]),
);
const contactCues = Object.values(questionWords).flatMap((w) => w.contactCues);

/**
 * A question that names a contact ("how much does the director earn?") is still a question: the
 * contact flow starts only for a message that is not shaped as a question, or that says it wants
 * to get in touch (a word beginning like "contact", "write", "escrib").
 */
export function refineContactRoute(route: Route, text: string): Route {
  if (route !== 'contact') return route;
  const words = normalizeForSearch(text).split(/\s+/);
  const questionShaped = /[?¿]/.test(text) || questionOpeners.has(words[0] ?? '');
  if (!questionShaped) return route;
  return words.some((word) => contactCues.some((cue) => word.startsWith(cue))) ? route : 'question';
}
