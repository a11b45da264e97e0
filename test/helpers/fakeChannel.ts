import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback';
import type { Activity } from 'botbuilder';

/** One request the bot made to the channel's Connector API. */
export interface ChannelCall {
  method: string;
  path: string;
  authorization?: string;
  activity: Partial<Activity>;
}

/**
 * A channel's Connector API on 127.0.0.1: accepts what the bot sends to
 * `/v3/conversations/{id}/activities[/{replyToId}]` and records it, raw, as it came over HTTP.
 */
export class FakeChannel extends LoopbackServer {
  readonly calls: ChannelCall[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];
  /** Delay before answering each call, to hold a turn open. */
  delayMs = 0;
  /** Status to answer with; 200 unless a test wants the channel to fail. */
  status = 200;
  /** Members the channel knows, for `GET /v3/conversations/{id}/members/{memberId}` (Teams profiles). */
  readonly members = new Map<string, Record<string, string>>();

  get url(): string {
    return `${this.baseUrl}/`;
  }

  /** Activities the bot sent, in order. */
  get activities(): Partial<Activity>[] {
    return this.calls.map((c) => c.activity);
  }

  /** Resolves once at least `count` calls have arrived in total. */
  waitFor(count: number, timeoutMs = 10000): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`fake channel: ${this.calls.length} of ${count} calls arrived`)),
        timeoutMs,
      );
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const member = /^\/v3\/conversations\/[^/]+\/members\/([^/?]+)/.exec(req.url ?? '');
    if (req.method === 'GET' && member) {
      const found = this.members.get(decodeURIComponent(member[1] ?? ''));
      res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(found ?? { error: { code: 'MemberNotFound' } }));
      return;
    }
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const activity = body ? (JSON.parse(body) as Partial<Activity>) : {};
    this.calls.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization,
      activity,
    });
    res.writeHead(this.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `sent-${this.calls.length}` }));
    for (const waiter of this.waiters.filter((w) => this.calls.length >= w.count)) waiter.resolve();
    this.waiters = this.waiters.filter((w) => this.calls.length < w.count);
  }
}
