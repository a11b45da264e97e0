import { ActivityTypes } from 'botbuilder';
import {
  ComponentDialog,
  type DialogContext,
  type DialogTurnResult,
  DialogTurnStatus,
  type Recognizer,
} from 'botbuilder-dialogs';
import { knowledgeReply, textReply } from '../src/bot/replies';
import { fromRecognizerResult } from '../src/bot/recognizerAdapter';
import { turnLanguage } from '../src/bot/turnLanguage';
import { setTurnOutcome } from '../src/bot/turnOutcome';
import type { KnowledgeService } from '../src/core/answers/knowledgeService';
import { routeFor } from '../src/core/conversation/routing';
import { freeTextPrompts } from './dialogIds';

/** What interruptions need. */
export interface InterruptionOptions {
  recognizer: Recognizer;
  knowledge: KnowledgeService;
  intentThreshold: number;
}

/** Longest message, in words, read as "cancel" or "help" while free text is expected. */
const maxCommandWords = 4;

/**
 * Base of every multi-turn dialog: `cancel` ends it with nothing sent, `help` explains and asks
 * the same question again, and a question about the mission (where no free text is expected) is
 * answered before the dialog resumes where it was.
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

    const language = turnLanguage(innerDc.context);
    const recognized = fromRecognizerResult(await this.interruptions.recognizer.recognize(innerDc, activity));
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
