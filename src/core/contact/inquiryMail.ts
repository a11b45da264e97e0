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

/** Control characters and the invisible marks that reorder text (bidirectional overrides). */
const invisible = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** What a person typed, on one line, without characters that could disguise or split it. */
function oneLine(typed: string): string {
  return typed.replace(invisible, ' ').replace(/\s+/g, ' ').trim();
}

/** The message quoted line by line, so no line of it can pass for the metadata above it. */
function quoted(message: string): string[] {
  return message
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\t/g, '    ').replace(invisible, '').trimEnd())
    .map((line) => (line ? `> ${line}` : '>'));
}

/**
 * The e-mail that carries an inquiry to its contact, who replies straight to the requester. The
 * facts come first, each on its own line; the requester's message follows, quoted, so nothing they
 * typed can forge a reference or a sender.
 */
export function composeInquiryMail(inquiry: Inquiry, contact: Contact, from: string): OutgoingMail {
  const { requester } = inquiry;
  const name = oneLine(requester.name);
  const organization = requester.organization ? oneLine(requester.organization) : '';
  const lines = [
    `Reference:    ${inquiry.reference}`,
    `To:           ${contact.name}, ${contact.title.en}`,
    `From:         ${name} <${requester.email}>`,
    `Organization: ${organization || '(none given)'}`,
    `Channel:      ${inquiry.channelId}`,
    `Language:     ${inquiry.language === 'es' ? 'Spanish' : 'English'}`,
    `Received:     ${inquiry.createdAt}`,
    '',
    'The name, e-mail address and organization above are as the sender typed them in the USAID Peru',
    'assistant; they have not been verified. Reply to this e-mail to answer the sender directly.',
    '',
    'Message:',
    '',
    ...quoted(inquiry.message),
  ];
  return {
    from,
    to: { name: contact.name, address: contact.email },
    replyTo: { name, address: requester.email },
    subject: `[${inquiry.reference}] Inquiry from ${name} via the USAID Peru assistant`,
    text: `${lines.join('\n')}\n`,
    messageId: messageIdFor(inquiry.reference, from),
    headers: { 'X-Inquiry-Reference': inquiry.reference },
  };
}
