import type { Activity } from 'botbuilder';
import { FakeChannel } from '../helpers/fakeChannel';
import { fixture } from '../helpers/fixtures';
import { post, type RunningApp, startTestApp } from '../helpers/testApp';

const staffAadId = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

describe('Teams: the inquiry inbox channel', () => {
  let channel: FakeChannel;
  let running: RunningApp;
  let url: string;

  beforeAll(async () => {
    channel = await new FakeChannel().start();
    running = await startTestApp({ INBOX_ADMIN_AAD_IDS: staffAadId });
    url = `${running.baseUrl}/api/messages`;
  });
  afterAll(async () => {
    await running.app.stop();
    await channel.stop();
  });
  beforeEach(() => channel.calls.splice(0));

  const inChannel = (aadObjectId: string) => {
    const activity = fixture('teams-channel-mention', channel.url);
    return {
      ...activity,
      text: '<at>USAID Peru</at> set inquiry inbox',
      from: { ...(activity.from as Activity['from']), aadObjectId },
    };
  };

  it('refuses the command to anyone not listed as staff', async () => {
    await post(url, inChannel('00000000-0000-4000-8000-000000000000'));
    expect(channel.activities.map((a) => a.text)).toEqual([
      'Only designated mission staff can choose the channel that receives contact requests.',
    ]);
  });

  it('posts every new contact request to the channel staff chose, as a card', async () => {
    const command = inChannel(staffAadId);
    await post(url, command);
    expect(channel.activities.map((a) => a.text)).toEqual([
      'Done: every new contact request will also be posted in this channel.',
    ]);

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
    const reference = /PE-[A-Z0-9]{6}/.exec(confirmation?.text ?? '')?.[0];
    expect(reference).toBeDefined();

    const channelId = command.conversation?.id.split(';')[0] ?? '';
    const inboxPost = channel.calls.find(
      (c) => decodeURIComponent(c.path) === `/v3/conversations/${channelId}/activities`,
    );
    expect(inboxPost).toBeDefined();
    const card = inboxPost?.activity.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const content = JSON.stringify(card?.content);
    expect(content).toContain(`New contact request ${reference}`);
    expect(content).toContain('Amy Paro');
    expect(content).toContain('rosa.huaman@example.org');
    expect(content).toContain('Please share the 2024 cacao program report.');
  });
});
