import type lunr from 'lunr';

/** Parts of a lunr index that its type declarations leave out. */
interface LunrInternals {
  invertedIndex: Record<string, { _index: number }>;
  /** "field/docRef" → sparse vector [termIndex, weight, termIndex, weight, …]. */
  fieldVectors: Record<string, { elements: number[] }>;
}

/** Where a term occurs: documents, best first, and lunr's BM25 weight of the term in each. */
interface Postings {
  docs: Int32Array;
  weights: Float64Array;
}

/** In an index larger than this, a term's postings are read only so far, best first. */
const largeIndex = 2000;
const readAtMost = 1000;
/** Documents a query in a large index returns, best first: four times the candidate units and more. */
export const keptInLargeIndex = 100;
/** Share of documents above which a term is too common to rank by (it still counts for coverage). */
const commonShare = 0.3;

/**
 * The BM25 weights lunr computed at build time, gathered per term so a query sums a few typed
 * arrays instead of running lunr's query machinery (which builds match data for every document a
 * common word touches). The ranking is lunr's own: lunr's score only divides this sum by a
 * constant of the query. Documents are lunr refs read as numbers.
 */
export class WordPostings {
  private readonly postings = new Map<string, Postings>();
  private readonly scores: Float64Array;
  private readonly stamps: Uint32Array;
  private readonly touched: Int32Array;
  private readonly selection: Float64Array;
  private stamp = 0;

  constructor(
    index: lunr.Index,
    readonly documentCount: number,
    /** Weight of each field's match, as the index was built with. */
    boosts: Readonly<Record<string, number>>,
  ) {
    const internals = index as unknown as LunrInternals;
    const termOf: string[] = [];
    for (const [term, entry] of Object.entries(internals.invertedIndex)) termOf[entry._index] = term;
    const gathered = new Map<string, Map<number, number>>();
    for (const [fieldRef, vector] of Object.entries(internals.fieldVectors)) {
      const slash = fieldRef.indexOf('/');
      const boost = boosts[fieldRef.slice(0, slash)] ?? 1;
      const doc = Number(fieldRef.slice(slash + 1));
      const { elements } = vector;
      for (let i = 0; i < elements.length; i += 2) {
        const term = termOf[elements[i] ?? -1];
        if (term === undefined) continue;
        const byDoc = gathered.get(term) ?? new Map<number, number>();
        byDoc.set(doc, (byDoc.get(doc) ?? 0) + boost * (elements[i + 1] ?? 0));
        gathered.set(term, byDoc);
      }
    }
    for (const [term, byDoc] of gathered) {
      const sorted = [...byDoc].sort((a, b) => b[1] - a[1]);
      this.postings.set(term, {
        docs: Int32Array.from(sorted.map(([doc]) => doc)),
        weights: Float64Array.from(sorted.map(([, weight]) => weight)),
      });
    }
    this.scores = new Float64Array(documentCount);
    this.stamps = new Uint32Array(documentCount);
    this.touched = new Int32Array(documentCount);
    this.selection = new Float64Array(documentCount);
  }

  /**
   * The score of every document holding any of the stems. In a large index a term in most
   * documents is left out (unless nothing rarer was asked) and each term is read for its best
   * documents only, so a query costs the same whatever the size of the knowledge.
   */
  score(stems: readonly string[]): Map<number, number> {
    const result = new Map<number, number>();
    const found = [...new Set(stems)].flatMap((stem) => {
      const postings = this.postings.get(stem);
      return postings ? [postings] : [];
    });
    if (found.length === 0) return result;
    const large = this.documentCount > largeIndex;
    const rarest = Math.min(...found.map((p) => p.docs.length));
    const stamp = this.nextStamp();
    let touched = 0;
    for (const { docs, weights } of found) {
      if (large && docs.length > commonShare * this.documentCount && docs.length !== rarest) continue;
      const read = large ? Math.min(docs.length, readAtMost) : docs.length;
      for (let i = 0; i < read; i += 1) {
        const doc = docs[i] as number;
        if (this.stamps[doc] !== stamp) {
          this.stamps[doc] = stamp;
          this.scores[doc] = 0;
          this.touched[touched++] = doc;
        }
        this.scores[doc] = (this.scores[doc] ?? 0) + (weights[i] as number);
      }
    }
    if (!large || touched <= keptInLargeIndex) {
      for (let t = 0; t < touched; t += 1) {
        const doc = this.touched[t] as number;
        result.set(doc, this.scores[doc] as number);
      }
      return result;
    }
    // A large index hands on only its best documents: what follows looks at candidates, not at all.
    const threshold = this.kthLargest(touched, keptInLargeIndex);
    for (let t = 0; t < touched && result.size < keptInLargeIndex; t += 1) {
      const doc = this.touched[t] as number;
      if ((this.scores[doc] as number) >= threshold) result.set(doc, this.scores[doc] as number);
    }
    return result;
  }

  /** The k-th largest score of the touched documents, by selection in a reused buffer (no sort). */
  private kthLargest(touched: number, k: number): number {
    const values = this.selection;
    for (let t = 0; t < touched; t += 1) values[t] = this.scores[this.touched[t] as number] as number;
    let low = 0;
    let high = touched - 1;
    const target = k - 1;
    while (low < high) {
      const pivot = values[(low + high) >>> 1] as number;
      let i = low;
      let j = high;
      while (i <= j) {
        while ((values[i] as number) > pivot) i += 1;
        while ((values[j] as number) < pivot) j -= 1;
        if (i <= j) {
          const swap = values[i] as number;
          values[i] = values[j] as number;
          values[j] = swap;
          i += 1;
          j -= 1;
        }
      }
      if (target <= j) high = j;
      else if (target >= i) low = i;
      else break;
    }
    return values[target] as number;
  }

  private nextStamp(): number {
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 0;
    }
    this.stamp += 1;
    return this.stamp;
  }
}
