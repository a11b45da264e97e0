import { knowledgeReply } from '../../../dialogs/activities/replies';
import { format } from '../../../src/core/i18n/messages';
import { realKnowledge } from '../../helpers/core';

const { kb } = realKnowledge();

describe('knowledgeReply for a decline', () => {
  it('lists the page’s contacts, without saying the question went unanswered, when a person was asked for', () => {
    for (const language of ['en', 'es'] as const) {
      const reply = knowledgeReply(
        { kind: 'decline', language, reason: 'unknown-person', offerContacts: true },
        kb.contacts,
      );
      expect(reply.text).toContain(format(language, 'declineWithContacts'));
      expect(reply.text).not.toContain(format(language, 'decline'));
      for (const contact of kb.contacts) expect(reply.text).toContain(contact.email);
      expect(reply.suggestedActions?.actions.map((a) => a.value)).toEqual([format(language, 'declineContactAction')]);
    }
  });

  it('says plainly that the page does not answer, listing no one, otherwise', () => {
    const reply = knowledgeReply(
      { kind: 'decline', language: 'en', reason: 'low-confidence', offerContacts: false },
      kb.contacts,
    );
    expect(reply.text).toBe(format('en', 'decline'));
    for (const contact of kb.contacts) expect(reply.text).not.toContain(contact.email);
  });
});
