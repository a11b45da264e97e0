import type { Activity } from 'botbuilder';
import type { Language } from '../../src/core/text/normalize';
import { contactHarness, texts } from '../helpers/contactDialogHarness';

const cardName = (replies: Partial<Activity>[]) =>
  (replies[0]?.attachments?.[0]?.content as { body?: { text?: string }[] } | undefined)?.body?.[0]?.text;

/** Contact requests as people word them, with the person they name, through the real recognizer. */
const named: [Language, string, string][] = [
  ['en', 'I want to talk to the second in command', 'Elizabeth Bosman'],
  ['en', 'Please put me in touch with the number two of the mission', 'Elizabeth Bosman'],
  ['en', 'I would like to write to the vice director', 'Elizabeth Bosman'],
  ['en', 'I want to contact the deputy', 'Elizabeth Bosman'],
  ['en', 'I need to reach the head of USAID Peru', 'Amy Paro'],
  ['en', 'I want to talk to the head of mission', 'Amy Paro'],
  ['es', 'quiero escribirle a la directora adjunta', 'Elizabeth Bosman'],
  ['es', 'quiero hablar con el subdirector', 'Elizabeth Bosman'],
  ['es', 'quiero contactar a la jefa de la misión', 'Amy Paro'],
  ['es', 'quiero escribirle al jefe de la misión', 'Amy Paro'],
];

describe('contact requests that name a role', () => {
  it.each(named)('(%s) %p starts the contact dialog with %s', async (language, text, name) => {
    const h = contactHarness({ language });
    expect(cardName(await h.say(text))).toBe(name);
  });

  it.each([
    ['en', 'I want to talk to the ambassador'],
    ['en', 'I want to contact the mission'],
    ['es', 'quiero hablar con el embajador'],
    ['es', 'quiero contactar a la misión'],
  ] as const)('(%s) %p, naming no known role, offers both', async (language, text) => {
    const h = contactHarness({ language });
    const replies = await h.say(text);
    expect(texts(replies)).toEqual([h.t('contactChoose')]);
    expect(replies[0]?.suggestedActions?.actions.map((a) => a.value)).toEqual(['Amy Paro', 'Elizabeth Bosman']);
  });
});
