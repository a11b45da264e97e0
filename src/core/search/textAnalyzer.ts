import { LRUCache } from 'lru-cache';
import stopwordsIso from 'stopwords-iso';
import { foldAccents, type Language, normalizeForSearch, tokenize } from '../text/normalize';
import { lunr } from './lunrLanguages';

type TokenFilter = (token: lunr.Token) => lunr.Token | undefined;
const lunrSpanish = (lunr as unknown as { es: { stopWordFilter: TokenFilter; stemmer: TokenFilter } }).es;

/** lunr's own stop word filters: short function words only ("the", "of", "que"). */
const functionWordFilters: Record<Language, TokenFilter> = {
  en: lunr.stopWordFilter as unknown as TokenFilter,
  es: lunrSpanish.stopWordFilter,
};

const stemmers: Record<Language, (word: string) => string> = {
  en: (word) => String(lunr.stemmer(new lunr.Token(word, {}))),
  es: (word) => foldAccents(String(lunrSpanish.stemmer(new lunr.Token(word, {})))),
};

/** Most letters a word's stem may run past a cue it begins with and still be a form of it. */
const cueOverrun = 2;

/**
 * Whether a word is a form of a cue, a word or a beginning of one ("talking", "escríbeme", "pasarle"
 * for "talk", "escrib", "pas"), rather than another word that begins like it ("passport",
 * "pasaporte", "environment" for "pass", "pas", "envi"): it begins with the cue and, stemmed in
 * either language, runs at most two letters past it.
 */
export function isFormOf(word: string, cue: string): boolean {
  if (!word.startsWith(cue)) return false;
  if (word.length <= cue.length + cueOverrun) return true;
  return Object.values(stemmers).some((stem) => stem(word).length <= cue.length + cueOverrun);
}

/** Most word stems remembered per language. */
const stemCacheSize = 20_000;

/**
 * How one language's text becomes search terms: lower-cased words without accents, stop words set
 * aside, the rest stemmed. The stop words are lunr's function words plus the longer stopwords-iso
 * list ("affected", "million", "information") minus any word the knowledge itself uses ("second",
 * "four", "new"), so a word the page relies on is never thrown away.
 */
export class TextAnalyzer {
  private readonly stopWords: ReadonlySet<string>;
  /** Folded knowledge word → as the knowledge writes it, so "migracion" stems as "migración". */
  private readonly accented = new Map<string, string>();
  private readonly stemCache = new LRUCache<string, string>({ max: stemCacheSize });

  constructor(
    readonly language: Language,
    knowledgeText: readonly string[],
  ) {
    const knowledgeWords = new Set<string>();
    for (const text of knowledgeText) {
      for (const word of tokenize(normalizeForSearch(text, { fold: false }))) {
        const folded = foldAccents(word);
        knowledgeWords.add(folded);
        if (folded !== word) this.accented.set(folded, word);
      }
    }
    const isFunctionWord = (word: string) => !functionWordFilters[language](new lunr.Token(word, {}));
    const stop = new Set<string>();
    for (const word of stopwordsIso[language] ?? []) {
      const folded = foldAccents(word.toLowerCase());
      if (isFunctionWord(word) || !knowledgeWords.has(folded)) stop.add(folded);
    }
    this.stopWords = stop;
  }

  /** Lower-cased, accent-free words of a text, in order. */
  words(text: string): string[] {
    return tokenize(normalizeForSearch(text));
  }

  /** Whether a (folded) word carries no topic of its own. */
  isStopWord(word: string): boolean {
    return this.stopWords.has(word);
  }

  /** The stem of a folded word; Spanish words are stemmed with the accents the knowledge writes. */
  stem(word: string): string {
    let stem = this.stemCache.get(word);
    if (stem === undefined) {
      stem = /^\d/.test(word) ? word : stemmers[this.language](this.accented.get(word) ?? word);
      this.stemCache.set(word, stem);
    }
    return stem;
  }

  /** The stems of a text's topic words, in order, repeats kept. */
  stems(text: string): string[] {
    return this.words(text)
      .filter((word) => !this.isStopWord(word))
      .map((word) => this.stem(word));
  }
}
