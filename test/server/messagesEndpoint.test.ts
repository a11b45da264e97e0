import type { Activity } from 'botbuilder';
import { OfflineRecognizer } from '../../src/core/intents/offlineRecognizer';
import { realProject } from '../helpers/core';
import { FakeChannel } from '../helpers/fakeChannel';
import { FakeCluService } from '../helpers/fakeClu';
import { fixture } from '../helpers/fixtures';
import { post, type RunningApp, startTestApp } from '../helpers/testApp';

type CitationEntity = {
  type: string;
  '@type'?: string;
  citation?: { '@type': string; position: number; appearance: { name: string; abstract: string; url: string } }[];
};

const citationOf = (activity: Partial<Activity>) =>
  (activity.entities as CitationEntity[] | undefined)?.find((e) => e.type === 'https://schema.org/Message');

/** The end-to-end suite runs once per recognizer setup. */
const recognizerSetups: [
  string,
  () => Promise<{ env: Record<string, string>; stop: () => Promise<void>; used: () => number }>,
][] = [
  ['the offline recognizer', () => Promise.resolve({ env: {}, stop: () => Promise.resolve(), used: () => 0 })],
  [
    'Azure CLU (a fake service on loopback)',
    async () => {
      const clu = await new FakeCluService(new OfflineRecognizer(realProject())).start();
      return {
        env: {
          CLU_ENDPOINT: clu.endpoint,
          CLU_KEY: clu.key,
          CLU_PROJECT_NAME: 'usaid-peru-bot',
          CLU_DEPLOYMENT_NAME: 'production',
        },
        stop: () => clu.stop(),
        used: () => clu.requests.length,
      };
    },
  ],
];

describe.each(recognizerSetups)(
  'POST /api/messages through a channel on loopback, with %s',
  (name, setupRecognizer) => {
    let channel: FakeChannel;
    let running: RunningApp;
    let messagesUrl: string;
    let recognizerSetup: Awaited<ReturnType<typeof setupRecognizer>>;

    beforeAll(async () => {
      channel = await new FakeChannel().start();
      recognizerSetup = await setupRecognizer();
      running = await startTestApp(recognizerSetup.env);
      messagesUrl = `${running.baseUrl}/api/messages`;
    });
    afterAll(async () => {
      await running.app.stop();
      await channel.stop();
      await recognizerSetup.stop();
      if (name.includes('CLU')) expect(recognizerSetup.used()).toBeGreaterThan(0);
    });
    beforeEach(() => channel.calls.splice(0));

    it('welcomes a user who joins Web Chat, with suggested questions', async () => {
      const response = await post(messagesUrl, fixture('webchat-conversation-update', channel.url));
      expect(response.status).toBe(200);
      await channel.waitFor(1);
      const [welcome] = channel.activities;
      expect(welcome?.type).toBe('message');
      expect(welcome?.suggestedActions?.actions.length).toBeGreaterThan(0);
    });

    it('welcomes once when the Emulator adds the user and the bot', async () => {
      const activity = fixture('emulator-conversation-update', channel.url);
      const humans = (activity.membersAdded ?? []).filter((m) => m.id !== activity.recipient?.id);
      expect(humans.length).toBeGreaterThan(0);
      await post(messagesUrl, activity);
      await channel.waitFor(humans.length);
      await new Promise((r) => setTimeout(r, 100));
      expect(channel.calls).toHaveLength(humans.length);
    });

    it('answers a Web Chat question with a citation entity that survives the Connector client', async () => {
      const activity = fixture('webchat-message-es', channel.url, {
        text: 'Who is the Deputy Mission Director?',
        locale: 'en-US',
      });
      expect((await post(messagesUrl, activity)).status).toBe(200);
      await channel.waitFor(1);
      const [call] = channel.calls;
      expect(call?.path).toBe(
        `/v3/conversations/${encodeURIComponent(activity.conversation?.id ?? '')}/activities/${encodeURIComponent(activity.id ?? '')}`,
      );
      const reply = call?.activity ?? {};
      expect(reply.text).toMatch(/\[1\]/);
      const citation = citationOf(reply);
      expect(citation?.['@type']).toBe('Message');
      expect(citation?.citation?.[0]).toMatchObject({
        '@type': 'Claim',
        position: 1,
        appearance: { '@type': 'DigitalDocument', url: 'https://www.usaid.gov/peru' },
      });
      expect(citation?.citation?.[0]?.appearance.name).toMatch(/2023/);
      expect(citation?.citation?.[0]?.appearance.abstract.length).toBeLessThanOrEqual(160);
    });

    it('answers the Spanish Web Chat message in Spanish, citing the English original and its date', async () => {
      await post(messagesUrl, fixture('webchat-message-es', channel.url));
      await channel.waitFor(1);
      const reply = channel.activities[0] ?? {};
      expect(reply.text).toMatch(/Directora de la Misión/);
      const appearance = citationOf(reply)?.citation?.[0]?.appearance;
      expect(appearance?.name).toMatch(
        /^USAID in Perú \(publicado el 6 de octubre de 2023; .*traducción no oficial\)$/,
      );
      expect(appearance?.url).toBe('https://www.usaid.gov/peru');
    });

    it('declines a question the knowledge does not hold, citing nothing and offering contact', async () => {
      const activity = fixture('webchat-message-es', channel.url, {
        text: 'What does USAID do in Ecuador?',
        locale: 'en-US',
      });
      await post(messagesUrl, activity);
      await channel.waitFor(1);
      const reply = channel.activities[0] ?? {};
      expect(citationOf(reply)).toBeUndefined();
      expect(reply.text).not.toMatch(/\[1\]/);
      expect(reply.suggestedActions?.actions).toHaveLength(1);
    });

    it('answers a Teams channel post that mentions the bot, in the thread, with the mention stripped', async () => {
      const activity = fixture('teams-channel-mention', channel.url);
      await post(messagesUrl, activity);
      await channel.waitFor(1);
      const [call] = channel.calls;
      // The conversation id carries ;messageid=…, which is what keeps the reply in the thread.
      expect(decodeURIComponent(call?.path ?? '')).toContain(activity.conversation?.id ?? 'missing');
      expect(call?.activity.conversation?.id).toBe(activity.conversation?.id);
      expect(call?.activity.replyToId).toBe(activity.id);
      expect(citationOf(call?.activity ?? {})?.citation?.length).toBeGreaterThan(0);
    });

    it('stays silent in a Teams group chat when not mentioned', async () => {
      const activity = fixture('teams-groupchat-mention', channel.url);
      const unmentioned = { ...activity, text: 'what are the objectives?', entities: [] };
      expect((await post(messagesUrl, unmentioned)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      expect(channel.calls).toHaveLength(0);
    });

    it('answers a Teams personal chat', async () => {
      await post(messagesUrl, fixture('teams-personal-message', channel.url));
      await channel.waitFor(1);
      expect(channel.activities[0]?.type).toBe('message');
    });

    it('returns replies in the response body for deliveryMode expectReplies', async () => {
      const activity = fixture('webchat-message-es', channel.url, {
        text: 'What is the CDCS?',
        locale: 'en-US',
        deliveryMode: 'expectReplies',
      });
      const response = await post(messagesUrl, activity);
      expect(response.status).toBe(200);
      const replies = (response.body as { activities: Partial<Activity>[] }).activities;
      expect(citationOf(replies[0] ?? {})?.citation?.length).toBeGreaterThan(0);
      expect(channel.calls).toHaveLength(0);
    });

    describe('bad requests', () => {
      it('answers malformed JSON with 400 and a JSON error without a stack trace', async () => {
        const response = await post(messagesUrl, '{"type": "message", ');
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ error: { code: 'REQUEST_INVALID' } });
        expect(JSON.stringify(response.body)).not.toMatch(/\bat .*\.js:\d+/);
      });

      it.each([
        ['type', { type: undefined }],
        ['conversation', { conversation: undefined }],
        ['serviceUrl', { serviceUrl: 'not a url' }],
        ['from', { from: undefined }],
      ])('rejects an activity without a valid %s with 400 naming it', async (key, change) => {
        const activity = { ...fixture('teams-personal-message', channel.url), ...change };
        const response = await post(messagesUrl, activity);
        expect(response.status).toBe(400);
        expect(JSON.stringify(response.body)).toContain(key);
        expect(channel.calls).toHaveLength(0);
      });

      it('rejects a body that is not an object', async () => {
        const response = await post(messagesUrl, '[1,2,3]');
        expect(response.status).toBe(400);
      });

      it('answers an oversized body with 413', async () => {
        const activity = fixture('teams-personal-message', channel.url, { text: 'x'.repeat(300 * 1024) });
        const response = await post(messagesUrl, activity);
        expect(response.status).toBe(413);
        expect(response.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
      });

      it('keeps serving after bad requests', async () => {
        const health = await fetch(`${running.baseUrl}/healthz`);
        expect(health.status).toBe(200);
      });
    });
  },
);
