import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { ErrorCodes } from '../core/errors';

/** How long an idle local conversation is kept, in milliseconds. */
const idleConversationMs = 60 * 60 * 1000;
/** Activities kept for a page that reconnects. */
const backlogSize = 100;

interface Conversation {
  userId: string;
  streams: Set<ServerResponse>;
  backlog: object[];
  lastUsed: number;
}

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

/**
 * A Direct Line stand-in for local mode: the page opens a conversation, listens on a server-sent
 * event stream and posts activities here. Each posted activity goes to the bot through the real
 * `/api/messages` endpoint with `serviceUrl` pointing back at this server, whose Connector routes
 * put the bot's replies on the page's stream. No Azure is involved.
 */
export class LocalDirectLine {
  private readonly conversations = new Map<string, Conversation>();
  private baseUrl = '';
  readonly botId = 'usaid-peru-bot';

  /** Sets the server's own address once it listens. */
  setBaseUrl(url: string): void {
    this.baseUrl = url.replace(/\/+$/, '');
  }

  register(server: Server): void {
    server.post('/api/local/conversations', async (_req: Request, res: Response) => {
      this.expire();
      const conversationId = `local-${randomUUID()}`;
      const userId = `dl_${randomUUID().slice(0, 12)}`;
      this.conversations.set(conversationId, { userId, streams: new Set(), backlog: [], lastUsed: Date.now() });
      res.json({ conversationId, userId });
    });

    server.get('/api/local/conversations/:conversationId/stream', async (req: Request, res: Response) => {
      const conversation = this.conversations.get(req.params.conversationId as string);
      if (!conversation) return notFound(res);
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      for (const activity of conversation.backlog) res.write(`data: ${JSON.stringify(activity)}\n\n`);
      conversation.streams.add(res);
      await new Promise<void>((resolve) => req.on('close', resolve));
      conversation.streams.delete(res);
    });

    server.post('/api/local/conversations/:conversationId/activities', async (req: Request, res: Response) => {
      const conversationId = req.params.conversationId as string;
      const conversation = this.conversations.get(conversationId);
      if (!conversation) return notFound(res);
      const parsed = pageActivitySchema.safeParse(req.body);
      if (!parsed.success) {
        res.status(400);
        return void res.json({ error: { code: ErrorCodes.requestInvalid, message: 'The activity is not valid.' } });
      }
      const id = `${conversationId}|${randomUUID().slice(0, 8)}`;
      const activity = {
        ...parsed.data,
        id,
        channelId: 'webchat',
        serviceUrl: `${this.baseUrl}/api/local/`,
        timestamp: new Date().toISOString(),
        conversation: { id: conversationId },
        from: { id: conversation.userId, role: 'user' },
        recipient: { id: this.botId, name: 'USAID Peru', role: 'bot' },
      };
      // Web Chat shows its own message as sent when it comes back on the stream.
      this.publish(conversation, activity);
      const response = await fetch(`${this.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      res.status(response.ok ? 200 : 502);
      res.json({ id });
    });

    // The Connector API the bot replies to: POST v3/conversations/{id}/activities[/{replyToId}].
    const reply = async (req: Request, res: Response) => {
      const conversation = this.conversations.get(req.params.conversationId as string);
      if (!conversation) return notFound(res);
      const id = randomUUID();
      const body = (req.body ?? {}) as Record<string, unknown>;
      this.publish(conversation, {
        ...body,
        id,
        timestamp: new Date().toISOString(),
        from: { id: this.botId, name: 'USAID Peru', role: 'bot' },
      });
      res.json({ id });
    };
    server.post('/api/local/v3/conversations/:conversationId/activities', reply);
    server.post('/api/local/v3/conversations/:conversationId/activities/:replyToId', reply);
  }

  private publish(conversation: Conversation, activity: object): void {
    conversation.lastUsed = Date.now();
    conversation.backlog.push(activity);
    if (conversation.backlog.length > backlogSize) conversation.backlog.shift();
    for (const stream of conversation.streams) stream.write(`data: ${JSON.stringify(activity)}\n\n`);
  }

  private expire(): void {
    const cutoff = Date.now() - idleConversationMs;
    for (const [id, conversation] of this.conversations) {
      if (conversation.lastUsed < cutoff && conversation.streams.size === 0) this.conversations.delete(id);
    }
  }

  /** Closes every open stream, so the server can stop. */
  closeAll(): void {
    for (const conversation of this.conversations.values()) for (const stream of conversation.streams) stream.end();
  }
}

function notFound(res: Response): void {
  res.status(404);
  res.json({ error: { code: ErrorCodes.requestInvalid, message: 'No such conversation.' } });
}
