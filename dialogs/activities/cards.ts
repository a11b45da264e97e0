import { type Attachment, CardFactory } from 'botbuilder';
import { format } from '../../src/core/i18n/messages';
import type { Contact } from '../../src/core/knowledge/knowledgeTypes';
import type { Language } from '../../src/core/text/normalize';

/**
 * A contact's card: name, title and e-mail with a mailto action, as an Adaptive Card 1.4 (the
 * version Teams and Web Chat both render).
 */
export function contactCard(contact: Contact, language: Language): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: contact.name, size: 'Large', weight: 'Bolder', wrap: true },
      {
        type: 'FactSet',
        facts: [
          { title: format(language, 'cardTitleLabel'), value: contact.title[language] },
          { title: format(language, 'cardEmailLabel'), value: `[${contact.email}](mailto:${contact.email})` },
        ],
      },
    ],
    actions: [{ type: 'Action.OpenUrl', title: format(language, 'cardEmailAction'), url: `mailto:${contact.email}` }],
  });
}
