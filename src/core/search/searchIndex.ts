import { IndexError } from '../errors';
import type { KnowledgeBase, Passage } from '../knowledge/knowledgeTypes';
import { type Language, languages } from '../text/normalize';
import { questionWords } from '../text/questionWords';
import { CharNgramIndex } from './charNgrams';
import { lunr } from './lunrLanguages';
import { SpellingCorrector, type WordChecker } from './spelling';
import { TextAnalyzer } from './textAnalyzer';

/** The artifact written at build time and loaded at start. */
export interface SerializedSearchIndex {
  format: 'usaid-peru-bot/search-index';
  fingerprint: string;
  builtAt: string;
  indexes: Partial<Record<Language, object>>;
}

/** A searchable text: a unit's own words (its title and text) or one of its curated questions. */
export interface IndexedDocument {
  /** Position of the unit in {@link LanguageIndex.units}. */
  unit: number;
  kind: 'text' | 'question';
  text: string;
}

/** How much a unit's title counts against its text in lunr's ranking. */
const titleBoost = 2;

/**
 * One language's index. lunr holds the word index (stems, BM25); a character n-gram index holds
 * the same documents for matching word pieces; each unit is one document and each of its curated
 * questions another, so a unit with many alternates is not diluted by their length.
 */
export class LanguageIndex {
  readonly analyzer: TextAnalyzer;
  readonly documents: readonly IndexedDocument[];
  /** Topic stems of each document. */
  readonly documentStems: readonly ReadonlySet<string>[];
  readonly ngrams: CharNgramIndex;
  readonly speller: SpellingCorrector;
  /** For each unit, the documents that belong to it. */
  readonly unitDocuments: readonly number[][];
  private readonly unitsWithStem = new Map<string, number>();
  private readonly lunrIndex: lunr.Index;
  /** Every word of the units and curated questions, folded. */
  private readonly vocabulary = new Set<string>();

  private constructor(
    readonly language: Language,
    readonly units: readonly Passage[],
    alternates: (unit: Passage) => readonly string[],
    words: WordChecker,
    lunrIndex?: lunr.Index,
  ) {
    const documents: IndexedDocument[] = [];
    units.forEach((unit, i) => {
      documents.push({ unit: i, kind: 'text', text: `${unit.title}\n${unit.text}` });
      for (const question of alternates(unit)) documents.push({ unit: i, kind: 'question', text: question });
    });
    this.documents = documents;
    this.analyzer = new TextAnalyzer(
      language,
      documents.map((d) => d.text),
    );
    this.documentStems = documents.map((d) => new Set(this.analyzer.stems(d.text)));
    this.unitDocuments = units.map(() => []);
    documents.forEach((d, i) => this.unitDocuments[d.unit]?.push(i));
    for (const docs of this.unitDocuments) {
      const stems = new Set(docs.flatMap((d) => [...(this.documentStems[d] ?? [])]));
      for (const stem of stems) this.unitsWithStem.set(stem, (this.unitsWithStem.get(stem) ?? 0) + 1);
    }
    this.ngrams = new CharNgramIndex(documents.map((d) => d.text));
    const vocabulary = new Map<string, number>();
    for (const d of documents) {
      for (const word of this.analyzer.words(d.text)) vocabulary.set(word, (vocabulary.get(word) ?? 0) + 1);
    }
    // Ordinals and number words are read by rule, so a mistyped one ("thrid") is corrected too.
    const { ordinals, cardinals } = questionWords[language];
    for (const word of [...Object.keys(ordinals), ...Object.keys(cardinals)]) {
      vocabulary.set(word, vocabulary.get(word) ?? 1);
    }
    this.speller = new SpellingCorrector(vocabulary, words, language);
    for (const word of vocabulary.keys()) this.vocabulary.add(word);
    this.lunrIndex = lunrIndex ?? this.buildLunr();
  }

  /** Builds the index of `units` (all of one language) and their curated questions. */
  static build(
    language: Language,
    units: readonly Passage[],
    alternates: (unit: Passage) => readonly string[],
    words: WordChecker,
  ): LanguageIndex {
    return new LanguageIndex(language, units, alternates, words);
  }

  /** Rebuilds the parts that are cheap to make and loads lunr's from its JSON. */
  static load(
    language: Language,
    units: readonly Passage[],
    alternates: (unit: Passage) => readonly string[],
    words: WordChecker,
    json: object,
  ): LanguageIndex {
    return new LanguageIndex(language, units, alternates, words, lunr.Index.load(json));
  }

  private buildLunr(): lunr.Index {
    const { documents, documentStems } = this;
    const units = this.units;
    return lunr(function configure() {
      // Text arrives analyzed (stop words out, stems in), so lunr's own pipeline stays empty.
      this.pipeline.reset();
      this.searchPipeline.reset();
      this.ref('id');
      this.field('title', { boost: titleBoost });
      this.field('body');
      documents.forEach((d, i) => {
        const stems = [...(documentStems[i] ?? [])].join(' ');
        const unit = units[d.unit];
        this.add({ id: String(i), title: d.kind === 'text' && unit ? unit.title : '', body: stems });
      });
    });
  }

  /** Inverse document frequency of a stem over units; a stem no unit holds gets the highest. */
  idf(stem: string): number {
    const n = this.units.length;
    const df = this.unitsWithStem.get(stem) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Whether the knowledge uses the word or a longer word that begins like it ("venezuela",
   * "venezuelan"): a name the knowledge mentions in another form is still known.
   */
  hasWordLike(word: string): boolean {
    if (this.vocabulary.has(word)) return true;
    const prefix = word.slice(0, Math.max(5, word.length - 2));
    if (prefix.length < 5) return false;
    for (const known of this.vocabulary) if (known.startsWith(prefix)) return true;
    return false;
  }

  /** Share of units (with their curated questions) that hold the stem. */
  unitShare(stem: string): number {
    return (this.unitsWithStem.get(stem) ?? 0) / (this.units.length || 1);
  }

  /** Whether any unit or curated question holds the stem. */
  knows(stem: string): boolean {
    return this.unitsWithStem.has(stem);
  }

  /** lunr's BM25 score of each document holding any of the stems, by document number. */
  wordScores(stems: readonly string[]): Map<number, number> {
    const scores = new Map<number, number>();
    if (stems.length === 0) return scores;
    const known = [...new Set(stems)].filter((s) => this.unitsWithStem.has(s));
    if (known.length === 0) return scores;
    const results = this.lunrIndex.query((query) => {
      for (const stem of known) query.term(stem, { usePipeline: false, presence: lunr.Query.presence.OPTIONAL });
    });
    for (const result of results) scores.set(Number(result.ref), result.score);
    return scores;
  }

  toJSON(): object {
    return this.lunrIndex.toJSON();
  }
}

/** The search indexes of every language that has knowledge, tied to one version of the knowledge. */
export class SearchIndex {
  private constructor(
    readonly fingerprint: string,
    private readonly byLanguage: Map<Language, LanguageIndex>,
  ) {}

  /** Builds fresh indexes from the knowledge base. */
  static build(kb: KnowledgeBase, words: WordChecker): SearchIndex {
    const map = new Map<Language, LanguageIndex>();
    for (const language of languages) {
      const units = kb.passages.filter((p) => p.language === language);
      if (units.length > 0) map.set(language, LanguageIndex.build(language, units, alternatesOf(kb, language), words));
    }
    return new SearchIndex(kb.fingerprint, map);
  }

  /**
   * Loads a serialized index. Throws {@link IndexError} when it is unreadable or was built from
   * other knowledge than `kb` (a stale index is never served).
   */
  static load(serialized: unknown, kb: KnowledgeBase, words: WordChecker): SearchIndex {
    const artifact = serialized as Partial<SerializedSearchIndex> | null;
    if (!artifact || artifact.format !== 'usaid-peru-bot/search-index' || typeof artifact.indexes !== 'object') {
      throw new IndexError('The search index file is not a search index of this bot.');
    }
    if (artifact.fingerprint !== kb.fingerprint) {
      throw new IndexError('The search index was built from other knowledge files than those in the knowledge folder.');
    }
    const map = new Map<Language, LanguageIndex>();
    for (const [language, json] of Object.entries(artifact.indexes ?? {})) {
      const lang = language as Language;
      try {
        const units = kb.passages.filter((p) => p.language === lang);
        map.set(lang, LanguageIndex.load(lang, units, alternatesOf(kb, lang), words, json));
      } catch (error) {
        throw new IndexError(`The ${language} search index cannot be loaded.`, { cause: error });
      }
    }
    return new SearchIndex(kb.fingerprint, map);
  }

  /** The index for a language, if the knowledge has that language. */
  get(language: Language): LanguageIndex | undefined {
    return this.byLanguage.get(language);
  }

  /** Languages that have their own knowledge. */
  get languages(): Language[] {
    return [...this.byLanguage.keys()];
  }

  toJSON(): SerializedSearchIndex {
    return {
      format: 'usaid-peru-bot/search-index',
      fingerprint: this.fingerprint,
      builtAt: new Date().toISOString(),
      indexes: Object.fromEntries([...this.byLanguage].map(([language, index]) => [language, index.toJSON()])),
    };
  }
}

function alternatesOf(kb: KnowledgeBase, language: Language): (unit: Passage) => readonly string[] {
  return (unit) => kb.alternateQuestions.get(unit.id)?.[language] ?? [];
}
