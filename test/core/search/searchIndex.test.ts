import { join } from 'node:path';
import { IndexError } from '../../../src/core/errors';
import { loadKnowledge } from '../../../src/core/knowledge/knowledgeLoader';
import { type LanguageIndex, SearchIndex } from '../../../src/core/search/searchIndex';
import { FakeDictionary } from '../../helpers/words';

const kb = loadKnowledge(join(__dirname, '..', '..', 'fixtures', 'knowledge-mini'));
const words = new FakeDictionary();

/** The unit id of the best document for some words. */
function bestUnit(index: LanguageIndex, text: string): string | undefined {
  const scores = [...index.wordScores(index.analyzer.stems(text))].sort((a, b) => b[1] - a[1]);
  const doc = index.documents[scores[0]?.[0] ?? -1];
  return doc ? index.units[doc.unit]?.unitId : undefined;
}

describe('SearchIndex', () => {
  const index = SearchIndex.build(kb, words, { serializable: true });
  const english = index.get('en') as LanguageIndex;

  it('indexes each unit and each of its curated questions as documents of their own', () => {
    const contact = english.units.findIndex((u) => u.unitId === 'contact');
    expect(english.unitDocuments[contact]?.map((d) => english.documents[d]?.kind)).toEqual([
      'text',
      'question',
      'question',
    ]);
    expect(index.get('es')).toBeUndefined();
  });

  it('ranks with lunr the document that holds the words', () => {
    expect(bestUnit(english, 'restored wetlands')).toBe('priorities-3');
    expect(bestUnit(english, 'fish stocks')).toBe('results');
    expect(bestUnit(english, 'who runs the program')).toBe('contact');
  });

  it('sums the weight of the stems each document holds, for all documents or for those asked about', () => {
    const stems = english.analyzer.stems('restored wetlands water');
    const weights = stems.map((s) => english.idf(s));
    const all = english.heldWeight(stems, weights);
    expect(all.size).toBeGreaterThan(1);
    for (const [doc, sum] of all) {
      const expected = stems.reduce((t, s, i) => t + (english.documentStems[doc]?.has(s) ? (weights[i] ?? 0) : 0), 0);
      expect(sum).toBeCloseTo(expected, 10);
    }
    const some = [...all.keys()].slice(0, 2);
    const none = english.documents.findIndex((_, d) => !all.has(d));
    const among = english.heldWeight(stems, weights, [...some, none]);
    expect([...among]).toEqual(some.map((doc) => [doc, all.get(doc)]));
  });

  it('weighs rare stems more than common ones, and knows which stems it holds', () => {
    expect(english.idf(english.analyzer.stem('wetlands'))).toBeGreaterThan(english.idf(english.analyzer.stem('water')));
    expect(english.knows(english.analyzer.stem('wetlands'))).toBe(true);
    expect(english.knows('zebra')).toBe(false);
  });

  it('knows a name it writes in another form', () => {
    expect(english.hasWordLike('quispe')).toBe(true);
    expect(english.hasWordLike('provinc')).toBe(true);
    expect(english.hasWordLike('bolivia')).toBe(false);
  });

  it('survives a round trip through JSON text with identical scores', () => {
    const loaded = SearchIndex.load(JSON.parse(JSON.stringify(index.toJSON())), kb, words).get('en') as LanguageIndex;
    const stems = english.analyzer.stems('water boards budgets');
    expect([...loaded.wordScores(stems)]).toEqual([...english.wordScores(stems)]);
  });

  it('refuses an index built from other knowledge, or not an index at all', () => {
    expect(() => SearchIndex.load({ ...index.toJSON(), fingerprint: 'other' }, kb, words)).toThrow(IndexError);
    expect(() => SearchIndex.load({ hello: 'world' }, kb, words)).toThrow(/not a search index/);
  });
});
