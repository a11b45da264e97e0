import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { FakeChannel } from '../helpers/fakeChannel';
import { FakeIdentityProvider } from '../helpers/fakeIdentityProvider';
import { fixture } from '../helpers/fixtures';
import { post, type RunningApp, startTestApp } from '../helpers/testApp';
import { tempDir } from '../helpers/tempDir';

const staffAadId = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const tenantId = '0d9a8b7c-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
const appId = '28d1e0c9-b8a7-4654-9321-0fedcba98765';
const forbidden = 'Only designated mission staff can choose the channel that receives contact requests.';
const done = 'Done: every new contact request will also be posted in this channel.';

const replyTexts = (body: unknown) =>
  ((body as { activities?: Partial<Activity>[] }).activities ?? []).map((a) => a.text);

/** "set inquiry inbox" typed in a Teams channel, as the channel delivers it. */
function command(serviceUrl: string, aadObjectId = staffAadId, overrides: Partial<Activity> = {}): Partial<Activity> {
  const activity = fixture('teams-channel-mention', serviceUrl);
  return {
    ...activity,
    text: '<at>USAID Peru</at> set inquiry inbox',
    deliveryMode: 'expectReplies',
    from: { ...(activity.from as Activity['from']), aadObjectId },
    ...overrides,
  };
}

describe('Teams: the inquiry inbox command, with authentication', () => {
  let idp: FakeIdentityProvider;
  let channel: FakeChannel;
  let running: RunningApp;
  let dataDir: string;
  let url: string;

  beforeAll(async () => {
    idp = await new FakeIdentityProvider().start();
    channel = await new FakeChannel().start();
    dataDir = join(tempDir('inbox-'), 'data');
    running = await startTestApp({
      ...idp.settings(appId),
      DATA_DIR: dataDir,
      INBOX_ADMIN_AAD_IDS: staffAadId,
      TEAMS_TENANT_ID: tenantId,
      INBOX_SERVICE_HOSTS: '127.0.0.1,smba.trafficmanager.net',
    });
    url = `${running.baseUrl}/api/messages`;
  });
  afterAll(async () => {
    await running.app.stop();
    await channel.stop();
    await idp.stop();
  });

  const inboxFile = () => join(dataDir, 'inbox.json');
  const signed = async (activity: Partial<Activity>) =>
    post(url, activity, {
      authorization: `Bearer ${await idp.token({ aud: appId, serviceurl: activity.serviceUrl ?? '' })}`,
    });

  const refused: [string, () => Partial<Activity>][] = [
    ['someone not listed as staff', () => command(channel.url, '00000000-0000-4000-8000-000000000000')],
    [
      "an admin's object id from another tenant",
      () =>
        command(channel.url, staffAadId, {
          conversation: { ...(command(channel.url).conversation as Activity['conversation']), tenantId: 'f'.repeat(8) },
          channelData: { tenant: { id: '11111111-2222-4333-8444-555555555555' } },
        }),
    ],
    ['a service URL that is not a Teams or Bot Framework host', () => command('https://inbox.evil.example/')],
  ];

  it.each(refused)('refuses the command from %s and stores nothing', async (_name, activity) => {
    const response = await signed(activity());
    expect(response.status).toBe(200);
    expect(replyTexts(response.body)).toEqual([forbidden]);
    expect(existsSync(inboxFile())).toBe(false);
  });

  it('refuses a spoofed command without a valid token before the bot sees it', async () => {
    expect((await post(url, command(channel.url))).status).toBe(401);
    const forged = await idp.token({ aud: appId, serviceurl: channel.url }, FakeIdentityProvider.otherKey());
    expect((await post(url, command(channel.url), { authorization: `Bearer ${forged}` })).status).toBe(401);
    expect(existsSync(inboxFile())).toBe(false);
  });

  it('takes the command from a listed admin in the tenant, on an authenticated Teams request', async () => {
    const activity = command(channel.url);
    const response = await signed(activity);
    expect(replyTexts(response.body)).toEqual([done]);
    const saved = JSON.parse(readFileSync(inboxFile(), 'utf8')) as {
      reference: { serviceUrl: string; conversation: { id: string } };
    };
    expect(saved.reference.serviceUrl).toBe(channel.url);
    expect(saved.reference.conversation.id).toBe(activity.conversation?.id.split(';')[0]);
  });
});

it('refuses the command, even from a listed admin, while no tenant is configured', async () => {
  const idp = await new FakeIdentityProvider().start();
  const channel = await new FakeChannel().start();
  const running = await startTestApp({
    ...idp.settings(appId),
    INBOX_ADMIN_AAD_IDS: staffAadId,
    INBOX_SERVICE_HOSTS: '127.0.0.1',
  });
  try {
    const token = await idp.token({ aud: appId, serviceurl: channel.url });
    const response = await post(`${running.baseUrl}/api/messages`, command(channel.url), {
      authorization: `Bearer ${token}`,
    });
    expect(replyTexts(response.body)).toEqual([forbidden]);
  } finally {
    await running.app.stop();
    await channel.stop();
    await idp.stop();
  }
});

describe('Teams: the inquiry inbox in local mode', () => {
  let channel: FakeChannel;
  beforeAll(async () => {
    channel = await new FakeChannel().start();
  });
  afterAll(() => channel.stop());
  beforeEach(() => channel.calls.splice(0));

  /** A local-mode bot whose DATA_DIR already holds an inbox choice pointing at `serviceUrl`. */
  const withSavedInbox = async (serviceUrl: string | undefined, env: Record<string, string> = {}) => {
    const dataDir = join(tempDir('inbox-'), 'data');
    mkdirSync(dataDir, { recursive: true });
    const channelThread = command(channel.url).conversation?.id.split(';')[0] ?? '';
    if (serviceUrl) {
      writeFileSync(
        join(dataDir, 'inbox.json'),
        JSON.stringify({
          reference: {
            channelId: 'msteams',
            serviceUrl,
            conversation: { id: channelThread, isGroup: true, conversationType: 'channel', tenantId },
            bot: { id: '28:3f2e1d0c-9b8a-4765-8432-10fedcba9876', name: 'USAID Peru' },
          },
          language: 'en',
          setAt: new Date().toISOString(),
        }),
      );
    }
    const running = await startTestApp({
      DATA_DIR: dataDir,
      INBOX_ADMIN_AAD_IDS: staffAadId,
      TEAMS_TENANT_ID: tenantId,
      ...env,
    });
    return { running, dataDir, channelThread };
  };

  /** A Teams user sends a contact request to the Mission Director, start to finish. */
  const contactRequest = async (url: string) => {
    const personal = fixture('teams-personal-message', channel.url);
    const userId = personal.from?.id ?? '';
    channel.members.set(userId, {
      id: userId,
      name: 'Rosa Huamán',
      email: 'rosa.huaman@example.org',
      aadObjectId: 'x',
    });
    const say = (text: string) => post(url, fixture('teams-personal-message', channel.url, { text }));
    for (const text of [
      'I want to contact the director',
      'yes',
      'yes',
      'Skip',
      'Please share the 2024 cacao program report.',
    ]) {
      await say(text);
    }
    channel.calls.splice(0);
    await say('Send');
    const confirmation = channel.activities.find((a) => a.text?.includes('your reference is'));
    return /PE-[A-Z0-9]{6}/.exec(confirmation?.text ?? '')?.[0];
  };

  it("refuses a spoofed command carrying an admin's object id, since nothing is authenticated", async () => {
    const { running, dataDir } = await withSavedInbox(undefined, { INBOX_SERVICE_HOSTS: '127.0.0.1' });
    try {
      const response = await post(`${running.baseUrl}/api/messages`, command(channel.url));
      expect(replyTexts(response.body)).toEqual([forbidden]);
      expect(existsSync(join(dataDir, 'inbox.json'))).toBe(false);
    } finally {
      await running.app.stop();
    }
  });

  it('posts every new contact request to the chosen channel, as a card', async () => {
    const { running, channelThread } = await withSavedInbox(channel.url, { INBOX_SERVICE_HOSTS: '127.0.0.1' });
    try {
      const reference = await contactRequest(`${running.baseUrl}/api/messages`);
      expect(reference).toBeDefined();
      const inboxPost = channel.calls.find(
        (c) => decodeURIComponent(c.path) === `/v3/conversations/${channelThread}/activities`,
      );
      const card = inboxPost?.activity.attachments?.[0];
      expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      const content = JSON.stringify(card?.content);
      expect(content).toContain(`New contact request ${reference}`);
      expect(content).toContain('Amy Paro');
      expect(content).toContain('rosa.huaman@example.org');
      expect(content).toContain('Please share the 2024 cacao program report.');
    } finally {
      await running.app.stop();
    }
  });

  it('never posts inquiries to a saved channel whose service URL is not allowed', async () => {
    // The fake channel's loopback address is not among the default Teams hosts.
    const { running, channelThread } = await withSavedInbox(channel.url);
    try {
      expect(await contactRequest(`${running.baseUrl}/api/messages`)).toBeDefined();
      await new Promise((r) => setTimeout(r, 300));
      expect(channel.calls.some((c) => decodeURIComponent(c.path).includes(channelThread))).toBe(false);
    } finally {
      await running.app.stop();
    }
  });
});
