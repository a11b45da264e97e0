import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { domainToASCII } from 'node:url';
import type { Inquiry } from '../../src/core/contact/inquiry';
import { format } from '../../src/core/i18n/messages';
import { FileInquiryStore } from '../../src/inquiries/fileInquiryStore';
import messages from '../fixtures/contact/messages.json';
import names from '../fixtures/contact/names.json';
import organizations from '../fixtures/contact/organizations.json';
import { capturingLogger } from '../helpers/logCapture';
import { freePort, TestSmtpServer } from '../helpers/smtpServer';
import { post, type RunningApp, startTestApp } from '../helpers/testApp';
import type { AppOverrides } from '../../src/app';
import { tempDir } from '../helpers/tempDir';

type Reply = { text?: string };

/** A person in one conversation, talking to the bot over HTTP (replies come back in the response). */
function person(url: string, options: { locale?: string; user?: string } = {}) {
  const conversation = randomUUID();
  return {
    conversation,
    /** Sends a message (with a fresh activity id, or the one given; null for none) and returns the replies. */
    async say(text: string, id: string | null = randomUUID()): Promise<string[]> {
      const response = await post(url, {
        type: 'message',
        id: id ?? undefined,
        channelId: 'webchat',
        serviceUrl: 'http://127.0.0.1:9/',
        deliveryMode: 'expectReplies',
        conversation: { id: conversation },
        from: { id: options.user ?? `user-${conversation}` },
        recipient: { id: 'bot' },
        locale: options.locale ?? 'en-US',
        text,
      });
      expect(response.status).toBe(200);
      return ((response.body as { activities?: Reply[] }).activities ?? []).map((a) => a.text ?? '');
    },
  };
}

const start = { en: 'I want to contact the deputy', es: 'quiero escribirle a la subdirectora' };
const referenceIn = (replies: string[]) => /PE-[A-Z0-9]{6}/.exec(replies.join(' '))?.[0];

/** Every n-th item, so the HTTP run samples the corpus the TestAdapter run covers whole. */
const sample = <T>(items: readonly T[], every: number) => items.filter((_, i) => i % every === 0);

/** A file store that fails to create while `failure` is set. */
class FailingStore extends FileInquiryStore {
  failure?: Error;
  override create(inquiry: Inquiry) {
    return this.failure ? Promise.reject(this.failure) : super.create(inquiry);
  }
}

describe('the contact dialog over HTTP, delivering by SMTP', () => {
  let smtp: TestSmtpServer;
  let running: RunningApp | undefined;
  let dataDir: string;

  const startBot = async (
    env: Record<string, string> = {},
    overrides: AppOverrides = {},
    logger = capturingLogger(),
  ) => {
    running = await startTestApp(
      {
        DATA_DIR: dataDir,
        SMTP_URL: smtp.url,
        MAIL_FROM: 'USAID Peru assistant <assistant@example.org>',
        DELIVERY_POLL_MS: '100',
        INQUIRY_LIMIT_PER_HOUR: '0',
        ...env,
      },
      overrides,
      logger.logger,
    );
    return { url: `${running.baseUrl}/api/messages`, logs: logger };
  };

  /** One bot with no caps for the tests that need nothing else: a start costs a second. */
  let shared: { app: RunningApp; url: string } | undefined;
  const sharedBot = async () => {
    if (!shared) {
      const app = await startTestApp({
        DATA_DIR: tempDir('contact-http-shared-'),
        SMTP_URL: smtp.url,
        MAIL_FROM: 'USAID Peru assistant <assistant@example.org>',
        DELIVERY_POLL_MS: '100',
        INQUIRY_LIMIT_PER_CONVERSATION_PER_DAY: '0',
        INQUIRY_LIMIT_PER_USER_PER_DAY: '0',
        INQUIRY_LIMIT_PER_EMAIL_PER_DAY: '0',
        INQUIRY_LIMIT_PER_HOUR: '0',
      });
      shared = { app, url: `${app.baseUrl}/api/messages` };
    }
    return shared;
  };

  beforeAll(async () => {
    smtp = await new TestSmtpServer(await freePort()).start();
  });
  beforeEach(() => {
    dataDir = tempDir('contact-http-');
    smtp.messages.splice(0);
  });
  afterEach(async () => {
    await running?.app.stop();
    running = undefined;
  });
  afterAll(async () => {
    await shared?.app.app.stop();
    await smtp.stop();
  });

  it('delivers a sample of the corpus as typed: organizations, messages and names', async () => {
    const { url } = await sharedBot();
    const cases = [
      ...sample(organizations.organizations, 12).map((organization) => ({ organization })),
      ...sample([...messages.en, ...messages.es], 10).map((message) => ({ message })),
      ...sample(names.names, 6).map((name) => ({ name })),
    ].map((c, i) => ({
      name: 'Ana Pérez',
      organization: 'Cooperativa Sur',
      message: 'We would like to meet.',
      ...c,
      language: i % 2 ? ('es' as const) : ('en' as const),
      email: `ana.${i}@example.org`,
    }));
    const sent = new Map<string, (typeof cases)[number]>();
    for (const c of cases) {
      const p = person(url, { locale: c.language === 'es' ? 'es-PE' : 'en-US' });
      for (const text of [start[c.language], format(c.language, 'choiceYes'), c.name, c.email, c.organization]) {
        await p.say(text);
      }
      const summary = await p.say(c.message);
      expect(summary.join(' ')).toMatch(/Shall I send it|¿Lo envío/);
      const reference = referenceIn(await p.say(format(c.language, 'choiceSend')));
      expect(reference).toBeDefined();
      sent.set(reference ?? '', c);
    }
    await smtp.waitFor(cases.length);
    for (const mail of smtp.messages) {
      const c = sent.get(/PE-[A-Z0-9]{6}/.exec(mail.subject ?? '')?.[0] ?? '');
      expect(c).toBeDefined();
      if (!c) continue;
      expect(mail.text).toContain(`Organization: ${c.organization}\n`);
      expect(mail.text).toContain(`From:         ${c.name} <${c.email}>`);
      expect(mail.text).toContain(
        c.message
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n'),
      );
    }
  }, 60_000);

  it('keeps the language the request began in, whatever language the data is in, until asked to switch', async () => {
    const { url } = await sharedBot();
    const p = person(url);
    for (const text of [start.en, 'yes', 'María José Quispe Huamán', 'mjqh@example.org']) await p.say(text);
    expect(await p.say('Ministerio de Economía y Finanzas')).toEqual([
      expect.stringMatching(/^What would you like to tell Elizabeth Bosman/),
    ]);
    expect((await p.say('Queremos reunirnos para hablar del programa de cacao en Ucayali.'))[0]).toMatch(
      /^Please check your message/,
    );
    expect(await p.say('en español')).toEqual([format('es', 'languageSwitched')]);
    expect((await p.say('Editar'))[0]).toBe(format('es', 'editWhich'));
  });

  it('takes internationalized e-mail addresses, which the mail server receives as Reply-To', async () => {
    const { url } = await sharedBot();
    for (const email of ['josé@example.pe', 'ana@correo.perú']) {
      const p = person(url);
      for (const text of [start.en, 'yes', 'Ana Pérez', `mi correo es ${email}.`, 'Skip', 'A message.']) {
        await p.say(text);
      }
      expect(referenceIn(await p.say('Send'))).toBeDefined();
    }
    await smtp.waitFor(2);
    const replyTo = smtp.messages.map((m) => m.replyTo?.value[0]?.address).sort();
    // nodemailer writes an internationalized domain in its ASCII form (the same mailbox), and a
    // non-ASCII local part in UTF-8, as RFC 6532 allows.
    expect(replyTo).toEqual([`ana@${domainToASCII('correo.perú')}`, 'josé@example.pe']);
  });

  it('escapes the e-mail address in the Markdown of the confirmation', async () => {
    const { url } = await sharedBot();
    const p = person(url);
    for (const text of [start.en, 'yes', 'Ana Pérez', 'ana_perez+peru@example.org', 'Skip', 'A message.']) {
      await p.say(text);
    }
    expect((await p.say('Send'))[0]).toContain('will reply to ana\\_perez\\+peru@example.org.');
    await smtp.waitFor(1);
  });

  it('cancels on the explicit command, once confirmed, and sends nothing', async () => {
    const { url } = await sharedBot();
    const p = person(url);
    for (const text of [start.en, 'yes', 'Ana Pérez', 'ana@example.org']) await p.say(text);
    expect(await p.say('Stop Hunger Peru')).toEqual([expect.stringMatching(/^What would you like to tell/)]);
    expect(await p.say('cancel')).toEqual([format('en', 'cancelConfirm', { name: 'Elizabeth Bosman' })]);
    expect(await p.say('no')).toEqual([expect.stringMatching(/^What would you like to tell/)]);
    expect(await p.say('Cancelar')).toEqual([format('en', 'cancelConfirm', { name: 'Elizabeth Bosman' })]);
    expect(await p.say('yes')).toEqual([format('en', 'contactCancelled')]);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages).toHaveLength(0);
  });

  it('starts the dialog for a request that says so, and answers what only reads like one', async () => {
    const { url } = await sharedBot();
    // The offline classifier scores both as contact requests on their letters; neither asks for anyone.
    expect(await person(url).say('link to the website pls')).toEqual([
      expect.stringContaining('https://www.usaid.gov/peru'),
    ]);
    const convert = await person(url).say('convert 100 dollars to soles');
    expect(convert).not.toContain(format('en', 'contactChoose'));
    expect(convert.join(' ')).not.toMatch(/route your request/);
    expect(convert.join(' ')).toMatch(/does not answer that/);
    // A word only requests use ("periodista", "entrevista") starts it, routed by topic.
    const journalist = await person(url, { locale: 'es-PE' }).say('soy periodista y quiero una entrevista');
    expect(journalist[0]).toBe(format('es', 'contactRouted', { name: 'Amy Paro', title: 'Directora de la Misión' }));
  });

  it('gives both published addresses to whoever asks for the contacts, however the request is routed', async () => {
    const { url } = await sharedBot();
    for (const [text, locale] of [
      [
        "I'm a journalist writing about US aid in Peru. Who can I contact at the mission? Names and emails please.",
        'en-US',
      ],
      ['give me the emails of the mission director and her deputy', 'en-US'],
      ['Who are the contact people listed for USAID Peru?', 'en-US'],
      ['¿Quiénes son las personas de contacto de USAID Perú?', 'es-PE'],
    ] as const) {
      const replies = (await person(url, { locale }).say(text)).join(' ');
      expect([text, replies]).toEqual([text, expect.stringContaining('aparo@usaid.gov')]);
      expect([text, replies]).toEqual([text, expect.stringContaining('ebosman@usaid.gov')]);
    }
    // Setting one aside asks for the other.
    const other = (
      await person(url).say('is there anyone besides the director i could contact?? name + email pls')
    ).join(' ');
    expect(other).toContain('Elizabeth Bosman');
    expect(other).not.toContain('Amy Paro');
  });

  it('makes one inquiry from five concurrent Sends, and tells each the same reference', async () => {
    const { url } = await sharedBot();
    const p = person(url);
    for (const text of [start.en, 'yes', 'Ana Pérez', 'ana@example.org', 'Skip', 'Please send the report.']) {
      await p.say(text);
    }
    const replies = await Promise.all([1, 2, 3, 4, 5].map(() => p.say('Send')));
    const all = replies.flat();
    expect(all).not.toContain(format('en', 'concurrentMessages'));
    const references = new Set(all.flatMap((text) => /PE-[A-Z0-9]{6}/.exec(text) ?? []));
    expect(references.size).toBe(1);
    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages).toHaveLength(1);
  });

  it('gives each confirmed summary its own inquiry when activities carry no id', async () => {
    const { url } = await sharedBot();
    const p = person(url);
    const references: (string | undefined)[] = [];
    for (const message of ['First message to send.', 'Second, different message.']) {
      for (const text of [start.en, 'yes', 'Ana Pérez', 'ana@example.org', 'Skip', message]) await p.say(text, null);
      references.push(referenceIn(await p.say('Send', null)));
    }
    expect(new Set(references).size).toBe(2);
    await smtp.waitFor(2);
    const mailed = smtp.messages.map((m) => /PE-[A-Z0-9]{6}/.exec(m.subject ?? '')?.[0]);
    expect(mailed.sort()).toEqual([...references].sort());
  });

  it('keeps the draft when the store fails, logs the cause without personal data, and sends on retry', async () => {
    const store = new FailingStore(join(dataDir, 'inquiries'));
    store.failure = Object.assign(new Error(`EROFS: read-only file system, open '${dataDir}/x'`), { code: 'EROFS' });
    const { url, logs } = await startBot({}, { inquiryStore: store });
    const p = person(url);
    for (const text of [start.en, 'yes', 'Rosa Distinctive', 'rosa.distinctive@example.org', 'Skip']) {
      await p.say(text);
    }
    await p.say('A distinctive message about cacao.');
    expect(await p.say('Send')).toEqual([
      format('en', 'inquiryStoreFailed', { name: 'Elizabeth Bosman', email: 'ebosman@usaid.gov' }),
    ]);
    const logged = logs.lines().filter((line) => line.code === 'INQUIRY_STORE_FAILED');
    expect(logged).toEqual([expect.objectContaining({ cause: 'EROFS', reason: 'read-only file system' })]);
    expect(logs.raw()).not.toMatch(/Distinctive|distinctive|cacao/);
    store.failure = undefined;
    const reference = referenceIn(await p.say('Send'));
    expect(reference).toBeDefined();
    await smtp.waitFor(1);
    expect(smtp.messages[0]?.text).toContain('> A distinctive message about cacao.');
  });

  it('holds the caps, across a restart, and warns once when the hourly cap is reached', async () => {
    const env = { INQUIRY_LIMIT_PER_EMAIL_PER_DAY: '1', INQUIRY_LIMIT_PER_HOUR: '2' };
    /** Every reply of a whole conversation that ends with Send (a cap may refuse it before). */
    const send = async (url: string, email: string) => {
      const p = person(url);
      const replies: string[] = [];
      for (const text of [start.en, 'yes', 'Ana Pérez', email, 'Skip', 'Please send the report.', 'Send']) {
        replies.push(...(await p.say(text)));
      }
      return replies;
    };
    const first = await startBot(env);
    expect(referenceIn(await send(first.url, 'ana@example.org'))).toBeDefined();
    const limitedByEmail = format('en', 'inquiryLimited', {
      reason: format('en', 'limitEmail', { cap: 1 }),
      name: 'Elizabeth Bosman',
      email: 'ebosman@usaid.gov',
    });
    expect((await send(first.url, 'ana@example.org')).at(-1)).toBe(limitedByEmail);
    await running?.app.stop();

    const restarted = await startBot(env);
    expect((await send(restarted.url, 'ANA@example.org')).at(-1)).toBe(limitedByEmail);
    expect(referenceIn(await send(restarted.url, 'rosa@example.org'))).toBeDefined();
    // Over the hourly cap, the person is told as soon as they accept the offer, before typing.
    const limitedOverall = format('en', 'inquiryLimited', {
      reason: format('en', 'limitOverall'),
      name: 'Elizabeth Bosman',
      email: 'ebosman@usaid.gov',
    });
    const refused = await send(restarted.url, 'luz@example.org');
    expect(refused).toContain(limitedOverall);
    expect(referenceIn(refused)).toBeUndefined();
    expect(await send(restarted.url, 'eva@example.org')).toContain(limitedOverall);
    const warnings = [...first.logs.lines(), ...restarted.logs.lines()].filter(
      (line) => line.code === 'INQUIRY_CAP_REACHED',
    );
    expect(warnings).toHaveLength(1);
    await smtp.waitFor(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages).toHaveLength(2);
  });
});
