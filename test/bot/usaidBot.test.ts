import { type Activity, ActivityTypes, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { ConversationRouter } from '../../dialogs/conversationRouter';
import { turnErrorHandler } from '../../src/bot/adapter';
import { joinEventName, UsaidBot } from '../../src/bot/usaidBot';
import type { TurnOutcomeRecord } from '../../src/core/conversation/turn';
import { format } from '../../src/core/i18n/messages';
import { LanguagePolicy } from '../../src/core/language/languagePolicy';
import type { IntentRecognizer } from '../../src/core/intents/intentTypes';
import { FakeRecognizer, realKnowledge } from '../helpers/core';
import { capturingLogger } from '../helpers/logCapture';

const botAccount = { id: 'bot', name: 'USAID Peru' };
const userAccount = { id: 'user-1', name: 'Ana' };

function setup(recognizer: IntentRecognizer = new FakeRecognizer({}), maxMessageChars = 200, locale = 'en-US') {
  const { kb, knowledge } = realKnowledge();
  const { logger, lines, raw } = capturingLogger();
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const router = new ConversationRouter({
    recognizer,
    knowledge,
    contacts: kb.contacts,
  });
  const bot = new UsaidBot({
    conversationState,
    router,
    maxMessageChars,
    logger,
    languagePolicy: new LanguagePolicy(),
    onTurnError: turnErrorHandler(conversationState, logger),
  });
  const outcomes: TurnOutcomeRecord[] = [];
  const adapter = new TestAdapter(async (context) => void outcomes.push(await bot.runTurn(context)), {
    channelId: 'test',
    recipient: botAccount,
    from: userAccount,
    locale,
  });
  return { adapter, lines, raw, outcomes, storage };
}

const message = (fields: Partial<Activity>): Partial<Activity> => ({ type: ActivityTypes.Message, ...fields });

describe('UsaidBot', () => {
  it('welcomes once when people join, however many, and not again when more join', async () => {
    const { adapter } = setup();
    const replies: Partial<Activity>[] = [];
    await adapter
      .send({
        type: ActivityTypes.ConversationUpdate,
        membersAdded: [botAccount, userAccount, { id: 'user-2', name: 'Luis' }],
      })
      .assertReply((a) => void replies.push(a))
      .send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user-3', name: 'Rosa' }] })
      .send({ type: ActivityTypes.Event, name: joinEventName })
      .send(message({ text: 'hello' }))
      .assertReply((a) => expect(a.text).not.toContain(format('en', 'welcome')))
      .startTest();
    expect(replies.map((r) => r.text)).toEqual([expect.stringContaining(format('en', 'welcome'))]);
    expect(replies[0]?.suggestedActions?.actions.length).toBeGreaterThanOrEqual(3);
  });

  it('does not welcome when only the bot joins, outside Teams', async () => {
    const { adapter } = setup();
    await adapter
      .send({ type: ActivityTypes.ConversationUpdate, membersAdded: [botAccount] })
      .send(message({ text: 'hello' }))
      .assertReply((a) => expect(a.text).not.toContain(format('en', 'welcome')))
      .startTest();
  });

  it('welcomes on the Web Chat join event', async () => {
    const { adapter } = setup();
    await adapter
      .send({ type: ActivityTypes.Event, name: joinEventName })
      .assertReply((a) => expect(a.text).toContain(format('en', 'welcome')))
      .startTest();
  });

  it.each([
    ['an empty message', message({ text: '   ' }), 'emptyMessage'],
    [
      'an attachment without text',
      message({ attachments: [{ contentType: 'image/png', contentUrl: 'https://example.org/a.png' }] }),
      'attachmentOnly',
    ],
  ] as const)('replies politely to %s', async (_name, activity, key) => {
    const { adapter } = setup();
    await adapter.send(activity).assertReply(format('en', key)).startTest();
  });

  it('replies politely to a message over the length limit, without an error', async () => {
    const { adapter, lines } = setup(new FakeRecognizer({}), 50);
    await adapter
      .send('x'.repeat(51))
      .assertReply(format('en', 'tooLong', { max: 50 }))
      .startTest();
    expect(lines().filter((l) => l.level === 50)).toHaveLength(0);
  });

  it('speaks Spanish catalogue text to a Spanish locale', async () => {
    const { adapter } = setup(new FakeRecognizer({}), 200, 'es-PE');
    await adapter
      .send(message({ text: '  ' }))
      .assertReply(format('es', 'emptyMessage'))
      .startTest();
  });

  it('logs a failed turn with its code, tells the user without details, and the next turn works', async () => {
    const failing: IntentRecognizer = {
      recognize: (text) =>
        text === 'boom'
          ? Promise.reject(new Error('recognizer exploded'))
          : new FakeRecognizer({}).recognize(text, 'en'),
    };
    const { adapter, lines, raw } = setup(failing);
    await adapter
      .send('boom')
      .assertReply(format('en', 'turnError'))
      .send('Who is the Deputy Mission Director?')
      .assertReply((reply) => expect(reply.text).toMatch(/\[1\]/))
      .startTest();
    const errors = lines().filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'TURN_FAILED', err: { message: 'recognizer exploded' } });
    expect(raw()).not.toContain('boom');
  });

  it('returns what each turn ended in, for the request log', async () => {
    const { adapter, outcomes } = setup();
    await adapter
      .send({ type: ActivityTypes.Event, name: joinEventName })
      .assertReply(() => undefined)
      .send(message({ text: 'Who is the Deputy Mission Director?', id: 'm-1' }))
      .assertReply(() => undefined)
      .send(message({ text: 'Who is the Deputy Mission Director?', id: 'm-1' }))
      .send(message({ text: '   ' }))
      .assertReply(() => undefined)
      .startTest();
    expect(outcomes).toEqual([
      { outcome: 'welcome' },
      { outcome: 'answered' },
      { outcome: 'duplicate' },
      { outcome: 'empty' },
    ]);
  });

  it('answers a turn whose state write loses an eTag race in its language, and returns the conflict', async () => {
    const { adapter, outcomes, storage } = setup(new FakeRecognizer({}), 200, 'es-PE');
    jest
      .spyOn(storage, 'write')
      .mockRejectedValue(Object.assign(new Error('precondition failed'), { statusCode: 412 }));
    await adapter
      .send(message({ text: '   ' }))
      .assertReply(format('es', 'emptyMessage'))
      .assertReply(format('es', 'concurrentMessages'))
      .startTest();
    expect(outcomes).toEqual([{ outcome: 'error', detail: 'conflict' }]);
  });

  it('switches to Spanish on request, remembers it, and switches back', async () => {
    const { adapter } = setup();
    await adapter
      .send('en español por favor')
      .assertReply(format('es', 'languageSwitched'))
      .send('   ')
      .assertReply(format('es', 'emptyMessage'))
      .send('In English please')
      .assertReply(format('en', 'languageSwitched'))
      .send('   ')
      .assertReply(format('en', 'emptyMessage'))
      .startTest();
  });

  it('answers a Spanish question in Spanish under an English locale', async () => {
    const { adapter } = setup();
    await adapter
      .send('¿Quién es la subdirectora de la misión?')
      .assertReply((reply) => expect(reply.text).toMatch(/Subdirectora de la Misión.*\[1\]/s))
      .startTest();
  });
});
