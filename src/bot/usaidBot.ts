import { ActivityHandler, type ConversationState, type StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { ConversationRouter } from '../../dialogs/conversationRouter';
import type { LanguagePolicy } from '../core/language/languagePolicy';
import type { InquiryInbox } from './inquiryInbox';
import type { Language } from '../core/text/normalize';
import type { Logger } from '../logging/logger';
import { textReply, welcomeReply } from './replies';
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

  constructor(private readonly options: UsaidBotOptions) {
    super();
    this.dialogState = options.conversationState.createProperty<DialogState>('dialogState');
    this.chosenLanguage = options.conversationState.createProperty<Language | undefined>('chosenLanguage');
    this.recentActivityIds = options.conversationState.createProperty<string[]>('recentActivityIds');

    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient?.id) {
          await context.sendActivity(welcomeReply(languageOfActivity(context.activity)));
          setTurnOutcome(context, 'welcome');
        }
      }
      await next();
    });

    this.onEvent(async (context, next) => {
      if (context.activity.name === joinEventName) {
        await context.sendActivity(welcomeReply(languageOfActivity(context.activity)));
        setTurnOutcome(context, 'welcome');
      }
      if (context.activity.name === languageEventName) {
        // The page's language switch: remembered like "en español" typed in the chat.
        const chosen: Language = context.activity.value === 'es' ? 'es' : 'en';
        await this.chosenLanguage.set(context, chosen);
        await context.sendActivity(textReply(chosen, 'languageSwitched'));
        setTurnOutcome(context, 'language');
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (await this.isResend(context)) {
      // A channel retrying a message it already delivered must not run the turn twice.
      setTurnOutcome(context, 'duplicate');
      return;
    }
    if (activity.conversation?.isGroup && !this.mentionsBot(context)) {
      // In Teams channels and group chats the bot speaks only when spoken to.
      setTurnOutcome(context, 'ignored');
      return;
    }
    if (activity.recipient) TurnContext.removeRecipientMention(activity);
    const text = (activity.text ?? '').trim();
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
    if (text.length > this.options.maxMessageChars) {
      await context.sendActivity(textReply(language, 'tooLong', { max: this.options.maxMessageChars }));
      setTurnOutcome(context, 'too-long');
      return;
    }
    await this.options.router.run(context, this.dialogState);
  }

  private async isResend(context: TurnContext): Promise<boolean> {
    const id = context.activity.id;
    if (!id) return false;
    const recent = await this.recentActivityIds.get(context, []);
    if (recent.includes(id)) return true;
    await this.recentActivityIds.set(context, [...recent.slice(-(rememberedActivityIds - 1)), id]);
    return false;
  }

  private mentionsBot(context: TurnContext): boolean {
    const botId = context.activity.recipient?.id;
    return TurnContext.getMentions(context.activity).some((mention) => mention.mentioned?.id === botId);
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.options.conversationState.saveChanges(context, false);
  }
}
