import { ActivityTypes, type TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
  type Choice,
  ComponentDialog,
  type DialogContext,
  type DialogTurnResult,
  DialogTurnStatus,
  type FoundChoice,
  ListStyle,
  recognizeChoices,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { knowledgeReply, textReply } from './activities/replies';
import type { KnowledgeReply, KnowledgeService } from '../src/core/answers/knowledgeService';
import { explicitCommand, type ExplicitCommand } from '../src/core/contact/explicitCommands';
import { decideRoute, type RouteDecision } from '../src/core/conversation/routing';
import type { IntentRecognizer } from '../src/core/intents/intentTypes';
import type { MessageVocabulary } from '../src/core/intents/messageVocabulary';
import type { Contact } from '../src/core/knowledge/knowledgeTypes';
import { choices, yesNo } from './choices';
import { DialogIds, freeTextPrompts } from './dialogIds';
import { reportOutcome, turnOf } from './dialogTurn';

/** What interruptions need. */
/** Told of a knowledge reply sent (for the curators' report), with the id of its activity. */
export type KnowledgeReplyListener = (
  context: TurnContext,
  question: string,
  reply: KnowledgeReply,
  sentId?: string,
) => Promise<void>;

export interface InterruptionOptions {
  recognizer: IntentRecognizer;
  knowledge: KnowledgeService;
  intentThreshold: number;
  contacts: readonly Contact[];
  /** The intent model's words (see {@link decideRoute}). */
  vocabulary?: MessageVocabulary;
  /** Told of every answer given inside the dialog, as the router tells of its own. */
  onKnowledgeReply?: KnowledgeReplyListener;
}

/** What a dialog ends with when a message starts something new: the router acts on the decision. */
export interface NewTopic {
  newTopic: RouteDecision;
}

const recognizedChoiceKey = Symbol('recognizedChoice');

/** The last choice recognition of a turn: asked twice (a cancel? an answer?) for one message. */
interface RecognizedChoice {
  offered: Choice[];
  text: string;
  value: string | undefined;
}

/**
 * How the choices offered by the prompt now waiting read `text`, if they recognize it. Worked out
 * once per turn: the ordinal recognizer ("the second one") costs tens of microseconds a call.
 */
export function recognizedChoice(innerDc: DialogContext, text: string): string | undefined {
  const offered = (innerDc.activeDialog?.state as { options?: { choices?: Choice[] } } | undefined)?.options?.choices;
  if (!offered) return undefined;
  const { turnState } = innerDc.context;
  const last = turnState.get(recognizedChoiceKey) as RecognizedChoice | undefined;
  if (last?.offered === offered && last.text === text) return last.value;
  const found = recognizeChoices(text, offered, { noValue: false, recognizeOrdinals: true, recognizeNumbers: false });
  const value = found[0]?.resolution.value;
  turnState.set(recognizedChoiceKey, { offered, text, value } satisfies RecognizedChoice);
  return value;
}

/**
 * Base of every multi-turn dialog.
 *
 * - Where people type free text ({@link freeTextPrompts}: a name, an organization, a message), the
 *   text is the answer as typed. Only the whole message being an explicit command ("cancel",
 *   "cancelar", "help", "ayuda") interrupts; no classifier score does. (Text the prompt cannot
 *   take, such as a question where a name is asked, may be answered as a question.)
 * - At the other prompts (choices, the e-mail address), a message that is not an answer goes
 *   through the recognizer: cancel and help as above, and a question about the mission is answered
 *   before the dialog asks again. Where nothing has been entered yet (see
 *   {@link leavesForNewTopic}), a message that is not an answer ends the dialog with its route
 *   decided ({@link NewTopic}), for the router to act on, as a person who moves on from an offer expects.
 * - Cancelling once something has been entered asks first (see {@link cancelConfirmation}); "No"
 *   returns to the same prompt with everything kept.
 */
export abstract class CancelAndHelpDialog extends ComponentDialog {
  protected constructor(
    id: string,
    protected readonly interruptions: InterruptionOptions,
  ) {
    super(id);
    const confirm = new ChoicePrompt(DialogIds.confirmCancelPrompt);
    confirm.style = ListStyle.suggestedAction;
    this.addDialog(confirm);
    this.addDialog(
      new WaterfallDialog(DialogIds.confirmCancel, [
        async (step) =>
          step.prompt(DialogIds.confirmCancelPrompt, {
            prompt: (step.options as { question: string }).question,
            choices: choices(turnOf(step).language, yesNo),
          }),
        async (step) => this.confirmedCancel(step),
      ]),
    );
  }

  /**
   * Whether `text` is a valid answer to the prompt now waiting; such text never interrupts. At a
   * free-text prompt every text the prompt accepts must count (any organization, any message).
   */
  protected abstract answersCurrentPrompt(innerDc: DialogContext, text: string): boolean;

  /** Whether a new topic at this prompt ends the dialog (nothing would be lost by leaving). */
  protected abstract leavesForNewTopic(promptId: string): boolean;

  /** The question that confirms a cancel, when something has been entered; else cancel at once. */
  protected abstract cancelConfirmation(innerDc: DialogContext): string | undefined;

  /** Sets the language of a turn inside the dialog, before anything is said (see ContactDialog). */
  protected keepLanguage(_innerDc: DialogContext): void {}

  override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    this.keepLanguage(innerDc);
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { activity } = innerDc.context;
    const text = activity.text?.trim() ?? '';
    if (activity.type !== ActivityTypes.Message || !text) return undefined;
    const promptId = innerDc.activeDialog?.id ?? '';
    // The summary's own Cancel choice ("stop", "discard") is a cancel like the command.
    const command: ExplicitCommand | undefined =
      explicitCommand(text) ?? (recognizedChoice(innerDc, text) === 'cancel' ? 'cancel' : undefined);
    if (command === 'cancel') return this.cancel(innerDc);
    if (command === 'help') return this.help(innerDc);
    if (this.answersCurrentPrompt(innerDc, text)) return undefined;

    // The message is read in its own language, even where the dialog keeps another.
    const language = turnOf(innerDc).messageLanguage;
    const { recognizer, knowledge, intentThreshold: threshold, contacts, vocabulary } = this.interruptions;
    const recognized = await recognizer.recognize(text, language);
    const decision = decideRoute({ text, language, recognized, threshold, contacts, knowledge, vocabulary });
    // Free text that cannot be the answer (a question where a name is asked) may still be a
    // question about the mission; only explicit commands cancel or help there.
    const freeText = freeTextPrompts.has(promptId);
    if (decision.route === 'cancel' && !freeText) return this.cancel(innerDc);
    if (decision.route === 'help' && !freeText) return this.help(innerDc);
    if (this.leavesForNewTopic(promptId)) {
      await innerDc.cancelAllDialogs();
      return { status: DialogTurnStatus.complete, result: { newTopic: decision } satisfies NewTopic };
    }
    if (decision.route === 'question' && decision.reply.kind === 'answer') {
      const sent = await innerDc.context.sendActivity(knowledgeReply(decision.reply));
      await this.interruptions.onKnowledgeReply?.(innerDc.context, text, decision.reply, sent?.id);
      await innerDc.repromptDialog();
      reportOutcome(innerDc, 'answered');
      return { status: DialogTurnStatus.waiting };
    }
    return undefined;
  }

  private async help(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.context.sendActivity(textReply(turnOf(innerDc).language, 'contactHelp'));
    await innerDc.repromptDialog();
    reportOutcome(innerDc, 'help');
    return { status: DialogTurnStatus.waiting };
  }

  /** Cancels now when nothing was entered (or the cancel is being confirmed), else asks first. */
  private async cancel(innerDc: DialogContext): Promise<DialogTurnResult> {
    const question =
      innerDc.activeDialog?.id === DialogIds.confirmCancelPrompt ? undefined : this.cancelConfirmation(innerDc);
    if (question) {
      reportOutcome(innerDc, 'cancel', 'confirming');
      return innerDc.beginDialog(DialogIds.confirmCancel, { question });
    }
    return this.cancelNow(innerDc);
  }

  private async cancelNow(dc: DialogContext): Promise<DialogTurnResult> {
    await dc.context.sendActivity(textReply(turnOf(dc).language, 'contactCancelled'));
    reportOutcome(dc, 'cancel');
    return dc.cancelAllDialogs();
  }

  /** "Yes" ends everything with nothing sent; "No" goes back to the prompt the cancel came from. */
  private async confirmedCancel(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as FoundChoice).value === 'yes') return this.cancelNow(step);
    reportOutcome(step, 'cancel', 'declined');
    // The prompt underneath asks its question again when this dialog ends.
    return step.endDialog();
  }
}
