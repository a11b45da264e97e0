import type { Contact } from '../knowledge/knowledgeTypes';
import type { Inquiry } from './inquiry';

/** An e-mail ready to send. */
export interface OutgoingMail {
  from: string;
  to: { name: string; address: string };
  replyTo: { name: string; address: string };
  subject: string;
  text: string;
  /** Derived from the reference, so a retried send is recognisable as the same message. */
  messageId: string;
  headers: Record<string, string>;
}

/** Sends mail. Implementations: SMTP, or a local outbox folder. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  /** Checks the mail route can be reached, for readiness probes. */
  verify?(): Promise<void>;
}

/** The stable Message-ID of an inquiry's e-mail. */
export function messageIdFor(reference: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'usaid-peru-bot.invalid';
  return `<${reference.toLowerCase()}.inquiry@${domain}>`;
}

/** The e-mail that carries an inquiry to its contact, who replies straight to the requester. */
export function composeInquiryMail(inquiry: Inquiry, contact: Contact, from: string): OutgoingMail {
  const { requester } = inquiry;
  const lines = [
    `${contact.name},`,
    '',
    `${requester.name} sent this message through the USAID Peru assistant${requester.organization ? ` on behalf of ${requester.organization}` : ''}.`,
    'Reply to this e-mail to answer them directly.',
    '',
    '----------------------------------------------------------------',
    inquiry.message,
    '----------------------------------------------------------------',
    '',
    `Reference:    ${inquiry.reference}`,
    `From:         ${requester.name} <${requester.email}>`,
    ...(requester.organization ? [`Organization: ${requester.organization}`] : []),
    `Language:     ${inquiry.language === 'es' ? 'Spanish' : 'English'}`,
    `Channel:      ${inquiry.channelId}`,
    `Received:     ${inquiry.createdAt}`,
  ];
  return {
    from,
    to: { name: contact.name, address: contact.email },
    replyTo: { name: requester.name, address: requester.email },
    subject: `[${inquiry.reference}] Inquiry from ${requester.name} via the USAID Peru assistant`,
    text: `${lines.join('\n')}\n`,
    messageId: messageIdFor(inquiry.reference, from),
    headers: { 'X-Inquiry-Reference': inquiry.reference },
  };
}
