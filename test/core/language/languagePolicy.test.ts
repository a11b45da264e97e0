import { LanguagePolicy, localeLanguage, leansTo } from '../../../src/core/language/languagePolicy';

describe('LanguagePolicy', () => {
  const confident = (lang: string) => () => [{ lang, accuracy: 0.9 }];
  const unsure = (lang: string) => () => [{ lang, accuracy: 0.2 }];

  it('follows the locale when the text does not clearly disagree', () => {
    expect(new LanguagePolicy(unsure('en')).decide({ text: 'Who is the director?', locale: 'es-PE' }).language).toBe(
      'es',
    );
    expect(new LanguagePolicy(confident('es')).decide({ text: 'hola', locale: 'en-US' }).language).toBe('en');
  });

  it('follows the text when the detector is confident and the message is long enough', () => {
    const decision = new LanguagePolicy(confident('es')).decide({ text: 'quién es la directora', locale: 'en-US' });
    expect(decision).toEqual({ language: 'es', onlySwitch: false });
  });

  it.each([
    ['en español por favor', 'es', true],
    ['Español', 'es', true],
    ['In English please', 'en', true],
    ['en español: ¿quién es la directora?', 'es', false],
  ] as const)('treats %p as a request for %s', (text, language, onlySwitch) => {
    expect(new LanguagePolicy(unsure('en')).decide({ text, locale: 'en-US', remembered: 'en' })).toEqual({
      language,
      chosen: language,
      onlySwitch,
    });
  });

  it('keeps a remembered choice over locale and detection', () => {
    const decision = new LanguagePolicy(confident('en')).decide({
      text: 'What does USAID do in Peru?',
      locale: 'en-US',
      remembered: 'es',
    });
    expect(decision.language).toBe('es');
  });

  it('uses the real detector on clear sentences', () => {
    const policy = new LanguagePolicy();
    expect(policy.decide({ text: '¿Cuántos años lleva USAID en el Perú?', locale: 'en-US' }).language).toBe('es');
    expect(policy.decide({ text: 'What does USAID do in Peru?', locale: 'es-PE' }).language).toBe('en');
  });

  it('reads locales', () => {
    expect(localeLanguage('es-419')).toBe('es');
    expect(localeLanguage('en-GB')).toBe('en');
    expect(localeLanguage('fr-FR')).toBeUndefined();
  });
});

describe('leansTo', () => {
  it('tells which language a text leans to by its function words', () => {
    expect(leansTo('When was this page published?', 'en', 'es')).toBe(true);
    expect(leansTo('progreso económico y social del Perú según USAID', 'es', 'en')).toBe(true);
    expect(leansTo('correo de la subdirectora', 'en', 'es')).toBe(false);
    // No function word of either: no lean.
    expect(leansTo('usaid peru', 'en', 'es')).toBe(false);
  });
});
