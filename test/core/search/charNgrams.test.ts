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

  it('counts 3- to 5-grams of words padded with spaces, without accents or case', () => {
    const counts = ngramCounts('Perú');
    expect([...counts.keys()]).toEqual(expect.arrayContaining([' pe', 'per', 'eru', 'ru ', ' peru', 'peru ']));
    expect(counts.has('ú')).toBe(false);
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

  it('leaves out of queries, in a large index, the n-grams most documents share', () => {
    const many = Array.from({ length: 50 }, (_, i) => `peru document ${i} about item${i}x`);
    const pruned = new CharNgramIndex(many, { min: 3, max: 5, maxShare: 0.05, pruneAbove: 10 });
    const full = new CharNgramIndex(many, { min: 3, max: 5, maxShare: 0.05, pruneAbove: 1000 });
    expect(pruned.similarities(pruned.vector('peru document')).size).toBe(0);
    expect(full.similarities(full.vector('peru document')).size).toBe(50);
    expect(best(pruned, 'item7x')).toBe(7);
  });
});
