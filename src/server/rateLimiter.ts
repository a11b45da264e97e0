import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** The answer of a limit: go ahead, or wait this many seconds. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A number of requests per key per window (a minute unless told), counted in this process's memory. */
export class KeyedLimit {
  private readonly limiter: RateLimiterMemory;

  constructor(points: number, durationSeconds = 60) {
    this.limiter = new RateLimiterMemory({ points, duration: durationSeconds });
  }

  /** Spends one request of `key`'s budget, if any is left. */
  async take(key: string): Promise<RateDecision> {
    try {
      await this.limiter.consume(key);
      return { allowed: true };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  }
}

/** Who is talking, as far as the limits on /api/messages are concerned. */
export interface TurnIdentity {
  channelId: string;
  conversation: { id: string };
  from: { id: string; aadObjectId?: unknown };
}

/**
 * The limit keys of an activity: its conversation, and its user (in Teams the Azure AD object id,
 * which stays the same in every chat and channel the person writes from).
 */
export function identityKeys(activity: TurnIdentity): { conversation: string; user: string } {
  const { channelId, conversation, from } = activity;
  const aadObjectId = typeof from.aadObjectId === 'string' && from.aadObjectId ? from.aadObjectId : undefined;
  return {
    conversation: `${channelId}\n${conversation.id}`,
    user: channelId === 'msteams' && aadObjectId ? `msteams\naad:${aadObjectId}` : `${channelId}\n${from.id}`,
  };
}

/**
 * Limits on /api/messages by who is talking: per conversation, and per user when a user limit is
 * given (only worth it where authentication vouches for the user id).
 */
export class TurnLimits {
  private readonly byConversation: KeyedLimit;
  private readonly byUser?: KeyedLimit;

  constructor(perConversationPerMinute: number, perUserPerMinute?: number) {
    this.byConversation = new KeyedLimit(perConversationPerMinute);
    if (perUserPerMinute !== undefined) this.byUser = new KeyedLimit(perUserPerMinute);
  }

  async check(activity: TurnIdentity): Promise<RateDecision> {
    const keys = identityKeys(activity);
    const conversation = await this.byConversation.take(keys.conversation);
    if (!conversation.allowed || !this.byUser) return conversation;
    return this.byUser.take(keys.user);
  }
}
