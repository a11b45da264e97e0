/** The answer of a rate limiter: go ahead, or wait this many seconds. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Token buckets per key (a client address, a conversation): `capacity` requests at once, refilled
 * at `perMinute` a minute. Buckets left idle are forgotten, so memory stays bounded.
 */
export class RateLimiter {
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
    if (this.buckets.size >= this.maxKeys && !this.buckets.has(key)) this.prune(now);
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000)) };
  }

  private prune(now: number): void {
    const fullAfterMs = (this.capacity / this.perMinute) * 60_000;
    for (const [key, bucket] of this.buckets) if (now - bucket.updated > fullAfterMs) this.buckets.delete(key);
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
