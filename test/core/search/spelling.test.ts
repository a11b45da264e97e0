import { informativeness, SpellingCorrector, sharedDictionaries } from '../../../src/core/search/spelling';
import { FakeDictionary } from '../../helpers/words';

const vocabulary = new Map([
  ['migrants', 3],
  ['deputy', 2],
  ['objectives', 2],
  ['what', 9],
  ['that', 5],
  ['coca', 2],
  ['objective', 3],
  ['government', 4],
  ['governance', 1],
]);

describe('SpellingCorrector', () => {
  const corrector = new SpellingCorrector(vocabulary, new FakeDictionary(['budget', 'coke']));

  it('corrects a mistyped word to the nearest word of the knowledge', () => {
    expect(corrector.correct('migrnts')).toBe('migrants');
    expect(corrector.correct('deputys')).toBe('deputy');
    expect(corrector.correct('objectves')).toBe('objectives');
  });

  it('corrects a short word by one edit at most, preferring the commoner word', () => {
    expect(corrector.correct('wat')).toBe('what');
  });

  it('leaves a real word alone, even near a word of the knowledge', () => {
    expect(corrector.correct('budget')).toBe('budget');
    expect(corrector.correct('coke')).toBe('coke');
  });

  it('completes an abbreviation of one word, to its commonest form, and no other', () => {
    expect(corrector.correct('obj')).toBe('objective');
    // "government" and "governance" part after "govern": "gov" may be either.
    expect(corrector.correct('gov')).toBe('gov');
  });

  it('leaves numbers, words the knowledge has and words too far from any alone', () => {
    expect(corrector.correct('2015')).toBe('2015');
    expect(corrector.correct('coca')).toBe('coca');
    expect(corrector.correct('xylophonic')).toBe('xylophonic');
  });
});

describe('Hunspell dictionaries', () => {
  const words = sharedDictionaries();

  it('rank words by how much everyday speech uses them, accents folded', () => {
    const rank = (word: string, language: 'en' | 'es') => words.frequencyRank(word, language);
    expect(rank('people', 'en')).toBeLessThan(rank('visa', 'en') as number);
    expect(rank('gente', 'es')).toBeLessThan(rank('poblacion', 'es') as number);
    expect(rank('nutshell', 'en')).toBeUndefined();
    // The commoner a word, the less it says; a word off the list says as much as any.
    expect(informativeness(rank('people', 'en'))).toBeLessThan(informativeness(rank('visa', 'en')));
    expect(informativeness(undefined)).toBe(1);
  });

  it('know English and Spanish words, and names only capitalized', () => {
    expect(words.isWord('budget')).toBe(true);
    expect(words.isWord('presupuesto')).toBe(true);
    expect(words.isWord('migrnts')).toBe(false);
    expect(words.isProperNoun('colombia')).toBe(true);
    expect(words.isProperNoun('budget')).toBe(false);
    // A common Spanish word (the equator), and a country: the list of countries says so.
    expect(words.isWord('ecuador', 'es')).toBe(true);
    expect(words.isProperNoun('ecuador')).toBe(true);
    expect(words.isProperNoun('brasil')).toBe(true);
    // "Rn" (radon) is in the dictionary only capitalized; typed as "rn" it means right now.
    expect(words.isWord('Rn')).toBe(true);
    expect(words.isProperNoun('rn')).toBe(false);
    expect(words.isProperNoun('uk')).toBe(false);
  });
});
