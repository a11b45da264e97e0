import { type Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import { CachingBotFrameworkAuthentication } from '../../src/bot/clientCache';

const activity = (serviceUrl: string): Activity =>
  ({
    type: 'message',
    serviceUrl,
    channelId: 'webchat',
    conversation: { id: 'c1' },
    from: { id: 'u1' },
    recipient: { id: 'b1' },
  }) as Partial<Activity> as Activity;

describe('CachingBotFrameworkAuthentication', () => {
  it('gives every turn for the same service URL the same Connector client, and a new one per service URL', async () => {
    const auth = new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const first = await auth.authenticateRequest(activity('https://a.example/'), '');
    const second = await auth.authenticateRequest(activity('https://a.example/'), '');
    const clientA1 = await first.connectorFactory!.create('https://a.example/', first.audience);
    const clientA2 = await second.connectorFactory!.create('https://a.example/', second.audience);
    const clientB = await second.connectorFactory!.create('https://b.example/', second.audience);
    expect(clientA2).toBe(clientA1);
    expect(clientB).not.toBe(clientA1);
    expect((clientB as unknown as { baseUri: string }).baseUri).toMatch(/^https:\/\/b\.example/);
    expect(await auth.createUserTokenClient(first.claimsIdentity)).toBe(
      await auth.createUserTokenClient(second.claimsIdentity),
    );
  });

  it('keeps clients apart per bot app id', async () => {
    const auth = new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const identity = (appId: string) =>
      new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);
    const one = await auth.createConnectorFactory(identity('app-1')).create('https://a.example/');
    const two = await auth.createConnectorFactory(identity('app-2')).create('https://a.example/');
    expect(two).not.toBe(one);
    expect(await auth.createConnectorFactory(identity('app-1')).create('https://a.example/')).toBe(one);
  });

  it('holds at most the configured number of clients', async () => {
    const auth = new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}), 3);
    const factory = auth.createConnectorFactory(new ClaimsIdentity([], true));
    for (let i = 0; i < 10; i += 1) await factory.create(`https://host-${i}.example/`);
    expect(auth.connectorClients).toBe(3);
  });

  it('shares one creation between concurrent turns and forgets a creation that failed', async () => {
    const inner = new ConfigurationBotFrameworkAuthentication({});
    const create = jest
      .spyOn(inner, 'createUserTokenClient')
      .mockRejectedValueOnce(new Error('token service unreachable'));
    const auth = new CachingBotFrameworkAuthentication(inner);
    const identity = new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: 'app-1' }], true);
    const failed = await Promise.allSettled([
      auth.createUserTokenClient(identity),
      auth.createUserTokenClient(identity),
    ]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(create).toHaveBeenCalledTimes(1);
    const client = await auth.createUserTokenClient(identity);
    expect(await auth.createUserTokenClient(identity)).toBe(client);
    expect(create).toHaveBeenCalledTimes(2);
  });
});
