import type { Activity } from 'botbuilder';
import { DialogsComponentRegistration } from 'botbuilder-dialogs/lib/dialogsComponentRegistration';
import type { ProfileLookup } from '../../dialogs/profileLookup';
import type { KnowledgeReply } from '../../src/core/answers/knowledgeService';
import { format } from '../../src/core/i18n/messages';
import type { EntityMatch } from '../../src/core/intents/intentTypes';
import type { Language } from '../../src/core/text/normalize';
import { contactHarness } from '../helpers/contactDialogHarness';
import { FakeRecognizer } from '../helpers/core';

const role = (value: 'director' | 'deputy', text: string): EntityMatch => ({
  category: 'ContactRole',
  value,
  text,
  offset: 0,
  length: text.length,
  confidence: 1,
});

const recognizer = new FakeRecognizer({
  'I want to contact the deputy': { intent: 'ContactRequest', entities: [role('deputy', 'deputy')] },
  'quiero escribirle a la subdirectora': { intent: 'ContactRequest', entities: [role('deputy', 'subdirectora')] },
  'I want to contact the mission': { intent: 'ContactRequest' },
  'quiero contactar a la misión': { intent: 'ContactRequest' },
  'How can I get in touch with the mission?': { intent: 'ContactRequest' },
  '¿Cómo me comunico con la misión?': { intent: 'ContactRequest' },
  "I'm a journalist and want an interview": { intent: 'ContactRequest' },
  'soy periodista y quiero una entrevista': { intent: 'ContactRequest' },
  "I'm a journalist. Who can I contact at the mission? Names and emails please.": { intent: 'ContactRequest' },
  'Soy periodista. ¿A quién puedo contactar en la misión? Nombres y correos, por favor.': {
    intent: 'ContactRequest',
  },
  cancel: { intent: 'Cancel' },
  cancelar: { intent: 'Cancel' },
  help: { intent: 'Help' },
  ayuda: { intent: 'Help' },
});

/** What a person types at each step, in each language. */
const typed = {
  en: {
    deputy: 'I want to contact the deputy',
    mission: 'I want to contact the mission',
    asksWhom: 'How can I get in touch with the mission?',
    journalist: "I'm a journalist and want an interview",
    journalistAsksWhom: "I'm a journalist. Who can I contact at the mission? Names and emails please.",
    yes: 'yes',
    no: 'no',
    skip: 'Skip',
    edit: 'Edit',
    emailField: 'E-mail',
    cancel: 'cancel',
    help: 'help',
    question: 'Who is the Mission Director?',
    outOfScope: 'What is the best restaurant in Lima?',
    answerPattern: /Amy Paro.*\[1\]/,
    title: { director: 'Mission Director', deputy: 'Deputy Mission Director' },
  },
  es: {
    deputy: 'quiero escribirle a la subdirectora',
    mission: 'quiero contactar a la misión',
    asksWhom: '¿Cómo me comunico con la misión?',
    journalist: 'soy periodista y quiero una entrevista',
    journalistAsksWhom: 'Soy periodista. ¿A quién puedo contactar en la misión? Nombres y correos, por favor.',
    yes: 'sí',
    no: 'no',
    skip: 'Omitir',
    edit: 'Editar',
    emailField: 'Correo',
    cancel: 'cancelar',
    help: 'ayuda',
    question: '¿Quién es la directora de la misión?',
    outOfScope: '¿Cuál es el mejor restaurante de Lima?',
    answerPattern: /Amy Paro, Directora de la Misión.*\[1\]/,
    title: { director: 'Directora de la Misión', deputy: 'Subdirectora de la Misión' },
  },
} as const;

function setup(options: { language?: Language; channelId?: string; isGroup?: boolean; profiles?: ProfileLookup } = {}) {
  /** Units of the answers the curators' report is told of, in order. */
  const answered: string[] = [];
  const onKnowledgeReply = (_context: unknown, _question: string, reply: KnowledgeReply) => {
    if (reply.kind === 'answer') answered.push(reply.passageId);
    return Promise.resolve();
  };
  const harness = contactHarness({ ...options, recognizer, onKnowledgeReply });
  return { ...harness, delivery: harness.fixture, answered };
}

const texts = (replies: Partial<Activity>[]) => replies.map((r) => r.text ?? '');

describe('ContactDialog turns', () => {
  afterEach(() => jest.restoreAllMocks());

  it("build botbuilder-dialogs' memory scopes once, not on every turn", async () => {
    const built = jest.spyOn(DialogsComponentRegistration.prototype, 'getMemoryScopes');
    const { say } = setup();
    await say(typed.en.deputy);
    await say(typed.en.yes);
    await say('Ana Pérez');
    expect(built).toHaveBeenCalledTimes(1);
  });
});

describe.each(['en', 'es'] as const)('ContactDialog in %s', (language) => {
  const w = typed[language];
  it('takes a request to the named contact from card to reference, and delivers it once', async () => {
    const { say, delivery, t } = setup({ language });
    const first = await say(w.deputy);
    expect(first[0]?.attachments?.[0]?.content.body[0].text).toBe('Elizabeth Bosman');
    expect(first[0]?.attachments?.[0]?.content.actions[0].url).toBe('mailto:ebosman@usaid.gov');
    expect(first[1]?.text).toBe(t('contactOfferSend', { name: 'Elizabeth Bosman' }));
    expect(texts(await say(w.yes))).toEqual([t('askName')]);
    expect(texts(await say('Ana Pérez'))).toEqual([t('askEmail', { name: 'Elizabeth Bosman' })]);
    expect(texts(await say('ana@example.org'))).toEqual([t('askOrganization')]);
    expect(texts(await say(w.skip))).toEqual([t('askMessage', { name: 'Elizabeth Bosman', max: 2000 })]);
    const summary = await say('We would like to discuss *cacao* farming.');
    expect(summary[0]?.text).toContain('Ana Pérez');
    expect(summary[0]?.text).toContain('\\*cacao\\*');
    expect(summary[0]?.suggestedActions?.actions.map((a) => a.title)).toEqual([
      t('choiceSend'),
      t('choiceEdit'),
      t('choiceCancel'),
    ]);
    const done = await say('Send');
    const reference = /PE-[A-Z0-9]{6}/.exec(done[0]?.text ?? '')?.[0];
    expect(reference).toBeDefined();
    await delivery.service.stop();
    expect(delivery.mailer.sent).toHaveLength(1);
    expect(delivery.mailer.sent[0]).toMatchObject({
      to: { address: 'ebosman@usaid.gov' },
      replyTo: { address: 'ana@example.org' },
    });
    expect(delivery.mailer.sent[0]?.subject).toContain(reference);
  });

  it('takes the name out of "my name is …"', async () => {
    const { say } = setup({ language });
    await say(w.deputy);
    await say(w.yes);
    await say(language === 'es' ? 'Me llamo Rosa Huamán' : 'My name is Rosa Huamán');
    await say('rosa@example.org');
    await say(w.skip);
    const summary = await say('Please send me the program report.');
    expect(summary[0]?.text).toMatch(/(From|De): Rosa Huamán </);
  });

  it('offers a choice of both contacts, with names and titles, when none is named', async () => {
    const { say, t } = setup({ language });
    const replies = await say(w.mission);
    expect(replies[0]?.text).toBe(t('contactChoose'));
    expect(replies[0]?.suggestedActions?.actions.map((a) => a.title)).toEqual([
      `Amy Paro (${w.title.director})`,
      `Elizabeth Bosman (${w.title.deputy})`,
    ]);
    const card = await say('Amy Paro');
    expect(card[0]?.attachments?.[0]?.content.body[0].text).toBe('Amy Paro');
  });

  it('lists both contacts with their published addresses, cited, before the choice when asked how to reach them', async () => {
    const { say, t } = setup({ language });
    const [reply] = await say(w.asksWhom);
    expect(reply?.text).toContain(t('contactsIntro'));
    expect(reply?.text).toContain('[aparo@usaid.gov](mailto:aparo@usaid.gov) [1]');
    expect(reply?.text).toContain('[ebosman@usaid.gov](mailto:ebosman@usaid.gov) [2]');
    expect(reply?.text).toContain(t('contactChoose'));
    const citations = reply?.entities?.flatMap((e) => (e.citation as { position: number }[] | undefined) ?? []);
    expect(citations?.map((c) => c.position)).toEqual([1, 2]);
    expect(reply?.suggestedActions?.actions.map((a) => a.title)).toEqual([
      `Amy Paro (${w.title.director})`,
      `Elizabeth Bosman (${w.title.deputy})`,
    ]);
    const card = await say('Elizabeth Bosman');
    expect(card[0]?.attachments?.[0]?.content.body[0].text).toBe('Elizabeth Bosman');
  });

  it('routes by topic from the routing rules and says so', async () => {
    const { say, t } = setup({ language });
    const replies = await say(w.journalist);
    expect(replies[0]?.text).toBe(t('contactRouted', { name: 'Amy Paro', title: w.title.director }));
  });

  it('lists both contacts before saying whom the request goes to when a routed request asks for them', async () => {
    const { say, t } = setup({ language });
    const replies = await say(w.journalistAsksWhom);
    const routed = t('contactRouted', { name: 'Amy Paro', title: w.title.director });
    expect(replies[0]?.text).toContain('[aparo@usaid.gov](mailto:aparo@usaid.gov) [1]');
    expect(replies[0]?.text).toContain('[ebosman@usaid.gov](mailto:ebosman@usaid.gov) [2]');
    expect(replies[0]?.text?.endsWith(routed)).toBe(true);
    // Her address was just given: no card repeats it before the offer to send a message.
    expect(replies.flatMap((r) => r.attachments ?? [])).toHaveLength(0);
    expect(replies[1]?.text).toContain(t('contactOfferSend', { name: 'Amy Paro' }));
  });

  it('points to the address when the person prefers to write directly', async () => {
    const { say, delivery, t } = setup({ language });
    await say(w.deputy);
    expect(texts(await say(w.no))).toEqual([
      t('contactWriteDirectly', { name: 'Elizabeth Bosman', email: 'ebosman@usaid.gov' }),
    ]);
    await delivery.service.stop();
    expect(await delivery.store.list()).toHaveLength(0);
  });

  it('asks again for an invalid e-mail with the reason, and gives up politely after three tries', async () => {
    const { say, delivery, t } = setup({ language });
    await say(w.deputy);
    await say(w.yes);
    await say('Ana Pérez');
    expect(texts(await say('ana at example dot org'))).toEqual([t('emailInvalid', { reason: t('emailMissingAt') })]);
    expect(texts(await say('ana@example'))).toEqual([t('emailInvalid', { reason: t('emailMalformed') })]);
    expect(texts(await say('ana.perez example org'))).toEqual([
      t('emailGiveUp', { name: 'Elizabeth Bosman', email: 'ebosman@usaid.gov' }),
    ]);
    await delivery.service.stop();
    expect(await delivery.store.list()).toHaveLength(0);
  });

  it('lets the person edit a field and keeps the rest', async () => {
    const { say, t } = setup({ language });
    await say(w.deputy);
    for (const text of [w.yes, 'Ana Pérez', 'ana@example.org', w.skip, 'Please call me about the program.'])
      await say(text);
    expect(texts(await say(w.edit))).toEqual([t('editWhich')]);
    expect(texts(await say(w.emailField))).toEqual([t('askEmail', { name: 'Elizabeth Bosman' })]);
    const summary = await say('ana.perez@example.org');
    expect(summary[0]?.text).toContain('ana.perez@example.org');
    expect(summary[0]?.text).toContain('Ana Pérez');
    expect(summary[0]?.text).toContain('Please call me about the program.');
  });

  it.each([typed[language].cancel, format(language, 'choiceCancel')])(
    'cancels with %p at the summary, once confirmed, and sends nothing',
    async (word) => {
      const { say, delivery, t } = setup({ language });
      await say(w.deputy);
      for (const text of [w.yes, 'Ana Pérez', 'ana@example.org', w.skip, 'A message for the deputy.']) await say(text);
      expect(texts(await say(word))).toEqual([t('cancelConfirm', { name: 'Elizabeth Bosman' })]);
      expect(texts(await say(w.yes))).toEqual([t('contactCancelled')]);
      await delivery.service.stop();
      expect(delivery.mailer.sent).toHaveLength(0);
      expect(await delivery.store.list()).toHaveLength(0);
    },
  );

  it('cancels mid-flow with nothing sent, and the next message starts afresh', async () => {
    const { say, openDialogs, t } = setup({ language });
    await say(w.deputy);
    await say(w.yes);
    expect(texts(await say(w.cancel))).toEqual([t('contactCancelled')]);
    expect(await openDialogs()).toBe(0);
    expect(texts(await say(w.help))).toEqual([t('help')]);
  });

  it('explains on help mid-flow and asks the same question again', async () => {
    const { say, t } = setup({ language });
    await say(w.deputy);
    await say(w.yes);
    await say('Ana Pérez');
    expect(texts(await say(w.help))).toEqual([t('contactHelp'), t('askEmail', { name: 'Elizabeth Bosman' })]);
    expect(texts(await say('ana@example.org'))).toEqual([t('askOrganization')]);
  });

  it('answers a question about the mission mid-flow, then resumes, and counts the answer', async () => {
    const { say, t, answered } = setup({ language });
    await say(w.deputy);
    await say(w.yes);
    const replies = await say(w.question);
    expect(replies[0]?.text).toMatch(w.answerPattern);
    expect(replies[1]?.text).toBe(t('askName'));
    expect(answered).toEqual(['usaid-peru#director']);
  });

  it('leaves the offer for a question, answering it without asking again', async () => {
    const { say, openDialogs } = setup({ language });
    await say(w.deputy);
    const replies = await say(w.question);
    expect(texts(replies)).toEqual([expect.stringMatching(w.answerPattern)]);
    expect(await openDialogs()).toBe(0);
  });

  it('acts on the route the dialog decided when it leaves the offer, recognising the message once', async () => {
    const { say, outcomes } = setup({ language });
    await say(w.deputy);
    const recognize = jest.spyOn(recognizer, 'recognize');
    await say(w.question);
    const calls = [...recognize.mock.calls];
    recognize.mockRestore();
    expect(calls).toEqual([[w.question, language]]);
    expect(outcomes).toEqual([{ outcome: 'contact', detail: 'started' }, { outcome: 'answered' }]);
  });

  it('leaves the offer for a question the knowledge cannot answer, and says so', async () => {
    const { say, openDialogs, t } = setup({ language });
    await say(w.deputy);
    expect(texts(await say(w.outOfScope))).toEqual([t('decline')]);
    expect(await openDialogs()).toBe(0);
  });

  it('starts over when the person asks for someone else at the offer', async () => {
    const { say, t } = setup({ language });
    await say(w.deputy);
    expect(texts(await say(w.mission))).toEqual([t('contactChoose')]);
  });

  it('keeps what was entered: a question it cannot answer mid-flow is asked again', async () => {
    const { say, delivery } = setup({ language });
    await say(w.deputy);
    for (const text of [w.yes, 'Ana Pérez', 'ana@example.org', w.skip, 'A message for the deputy.']) await say(text);
    const replies = await say(w.outOfScope);
    expect(replies[0]?.text).toContain('Ana Pérez');
    expect(texts(await say(format(language, 'choiceSend')))).toEqual([expect.stringMatching(/PE-[A-Z0-9]{6}/)]);
    await delivery.service.stop();
    expect(delivery.mailer.sent).toHaveLength(1);
  });

  it('uses the Teams profile and only asks to confirm it', async () => {
    const profiles = { lookup: () => Promise.resolve({ name: 'Rosa Huamán', email: 'rosa@example.org' }) };
    const { say, t } = setup({ language, channelId: 'msteams', profiles });
    await say(w.deputy);
    expect(texts(await say(w.yes))).toEqual([
      t('teamsProfileConfirm', { name: 'Rosa Huamán', email: 'rosa@example.org' }),
    ]);
    expect(texts(await say(w.yes))).toEqual([t('askOrganization')]);
  });

  it('does not collect personal details in a Teams channel or group chat', async () => {
    const { say, t } = setup({ language, channelId: 'msteams', isGroup: true });
    const replies = await say(w.deputy);
    expect(replies[0]?.attachments).toHaveLength(1);
    expect(replies[1]?.text).toBe(t('privateChatHint'));
  });
});
