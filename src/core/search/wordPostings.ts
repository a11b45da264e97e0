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
    for (let t = 0; t < touched; t += 1) {
      const doc = this.touched[t] as number;
      result.set(doc, this.scores[doc] as number);
    }
    return result;
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
