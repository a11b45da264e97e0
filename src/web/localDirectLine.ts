import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { ErrorCodes } from '../core/errors';
import type { LocalCaller } from '../server/httpServer';
import { addressLimitKey } from '../server/clientAddress';
import { KeyedLimit } from '../server/rateLimiter';
import { type LocalConversation, type LocalConversationLimits, LocalConversations } from './localConversations';

/** Header carrying the process key on the local Direct Line's own calls to /api/messages. */
const ownCallHeader = 'x-local-direct-line';

/** What the page may post: Web Chat's own activity fields, nothing that names a channel or a bot. */
const pageActivitySchema = z.object({
  type: z.enum(['message', 'event', 'typing']),
  text: z.string().max(10_000).optional(),
  name: z.string().max(100).optional(),
  value: z.unknown().optional(),
  locale: z.string().max(20).optional(),
  attachments: z
    .array(z.object({ contentType: z.string() }).loose())
    .max(10)
    .optional(),
  channelData: z
    .object({ clientActivityID: z.string().max(100).optional() })
    .loose()
    .optional(),
  entities: z
    .array(z.object({ type: z.string() }).loose())
    .max(20)
    .optional(),
});

export interface LocalDirectLineOptions extends LocalConversationLimits {
  /** The client address of a request, as far as trusted proxies let it be known. */
  clientAddress: (req: Request) => string;
  /** Requests per minute per client address on the local routes. */
  perClientPerMinute: number;
}

function sendError(res: Response, status: number, code: string, message: string, retryAfter?: number): void {
  if (retryAfter) res.header('Retry-After', String(retryAfter));
  res.status(status);
  res.json({ error: { code, message } });
}

const sameSecret = (given: string, expected: Buffer) =>
  timingSafeEqual(createHash('sha256').update(given).digest(), expected);

/**
 * A Direct Line stand-in for local mode. The page creates a conversation and gets a token for it;
 * with that token it listens on a server-sent event stream and posts activities, which go to the
 * bot through the real `/api/messages` endpoint with `serviceUrl` pointing back at this server.
 * The bot's replies come back on Connector routes under a per-process key that only that
 * `serviceUrl` carries, so nobody else can put words in the bot's mouth. No Azure is involved.
 */
export class LocalDirectLine implements LocalCaller {
  private readonly conversations: LocalConversations;
  private readonly addressLimit: KeyedLimit;
  private readonly processKey = randomBytes(32).toString('base64url');
  private readonly processKeyDigest = createHash('sha256').update(this.processKey).digest();
  /** Activities from pages, shown only once the bot accepted them (a refused one is never kept). */
  private readonly pending = new Map<string, { conversation: LocalConversation; activity: object }>();
  private baseUrl = '';
  readonly botId = 'usaid-peru-bot';

  constructor(private readonly options: LocalDirectLineOptions) {
    this.conversations = new LocalConversations(options);
    this.addressLimit = new KeyedLimit(options.perClientPerMinute);
  }

  /** Sets the server's own address once it listens. */
  setBaseUrl(url: string): void {
    this.baseUrl = url.replace(/\/+$/, '');
  }

  isOwnCall(req: Request): boolean {
    const given = req.header(ownCallHeader);
    return typeof given === 'string' && sameSecret(given, this.processKeyDigest);
  }

  isLocalConversation(conversationId: string): boolean {
    return conversationId.startsWith('local-');
  }

  register(server: Server): void {
    server.post('/api/local/conversations', async (req: Request, res: Response) => {
      const owner = await this.limitByAddress(req, res);
      if (!owner) return;
      const created = this.conversations.create(owner);
      if (!created.ok) {
        return created.reason === 'client-full'
          ? sendError(res, 429, ErrorCodes.rateLimited, 'Too many open conversations from this address.', 60)
          : sendError(res, 503, ErrorCodes.overloaded, 'Too many open conversations; retry later.', 60);
      }
      const { conversation, token } = created;
      res.header('cache-control', 'no-store');
      res.json({ conversationId: conversation.id, userId: conversation.userId, token });
    });

    server.get('/api/local/conversations/:conversationId/stream', async (req: Request, res: Response) => {
      const conversation = await this.authorize(req, res);
      if (!conversation) return;
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      for (const data of conversation.backlog) res.write(`data: ${data}\n\n`);
      conversation.streams.add(res);
      await new Promise<void>((resolve) => req.on('close', resolve));
      conversation.streams.delete(res);
      this.conversations.touch(conversation);
    });

    server.post('/api/local/conversations/:conversationId/activities', async (req: Request, res: Response) => {
      const conversation = await this.authorize(req, res);
      if (!conversation) return;
      const parsed = pageActivitySchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 400, ErrorCodes.requestInvalid, 'The activity is not valid.');
      const id = `${conversation.id}|${randomUUID().slice(0, 8)}`;
      const activity = {
        ...parsed.data,
        id,
        channelId: 'webchat',
        timestamp: new Date().toISOString(),
        conversation: { id: conversation.id },
        from: { id: conversation.userId, role: 'user' },
        recipient: { id: this.botId, name: 'USAID Peru', role: 'bot' },
      };
      this.pending.set(id, { conversation, activity });
      const response = await fetch(`${this.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [ownCallHeader]: this.processKey },
        body: JSON.stringify({ ...activity, serviceUrl: `${this.baseUrl}/api/local/bot/${this.processKey}/` }),
      }).catch(() => undefined);
      if (response?.ok) {
        // Web Chat shows its own message as sent when it comes back on the stream.
        this.showPending(id);
        return void res.json({ id });
      }
      this.pending.delete(id);
      if (response?.status === 429 || response?.status === 503) {
        const retryAfter = Number(response.headers.get('retry-after')) || 1;
        const code = response.status === 429 ? ErrorCodes.rateLimited : ErrorCodes.overloaded;
        return sendError(res, response.status, code, 'Too many messages; retry later.', retryAfter);
      }
      sendError(res, 502, ErrorCodes.internal, 'The bot could not take the message.');
    });

    // The Connector API the bot replies to: POST v3/conversations/{id}/activities[/{replyToId}],
    // under the process key its serviceUrl carries.
    const reply = async (req: Request, res: Response) => {
      if (!sameSecret(String(req.params.key ?? ''), this.processKeyDigest)) {
        return sendError(res, 403, ErrorCodes.forbidden, 'Only the bot may post replies.');
      }
      const conversation = this.conversations.get(req.params.conversationId as string);
      if (!conversation) return sendError(res, 404, ErrorCodes.requestInvalid, 'No such conversation.');
      const replyToId = req.params.replyToId as string | undefined;
      // The page's message shows before the answer to it.
      if (replyToId) this.showPending(replyToId);
      const id = randomUUID();
      const { serviceUrl: _serviceUrl, ...body } = (req.body ?? {}) as Record<string, unknown>;
      this.publish(conversation, {
        ...body,
        id,
        timestamp: new Date().toISOString(),
        from: { id: this.botId, name: 'USAID Peru', role: 'bot' },
      });
      res.json({ id });
    };
    server.post('/api/local/bot/:key/v3/conversations/:conversationId/activities', reply);
    server.post('/api/local/bot/:key/v3/conversations/:conversationId/activities/:replyToId', reply);
    // The same Connector paths without the key: what someone guessing the reply route would try.
    const outsider = async (_req: Request, res: Response) =>
      sendError(res, 401, ErrorCodes.unauthorized, 'Only the bot may post replies.');
    server.post('/api/local/v3/conversations/:conversationId/activities', outsider);
    server.post('/api/local/v3/conversations/:conversationId/activities/:replyToId', outsider);
  }

  /** Spends one request of the caller's address budget; answers 429 and returns nothing when spent. */
  private async limitByAddress(req: Request, res: Response): Promise<string | undefined> {
    const key = addressLimitKey(this.options.clientAddress(req));
    const decision = await this.addressLimit.take(key);
    if (decision.allowed) return key;
    sendError(res, 429, ErrorCodes.rateLimited, 'Too many requests; retry later.', decision.retryAfterSeconds);
    return undefined;
  }

  /**
   * The conversation a request may use: its token comes as `Authorization: Bearer …` or, for the
   * event stream (EventSource cannot set headers), as `?token=`. No token is 401; a wrong one, or
   * a conversation that does not exist, is 403, so ids cannot be probed.
   */
  private async authorize(req: Request, res: Response): Promise<LocalConversation | undefined> {
    if (!(await this.limitByAddress(req, res))) return undefined;
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    const token = bearer ?? new URL(req.url ?? '/', 'http://local').searchParams.get('token') ?? '';
    if (!token) {
      sendError(res, 401, ErrorCodes.unauthorized, 'This conversation needs its token.');
      return undefined;
    }
    const conversation = this.conversations.authorize(req.params.conversationId as string, token);
    if (!conversation) sendError(res, 403, ErrorCodes.forbidden, 'Unknown conversation or wrong token.');
    return conversation;
  }

  private showPending(id: string): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    this.publish(waiting.conversation, waiting.activity);
  }

  private publish(conversation: LocalConversation, activity: object): void {
    const data = JSON.stringify(activity);
    this.conversations.keep(conversation, data);
    for (const stream of conversation.streams) stream.write(`data: ${data}\n\n`);
  }

  /** Closes every open stream, so the server can stop. */
  closeAll(): void {
    for (const conversation of this.conversations.values()) for (const stream of conversation.streams) stream.end();
  }
}
