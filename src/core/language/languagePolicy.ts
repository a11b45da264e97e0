import { detectAll } from 'tinyld';
import { foldAccents, type Language, normalizeForSearch, tokenize } from '../text/normalize';
import { questionWords } from '../text/questionWords';

/** What is known about the language of a message. */
export interface LanguageSignals {
  /** The activity's locale, e.g. "es-PE"; Web Chat and Teams send it. */
  locale?: string;
  text: string;
  /** A language the person chose earlier in this conversation. */
  remembered?: Language;
}

/** The language to answer in, and whether the person just asked to switch. */
export interface LanguageDecision {
  language: Language;
  /** Set when the message asks for a language; remember it for the conversation. */
  chosen?: Language;
  /** The message is only a request to switch language, with nothing else to answer. */
  onlySwitch: boolean;
}

/** A detector that scores candidate languages for a text. */
export type LanguageDetector = (text: string) => { lang: string; accuracy: number }[];

const tinyldDetector: LanguageDetector = (text) => detectAll(text, { only: ['en', 'es'] });

/** Requests to switch language, matched on lower-cased text without accents. */
const switchRequests: Record<Language, RegExp> = {
  en: /\b(in english|english please|en ingles|hablame en ingles|switch to english|speak english)\b|^\s*english\s*[.!]*\s*$/,
  es: /\b(en espanol|in spanish|spanish please|hablame en espanol|switch to spanish|speak spanish|en castellano)\b|^\s*(espanol|castellano)\s*[.!]*\s*$/,
};
const politeFiller =
  /\b(por favor|please|porfa|pls|switch to|habla(me)?|speak|respond|responde|answer|contesta|me|to|a|in|en|ok|okay|vale)\b|[^a-z\s]/g;

/**
 * Decides the language of a turn. In order: an explicit request ("en español", "in English
 * please"), then a choice remembered for the conversation, then the text itself when the detector
 * is confident and it disagrees with the locale, then the locale.
 */
export class LanguagePolicy {
  constructor(
    private readonly detect: LanguageDetector = tinyldDetector,
    /** Detector score above which the text overrides the locale. */
    private readonly minConfidence = 0.5,
    /** Messages shorter than this many words never override the locale. */
    private readonly minWords = 3,
  ) {}

  decide(signals: LanguageSignals): LanguageDecision {
    const folded = foldAccents(signals.text.toLowerCase());
    for (const language of ['es', 'en'] as const) {
      if (switchRequests[language].test(folded)) {
        const rest = folded.replace(switchRequests[language], ' ').replace(politeFiller, ' ').trim();
        return { language, chosen: language, onlySwitch: rest.length === 0 };
      }
    }
    if (signals.remembered) return { language: signals.remembered, onlySwitch: false };
    const fromLocale = localeLanguage(signals.locale);
    const detected = this.confidentDetection(signals.text, folded, fromLocale);
    return { language: detected ?? fromLocale ?? 'en', onlySwitch: false };
  }

  /** `folded`: the text lower-cased without accents. */
  private confidentDetection(text: string, folded: string, expected: Language | undefined): Language | undefined {
    const words = folded.split(/[^a-z]+/).filter(Boolean);
    if (words.length < this.minWords) return undefined;
    // The detector is only worth its cost when the words lean towards the other language.
    if (expected && functionWordCount(words, expected) >= functionWordCount(words, expected === 'en' ? 'es' : 'en')) {
      return undefined;
    }
    const best = this.detect(text)[0];
    if (!best || best.accuracy < this.minConfidence) return undefined;
    return best.lang === 'es' || best.lang === 'en' ? best.lang : undefined;
  }
}

/** Short words that mark a language; counting them is far cheaper than running a detector. */
const functionWords: Record<Language, ReadonlySet<string>> = {
  en: new Set(questionWords.en.functionWords),
  es: new Set(questionWords.es.functionWords),
};

function functionWordCount(words: readonly string[], language: Language): number {
  return words.filter((w) => functionWords[language].has(w)).length;
}

/** Whether a text holds more of one language's function words than of another's ("Is it the…"). */
export function leansTo(text: string, language: Language, other: Language): boolean {
  const words = tokenize(normalizeForSearch(text));
  return functionWordCount(words, language) > functionWordCount(words, other);
}

/** The language of a locale tag: Spanish for any `es-*`, English for `en-*`, else nothing. */
export function localeLanguage(locale: string | undefined): Language | undefined {
  const tag = locale?.toLowerCase() ?? '';
  if (tag.startsWith('es')) return 'es';
  if (tag.startsWith('en')) return 'en';
  return undefined;
}
