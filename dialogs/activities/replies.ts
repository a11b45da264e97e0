import { ActionTypes, type Activity, ActivityTypes, type CardAction } from 'botbuilder';
import type { Citation, KnowledgeReply } from '../../src/core/answers/knowledgeService';
import { format, type MessageKey } from '../../src/core/i18n/messages';
import type { Contact } from '../../src/core/knowledge/knowledgeTypes';
import type { Language } from '../../src/core/text/normalize';
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
 * What the knowledge said, as a message. An answer quotes the unit with its `[1]` citation marker,
 * any list items after it, any further units it gives (both contacts) with the same marker, and
 * the citation entity. A "did you mean" lists the closest units and offers their titles as buttons
 * (a click answers). A decline says so plainly, cites nothing and offers contact, listing the
 * contacts when the question asked for a person.
 */
export function knowledgeReply(reply: KnowledgeReply, contacts: readonly Contact[] = []): Reply {
  const { language } = reply;
  if (reply.kind === 'decline') {
    const lines = reply.offerContacts ? contacts.map((c) => `- ${contactLine(language, c)}`) : [];
    return {
      type: ActivityTypes.Message,
      text:
        lines.length > 0
          ? `${format(language, 'declineWithContacts')}\n\n${lines.join('\n')}`
          : format(language, 'decline'),
      textFormat: lines.length > 0 ? 'markdown' : 'plain',
      suggestedActions: { to: [], actions: [imBack(format(language, 'declineContactAction'))] },
    };
  }
  if (reply.kind === 'suggest') {
    const titles = reply.suggestions.map((s) => s.title);
    return {
      type: ActivityTypes.Message,
      // Listed in the text too: Teams shows suggested actions only in personal chats.
      text: `${format(language, 'suggest')}\n\n${titles.map((t) => `- ${escapeMarkdown(t)}`).join('\n')}`,
      textFormat: 'markdown',
      suggestedActions: { to: [], actions: titles.map(imBack) },
    };
  }
  const items = reply.items?.map((item) => `- ${item}`).join('\n');
  const also = (reply.also ?? []).map((more) => `\n\n${more.lead} [1]`).join('');
  return {
    type: ActivityTypes.Message,
    text: `${reply.lead} [1]${items ? `\n\n${items}` : ''}${also}`,
    textFormat: 'markdown',
    entities: [citationEntity([reply.citation], language, reply.passageId)],
  };
}

function contactLine(language: Language, c: Contact): string {
  return format(language, 'contactLine', {
    name: c.name,
    title: c.title[language],
    email: `[${c.email}](mailto:${c.email})`,
  });
}

/**
 * Contacts with mailto links, so people can also write directly. Each line cites the passage that
 * publishes the contact's details, when there is one. `closing` follows the list (a question).
 */
export function contactsReply(
  language: Language,
  contacts: readonly { contact: Contact; citation?: Citation }[],
  closing?: string,
): Reply {
  const citations: Citation[] = [];
  const lines = contacts.map(({ contact: c, citation }) => {
    const line = `- ${contactLine(language, c)}`;
    if (!citation) return line;
    citations.push(citation);
    return `${line} [${citations.length}]`;
  });
  return {
    type: ActivityTypes.Message,
    text: `${format(language, 'contactsIntro')}\n\n${lines.join('\n')}${closing ? `\n\n${closing}` : ''}`,
    textFormat: 'markdown',
    entities: citations.length > 0 ? [citationEntity(citations, language)] : undefined,
  };
}
