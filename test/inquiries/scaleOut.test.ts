import { randomUUID } from 'node:crypto';
import { Azurite } from '../helpers/azurite';
import { FakeChannel } from '../helpers/fakeChannel';
import { FakeIdentityProvider } from '../helpers/fakeIdentityProvider';
import { fixture } from '../helpers/fixtures';
import { type BotProcess, startBotProcess } from '../helpers/botProcess';
import { freePort, TestSmtpServer } from '../helpers/smtpServer';
import { post } from '../helpers/testApp';

type Reply = { text?: string };

/** Two instances of the bot sharing Blob storage (Azurite) and one mail server. */
describe('several instances sharing Blob storage', () => {
  const azurite = new Azurite();
  let smtp: TestSmtpServer;
  const started: BotProcess[] = [];

  const startInstance = async (container: string, env: Record<string, string> = {}) => {
    const bot = startBotProcess({
      ...env,
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: container,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'USAID Peru assistant <assistant@example.org>',
      DELIVERY_POLL_MS: '100',
      DELIVERY_RETRY_BASE_MS: '200',
    });
    started.push(bot);
    return { bot, url: `http://127.0.0.1:${await bot.port()}/api/messages` };
  };

  const say = async (url: string, conversation: string, text: string): Promise<string[]> => {
    const response = await post(url, {
      type: 'message',
      id: randomUUID(),
      channelId: 'webchat',
      serviceUrl: 'http://127.0.0.1:9/',
      deliveryMode: 'expectReplies',
      conversation: { id: conversation },
      from: { id: `user-${conversation}` },
      recipient: { id: 'bot' },
      locale: 'en-US',
      text,
    });
    expect(response.status).toBe(200);
    return ((response.body as { activities?: Reply[] }).activities ?? []).map((a) => a.text ?? '');
  };

  const script = [
    'I want to contact the deputy',
    'yes',
    'Ana Pérez',
    'ana@example.org',
    'Skip',
    'Please send me the program report.',
    'Send',
  ];

  beforeAll(async () => {
    await azurite.start();
    smtp = await new TestSmtpServer(await freePort()).start();
  }, 30_000);
  afterEach(async () => {
    await Promise.all(started.splice(0).map((b) => b.stop()));
    smtp.messages.splice(0);
  });
  afterAll(async () => {
    await smtp.stop();
    await azurite.stop();
  });

  it('completes a contact conversation whose turns alternate between instances, sending one e-mail', async () => {
    const container = `scale-${randomUUID().slice(0, 8)}`;
    const [a, b] = await Promise.all([startInstance(container), startInstance(container)]);
    const conversation = randomUUID();
    let last: string[] = [];
    for (const [i, text] of script.entries()) last = await say(i % 2 === 0 ? a.url : b.url, conversation, text);
    const reference = /PE-[A-Z0-9]{6}/.exec(last.join(' '))?.[0];
    expect(reference).toBeDefined();
    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.messages.map((m) => m.subject)).toEqual([expect.stringContaining(reference ?? 'missing')]);
  }, 60_000);

  it('sends one e-mail when Send reaches both instances at once, and holds a cap both share', async () => {
    const container = `scale-${randomUUID().slice(0, 8)}`;
    const env = { INQUIRY_LIMIT_PER_EMAIL_PER_DAY: '1' };
    const [a, b] = await Promise.all([startInstance(container, env), startInstance(container, env)]);
    const conversation = randomUUID();
    for (const [i, text] of script.slice(0, -1).entries()) await say(i % 2 ? a.url : b.url, conversation, text);
    const sends = await Promise.all([a.url, b.url, a.url, b.url].map((url) => say(url, conversation, 'Send')));
    const replies = sends.flat();
    expect(replies.filter((t) => /send your last message again/.test(t))).toEqual([]);
    const references = new Set(replies.flatMap((t) => /PE-[A-Z0-9]{6}/.exec(t) ?? []));
    expect(references.size).toBe(1);
    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.messages).toHaveLength(1);

    // The same e-mail address in another conversation, on the other instance, is over its cap.
    const other = randomUUID();
    let last: string[] = [];
    for (const text of script) last = await say(b.url, other, text);
    expect(last.join(' ')).toMatch(/already been sent from this e-mail address/);
    expect(smtp.messages).toHaveLength(1);
  }, 60_000);

  it('loses nothing when an instance is killed mid-conversation', async () => {
    const container = `scale-${randomUUID().slice(0, 8)}`;
    const [a, b] = await Promise.all([startInstance(container), startInstance(container)]);
    const conversation = randomUUID();
    for (const text of script.slice(0, 4)) await say(a.url, conversation, text);
    a.bot.child.kill('SIGKILL');
    let last: string[] = [];
    for (const text of script.slice(4)) last = await say(b.url, conversation, text);
    expect(last.join(' ')).toMatch(/your reference is PE-/);
    await smtp.waitFor(1);
    expect(smtp.messages[0]?.text).toContain('Please send me the program report.');
    expect(smtp.messages[0]?.replyTo).toMatchObject({ value: [{ address: 'ana@example.org' }] });
  }, 60_000);

  it('keeps the state consistent when two turns of one conversation race on two instances', async () => {
    const container = `scale-${randomUUID().slice(0, 8)}`;
    const [a, b] = await Promise.all([startInstance(container), startInstance(container)]);
    const conversation = randomUUID();
    for (const text of script.slice(0, 2)) await say(a.url, conversation, text);
    // Both instances read the same state and answer the name prompt at once; one write wins.
    const [first, second] = await Promise.all([
      say(a.url, conversation, 'Ana Pérez'),
      say(b.url, conversation, 'Rosa Huamán'),
    ]);
    expect([...first, ...second].some((t) => t.startsWith('What e-mail address'))).toBe(true);
    let last: string[] = [];
    for (const text of script.slice(3)) last = await say(b.url, conversation, text);
    expect(last.join(' ')).toMatch(/your reference is PE-/);
    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 800));
    expect(smtp.messages).toHaveLength(1);
    expect(['Ana Pérez', 'Rosa Huamán']).toContain(smtp.messages[0]?.replyTo?.value[0]?.name);
  }, 60_000);

  it('posts to the Teams inbox channel chosen on one instance when another takes the request', async () => {
    const channel = await new FakeChannel().start();
    const idp = await new FakeIdentityProvider().start();
    try {
      const staff = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
      const inbox = {
        INBOX_ADMIN_AAD_IDS: staff,
        TEAMS_TENANT_ID: '0d9a8b7c-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
        INBOX_SERVICE_HOSTS: '127.0.0.1',
      };
      const container = `scale-${randomUUID().slice(0, 8)}`;
      // The command is taken only on an authenticated request, so the first instance has an app id.
      const appId = '28d1e0c9-b8a7-4654-9321-0fedcba98765';
      const [a, b] = await Promise.all([
        startInstance(container, { ...inbox, ...idp.settings(appId), HOST: '127.0.0.1' }),
        startInstance(container, inbox),
      ]);
      const command = fixture('teams-channel-mention', channel.url, {
        text: '<at>USAID Peru</at> set inquiry inbox',
        deliveryMode: 'expectReplies',
      });
      const token = await idp.token({ aud: appId, serviceurl: channel.url });
      const answer = await post(a.url, command, { authorization: `Bearer ${token}` });
      expect((answer.body as { activities: Reply[] }).activities.map((x) => x.text)).toEqual([
        'Done: every new contact request will also be posted in this channel.',
      ]);
      const conversation = randomUUID();
      for (const text of script) await say(b.url, conversation, text);
      const channelId = command.conversation?.id.split(';')[0] ?? '';
      const deadline = Date.now() + 5000;
      while (!channel.calls.some((c) => decodeURIComponent(c.path) === `/v3/conversations/${channelId}/activities`)) {
        if (Date.now() > deadline) throw new Error('no post in the inbox channel');
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await channel.stop();
      await idp.stop();
    }
  }, 60_000);
});
