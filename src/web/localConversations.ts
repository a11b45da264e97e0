import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** How much the local Direct Line keeps, and for whom. */
export interface LocalConversationLimits {
  /** Conversations one client address may hold at once. */
  perClient: number;
  /** Conversations held at once in all. */
  total: number;
  /** Bytes of activities kept per conversation for a page that reconnects. */
  backlogBytes: number;
  /** Bytes of activities kept in all conversations together. */
  totalBacklogBytes: number;
  /** A conversation with no page listening is forgotten after this long, in milliseconds. */
  idleMs: number;
}

/** A conversation between one Web Chat page and the bot, in local mode. */
export interface LocalConversation {
  readonly id: string;
  readonly userId: string;
  /** The limit key of the address that created it. */
  readonly owner: string;
  readonly streams: Set<ServerResponse>;
  /** Serialized activities, oldest first, for a page that reconnects. */
  readonly backlog: string[];
  backlogBytes: number;
  lastUsed: number;
  readonly tokenDigest: Buffer;
}

export type CreateResult =
  { ok: true; conversation: LocalConversation; token: string } | { ok: false; reason: 'client-full' | 'server-full' };

const digest = (token: string) => createHash('sha256').update(token).digest();
/** Compared against when the conversation does not exist, so both cases take the same time. */
const absentDigest = digest(randomBytes(32).toString('base64url'));

/**
 * The local conversations, each bound to the page that created it by a random token, with caps on
 * how many one address and everyone may hold and on the memory their backlogs take.
 */
export class LocalConversations {
  /** In order of last use, least recent first, so the total backlog cap trims the stalest. */
  private readonly conversations = new Map<string, LocalConversation>();
  private readonly perOwner = new Map<string, number>();
  private totalBacklogBytes = 0;

  constructor(
    private readonly limits: LocalConversationLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Opens a conversation for `owner`, returning its token once; the token itself is not kept. */
  create(owner: string): CreateResult {
    this.expire();
    if ((this.perOwner.get(owner) ?? 0) >= this.limits.perClient) return { ok: false, reason: 'client-full' };
    if (this.conversations.size >= this.limits.total) return { ok: false, reason: 'server-full' };
    const token = randomBytes(32).toString('base64url');
    const conversation: LocalConversation = {
      id: `local-${randomUUID()}`,
      userId: `dl_${randomUUID().replace(/-/g, '').slice(0, 12)}`,
      owner,
      streams: new Set(),
      backlog: [],
      backlogBytes: 0,
      lastUsed: this.now(),
      tokenDigest: digest(token),
    };
    this.conversations.set(conversation.id, conversation);
    this.perOwner.set(owner, (this.perOwner.get(owner) ?? 0) + 1);
    return { ok: true, conversation, token };
  }

  /** The conversation, if `token` is the one it was created with (compared in constant time). */
  authorize(id: string, token: string): LocalConversation | undefined {
    const conversation = this.conversations.get(id);
    const matches = timingSafeEqual(digest(token), conversation?.tokenDigest ?? absentDigest);
    return matches ? conversation : undefined;
  }

  /** The conversation, for the bot's own calls, which need no token. */
  get(id: string): LocalConversation | undefined {
    return this.conversations.get(id);
  }

  /** Keeps a serialized activity in the backlog, trimming the oldest beyond the caps. */
  keep(conversation: LocalConversation, data: string): void {
    this.touch(conversation);
    const bytes = Buffer.byteLength(data);
    conversation.backlog.push(data);
    conversation.backlogBytes += bytes;
    this.totalBacklogBytes += bytes;
    while (conversation.backlogBytes > this.limits.backlogBytes) this.dropOldest(conversation);
    for (const stalest of this.conversations.values()) {
      if (this.totalBacklogBytes <= this.limits.totalBacklogBytes) break;
      while (stalest.backlog.length > 0 && this.totalBacklogBytes > this.limits.totalBacklogBytes) {
        this.dropOldest(stalest);
      }
    }
  }

  /** Marks the conversation as used now. */
  touch(conversation: LocalConversation): void {
    conversation.lastUsed = this.now();
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
  }

  /** Bytes kept in every backlog together. */
  get backlogBytes(): number {
    return this.totalBacklogBytes;
  }

  /** Conversations held now. */
  get size(): number {
    return this.conversations.size;
  }

  /** Every conversation, for closing their streams at shutdown. */
  values(): IterableIterator<LocalConversation> {
    return this.conversations.values();
  }

  /** Forgets conversations no page has listened to for the idle time. */
  expire(): void {
    const cutoff = this.now() - this.limits.idleMs;
    for (const conversation of [...this.conversations.values()]) {
      if (conversation.lastUsed >= cutoff) break;
      if (conversation.streams.size === 0) this.remove(conversation);
    }
  }

  private remove(conversation: LocalConversation): void {
    this.conversations.delete(conversation.id);
    this.totalBacklogBytes -= conversation.backlogBytes;
    const held = (this.perOwner.get(conversation.owner) ?? 1) - 1;
    if (held > 0) this.perOwner.set(conversation.owner, held);
    else this.perOwner.delete(conversation.owner);
  }

  private dropOldest(conversation: LocalConversation): void {
    const oldest = conversation.backlog.shift();
    if (oldest === undefined) return;
    const bytes = Buffer.byteLength(oldest);
    conversation.backlogBytes -= bytes;
    this.totalBacklogBytes -= bytes;
  }
}
