import lunr from 'lunr';
import { keptInLargeIndex, WordPostings } from '../../../src/core/search/wordPostings';

function build(texts: string[]): { index: lunr.Index; postings: WordPostings } {
  const index = lunr(function () {
    this.ref('id');
    this.field('text');
    texts.forEach((text, id) => this.add({ id: String(id), text }));
  });
  return { index, postings: new WordPostings(index, texts.length, { text: 1 }) };
}

describe('WordPostings', () => {
  it('ranks a small index as lunr does', () => {
    const { index, postings } = build(['water and sanitation', 'water water water', 'cocaine producer']);
    const scores = postings.score(['water']);
    const lunrOrder = index.search('water').map((r) => Number(r.ref));
    const ours = [...scores].sort((a, b) => b[1] - a[1]).map(([doc]) => doc);
    expect(ours).toEqual(lunrOrder);
    expect(scores.has(2)).toBe(false);
  });

  it('hands on, from a large index, only its best documents, and every one of those', () => {
    // 2,500 documents; 400 say "plain" once and "rare" one to seven times. "plain" is read first
    // and weighs most in the shortest documents: the order documents are met in is not the best.
    const texts = Array.from({ length: 2500 }, (_, i) =>
      i < 400 ? `plain ${'rare '.repeat(1 + (i % 7))}${'filler '.repeat(i % 13)}words${i}` : `filler${i} other${i}`,
    );
    const { index, postings } = build(texts);
    const scores = postings.score(['plain', 'rare']);
    expect(scores.size).toBe(keptInLargeIndex);
    // lunr's score is this sum divided by a constant of the query: its order is the truth.
    const lunrScore = new Map(index.search('plain rare').map((r) => [Number(r.ref), r.score]));
    expect(lunrScore.size).toBe(400);
    const lowestKept = Math.min(...[...scores.keys()].map((doc) => lunrScore.get(doc) as number));
    const better = [...lunrScore].filter(([, score]) => score > lowestKept + 1e-9);
    expect(better.length).toBeGreaterThan(keptInLargeIndex / 2);
    for (const [doc] of better) expect(scores.has(doc)).toBe(true);
  });
});
