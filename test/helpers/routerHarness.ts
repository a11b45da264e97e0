import {
  type Activity,
  ConversationState,
  MemoryStorage,
  type Middleware,
  TestAdapter,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { ConversationRouter } from '../../dialogs/conversationRouter';
import type { TurnOutcomeRecord } from '../../src/core/conversation/turn';
import type { Language } from '../../src/core/text/normalize';

export interface HarnessOptions {
  language?: Language;
  channelId?: string;
  isGroup?: boolean;
  /** Ids of this conversation and its user (TestAdapter's defaults otherwise). */
  conversationId?: string;
  userId?: string;
}

/**
 * Runs a {@link ConversationRouter} turn by turn on botbuilder's TestAdapter, with conversation
 * state saved between turns as the bot does. `say` sends a message and returns every reply.
 */
export function routerHarness(router: ConversationRouter, options: HarnessOptions = {}) {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const language = options.language ?? 'en';
  /** What each turn ended in, as the router returned it. */
  const outcomes: TurnOutcomeRecord[] = [];
  // Stands in for the bot's language decision.
  const adapter = new TestAdapter(async (context: TurnContext) => {
    outcomes.push(
      await router.run(context, dialogState, { language, messageLanguage: language, languageChosen: false }),
    );
    await conversationState.saveChanges(context, false);
  });
  if (options.conversationId) adapter.conversation.conversation.id = options.conversationId;
  if (options.userId) adapter.conversation.user = { id: options.userId, name: options.userId };
  // Stands in for the channel.
  const channel: Middleware = {
    onTurn: async (context, next) => {
      context.activity.channelId = options.channelId ?? 'webchat';
      context.activity.conversation.isGroup = options.isGroup ?? false;
      await next();
    },
  };
  adapter.use(channel);
  let sent = 0;
  const say = async (text: string): Promise<Partial<Activity>[]> => {
    sent += 1;
    await adapter.receiveActivity({ type: 'message', text, id: `activity-${sent}` });
    return adapter.activeQueue.splice(0);
  };
  /** Where the conversation's state is stored. */
  const stateKey = `${options.channelId ?? 'webchat'}/conversations/${adapter.conversation.conversation.id}/`;
  /** Dialogs waiting on the stack after the last turn (0: the next message is routed afresh). */
  const openDialogs = async (): Promise<number> => {
    const stored = (await storage.read([stateKey]))[stateKey] as { dialogState?: DialogState } | undefined;
    return stored?.dialogState?.dialogStack.length ?? 0;
  };
  return { adapter, say, openDialogs, storage, stateKey, outcomes };
}
