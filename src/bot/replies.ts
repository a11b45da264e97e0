import { ActionTypes, type Activity, ActivityTypes, type CardAction } from 'botbuilder';
import type { Citation, KnowledgeReply } from '../core/answers/knowledgeService';
import { format, type MessageKey } from '../core/i18n/messages';
import type { Contact } from '../core/knowledge/knowledgeTypes';
import type { Language } from '../core/text/normalize';
import { citationEntity } from './citationEntity';

type Reply = Partial<Activity>;

const imBack = (text: string): CardAction => ({ type: ActionTypes.ImBack, title: text, value: text });

/** A plain message from the catalogue. */
export function textReply(language: Language, key: MessageKey, params?: Record<string, string | number>): Reply {
  return { type: ActivityTypes.Message, text: format(language, key, params), textFormat: 'plain' };
}

/** The welcome, with a few questions to try as suggested actions. */
export function welcomeReply(language: Language): Reply {
  return {
    type: ActivityTypes.Message,
    text: `${format(language, 'welcome')}\n\n${format(language, 'welcomeTry')}`,
    textFormat: 'plain',
    suggestedActions: { to: [], actions: format(language, 'suggestedQuestions').split('|').map(imBack) },
  };
}

/** Escapes Markdown in text people typed, so it is shown as written, never as markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+!|<>~])/g, '\\$1');
}

/**
 * An answer from the knowledge: the lead sentence with its `[1]` citation marker, any list items
 * after it, and the citation entity. A decline says so plainly, cites nothing and offers contact.
 */
export function knowledgeReply(reply: KnowledgeReply): Reply {
  const { language } = reply;
  if (reply.kind === 'decline') {
    return {
      type: ActivityTypes.Message,
      text: format(language, 'decline'),
      textFormat: 'plain',
      suggestedActions: { to: [], actions: [imBack(format(language, 'declineContactAction'))] },
    };
  }
  const items = reply.items?.map((item) => `- ${item}`).join('\n');
  return {
    type: ActivityTypes.Message,
    text: `${reply.lead} [1]${items ? `\n\n${items}` : ''}`,
    textFormat: 'markdown',
    entities: [citationEntity([reply.citation], language)],
  };
}

/**
 * Contacts with mailto links, so people can also write directly. Each line cites the passage that
 * publishes the contact's details, when there is one.
 */
export function contactsReply(
  language: Language,
  contacts: readonly { contact: Contact; citation?: Citation }[],
): Reply {
  const citations: Citation[] = [];
  const lines = contacts.map(({ contact: c, citation }) => {
    const line = `- ${format(language, 'contactLine', { name: c.name, title: c.title[language], email: `[${c.email}](mailto:${c.email})` })}`;
    if (!citation) return line;
    citations.push(citation);
    return `${line} [${citations.length}]`;
  });
  return {
    type: ActivityTypes.Message,
    text: `${format(language, 'contactsIntro')}\n\n${lines.join('\n')}`,
    textFormat: 'markdown',
    entities: citations.length > 0 ? [citationEntity(citations, language)] : undefined,
  };
}
