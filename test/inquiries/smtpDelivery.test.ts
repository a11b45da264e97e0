import type { Activity } from 'botbuilder';
import { FakeChannel } from '../helpers/fakeChannel';
import { fixture } from '../helpers/fixtures';
import { freePort, TestSmtpServer } from '../helpers/smtpServer';
import { post, type RunningApp, startTestApp } from '../helpers/testApp';
import { tempDir } from '../helpers/tempDir';

const conversationScript = [
  'I want to contact the deputy',
  'yes',
  'Ana Pérez',
  'ana@example.org',
  'Cooperativa Cacao Sur',
  'We would like to meet about the cacao program in Ucayali.',
];

/** A person talking to the bot through Web Chat, with the channel's replies collected. */
class Person {
  private sent = 0;
  constructor(
    private readonly messagesUrl: string,
    private readonly channel: FakeChannel,
    readonly conversationId = `conv-${Math.random().toString(36).slice(2)}`,
  ) {}

  /** Sends a message; returns the activity posted and the replies the channel received for it. */
  async say(
    text: string,
    activity?: Partial<Activity>,
  ): Promise<{ activity: Partial<Activity>; replies: Partial<Activity>[] }> {
    const before = this.channel.calls.length;
    this.sent += 1;
    const message =
      activity ??
      fixture('webchat-message-es', this.channel.url, {
        id: `${this.conversationId}|${this.sent}`,
        conversation: { id: this.conversationId } as Activity['conversation'],
        locale: 'en-US',
        text,
      });
    const response = await post(this.messagesUrl, message);
    expect(response.status).toBe(200);
    return { activity: message, replies: this.channel.activities.slice(before) };
  }
}

describe('contact requests delivered by a real SMTP server', () => {
  let channel: FakeChannel;
  let smtp: TestSmtpServer;
  let dataDir: string;
  let running: RunningApp | undefined;

  const startBot = async () => {
    running = await startTestApp({
      DATA_DIR: dataDir,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'USAID Peru assistant <assistant@example.org>',
      SMTP_TIMEOUT_MS: '2000',
      DELIVERY_RETRY_BASE_MS: '200',
      DELIVERY_RETRY_MAX_MS: '400',
      DELIVERY_POLL_MS: '100',
    });
    return new Person(`${running.baseUrl}/api/messages`, channel);
  };

  beforeEach(async () => {
    channel = await new FakeChannel().start();
    smtp = new TestSmtpServer(await freePort());
    dataDir = tempDir('smtp-data-');
  });
  afterEach(async () => {
    await running?.app.stop();
    running = undefined;
    await smtp.stop();
    await channel.stop();
  });

  async function submit(person: Person): Promise<{ reference: string; send: Partial<Activity> }> {
    for (const line of conversationScript) await person.say(line);
    const { activity, replies } = await person.say('Send');
    const reference = /PE-[A-Z0-9]{6}/.exec(replies.map((r) => r.text).join(' '))?.[0];
    if (!reference) throw new Error(`no reference in ${JSON.stringify(replies)}`);
    return { reference, send: activity };
  }

  it('mails the deputy with Reply-To the requester, the reference in the subject and the message in the body', async () => {
    await smtp.start();
    const person = await startBot();
    const { reference } = await submit(person);
    await smtp.waitFor(1);
    const [mail] = smtp.messages;
    expect(smtp.envelopes[0]?.to).toEqual(['ebosman@usaid.gov']);
    expect(mail?.to).toMatchObject({ value: [{ address: 'ebosman@usaid.gov', name: 'Elizabeth Bosman' }] });
    expect(mail?.replyTo).toMatchObject({ value: [{ address: 'ana@example.org', name: 'Ana Pérez' }] });
    expect(mail?.subject).toContain(`[${reference}]`);
    expect(mail?.messageId).toBe(`<${reference.toLowerCase()}.inquiry@example.org>`);
    expect(mail?.text).toContain('We would like to meet about the cacao program in Ucayali.');
    expect(mail?.text).toContain('Cooperativa Cacao Sur');
  });

  it('keeps the inquiry while the mail server is down and delivers it exactly once when it is back', async () => {
    const person = await startBot();
    const { reference } = await submit(person);
    await new Promise((r) => setTimeout(r, 600));
    expect(smtp.messages).toHaveLength(0);
    await smtp.start();
    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 800));
    expect(smtp.messages.map((m) => m.subject)).toEqual([expect.stringContaining(reference)]);
  });

  it('delivers a pending inquiry once after the bot restarts', async () => {
    const person = await startBot();
    const { reference } = await submit(person);
    await running?.app.stop();
    running = undefined;
    await smtp.start();
    await startBot();
    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 600));
    expect(smtp.messages.map((m) => m.subject)).toEqual([expect.stringContaining(reference)]);
  });

  it('creates one inquiry when the channel resends the confirming activity', async () => {
    await smtp.start();
    const person = await startBot();
    const { reference, send } = await submit(person);
    const resent = await person.say('Send', send);
    expect(resent.replies).toHaveLength(0);
    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]?.subject).toContain(reference);
  });

  it('sends nothing when the person cancels and confirms it', async () => {
    await smtp.start();
    const person = await startBot();
    for (const line of conversationScript) await person.say(line);
    const asked = await person.say('Cancel');
    expect(asked.replies.map((r) => r.text)).toEqual([
      'Cancel your message to Elizabeth Bosman? Nothing will be sent.',
    ]);
    const { replies } = await person.say('Yes');
    expect(replies.map((r) => r.text)).toEqual(['Cancelled. Nothing was sent.']);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages).toHaveLength(0);
  });
});
