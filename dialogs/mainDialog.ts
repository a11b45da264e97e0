import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  type DialogState,
  DialogSet,
  DialogTurnStatus,
  type Recognizer,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { KnowledgeService } from '../src/core/answers/knowledgeService';
import type { UnansweredQuestions } from '../src/core/answers/unansweredQuestions';
import { requesterSchema } from '../src/core/contact/inquiry';
import { defaultIntentThreshold, refineContactRoute, routeFor } from '../src/core/conversation/routing';
import type { Language } from '../src/core/text/normalize';
import { format } from '../src/core/i18n/messages';
import type { IntentResult } from '../src/core/intents/intentTypes';
import type { Contact } from '../src/core/knowledge/knowledgeTypes';
import { contactsReply, knowledgeReply, textReply } from '../src/bot/replies';
import { fromRecognizerResult } from '../src/bot/recognizerAdapter';
import { turnLanguage } from '../src/bot/turnLanguage';
import { setTurnOutcome } from '../src/bot/turnOutcome';
import { type ContactDialog, type ContactRequestState } from './contactDialog';
import { DialogIds } from './dialogIds';

/** The contacts a message names, by role ("the deputy") or by name ("Amy Paro"). */
export function contactsNamed(result: IntentResult, contacts: readonly Contact[]): Contact[] {
  const wanted = new Set(
    result.entities.filter((e) => e.category === 'ContactRole' || e.category === 'PersonName').map((e) => e.value),
  );
  return contacts.filter((c) => wanted.has(c.id) || wanted.has(c.name));
}

/** What the main dialog needs, passed in by the composition root. */
export interface MainDialogOptions {
  recognizer: Recognizer;
  knowledge: KnowledgeService;
  contacts: readonly Contact[];
  /** Below this score an intent does not steer; the message is answered as a question. */
  intentThreshold?: number;
  /** The contact-request dialog; without it a contact request shows the contacts' details. */
  contactDialog?: ContactDialog;
  /** Counts the questions the knowledge could not answer, for the curators' report. */
  unanswered?: UnansweredQuestions;
  /** Word beginnings that mark a wish to get in touch, by language (knowledge/lexicon.json). */
  contactCues?: Record<Language, string[]>;
}

/**
 * Routes each message by intent: questions to the knowledge base, contact requests to the
 * mission's contacts, and greetings, help, cancel and goodbye to their replies.
 */
export class MainDialog extends ComponentDialog {
  private readonly threshold: number;

  constructor(private readonly options: MainDialogOptions) {
    super(DialogIds.main);
    this.threshold = options.intentThreshold ?? defaultIntentThreshold;
    if (options.contactDialog) this.addDialog(options.contactDialog);
    this.addDialog(new WaterfallDialog(DialogIds.mainWaterfall, [this.actStep.bind(this), this.finalStep.bind(this)]));
    this.initialDialogId = DialogIds.mainWaterfall;
  }

  /** Runs the dialog for one turn, continuing any dialog in progress. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dialogContext = await dialogSet.createContext(context);
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.id);
  }

  private async actStep(step: WaterfallStepContext) {
    const { context } = step;
    const language = turnLanguage(context);
    const text = context.activity.text ?? '';
    const recognized = fromRecognizerResult(await this.options.recognizer.recognize(step, context.activity));
    // The decline offers "Contact the mission" as a button; its text always means a contact request.
    const pressedContact = (['en', 'es'] as const).some((l) => text === format(l, 'declineContactAction'));
    const route = pressedContact
      ? 'contact'
      : refineContactRoute(routeFor(recognized, this.threshold), text, this.options.contactCues?.[language] ?? []);

    if (route === 'question' || route === 'greeting' || route === 'goodbye') {
      const reply = this.options.knowledge.answer(text, language);
      // "Hi, who is the director?" is a question: a greeting or thanks only stands alone when the
      // knowledge has nothing to say about the message.
      if (route === 'question' || reply.kind === 'answer') {
        await context.sendActivity(knowledgeReply(reply));
        setTurnOutcome(
          context,
          reply.kind === 'answer' ? 'answered' : 'declined',
          reply.kind === 'decline' ? reply.reason : undefined,
        );
        return step.endDialog();
      }
      await context.sendActivity(textReply(language, route));
      setTurnOutcome(context, route);
      return step.endDialog();
    }
    if (route === 'contact' && this.options.contactDialog) {
      const named = contactsNamed(recognized, this.options.contacts);
      const email = recognized.entities.find((e) => e.category === 'Email')?.value;
      const state: ContactRequestState = {
        contactId: named.length === 1 ? named[0]?.id : undefined,
        topicText: text,
        requester: { email: email && requesterSchema.shape.email.safeParse(email).success ? email : undefined },
      };
      setTurnOutcome(context, 'contact', 'started');
      return step.beginDialog(DialogIds.contact, state);
    }
    if (route === 'contact') {
      const named = contactsNamed(recognized, this.options.contacts);
      const shown = named.length > 0 ? named : this.options.contacts;
      await context.sendActivity(
        contactsReply(
          language,
          shown.map((contact) => ({ contact, citation: this.options.knowledge.contactCitation(contact, language) })),
        ),
      );
      setTurnOutcome(context, 'contact');
      return step.endDialog();
    }
    await context.sendActivity(textReply(language, route === 'cancel' ? 'nothingToCancel' : 'help'));
    setTurnOutcome(context, route);
    return step.endDialog();
  }

  private async finalStep(step: WaterfallStepContext) {
    return step.endDialog(step.result);
  }
}
