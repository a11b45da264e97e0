import { ActivityTypes, type TurnContext } from 'botbuilder';
import { ComponentDialog, type DialogContext, type DialogTurnResult, DialogTurnStatus } from 'botbuilder-dialogs';
import { knowledgeReply, textReply } from '../src/bot/replies';
import { turnLanguage } from '../src/bot/turnLanguage';
import { setTurnOutcome } from '../src/bot/turnOutcome';
import type { KnowledgeService } from '../src/core/answers/knowledgeService';
import { routeFor } from '../src/core/conversation/routing';
import type { IntentRecognizer, IntentResult } from '../src/core/intents/intentTypes';
import { freeTextPrompts } from './dialogIds';

/** What interruptions need. */
export interface InterruptionOptions {
  recognizer: IntentRecognizer;
  knowledge: KnowledgeService;
  intentThreshold: number;
}

/** Longest message, in words, read as "cancel" or "help" while free text is expected. */
const maxCommandWords = 4;

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

/**
 * Base of every multi-turn dialog: `cancel` ends it with nothing sent, `help` explains and asks
 * the same question again, and a question about the mission (where no free text is expected) is
 * answered before the dialog resumes where it was. At a prompt where nothing has been entered yet
 * (see {@link leavesForNewTopic}), a message that is not an answer ends the dialog and goes back to
 * the router, as a person who moves on from an offer expects.
 */
export abstract class CancelAndHelpDialog extends ComponentDialog {
  protected constructor(
    id: string,
    protected readonly interruptions: InterruptionOptions,
  ) {
    super(id);
  }

  /** Whether `text` is a valid answer to the prompt now waiting; such text never interrupts. */
  protected abstract answersCurrentPrompt(innerDc: DialogContext, text: string): boolean;

  /** Whether a new topic at this prompt ends the dialog (nothing would be lost by leaving). */
  protected abstract leavesForNewTopic(promptId: string): boolean;

  override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { activity } = innerDc.context;
    const text = activity.text?.trim() ?? '';
    if (activity.type !== ActivityTypes.Message || !text) return undefined;
    const promptId = innerDc.activeDialog?.id ?? '';
    const freeText = freeTextPrompts.has(promptId);
    const short = text.split(/\s+/).length <= maxCommandWords;
    if (this.answersCurrentPrompt(innerDc, text)) return undefined;
    // A long message where free text is expected is the answer: nothing could interrupt it.
    if (freeText && !short) return undefined;

    const language = turnLanguage(innerDc.context);
    const recognized = await this.interruptions.recognizer.recognize(text, language);
    const route = routeFor(recognized, this.interruptions.intentThreshold);
    if (route === 'cancel' && (!freeText || short)) {
      await innerDc.context.sendActivity(textReply(language, 'contactCancelled'));
      setTurnOutcome(innerDc.context, 'cancel');
      return innerDc.cancelAllDialogs();
    }
    if (route === 'help' && (!freeText || short)) {
      await innerDc.context.sendActivity(textReply(language, 'contactHelp'));
      await innerDc.repromptDialog();
      setTurnOutcome(innerDc.context, 'help');
      return { status: DialogTurnStatus.waiting };
    }
    if (this.leavesForNewTopic(promptId)) {
      innerDc.context.turnState.set(handBackKey, { recognized } satisfies HandBack);
      return innerDc.cancelAllDialogs();
    }
    if (route === 'question' && !freeText) {
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
}
