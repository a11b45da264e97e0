import type { Entity } from 'botbuilder';
import type { Citation } from '../../src/core/answers/knowledgeService';
import { format, formatDate } from '../../src/core/i18n/messages';
import type { Language } from '../../src/core/text/normalize';

/**
 * A thumbs up or down Web Chat offers under an answer; the click comes back as the entity of a
 * `webchat:activity-status/feedback` event, naming the answer unit it is about. Its `type` keeps
 * it among the entities the bot reads when it comes back.
 */
export interface FeedbackAction {
  type: 'https://schema.org/LikeAction' | 'https://schema.org/DislikeAction';
  '@type': 'LikeAction' | 'DislikeAction';
  actionStatus: 'PotentialActionStatus';
  /** The answer unit (passage id) and the language it was given in. */
  object: { '@type': 'Answer'; '@id': string; inLanguage: string };
}

/** The schema.org Message entity through which Web Chat and Teams show `[n]` citations. */
export interface CitationEntity extends Entity {
  type: 'https://schema.org/Message';
  '@type': 'Message';
  '@context': 'https://schema.org';
  '@id': string;
  potentialAction?: FeedbackAction[];
  citation: {
    '@type': 'Claim';
    position: number;
    appearance: { '@type': 'DigitalDocument'; name: string; abstract: string; url: string };
  }[];
}

/** Builds the entity for citations numbered from 1, in the order given. */
export function citationEntity(
  citations: readonly Citation[],
  language: Language,
  /** The answer unit people may give feedback on. */
  feedbackOn?: string,
): CitationEntity {
  return {
    ...(feedbackOn ? { potentialAction: feedbackActions(feedbackOn, language) } : {}),
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

/** Thumbs up and down for an answer unit. */
export function feedbackActions(passageId: string, language: Language): FeedbackAction[] {
  return (['LikeAction', 'DislikeAction'] as const).map((type) => ({
    type: `https://schema.org/${type}` as const,
    '@type': type,
    actionStatus: 'PotentialActionStatus',
    object: { '@type': 'Answer', '@id': passageId, inLanguage: language },
  }));
}
