import { editDistance } from '../../../src/core/text/editDistance';
import { foldAccents, normalizeForSearch, tokenize } from '../../../src/core/text/normalize';

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
