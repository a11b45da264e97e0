import type { WordChecker } from '../../src/core/search/spelling';

/** A dictionary of a few words, for tests that should not load Hunspell's. */
export class FakeDictionary implements WordChecker {
  constructor(
    private readonly words: readonly string[] = [],
    private readonly names: readonly string[] = [],
  ) {}

  isWord(word: string, _language?: string): boolean {
    return this.words.includes(word) || this.names.includes(word);
  }

  isProperNoun(word: string): boolean {
    return this.names.includes(word);
  }
}
