import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { ConversationRouter } from '../../dialogs/conversationRouter';
import { UnansweredQuestions } from '../../src/core/answers/unansweredQuestions';
import { format } from '../../src/core/i18n/messages';
import { MessageVocabulary } from '../../src/core/intents/messageVocabulary';
import { FakeRecognizer, realKnowledge, realProject } from '../helpers/core';
import { routerHarness } from '../helpers/routerHarness';
import { tempDir } from '../helpers/tempDir';

function harness(
  recognizer: FakeRecognizer,
  options: { threshold?: number; unanswered?: UnansweredQuestions; vocabulary?: MessageVocabulary } = {},
) {
  const { kb, knowledge } = realKnowledge();
  const router = new ConversationRouter({
    recognizer,
    knowledge,
    contacts: kb.contacts,
    intentThreshold: options.threshold,
    unanswered: options.unanswered,
    vocabulary: options.vocabulary,
  });
  return routerHarness(router);
}

const hasCitation = (activity: Partial<Activity> | undefined) =>
  (activity?.entities ?? []).some((e) => e.type === 'https://schema.org/Message');

describe('ConversationRouter', () => {
  const recognizer = new FakeRecognizer({
    hello: { intent: 'Greeting' },
    'help me': { intent: 'Help' },
    'stop it': { intent: 'Cancel' },
    'thanks!': { intent: 'Goodbye' },
    'talk to someone': { intent: 'ContactRequest' },
    'hello, who is the deputy mission director?': { intent: 'Greeting' },
    'unsure greeting': { intent: 'Greeting', score: 0.3 },
    'What support do Venezuelan refugees get?': { intent: 'Help' },
    ayuda: { intent: 'Help' },
  });

  it.each([
    ['hello', 'greeting'],
    ['help me', 'help'],
    ['stop it', 'nothingToCancel'],
    ['thanks!', 'goodbye'],
  ] as const)('replies to %p with the %s message', async (text, key) => {
    const [reply] = await harness(recognizer).say(text);
    expect(reply?.text).toBe(format('en', key));
  });

  it('declines a longer message of words the intent model never saw, whatever intent it is scored as', async () => {
    const vocabulary = MessageVocabulary.fromProject(realProject());
    const cancels = new FakeRecognizer({
      'receta de lomo saltado': { intent: 'Cancel', score: 0.46 },
      'please cancel my request now': { intent: 'Cancel', score: 0.46 },
    });
    const [recipe] = await harness(cancels, { vocabulary }).say('receta de lomo saltado');
    expect(recipe?.text).not.toBe(format('en', 'nothingToCancel'));
    expect(recipe?.text).toBe(format('en', 'decline'));
    const [cancel] = await harness(cancels, { vocabulary }).say('please cancel my request now');
    expect(cancel?.text).toBe(format('en', 'nothingToCancel'));
  });

  it('answers a question from the knowledge with a citation', async () => {
    const [reply] = await harness(recognizer).say('Who is the Deputy Mission Director?');
    expect(hasCitation(reply)).toBe(true);
    expect(reply?.text).toMatch(/\[1\]/);
  });

  it('gives both contacts, each quoted and cited, when a question names both', async () => {
    const { kb } = realKnowledge();
    const [reply] = await harness(recognizer).say('What are the emails of the director and the deputy?');
    for (const contact of kb.contacts) expect(reply?.text).toContain(contact.email);
    expect(reply?.text?.match(/\[1\]/g)).toHaveLength(2);
    expect(hasCitation(reply)).toBe(true);
  });

  it('answers a greeting that carries a question', async () => {
    const [reply] = await harness(recognizer).say('hello, who is the deputy mission director?');
    expect(hasCitation(reply)).toBe(true);
  });

  it('answers a plea for help that asks about the knowledge, and helps when it does not', async () => {
    const [answer] = await harness(recognizer).say('What support do Venezuelan refugees get?');
    expect(hasCitation(answer)).toBe(true);
    expect(answer?.text).toMatch(/Venezuelan/);
    const [help] = await harness(recognizer).say('ayuda');
    expect(hasCitation(help)).toBe(false);
  });

  it('treats a low-confidence intent as a question', async () => {
    const [reply] = await harness(recognizer, { threshold: 0.5 }).say('unsure greeting');
    expect(reply?.text).not.toBe(format('en', 'greeting'));
    expect(hasCitation(reply)).toBe(false);
  });

  it('shows the contacts with mailto links on a contact request when no contact dialog is set up', async () => {
    const { kb } = realKnowledge();
    const [reply] = await harness(recognizer).say('talk to someone');
    for (const contact of kb.contacts) expect(reply?.text).toContain(`mailto:${contact.email}`);
  });

  it('leaves no dialog open after a one-shot message, so the next message is routed afresh', async () => {
    const { say, openDialogs } = harness(recognizer);
    await say('hello');
    expect(await openDialogs()).toBe(0);
    const [reply] = await say('help me');
    expect(reply?.text).toBe(format('en', 'help'));
  });

  it('passes the text and language to the recognizer', async () => {
    const spy = new FakeRecognizer({});
    await harness(spy).say('What is the CDCS?');
    expect(spy.calls).toEqual([{ text: 'What is the CDCS?', language: 'en' }]);
  });

  it('counts a declined question for the curators, and not an answered one', async () => {
    const unanswered = new UnansweredQuestions(join(tempDir('router-'), 'unanswered.json'));
    const { say } = harness(recognizer, { unanswered });
    const [declined] = await say('What is the best restaurant in Lima?');
    expect(declined?.text).toBe(format('en', 'decline'));
    await say('Who is the Deputy Mission Director?');
    await unanswered.flush();
    expect((await unanswered.top()).map((e) => [e.question, e.count])).toEqual([
      ['What is the best restaurant in Lima?', 1],
    ]);
  });

  it('routes afresh when the stored dialog stack names a dialog this release does not have', async () => {
    const { say, storage, stateKey } = harness(recognizer);
    await say('hello');
    const stored = (await storage.read([stateKey]))[stateKey] as Record<string, unknown>;
    await storage.write({
      [stateKey]: { ...stored, dialogState: { dialogStack: [{ id: 'mainDialog', state: {} }] }, eTag: '*' },
    });
    const [reply] = await say('help me');
    expect(reply?.text).toBe(format('en', 'help'));
  });
});
