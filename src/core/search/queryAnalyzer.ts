import { BoundedMemo } from '../boundedMemo';
import type { KnowledgeBase } from '../knowledge/knowledgeTypes';
import { editDistance } from '../text/editDistance';
import { foldAccents, type Language, normalizeForSearch, tokenize } from '../text/normalize';
import { lunr } from './lunrLanguages';
import type { LanguageIndex } from './searchIndex';

/** One topic word of a question. */
export interface QueryTerm {
  word: string;
  /** The word itself first, then its synonyms from knowledge/synonyms.json. */
  alternatives: string[];
  isNumber: boolean;
  /** Written with a capital inside the sentence: a name of a place, person or organisation. */
  isName: boolean;
  /** A word like "before" or "former" that changes what is asked: the answer must contain it. */
  isQualifier: boolean;
}

/** A question reduced to what the knowledge must hold to answer it. */
export interface AnalyzedQuery {
  language: Language;
  text: string;
  terms: QueryTerm[];
  /** The question asks for a number, a duration or a date ("how many", "cuántos", "when"). */
  asksQuantity: boolean;
}

type StopFilter = (token: lunr.Token) => lunr.Token | undefined;
const stopFilters: Record<Language, StopFilter> = {
  en: lunr.stopWordFilter as unknown as StopFilter,
  es: (lunr as unknown as { es: { stopWordFilter: StopFilter } }).es.stopWordFilter,
};

/** Short words people mistype, so "wat is" is read as "what is". */
const commonQuestionWords = [
  'what',
  'who',
  'where',
  'when',
  'which',
  'how',
  'why',
  'is',
  'are',
  'the',
  'does',
  'que',
  'quien',
  'como',
  'cual',
  'es',
];

function namesIn(text: string): Set<string> {
  const names = new Set<string>();
  const words = text.split(/\s+/);
  words.forEach((word, i) => {
    const previous = words[i - 1];
    const startsSentence = i === 0 || (previous !== undefined && /[.!?¿¡]$/.test(previous)) || /^[¿¡]/.test(word);
    if (!startsSentence && /^["'(]?[A-ZÁÉÍÓÚÑ][a-záéíóúñ]/.test(word)) names.add(normalizeForSearch(word));
  });
  return names;
}

/**
 * Reduces questions in one language to their topic words: stop words, framing words ("how does …
 * affect") and mistyped question words are dropped; synonyms and phrase rewrites come from the
 * knowledge. The word lists are read once, when the analyzer is made.
 */
export class QueryAnalyzer {
  private readonly framing: ReadonlySet<string>;
  private readonly generic: ReadonlySet<string>;
  /** The words of the contacts' names: a question about a person is read word by word. */
  private readonly personNames: ReadonlySet<string>;
  private readonly alwaysTopic: ReadonlySet<string>;
  /** Question and framing words short enough that a mistyped short word may be one of them. */
  private readonly mistypable: readonly string[];
  private readonly phrases: readonly (readonly [string, string])[];
  private readonly synonyms: Record<string, string[]>;
  private readonly quantityCues: readonly string[];
  private readonly isStopWord: (word: string) => boolean;
  /** Whether an unknown short word is one edit away from a question or framing word ("wat", "hwo"). */
  private readonly mistyped = new BoundedMemo((word: string) =>
    this.mistypable.some((candidate) => editDistance(word, candidate, 1) <= 1),
  );

  constructor(
    kb: KnowledgeBase,
    readonly language: Language,
  ) {
    this.framing = new Set(kb.lexicon.framingWords[language]);
    this.generic = new Set(kb.lexicon.genericWords[language]);
    this.personNames = new Set(kb.contacts.flatMap((contact) => tokenize(normalizeForSearch(contact.name))));
    this.alwaysTopic = new Set(kb.lexicon.alwaysTopicWords[language]);
    // editDistance(word, candidate) ≤ 1 needs lengths within one; the words checked have ≤ 4 letters.
    // Two-letter words ("do", "no") are left out: one letter from them is a word of its own ("dog").
    this.mistypable = [...new Set([...commonQuestionWords, ...this.framing])].filter(
      (w) => w.length >= 3 && w.length <= 5,
    );
    this.phrases = Object.entries(kb.synonyms.phrases[language]).map(([phrase, replacement]) => [
      ` ${phrase} `,
      ` ${replacement} `,
    ]);
    this.synonyms = kb.synonyms.words[language];
    this.quantityCues = kb.lexicon.quantityCues[language].map((cue) => ` ${cue} `);
    const filter = stopFilters[language];
    this.isStopWord = (word) => !filter(new lunr.Token(word, {}));
  }

  /** An everyday word frames the question unless the knowledge uses it or a synonym maps it. */
  private framesHere(word: string, index: LanguageIndex): boolean {
    return this.generic.has(word) && !this.synonyms[word] && index.expand(word).length === 0;
  }

  /** The topic words of `text`, checked against the words `index` knows. */
  analyze(text: string, index: LanguageIndex): AnalyzedQuery {
    const normalized = normalizeForSearch(text);
    const padded = ` ${normalized} `;
    const asksQuantity = this.quantityCues.some((cue) => padded.includes(cue));
    const names = namesIn(text);
    const rewritten = this.rewrite(padded);
    // "Where did Elizabeth Bosman study?": about a person, an everyday word may be the whole
    // question (where they studied, live, earn), so it is not set aside.
    const aboutPerson = [...names].some((name) => this.personNames.has(name));

    // Stop word lists are written with accents ("más"): check the words as typed, then fold.
    const stopWords = new Set(
      tokenize(normalizeForSearch(text, { fold: false }))
        .filter((word) => this.isStopWord(word))
        .map((word) => foldAccents(word)),
    );
    const terms: QueryTerm[] = [];
    const seen = new Set<string>();
    for (const word of tokenize(rewritten)) {
      if (seen.has(word) || word.length < 2) continue;
      const qualifier = this.alwaysTopic.has(word);
      const setAside =
        this.framing.has(word) ||
        stopWords.has(word) ||
        this.isStopWord(word) ||
        (!aboutPerson && this.framesHere(word, index));
      if (setAside && !qualifier) continue;
      if (!qualifier && word.length <= 4 && index.expand(word).length === 0 && this.mistyped.get(word)) continue;
      seen.add(word);
      terms.push({
        word,
        alternatives: [word, ...(this.synonyms[word] ?? []).flatMap((s) => tokenize(normalizeForSearch(s)))],
        isNumber: /^\d+$/.test(word),
        isName: names.has(word),
        isQualifier: qualifier,
      });
    }
    return { language: this.language, text, terms, asksQuantity };
  }

  /** Applies the phrase rewrites in order to space-padded text. */
  private rewrite(padded: string): string {
    let text = padded;
    for (const [phrase, replacement] of this.phrases) {
      if (text.includes(phrase)) text = text.replaceAll(phrase, replacement);
    }
    return text.trim();
  }
}
