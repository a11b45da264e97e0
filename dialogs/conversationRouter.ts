import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  type DialogContext,
  type DialogState,
  DialogSet,
  type DialogStateManagerConfiguration,
} from 'botbuilder-dialogs';
import { contactsNamed } from '../src/core/answers/answering';
import type { KnowledgeReply, KnowledgeService } from '../src/core/answers/knowledgeService';
import type { UnansweredQuestions } from '../src/core/answers/unansweredQuestions';
import { checkEmail, findEmailCandidate } from '../src/core/contact/emailAddress';
import { defaultIntentThreshold, refineContactRoute, routeFor } from '../src/core/conversation/routing';
import { languages } from '../src/core/text/normalize';
import { format } from '../src/core/i18n/messages';
import type { IntentRecognizer, IntentResult } from '../src/core/intents/intentTypes';
import type { Contact } from '../src/core/knowledge/knowledgeTypes';
import { contactsReply, knowledgeReply, textReply } from '../src/bot/replies';
import { turnLanguage } from '../src/bot/turnLanguage';
import { setTurnOutcome } from '../src/bot/turnOutcome';
import { takeHandBack } from './cancelAndHelpDialog';
import type { ContactDialog, ContactRequestState } from './contactDialog';
import { DialogIds } from './dialogIds';

/** The contacts a message names, by role ("the deputy") or by name ("Amy Paro"). */
export function namedContacts(result: IntentResult, contacts: readonly Contact[]): Contact[] {
  const wanted = new Set(contactsNamed(result.entities, contacts).contactIds);
  return contacts.filter((c) => wanted.has(c.id));
}

/**
 * The turn-state key under which botbuilder-dialogs looks for its memory-scope configuration
 * before building a new one (DialogManager's `stateConfiguration` travels the same way).
 */
const stateConfigurationKey = 'DialogStateManagerConfiguration';

/** What the router needs, passed in by the composition root. */
export interface ConversationRouterOptions {
  recognizer: IntentRecognizer;
  knowledge: KnowledgeService;
  contacts: readonly Contact[];
  /** Below this score an intent does not steer; the message is answered as a question. */
  intentThreshold?: number;
  /** The contact-request dialog; without it a contact request shows the contacts' details. */
  contactDialog?: ContactDialog;
  /** Counts the questions the knowledge could not answer, for the curators' report. */
  unanswered?: UnansweredQuestions;
  /** Told when counting an unanswered question fails; the turn goes on regardless. */
  onUnansweredError?: (error: unknown) => void;
  /** Told of each knowledge reply sent (for the curators' report), with the id of its activity. */
  onKnowledgeReply?: (context: TurnContext, question: string, reply: KnowledgeReply, sentId?: string) => Promise<void>;
}

/**
 * Routes each message. A contact request in progress is a dialog and gets the message first; any
 * other message is routed by intent: questions to the knowledge base, contact requests to the
 * contact dialog, and greetings, help, cancel and goodbye to their replies. A one-shot message
 * never builds a dialog context, which keeps the common turn cheap.
 */
export class ConversationRouter {
  private readonly threshold: number;
  /** Built with the first dialog context and reused: it holds no per-turn data. */
  private stateConfiguration?: DialogStateManagerConfiguration;
  /** The dialog set, made once for the state accessor it keeps the stack in. */
  private dialogSet?: { accessor: StatePropertyAccessor<DialogState>; dialogs: DialogSet };
  /** The decline offers "Contact the mission" as a button; its text always means a contact request. */
  private readonly contactActionLabels: ReadonlySet<string> = new Set(
    languages.map((l) => format(l, 'declineContactAction')),
  );

  constructor(private readonly options: ConversationRouterOptions) {
    this.threshold = options.intentThreshold ?? defaultIntentThreshold;
  }

  /** Handles one message turn; `dialogState` holds the dialog stack between turns. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const state = await dialogState.get(context, { dialogStack: [] });
    let dialogContext: DialogContext | undefined;
    let recognized: IntentResult | undefined;
    const dialogs = this.dialogs(dialogState);
    // A stack left by an older release, whose dialogs no longer exist, is dropped: the message is
    // routed afresh rather than failing.
    if (state.dialogStack.some((instance) => !dialogs.find(instance.id))) state.dialogStack = [];
    if (state.dialogStack.length > 0) {
      dialogContext = await this.createDialogContext(dialogs, context);
      await dialogContext.continueDialog();
      // The dialog hands a message back when it starts something new (a question at an offer).
      const handedBack = takeHandBack(context);
      if (!handedBack) return;
      recognized = handedBack.recognized;
    }
    await this.route(context, recognized ?? (await this.recognize(context)), async (contactState) => {
      dialogContext ??= await this.createDialogContext(dialogs, context);
      await dialogContext.beginDialog(DialogIds.contact, contactState);
    });
  }

  private dialogs(dialogState: StatePropertyAccessor<DialogState>): DialogSet {
    if (this.dialogSet?.accessor !== dialogState) {
      const dialogs = new DialogSet(dialogState);
      if (this.options.contactDialog) dialogs.add(this.options.contactDialog);
      this.dialogSet = { accessor: dialogState, dialogs };
    }
    return this.dialogSet.dialogs;
  }

  /**
   * A dialog context whose memory scopes are configured once for all turns; botbuilder-dialogs
   * would otherwise rebuild its scope and path-resolver registry for every turn.
   */
  private async createDialogContext(dialogs: DialogSet, context: TurnContext): Promise<DialogContext> {
    if (this.stateConfiguration) context.turnState.set(stateConfigurationKey, this.stateConfiguration);
    const dialogContext = await dialogs.createContext(context);
    this.stateConfiguration ??= dialogContext.state.configuration;
    return dialogContext;
  }

  private recognize(context: TurnContext): Promise<IntentResult> {
    return this.options.recognizer.recognize(context.activity.text ?? '', turnLanguage(context));
  }

  private async route(
    context: TurnContext,
    recognized: IntentResult,
    beginContact: (state: ContactRequestState) => Promise<void>,
  ): Promise<void> {
    const language = turnLanguage(context);
    const text = context.activity.text ?? '';
    const route = this.contactActionLabels.has(text)
      ? 'contact'
      : refineContactRoute(routeFor(recognized, this.threshold), text);

    // "Thanks", "hello there", "cancel": a short message that is not shaped as a question stands alone.
    if (route !== 'contact' && route !== 'question' && !/[?¿]/.test(text) && text.trim().split(/\s+/).length <= 3) {
      await context.sendActivity(textReply(language, route === 'cancel' ? 'nothingToCancel' : route));
      setTurnOutcome(context, route);
      return;
    }
    if (route !== 'contact') {
      const reply = this.options.knowledge.answer(
        text,
        language,
        contactsNamed(recognized.entities, this.options.contacts),
      );
      // "Hi, who is the director?" is a question: a greeting, thanks or plea for help ("what
      // support do Venezuelan refugees get?") only stands alone when the knowledge has nothing to
      // say about the message.
      // A question mark outweighs an intent: "Is this current? When was it posted?" is no cancel.
      const asks = reply.kind === 'answer' || (reply.kind === 'suggest' && /[?¿]/.test(text));
      if (route !== 'question' && !asks) {
        await context.sendActivity(textReply(language, route === 'cancel' ? 'nothingToCancel' : route));
        setTurnOutcome(context, route);
        return;
      }
      const sent = await context.sendActivity(knowledgeReply(reply, this.options.contacts));
      await this.options.onKnowledgeReply?.(context, text, reply, sent?.id);
      if (reply.kind === 'answer') {
        setTurnOutcome(context, 'answered');
        return;
      }
      if (reply.kind === 'suggest') {
        setTurnOutcome(context, 'suggested');
        return;
      }
      setTurnOutcome(context, 'declined', reply.reason);
      this.options.unanswered?.record(text, language, reply.reason).catch((error: unknown) => {
        this.options.onUnansweredError?.(error);
      });
      return;
    }
    if (this.options.contactDialog) {
      const named = namedContacts(recognized, this.options.contacts);
      // Read from the text, not the model's ASCII-only Email entity, so "josé@example.pe" is whole.
      const email = checkEmail(findEmailCandidate(text) ?? '');
      setTurnOutcome(context, 'contact', 'started');
      await beginContact({
        contactId: named.length === 1 ? named[0]?.id : undefined,
        topicText: text,
        requester: { email: email.ok ? email.address : undefined },
      });
      return;
    }
    const named = namedContacts(recognized, this.options.contacts);
    const shown = named.length > 0 ? named : this.options.contacts;
    await context.sendActivity(
      contactsReply(
        language,
        shown.map((contact) => ({ contact, citation: this.options.knowledge.contactCitation(contact, language) })),
      ),
    );
    setTurnOutcome(context, 'contact');
  }
}
