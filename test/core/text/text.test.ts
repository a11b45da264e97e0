import { editDistance } from '../../../src/core/text/editDistance';
import { foldAccents, normalizeForSearch, tokenize } from '../../../src/core/text/normalize';
import { splitClauses, splitSentences } from '../../../src/core/text/sentences';

describe('normalizeForSearch', () => {
  it('folds case, accents and punctuation, keeping e-mails and URLs', () => {
    expect(normalizeForSearch('¿Quién es la DIRECTORA de la Misión?')).toBe('quien es la directora de la mision');
    expect(normalizeForSearch("USAID's e-mail: aparo@usaid.gov.")).toBe('usaid e-mail aparo@usaid.gov');
    expect(tokenize(normalizeForSearch('2020 – 2025, COVID-19'))).toEqual(['2020', '2025', 'covid', '19']);
  });

  it('can keep accents for stemmers that need them', () => {
    expect(normalizeForSearch('Perú', { fold: false })).toBe('perú');
    expect(foldAccents('año')).toBe('ano');
  });
});

describe('splitSentences', () => {
  it('does not split at abbreviations, e-mail addresses or URLs', () => {
    expect(splitSentences('It serves U.S. interests. Write to a@b.gov today. Visit https://x.org/peru. Done.')).toEqual(
      ['It serves U.S. interests.', 'Write to a@b.gov today.', 'Visit https://x.org/peru.', 'Done.'],
    );
  });

  it('splits a long enumeration at semicolons into readable clauses', () => {
    const item = 'goes on and on about one topic in great detail, with many words';
    const long = `These include: a very long first item that ${item}; the second item that ${item}; and the third and last item which ${item}.`;
    expect(long.length).toBeGreaterThan(240);
    const clauses = splitClauses(long);
    expect(clauses).toHaveLength(3);
    expect(clauses[0]).toMatch(/^These include: a very long first item.*\.$/);
    expect(clauses[2]).toMatch(/^The third and last item/);
    expect(splitClauses('Short; sentence.')).toEqual(['Short; sentence.']);
  });
});

describe('editDistance', () => {
  it.each([
    ['kitten', 'sitting', 3, 3],
    ['enviroment', 'environment', 2, 1],
    ['form', 'from', 1, 1],
    ['abc', 'xyz', 1, 2],
  ])('%s → %s (max %i) = %i', (a, b, max, expected) => {
    expect(editDistance(a, b, max)).toBe(expected);
  });
});
