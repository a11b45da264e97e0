import { contactsNamed } from '../answers/answering';
import type { KnowledgeReply, KnowledgeService, QuestionHints } from '../answers/knowledgeService';
import { format } from '../i18n/messages';
import type { IntentName, IntentResult } from '../intents/intentTypes';
import type { MessageVocabulary } from '../intents/messageVocabulary';
import type { Contact } from '../knowledge/knowledgeTypes';
import { type Language, languages, normalizeForSearch } from '../text/normalize';
import { isFormOf } from '../search/textAnalyzer';
import { contactRequestWords, inEveryLanguage } from '../text/questionWords';

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

/**
 * Default minimum score for an intent to steer the conversation; below it, a message is a question.
 * Chosen by cross-validation of routing on the Train utterances (0.25–0.35 route best).
 */
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
const questionOpeners: ReadonlySet<string> = new Set(inEveryLanguage('interrogatives', 'auxiliaries'));
const interrogatives: ReadonlySet<string> = new Set(inEveryLanguage('interrogatives'));
const prepositions: ReadonlySet<string> = new Set(inEveryLanguage('prepositions'));

/** Whether a clause opens like a question: with a question word, or a preposition and one ("with whom"). */
function opensAsQuestion(words: readonly string[]): boolean {
  const [first = '', second = ''] = words;
  return questionOpeners.has(first) || (prepositions.has(first) && interrogatives.has(second));
}
const contactCues = inEveryLanguage('contactCues');
const personCues = inEveryLanguage('personCues');
const namesAndAddresses = inEveryLanguage('namesAndAddresses');

/** The decline offers "Contact the mission" as a button; its text always means a contact request. */
const contactActionLabels: ReadonlySet<string> = new Set(languages.map((l) => format(l, 'declineContactAction')));

/** Where a sentence or clause begins: after a full stop, comma, semicolon or colon. */
const clauseStart = /(?:^|[.!?;:,]\s+)/g;

/**
 * Whether a message the classifier takes for a contact request is one.
 * - A question that names a contact ("how much does the director earn?") is still a question: only
 *   a message not shaped as a question, or one that says it wants to get in touch (a word
 *   beginning like "contact", "write", "escrib"), may be a request. A message is shaped as a
 *   question when it holds a question mark or any of its sentences or clauses opens like one ("I
 *   lead a cooperative in the VRAEM. Is there an objective for zones like ours", "con quiénes
 *   trabaja la misión").
 * - And it must say so: name a contact, by name or role, hold a word that asks to get in touch or
 *   for a way to reach someone ("write", "email", "quién"), or a word only the intent model's
 *   contact requests use ("journalist", "interview"). The classifier reads letters, and "convert
 *   100 dollars to soles" or "link to the website pls" score as requests; without such a word they
 *   go to the knowledge, whose decline still offers the contacts.
 */
function isContactRequest(
  text: string,
  clauses: readonly string[][],
  named: QuestionHints,
  vocabulary: RouteInput['vocabulary'],
): boolean {
  const words = clauses.flat();
  const begins = (cues: readonly string[]) => words.some((word) => cues.some((cue) => isFormOf(word, cue)));
  if (shapedAsQuestion(text, clauses) && !begins(contactCues)) return false;
  if ((named.contactIds?.length ?? 0) > 0 || (named.contactWords?.length ?? 0) > 0) return true;
  return begins(contactRequestWords) || (vocabulary?.usesOwnWords(text, contactIntent) ?? false);
}

/** Whether a contact request asks for the contacts themselves (see {@link RouteDecision}). */
function asksForContacts(
  text: string,
  clauses: readonly string[][],
  named: readonly Contact[],
  knowledge: RouteInput['knowledge'],
): boolean {
  const words = clauses.flat();
  // Asked for their names or addresses ("give me the emails of the director and her deputy"), in
  // any shape: in the plural, for "write an email to my boss" asks for none.
  if (words.some((word) => namesAndAddresses.some((cue) => word === `${cue}s` || word === `${cue}es`))) return true;
  if (!shapedAsQuestion(text, clauses)) return false;
  const asksPerson = words.some((word) => personCues.some((cue) => isFormOf(word, cue)));
  return named.length > 0 || asksPerson || words.some((word) => knowledge.speaksFor(word));
}

/** The words of each sentence or clause of a message, as the search reads them. */
function clausesOf(text: string): string[][] {
  return text.split(clauseStart).map((clause) => normalizeForSearch(clause).split(/\s+/));
}

/** Whether a message holds a question mark, or any of its sentences or clauses opens like a question. */
function shapedAsQuestion(text: string, clauses: readonly string[][] = clausesOf(text)): boolean {
  return /[?¿]/.test(text) || clauses.some(opensAsQuestion);
}

/** What the route of a message is decided from. */
export interface RouteInput {
  text: string;
  /** The language the message is read in. */
  language: Language;
  recognized: IntentResult;
  /** Below this score an intent does not steer (default {@link defaultIntentThreshold}). */
  threshold?: number;
  contacts: readonly Contact[];
  /** Asked only when the route depends on what the knowledge says, or whom a request addresses. */
  knowledge: Pick<KnowledgeService, 'answer' | 'speaksFor'>;
  /** The intent model's words; without it, any message may be a greeting, plea for help or cancel. */
  vocabulary?: Pick<MessageVocabulary, 'knownShare' | 'usesOwnWords'>;
}

/**
 * Least share of a longer message's words the intent model knows for it to be taken as a greeting,
 * plea for help, cancel or goodbye. Such messages among the model's Test utterances have 0.75 or
 * more; off-topic requests the classifier mistakes for one have far less.
 */
export const minFormulaWordShare = 0.5;

/** The intent of a request to get in touch. */
const contactIntent: IntentName = 'ContactRequest';

/** The intents of messages that stand alone: greetings, pleas for help, cancels and goodbyes. */
const formulaIntents = (Object.keys(routeOfIntent) as IntentName[]).filter(
  (intent) => !['question', 'contact'].includes(routeOfIntent[intent]),
);

/**
 * Whether a message is made of the intent model's words (always, without the vocabulary): at least
 * `least` of them, of any utterance's or of the given intents' only.
 */
function readsAsFormula(
  text: string,
  vocabulary: RouteInput['vocabulary'],
  intents?: readonly string[],
  least = minFormulaWordShare,
): boolean {
  return (vocabulary?.knownShare(text, intents) ?? 1) >= least;
}

/** The route of a message, with what acting on it needs. */
export type RouteDecision = { text: string; language: Language } & (
  | { route: 'question'; reply: KnowledgeReply }
  | {
      route: 'contact';
      /** The contacts the message names, by role or by name. */
      named: Contact[];
      /**
       * It asks for the contacts, not only to write to one: it is shaped as a question and names a
       * contact, asks for a person or a way to reach one ("who", "e-mail", "contactar") or names the
       * mission ("how can I get in touch with USAID Peru?", "¿a quién puedo contactar?"). "Can you
       * write a python function…?" is shaped so, but asks nothing of the mission. So does one, in
       * any shape, that asks for their names or addresses ("give me the emails of the director and
       * her deputy").
       */
      asks: boolean;
    }
  | { route: Exclude<Route, 'question' | 'contact'> }
);

/**
 * The one decision of a turn: where a message goes. The intent steers when the recognizer is sure,
 * a contact request shaped as a question stays a question unless it asks to get in touch, and a
 * greeting, thanks, plea for help or cancel stands alone only when the knowledge has no answer to
 * it ("Hi, who is the director?" and "second challenge" are questions) and it is short or made of
 * the intent model's own words.
 */
export function decideRoute(input: RouteInput): RouteDecision {
  const { text, language, recognized, contacts } = input;
  const hints = contactsNamed(recognized.entities, contacts, text);
  const intent = routeFor(recognized, input.threshold);
  // A request's clauses are read once, for whether it is one and whether it asks for the contacts.
  const clauses = intent === 'contact' || contactActionLabels.has(text) ? clausesOf(text) : [];
  if (
    contactActionLabels.has(text) ||
    (intent === 'contact' && isContactRequest(text, clauses, hints, input.vocabulary))
  ) {
    const wanted = new Set(hints.contactIds);
    const named = contacts.filter((c) => wanted.has(c.id));
    return { text, language, route: 'contact', named, asks: asksForContacts(text, clauses, named, input.knowledge) };
  }
  const asked = /[?¿]/.test(text);
  const formula = intent !== 'question' && intent !== 'contact';
  const short = formula && !asked && text.trim().split(/\s+/).length <= 3;
  // A short message wholly in the formulas' own words ("thanks", "undo") is one, whatever the
  // knowledge might match; the knowledge is not asked. One with another word ("coronavirus help
  // peru") is a formula only if the knowledge does not answer it.
  if (short && readsAsFormula(text, input.vocabulary, formulaIntents, 1)) return { text, language, route: intent };
  const reply = input.knowledge.answer(text, language, hints);
  // A question mark outweighs an intent: "Is this current? When was it posted?" is no cancel. So
  // does an answer to a short message, whose letters mislead ("second challenge" scores as "chau").
  const asks = reply.kind === 'answer' || (reply.kind === 'suggest' && asked);
  // A longer message is a formula when made of the intent model's words; one shaped as a question,
  // only of that formula's own: "how are you doing today" greets, while "why did USAID stop funding
  // services directly" and "how many farmers have stopped growing coca thanks to usaid", declined,
  // are questions the knowledge could not answer, not a cancel or thanks. Read only for a message
  // the classifier takes for a formula, not for every question.
  const formulaWords = () =>
    readsAsFormula(text, input.vocabulary, shapedAsQuestion(text) ? [recognized.topIntent] : undefined);
  if (formula && !asks && (short || formulaWords())) return { text, language, route: intent };
  return { text, language, route: 'question', reply };
}
