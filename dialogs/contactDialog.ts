import { randomUUID } from 'node:crypto';
import { ActionTypes, ActivityTypes } from 'botbuilder';
import {
  ChoicePrompt,
  type DialogContext,
  type FindChoicesOptions,
  type FoundChoice,
  ListStyle,
  type PromptOptions,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { contactCard } from './activities/cards';
import { citationEntity } from './activities/citationEntity';
import type { ProfileLookup } from './profileLookup';
import { contactsReply, escapeMarkdown } from './activities/replies';
import type { ContactRouter } from '../src/core/contact/contactRouting';
import type { DeliveryService } from '../src/core/contact/deliveryService';
import { type Inquiry, maxInquiryMessageChars, requesterSchema } from '../src/core/contact/inquiry';
import type { CapScope } from '../src/core/contact/sendLimits';
import { format } from '../src/core/i18n/messages';
import type { Contact } from '../src/core/knowledge/knowledgeTypes';
import type { Language } from '../src/core/text/normalize';
import { CancelAndHelpDialog, type InterruptionOptions, recognizedChoice } from './cancelAndHelpDialog';
import { choices, fields, yesNo } from './choices';
import {
  holdsEmail,
  looksLikeName,
  cleanName,
  organizationFrom,
  validateEmail,
  validateMessage,
  validateName,
  validateOrganization,
  withCancelButton,
} from './contactInput';
import { limitedReply, receivedReply, senderOf, summaryPrompt } from './contactReplies';
import { DialogIds } from './dialogIds';
import { reportOutcome, turnOf } from './dialogTurn';

/** What the contact dialog has gathered so far; also how it is started and restarted. */
export interface ContactRequestState {
  contactId?: string;
  /** What the person first wrote, used to route by topic. */
  topicText?: string;
  /**
   * The person asked how or whom to reach: the choice of contact shows each one's published
   * details, so the question is answered whether or not they go on to write through the bot.
   */
  showContacts?: boolean;
  requester: { name?: string; email?: string; organization?: string | null };
  message?: string;
  cardShown?: boolean;
  profileChecked?: boolean;
  profile?: { name: string; email: string };
  /** Set after "Edit": the dialog runs again, skipping what is already known. */
  editing?: boolean;
  /**
   * The idempotency key of the summary now shown, made when it is first shown and dropped on
   * "Edit": every Send of this summary, however often and wherever it arrives, is one inquiry.
   */
  submissionKey?: string;
  /** Set when storing failed at Send: the summary is offered again with that explanation. */
  notice?: 'storeFailed';
  /**
   * The language the request began in. The dialog keeps it until the person asks for another:
   * an organization or message typed in the other language is data, not a wish to switch.
   */
  language?: Language;
}

export interface ContactDialogOptions extends InterruptionOptions {
  router: ContactRouter;
  delivery: DeliveryService;
  profiles: ProfileLookup;
  /** Told of each new inquiry once it is stored (the Teams inbox channel). */
  onSubmitted?: (inquiry: Inquiry, contact: Contact) => Promise<void>;
  /** Told when the inquiry could not be stored at Send (for the log); the draft is kept. */
  onStoreFailed?: (error: unknown) => void;
}

/** How the choice prompts read answers: by the choices' words or an ordinal ("the second"). */
const choiceRecognition: FindChoicesOptions = { noValue: false, recognizeOrdinals: true, recognizeNumbers: false };

/** Prompts where nothing has been entered yet: a new topic there leaves the contact request. */
const leavablePrompts: ReadonlySet<string> = new Set([DialogIds.choosePrompt, DialogIds.offerPrompt]);

/**
 * Takes a contact request from "I want to talk to the deputy" to a stored inquiry with a
 * reference: the recipient (named, routed by topic, or chosen), their card, then the person's
 * name, e-mail, organization and message, taken as typed, and a summary to send, edit or cancel.
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
    this.addDialog(new TextPrompt(DialogIds.namePrompt, validateName));
    this.addDialog(new TextPrompt(DialogIds.emailPrompt, validateEmail));
    this.addDialog(new TextPrompt(DialogIds.organizationPrompt, validateOrganization));
    this.addDialog(new TextPrompt(DialogIds.messagePrompt, validateMessage));
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
    if (prompt.id === DialogIds.emailPrompt) return holdsEmail(text);
    if (prompt.id === DialogIds.namePrompt) return looksLikeName(cleanName(text));
    if (prompt.id === DialogIds.organizationPrompt || prompt.id === DialogIds.messagePrompt) return true;
    return recognizedChoice(innerDc, text) !== undefined;
  }

  protected leavesForNewTopic(promptId: string): boolean {
    return leavablePrompts.has(promptId);
  }

  protected override keepLanguage(innerDc: DialogContext): void {
    const state = this.requestState(innerDc);
    if (!state) return;
    const turn = turnOf(innerDc);
    if (!state.language || turn.languageChosen) state.language = turn.language;
    else turn.language = state.language;
    // Prompt validators see only their prompt's options: the waiting prompt is told the language there.
    const prompt = innerDc.activeDialog?.state as { options?: PromptOptions } | undefined;
    if (prompt?.options) prompt.options.validations = { language: turn.language };
  }

  /** What the dialog has gathered, read from the waterfall under way. */
  private requestState(innerDc: DialogContext): ContactRequestState | undefined {
    const waterfall = innerDc.stack.find((instance) => instance.id === DialogIds.contactWaterfall);
    return (waterfall?.state as { options?: ContactRequestState } | undefined)?.options;
  }

  protected cancelConfirmation(innerDc: DialogContext): string | undefined {
    const state = this.requestState(innerDc);
    if (!state) return undefined;
    const { name, email, organization } = state.requester;
    if (!name && !email && !organization && !state.message) return undefined;
    return format(turnOf(innerDc).language, 'cancelConfirm', { name: this.contact(state).name });
  }

  private state(step: WaterfallStepContext): ContactRequestState {
    return step.options as ContactRequestState;
  }

  private contact(state: ContactRequestState): Contact {
    return this.options.contacts.find((c) => c.id === state.contactId) ?? (this.options.contacts[0] as Contact);
  }

  private async chooseContactStep(step: WaterfallStepContext) {
    const state = this.state(step);
    const language = turnOf(step).language;
    state.language ??= language;
    if (!state.contactId && state.topicText) {
      const routed = this.options.router.matchRule(state.topicText, language);
      if (routed) {
        state.contactId = routed.contact.id;
        const said = format(language, 'contactRouted', {
          name: routed.contact.name,
          title: routed.contact.title[language],
        });
        // Asked for the contacts ("I'm a journalist: who can I contact? names and emails"), the
        // person gets both published addresses before being told whom the request goes to.
        await step.context.sendActivity(state.showContacts ? this.everyContact(language, said) : said);
        if (state.showContacts) state.cardShown = true;
      }
    }
    if (state.contactId) return step.next();
    const choose = format(language, 'contactChoose');
    return step.prompt(DialogIds.choosePrompt, {
      prompt: state.showContacts ? this.everyContact(language, choose) : choose,
      choices: this.options.contacts.map((c) => ({
        value: c.id,
        action: { type: ActionTypes.ImBack, title: `${c.name} (${c.title[language]})`, value: c.name },
        synonyms: [c.name, ...c.name.split(' '), c.title.en, c.title.es, c.id],
      })),
    });
  }

  /** Both contacts' published addresses, cited, then `closing`. */
  private everyContact(language: Language, closing: string) {
    const { contacts, knowledge } = this.options;
    return contactsReply(
      language,
      contacts.map((contact) => ({ contact, citation: knowledge.contactCitation(contact, language) })),
      closing,
    );
  }

  private async offerStep(step: WaterfallStepContext) {
    const state = this.state(step);
    const language = turnOf(step).language;
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
    if (state.editing) return step.next();
    if (step.context.activity.conversation?.isGroup) {
      // Names and e-mail addresses are not asked for in front of a whole channel.
      await step.context.sendActivity(format(language, 'privateChatHint'));
      reportOutcome(step, 'contact', 'group-chat');
      return step.endDialog();
    }
    return step.prompt(DialogIds.offerPrompt, {
      prompt: format(language, 'contactOfferSend', { name: contact.name }),
      choices: choices(language, yesNo),
    });
  }

  private async profileStep(step: WaterfallStepContext) {
    const state = this.state(step);
    const language = turnOf(step).language;
    const contact = this.contact(state);
    const answer = (step.result as FoundChoice | undefined)?.value;
    if (answer === 'no') {
      await step.context.sendActivity(
        format(language, 'contactWriteDirectly', { name: contact.name, email: contact.email }),
      );
      reportOutcome(step, 'contact', 'direct');
      return step.endDialog();
    }
    if (answer === 'yes') {
      // Said before anything is typed, rather than after the whole message.
      const reached = await this.options.delivery.limitReached(senderOf(step.context)).catch(() => undefined);
      if (reached) return this.refuse(step, contact, reached);
    }
    if (!state.profileChecked && !state.requester.name) {
      state.profileChecked = true;
      const profile = await this.options.profiles.lookup(step.context);
      const checked = profile && requesterSchema.pick({ name: true, email: true }).safeParse(profile);
      if (checked?.success) {
        state.profile = checked.data;
        return step.prompt(DialogIds.yesNoPrompt, {
          prompt: format(language, 'teamsProfileConfirm', {
            name: escapeMarkdown(checked.data.name),
            email: escapeMarkdown(checked.data.email),
          }),
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
    const language = turnOf(step).language;
    return step.prompt(DialogIds.namePrompt, {
      prompt: withCancelButton(language, format(language, 'askName')),
      retryPrompt: withCancelButton(language, format(language, 'nameInvalid')),
    });
  }

  private async emailStep(step: WaterfallStepContext) {
    const state = this.state(step);
    if (typeof step.result === 'string' && !state.requester.name) state.requester.name = step.result;
    if (state.requester.email) return step.next();
    const language = turnOf(step).language;
    const prompt = format(language, 'askEmail', { name: this.contact(state).name });
    return step.prompt(DialogIds.emailPrompt, { prompt: withCancelButton(language, prompt) });
  }

  private async organizationStep(step: WaterfallStepContext) {
    const state = this.state(step);
    const language = turnOf(step).language;
    if (typeof step.result === 'string' && !state.requester.email) {
      if (step.result === '') {
        const contact = this.contact(state);
        await step.context.sendActivity(format(language, 'emailGiveUp', { name: contact.name, email: contact.email }));
        reportOutcome(step, 'contact', 'no-email');
        return step.endDialog();
      }
      state.requester.email = step.result;
    }
    if (state.requester.organization !== undefined) return step.next();
    const prompt = withCancelButton(language, format(language, 'askOrganization'), [format(language, 'choiceSkip')]);
    return step.prompt(DialogIds.organizationPrompt, { prompt });
  }

  private async messageStep(step: WaterfallStepContext) {
    const state = this.state(step);
    const language = turnOf(step).language;
    if (typeof step.result === 'string' && state.requester.organization === undefined) {
      state.requester.organization = organizationFrom(step.result);
    }
    if (state.message) return step.next();
    const prompt = format(language, 'askMessage', { name: this.contact(state).name, max: maxInquiryMessageChars });
    return step.prompt(DialogIds.messagePrompt, { prompt: withCancelButton(language, prompt) });
  }

  private async summaryStep(step: WaterfallStepContext) {
    const state = this.state(step);
    const language = turnOf(step).language;
    if (typeof step.result === 'string' && !state.message) state.message = step.result.trim();
    state.editing = false;
    state.submissionKey ??= randomUUID();
    const failed = state.notice === 'storeFailed';
    state.notice = undefined;
    return step.prompt(DialogIds.summaryPrompt, summaryPrompt(state, this.contact(state), language, failed));
  }

  private async decisionStep(step: WaterfallStepContext) {
    const language = turnOf(step).language;
    const decision = (step.result as FoundChoice).value;
    if (decision === 'cancel') {
      // Reached only if the interruption did not take it (it asks to confirm first).
      await step.context.sendActivity(format(language, 'contactCancelled'));
      reportOutcome(step, 'cancel');
      return step.endDialog();
    }
    if (decision === 'edit') {
      return step.prompt(DialogIds.editPrompt, {
        prompt: format(language, 'editWhich'),
        choices: choices(language, fields),
      });
    }
    return this.send(step, language);
  }

  /** Stores the inquiry once, whatever the activity, then tells the person the one outcome. */
  private async send(step: WaterfallStepContext, language: Language) {
    const state = this.state(step);
    const contact = this.contact(state);
    const requester = requesterSchema.parse({
      name: state.requester.name,
      email: state.requester.email,
      organization: state.requester.organization ?? undefined,
    });
    state.submissionKey ??= randomUUID();
    let outcome;
    try {
      outcome = await this.options.delivery.submitWithinLimits(
        {
          contactId: contact.id,
          requester,
          message: state.message ?? '',
          language,
          channelId: step.context.activity.channelId,
          dedupeKey: `summary/${state.submissionKey}`,
        },
        senderOf(step.context),
      );
    } catch (error) {
      // Nothing typed is lost: the summary is offered again, with the contact's own address.
      this.options.onStoreFailed?.(error);
      state.notice = 'storeFailed';
      state.editing = true;
      reportOutcome(step, 'contact', 'store-failed');
      return step.replaceDialog(DialogIds.contactWaterfall, state);
    }
    if (outcome.kind === 'limited') return this.refuse(step, contact, outcome);
    const { inquiry, created } = outcome;
    await step.context.sendActivity(receivedReply(language, contact, inquiry.reference, requester.email));
    if (created) await this.options.onSubmitted?.(inquiry, contact);
    reportOutcome(step, 'contact', 'submitted');
    return step.endDialog(inquiry.reference);
  }

  /** Over a cap: says which, plainly, with the contact's own address; nothing is sent. */
  private async refuse(step: WaterfallStepContext, contact: Contact, limit: { scope: CapScope; cap: number }) {
    await step.context.sendActivity(limitedReply(turnOf(step).language, contact, limit.scope, limit.cap));
    reportOutcome(step, 'contact', `limited-${limit.scope}`);
    return step.endDialog();
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
    // A changed summary is a new one: its Send makes a new inquiry.
    state.submissionKey = undefined;
    state.editing = true;
    return step.replaceDialog(DialogIds.contactWaterfall, state);
  }
}
