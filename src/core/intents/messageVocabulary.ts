import { normalizeForSearch, tokenize } from '../text/normalize';
import type { CluProject } from './cluModel';

/**
 * The words the intent model's utterances are made of. Greetings, thanks, pleas for help and
 * cancels are formulas: a long message that uses mostly other words ("receta de lomo saltado")
 * is not one, however the classifier scores it, since its letters alone can resemble a formula's.
 */
export class MessageVocabulary {
  private constructor(private readonly words: ReadonlySet<string>) {}

  /** The vocabulary of every utterance in the CLU model file, in both languages. */
  static fromProject(project: CluProject): MessageVocabulary {
    return new MessageVocabulary(
      new Set(project.assets.utterances.flatMap((u) => tokenize(normalizeForSearch(u.text)))),
    );
  }

  /** Share of the message's words that some utterance of the model uses (1 for an empty message). */
  knownShare(text: string): number {
    const words = tokenize(normalizeForSearch(text));
    if (words.length === 0) return 1;
    return words.filter((word) => this.words.has(word)).length / words.length;
  }
}
