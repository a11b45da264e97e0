import { CharNgramIndex, ngramCounts } from '../../../src/core/search/charNgrams';

const texts = [
  'Peru strengthens socio-economic integration of Venezuelan migrants and refugees',
  'Peru increases climate resilience',
  'the devastating impact of environmental crimes on conservation',
];

function best(index: CharNgramIndex, query: string): number | undefined {
  return [...index.similarities(index.vector(query))].sort((a, b) => b[1] - a[1])[0]?.[0];
}

describe('CharNgramIndex', () => {
  const index = new CharNgramIndex(texts);

  it('counts 3- to 5-grams of words padded with spaces, ignoring accents and case', () => {
    const counts = ngramCounts('Perú');
    // " pe", "per", "eru", "ru ", " per", "peru", "eru ", " peru", "peru ": nine, each once.
    expect(counts.size).toBe(9);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(ngramCounts('PERU')).toEqual(counts);
    const twice = ngramCounts('peru peru');
    expect([...counts.keys()].map((gram) => twice.get(gram))).toEqual(new Array(9).fill(2));
  });

  it('matches word pieces across forms, spellings and languages', () => {
    expect(best(index, 'migrantes venezolanos')).toBe(0);
    expect(best(index, 'enviromental crime')).toBe(2);
    expect(best(index, 'resiliencia climática')).toBe(1);
  });

  it('scores a text against itself as 1 and against an unrelated one as nothing', () => {
    expect(index.similarities(index.vector(texts[1] as string)).get(1)).toBeCloseTo(1, 5);
    expect(index.similarities(index.vector('zzzz qqqq')).size).toBe(0);
  });

  it('scores, in a large index, only the documents it is asked about, as the full index would', () => {
    const many = Array.from({ length: 50 }, (_, i) => `peru document ${i} about item${i}x`);
    const large = new CharNgramIndex(many, { min: 3, max: 5, invertedUpTo: 10, commonShare: 1 });
    const small = new CharNgramIndex(many, { min: 3, max: 5, invertedUpTo: 1000, commonShare: 1 });
    expect(large.scoresAll).toBe(false);
    expect(large.similarities(large.vector('peru document')).size).toBe(0);
    const among = large.similarities(large.vector('item7x'), [6, 7, 8]);
    expect([...among.keys()].sort()).toEqual([6, 7, 8]);
    expect(among.get(7)).toBeCloseTo(small.similarities(small.vector('item7x')).get(7) ?? 0, 10);
    expect(best(small, 'item7x')).toBe(7);
  });
});
