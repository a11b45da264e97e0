import { FakeChannel } from '../helpers/fakeChannel';
import { FakeIdentityProvider } from '../helpers/fakeIdentityProvider';
import { post, type RunningApp, startTestApp } from '../helpers/testApp';

const appId = '9b2f6c1e-7d4a-4e8b-a1c3-5f6e7d8c9b0a';

describe('with MicrosoftAppId set, /api/messages requires a valid Bot Framework token', () => {
  let idp: FakeIdentityProvider;
  let channel: FakeChannel;
  let running: RunningApp;
  let url: string;

  beforeAll(async () => {
    idp = await new FakeIdentityProvider().start();
    channel = await new FakeChannel().start();
    running = await startTestApp(idp.settings(appId));
    url = `${running.baseUrl}/api/messages`;
  });
  afterAll(async () => {
    await running.app.stop();
    await channel.stop();
    await idp.stop();
  });
  beforeEach(() => channel.calls.splice(0));

  const activity = () => ({
    type: 'message',
    id: `a-${Math.random()}`,
    channelId: 'webchat',
    serviceUrl: channel.url,
    deliveryMode: 'expectReplies',
    conversation: { id: 'auth-conversation' },
    from: { id: 'user-1' },
    recipient: { id: appId },
    locale: 'en-US',
    text: 'Who is the Deputy Mission Director?',
  });

  it('lets a correctly signed, addressed and current token through to the bot', async () => {
    const token = await idp.token({ aud: appId, serviceurl: channel.url });
    const response = await post(url, activity(), { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toContain('Elizabeth Bosman');
  });

  const forged: [string, () => Promise<string | undefined>][] = [
    ['no token', () => Promise.resolve(undefined)],
    [
      'an expired token',
      () => idp.token({ aud: appId, serviceurl: channel.url, exp: Math.floor(Date.now() / 1000) - 3600 }),
    ],
    [
      'a token signed with another key',
      () => idp.token({ aud: appId, serviceurl: channel.url }, FakeIdentityProvider.otherKey()),
    ],
    [
      'a token for another bot',
      () => idp.token({ aud: '00000000-0000-4000-8000-000000000000', serviceurl: channel.url }),
    ],
    [
      'a token from another issuer',
      () => idp.token({ aud: appId, serviceurl: channel.url, iss: 'https://evil.example' }),
    ],
    ['a token for another channel service', () => idp.token({ aud: appId, serviceurl: 'https://other.example/' })],
    ['a malformed token', () => Promise.resolve('not.a.jwt')],
  ];

  it.each(forged)('answers %s with 401, never reaching the bot', async (_name, makeToken) => {
    const token = await makeToken();
    const response = await post(url, activity(), token ? { authorization: `Bearer ${token}` } : {});
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: { code: 'UNAUTHORIZED', message: 'The request is not authorized.' } });
    expect(channel.calls).toHaveLength(0);
  });
});
