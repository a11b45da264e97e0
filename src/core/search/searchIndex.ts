import { IndexError } from '../errors';
import type { KnowledgeBase, Passage } from '../knowledge/knowledgeTypes';
import { BoundedMemo } from '../boundedMemo';
import { editDistance } from '../text/editDistance';
import { type Language, languages } from '../text/normalize';
import { configureBuilder, lunr, prepareText } from './lunrLanguages';

/** How much a match in each field counts. Curated questions say most about what a passage answers. */
export const fieldBoosts = { questions: 3, heading: 1.5, body: 1 } as const;

/** The artifact written at build time and loaded at start. */
export interface SerializedSearchIndex {
  format: 'usaid-peru-bot/search-index';
  fingerprint: string;
  builtAt: string;
  indexes: Partial<Record<Language, object>>;
}

/** A passage found for a query, best first. */
export interface SearchHit {
  passage: Passage;
  score: number;
}

/** A term to look for, with the words that count as the same thing. */
export interface SearchTerm {
  alternatives: string[];
  /** Relative weight of the term in the query (framing words weigh little). */
  weight: number;
}

type InvertedIndex = Record<string, Record<string, Record<string, unknown>> & { _index: number }>;

/** Parts of a loaded lunr index that its type declarations leave out. */
interface LunrIndexInternals {
  invertedIndex: InvertedIndex;
  pipeline: lunr.Pipeline;
  tokenSet: lunr.TokenSet;
  /** "field/docRef" → sparse vector [termIndex, weight, termIndex, weight, …]. */
  fieldVectors: Record<string, { elements: number[] }>;
}

/** Where a term occurs: lunr documents (by number) and the term's BM25 weight in each field. */
interface TermPostings {
  docs: Int32Array;
  weights: Float64Array;
}

/** Share of passages above which a word is too common to query (it still counts for coverage). */
const commonTermShare = 0.3;
/** Postings read for a common word that had to be queried because nothing rarer was asked. */
const commonTermPostings = 1000;

/** Most fuzzy expansions remembered per language; queries repeat words a lot. */
const expansionCacheSize = 5000;

/** What the index knows of a word: its stem (none for a stop word) and the terms it matches. */
interface WordLookup {
  stem: string | undefined;
  terms: string[];
}

/** The lunr index of one language, plus the statistics the answer rules need. */
export class LanguageIndex {
  private readonly internals: LunrIndexInternals;
  private readonly inverted: InvertedIndex;
  /** Index terms grouped by length, for near-spelling lookups. */
  private readonly termsByLength = new Map<number, string[]>();
  /** A word's stem and matching terms; the index is read-only, so entries never go stale. */
  private readonly words = new BoundedMemo((word: string) => this.lookUpWord(word), expansionCacheSize);
  private readonly postingsCache = new BoundedMemo((term: string) => this.passagesWith(term), expansionCacheSize);
  /** Answers re-read the same sentences; stemming them again is most of what a query allocates. */
  private readonly sentenceStems = new BoundedMemo(
    (sentence: string): ReadonlySet<string> => new Set(this.stems(sentence)),
    expansionCacheSize,
  );
  /** Per term, the documents and weights lunr computed at build time; scored without lunr's query. */
  private readonly termPostings = new Map<string, TermPostings>();
  /** For each lunr document (by number), the number of its passage. */
  private docPassage = new Int32Array(0);
  /** For each lunr document, 1 when it is a passage's own text (not one of its curated questions). */
  private docIsText = new Uint8Array(0);
  private readonly passageIds: string[] = [];
  private scores = new Float64Array(0);
  private passageScores = new Float64Array(0);
  private passageTextScores = new Float64Array(0);
  /**
   * Documents and passages a query touched, in buffers every query reuses so that it allocates
   * nothing in proportion to the index; a stamp per query tells which entries this query set.
   */
  private touchedDocs = new Int32Array(0);
  private touchedPassages = new Int32Array(0);
  private docStamps = new Uint32Array(0);
  private passageStamps = new Uint32Array(0);
  private stamp = 0;
  readonly documentCount: number;

  constructor(
    readonly language: Language,
    private readonly index: lunr.Index,
    private readonly passages: Map<string, Passage>,
  ) {
    this.internals = index as unknown as LunrIndexInternals;
    this.inverted = this.internals.invertedIndex;
    for (const term of Object.keys(this.inverted)) {
      const bucket = this.termsByLength.get(term.length) ?? [];
      bucket.push(term);
      this.termsByLength.set(term.length, bucket);
    }
    this.buildTermPostings();
    this.documentCount = passages.size;
  }

  /**
   * Gathers, for every term, the BM25 weights lunr stored in its field vectors. A query then sums
   * boost × weight over a few arrays: the ranking of lunr's own query (whose score only divides
   * that sum by a per-query constant) without its per-document match bookkeeping.
   */
  private buildTermPostings(): void {
    const termByIndex: string[] = [];
    for (const [term, entry] of Object.entries(this.inverted)) termByIndex[entry._index] = term;
    const docNumber = new Map<string, number>();
    const passageNumber = new Map<string, number>();
    const docPassage: number[] = [];
    const docIsText: number[] = [];
    const gathered = new Map<string, { docs: number[]; weights: number[] }>();
    for (const [fieldRef, vector] of Object.entries(this.internals.fieldVectors)) {
      const ref = fieldRef.slice(fieldRef.indexOf('/') + 1);
      let doc = docNumber.get(ref);
      if (doc === undefined) {
        doc = docPassage.length;
        docNumber.set(ref, doc);
        const passageId = passageIdOf(ref);
        let passage = passageNumber.get(passageId);
        if (passage === undefined) {
          passage = this.passageIds.length;
          passageNumber.set(passageId, passage);
          this.passageIds.push(passageId);
        }
        docPassage.push(passage);
        docIsText.push(ref === passageId ? 1 : 0);
      }
      const { elements } = vector;
      for (let i = 0; i < elements.length; i += 2) {
        const term = termByIndex[elements[i] ?? -1];
        if (term === undefined) continue;
        const postings = gathered.get(term) ?? { docs: [], weights: [] };
        postings.docs.push(doc);
        postings.weights.push(elements[i + 1] ?? 0);
        gathered.set(term, postings);
      }
    }
    for (const [term, postings] of gathered) {
      this.termPostings.set(term, {
        docs: Int32Array.from(postings.docs),
        weights: Float64Array.from(postings.weights),
      });
    }
    this.docPassage = Int32Array.from(docPassage);
    this.docIsText = Uint8Array.from(docIsText);
    this.scores = new Float64Array(docPassage.length);
    this.passageScores = new Float64Array(this.passageIds.length);
    this.passageTextScores = new Float64Array(this.passageIds.length);
    this.touchedDocs = new Int32Array(docPassage.length);
    this.touchedPassages = new Int32Array(this.passageIds.length);
    this.docStamps = new Uint32Array(docPassage.length);
    this.passageStamps = new Uint32Array(this.passageIds.length);
  }

  /** Stems a word the way the index stored it. Returns nothing for a stop word. */
  stem(word: string): string | undefined {
    return this.words.get(word).stem;
  }

  /** Every stem the index may hold for a word (Spanish keeps an accented and an unaccented one). */
  private stemVariants(word: string): string[] {
    return this.internals.pipeline.runString(prepareText(word, this.language));
  }

  /** Stems every word of a text. */
  stems(text: string): string[] {
    return this.internals.pipeline.run(lunr.tokenizer(prepareText(text, this.language))).map(String);
  }

  /** The stems of a sentence of the knowledge, remembered. */
  stemSet(sentence: string): ReadonlySet<string> {
    return this.sentenceStems.get(sentence);
  }

  /**
   * Index terms that a word matches: its stem, and for longer alphabetic words the stems within a
   * small edit distance, so "enviromental" still finds "environmental". Numbers match exactly.
   */
  expand(word: string): string[] {
    return this.words.get(word).terms;
  }

  /** A word's stem and the index terms it matches (remembered in {@link words}). */
  private lookUpWord(word: string): WordLookup {
    const variants = this.stemVariants(word);
    const stem = variants[0];
    const found = new Set<string>(variants.filter((v) => this.inverted[v]));
    if (stem && found.size === 0 && /^[a-z\u00e0-\u00ff]{5,}$/.test(stem)) {
      // Two edits only for long words: "president" must not reach "present".
      const distance = stem.length >= 10 ? 2 : 1;
      for (let length = stem.length - distance; length <= stem.length + distance; length += 1) {
        for (const term of this.termsByLength.get(length) ?? []) {
          if (editDistance(stem, term, distance) <= distance) found.add(term);
        }
      }
    }
    return { stem, terms: stem ? [...found] : [] };
  }

  /** Ids of the passages containing an index term, in any field. */
  postings(indexTerm: string): ReadonlySet<string> {
    return this.postingsCache.get(indexTerm);
  }

  private passagesWith(indexTerm: string): ReadonlySet<string> {
    const entry = this.inverted[indexTerm];
    const refs = new Set<string>();
    if (entry) {
      for (const [field, docs] of Object.entries(entry)) {
        if (field !== '_index') for (const ref of Object.keys(docs)) refs.add(passageIdOf(ref));
      }
    }
    return refs;
  }

  /** Inverse document frequency of an index term; an unknown term gets the highest value. */
  idf(indexTerm: string | undefined): number {
    const df = indexTerm ? this.postings(indexTerm).size : 0;
    const n = this.documentCount;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Passages ranked for the given terms. */
  search(terms: readonly SearchTerm[], limit = 5): SearchHit[] {
    if (terms.length === 0) return [];
    const weighted = terms.flatMap((term) =>
      term.alternatives.flatMap((alternative, i) => {
        const exact = this.stem(alternative);
        return this.expand(alternative).map((indexTerm) => ({
          indexTerm,
          boost: term.weight * (i === 0 ? 1 : 0.6) * (indexTerm === exact ? 2 : 1),
          share: this.postings(indexTerm).size / Math.max(1, this.documentCount),
        }));
      }),
    );
    // In a large index, a word in most passages ranks little but costs a score for every one of
    // them: leave such words out of the query (they still count in the decline rule), keeping at
    // least the rarest word. Where reading all its documents is cheap, it still ranks.
    const rarest = Math.min(...weighted.map((w) => w.share));
    const queried = weighted.filter(
      (w) =>
        w.share <= commonTermShare ||
        w.share === rarest ||
        (this.termPostings.get(w.indexTerm)?.docs.length ?? 0) <= commonTermPostings,
    );
    const { scores, touchedDocs, passageScores, passageTextScores, touchedPassages, docStamps, passageStamps } = this;
    const stamp = this.nextStamp();
    let touched = 0;
    for (const { indexTerm, boost, share } of queried) {
      const postings = this.termPostings.get(indexTerm);
      if (!postings) continue;
      // A word in most passages is read only for its strongest documents.
      const read = share > commonTermShare ? Math.min(postings.docs.length, commonTermPostings) : postings.docs.length;
      for (let i = 0; i < read; i += 1) {
        const doc = postings.docs[i] ?? 0;
        if (docStamps[doc] !== stamp) {
          docStamps[doc] = stamp;
          touchedDocs[touched++] = doc;
        }
        scores[doc] = (scores[doc] ?? 0) + boost * (postings.weights[i] ?? 0);
      }
    }
    // A passage scores as its best document (its text, or one of its curated questions), plus a
    // little of its text's own score: of two passages a curated question finds equally, the one
    // whose text holds the words comes first.
    let touchedPassageCount = 0;
    for (let t = 0; t < touched; t += 1) {
      const doc = touchedDocs[t] ?? 0;
      const passage = this.docPassage[doc] ?? 0;
      const score = scores[doc] ?? 0;
      if (passageStamps[passage] !== stamp) {
        passageStamps[passage] = stamp;
        touchedPassages[touchedPassageCount++] = passage;
      }
      if (score > (passageScores[passage] ?? 0)) passageScores[passage] = score;
      if (this.docIsText[doc] === 1) passageTextScores[passage] = score;
      scores[doc] = 0;
    }
    // The best few, by one pass: no sort of every candidate.
    const top: { passage: number; score: number }[] = [];
    for (let t = 0; t < touchedPassageCount; t += 1) {
      const passage = touchedPassages[t] ?? 0;
      const score = (passageScores[passage] ?? 0) + textShare * (passageTextScores[passage] ?? 0);
      passageScores[passage] = 0;
      passageTextScores[passage] = 0;
      if (top.length === limit && score <= (top[limit - 1]?.score ?? 0)) continue;
      const at = top.findIndex((entry) => score > entry.score);
      top.splice(at === -1 ? top.length : at, 0, { passage, score });
      if (top.length > limit) top.pop();
    }
    return top.flatMap(({ passage, score }) => {
      const found = this.passages.get(this.passageIds[passage] ?? '');
      return found ? [{ passage: found, score }] : [];
    });
  }

  private nextStamp(): number {
    if (this.stamp === 0xffffffff) {
      this.docStamps.fill(0);
      this.passageStamps.fill(0);
      this.stamp = 0;
    }
    this.stamp += 1;
    return this.stamp;
  }

  toJSON(): object {
    return this.index.toJSON();
  }
}

/** How much of a passage's own text score is added to its best document's score. */
const textShare = 0.1;

/** Separates a passage id from the number of one of its curated questions in a lunr ref. */
const questionRefSeparator = '?';

/** The passage a lunr document belongs to: its own body, or one of its curated questions. */
function passageIdOf(ref: string): string {
  const at = ref.indexOf(questionRefSeparator);
  return at === -1 ? ref : ref.slice(0, at);
}

/**
 * Builds the lunr index of one language. Each passage is one document, and each of its curated
 * questions is another, so a passage with many alternate questions is not diluted by their length.
 */
function buildLanguageIndex(kb: KnowledgeBase, language: Language): lunr.Index {
  const titles = new Map(kb.documents.map((d) => [`${d.id}/${d.language}`, d.title]));
  return lunr(function configure() {
    configureBuilder(this, language);
    this.ref('id');
    this.field('heading', { boost: fieldBoosts.heading });
    this.field('body', { boost: fieldBoosts.body });
    this.field('questions', { boost: fieldBoosts.questions });
    for (const passage of kb.passages.filter((p) => p.language === language)) {
      const title = titles.get(`${passage.documentId}/${language}`) ?? '';
      this.add({
        id: passage.id,
        heading: prepareText([title, ...passage.headings.slice(1)].join(' '), language),
        body: prepareText(passage.text, language),
      });
      (kb.alternateQuestions.get(passage.id)?.[language] ?? []).forEach((question, i) => {
        this.add({ id: `${passage.id}${questionRefSeparator}${i + 1}`, questions: prepareText(question, language) });
      });
    }
  });
}

/** The search indexes of every language that has knowledge, tied to one version of the knowledge. */
export class SearchIndex {
  private constructor(
    readonly fingerprint: string,
    private readonly byLanguage: Map<Language, LanguageIndex>,
  ) {}

  /** Builds fresh indexes from the knowledge base. */
  static build(kb: KnowledgeBase): SearchIndex {
    const map = new Map<Language, LanguageIndex>();
    for (const language of languages) {
      if (kb.passages.some((p) => p.language === language)) {
        map.set(language, new LanguageIndex(language, buildLanguageIndex(kb, language), passagesById(kb, language)));
      }
    }
    return new SearchIndex(kb.fingerprint, map);
  }

  /**
   * Loads a serialized index. Throws {@link IndexError} when it is unreadable or was built from
   * other knowledge than `kb` (a stale index is never served).
   */
  static load(serialized: unknown, kb: KnowledgeBase): SearchIndex {
    const artifact = serialized as Partial<SerializedSearchIndex> | null;
    if (!artifact || artifact.format !== 'usaid-peru-bot/search-index' || typeof artifact.indexes !== 'object') {
      throw new IndexError('The search index file is not a search index of this bot.');
    }
    if (artifact.fingerprint !== kb.fingerprint) {
      throw new IndexError('The search index was built from other knowledge files than those in the knowledge folder.');
    }
    const map = new Map<Language, LanguageIndex>();
    for (const [language, json] of Object.entries(artifact.indexes ?? {})) {
      try {
        const lang = language as Language;
        map.set(lang, new LanguageIndex(lang, lunr.Index.load(json), passagesById(kb, lang)));
      } catch (error) {
        throw new IndexError(`The ${language} search index cannot be loaded.`, { cause: error });
      }
    }
    return new SearchIndex(kb.fingerprint, map);
  }

  /** The index for a language, falling back to English when that language has no knowledge. */
  forLanguage(language: Language): LanguageIndex {
    const index = this.byLanguage.get(language) ?? this.byLanguage.get('en') ?? [...this.byLanguage.values()][0];
    if (!index) throw new IndexError('The search index holds no language.');
    return index;
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

/** The passages of one language by id (translations share ids, so each language has its own map). */
function passagesById(kb: KnowledgeBase, language: Language): Map<string, Passage> {
  return new Map(kb.passages.filter((p) => p.language === language).map((p) => [p.id, p]));
}
