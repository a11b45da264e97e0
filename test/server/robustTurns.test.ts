import type { Activity } from 'botbuilder';
import { format } from '../../src/core/i18n/messages';
import { LanguagePolicy } from '../../src/core/language/languagePolicy';
import { fixture } from '../helpers/fixtures';
import { post, type RunningApp, startTestApp } from '../helpers/testApp';

const serviceUrl = 'http://127.0.0.1:9/';
const welcome = format('en', 'welcome');

/** Turns that used to go wrong, sent over HTTP to the running bot. */
describe('robust turns', () => {
  let running: RunningApp;
  let url: string;

  beforeAll(async () => {
    running = await startTestApp();
    url = `${running.baseUrl}/api/messages`;
  });
  afterAll(() => running.app.stop());

  const texts = async (activity: Partial<Activity>) => {
    const response = await post(url, { ...activity, deliveryMode: 'expectReplies' });
    expect(response.status).toBe(200);
    return ((response.body as { activities?: Partial<Activity>[] }).activities ?? []).map((a) => a.text ?? '');
  };
  const welcomes = (replies: string[]) => replies.filter((t) => t.includes(welcome)).length;

  describe('the welcome', () => {
    const update = (conversation: string, membersAdded: { id: string }[], fields: Partial<Activity> = {}) =>
      ({
        type: 'conversationUpdate',
        channelId: 'webchat',
        serviceUrl,
        conversation: { id: conversation },
        from: { id: 'user-0' },
        recipient: { id: 'bot' },
        membersAdded,
        ...fields,
      }) as Partial<Activity>;

    it('is sent once for 500 members joining at once, and not again on the next update or join event', async () => {
      const crowd = [{ id: 'bot' }, ...Array.from({ length: 499 }, (_, i) => ({ id: `user-${i}` }))];
      expect(welcomes(await texts(update('crowd', crowd)))).toBe(1);
      expect(welcomes(await texts(update('crowd', [{ id: 'latecomer' }])))).toBe(0);
      const join = { ...update('crowd', []), type: 'event', name: 'webchat/join', membersAdded: undefined };
      expect(welcomes(await texts(join))).toBe(0);
    });

    it('is sent in a Teams personal chat, and when the bot joins a team, but not when colleagues join it', async () => {
      const installed = fixture('teams-bot-installed', serviceUrl);
      expect(welcomes(await texts(installed))).toBe(1);
      const colleagues = fixture('teams-bot-installed', serviceUrl, {
        conversation: { ...(installed.conversation as Activity['conversation']), id: '19:other-team@thread.tacv2' },
        membersAdded: Array.from({ length: 50 }, (_, i) => ({ id: `29:colleague-${i}`, name: '' })),
      });
      expect(await texts(colleagues)).toEqual([]);
      const personal = fixture('teams-personal-message', serviceUrl, {
        type: 'conversationUpdate',
        text: undefined,
        conversation: { id: 'a:personal-welcome', conversationType: 'personal' } as Activity['conversation'],
        membersAdded: [{ id: '29:someone', name: '' }],
      });
      expect(welcomes(await texts(personal))).toBe(1);
    });
  });

  describe('malformed entities', () => {
    const bot = { id: '28:3f2e1d0c-9b8a-4765-8432-10fedcba9876', name: 'USAID Peru' };
    const junk = [
      { type: 'mention' },
      { type: 'mention', mentioned: null, text: '<at>x</at>' },
      { type: 'mention', mentioned: 'bot', text: 3 },
      { type: 'mention', mentioned: { id: bot.id }, text: 42 },
      'mention',
      42,
      null,
      [{ type: 'mention' }],
      { mentioned: { id: bot.id } },
    ];

    it('are ignored in a Teams channel post that mentions the bot, which is answered as usual', async () => {
      const activity = fixture('teams-channel-mention', serviceUrl, {
        text: '<at>USAID Peru</at> Who is the Mission Director?',
        entities: [...junk, { type: 'mention', mentioned: bot, text: '<at>USAID Peru</at>' }] as Activity['entities'],
      });
      const replies = await texts(activity);
      expect(replies.join(' ')).toContain('Amy Paro');
      expect(replies.join(' ')).not.toContain(format('en', 'turnError'));
    });

    it('never count as a mention of the bot in a group chat', async () => {
      const activity = fixture('teams-groupchat-mention', serviceUrl, {
        text: 'Who is the Mission Director?',
        entities: junk.filter(
          (e) => !(e as { mentioned?: { id?: string } } | null)?.mentioned?.id,
        ) as Activity['entities'],
      });
      expect(await texts(activity)).toEqual([]);
    });

    it('are ignored in a personal chat', async () => {
      const activity = fixture('teams-personal-message', serviceUrl, {
        text: 'Who is the Mission Director?',
        entities: junk as Activity['entities'],
      });
      expect((await texts(activity)).join(' ')).toContain('Amy Paro');
    });
  });

  it('refuses an over-long message before any work on its text, such as language detection', async () => {
    const decide = jest.spyOn(LanguagePolicy.prototype, 'decide');
    try {
      const activity = fixture('teams-personal-message', serviceUrl, {
        conversation: { id: 'a:long-one', conversationType: 'personal' } as Activity['conversation'],
        text: 'palabra '.repeat(31_250),
      });
      expect(await texts(activity)).toEqual([format('en', 'tooLong', { max: 2000 })]);
      expect(decide).not.toHaveBeenCalled();
      // A message within the limit does go through detection.
      await texts({ ...activity, id: 'short', text: 'hola, ¿quién es la directora?' });
      expect(decide).toHaveBeenCalled();
    } finally {
      decide.mockRestore();
    }
  });

  it('does not count the @mention markup against the length limit', async () => {
    const question = `Who is the Mission Director? ${'x'.repeat(1971)}`;
    expect(question.length).toBe(2000);
    const activity = fixture('teams-channel-mention', serviceUrl, { text: `<at>USAID Peru</at> ${question}` });
    expect(await texts(activity)).not.toContain(format('en', 'tooLong', { max: 2000 }));
  });
});
