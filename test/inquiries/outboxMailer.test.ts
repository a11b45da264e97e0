import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { composeInquiryMail } from '../../src/core/contact/inquiryMail';
import type { Inquiry } from '../../src/core/contact/inquiry';
import { OutboxMailer } from '../../src/inquiries/mailers';
import { realKnowledge } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';

const inquiry: Inquiry = {
  reference: 'PE-K7M3QX',
  createdAt: '2026-11-30T12:00:00.000Z',
  contactId: 'deputy',
  requester: { name: 'Ana Pérez', email: 'ana@example.org', organization: 'Cooperativa Sur' },
  message: 'We would like to discuss cacao farming in Ucayali.',
  language: 'es',
  channelId: 'webchat',
  dedupeKey: 'webchat/c/1',
  status: 'pending',
  attempts: 0,
  nextAttemptAt: '2026-11-30T12:00:00.000Z',
};

describe('OutboxMailer', () => {
  it('writes the inquiry as an .eml file that a mail program reads back whole', async () => {
    const dir = join(tempDir('outbox-'), 'outbox');
    const contact = realKnowledge().kb.contacts.find((c) => c.id === 'deputy');
    if (!contact) throw new Error('no deputy in the knowledge');
    const mail = composeInquiryMail(inquiry, contact, 'USAID Peru assistant <assistant@example.org>');
    await new OutboxMailer(dir).send(mail);
    expect(readdirSync(dir)).toEqual(['PE-K7M3QX.eml']);
    const parsed = await simpleParser(readFileSync(join(dir, 'PE-K7M3QX.eml')));
    expect(parsed.to).toMatchObject({ value: [{ address: contact.email, name: contact.name }] });
    expect(parsed.replyTo).toMatchObject({ value: [{ address: 'ana@example.org', name: 'Ana Pérez' }] });
    expect(parsed.from).toMatchObject({ value: [{ address: 'assistant@example.org' }] });
    expect(parsed.messageId).toBe(mail.messageId);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.headers.get('x-inquiry-reference')).toBe('PE-K7M3QX');
    expect(parsed.text).toContain('We would like to discuss cacao farming in Ucayali.');
  });
});
