import { format, formatDate, messages } from '../../../src/core/i18n/messages';

describe('message catalogue', () => {
  it('has every key in both English and Spanish', () => {
    expect(Object.keys(messages.es).sort()).toEqual(Object.keys(messages.en).sort());
  });

  it('has no empty text and the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(messages.en) as (keyof typeof messages.en)[]) {
      expect(messages.en[key].trim()).not.toBe('');
      expect(messages.es[key].trim()).not.toBe('');
      expect(placeholders(messages.es[key])).toEqual(placeholders(messages.en[key]));
    }
  });

  it('fills placeholders and formats dates per language', () => {
    expect(format('en', 'tooLong', { max: 10 })).toContain('10');
    expect(formatDate('en', '2023-10-06')).toBe('6 October 2023');
    expect(formatDate('es', '2023-10-06')).toBe('6 de octubre de 2023');
  });
});
