import { ActionTypes, type Activity, ActivityTypes, MessageFactory } from 'botbuilder';
import {
  type Choice,
  ChoicePrompt,
  type DialogContext,
  type FindChoicesOptions,
  type FoundChoice,
  ListStyle,
  type PromptValidatorContext,
  recognizeChoices,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { contactCard } from '../src/bot/cards';
import { citationEntity } from '../src/bot/citationEntity';
import type { ProfileLookup } from '../src/bot/profileLookup';
import { escapeMarkdown } from '../src/bot/replies';
import { turnLanguage } from '../src/bot/turnLanguage';
import { setTurnOutcome } from '../src/bot/turnOutcome';
import type { ContactRouter } from '../src/core/contact/contactRouting';
import type { DeliveryService } from '../src/core/contact/deliveryService';
import { type Inquiry, maxInquiryMessageChars, requesterSchema } from '../src/core/contact/inquiry';
import { format, type MessageKey } from '../src/core/i18n/messages';
import type { Contact } from '../src/core/knowledge/knowledgeTypes';
import type { Language } from '../src/core/text/normalize';
import { CancelAndHelpDialog, type InterruptionOptions } from './cancelAndHelpDialog';
import { DialogIds } from './dialogIds';

/** What the contact dialog has gathered so far; also how it is started and restarted. */
export interface ContactRequestState {
  contactId?: string;
  /** What the person first wrote, used to route by topic. */
  topicText?: string;
  requester: { name?: string; email?: string; organization?: string | null };
  message?: string;
  cardShown?: boolean;
  profileChecked?: boolean;
  profile?: { name: string; email: string };
  /** Set after "Edit": the dialog runs again, skipping what is already known. */
  editing?: boolean;
}

export interface ContactDialogOptions extends InterruptionOptions {
  contacts: readonly Contact[];
  router: ContactRouter;
  delivery: DeliveryService;
  profiles: ProfileLookup;
  /** Told of each new inquiry once it is stored (the Teams inbox channel). */
  onSubmitted?: (inquiry: Inquiry, contact: Contact) => Promise<void>;
}

/** A plausible personal name: letters, spaces, apostrophes, hyphens and dots, up to six words. */
const namePattern = /^[\p{L}][\p{L}\p{M}'’. -]{1,119}$/u;
const looksLikeName = (text: string) => namePattern.test(text.trim()) && text.trim().split(/\s+/).length <= 6;

/** "My name is Ana Pérez" → "Ana Pérez": the lead-ins people type before their name. */
const nameLeadIn = /^\s*(my name is|my name's|i am|i'm|im|this is|it's|me llamo|mi nombre es|soy|yo soy)\s+/i;
const cleanName = (text: string) =>
  text
    .replace(nameLeadIn, '')
    .replace(/[.!]+$/, '')
    .trim();

/** E-mail attempts before the dialog gives up and points to the contact's own address. */
const maxEmailAttempts = 3;

/** How the choice prompts read answers: by the choices' words or an ordinal ("the second"). */
const choiceRecognition: FindChoicesOptions = { noValue: false, recognizeOrdinals: true, recognizeNumbers: false };

/** Prompts where nothing has been entered yet: a new topic there leaves the contact request. */
const leavablePrompts: ReadonlySet<string> = new Set([DialogIds.choosePrompt, DialogIds.offerPrompt]);
const emailInText = /[^\s<>()"',;:]+@[^\s<>()"',;:]+/;

type ChoiceSpec = { value: string; title: MessageKey; words?: MessageKey };

function choices(language: Language, specs: readonly ChoiceSpec[]): Choice[] {
  return specs.map(({ value, title, words }) => {
    const label = format(language, title);
    return {
      value,
      action: { type: ActionTypes.ImBack, title: label, value: label },
      synonyms: [label, ...(words ? format(language, words).split('|') : [])],
    };
  });
}

const yesNo: ChoiceSpec[] = [
  { value: 'yes', title: 'choiceYes', words: 'yesWords' },
  { value: 'no', title: 'choiceNo', words: 'noWords' },
];
const sendEditCancel: ChoiceSpec[] = [
  { value: 'send', title: 'choiceSend', words: 'sendWords' },
  { value: 'edit', title: 'choiceEdit', words: 'editWords' },
  { value: 'cancel', title: 'choiceCancel', words: 'cancelWords' },
];
const fields: ChoiceSpec[] = [
  { value: 'name', title: 'fieldName' },
  { value: 'email', title: 'fieldEmail' },
  { value: 'organization', title: 'fieldOrganization' },
  { value: 'message', title: 'fieldMessage' },
  { value: 'recipient', title: 'fieldRecipient' },
];

/**
 * Takes a contact request from "I want to talk to the deputy" to a stored inquiry with a
 * reference: the recipient (named, routed by topic, or chosen), their card, then the person's
 * name, e-mail, organization and message, a summary to send, edit or cancel.
 */
export class ContactDialog extends CancelAndHelpDialog {
  constructor(private readonly options: ContactDialogOptions) {
    super(DialogIds.contact, options);
    const choice = new ChoicePrompt(DialogIds.choosePrompt);
    const offer = new ChoicePrompt(DialogIds.offerPrompt);
    const yesNoPrompt = new ChoicePrompt(DialogIds.yesNoPrompt);
    const summary = new ChoicePrompt(DialogIds.summaryPrompt);
    const edit = new ChoicePrompt(DialogIds.editPrompt);
    for (const prompt of [choice, offer, yesNoPrompt, summary, edit]) {
      prompt.style = ListStyle.suggestedAction;
      prompt.recognizerOptions = choiceRecognition;
      this.addDialog(prompt);
    }
    this.addDialog(new TextPrompt(DialogIds.namePrompt, (p) => this.validateName(p)));
    this.addDialog(new TextPrompt(DialogIds.emailPrompt, (p) => this.validateEmail(p)));
    this.addDialog(new TextPrompt(DialogIds.organizationPrompt));
    this.addDialog(new TextPrompt(DialogIds.messagePrompt, (p) => this.validateMessage(p)));
    this.addDialog(
      new WaterfallDialog(DialogIds.contactWaterfall, [
        this.chooseContactStep.bind(this),
        this.offerStep.bind(this),
        this.profileStep.bind(this),
        this.nameStep.bind(this),
        this.emailStep.bind(this),
        this.organizationStep.bind(this),
        this.messageStep.bind(this),
        this.summaryStep.bind(this),
        this.decisionStep.bind(this),
        this.editStep.bind(this),
      ]),
    );
    this.initialDialogId = DialogIds.contactWaterfall;
  }

  protected answersCurrentPrompt(innerDc: DialogContext, text: string): boolean {
    const prompt = innerDc.activeDialog;
    if (!prompt) return false;
    if (prompt.id === DialogIds.emailPrompt) return emailInText.test(text);
    if (prompt.id === DialogIds.namePrompt)
      return looksLikeName(cleanName(text)) && text.trim().split(/\s+/).length > 1;
    const offered = (prompt.state as { options?: { choices?: Choice[] } }).options?.choices;
    return offered ? recognizeChoices(text, offered, choiceRecognition).length > 0 : false;
  }

  protected leavesForNewTopic(promptId: string): boolean {
    return leavablePrompts.has(promptId);
  }

  private state(step: WaterfallStepContext): ContactRequestState {
    return step.options as ContactRequestState;
  }

  private contact(state: ContactRequestState): Contact {
    return this.options.contacts.find((c) => c.id === state.contactId) ?? (this.options.contacts[0] as Contact);
  }

  private async chooseContactStep(step: WaterfallStepContext) {
    const state = this.state(step);
    const language = turnLanguage(step.context);
    if (!state.contactId && state.topicText) {
      const routed = this.options.router.matchRule(state.topicText, language);
      if (routed) {
        state.contactId = routed.contact.id;
        await step.context.sendActivity(
          format(language, 'contactRouted', { name: routed.contact.name, title: routed.contact.title[language] }),
        );
      }
    }
    if (state.contactId) return step.next();
    return step.prompt(DialogIds.choosePrompt, {
      prompt: format(language, 'contactChoose'),
      choices: this.options.contacts.map((c) => ({
        value: c.id,
        action: { type: ActionTypes.ImBack, title: `${c.name} (${c.title[language]})`, value: c.name },
        synonyms: [c.name, ...c.name.split(' '), c.title.en, c.title.es, c.id],
      })),
    });
  }

  private async offerStep(step: WaterfallStepContext) {
    const state = this.state(step);
    const language = turnLanguage(step.context);
    if (step.result) state.contactId = (step.result as FoundChoice).value;
    const contact = this.contact(state);
    if (!state.cardShown) {
      // The details are those the mission publishes; the card cites where.
      const citation = this.options.knowledge.contactCitation(contact, language);
      const intro = format(language, 'contactCardIntro', { name: contact.name, title: contact.title[language] });
      await step.context.sendActivity({
        type: ActivityTypes.Message,
        text: citation ? `${intro} [1]` : intro,
        attachments: [contactCard(contact, language)],
        entities: citation ? [citationEntity([citation], language)] : undefined,
      });
      state.cardShown = true;
    }
    if (state.editing) return step.next({ value: 'yes' });
    if (step.context.activity.conversation?.isGroup) {
      // Names and e-mail addresses are not asked for in front of a whole channel.
      await step.context.sendActivity(format(language, 'privateChatHint'));
      setTurnOutcome(step.context, 'contact', 'group-chat');
      return step.endDialog();
    }
    return step.prompt(DialogIds.offerPrompt, {
      prompt: format(language, 'contactOfferSend', { name: contact.name }),
      choices: choices(language, yesNo),
    });
  }

  private async profileStep(step: WaterfallStepContext) {
    const state = this.state(step);
    const language = turnLanguage(step.context);
    if ((step.result as FoundChoice | undefined)?.value === 'no') {
      const contact = this.contact(state);
      await step.context.sendActivity(
        format(language, 'contactWriteDirectly', { name: contact.name, email: contact.email }),
      );
      setTurnOutcome(step.context, 'contact', 'direct');
      return step.endDialog();
    }
    if (!state.profileChecked && !state.requester.name) {
      state.profileChecked = true;
      const profile = await this.options.profiles.lookup(step.context);
      const checked = profile && requesterSchema.pick({ name: true, email: true }).safeParse(profile);
      if (checked?.success) {
        state.profile = checked.data;
        return step.prompt(DialogIds.yesNoPrompt, {
          prompt: format(language, 'teamsProfileConfirm', checked.data),
          choices: choices(language, yesNo),
        });
      }
    }
    return step.next();
  }

  private async nameStep(step: WaterfallStepContext) {
    const state = this.state(step);
    if (state.profile && (step.result as FoundChoice | undefined)?.value === 'yes') {
      state.requester.name = state.profile.name;
      state.requester.email = state.profile.email;
    }
    state.profile = undefined;
    if (state.requester.name) return step.next();
    const language = turnLanguage(step.context);
    return step.prompt(DialogIds.namePrompt, {
      prompt: format(language, 'askName'),
      retryPrompt: format(language, 'nameInvalid'),
    });
  }

  private async emailStep(step: WaterfallStepContext) {
    const state = this.state(step);
    if (typeof step.result === 'string' && !state.requester.name) state.requester.name = cleanName(step.result);
    if (state.requester.email) return step.next();
    return step.prompt(DialogIds.emailPrompt, {
      prompt: format(turnLanguage(step.context), 'askEmail', { name: this.contact(state).name }),
    });
  }

  private async organizationStep(step: WaterfallStepContext) {
    const state = this.state(step);
    const language = turnLanguage(step.context);
    if (typeof step.result === 'string' && !state.requester.email) {
      if (step.result === '') {
        const contact = this.contact(state);
        await step.context.sendActivity(format(language, 'emailGiveUp', { name: contact.name, email: contact.email }));
        setTurnOutcome(step.context, 'contact', 'no-email');
        return step.endDialog();
      }
      state.requester.email = step.result;
    }
    if (state.requester.organization !== undefined) return step.next();
    const prompt = MessageFactory.suggestedActions(
      [format(language, 'choiceSkip')],
      format(language, 'askOrganization'),
    );
    return step.prompt(DialogIds.organizationPrompt, { prompt: prompt as Activity });
  }

  private async messageStep(step: WaterfallStepContext) {
    const state = this.state(step);
    const language = turnLanguage(step.context);
    if (typeof step.result === 'string' && state.requester.organization === undefined) {
      const answer = step.result.trim();
      const skip = format(language, 'skipWords').split('|').concat(format(language, 'choiceSkip').toLowerCase());
      state.requester.organization = !answer || skip.includes(answer.toLowerCase()) ? null : answer.slice(0, 200);
    }
    if (state.message) return step.next();
    return step.prompt(DialogIds.messagePrompt, {
      prompt: format(language, 'askMessage', { name: this.contact(state).name, max: maxInquiryMessageChars }),
    });
  }

  private async summaryStep(step: WaterfallStepContext) {
    const state = this.state(step);
    const language = turnLanguage(step.context);
    if (typeof step.result === 'string' && !state.message) state.message = step.result.trim();
    state.editing = false;
    const contact = this.contact(state);
    // What people typed is escaped, so it shows as written and never as markup.
    const typed = (value: string) => escapeMarkdown(value.replace(/\s+/g, ' '));
    const summary = format(language, 'summary', {
      name: contact.name,
      title: contact.title[language],
      requester: typed(state.requester.name ?? ''),
      email: typed(state.requester.email ?? ''),
      organization: state.requester.organization
        ? typed(state.requester.organization)
        : format(language, 'summaryNone'),
      message: typed(state.message ?? ''),
    });
    return step.prompt(DialogIds.summaryPrompt, {
      prompt: { type: ActivityTypes.Message, text: summary, textFormat: 'markdown' },
      choices: choices(language, sendEditCancel),
    });
  }

  private async decisionStep(step: WaterfallStepContext) {
    const state = this.state(step);
    const language = turnLanguage(step.context);
    const decision = (step.result as FoundChoice).value;
    if (decision === 'cancel') {
      await step.context.sendActivity(format(language, 'contactCancelled'));
      setTurnOutcome(step.context, 'cancel');
      return step.endDialog();
    }
    if (decision === 'edit') {
      return step.prompt(DialogIds.editPrompt, {
        prompt: format(language, 'editWhich'),
        choices: choices(language, fields),
      });
    }
    const { activity } = step.context;
    const requester = requesterSchema.parse({
      name: state.requester.name,
      email: state.requester.email,
      organization: state.requester.organization ?? undefined,
    });
    const contact = this.contact(state);
    const { inquiry, created } = await this.options.delivery.submit({
      contactId: contact.id,
      requester,
      message: state.message ?? '',
      language,
      channelId: activity.channelId,
      // A channel that resends this activity gets the same inquiry back, not a second one.
      dedupeKey: `${activity.channelId}/${activity.conversation.id}/${activity.id ?? activity.timestamp?.toString() ?? ''}`,
    });
    await step.context.sendActivity(
      format(language, 'inquiryReceived', { name: contact.name, reference: inquiry.reference, email: requester.email }),
    );
    if (created) await this.options.onSubmitted?.(inquiry, contact);
    setTurnOutcome(step.context, 'contact', 'submitted');
    return step.endDialog(inquiry.reference);
  }

  private async editStep(step: WaterfallStepContext) {
    const state = this.state(step);
    const field = (step.result as FoundChoice).value;
    if (field === 'name') state.requester.name = undefined;
    if (field === 'email') state.requester.email = undefined;
    if (field === 'organization') state.requester.organization = undefined;
    if (field === 'message') state.message = undefined;
    if (field === 'recipient') {
      state.contactId = undefined;
      state.topicText = undefined;
      state.cardShown = false;
    }
    state.editing = true;
    return step.replaceDialog(DialogIds.contactWaterfall, state);
  }

  private async validateName(prompt: PromptValidatorContext<string>): Promise<boolean> {
    return prompt.recognized.succeeded && looksLikeName(cleanName(prompt.recognized.value ?? ''));
  }

  private async validateEmail(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const language = turnLanguage(prompt.context);
    const typed = prompt.recognized.value?.trim() ?? '';
    const candidate = emailInText.exec(typed)?.[0]?.replace(/[.]+$/, '') ?? typed;
    const parsed = requesterSchema.shape.email.safeParse(candidate);
    if (parsed.success) {
      prompt.recognized.value = parsed.data;
      return true;
    }
    if (prompt.attemptCount >= maxEmailAttempts) {
      // An empty value tells the next step to give up politely.
      prompt.recognized.value = '';
      return true;
    }
    const reason = format(language, candidate.includes('@') ? 'emailMalformed' : 'emailMissingAt');
    prompt.options.retryPrompt = MessageFactory.text(format(language, 'emailInvalid', { reason })) as Activity;
    return false;
  }

  private async validateMessage(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const language = turnLanguage(prompt.context);
    const text = prompt.recognized.value?.trim() ?? '';
    if (text.length > maxInquiryMessageChars) {
      prompt.options.retryPrompt = MessageFactory.text(
        format(language, 'messageTooLong', { length: text.length, max: maxInquiryMessageChars }),
      ) as Activity;
      return false;
    }
    if (text.length < 5) {
      prompt.options.retryPrompt = MessageFactory.text(format(language, 'messageTooShort')) as Activity;
      return false;
    }
    return true;
  }
}
