import type { Entity } from 'botbuilder';
import type { Citation } from '../core/answers/knowledgeService';
import { format, formatDate } from '../core/i18n/messages';
import type { Language } from '../core/text/normalize';

/** The schema.org Message entity through which Web Chat and Teams show `[n]` citations. */
export interface CitationEntity extends Entity {
  type: 'https://schema.org/Message';
  '@type': 'Message';
  '@context': 'https://schema.org';
  '@id': string;
  citation: {
    '@type': 'Claim';
    position: number;
    appearance: { '@type': 'DigitalDocument'; name: string; abstract: string; url: string };
  }[];
}

/** Builds the entity for citations numbered from 1, in the order given. */
export function citationEntity(citations: readonly Citation[], language: Language): CitationEntity {
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    citation: citations.map((c, i) => ({
      '@type': 'Claim',
      position: i + 1,
      appearance: {
        '@type': 'DigitalDocument',
        name: format(language, c.translated ? 'citationTitleTranslated' : 'citationTitle', {
          title: c.title,
          date: formatDate(language, c.published),
        }),
        abstract: c.abstract,
        url: c.url,
      },
    })),
  };
}
