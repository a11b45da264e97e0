import { foldAccents } from '../text/normalize';

/** Options of a {@link CharNgramIndex}. */
export interface CharNgramOptions {
  /** Shortest and longest n-gram, in characters. Default 3 and 5. */
  min: number;
  max: number;
  /**
   * In an index of more than `pruneAbove` documents, n-grams found in more than `maxShare` of them
   * are left out of queries: they weigh almost nothing and would cost a score for most documents.
   */
  maxShare: number;
  pruneAbove: number;
}

export const defaultCharNgramOptions: CharNgramOptions = { min: 3, max: 5, maxShare: 0.05, pruneAbove: 2000 };

/** A sparse vector: n-gram → weight. */
export type NgramVector = Map<string, number>;

/** Text as n-grams see it: lower case, no accents, letters and digits, words one space apart. */
function prepare(text: string): string {
  return ` ${foldAccents(text.toLowerCase())
    .replace(/[^a-z0-9@]+/g, ' ')
    .trim()} `;
}

/** Counts the character n-grams of a text, words padded with spaces so beginnings and ends count. */
export function ngramCounts(text: string, options: CharNgramOptions = defaultCharNgramOptions): Map<string, number> {
  const prepared = prepare(text);
  const counts = new Map<string, number>();
  for (let n = options.min; n <= options.max; n += 1) {
    for (let i = 0; i + n <= prepared.length; i += 1) {
      const gram = prepared.slice(i, i + n);
      if (gram.trim().length === 0) continue;
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * TF-IDF over character 3–5-grams with cosine similarity: a question and a text that share word
 * pieces score high even when the words differ in form, spelling or language ("migrantes",
 * "migrants"; "enviromental"). Documents are numbered in the order they are added.
 */
export class CharNgramIndex {
  private readonly postings = new Map<string, { docs: number[]; weights: number[] }>();
  private readonly idf = new Map<string, number>();
  private documentCount = 0;
  /** What an n-gram no document has weighs in a query: it makes the query less like every document. */
  private unseenIdf = 1;
  private scores = new Float64Array(0);
  private touched: number[] = [];

  constructor(
    texts: readonly string[],
    private readonly options: CharNgramOptions = defaultCharNgramOptions,
  ) {
    const counted = texts.map((text) => ngramCounts(text, options));
    this.documentCount = texts.length;
    const df = new Map<string, number>();
    for (const counts of counted) for (const gram of counts.keys()) df.set(gram, (df.get(gram) ?? 0) + 1);
    for (const [gram, n] of df) this.idf.set(gram, Math.log((1 + this.documentCount) / (1 + n)) + 1);
    this.unseenIdf = Math.log(1 + this.documentCount) + 1;
    counted.forEach((counts, doc) => {
      const vector = this.weigh(counts);
      for (const [gram, weight] of vector) {
        const list = this.postings.get(gram) ?? { docs: [], weights: [] };
        list.docs.push(doc);
        list.weights.push(weight);
        this.postings.set(gram, list);
      }
    });
    this.scores = new Float64Array(this.documentCount);
  }

  /** The unit-length TF-IDF vector of a text (sublinear term frequency). */
  vector(text: string): NgramVector {
    return this.weigh(ngramCounts(text, this.options));
  }

  private weigh(counts: Map<string, number>): NgramVector {
    const vector: NgramVector = new Map();
    let norm = 0;
    for (const [gram, count] of counts) {
      const idf = this.idf.get(gram) ?? this.unseenIdf;
      const weight = (1 + Math.log(count)) * idf;
      vector.set(gram, weight);
      norm += weight * weight;
    }
    const length = Math.sqrt(norm) || 1;
    for (const [gram, weight] of vector) vector.set(gram, weight / length);
    return vector;
  }

  /**
   * Cosine similarity of the query to every document it shares an n-gram with, as a map from
   * document number to similarity.
   */
  similarities(query: NgramVector): Map<number, number> {
    const prune = this.documentCount > this.options.pruneAbove;
    const limit = this.options.maxShare * this.documentCount;
    const { scores, touched } = this;
    for (const [gram, weight] of query) {
      const list = this.postings.get(gram);
      if (!list || (prune && list.docs.length > limit)) continue;
      for (let i = 0; i < list.docs.length; i += 1) {
        const doc = list.docs[i] as number;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] = (scores[doc] ?? 0) + weight * (list.weights[i] as number);
      }
    }
    const result = new Map<number, number>();
    for (const doc of touched) {
      result.set(doc, scores[doc] as number);
      scores[doc] = 0;
    }
    touched.length = 0;
    return result;
  }
}
