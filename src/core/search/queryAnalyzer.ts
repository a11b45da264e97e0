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

function replacePhrases(normalized: string, phrases: Record<string, string>): string {
  let text = ` ${normalized} `;
  for (const [phrase, replacement] of Object.entries(phrases)) {
    text = text.split(` ${phrase} `).join(` ${replacement} `);
  }
  return text.trim();
}

/**
 * Reduces a question to its topic words: stop words, framing words ("how does … affect") and
 * mistyped question words are dropped; synonyms and phrase rewrites come from the knowledge.
 */
export function analyzeQuery(text: string, language: Language, kb: KnowledgeBase, index: LanguageIndex): AnalyzedQuery {
  const normalized = normalizeForSearch(text);
  const padded = ` ${normalized} `;
  const asksQuantity = kb.lexicon.quantityCues[language].some((cue) => padded.includes(` ${cue} `));
  const framing = new Set(kb.lexicon.framingWords[language]);
  const names = namesIn(text);
  const rewritten = replacePhrases(normalized, kb.synonyms.phrases[language]);
  const synonyms = kb.synonyms.words[language];

  // Stop word lists are written with accents ("más"): check the words as typed, then fold.
  const stopWords = new Set(
    tokenize(normalizeForSearch(text, { fold: false }))
      .filter((word) => !stopFilters[language](new lunr.Token(word, {})))
      .map((word) => foldAccents(word)),
  );
  const alwaysTopic = new Set(kb.lexicon.alwaysTopicWords[language]);
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const word of tokenize(rewritten)) {
    if (seen.has(word) || word.length < 2) continue;
    const setAside = framing.has(word) || stopWords.has(word) || !stopFilters[language](new lunr.Token(word, {}));
    if (setAside && !alwaysTopic.has(word)) continue;
    const known = index.expand(word).length > 0;
    if (!known && word.length <= 4 && [...commonQuestionWords, ...framing].some((q) => editDistance(word, q, 1) <= 1))
      continue;
    seen.add(word);
    terms.push({
      word,
      alternatives: [word, ...(synonyms[word] ?? []).flatMap((s) => tokenize(normalizeForSearch(s)))],
      isNumber: /^\d+$/.test(word),
      isName: names.has(word),
      isQualifier: alwaysTopic.has(word),
    });
  }
  return { language, text, terms, asksQuantity };
}
