import { type Activity, MessageFactory } from 'botbuilder';
import type { PromptValidatorContext } from 'botbuilder-dialogs';
import { checkEmail, type EmailProblem, findEmailCandidate } from '../src/core/contact/emailAddress';
import { maxInquiryMessageChars, maxOrganizationChars } from '../src/core/contact/inquiry';
import { format, type MessageKey } from '../src/core/i18n/messages';
import { type Language, languages } from '../src/core/text/normalize';
import { imBack } from './choices';

/**
 * A plausible personal name: letters (any script), combining marks, spaces, apostrophes, hyphens,
 * dots and commas, up to ten words ("María del Carmen de la Cruz Quispe", "O'Brien", "Nguyễn Thị Lan").
 */
const namePattern = /^[\p{L}][\p{L}\p{M}'’.,‐ -]{1,119}$/u;

/** Whether `text` reads as a name. */
export const looksLikeName = (text: string) => namePattern.test(text.trim()) && text.trim().split(/\s+/).length <= 10;

/** "My name is Ana Pérez" → "Ana Pérez": the lead-ins people type before their name. */
const nameLeadIn = /^\s*(my name is|my name's|i am|i'm|this is|it's|me llamo|mi nombre es|soy|yo soy)\s+/i;

/**
 * The name in what was typed at the name prompt: as typed, without a lead-in ("My name is") or the
 * full stop that ends a sentence. A short last word keeps its dot: it is an abbreviation ("Jr.").
 */
export function cleanName(text: string): string {
  const name = text.replace(nameLeadIn, '').trim().replace(/!+$/, '');
  return /[\p{L}]{4,}\.$/u.test(name) ? name.slice(0, -1) : name;
}

const lowerWithoutStop = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');

/** What, typed at the organization prompt, means "none": the Skip button and its words. */
const skipAnswers: ReadonlySet<string> = new Set(
  languages.flatMap((l) => [format(l, 'choiceSkip'), ...format(l, 'skipWords').split('|')].map(lowerWithoutStop)),
);

/** The organization as typed, or null for none ("Skip", "none", "ninguna", nothing). */
export function organizationFrom(typed: string): string | null {
  const answer = typed.trim();
  return !answer || skipAnswers.has(lowerWithoutStop(answer)) ? null : answer;
}

/** E-mail attempts before the dialog gives up and points to the contact's own address. */
const maxEmailAttempts = 3;

const emailReason: Record<EmailProblem, MessageKey> = {
  missingAt: 'emailMissingAt',
  tooManyAt: 'emailTooManyAt',
  emptyLocal: 'emailEmptyLocal',
  localTooLong: 'emailLocalTooLong',
  localInvalid: 'emailLocalInvalid',
  domainIncomplete: 'emailMalformed',
  domainInvalid: 'emailDomainInvalid',
  tooLong: 'emailTooLong',
};

/** Whether a message holds something meant as an e-mail address (a word with an @). */
export const holdsEmail = (text: string) => findEmailCandidate(text) !== undefined;

/** The language of the turn, as the contact dialog tells the waiting prompt (see ContactDialog.keepLanguage). */
const languageOf = (prompt: PromptValidatorContext<string>): Language =>
  (prompt.options.validations as { language?: Language } | undefined)?.language ?? 'en';

/** The buttons of a prompt where people type: Cancel, after any others. */
export function withCancelButton(language: Language, text: string, labels: string[] = []): Activity {
  return MessageFactory.suggestedActions([...labels, format(language, 'choiceCancel')].map(imBack), text) as Activity;
}

/** Accepts a name as typed, without a lead-in such as "my name is". */
export function validateName(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const name = cleanName(prompt.recognized.value ?? '');
  if (!prompt.recognized.succeeded || !looksLikeName(name)) return Promise.resolve(false);
  prompt.recognized.value = name;
  return Promise.resolve(true);
}

/**
 * Accepts the address in what was typed; otherwise asks again naming the part that is wrong, and
 * after three tries gives an empty value, which tells the dialog to give up politely.
 */
export function validateEmail(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const language = languageOf(prompt);
  const typed = prompt.recognized.value?.trim() ?? '';
  const checked = checkEmail(findEmailCandidate(typed) ?? typed);
  if (checked.ok) {
    prompt.recognized.value = checked.address;
    return Promise.resolve(true);
  }
  if (prompt.attemptCount >= maxEmailAttempts) {
    prompt.recognized.value = '';
    return Promise.resolve(true);
  }
  const reason = format(language, emailReason[checked.problem]);
  prompt.options.retryPrompt = withCancelButton(language, format(language, 'emailInvalid', { reason }));
  return Promise.resolve(false);
}

/** Accepts any organization name of sensible length, as typed. */
export function validateOrganization(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const text = prompt.recognized.value?.trim() ?? '';
  if (text.length <= maxOrganizationChars) return Promise.resolve(true);
  const language = languageOf(prompt);
  prompt.options.retryPrompt = withCancelButton(
    language,
    format(language, 'organizationTooLong', { length: text.length, max: maxOrganizationChars }),
    [format(language, 'choiceSkip')],
  );
  return Promise.resolve(false);
}

/** Accepts a message of 5 to 2,000 characters, as typed. */
export function validateMessage(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const language = languageOf(prompt);
  const text = prompt.recognized.value?.trim() ?? '';
  if (text.length > maxInquiryMessageChars) {
    prompt.options.retryPrompt = withCancelButton(
      language,
      format(language, 'messageTooLong', { length: text.length, max: maxInquiryMessageChars }),
    );
    return Promise.resolve(false);
  }
  if (text.length < 5) {
    prompt.options.retryPrompt = withCancelButton(language, format(language, 'messageTooShort'));
    return Promise.resolve(false);
  }
  return Promise.resolve(true);
}
