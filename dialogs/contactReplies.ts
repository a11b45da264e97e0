import { type Activity, ActivityTypes, type TurnContext } from 'botbuilder';
import type { ChoicePrompt } from 'botbuilder-dialogs';
import { escapeMarkdown } from './activities/replies';
import type { CapScope, Sender } from '../src/core/contact/sendLimits';
import { format, type MessageKey } from '../src/core/i18n/messages';
import type { Contact } from '../src/core/knowledge/knowledgeTypes';
import type { Language } from '../src/core/text/normalize';
import { choices, sendEditCancel } from './choices';
import type { ContactRequestState } from './contactDialog';

type PromptOptions = Parameters<ChoicePrompt['beginDialog']>[1];

/** What people typed, shown as written: on one line, with Markdown escaped. */
const typed = (value: string) => escapeMarkdown(value.replace(/\s+/g, ' '));

const markdown = (text: string): Partial<Activity> => ({ type: ActivityTypes.Message, text, textFormat: 'markdown' });

/**
 * The summary to send, edit or cancel. After a failed store the prompt says so instead (the summary
 * is just above), and the summary itself stays the retry prompt.
 */
export function summaryPrompt(
  state: ContactRequestState,
  contact: Contact,
  language: Language,
  storeFailed: boolean,
): PromptOptions {
  const summary = format(language, 'summary', {
    name: contact.name,
    title: contact.title[language],
    requester: typed(state.requester.name ?? ''),
    email: typed(state.requester.email ?? ''),
    organization: state.requester.organization ? typed(state.requester.organization) : format(language, 'summaryNone'),
    message: typed(state.message ?? ''),
  });
  const failure = format(language, 'inquiryStoreFailed', { name: contact.name, email: contact.email });
  return {
    prompt: markdown(storeFailed ? failure : summary),
    retryPrompt: markdown(summary),
    choices: choices(language, sendEditCancel),
  };
}

/** The one reply to a stored inquiry: its reference, and the address the contact will reply to. */
export function receivedReply(language: Language, contact: Contact, reference: string, email: string) {
  return markdown(format(language, 'inquiryReceived', { name: contact.name, reference, email: escapeMarkdown(email) }));
}

const limitReason: Record<CapScope, MessageKey> = {
  conversation: 'limitConversation',
  user: 'limitUser',
  email: 'limitEmail',
  overall: 'limitOverall',
};

/** Which cap refused the message, plainly, and the contact's own address. */
export function limitedReply(language: Language, contact: Contact, scope: CapScope, cap: number): string {
  const reason = format(language, limitReason[scope], { cap });
  return format(language, 'inquiryLimited', { reason, name: contact.name, email: contact.email });
}

/** Who is sending, as the caps count them: the conversation and the channel's user id. */
export function senderOf(context: TurnContext): Omit<Sender, 'email'> {
  const { channelId, conversation, from } = context.activity;
  return {
    conversation: `${channelId}/${conversation.id}`,
    user: `${channelId}/${from?.aadObjectId ?? from?.id ?? ''}`,
  };
}
