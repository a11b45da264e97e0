import { DialogIds } from '../../dialogs/dialogIds';
import { escapeMarkdown } from '../../dialogs/activities/replies';
import { format } from '../../src/core/i18n/messages';
import type { Language } from '../../src/core/text/normalize';
import messages from '../fixtures/contact/messages.json';
import names from '../fixtures/contact/names.json';
import organizations from '../fixtures/contact/organizations.json';
import { contactHarness, texts } from '../helpers/contactDialogHarness';
import { FakeRecognizer } from '../helpers/core';

/** What a person types to get to each prompt, by language. */
const script = {
  en: { start: 'I want to contact the deputy', yes: 'yes', skip: 'Skip', message: 'We would like to meet.' },
  es: { start: 'quiero escribirle a la subdirectora', yes: 'sí', skip: 'Omitir', message: 'Queremos reunirnos.' },
} as const;

/** As the summary shows typed text: on one line, Markdown escaped. */
const shown = (typed: string) => escapeMarkdown(typed.replace(/\s+/g, ' ').trim());

/**
 * Runs a conversation with the real dialog and the real offline recognizer up to the summary,
 * typing `answers` at the name, e-mail, organization and message prompts. Returns what went wrong
 * (nothing when the summary was reached with every answer kept as typed).
 */
async function toSummary(
  language: Language,
  answers: { name: string; email: string; organization: string; message: string },
  recognizer?: FakeRecognizer,
): Promise<string | undefined> {
  const w = script[language];
  const h = contactHarness({ language, recognizer });
  await h.say(w.start);
  await h.say(w.yes);
  for (const [field, text] of Object.entries(answers)) {
    const replies = texts(await h.say(text));
    if (replies.includes(format(language, 'contactCancelled'))) return `${field} cancelled the request`;
  }
  if ((await h.waitingOn()) !== DialogIds.summaryPrompt) return `did not reach the summary: ${await h.waitingOn()}`;
  const state = await h.state();
  const kept = {
    name: state?.requester.name,
    email: state?.requester.email,
    organization: state?.requester.organization,
    message: state?.message,
  };
  const expected = { ...answers, message: answers.message.trim() };
  if (JSON.stringify(kept) !== JSON.stringify(expected)) return `changed: ${JSON.stringify(kept)}`;
  return undefined;
}

/** Every item that failed, with why; an empty list when all passed. */
async function failuresOf(items: readonly string[], run: (item: string) => Promise<string | undefined>) {
  const failed: string[] = [];
  for (const item of items) {
    const problem = await run(item);
    if (problem) failed.push(`${item}: ${problem}`);
  }
  return failed;
}

describe('free text reaches the summary as typed, through the real dialog', () => {
  it('has a corpus of at least 150 organizations, 100 messages and 30 names', () => {
    expect(organizations.organizations.length).toBeGreaterThanOrEqual(150);
    expect(messages.en.length + messages.es.length).toBeGreaterThanOrEqual(100);
    expect(names.names.length).toBeGreaterThanOrEqual(30);
  });

  describe.each(['en', 'es'] as const)('in %s', (language) => {
    const base = {
      name: 'Ana Pérez',
      email: 'ana@example.org',
      organization: 'Cooperativa Sur',
      message: 'Hello there',
    };

    it('takes every organization name as typed', async () => {
      const failed = await failuresOf(organizations.organizations, (organization) =>
        toSummary(language, { ...base, organization }),
      );
      expect(failed).toEqual([]);
    });

    it('takes every message, in English and Spanish, as typed', async () => {
      const failed = await failuresOf([...messages.en, ...messages.es], (message) =>
        toSummary(language, { ...base, message }),
      );
      expect(failed).toEqual([]);
    });

    it('takes every personal name as typed', async () => {
      const failed = await failuresOf(names.names, (name) => toSummary(language, { ...base, name }));
      expect(failed).toEqual([]);
    });

    it('shows the organization and message in the summary as typed, escaped as Markdown', async () => {
      const w = script[language];
      const h = contactHarness({ language });
      for (const text of [w.start, w.yes, 'Ana Pérez', 'ana@example.org', 'Grupo *Inca* Digital']) await h.say(text);
      const summary = await h.say('Stop the budget cuts [now]');
      expect(summary[0]?.text).toContain(shown('Grupo *Inca* Digital'));
      expect(summary[0]?.text).toContain(shown('Stop the budget cuts [now]'));
    });
  });

  it('never lets a classifier score interrupt free text, however sure it is', async () => {
    // A recognizer that takes every message for a confident Cancel, another for Help.
    for (const intent of ['Cancel', 'Help'] as const) {
      const sure = new FakeRecognizer({
        [script.en.start]: {
          intent: 'ContactRequest',
          entities: [
            { category: 'ContactRole', value: 'deputy', text: 'deputy', offset: 22, length: 6, confidence: 1 },
          ],
        },
        ...Object.fromEntries(
          ['Stop Hunger Peru', 'End Poverty Now', 'Stop the budget cuts', 'María José Quispe Huamán'].map((t) => [
            t,
            { intent, score: 0.99 },
          ]),
        ),
      });
      const problem = await toSummary(
        'en',
        {
          name: 'María José Quispe Huamán',
          email: 'ana@example.org',
          organization: 'Stop Hunger Peru',
          message: 'Stop the budget cuts',
        },
        sure,
      );
      expect(problem).toBeUndefined();
    }
  });

  it('reads "Skip" and its words as no organization', async () => {
    for (const skip of ['Skip', 'none', 'N/A', 'Omitir', 'ninguna']) {
      const h = contactHarness();
      for (const text of [script.en.start, 'yes', 'Ana Pérez', 'ana@example.org', skip, 'A message.'])
        await h.say(text);
      expect((await h.state())?.requester.organization).toBeNull();
    }
  });
});
