import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { Language } from '../text/normalize';
import { isEmailAddress, maxEmailLength } from './emailAddress';

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, U). */
const referenceAlphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short reference people can read out and type back: `PE-` and six unambiguous characters. */
export function newReference(): string {
  let code = '';
  for (let i = 0; i < 6; i += 1) code += referenceAlphabet[randomInt(referenceAlphabet.length)];
  return `PE-${code}`;
}

export const referencePattern = /^PE-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/;

/** Longest message a person may send, in characters. */
export const maxInquiryMessageChars = 2000;

/** Longest organization name, in characters. */
export const maxOrganizationChars = 200;

/**
 * What a person asks to be sent, validated where it enters the system. E-mail addresses may be
 * internationalized (see {@link isEmailAddress}); zod's own e-mail format is ASCII only.
 */
export const requesterSchema = z.object({
  name: z.string().trim().min(2, 'too short').max(120, 'too long'),
  email: z.string().trim().max(maxEmailLength).refine(isEmailAddress, 'not a valid e-mail address'),
  organization: z.string().trim().max(maxOrganizationChars).optional(),
});

export type Requester = z.infer<typeof requesterSchema>;

/** Where an inquiry is in its delivery. */
export type InquiryStatus = 'pending' | 'sent' | 'failed';

/** A contact request, as stored. */
export interface Inquiry {
  reference: string;
  createdAt: string;
  /** Id of the contact in knowledge/contacts.json. */
  contactId: string;
  requester: Requester;
  message: string;
  language: Language;
  channelId: string;
  /**
   * The idempotency key of the confirmed summary (made when it was shown), so that however often
   * and wherever Send arrives, one inquiry is created.
   */
  dedupeKey: string;
  status: InquiryStatus;
  attempts: number;
  /** When the next delivery attempt is due (ISO time). */
  nextAttemptAt: string;
  /** An attempt in progress holds the inquiry until this time, so one instance sends it. */
  leaseUntil?: string;
  lastError?: string;
  sentAt?: string;
}
