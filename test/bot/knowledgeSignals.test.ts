import { randomUUID } from 'node:crypto';
import type { Activity, Entity } from 'botbuilder';
import type { CitationEntity } from '../../dialogs/activities/citationEntity';
import { webChatFeedbackEventName } from '../../src/bot/knowledgeSignals';
import type { SignalEvent } from '../../src/core/signals/signalEvents';
import { realKnowledge } from '../helpers/core';
import { post, type RunningApp, startTestApp } from '../helpers/testApp';

/** Questions of which the knowledge offers a "did you mean" (the first that does is used). */
const vagueQuestions = ['What does USAID do?', 'partners', 'Peru', 'What about the people?'];

describe('signals of answers, offers, declines and Web Chat feedback, over HTTP', () => {
  let running: RunningApp;
  let url: string;

  beforeAll(async () => {
    running = await startTestApp();
    url = `${running.baseUrl}/api/messages`;
  });
  afterAll(() => running.app.stop());

  /** One Web Chat conversation: `send` posts an activity and returns the bot's replies. */
  const conversation = () => {
    const id = `signals-${randomUUID()}`;
    return async (fields: Partial<Activity>): Promise<Partial<Activity>[]> => {
      const response = await post(url, {
        type: 'message',
        id: randomUUID(),
        channelId: 'webchat',
        serviceUrl: 'http://127.0.0.1:9/',
        deliveryMode: 'expectReplies',
        conversation: { id },
        from: { id: 'user-1' },
        recipient: { id: 'bot' },
        locale: 'en-US',
        ...fields,
      });
      expect(response.status).toBe(200);
      return (response.body as { activities?: Partial<Activity>[] } | undefined)?.activities ?? [];
    };
  };
  /** The signals recorded since `before` signals. */
  const recorded = async (before: number): Promise<SignalEvent[]> => {
    await running.app.signals.flush();
    return (await running.app.signals.read()).slice(before);
  };
  const count = async () => (await recorded(0)).length;
  /** The thumbs an answer offers, up then down, as Web Chat posts them back when clicked. */
  const thumbs = (reply: Partial<Activity> | undefined): [Entity, Entity] => {
    const message = ((reply?.entities ?? []) as CitationEntity[]).find((e) => e.type === 'https://schema.org/Message');
    const [up, down] = message?.potentialAction ?? [];
    if (!up || !down) throw new Error('the reply offers no thumbs');
    return [{ ...up }, { ...down }];
  };

  it('records an answer by unit, and a thumb clicked under it with the question it answered', async () => {
    const before = await count();
    const send = conversation();
    const [answer] = await send({ text: 'What are USAID objectives in Peru?' });
    const [like, dislike] = thumbs(answer);
    expect(like).toMatchObject({ type: 'https://schema.org/LikeAction', object: { '@id': 'usaid-peru#objectives' } });
    // Web Chat posts the clicked action back as the event's entity.
    await send({ type: 'event', name: webChatFeedbackEventName, entities: [like] });
    await send({ type: 'event', name: webChatFeedbackEventName, entities: [like] });
    await send({ type: 'event', name: webChatFeedbackEventName, entities: [dislike] });
    expect(await recorded(before)).toEqual([
      expect.objectContaining({ kind: 'answer', unit: 'usaid-peru#objectives', language: 'en', via: 'question' }),
      expect.objectContaining({
        kind: 'feedback',
        unit: 'usaid-peru#objectives',
        reaction: 'like',
        channel: 'webchat',
        question: 'What are USAID objectives in Peru?',
      }),
      // The same thumb again is not a second vote; the other one replaces it.
      expect.objectContaining({ kind: 'feedback', reaction: 'dislike', replaces: 'like' }),
    ]);
  });

  it('ties a clicked suggestion to the question it was offered for', async () => {
    const { knowledge } = realKnowledge();
    const question = vagueQuestions.find((q) => knowledge.answer(q, 'en').kind === 'suggest');
    if (!question) throw new Error(`none of ${vagueQuestions.join(' / ')} gets a "did you mean" any more`);
    const before = await count();
    const send = conversation();
    const [offer] = await send({ text: question });
    const title = offer?.suggestedActions?.actions[0]?.title ?? '';
    expect(title).not.toBe('');
    const [answer] = await send({ text: title });
    const unit = knowledge.suggestionFor(title, 'en');
    await send({ type: 'event', name: webChatFeedbackEventName, entities: [thumbs(answer)[0]] });
    expect(await recorded(before)).toEqual([
      expect.objectContaining({ kind: 'suggest', question, units: expect.arrayContaining([unit]) }),
      expect.objectContaining({ kind: 'answer', unit, via: 'suggestion', question }),
      // The thumb proposes the question asked, not the title clicked.
      expect.objectContaining({ kind: 'feedback', unit, reaction: 'like', question }),
    ]);
  });

  it('records a declined question anonymized, and ignores a thumb that names no unit of the knowledge', async () => {
    const before = await count();
    const send = conversation();
    await send({ text: 'What is the USAID budget for Bolivia? Mail me at ana@example.org' });
    await send({
      type: 'event',
      name: webChatFeedbackEventName,
      entities: [{ type: 'https://schema.org/LikeAction', '@type': 'LikeAction', object: { '@id': 'nowhere#x' } }],
    });
    const events = await recorded(before);
    expect(events).toEqual([expect.objectContaining({ kind: 'decline', language: 'en' })]);
    expect(JSON.stringify(events)).not.toMatch(/example\.org|user-1|signals-/);
  });
});
