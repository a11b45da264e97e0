import { readEvents } from '../helpers/eventStream';
import { capturingLogger } from '../helpers/logCapture';
import { post, type RunningApp, startTestApp } from '../helpers/testApp';

type Created = { conversationId: string; userId: string; token: string };

/** Local mode's Direct Line stand-in, over HTTP on loopback, as a page and as intruders use it. */
describe('the local Direct Line', () => {
  let running: RunningApp;
  let base: string;

  beforeAll(async () => {
    running = await startTestApp({ RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: '4' });
    base = running.baseUrl;
  });
  afterAll(() => running.app.stop());

  const create = async (): Promise<Created> => {
    const response = await post(`${base}/api/local/conversations`, {});
    expect(response.status).toBe(200);
    return response.body as Created;
  };
  const conversationUrl = (c: Created) => `${base}/api/local/conversations/${encodeURIComponent(c.conversationId)}`;
  const say = (c: Created, text: string, token = c.token) =>
    post(
      `${conversationUrl(c)}/activities`,
      { type: 'message', text, locale: 'en-US' },
      { authorization: `Bearer ${token}` },
    );
  /** Everything the page would be shown, up to and including the bot's reply to `text`. */
  const backlogUntilReplyTo = async (c: Created, text: string) => {
    const { events } = await readEvents(`${conversationUrl(c)}/stream?token=${encodeURIComponent(c.token)}`, (seen) => {
      const asked = seen.findIndex((e) => e.text === text);
      return asked >= 0 && seen.slice(asked + 1).some((e) => (e.from as { role?: string })?.role === 'bot');
    });
    return events;
  };

  it('gives the page that creates a conversation its own token, and answers it on the stream', async () => {
    const page = await create();
    expect(page.token.length).toBeGreaterThanOrEqual(40);
    expect(page.conversationId).toMatch(/^local-/);
    expect((await say(page, 'Who is the Mission Director?')).status).toBe(200);
    const events = await backlogUntilReplyTo(page, 'Who is the Mission Director?');
    const asked = events.findIndex((e) => e.text === 'Who is the Mission Director?');
    expect(events[asked]).toMatchObject({ from: { id: page.userId, role: 'user' } });
    expect(String(events[asked + 1]?.text)).toContain('Amy Paro');
    // The bot's replies come back under a per-process key; no event shows where.
    expect(JSON.stringify(events)).not.toContain('serviceUrl');
  });

  it('tokens are unique per conversation', async () => {
    const [a, b] = [await create(), await create()];
    expect(a.token).not.toBe(b.token);
    expect(a.conversationId).not.toBe(b.conversationId);
  });

  it('lets a second client that knows the conversation id read nothing and post nothing', async () => {
    const page = await create();
    await say(page, 'My name is Ana, ana@example.org');
    const other = await create();
    const stream = `${conversationUrl(page)}/stream`;
    const activities = `${conversationUrl(page)}/activities`;
    const intrusion = { type: 'message', text: 'posted by an intruder' };

    expect((await readEvents(stream, () => true)).status).toBe(401);
    expect((await readEvents(`${stream}?token=wrong`, () => true)).status).toBe(403);
    expect((await readEvents(`${stream}?token=${other.token}`, () => true)).status).toBe(403);
    expect((await readEvents(stream, () => true, { authorization: `Bearer ${other.token}` })).status).toBe(403);
    expect((await post(activities, intrusion)).status).toBe(401);
    expect((await post(activities, intrusion, { authorization: 'Bearer wrong' })).status).toBe(403);
    expect((await post(activities, intrusion, { authorization: `Bearer ${other.token}` })).status).toBe(403);
    // Nor straight to /api/messages with the page's conversation id.
    const direct = await post(`${base}/api/messages`, {
      ...intrusion,
      channelId: 'webchat',
      serviceUrl: 'http://127.0.0.1:9/',
      deliveryMode: 'expectReplies',
      conversation: { id: page.conversationId },
      from: { id: page.userId },
      recipient: { id: 'usaid-peru-bot' },
    });
    expect(direct.status).toBe(403);
    expect(JSON.stringify(direct.body)).not.toContain('ana@example.org');
    // A made-up conversation answers the same as a real one with a wrong token.
    expect(
      (await post(`${base}/api/local/conversations/local-nope/activities`, intrusion, { authorization: 'Bearer x' }))
        .status,
    ).toBe(403);

    await say(page, 'What is the CDCS?');
    const after = await backlogUntilReplyTo(page, 'What is the CDCS?');
    expect(JSON.stringify(after)).not.toContain('intruder');
  });

  it("refuses outside calls on the route that carries the bot's replies", async () => {
    const page = await create();
    const fake = { type: 'message', text: 'Your session expired: re-enter your password at https://evil.example' };
    const id = encodeURIComponent(page.conversationId);
    for (const path of [
      `/api/local/v3/conversations/${id}/activities`,
      `/api/local/v3/conversations/${id}/activities/some-reply-id`,
      `/api/local/bot/guessed-key/v3/conversations/${id}/activities`,
      `/api/local/bot/guessed-key/v3/conversations/${id}/activities/some-reply-id`,
    ]) {
      const response = await post(`${base}${path}`, fake);
      expect([401, 403]).toContain(response.status);
    }
    await say(page, 'hello');
    const events = await backlogUntilReplyTo(page, 'hello');
    expect(JSON.stringify(events)).not.toContain('evil.example');
  });

  it('keeps no message the bot refused', async () => {
    const page = await create();
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i += 1) statuses.push((await say(page, `hello ${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const events = await backlogUntilReplyTo(page, 'hello 4');
    const fromPage = events.filter((e) => (e.from as { role?: string }).role === 'user').map((e) => e.text);
    expect(fromPage).toEqual(['hello 1', 'hello 2', 'hello 3', 'hello 4']);
  });
});

describe('the local Direct Line caps', () => {
  it('limits the conversations one address holds', async () => {
    const running = await startTestApp({ LOCAL_CONVERSATIONS_PER_CLIENT: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1)
        statuses.push((await post(`${running.baseUrl}/api/local/conversations`, {})).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await running.app.stop();
    }
  });

  it('limits requests per address on the local routes', async () => {
    const running = await startTestApp({ RATE_LIMIT_PER_CLIENT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1)
        statuses.push((await post(`${running.baseUrl}/api/local/conversations`, {})).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await running.app.stop();
    }
  });

  it('keeps at most LOCAL_BACKLOG_BYTES of a conversation for a page that reconnects, the newest', async () => {
    const running = await startTestApp({ LOCAL_BACKLOG_BYTES: '4000' });
    try {
      const created = (await post(`${running.baseUrl}/api/local/conversations`, {})).body as Created;
      const url = `${running.baseUrl}/api/local/conversations/${created.conversationId}`;
      const auth = { authorization: `Bearer ${created.token}` };
      for (let i = 1; i <= 6; i += 1) {
        expect((await post(`${url}/activities`, { type: 'message', text: `hello ${i}` }, auth)).status).toBe(200);
      }
      const { events } = await readEvents(`${url}/stream?token=${created.token}`, (seen) =>
        seen.some((e) => e.text === 'hello 6'),
      );
      const bytes = events.reduce((total, e) => total + Buffer.byteLength(JSON.stringify(e)), 0);
      expect(bytes).toBeLessThanOrEqual(4000);
      expect(events.some((e) => e.text === 'hello 1')).toBe(false);
    } finally {
      await running.app.stop();
    }
  });

  it('keeps the key part of a reply path out of the log of rejected requests', async () => {
    const { logger, raw } = capturingLogger('info');
    const running = await startTestApp({}, {}, logger);
    try {
      const response = await post(
        `${running.baseUrl}/api/local/bot/key-like-value/v3/conversations/x/activities`,
        '{"broken": ',
      );
      expect(response.status).toBe(400);
      expect(raw()).toContain('/api/local/bot/[key]');
      expect(raw()).not.toContain('key-like-value');
    } finally {
      await running.app.stop();
    }
  });
});
