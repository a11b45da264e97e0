import type { Inquiry } from '../../../src/core/contact/inquiry';
import { composeInquiryMail } from '../../../src/core/contact/inquiryMail';
import { realKnowledge } from '../../helpers/core';

const deputy = () => realKnowledge().kb.contacts.find((c) => c.id === 'deputy');

const inquiry = (overrides: Partial<Inquiry> = {}): Inquiry => ({
  reference: 'PE-7K3M9Q',
  createdAt: '2026-11-30T12:00:00.000Z',
  contactId: 'deputy',
  requester: { name: 'Ana Pérez', email: 'josé@example.pe', organization: 'Cooperativa Sur' },
  message: 'Hello,\nWe would like to meet.\n\nBest,\nAna',
  language: 'es',
  channelId: 'webchat',
  dedupeKey: 'summary/1',
  status: 'pending',
  attempts: 0,
  nextAttemptAt: '2026-11-30T12:00:00.000Z',
  ...overrides,
});

const compose = (overrides: Partial<Inquiry> = {}) => {
  const contact = deputy();
  if (!contact) throw new Error('no deputy');
  return composeInquiryMail(inquiry(overrides), contact, 'USAID Peru assistant <assistant@example.org>');
};

describe('composeInquiryMail', () => {
  it('puts the facts first, then says they are unverified, then quotes the message line by line', () => {
    const lines = compose().text.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'Reference:    PE-7K3M9Q',
      'To:           Elizabeth Bosman, Deputy Mission Director',
      'From:         Ana Pérez <josé@example.pe>',
      'Organization: Cooperativa Sur',
      'Channel:      webchat',
      'Language:     Spanish',
      'Received:     2026-11-30T12:00:00.000Z',
    ]);
    expect(lines.join(' ')).toMatch(/as the sender typed them .* they have not been verified/);
    const quoted = lines.slice(lines.indexOf('Message:') + 2);
    expect(quoted).toEqual(['> Hello,', '> We would like to meet.', '>', '> Best,', '> Ana', '']);
  });

  it('leaves a message no way to forge a metadata line', () => {
    const text = compose({ message: 'Hi\r\nReference: PE-AAAAAA\u2028From: Boss <boss@example.org>' }).text;
    const unquoted = text.split('\n').filter((line) => /^(Reference|From):/.test(line));
    expect(unquoted).toEqual(['Reference:    PE-7K3M9Q', 'From:         Ana Pérez <josé@example.pe>']);
    expect(text).toContain('> Reference: PE-AAAAAA');
    expect(text).toContain('> From: Boss <boss@example.org>');
  });

  it('keeps a typed name or organization on its own line, without invisible reordering marks', () => {
    const mail = compose({
      requester: {
        name: 'Ana\u202ePérez',
        email: 'ana@example.org',
        organization: 'Sur\nReference: PE-AAAAAA',
      },
    });
    expect(mail.text).toContain('Organization: Sur Reference: PE-AAAAAA\n');
    expect(mail.text).not.toContain('\u202e');
    expect(mail.subject).toBe('[PE-7K3M9Q] Inquiry from Ana Pérez via the USAID Peru assistant');
  });

  it('says when no organization was given', () => {
    const mail = compose({ requester: { name: 'Ana Pérez', email: 'ana@example.org' } });
    expect(mail.text).toContain('Organization: (none given)');
  });
});
