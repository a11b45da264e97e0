import { TextAnalyzer } from '../../../src/core/search/textAnalyzer';

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
