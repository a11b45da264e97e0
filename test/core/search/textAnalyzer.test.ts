import { isFormOf, TextAnalyzer } from '../../../src/core/search/textAnalyzer';

describe('TextAnalyzer', () => {
  const english = new TextAnalyzer('en', ['Peru is the world’s second-largest cocaine producer.', 'four objectives']);
  const spanish = new TextAnalyzer('es', ['La asociación estratégica y la migración']);

  it('sets aside function words and stopwords-iso words the knowledge does not use', () => {
    expect(english.isStopWord('the')).toBe(true);
    expect(english.isStopWord('million')).toBe(true);
    expect(english.stems('What are the four objectives of the second program?')).toEqual([
      'four',
      'object',
      'second',
      'program',
    ]);
  });

  it('stems Spanish typed without accents as the knowledge writes the word', () => {
    expect(spanish.stem('asociacion')).toBe(spanish.stem('asociación'));
    expect(spanish.stem('asociaciones')).toBe(spanish.stem('asociación'));
  });

  it('keeps numbers as they are', () => {
    expect(english.stems('2020 – 2025')).toEqual(['2020', '2025']);
  });
});

describe('isFormOf', () => {
  it('takes the forms of a cue, in either language, and not words that only begin like it', () => {
    for (const [word, cue] of [
      ['passing', 'pass'],
      ['talking', 'talk'],
      ['contacts', 'contact'],
      ['escribirle', 'escrib'],
      ['escribeme', 'escrib'],
      ['comunicarme', 'comunic'],
      ['enviarle', 'envi'],
      ['pasarle', 'pas'],
    ]) {
      expect([word, isFormOf(word as string, cue as string)]).toEqual([word, true]);
    }
    for (const [word, cue] of [
      ['passport', 'pass'],
      ['password', 'pass'],
      ['pasaporte', 'pas'],
      ['environment', 'envi'],
      ['mandarin', 'mand'],
      ['talk', 'talking'],
    ]) {
      expect([word, isFormOf(word as string, cue as string)]).toEqual([word, false]);
    }
  });
});
