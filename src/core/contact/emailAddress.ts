import { analyzeEmail } from '@hapi/address';

/** What is wrong with a typed e-mail address, naming the part at fault. */
export type EmailProblem =
  | 'missingAt'
  | 'tooManyAt'
  | 'emptyLocal'
  | 'localTooLong'
  | 'localInvalid'
  | 'domainIncomplete'
  | 'domainInvalid'
  | 'tooLong';

/** The outcome of checking an address: the address to use, or the problem. */
export type EmailCheck = { ok: true; address: string } | { ok: false; problem: EmailProblem };

/** Longest address (RFC 5321 path limit less the angle brackets) and local part (RFC 5321). */
export const maxEmailLength = 254;
export const maxLocalPartLength = 64;

const problemOfCode: Record<string, EmailProblem> = {
  MISSING_AT_CHAR: 'missingAt',
  MULTIPLE_AT_CHAR: 'tooManyAt',
  EMPTY_LOCAL: 'emptyLocal',
  LOCAL_TOO_LONG: 'localTooLong',
  EMPTY_LOCAL_SEGMENT: 'localInvalid',
  INVALID_LOCAL_CHARS: 'localInvalid',
  FORBIDDEN_UNICODE: 'localInvalid',
  ADDRESS_TOO_LONG: 'tooLong',
  DOMAIN_SEGMENTS_COUNT: 'domainIncomplete',
  DOMAIN_NON_EMPTY_STRING: 'domainIncomplete',
};

/**
 * Checks an e-mail address as people type it, internationalized ones included (`josé@example.pe`,
 * `ana@correo.perú`: RFC 6531/5890), with @hapi/address: one @, a local part of at most 64
 * characters (octets, as RFC 6531 counts them), a domain of at least two labels; top-level domains
 * are not checked against a list.
 */
export function checkEmail(typed: string): EmailCheck {
  const address = typed
    .trim()
    .replace(/^<(.*)>$/, '$1')
    .normalize('NFC');
  const problem = analyzeEmail(address, { minDomainSegments: 2 });
  if (!problem) return { ok: true, address };
  const known = problemOfCode[problem.code];
  if (known) return { ok: false, problem: known };
  // Any other code concerns the domain (its characters, labels or length).
  if (problem.code.startsWith('DOMAIN_')) return { ok: false, problem: 'domainInvalid' };
  return { ok: false, problem: 'localInvalid' };
}

/** Whether `typed` is an address {@link checkEmail} accepts. */
export function isEmailAddress(typed: string): boolean {
  return checkEmail(typed).ok;
}

/** A word with an @ in it, as people write an address inside a sentence. */
const addressLike = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]*/u;

/**
 * The address a message holds: its first word with an @, without trailing punctuation ("my e-mail
 * is ana@example.org."), or undefined when no word has an @.
 */
export function findEmailCandidate(text: string): string | undefined {
  return addressLike.exec(text)?.[0]?.replace(/[.!?]+$/, '');
}
