import { IndexError } from '../errors';
import type { KnowledgeBase, Passage } from '../knowledge/knowledgeTypes';
import { type Language, languages } from '../text/normalize';
import { questionWords } from '../text/questionWords';
import { CharNgramIndex } from './charNgrams';
import { lunr } from './lunrLanguages';
import { SpellingCorrector, type WordChecker } from './spelling';
import { TextAnalyzer } from './textAnalyzer';
import { WordPostings } from './wordPostings';
import { firstWithPrefix } from '../text/sortedWords';

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

/** A word without a plural ending, so "budget" and "budgets" (or "empleado", "empleados") compare equal. */
export const singular = (word: string): string => word.replace(/(es|s)$/, '');

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
  /** Each unit's stems, over its text and curated questions. */
  readonly unitStems: readonly ReadonlySet<string>[];
  /** Each unit's words, folded and made singular ({@link singular}), over its text and curated questions. */
  readonly unitWords: readonly ReadonlySet<string>[];
  /** Each document's own topic weight: the idf of its stems, summed. */
  readonly documentWeights: Float64Array;
  /** For each stem, the documents that hold it. */
  private readonly stemDocuments = new Map<string, number[]>();
  private readonly heldWeights: Float64Array;
  private readonly heldStamps: Uint32Array;
  private heldStamp = 0;
  private readonly unitsWithStem = new Map<string, number>();
  private readonly idfs = new Map<string, number>();
  private readonly unseenIdf: number;
  private readonly postings: WordPostings;
  /** lunr's index as JSON, kept only when built to be saved: lunr's own objects are large. */
  private readonly serialized?: object;
  /** Every word of the units and curated questions, folded, sorted (for prefix lookups). */
  private readonly sortedVocabulary: string[];
  private readonly vocabulary: ReadonlySet<string>;

  private constructor(
    readonly language: Language,
    readonly units: readonly Passage[],
    alternates: (unit: Passage) => readonly string[],
    words: WordChecker,
    lunrIndex?: lunr.Index,
    serializable = false,
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
    this.unitStems = this.unitDocuments.map((docs) => new Set(docs.flatMap((d) => [...(this.documentStems[d] ?? [])])));
    this.unitWords = this.unitDocuments.map(
      (docs) => new Set(docs.flatMap((d) => this.analyzer.words(documents[d]?.text ?? '').map(singular))),
    );
    for (const stems of this.unitStems) {
      for (const stem of stems) this.unitsWithStem.set(stem, (this.unitsWithStem.get(stem) ?? 0) + 1);
    }
    const n = units.length;
    const idfOf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (const [stem, df] of this.unitsWithStem) this.idfs.set(stem, idfOf(df));
    this.unseenIdf = idfOf(0);
    this.documentStems.forEach((stems, doc) => {
      for (const stem of stems) {
        const docs = this.stemDocuments.get(stem) ?? [];
        docs.push(doc);
        this.stemDocuments.set(stem, docs);
      }
    });
    this.heldWeights = new Float64Array(documents.length);
    this.heldStamps = new Uint32Array(documents.length);
    this.documentWeights = Float64Array.from(this.documentStems, (stems) => {
      let sum = 0;
      for (const stem of stems) sum += this.idf(stem);
      return sum;
    });
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
    this.vocabulary = new Set(vocabulary.keys());
    this.sortedVocabulary = [...vocabulary.keys()].sort();
    const index = lunrIndex ?? this.buildLunr();
    this.postings = new WordPostings(index, documents.length, { title: titleBoost, body: 1 });
    if (serializable) this.serialized = index.toJSON();
  }

  /**
   * Builds the index of `units` (all of one language) and their curated questions; `serializable`
   * keeps what {@link toJSON} needs.
   */
  static build(
    language: Language,
    units: readonly Passage[],
    alternates: (unit: Passage) => readonly string[],
    words: WordChecker,
    serializable = false,
  ): LanguageIndex {
    return new LanguageIndex(language, units, alternates, words, undefined, serializable);
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
    return this.idfs.get(stem) ?? this.unseenIdf;
  }

  /**
   * Whether the knowledge uses the word or a longer word that begins like it ("venezuela",
   * "venezuelan"): a name the knowledge mentions in another form is still known.
   */
  hasWordLike(word: string): boolean {
    if (this.vocabulary.has(word)) return true;
    const prefix = word.slice(0, Math.max(5, word.length - 2));
    if (prefix.length < 5) return false;
    return this.sortedVocabulary[firstWithPrefix(this.sortedVocabulary, prefix)]?.startsWith(prefix) ?? false;
  }

  /** Share of units (with their curated questions) that hold the stem. */
  unitShare(stem: string): number {
    return (this.unitsWithStem.get(stem) ?? 0) / (this.units.length || 1);
  }

  /** Whether any unit or curated question holds the stem. */
  knows(stem: string): boolean {
    return this.unitsWithStem.has(stem);
  }

  /**
   * For every document holding any of the stems (or only those `among`), the summed weight of
   * those it holds: in a small index one pass over the stems' documents instead of a look at
   * every document; in a large one, a look at the few documents asked about.
   */
  heldWeight(stems: readonly string[], weights: readonly number[], among?: readonly number[]): Map<number, number> {
    if (among) {
      const held = new Map<number, number>();
      for (const doc of among) {
        const docStems = this.documentStems[doc];
        if (!docStems) continue;
        let sum = 0;
        for (let i = 0; i < stems.length; i += 1) if (docStems.has(stems[i] as string)) sum += weights[i] ?? 0;
        if (sum > 0) held.set(doc, sum);
      }
      return held;
    }
    if (this.heldStamp === 0xffffffff) {
      this.heldStamps.fill(0);
      this.heldStamp = 0;
    }
    const stamp = (this.heldStamp += 1);
    const touched: number[] = [];
    stems.forEach((stem, i) => {
      for (const doc of this.stemDocuments.get(stem) ?? []) {
        if (this.heldStamps[doc] !== stamp) {
          this.heldStamps[doc] = stamp;
          this.heldWeights[doc] = 0;
          touched.push(doc);
        }
        this.heldWeights[doc] = (this.heldWeights[doc] ?? 0) + (weights[i] ?? 0);
      }
    });
    return new Map(touched.map((doc) => [doc, this.heldWeights[doc] ?? 0]));
  }

  /** lunr's BM25 score of each document holding any of the stems, by document number. */
  wordScores(stems: readonly string[]): Map<number, number> {
    return this.postings.score(stems.filter((s) => this.unitsWithStem.has(s)));
  }

  toJSON(): object {
    if (!this.serialized) throw new IndexError('Only an index built to be saved can be serialized.');
    return this.serialized;
  }
}

/** The search indexes of every language that has knowledge, tied to one version of the knowledge. */
export class SearchIndex {
  private constructor(
    readonly fingerprint: string,
    private readonly byLanguage: Map<Language, LanguageIndex>,
  ) {}

  /** Builds fresh indexes from the knowledge base; `serializable` when they are to be saved. */
  static build(kb: KnowledgeBase, words: WordChecker, options: { serializable?: boolean } = {}): SearchIndex {
    const map = new Map<Language, LanguageIndex>();
    for (const language of languages) {
      const units = kb.passages.filter((p) => p.language === language);
      if (units.length === 0) continue;
      map.set(language, LanguageIndex.build(language, units, alternatesOf(kb, language), words, options.serializable));
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
