import { normalizeForSearch, tokenize } from '../text/normalize';
import type { CluProject } from './cluModel';

/**
 * The words the intent model's utterances are made of. Greetings, thanks, pleas for help and
 * cancels are formulas: a long message that uses mostly other words ("receta de lomo saltado")
 * is not one, however the classifier scores it, since its letters alone can resemble a formula's.
 */
export class MessageVocabulary {
  /** Per intent, the words its utterances use and no other intent's do. */
  private readonly ownWords = new Map<string, ReadonlySet<string>>();

  private constructor(private readonly byIntent: ReadonlyMap<string, ReadonlySet<string>>) {
    for (const [intent, words] of byIntent) {
      const others = [...byIntent].filter(([name]) => name !== intent).map(([, set]) => set);
      this.ownWords.set(intent, new Set([...words].filter((word) => !others.some((set) => set.has(word)))));
    }
  }

  /** The vocabulary of every utterance in the CLU model file, in both languages, per intent. */
  static fromProject(project: CluProject): MessageVocabulary {
    const byIntent = new Map<string, Set<string>>();
    for (const utterance of project.assets.utterances) {
      const words = byIntent.get(utterance.intent) ?? new Set<string>();
      for (const word of tokenize(normalizeForSearch(utterance.text))) words.add(word);
      byIntent.set(utterance.intent, words);
    }
    return new MessageVocabulary(byIntent);
  }

  /**
   * Share of the message's words that some utterance of the model uses (1 for an empty message),
   * counting only the given intents' utterances when `intents` is given.
   */
  knownShare(text: string, intents?: readonly string[]): number {
    const words = tokenize(normalizeForSearch(text));
    if (words.length === 0) return 1;
    const sets = [...this.byIntent].filter(([intent]) => !intents || intents.includes(intent)).map(([, set]) => set);
    return words.filter((word) => sets.some((set) => set.has(word))).length / words.length;
  }

  /**
   * Whether the message holds a word the intent's utterances use and no other intent's do
   * ("journalist" and "interview" for a contact request), a word that speaks for the intent.
   */
  usesOwnWords(text: string, intent: string): boolean {
    const own = this.ownWords.get(intent);
    return own !== undefined && tokenize(normalizeForSearch(text)).some((word) => own.has(word));
  }
}
