import { DialogIds } from '../../dialogs/dialogIds';
import { format } from '../../src/core/i18n/messages';
import { contactHarness, texts } from '../helpers/contactDialogHarness';

const script = {
  en: { start: 'I want to contact the deputy', yes: 'yes', no: 'no', skip: 'Skip' },
  es: { start: 'quiero escribirle a la subdirectora', yes: 'sí', no: 'no', skip: 'Omitir' },
} as const;

/** The answers given before each free-text prompt, in order. */
const before = {
  [DialogIds.namePrompt]: [],
  [DialogIds.organizationPrompt]: ['Ana Pérez', 'ana@example.org'],
  [DialogIds.messagePrompt]: ['Ana Pérez', 'ana@example.org', 'Cooperativa Sur'],
} as const;

const commands = {
  cancel: ['cancel', 'Cancel', 'CANCEL!', 'cancelar', 'Cancelar.', 'cancélelo', 'cancel please'],
  help: ['help', 'Help!', 'ayuda', '¿Ayuda?', 'ayúdame'],
};

describe.each(['en', 'es'] as const)('explicit commands at the free-text prompts, in %s', (language) => {
  const w = script[language];
  const t = (key: Parameters<typeof format>[1], params?: Record<string, string>) => format(language, key, params);

  async function at(prompt: keyof typeof before) {
    const h = contactHarness({ language });
    for (const text of [w.start, w.yes, ...before[prompt]]) await h.say(text);
    expect(await h.waitingOn()).toBe(prompt);
    return h;
  }

  it.each(commands.cancel)('cancels at once with %p while nothing has been entered', async (word) => {
    const h = await at(DialogIds.namePrompt);
    expect(texts(await h.say(word))).toEqual([t('contactCancelled')]);
    expect(await h.openDialogs()).toBe(0);
  });

  it.each(commands.cancel)('asks to confirm %p once something was entered; "yes" cancels', async (word) => {
    const h = await at(DialogIds.organizationPrompt);
    const asked = await h.say(word);
    expect(texts(asked)).toEqual([t('cancelConfirm', { name: 'Elizabeth Bosman' })]);
    expect(asked[0]?.suggestedActions?.actions.map((a) => a.title)).toEqual([t('choiceYes'), t('choiceNo')]);
    expect(texts(await h.say(w.yes))).toEqual([t('contactCancelled')]);
    expect(await h.openDialogs()).toBe(0);
    await h.fixture.service.stop();
    expect(await h.fixture.store.list()).toHaveLength(0);
  });

  it('returns to the same prompt on "no", keeping what was typed, and goes on to send', async () => {
    const h = await at(DialogIds.messagePrompt);
    await h.say(format(language, 'choiceCancel'));
    expect(texts(await h.say(w.no))).toEqual([t('askMessage', { name: 'Elizabeth Bosman', max: '2000' })]);
    expect(await h.waitingOn()).toBe(DialogIds.messagePrompt);
    expect((await h.state())?.requester).toEqual({
      name: 'Ana Pérez',
      email: 'ana@example.org',
      organization: 'Cooperativa Sur',
    });
    await h.say('Please send me the report.');
    expect(await h.waitingOn()).toBe(DialogIds.summaryPrompt);
    expect(texts(await h.say(format(language, 'choiceSend')))).toEqual([expect.stringMatching(/PE-[A-Z0-9]{6}/)]);
  });

  it('asks to confirm a cancel at the summary, and "no" shows the summary again', async () => {
    const h = await at(DialogIds.messagePrompt);
    const summary = texts(await h.say('Please send me the report.'));
    await h.say(language === 'en' ? 'cancel' : 'cancelar');
    expect(texts(await h.say(w.no))).toEqual(summary);
    expect(await h.waitingOn()).toBe(DialogIds.summaryPrompt);
  });

  it.each(commands.help)('explains on %p and asks the same question again', async (word) => {
    const h = await at(DialogIds.organizationPrompt);
    expect(texts(await h.say(word))).toEqual([t('contactHelp'), t('askOrganization')]);
    expect(await h.waitingOn()).toBe(DialogIds.organizationPrompt);
  });

  it('offers a Cancel button at every free-text prompt, which cancels like the word', async () => {
    const h = contactHarness({ language });
    await h.say(w.start);
    const prompts = [await h.say(w.yes), await h.say('Ana Pérez'), await h.say('ana@example.org')];
    prompts.push(await h.say('Cooperativa Sur'));
    for (const prompt of prompts) {
      expect(prompt.at(-1)?.suggestedActions?.actions.map((a) => a.title)).toContain(t('choiceCancel'));
    }
    const button = prompts.at(-1)?.at(-1)?.suggestedActions?.actions.at(-1)?.value as string;
    expect(texts(await h.say(button))).toEqual([t('cancelConfirm', { name: 'Elizabeth Bosman' })]);
  });
});
