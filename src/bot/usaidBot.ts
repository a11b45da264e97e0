import {
  type Activity,
  ActivityHandler,
  type ConversationState,
  type InvokeResponse,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { ConversationRouter } from '../../dialogs/conversationRouter';
import type { LanguagePolicy } from '../core/language/languagePolicy';
import type { InquiryInbox } from './inquiryInbox';
import { type KnowledgeSignals, webChatFeedbackEventName } from './knowledgeSignals';
import type { Language } from '../core/text/normalize';
import type { Logger } from '../logging/logger';
import { textReply, welcomeReply } from './replies';
import { botMentionChars, mentionsBot, textWithoutBotMention } from './mentions';
import { languageOfActivity, turnLanguageChosenKey, turnLanguageKey } from './turnLanguage';
import { setTurnOutcome } from './turnOutcome';

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
}

/**
 * The activity handler: welcomes people, filters what is not a readable question (empty, files
 * only, too long, a Teams group message that does not mention the bot) and hands the rest to the
 * conversation router. Saves conversation state after every turn.
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

    this.onMembersAdded(async (context, next) => {
      if (wantsWelcome(context.activity)) await this.welcomeOnce(context);
      await next();
    });

    this.onEvent(async (context, next) => {
      if (context.activity.name === joinEventName) await this.welcomeOnce(context);
      if (context.activity.name === languageEventName) {
        // The page's language switch: remembered like "en español" typed in the chat.
        const chosen: Language = context.activity.value === 'es' ? 'es' : 'en';
        await this.chosenLanguage.set(context, chosen);
        await context.sendActivity(textReply(chosen, 'languageSwitched'));
        setTurnOutcome(context, 'language');
      }
      if (context.activity.name === webChatFeedbackEventName && (await options.signals?.webChatFeedback(context))) {
        setTurnOutcome(context, 'feedback');
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  /** The welcome, once per conversation however many members join or pages connect. */
  private async welcomeOnce(context: TurnContext): Promise<void> {
    if (await this.welcomed.get(context, false)) return;
    await this.welcomed.set(context, true);
    await context.sendActivity(welcomeReply(languageOfActivity(context.activity)));
    setTurnOutcome(context, 'welcome');
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (await this.isResend(context)) {
      // A channel retrying a message it already delivered must not run the turn twice.
      setTurnOutcome(context, 'duplicate');
      return;
    }
    if (activity.conversation?.isGroup && !mentionsBot(activity)) {
      // In Teams channels and group chats the bot speaks only when spoken to.
      setTurnOutcome(context, 'ignored');
      return;
    }
    const { maxMessageChars } = this.options;
    // The length is checked before any work on the text (language detection, intents, search).
    const rawLength = typeof activity.text === 'string' ? activity.text.length : 0;
    const overLimit = rawLength > maxMessageChars + botMentionChars(activity);
    const text = overLimit ? '' : textWithoutBotMention(activity).trim();
    if (overLimit || text.length > maxMessageChars) {
      const language = (await this.chosenLanguage.get(context)) ?? languageOfActivity(activity);
      context.turnState.set(turnLanguageKey, language);
      await context.sendActivity(textReply(language, 'tooLong', { max: maxMessageChars }));
      setTurnOutcome(context, 'too-long');
      return;
    }
    activity.text = text;
    const remembered = await this.chosenLanguage.get(context);
    const decision = this.options.languagePolicy.decide({ text, locale: activity.locale, remembered });
    context.turnState.set(turnLanguageKey, decision.language);
    context.turnState.set(turnLanguageChosenKey, decision.chosen !== undefined || remembered !== undefined);
    const language = decision.language;
    if (decision.chosen) await this.chosenLanguage.set(context, decision.chosen);
    if (await this.options.inbox?.handleCommand(context, language)) {
      setTurnOutcome(context, 'inbox');
      return;
    }
    if (decision.onlySwitch) {
      await context.sendActivity(textReply(language, 'languageSwitched'));
      setTurnOutcome(context, 'language');
      return;
    }
    if (!text) {
      const attachmentOnly = (activity.attachments ?? []).some((a) => a.contentType !== 'text/html');
      await context.sendActivity(textReply(language, attachmentOnly ? 'attachmentOnly' : 'emptyMessage'));
      setTurnOutcome(context, attachmentOnly ? 'attachment-only' : 'empty');
      return;
    }
    await this.options.router.run(context, this.dialogState);
  }

  /** Teams' feedback on an answer; any other invoke as botbuilder handles it. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (!this.options.signals?.isTeamsFeedback(context.activity)) return super.onInvokeActivity(context);
    setTurnOutcome(context, 'feedback');
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

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.options.conversationState.saveChanges(context, false);
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
