import type { Passage } from '../knowledge/knowledgeTypes';
import type { AnalyzedQuery, ListReference, QueryTerm } from '../search/queryAnalyzer';
import type { LanguageIndex } from '../search/searchIndex';
import { inEveryLanguage, questionWords } from '../text/questionWords';
import { singular } from '../search/searchIndex';

/** Why the bot says the knowledge does not hold the answer. */
export type DeclineReason =
  | 'no-topic' // nothing left of the question once stop words are set aside
  | 'no-match' // no unit matched at all
  | 'unknown-name' // a place, person or body the knowledge never mentions
  | 'unmatched-number' // a year or figure the unit does not contain, or a year after the page as a moment
  | 'unmatched-attribute' // a budget, a phone, a time before: something the unit does not speak of
  | 'no-quantity' // a "how many / when" question whose answer has no number
  | 'other-contact' // the question names one contact and the unit is another's
  | 'unknown-person' // the question asks for someone the page does not name ("the press officer")
  | 'low-confidence'; // the answer model is not sure enough of any unit

/**
 * The verbs requests are framed with, in every language, the words that place them now, and
 * greetings ("hola, necesito el email de Elizabeth Bosman"): none asks anything of a person.
 */
export const askNothingOfPerson: ReadonlySet<string> = new Set(
  inEveryLanguage('framingVerbs', 'presentTime', 'greetings'),
);

/** Share of units above which a word is what the whole page is about. */
export const pageWideShare = 0.25;

/** What the scope rule needs to know besides the question and the index. */
export interface ScopeContext {
  otherContactUnits: ReadonlySet<number>;
  namesContact: boolean;
  /** Units that give a contact's details. */
  contactUnits: ReadonlySet<number>;
  /** Words that ask for a person or a way to reach one ("email", "contact"): never a topic of their own. */
  isContactWord: (word: string) => boolean;
  /** The page's own words for what an attribute speaks of (`Lexicon.attributeKin`). */
  attributeKin?: (word: string) => readonly string[];
  /** The year the unit's source was published, when known. */
  publishedYear?: (unit: number) => number | undefined;
}

/**
 * The scope rule, a veto over the answer model: a unit answers a question only if it holds the
 * question's names, numbers and attributes, has a number when one is asked for, and is not another
 * contact's when the question names one. What the question asks is read once; each unit is then
 * checked against it.
 */
export class ScopeRule {
  private readonly names: QueryTerm[];
  private readonly numbers: QueryTerm[];
  private readonly attributes: QueryTerm[];
  /** Words that ask something of a contact beyond who they are and how to reach them. */
  private readonly aboutPerson: QueryTerm[];

  constructor(
    private readonly query: AnalyzedQuery,
    private readonly index: LanguageIndex,
    private readonly context: ScopeContext,
  ) {
    this.names = query.terms.filter((t) => t.isName);
    // A number in a role's name ("the number 2") names a contact; it is no figure asked for.
    this.numbers = query.terms.filter((t) => t.isNumber && !context.isContactWord(t.word));
    this.attributes = query.terms.filter((t) => t.isAttribute);
    // Words the whole page is about ("Peru", "mission"), contact words ("email"), the verbs a
    // request is framed with ("could you tell me"), "now" or "current", and greetings ask nothing
    // of the person. A judgement ("a good director") is checked on its own.
    this.aboutPerson = query.terms.filter(
      (t) =>
        !context.isContactWord(t.word) && !askNothingOfPerson.has(t.word) && index.unitShare(t.stem) < pageWideShare,
    );
  }

  /**
   * Whether the question asks of a contact's unit something it does not say: the unit gives a
   * name, a title and an address, so a word it lacks (where she studied, who assists her) may ask
   * for more. A signal for the answer model, and a bar to answering a named contact by rule.
   */
  asksMoreOf(unit: number): boolean {
    return (
      this.context.contactUnits.has(unit) && this.aboutPerson.some((t) => !this.index.unitStems[unit]?.has(t.stem))
    );
  }

  /** Why the unit may not answer the question, or nothing when it may. */
  veto(unit: number): DeclineReason | undefined {
    const { query, index, context } = this;
    const passage = index.units[unit] as Passage;
    const held = (t: QueryTerm) => index.unitStems[unit]?.has(t.stem) ?? false;
    if (this.names.some((t) => !held(t))) return 'unknown-name';
    if (this.numbers.length > 0) {
      const textStems = index.documentStems[index.unitDocuments[unit]?.[0] ?? -1];
      const allowed = allowedNumbers(passage, query.listReference);
      // A year must be the page's own; a small number may be written in words ("20 years", "two decades").
      const unmatched = (t: QueryTerm) =>
        !textStems?.has(t.stem) &&
        !allowed.has(Number(t.word)) &&
        (/^\d{4}/.test(t.word) || !holdsQuantity(passage, index));
      if (this.numbers.some(unmatched)) return 'unmatched-number';
      // "What happened in 2025?": news after the page, though a period it states ends that year.
      const published = context.publishedYear?.(unit);
      const afterPage = (t: QueryTerm) => t.isPointInTime === true && published !== undefined && +t.word > published;
      if (this.numbers.some(afterPage)) return 'unmatched-number';
    }
    const holdsAttribute = (word: string) =>
      holdsWord(unit, word, index) || (context.attributeKin?.(word) ?? []).some((kin) => holdsWord(unit, kin, index));
    if (this.attributes.some((t) => !holdsAttribute(t.word))) return 'unmatched-attribute';
    // A contact's unit gives a name, a title and an address, never a judgement of the person.
    if (context.contactUnits.has(unit) && query.judgements.some((word) => !holdsWord(unit, word, index))) {
      return 'unmatched-attribute';
    }
    if (query.asksQuantity && !holdsQuantity(passage, index)) return 'no-quantity';
    if (query.counted && !countsIt(passage, query.counted, index)) return 'no-quantity';
    if (context.namesContact && context.otherContactUnits.has(unit)) return 'other-contact';
    // Who the press officer is, a contact's unit cannot say: it names only its own person.
    if (query.asksPerson && !context.namesContact && this.asksMoreOf(unit)) return 'unknown-person';
    return undefined;
  }
}

/** A list's size and an item's position may be asked for without the unit writing the number. */
function allowedNumbers(passage: Passage, reference: ListReference | undefined): Set<number> {
  const allowed = new Set<number>();
  if (passage.list) allowed.add(passage.list.items.length);
  if (passage.item) allowed.add(passage.item.count).add(passage.item.position);
  if (reference) allowed.add(reference.position);
  return allowed;
}

/** Digits that stand as a number, not as part of a name ("COVID-19"). */
const standaloneNumber = /(?<![\p{L}]-)\b\d+\b/u;

const quantities = new WeakMap<Passage, boolean>();

/** Whether a unit holds a number, in digits or in words. */
export function holdsQuantity(passage: Passage, index: LanguageIndex): boolean {
  let holds = quantities.get(passage);
  if (holds === undefined) {
    const words = new Set(index.analyzer.words(passage.text));
    holds = standaloneNumber.test(passage.text) || questionWords[index.language].numberWords.some((w) => words.has(w));
    quantities.set(passage, holds);
  }
  return holds;
}

/** Words after a number that it may count ("60 years", "two South America Regional programs"). */
const countWindow = 4;

/**
 * Whether a unit counts what a "how many" question asks about: a number shortly before the word
 * ("four objectives"), a list named by it (its items are the count), or, for a unit of time, any
 * number of years. A word the knowledge never uses is counted nowhere.
 */
function countsIt(passage: Passage, counted: { stem: string; corrected: string }, index: LanguageIndex): boolean {
  const words = questionWords[index.language];
  if (passage.list && index.analyzer.stems(passage.list.intro).includes(counted.stem)) return true;
  const tokens = passage.text.split(/\s+/);
  const isNumber = (token: string) =>
    standaloneNumber.test(token) || words.numberWords.includes(index.analyzer.words(token)[0] ?? '');
  const time = words.timeUnits.includes(counted.corrected);
  return tokens.some((token, i) => {
    if (!isNumber(token)) return false;
    return tokens.slice(i + 1, i + 1 + countWindow).some((next) => {
      const word = index.analyzer.words(next)[0] ?? '';
      return index.analyzer.stem(word) === counted.stem || (time && words.timeUnits.includes(word));
    });
  });
}

/** Whether any document of a unit holds the word, or its singular or plural. */
function holdsWord(unit: number, word: string, index: LanguageIndex): boolean {
  return index.unitWords[unit]?.has(singular(word)) ?? false;
}
