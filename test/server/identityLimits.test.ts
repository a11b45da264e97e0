import { FakeChannel } from '../helpers/fakeChannel';
import { FakeIdentityProvider } from '../helpers/fakeIdentityProvider';
import { post, type RunningApp, startTestApp } from '../helpers/testApp';

const appId = '3c1d9e2f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

/** /api/messages with real tokens: limits follow who is talking, not the address it comes from. */
describe('limits on /api/messages by identity, with authentication', () => {
  let idp: FakeIdentityProvider;
  let channel: FakeChannel;
  let running: RunningApp;
  let url: string;
  let token: string;

  beforeAll(async () => {
    idp = await new FakeIdentityProvider().start();
    channel = await new FakeChannel().start();
    running = await startTestApp({
      ...idp.settings(appId),
      RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: '5',
      RATE_LIMIT_PER_USER_PER_MINUTE: '8',
      // Far below the 300 turns sent at once below: a per-address limit would refuse most of them.
      RATE_LIMIT_PER_CLIENT_PER_MINUTE: '10',
    });
    url = `${running.baseUrl}/api/messages`;
    token = await idp.token({ aud: appId, serviceurl: channel.url });
  });
  afterAll(async () => {
    await running.app.stop();
    await channel.stop();
    await idp.stop();
  });

  const activity = (conversation: string, user: string, fields: Record<string, unknown> = {}) => ({
    type: 'message',
    id: `a-${Math.random()}`,
    channelId: 'webchat',
    serviceUrl: channel.url,
    deliveryMode: 'expectReplies',
    conversation: { id: conversation },
    from: { id: user },
    recipient: { id: appId },
    locale: 'en-US',
    text: 'hello',
    ...fields,
  });
  const send = (body: object, bearer: string | null = token) =>
    post(url, body, bearer ? { authorization: `Bearer ${bearer}` } : {});

  it('answers 300 activities from 300 users and conversations arriving at once from one address', async () => {
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) => send(activity(`crowd-${i}`, `crowd-user-${i}`))),
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    for (const response of responses) {
      expect((response.body as { activities: unknown[] }).activities.length).toBeGreaterThan(0);
    }
  });

  it('limits one conversation that floods, with 429 and Retry-After, and leaves the others alone', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i += 1) {
      const response = await send(activity('flood', `flood-user-${i}`));
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect((await send(activity('calm', 'calm-user'))).status).toBe(200);
  });

  it('limits one user who spreads messages over many conversations', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await send(activity(`spread-${i}`, 'spreader'))).status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
    expect(statuses.slice(8)).toEqual([429, 429]);
  });

  it("counts a Teams user by Azure AD object id, whatever the chat's user id", async () => {
    const teams = (i: number) =>
      activity(`19:thread-${i}`, `29:varying-${i}`, {
        channelId: 'msteams',
        from: { id: `29:varying-${i}`, aadObjectId: '0f0e0d0c-0b0a-4908-8706-050403020100' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 9; i += 1) statuses.push((await send(teams(i))).status);
    expect(statuses.at(-1)).toBe(429);
  });

  it("does not let unauthenticated requests spend a real conversation's budget", async () => {
    for (let i = 0; i < 20; i += 1) {
      expect((await send(activity('victim', 'victim-user'), null)).status).toBe(401);
      expect((await send(activity('victim', 'victim-user'), 'forged.token.value')).status).toBe(401);
    }
    expect((await send(activity('victim', 'victim-user'))).status).toBe(200);
  });
});

describe('the cap on turns in flight', () => {
  it('answers 503 with Retry-After while the instance is saturated, and takes turns again after', async () => {
    const channel = await new FakeChannel().start();
    const running = await startTestApp({ MAX_TURNS_IN_FLIGHT: '2' });
    try {
      const url = `${running.baseUrl}/api/messages`;
      const slow = (i: number) =>
        post(url, {
          type: 'message',
          channelId: 'test',
          serviceUrl: channel.url,
          conversation: { id: `slow-${i}` },
          from: { id: `slow-user-${i}` },
          recipient: { id: 'bot' },
          text: 'hello',
        });
      channel.delayMs = 1500;
      const held = [slow(1), slow(2)];
      while (running.app.http.inFlight() < 2) await new Promise((r) => setTimeout(r, 10));
      const refused = await slow(3);
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ error: { code: 'OVERLOADED' } });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
      channel.delayMs = 0;
      expect((await slow(4)).status).toBe(200);
    } finally {
      await running.app.stop();
      await channel.stop();
    }
  });
});
