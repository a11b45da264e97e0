import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationState,
  type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import type { InvokeResponse } from 'botbuilder';
import type { Turn, TurnOutcomeRecord } from '../core/conversation/turn';
import { ErrorCodes } from '../core/errors';
import { localeLanguage } from '../core/language/languagePolicy';
import { hashId, type Logger } from '../logging/logger';
import { citationLinksMiddleware } from './citationLinks';
import { CachingBotFrameworkAuthentication } from './clientCache';
import { preserveEntityProperties } from './connectorEntityPatch';
import { teamsFeedbackLoopMiddleware } from './feedbackLoop';
import { textReply } from '../../dialogs/activities/replies';

/**
 * The adapter, taking requests already authenticated at the HTTP edge, so that a bad token is a
 * 401 there rather than an error inside the adapter.
 */
export class BotAdapter extends CloudAdapter {
  /** Runs a turn for an activity whose request was authenticated as `authenticated`. */
  processAuthenticated(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

/**
 * Creates the Bot Framework adapter. `authSettings` uses botbuilder's own setting names
 * (MicrosoftAppId, MicrosoftAppPassword, …); empty settings mean local mode, where requests are
 * not authenticated.
 */
export function createAdapter(
  authSettings: ConfigurationBotFrameworkAuthenticationOptions,
  conversationState: ConversationState,
  logger: Logger,
): { adapter: BotAdapter; authentication: BotFrameworkAuthentication } {
  preserveEntityProperties();
  const authentication = new CachingBotFrameworkAuthentication(
    new ConfigurationBotFrameworkAuthentication(authSettings),
  );
  const adapter = new BotAdapter(authentication);
  adapter.use(citationLinksMiddleware);
  adapter.use(teamsFeedbackLoopMiddleware);
  const onTurnError = turnErrorHandler(conversationState, logger);
  // Errors the bot does not catch itself (in middleware) end here.
  adapter.onTurnError = async (context, error) => void (await onTurnError(context, error));
  return { adapter, authentication };
}

/** A state write refused because another turn changed the conversation first (eTag mismatch). */
export function isStorageConflict(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: string; message?: string } | undefined;
  return e?.statusCode === 412 || e?.code === 'ConditionNotMet' || /eTag conflict|precondition/i.test(e?.message ?? '');
}

/** Handles a turn that threw, given what the turn knew (its language, its outcome so far). */
export type TurnErrorHandler = (
  context: TurnContext,
  error: unknown,
  turn?: Partial<Turn>,
) => Promise<TurnOutcomeRecord>;

/**
 * What happens when a turn throws: the error is logged with its code (never the user's text), the
 * user is told something went wrong without details, and the conversation state is reset so the
 * next turn starts clean.
 */
export function turnErrorHandler(conversationState: ConversationState, logger: Logger): TurnErrorHandler {
  return async (context, error, turn = {}) => {
    const language = turn.language ?? localeLanguage(context.activity.locale) ?? 'en';
    if (isStorageConflict(error)) {
      // Another instance saved this conversation first: its state stands, this turn's is dropped.
      // A turn that already told the outcome of a Send (the reference, or a cap) said the truth:
      // a repeated Send of one summary is one inquiry, and asking to resend would contradict it.
      const { outcome, detail } = turn;
      const sendSettled = outcome === 'contact' && (detail === 'submitted' || detail?.startsWith('limited-') === true);
      logger.warn(
        { code: ErrorCodes.storageConflict, conversation: hashId(context.activity.conversation?.id) },
        'concurrent turn lost an eTag race',
      );
      if (!sendSettled) {
        await context.sendActivity(textReply(language, 'concurrentMessages')).catch(() => undefined);
      }
      return { outcome: 'error', detail: 'conflict' };
    }
    logger.error(
      { code: ErrorCodes.turnFailed, err: error, conversation: hashId(context.activity.conversation?.id) },
      'turn failed',
    );
    try {
      await context.sendActivity(textReply(language, 'turnError'));
    } catch (sendError) {
      logger.warn({ code: ErrorCodes.turnFailed, err: sendError }, 'could not tell the user about the failed turn');
    }
    try {
      // A dialog stack left by the failed turn would fail again; start the conversation afresh.
      await conversationState.delete(context);
    } catch (stateError) {
      logger.warn({ code: ErrorCodes.turnFailed, err: stateError }, 'could not reset conversation state');
    }
    return { outcome: 'error' };
  };
}
