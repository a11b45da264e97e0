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
import { knowledgeReply, textReply } from '../src/bot/replies';
import { messageLanguage, turnLanguage } from '../src/bot/turnLanguage';
import { setTurnOutcome } from '../src/bot/turnOutcome';
import type { KnowledgeService } from '../src/core/answers/knowledgeService';
import { explicitCommand, type ExplicitCommand } from '../src/core/contact/explicitCommands';
import { routeFor } from '../src/core/conversation/routing';
import type { IntentRecognizer, IntentResult } from '../src/core/intents/intentTypes';
import { choices, yesNo } from './choices';
import { DialogIds, freeTextPrompts } from './dialogIds';

/** What interruptions need. */
export interface InterruptionOptions {
  recognizer: IntentRecognizer;
  knowledge: KnowledgeService;
  intentThreshold: number;
}

const handBackKey = Symbol('handBack');

/** A message a dialog ended on and returned to the router, with its recognized intent. */
export interface HandBack {
  recognized: IntentResult;
}

/** Takes (and clears) the message a dialog handed back to the router this turn, if any. */
export function takeHandBack(context: TurnContext): HandBack | undefined {
  const handBack = context.turnState.get(handBackKey) as HandBack | undefined;
  context.turnState.delete(handBackKey);
  return handBack;
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
 *   {@link leavesForNewTopic}), a message that is not an answer ends the dialog and goes back to the
 *   router, as a person who moves on from an offer expects.
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
            choices: choices(turnLanguage(step.context), yesNo),
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
    const language = messageLanguage(innerDc.context);
    const recognized = await this.interruptions.recognizer.recognize(text, language);
    const route = routeFor(recognized, this.interruptions.intentThreshold);
    // Free text that cannot be the answer (a question where a name is asked) may still be a
    // question about the mission; only explicit commands cancel or help there.
    const freeText = freeTextPrompts.has(promptId);
    if (route === 'cancel' && !freeText) return this.cancel(innerDc);
    if (route === 'help' && !freeText) return this.help(innerDc);
    if (this.leavesForNewTopic(promptId)) {
      innerDc.context.turnState.set(handBackKey, { recognized } satisfies HandBack);
      return innerDc.cancelAllDialogs();
    }
    if (route === 'question') {
      const reply = this.interruptions.knowledge.answer(text, language);
      if (reply.kind === 'answer') {
        await innerDc.context.sendActivity(knowledgeReply(reply));
        await innerDc.repromptDialog();
        setTurnOutcome(innerDc.context, 'answered');
        return { status: DialogTurnStatus.waiting };
      }
    }
    return undefined;
  }

  private async help(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.context.sendActivity(textReply(turnLanguage(innerDc.context), 'contactHelp'));
    await innerDc.repromptDialog();
    setTurnOutcome(innerDc.context, 'help');
    return { status: DialogTurnStatus.waiting };
  }

  /** Cancels now when nothing was entered (or the cancel is being confirmed), else asks first. */
  private async cancel(innerDc: DialogContext): Promise<DialogTurnResult> {
    const question =
      innerDc.activeDialog?.id === DialogIds.confirmCancelPrompt ? undefined : this.cancelConfirmation(innerDc);
    if (question) {
      setTurnOutcome(innerDc.context, 'cancel', 'confirming');
      return innerDc.beginDialog(DialogIds.confirmCancel, { question });
    }
    return this.cancelNow(innerDc);
  }

  private async cancelNow(dc: DialogContext): Promise<DialogTurnResult> {
    await dc.context.sendActivity(textReply(turnLanguage(dc.context), 'contactCancelled'));
    setTurnOutcome(dc.context, 'cancel');
    return dc.cancelAllDialogs();
  }

  /** "Yes" ends everything with nothing sent; "No" goes back to the prompt the cancel came from. */
  private async confirmedCancel(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as FoundChoice).value === 'yes') return this.cancelNow(step);
    setTurnOutcome(step.context, 'cancel', 'declined');
    // The prompt underneath asks its question again when this dialog ends.
    return step.endDialog();
  }
}
