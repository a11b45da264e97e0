import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs/mainDialog';
import { IntentRecognizerAdapter } from '../../src/bot/recognizerAdapter';
import { format } from '../../src/core/i18n/messages';
import { FakeRecognizer, realKnowledge } from '../helpers/core';

function client(recognizer: FakeRecognizer, threshold?: number) {
  const { kb, knowledge } = realKnowledge();
  const dialog = new MainDialog({
    recognizer: new IntentRecognizerAdapter(recognizer),
    knowledge,
    contacts: kb.contacts,
    intentThreshold: threshold,
  });
  return new DialogTestClient('test', dialog);
}

const hasCitation = (activity: Partial<Activity>) =>
  (activity.entities ?? []).some((e) => e.type === 'https://schema.org/Message');

describe('MainDialog routing', () => {
  const recognizer = new FakeRecognizer({
    hello: { intent: 'Greeting' },
    'help me': { intent: 'Help' },
    'stop it': { intent: 'Cancel' },
    'thanks!': { intent: 'Goodbye' },
    'talk to someone': { intent: 'ContactRequest' },
    'hello, who is the deputy mission director?': { intent: 'Greeting' },
    'unsure greeting': { intent: 'Greeting', score: 0.3 },
  });

  it.each([
    ['hello', 'greeting'],
    ['help me', 'help'],
    ['stop it', 'nothingToCancel'],
    ['thanks!', 'goodbye'],
  ] as const)('replies to %p with the %s message', async (text, key) => {
    const reply = await client(recognizer).sendActivity(text);
    expect(reply.text).toBe(format('en', key));
  });

  it('answers a question from the knowledge with a citation', async () => {
    const reply = await client(recognizer).sendActivity('Who is the Deputy Mission Director?');
    expect(hasCitation(reply)).toBe(true);
    expect(reply.text).toMatch(/\[1\]/);
  });

  it('answers a greeting that carries a question', async () => {
    const reply = await client(recognizer).sendActivity('hello, who is the deputy mission director?');
    expect(hasCitation(reply)).toBe(true);
  });

  it('treats a low-confidence intent as a question', async () => {
    const reply = await client(recognizer, 0.5).sendActivity('unsure greeting');
    expect(reply.text).not.toBe(format('en', 'greeting'));
    expect(hasCitation(reply)).toBe(false);
  });

  it('shows the contacts with mailto links on a contact request', async () => {
    const { kb } = realKnowledge();
    const reply = await client(recognizer).sendActivity('talk to someone');
    for (const contact of kb.contacts) expect(reply.text).toContain(`mailto:${contact.email}`);
  });

  it('ends the dialog after each turn, so the next message is routed afresh', async () => {
    const testClient = client(recognizer);
    await testClient.sendActivity('hello');
    expect(testClient.dialogTurnResult.status).toBe('complete');
    const reply = await testClient.sendActivity('help me');
    expect(reply.text).toBe(format('en', 'help'));
  });

  it('passes the text and language to the recognizer', async () => {
    const spy = new FakeRecognizer({});
    await client(spy).sendActivity('What is the CDCS?');
    expect(spy.calls).toEqual([{ text: 'What is the CDCS?', language: 'en' }]);
  });
});
