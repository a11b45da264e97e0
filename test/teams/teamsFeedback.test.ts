import type { Activity } from 'botbuilder';
import type { CitationEntity } from '../../dialogs/activities/citationEntity';
import { buildReport } from '../../src/core/signals/signalReport';
import { reportKnowledge } from '../../scripts/lib/report/reportKnowledge';
import { realKnowledge } from '../helpers/core';
import { FakeChannel } from '../helpers/fakeChannel';
import { fixture } from '../helpers/fixtures';
import { post, type RunningApp, startTestApp } from '../helpers/testApp';

const question = 'What are USAID objectives in Peru?';
const messageEntity = (activity: Partial<Activity> | undefined) =>
  (activity?.entities ?? []).find((e) => e.type === 'https://schema.org/Message') as CitationEntity | undefined;

/** Teams' feedback loop invoke, as Teams sends it when someone submits a thumb on a bot message. */
function feedbackInvoke(
  serviceUrl: string,
  replyToId: string | undefined,
  reaction: string,
  feedbackText?: string,
): Partial<Activity> {
  const message = fixture('teams-personal-message', serviceUrl);
  return {
    ...message,
    type: 'invoke',
    name: 'message/submitAction',
    text: undefined,
    replyToId,
    value: {
      actionName: 'feedback',
      actionValue: { reaction, feedback: JSON.stringify({ feedbackText: feedbackText ?? '' }) },
    },
  };
}

describe("Teams' feedback loop, over HTTP", () => {
  let channel: FakeChannel;
  let running: RunningApp;
  let url: string;

  beforeAll(async () => {
    channel = await new FakeChannel().start();
    running = await startTestApp();
    url = `${running.baseUrl}/api/messages`;
  });
  afterAll(async () => {
    await running.app.stop();
    await channel.stop();
  });

  const feedbackEvents = async () => {
    await running.app.signals.flush();
    return (await running.app.signals.read()).filter((e) => e.kind === 'feedback');
  };
  const report = async () => buildReport(await running.app.signals.read(), reportKnowledge(realKnowledge()));

  it('sends answers with the feedback loop on, and counts a thumb and its comment on the answer it names', async () => {
    const calls = channel.calls.length;
    const asked = await post(url, fixture('teams-personal-message', channel.url, { text: question }));
    expect(asked.status).toBe(200);
    await channel.waitFor(calls + 1);
    const answer = channel.activities[calls];
    // Teams draws its own thumbs from the channel data; the entity offers none.
    expect(answer?.channelData).toMatchObject({ feedbackLoopEnabled: true });
    expect(messageEntity(answer)?.citation).toHaveLength(1);
    expect(messageEntity(answer)?.potentialAction).toBeUndefined();
    const answerId = `sent-${calls + 1}`;

    const before = (await feedbackEvents()).length;
    const response = await post(
      url,
      feedbackInvoke(channel.url, answerId, 'like', 'Clear. Reach me at rosa@example.org or +51 1 234 5678'),
    );
    expect(response.status).toBe(200);
    expect((await feedbackEvents()).slice(before)).toEqual([
      expect.objectContaining({
        unit: 'usaid-peru#objectives',
        language: 'en',
        reaction: 'like',
        channel: 'msteams',
        question,
        comment: 'Clear. Reach me at [email] or [number]',
      }),
    ]);
    const counted = (await report()).feedbackPerUnit.find((r) => r.unit === 'usaid-peru#objectives');
    expect(counted?.likes).toBeGreaterThanOrEqual(1);
  });

  it('gives an answer an id when replies come back in the response, so feedback can name it', async () => {
    const asked = await post(
      url,
      fixture('teams-personal-message', channel.url, { text: question, deliveryMode: 'expectReplies' }),
    );
    const answer = (asked.body as { activities: Partial<Activity>[] }).activities[0];
    expect(answer?.id).toEqual(expect.any(String));
    expect(answer?.channelData).toMatchObject({ feedbackLoopEnabled: true });
    const before = (await feedbackEvents()).length;
    expect((await post(url, feedbackInvoke(channel.url, answer?.id, 'dislike'))).status).toBe(200);
    // Teams retrying the same invoke does not count twice.
    expect((await post(url, feedbackInvoke(channel.url, answer?.id, 'dislike'))).status).toBe(200);
    expect((await feedbackEvents()).slice(before)).toEqual([
      expect.objectContaining({ unit: 'usaid-peru#objectives', reaction: 'dislike', channel: 'msteams' }),
    ]);
  });

  it('also takes feedback naming the question answered, with its comment as an object', async () => {
    const message = fixture('teams-personal-message', channel.url, { text: question, deliveryMode: 'expectReplies' });
    await post(url, message);
    const before = (await feedbackEvents()).length;
    const invoke = feedbackInvoke(channel.url, message.id, 'like');
    invoke.value = { actionName: 'feedback', actionValue: { reaction: 'like', feedback: { feedbackText: 'Useful' } } };
    expect((await post(url, invoke)).status).toBe(200);
    expect((await feedbackEvents()).slice(before)).toEqual([
      expect.objectContaining({ unit: 'usaid-peru#objectives', reaction: 'like', comment: 'Useful' }),
    ]);
  });

  it('answers 200 but counts nothing for a message it did not answer, and 400 for a malformed reaction', async () => {
    const before = (await feedbackEvents()).length;
    expect((await post(url, feedbackInvoke(channel.url, 'not-an-answer', 'like'))).status).toBe(200);
    expect((await post(url, feedbackInvoke(channel.url, 'sent-1', 'love'))).status).toBe(400);
    expect((await feedbackEvents()).slice(before)).toEqual([]);
    // Other invokes are left to botbuilder, which does not implement them.
    const other = { ...feedbackInvoke(channel.url, 'sent-1', 'like'), value: { actionName: 'other' } };
    expect((await post(url, other)).status).toBe(501);
  });
});
