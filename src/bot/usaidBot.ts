import {
  type Activity,
  ActivityHandler,
  ActivityTypes,
  type ConversationState,
  type InvokeResponse,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { ConversationRouter } from '../../dialogs/conversationRouter';
import type { Turn, TurnOutcomeRecord } from '../core/conversation/turn';
import { type LanguagePolicy, localeLanguage } from '../core/language/languagePolicy';
import type { InquiryInbox } from './inquiryInbox';
import { type KnowledgeSignals, webChatFeedbackEventName } from './knowledgeSignals';
import type { Language } from '../core/text/normalize';
import type { Logger } from '../logging/logger';
import { textReply, welcomeReply } from '../../dialogs/activities/replies';
import { botMentionChars, mentionsBot, textWithoutBotMention } from './mentions';
import type { TurnErrorHandler } from './adapter';

/** How many recent message ids a conversation remembers to recognise a channel's resend. */
const rememberedActivityIds = 20;

/** Name of the event Web Chat sends when the page connects, so the welcome shows at once. */
export const joinEventName = 'webchat/join';
/** Name of the event the page sends when the person switches language. */
export const languageEventName = 'webchat/language';

export interface UsaidBotOptions {
  conversationState: ConversationState;
  router: ConversationRouter;
  /** Longest message, in characters, the bot reads. */
  maxMessageChars: number;
  logger: Logger;
  languagePolicy: LanguagePolicy;
  /** The Teams inquiry inbox, whose "set inquiry inbox" command the bot answers. */
  inbox?: InquiryInbox;
  /** Records feedback on answers (Web Chat thumbs, Teams' feedback loop) for the curators. */
  signals?: KnowledgeSignals;
  /** Handles a turn that throws and gives its outcome; without it the error goes to the adapter. */
  onTurnError?: TurnErrorHandler;
}

/**
 * The activity handler: welcomes people, filters what is not a readable question (empty, files
 * only, too long, a Teams group message that does not mention the bot) and hands the rest to the
 * conversation router, in the language the turn is decided in.
 */
export class UsaidBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly chosenLanguage: StatePropertyAccessor<Language | undefined>;
  private readonly recentActivityIds: StatePropertyAccessor<string[]>;
  private readonly welcomed: StatePropertyAccessor<boolean>;

  constructor(private readonly options: UsaidBotOptions) {
    super();
    this.dialogState = options.conversationState.createProperty<DialogState>('dialogState');
    this.chosenLanguage = options.conversationState.createProperty<Language | undefined>('chosenLanguage');
    this.recentActivityIds = options.conversationState.createProperty<string[]>('recentActivityIds');
    this.welcomed = options.conversationState.createProperty<boolean>('welcomed');
  }

  /** Runs one turn, saves the conversation state, and returns what the turn ended in. */
  async runTurn(context: TurnContext): Promise<TurnOutcomeRecord> {
    const language = localeLanguage(context.activity.locale) ?? 'en';
    const turn: Turn = { language, messageLanguage: language, languageChosen: false };
    let outcome: TurnOutcomeRecord = {};
    try {
      outcome = await this.dispatch(context, turn);
      await this.options.conversationState.saveChanges(context, false);
      return outcome;
    } catch (error) {
      if (!this.options.onTurnError) throw error;
      return this.options.onTurnError(context, error, { ...turn, ...outcome });
    }
  }

  override async run(context: TurnContext): Promise<void> {
    await this.runTurn(context);
  }

  private async dispatch(context: TurnContext, turn: Turn): Promise<TurnOutcomeRecord> {
    const { activity } = context;
    if (activity.type === ActivityTypes.Message) return this.handleMessage(context, turn);
    if (activity.type === ActivityTypes.Event) return this.handleEvent(context);
    if (activity.type === ActivityTypes.ConversationUpdate)
      return wantsWelcome(activity) ? this.welcomeOnce(context) : {};
    // Invokes (Teams' feedback, and those botbuilder answers itself) go through the ActivityHandler.
    const feedback = activity.type === ActivityTypes.Invoke && this.options.signals?.isTeamsFeedback(activity);
    await super.run(context);
    return feedback ? { outcome: 'feedback' } : {};
  }

  private async handleEvent(context: TurnContext): Promise<TurnOutcomeRecord> {
    const { name, value } = context.activity;
    if (name === joinEventName) return this.welcomeOnce(context);
    if (name === languageEventName) {
      // The page's language switch: remembered like "en español" typed in the chat.
      const chosen: Language = value === 'es' ? 'es' : 'en';
      await this.chosenLanguage.set(context, chosen);
      await context.sendActivity(textReply(chosen, 'languageSwitched'));
      return { outcome: 'language' };
    }
    if (name === webChatFeedbackEventName && (await this.options.signals?.webChatFeedback(context))) {
      return { outcome: 'feedback' };
    }
    return {};
  }

  /** The welcome, once per conversation however many members join or pages connect. */
  private async welcomeOnce(context: TurnContext): Promise<TurnOutcomeRecord> {
    if (await this.welcomed.get(context, false)) return {};
    await this.welcomed.set(context, true);
    await context.sendActivity(welcomeReply(localeLanguage(context.activity.locale) ?? 'en'));
    return { outcome: 'welcome' };
  }

  private async handleMessage(context: TurnContext, turn: Turn): Promise<TurnOutcomeRecord> {
    const { activity } = context;
    // A channel retrying a message it already delivered must not run the turn twice.
    if (await this.isResend(context)) return { outcome: 'duplicate' };
    // In Teams channels and group chats the bot speaks only when spoken to.
    if (activity.conversation?.isGroup && !mentionsBot(activity)) return { outcome: 'ignored' };
    const { maxMessageChars } = this.options;
    // The length is checked before any work on the text (language detection, intents, search).
    const rawLength = typeof activity.text === 'string' ? activity.text.length : 0;
    const overLimit = rawLength > maxMessageChars + botMentionChars(activity);
    const text = overLimit ? '' : textWithoutBotMention(activity).trim();
    if (overLimit || text.length > maxMessageChars) {
      turn.language = (await this.chosenLanguage.get(context)) ?? turn.language;
      await context.sendActivity(textReply(turn.language, 'tooLong', { max: maxMessageChars }));
      return { outcome: 'too-long' };
    }
    activity.text = text;
    const remembered = await this.chosenLanguage.get(context);
    const decision = this.options.languagePolicy.decide({ text, locale: activity.locale, remembered });
    const language = decision.language;
    turn.language = turn.messageLanguage = language;
    turn.languageChosen = decision.chosen !== undefined || remembered !== undefined;
    if (decision.chosen) await this.chosenLanguage.set(context, decision.chosen);
    if (await this.options.inbox?.handleCommand(context, language)) return { outcome: 'inbox' };
    if (decision.onlySwitch) {
      await context.sendActivity(textReply(language, 'languageSwitched'));
      return { outcome: 'language' };
    }
    if (!text) {
      const attachmentOnly = (activity.attachments ?? []).some((a) => a.contentType !== 'text/html');
      await context.sendActivity(textReply(language, attachmentOnly ? 'attachmentOnly' : 'emptyMessage'));
      return { outcome: attachmentOnly ? 'attachment-only' : 'empty' };
    }
    return this.options.router.run(context, this.dialogState, turn);
  }

  /** Teams' feedback on an answer; any other invoke as botbuilder handles it. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (!this.options.signals?.isTeamsFeedback(context.activity)) return super.onInvokeActivity(context);
    return this.options.signals.teamsFeedback(context);
  }

  private async isResend(context: TurnContext): Promise<boolean> {
    const id = context.activity.id;
    if (!id) return false;
    const recent = await this.recentActivityIds.get(context, []);
    if (recent.includes(id)) return true;
    await this.recentActivityIds.set(context, [...recent.slice(-(rememberedActivityIds - 1)), id]);
    return false;
  }
}

/**
 * Whether a conversationUpdate calls for the welcome. In Teams: in a personal chat, or when the bot
 * itself joins a team or group chat (not each time a colleague joins). Elsewhere: when someone
 * other than the bot joins.
 */
function wantsWelcome(activity: Activity): boolean {
  const botId = activity.recipient?.id;
  const added = activity.membersAdded ?? [];
  if (activity.channelId === 'msteams') {
    return activity.conversation?.conversationType === 'personal' || added.some((member) => member?.id === botId);
  }
  return added.some((member) => member?.id !== botId);
}
