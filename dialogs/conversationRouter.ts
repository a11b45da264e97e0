import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  type DialogContext,
  type DialogState,
  DialogSet,
  type DialogStateManagerConfiguration,
} from 'botbuilder-dialogs';
import type { KnowledgeService } from '../src/core/answers/knowledgeService';
import type { UnansweredQuestions } from '../src/core/answers/unansweredQuestions';
import { checkEmail, findEmailCandidate } from '../src/core/contact/emailAddress';
import { decideRoute, type RouteDecision } from '../src/core/conversation/routing';
import type { Turn, TurnOutcomeRecord } from '../src/core/conversation/turn';
import type { IntentRecognizer } from '../src/core/intents/intentTypes';
import type { MessageVocabulary } from '../src/core/intents/messageVocabulary';
import type { Contact } from '../src/core/knowledge/knowledgeTypes';
import { contactsReply, knowledgeReply, textReply } from './activities/replies';
import type { KnowledgeReplyListener, NewTopic } from './cancelAndHelpDialog';
import type { ContactDialog, ContactRequestState } from './contactDialog';
import { DialogIds } from './dialogIds';
import { giveTurn } from './dialogTurn';

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
  /** The intent model's words (see {@link decideRoute}). */
  vocabulary?: MessageVocabulary;
  /** The contact-request dialog; without it a contact request shows the contacts' details. */
  contactDialog?: ContactDialog;
  /** Counts the questions the knowledge could not answer, for the curators' report. */
  unanswered?: UnansweredQuestions;
  /** Told when counting an unanswered question fails; the turn goes on regardless. */
  onUnansweredError?: (error: unknown) => void;
  /** Told of each knowledge reply sent (for the curators' report), with the id of its activity. */
  onKnowledgeReply?: KnowledgeReplyListener;
}

/**
 * Routes each message. A contact request in progress is a dialog and gets the message first; any
 * other message is routed by intent: questions to the knowledge base, contact requests to the
 * contact dialog, and greetings, help, cancel and goodbye to their replies. A one-shot message
 * never builds a dialog context, which keeps the common turn cheap.
 */
export class ConversationRouter {
  /** Built with the first dialog context and reused: it holds no per-turn data. */
  private stateConfiguration?: DialogStateManagerConfiguration;
  /** The dialog set, made once for the state accessor it keeps the stack in. */
  private dialogSet?: { accessor: StatePropertyAccessor<DialogState>; dialogs: DialogSet };

  constructor(private readonly options: ConversationRouterOptions) {}

  /**
   * Handles one message turn in `turn`'s language and returns what it ended in; `dialogState` holds
   * the dialog stack between turns.
   */
  async run(
    context: TurnContext,
    dialogState: StatePropertyAccessor<DialogState>,
    turn: Turn,
  ): Promise<TurnOutcomeRecord> {
    const state = await dialogState.get(context, { dialogStack: [] });
    let dialogContext: DialogContext | undefined;
    let decision: RouteDecision | undefined;
    const dialogs = this.dialogs(dialogState);
    // A stack left by an older release, whose dialogs no longer exist, is dropped: the message is
    // routed afresh rather than failing.
    if (state.dialogStack.some((instance) => !dialogs.find(instance.id))) state.dialogStack = [];
    if (state.dialogStack.length > 0) {
      dialogContext = await this.createDialogContext(dialogs, context, turn);
      // A dialog the message moved on from (a question at an offer) ends with the route decided.
      decision = ((await dialogContext.continueDialog()).result as Partial<NewTopic> | undefined)?.newTopic;
      if (!decision) return { outcome: turn.outcome, detail: turn.detail };
    }
    decision ??= decideRoute({
      text: context.activity.text ?? '',
      language: turn.language,
      recognized: await this.options.recognizer.recognize(context.activity.text ?? '', turn.language),
      threshold: this.options.intentThreshold,
      contacts: this.options.contacts,
      knowledge: this.options.knowledge,
      vocabulary: this.options.vocabulary,
    });
    return this.act(context, decision, async (contactState) => {
      dialogContext ??= await this.createDialogContext(dialogs, context, turn);
      turn.outcome = 'contact';
      turn.detail = 'started';
      await dialogContext.beginDialog(DialogIds.contact, contactState);
      return { outcome: turn.outcome, detail: turn.detail };
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
  private async createDialogContext(dialogs: DialogSet, context: TurnContext, turn: Turn): Promise<DialogContext> {
    if (this.stateConfiguration) context.turnState.set(stateConfigurationKey, this.stateConfiguration);
    const dialogContext = await dialogs.createContext(context);
    this.stateConfiguration ??= dialogContext.state.configuration;
    giveTurn(dialogContext, turn);
    return dialogContext;
  }

  /** Acts on the route decided for a message; a contact request begins the contact dialog. */
  private async act(
    context: TurnContext,
    decision: RouteDecision,
    beginContact: (state: ContactRequestState) => Promise<TurnOutcomeRecord>,
  ): Promise<TurnOutcomeRecord> {
    const { text, language } = decision;
    if (decision.route === 'question') {
      const { reply } = decision;
      const sent = await context.sendActivity(knowledgeReply(reply, this.options.contacts));
      await this.options.onKnowledgeReply?.(context, text, reply, sent?.id);
      if (reply.kind === 'answer') return { outcome: 'answered' };
      if (reply.kind === 'suggest') return { outcome: 'suggested' };
      this.options.unanswered?.record(text, language, reply.reason).catch((error: unknown) => {
        this.options.onUnansweredError?.(error);
      });
      return { outcome: 'declined', detail: reply.reason };
    }
    if (decision.route !== 'contact') {
      await context.sendActivity(textReply(language, decision.route === 'cancel' ? 'nothingToCancel' : decision.route));
      return { outcome: decision.route };
    }
    const { named } = decision;
    if (this.options.contactDialog) {
      // Read from the text, not the model's ASCII-only Email entity, so "josé@example.pe" is whole.
      const email = checkEmail(findEmailCandidate(text) ?? '');
      return beginContact({
        contactId: named.length === 1 ? named[0]?.id : undefined,
        topicText: text,
        showContacts: decision.asks,
        requester: { email: email.ok ? email.address : undefined },
      });
    }
    const shown = named.length > 0 ? named : this.options.contacts;
    await context.sendActivity(
      contactsReply(
        language,
        shown.map((contact) => ({ contact, citation: this.options.knowledge.contactCitation(contact, language) })),
      ),
    );
    return { outcome: 'contact' };
  }
}
