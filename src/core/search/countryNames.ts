import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';
import spanish from 'i18n-iso-countries/langs/es.json';
import { foldAccents } from '../text/normalize';

countries.registerLocale(english);
countries.registerLocale(spanish);

/**
 * One-word country names in English and Spanish, lower case and without accents, from the ISO
 * 3166 names i18n-iso-countries maintains. Some are common words too ("ecuador", the equator in
 * Spanish), so a dictionary alone does not tell that "usaid ecuador programs" names a place.
 * Codes and short aliases ("US", "USA") are left out: they collide with ordinary words.
 */
export const countryNames: ReadonlySet<string> = new Set(
  ['en', 'es']
    .flatMap((language) => Object.values(countries.getNames(language, { select: 'all' })).flat())
    .map((name) => foldAccents(name.toLowerCase()))
    .filter((name) => /^[a-z]{4,}$/.test(name)),
);
