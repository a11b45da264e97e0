/** The languages the bot speaks. */
export type Language = 'en' | 'es';
export const languages: readonly Language[] = ['en', 'es'];

/** Removes diacritics so "Perú", "peru" and "PERU" compare equal. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * Lower-cases, folds accents and turns punctuation into spaces, keeping e-mail addresses, URLs and
 * hyphenated words intact. Possessive "'s" is dropped so "USAID's" searches as "usaid".
 */
export function normalizeForSearch(text: string, options: { fold?: boolean } = {}): string {
  const lower = text.toLowerCase();
  return (options.fold === false ? lower : foldAccents(lower))
    .replace(/[\u2019\u2018']s\b/g, '')
    .replace(/[\u2013\u2014]/g, ' ')
    .replace(/[^a-z0-9@.\-\s\u00e0-\u00ff]/g, ' ')
    .replace(/(?<![a-z0-9])[.\-]+|[.\-]+(?![a-z0-9])/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits normalized text into word tokens. */
export function tokenize(normalized: string): string[] {
  return normalized.split(/[\s-]+/).filter((token) => token.length > 0);
}
