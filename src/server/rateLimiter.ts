/** The answer of a rate limiter: go ahead, or wait this many seconds. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Token buckets per key (a client address, a conversation): `capacity` requests at once, refilled
 * at `perMinute` a minute. At most `maxKeys` buckets are kept: beyond that the least recently used
 * is forgotten (its key starts again with a full bucket), so memory stays bounded and a flood of
 * new keys costs constant time per request.
 */
export class RateLimiter {
  /** Buckets in order of last use, least recent first. */
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly capacity = perMinute,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {}

  take(key: string): RateDecision {
    const now = this.now();
    const ratePerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, updated: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.updated) * ratePerMs);
    bucket.updated = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000)) };
  }

  /** Buckets held now. */
  get size(): number {
    return this.buckets.size;
  }
}

/** Limits on /api/messages: per client address (a flood from one place) and per conversation. */
export class MessageRateLimits {
  private readonly byClient: RateLimiter;
  private readonly byConversation: RateLimiter;

  constructor(perClientPerMinute: number, perConversationPerMinute: number) {
    this.byClient = new RateLimiter(perClientPerMinute);
    this.byConversation = new RateLimiter(perConversationPerMinute);
  }

  check(client: string, conversationId: string): RateDecision {
    const conversation = this.byConversation.take(conversationId);
    if (!conversation.allowed) return conversation;
    return this.byClient.take(client);
  }
}
