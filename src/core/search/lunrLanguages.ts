import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support';
import spanish from 'lunr-languages/lunr.es';
import { foldAccents, type Language, normalizeForSearch } from '../text/normalize';

stemmerSupport(lunr);
spanish(lunr);

type LunrWithSpanish = typeof lunr & { es: lunr.Builder.Plugin & { stemmer: lunr.PipelineFunction } };
const lunrEs = (lunr as LunrWithSpanish).es;

/**
 * The Spanish stemmer's suffix rules need accents ("asociación" → "asoci"), but people often type
 * without them ("asociacion"). Each word is stemmed both ways, accents folded afterwards, and
 * both stems are kept, so text typed either way meets.
 */
const spanishStemmer: lunr.PipelineFunction = (token, i, tokens) => {
  const original = token.toString();
  const withAccents = foldAccents(String(lunrEs.stemmer(new lunr.Token(original, {}), i, tokens)));
  const withoutAccents = String(lunrEs.stemmer(new lunr.Token(foldAccents(original), {}), i, tokens));
  const stems = [...new Set([withAccents, withoutAccents])];
  return stems.map((stem) => token.clone(() => stem));
};
lunr.Pipeline.registerFunction(spanishStemmer, 'spanishStemmerFolded');

/** Language-specific setup of a lunr builder: tokenizing, stop words and stemming. */
export function configureBuilder(builder: lunr.Builder, language: Language): void {
  if (language === 'es') {
    builder.use(lunrEs);
    builder.pipeline.after(lunrEs.stemmer, spanishStemmer);
    builder.pipeline.remove(lunrEs.stemmer);
    builder.searchPipeline.after(lunrEs.stemmer, spanishStemmer);
    builder.searchPipeline.remove(lunrEs.stemmer);
  }
}

/**
 * Text as the index sees it. English is folded before lunr (its trimmer only knows ASCII letters);
 * Spanish keeps its accents until after the Spanish stemmer, which needs them.
 */
export function prepareText(text: string, language: Language): string {
  return normalizeForSearch(text, { fold: language === 'en' });
}

export { lunr };
