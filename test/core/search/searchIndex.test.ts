import { join } from 'node:path';
import { IndexError } from '../../../src/core/errors';
import { loadKnowledge } from '../../../src/core/knowledge/knowledgeLoader';
import { SearchIndex } from '../../../src/core/search/searchIndex';

const kb = loadKnowledge(join(__dirname, '..', '..', 'fixtures', 'knowledge-mini'));
const terms = (...words: string[]) => words.map((w) => ({ alternatives: [w], weight: 1 }));

describe('SearchIndex', () => {
  const index = SearchIndex.build(kb);

  it('finds the passage that holds the words', () => {
    const hits = index.forLanguage('en').search(terms('wetlands', 'restored'));
    expect(hits[0]?.passage.id).toBe('river-program#priorities-1');
  });

  it('puts first, of two passages a curated question finds equally, the one whose text holds the words', () => {
    const asked = { en: ['Where are the fish?'], es: [] };
    const alternateQuestions = new Map(kb.alternateQuestions);
    alternateQuestions.set('river-program#overview-1', asked);
    alternateQuestions.set('river-program#results-1', asked);
    const hits = SearchIndex.build({ ...kb, alternateQuestions })
      .forLanguage('en')
      .search(terms('fish'));
    expect(hits.map((h) => h.passage.id).slice(0, 2)).toEqual(['river-program#results-1', 'river-program#overview-1']);
  });

  it('ranks with every word in a small index, even words most passages share', () => {
    // "program", "water" and "boards" are each in half of the passages; only the overview holds
    // all three in one short paragraph, and lunr's own ranking puts it first.
    const hits = index.forLanguage('en').search(terms('program', 'water', 'boards'));
    expect(hits[0]?.passage.id).toBe('river-program#overview-1');
  });

  it('survives a round trip through JSON text with identical results', () => {
    const loaded = SearchIndex.load(JSON.parse(JSON.stringify(index.toJSON())), kb);
    const query = terms('water', 'boards', 'budgets');
    const before = index.forLanguage('en').search(query);
    const after = loaded.forLanguage('en').search(query);
    expect(after.map((h) => [h.passage.id, h.score])).toEqual(before.map((h) => [h.passage.id, h.score]));
  });

  it('refuses an index built from other knowledge', () => {
    const stale = { ...index.toJSON(), fingerprint: 'something-else' };
    expect(() => SearchIndex.load(stale, kb)).toThrow(IndexError);
  });

  it('refuses a file that is not an index', () => {
    expect(() => SearchIndex.load({ hello: 'world' }, kb)).toThrow(IndexError);
  });

  it('matches near spellings of longer words, but numbers only exactly', () => {
    const en = index.forLanguage('en');
    expect(en.expand('wetlnads')).toContain(en.stem('wetlands'));
    expect(en.expand('1999')).toEqual([]);
    expect(en.expand('1998')).toEqual(['1998']);
  });

  it('gives a rare word a higher weight than a common one', () => {
    const en = index.forLanguage('en');
    expect(en.idf(en.stem('wetlands'))).toBeGreaterThan(en.idf(en.stem('water')));
    expect(en.idf(undefined)).toBeGreaterThan(en.idf(en.stem('wetlands')));
  });

  it('indexes curated questions with their passage', () => {
    const hits = index.forLanguage('en').search(terms('runs'));
    expect(hits[0]?.passage.id).toBe('river-program#contact-1');
  });
});

describe('Spanish index', () => {
  const real = SearchIndex.build(loadKnowledge(join(__dirname, '..', '..', '..', 'knowledge'))).forLanguage('es');

  it('matches words typed with or without accents', () => {
    for (const typed of ['asociación', 'asociacion', 'ASOCIACIÓN']) {
      expect(real.search([{ alternatives: [typed, 'estrategica'], weight: 1 }])[0]?.passage.id).toBe(
        'usaid-peru-strategy#partnership-2',
      );
    }
  });

  it('searches Spanish passages only', () => {
    const hits = real.search([{ alternatives: ['migrantes'], weight: 1 }]);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.passage.language === 'es')).toBe(true);
  });
});
