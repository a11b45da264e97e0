import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support';
import spanish from 'lunr-languages/lunr.es';
import { foldAccents, type Language, normalizeForSearch } from '../text/normalize';

stemmerSupport(lunr);
spanish(lunr);

/** Folds accents after stemming, so Spanish stems well and still matches text typed without accents. */
const foldToken: lunr.PipelineFunction = (token) => token.update((text) => foldAccents(text));
lunr.Pipeline.registerFunction(foldToken, 'foldAccents');

type LunrWithSpanish = typeof lunr & { es: lunr.Builder.Plugin & { stemmer: lunr.PipelineFunction } };
const lunrEs = (lunr as LunrWithSpanish).es;

/** Language-specific setup of a lunr builder: tokenizing, stop words and stemming. */
export function configureBuilder(builder: lunr.Builder, language: Language): void {
  if (language === 'es') {
    builder.use(lunrEs);
    builder.pipeline.add(foldToken);
    builder.searchPipeline.add(foldToken);
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
