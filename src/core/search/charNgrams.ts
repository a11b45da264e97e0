import { LRUCache } from 'lru-cache';
import { foldAccents } from '../text/normalize';

/** Options of a {@link CharNgramIndex}. */
export interface CharNgramOptions {
  /** Shortest and longest n-gram, in characters. Default 3 and 5. */
  min: number;
  max: number;
  /**
   * Largest number of documents kept in an inverted index, which scores a query against every
   * document. A larger index scores only the documents it is asked about, from vectors made on
   * demand, so its cost does not grow with the knowledge. Default 2000.
   */
  invertedUpTo: number;
  /**
   * Share of documents above which an n-gram is left out of the inverted index's scoring: found
   * nearly everywhere (" th", "the "), it weighs little and costs a score for most documents.
   * Default 1: every n-gram counts, as the answer model was trained.
   */
  commonShare: number;
}

export const defaultCharNgramOptions: CharNgramOptions = { min: 3, max: 5, invertedUpTo: 2000, commonShare: 1 };

/** A unit-length sparse vector over the index's n-grams, by n-gram number (ascending in a large index). */
export interface NgramVector {
  ids: Int32Array;
  weights: Float64Array;
}

/** Document vectors kept for a large index. */
const vectorCacheSize = 20_000;

/** Text as n-grams see it: lower case, no accents, letters and digits, words one space apart. */
function prepare(text: string): string {
  return ` ${foldAccents(text.toLowerCase())
    .replace(/[^a-z0-9@]+/g, ' ')
    .trim()} `;
}

/** The code of each character n-grams use, from 1: space, digits, @, letters. */
const alphabet = ' 0123456789@abcdefghijklmnopqrstuvwxyz';
const codes = new Uint8Array(128).fill(1);
[...alphabet].forEach((char, i) => (codes[char.charCodeAt(0)] = i + 1));
const base = alphabet.length + 1;

/**
 * Counts the character n-grams of a text, words padded with spaces so beginnings and ends count.
 * Each n-gram is a number (its characters as digits in base 39, none of them 0, so n-grams of
 * different lengths never share one): counting them makes no strings.
 */
export function ngramCounts(text: string, options: CharNgramOptions = defaultCharNgramOptions): Map<number, number> {
  const counts = new Map<number, number>();
  const grams = ngramList(prepare(text), options);
  for (let i = 0; i < grams.length; i += 1) {
    const gram = grams[i] as number;
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** Every n-gram of a prepared text, in order of position, in a buffer reused from call to call. */
let gramBuffer = new Int32Array(1024);
function ngramList(prepared: string, options: CharNgramOptions): Int32Array {
  const most = prepared.length * (options.max - options.min + 1);
  if (most > gramBuffer.length) gramBuffer = new Int32Array(most * 2);
  let found = 0;
  for (let i = 0; i < prepared.length; i += 1) {
    let gram = 0;
    let letters = 0;
    for (let n = 1; n <= options.max && i + n <= prepared.length; n += 1) {
      const code = codes[prepared.charCodeAt(i + n - 1)] ?? 1;
      gram = gram * base + code;
      if (code !== 1) letters += 1;
      if (n >= options.min && letters > 0) gramBuffer[found++] = gram;
    }
  }
  return gramBuffer.subarray(0, found);
}

/** Sorts the first `count` ids ascending, moving each weight with its id (insertion sort: a query's few). */
function sortTogether(ids: Int32Array, weights: Float64Array, count: number): void {
  for (let i = 1; i < count; i += 1) {
    const id = ids[i] as number;
    const weight = weights[i] as number;
    let j = i - 1;
    while (j >= 0 && (ids[j] as number) > id) {
      ids[j + 1] = ids[j] as number;
      weights[j + 1] = weights[j] as number;
      j -= 1;
    }
    ids[j + 1] = id;
    weights[j + 1] = weight;
  }
}

/**
 * TF-IDF over character 3–5-grams with cosine similarity: a question and a text that share word
 * pieces score high even when the words differ in form, spelling or language ("migrantes",
 * "migrants"; "enviromental"). Documents are numbered in the order they are given; n-grams are
 * numbered once, so vectors are typed arrays and compare by merging.
 */
export class CharNgramIndex {
  private readonly numbers = new Map<number, number>();
  private readonly idf: Float64Array;
  /** What an n-gram no document has weighs in a query: it makes the query less like every document. */
  private readonly unseenIdf: number;
  private readonly postings?: { docs: Int32Array; weights: Float64Array }[];
  private readonly vectors = new LRUCache<number, NgramVector>({ max: vectorCacheSize });
  private readonly scores: Float64Array;
  private readonly touched: number[] = [];

  constructor(
    private readonly texts: readonly string[],
    private readonly options: CharNgramOptions = defaultCharNgramOptions,
  ) {
    const n = texts.length;
    const df: number[] = [];
    for (const text of texts) {
      for (const gram of ngramCounts(text, options).keys()) {
        let id = this.numbers.get(gram);
        if (id === undefined) {
          id = this.numbers.size;
          this.numbers.set(gram, id);
        }
        df[id] = (df[id] ?? 0) + 1;
      }
    }
    this.idf = Float64Array.from(df, (count) => Math.log((1 + n) / (1 + count)) + 1);
    this.unseenIdf = Math.log(1 + n) + 1;
    this.scores = new Float64Array(n);
    if (n > options.invertedUpTo) return;
    const gathered: { docs: number[]; weights: number[] }[] = Array.from({ length: df.length }, () => ({
      docs: [],
      weights: [],
    }));
    texts.forEach((_, doc) => {
      const { ids, weights } = this.documentVector(doc);
      ids.forEach((id, k) => {
        gathered[id]?.docs.push(doc);
        gathered[id]?.weights.push(weights[k] as number);
      });
    });
    const common = options.commonShare * n;
    this.postings = gathered.map((g) =>
      g.docs.length > common
        ? { docs: new Int32Array(0), weights: new Float64Array(0) }
        : { docs: Int32Array.from(g.docs), weights: Float64Array.from(g.weights) },
    );
  }

  /** The unit-length TF-IDF vector of a text (sublinear term frequency); unseen n-grams count in its length. */
  vector(text: string): NgramVector {
    // Sorted, equal n-grams are neighbours: each run is one n-gram and its count.
    const grams = ngramList(prepare(text), this.options).sort();
    const ids = new Int32Array(grams.length);
    const weights = new Float64Array(grams.length);
    let known = 0;
    let norm = 0;
    for (let start = 0; start < grams.length;) {
      const gram = grams[start] as number;
      let end = start + 1;
      while (end < grams.length && grams[end] === gram) end += 1;
      const id = this.numbers.get(gram);
      const weight = (1 + Math.log(end - start)) * (id === undefined ? this.unseenIdf : (this.idf[id] as number));
      norm += weight * weight;
      if (id !== undefined) {
        ids[known] = id;
        weights[known] = weight;
        known += 1;
      }
      start = end;
    }
    // Only a large index merges vectors, which needs them in order of n-gram number.
    if (!this.postings) sortTogether(ids, weights, known);
    const length = Math.sqrt(norm) || 1;
    for (let k = 0; k < known; k += 1) weights[k] = (weights[k] as number) / length;
    return { ids: ids.slice(0, known), weights: weights.slice(0, known) };
  }

  /**
   * Cosine similarity of the query to documents, by document number: to every document it shares
   * an n-gram with, or, when `among` is given (and always in a large index), to those documents.
   */
  similarities(query: NgramVector, among?: Iterable<number>): Map<number, number> {
    const result = new Map<number, number>();
    if (among || !this.postings) {
      const { ids: queryIds, weights: queryWeights } = query;
      for (const doc of among ?? []) {
        // The dot product, walking the two sorted n-gram lists together; written inline, since a
        // score returned from a function is a heap number, one per document compared.
        const { ids, weights } = this.documentVector(doc);
        let i = 0;
        let j = 0;
        let score = 0;
        while (i < queryIds.length && j < ids.length) {
          const x = queryIds[i] as number;
          const y = ids[j] as number;
          if (x === y) score += (queryWeights[i++] as number) * (weights[j++] as number);
          else if (x < y) i += 1;
          else j += 1;
        }
        if (score > 0) result.set(doc, score);
      }
      return result;
    }
    const { scores, touched } = this;
    query.ids.forEach((id, k) => {
      const list = this.postings?.[id];
      if (!list) return;
      const weight = query.weights[k] as number;
      for (let i = 0; i < list.docs.length; i += 1) {
        const doc = list.docs[i] as number;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] = (scores[doc] ?? 0) + weight * (list.weights[i] as number);
      }
    });
    for (const doc of touched) {
      result.set(doc, scores[doc] as number);
      scores[doc] = 0;
    }
    touched.length = 0;
    return result;
  }

  /** Whether every document is scored by {@link similarities} without being named. */
  get scoresAll(): boolean {
    return this.postings !== undefined;
  }

  private documentVector(doc: number): NgramVector {
    let vector = this.vectors.get(doc);
    if (!vector) {
      vector = this.vector(this.texts[doc] ?? '');
      // A small index keeps its vectors in its postings; only a large one needs them again.
      if (!this.postings) this.vectors.set(doc, vector);
    }
    return vector;
  }
}
