import type { Activity, TurnContext } from 'botbuilder';
import { DialogIds } from '../../dialogs/dialogIds';
import type { Inquiry } from '../../src/core/contact/inquiry';
import type { SendCaps } from '../../src/core/contact/sendLimits';
import { DeliveryService } from '../../src/core/contact/deliveryService';
import { FileInquiryStore } from '../../src/inquiries/fileInquiryStore';
import {
  deliveryFixture,
  ManualClock,
  noCaps,
  RecordingMailer,
  recordingEvents,
  testDeliveryOptions,
} from '../helpers/contact';
import { contactHarness, texts } from '../helpers/contactDialogHarness';
import { realKnowledge } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';

const toSummary = ['I want to contact the deputy', 'yes', 'Ana Pérez', 'ana@example.org', 'Skip'];
const referenceIn = (replies: Partial<Activity>[]) => /PE-[A-Z0-9]{6}/.exec(texts(replies).join(' '))?.[0];

/** Makes every activity of the harness look as a channel may send it: without id or timestamp, or with one id. */
function rewriteActivities(h: ReturnType<typeof contactHarness>, rewrite: (activity: Partial<Activity>) => void) {
  h.adapter.use({
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      rewrite(context.activity);
      await next();
    },
  });
}

/** Errors as the file system raises them. */
const systemError = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** A file store that fails to create while `failure` is set, optionally after writing the record. */
class FailingStore extends FileInquiryStore {
  failure?: Error;
  afterWriting = false;

  override async create(inquiry: Inquiry) {
    if (this.failure && !this.afterWriting) throw this.failure;
    const created = await super.create(inquiry);
    if (this.failure) throw this.failure;
    return created;
  }
}

describe('Send makes one inquiry per confirmed summary', () => {
  it('makes one inquiry from five concurrent Sends with different activity ids', async () => {
    const h = contactHarness();
    for (const text of [...toSummary, 'Please send the report.']) await h.say(text);
    const sends = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((i) => h.adapter.receiveActivity({ type: 'message', text: 'Send', id: `send-${i}` })),
    );
    expect(sends.some((s) => s.status === 'fulfilled')).toBe(true);
    const replies = h.adapter.activeQueue.splice(0);
    const references = new Set(texts(replies).flatMap((text) => /PE-[A-Z0-9]{6}/.exec(text) ?? []));
    expect(references.size).toBe(1);
    await h.fixture.service.stop();
    expect(await h.fixture.store.list()).toHaveLength(1);
    expect(h.fixture.mailer.sent).toHaveLength(1);
  });

  it.each([
    ['no id and no timestamp', (a: Partial<Activity>) => Object.assign(a, { id: undefined, timestamp: undefined })],
    ['the same id every time', (a: Partial<Activity>) => Object.assign(a, { id: 'same-id' })],
  ])('gives each confirmed summary its own inquiry when activities carry %s', async (_, rewrite) => {
    const h = contactHarness();
    rewriteActivities(h, rewrite);
    const references: (string | undefined)[] = [];
    for (const message of ['First message to send.', 'Second, different message.']) {
      for (const text of [...toSummary, message]) await h.say(text);
      references.push(referenceIn(await h.say('Send')));
    }
    expect(references[0]).toBeDefined();
    expect(references[1]).toBeDefined();
    expect(references[0]).not.toBe(references[1]);
    await h.fixture.service.stop();
    expect(h.fixture.mailer.sent.map((m) => m.subject)).toEqual([
      expect.stringContaining(references[0] ?? '-'),
      expect.stringContaining(references[1] ?? '-'),
    ]);
  });

  it('makes a new summary after Edit, which Send stores anew', async () => {
    const h = contactHarness();
    for (const text of [...toSummary, 'Please send the report.']) await h.say(text);
    const first = (await h.state())?.submissionKey;
    await h.say('Edit');
    await h.say('Message');
    await h.say('Please send the annual report instead.');
    expect((await h.state())?.submissionKey).toEqual(expect.any(String));
    expect((await h.state())?.submissionKey).not.toBe(first);
  });
});

/** A delivery service over a store that fails on demand. */
function failingDelivery() {
  const store = new FailingStore(tempDir('failing-store-'));
  const mailer = new RecordingMailer();
  const clock = new ManualClock();
  const service = new DeliveryService(
    store,
    mailer,
    realKnowledge().kb.contacts,
    testDeliveryOptions,
    recordingEvents(),
    clock.now,
  );
  return { store, mailer, clock, service };
}

describe('a failed store at Send keeps the draft', () => {
  it.each(['EROFS', 'ENOSPC', 'EACCES'])('stays at the summary on %s, then sends on a later Send', async (code) => {
    const { store, service } = failingDelivery();
    store.failure = systemError(code);
    const failures: unknown[] = [];
    const h = contactHarness({ delivery: service, onStoreFailed: (error) => failures.push(error) });
    for (const text of [...toSummary, 'Please send the report.']) await h.say(text);
    const failed = await h.say('Send');
    expect(texts(failed)).toEqual([
      h.t('inquiryStoreFailed', { name: 'Elizabeth Bosman', email: 'ebosman@usaid.gov' }),
    ]);
    expect(failed[0]?.suggestedActions?.actions.map((a) => a.title)).toEqual(['Send', 'Edit', 'Cancel']);
    expect(await h.waitingOn()).toBe(DialogIds.summaryPrompt);
    expect((await h.state())?.message).toBe('Please send the report.');
    expect(failures).toEqual([expect.objectContaining({ code })]);

    store.failure = undefined;
    const sent = await h.say('Send');
    expect(referenceIn(sent)).toBeDefined();
    await service.stop();
    expect(await store.list()).toHaveLength(1);
  });

  it('leaves nothing to deliver when the record was written before the failure', async () => {
    const { store, service, clock, mailer } = failingDelivery();
    store.failure = systemError('ENOSPC');
    store.afterWriting = true;
    const h = contactHarness({ delivery: service });
    for (const text of [...toSummary, 'Please send the report.']) await h.say(text);
    await h.say('Send');
    expect(await store.list()).toHaveLength(0);
    store.failure = undefined;
    const reference = referenceIn(await h.say('Send'));
    clock.advance(60_000);
    await service.poll();
    await service.stop();
    expect(mailer.sent.map((m) => m.subject)).toEqual([expect.stringContaining(reference ?? '-')]);
  });
});

describe('caps on sent inquiries, in the dialog', () => {
  const caps = (overrides: Partial<SendCaps>): SendCaps => ({ ...noCaps, ...overrides });

  async function send(h: ReturnType<typeof contactHarness>, email = 'ana@example.org') {
    for (const text of ['I want to contact the deputy', 'yes', 'Ana Pérez', email, 'Skip', 'A message.']) {
      await h.say(text);
    }
    return texts(await h.say('Send'));
  }

  it("tells the person plainly, with the contact's address, when the conversation is over its cap", async () => {
    const fixture = deliveryFixture({}, undefined, caps({ perConversationPerDay: 1 }));
    const h = contactHarness({ delivery: fixture.service });
    expect((await send(h))[0]).toMatch(/PE-/);
    // Refused before any detail is asked for.
    await h.say('I want to contact the deputy');
    expect(texts(await h.say('yes'))).toEqual([
      h.t('inquiryLimited', {
        reason: h.t('limitConversation', { cap: 1 }),
        name: 'Elizabeth Bosman',
        email: 'ebosman@usaid.gov',
      }),
    ]);
    expect(await h.openDialogs()).toBe(0);
  });

  it('refuses at Send when the e-mail address is over its cap, in any conversation', async () => {
    const fixture = deliveryFixture({}, undefined, caps({ perEmailPerDay: 1 }));
    const first = contactHarness({ delivery: fixture.service, conversationId: 'c1', userId: 'u1' });
    expect((await send(first, 'Ana@Example.org'))[0]).toMatch(/PE-/);
    const second = contactHarness({ delivery: fixture.service, conversationId: 'c2', userId: 'u2' });
    expect(await send(second, 'ana@example.org')).toEqual([
      second.t('inquiryLimited', {
        reason: second.t('limitEmail', { cap: 1 }),
        name: 'Elizabeth Bosman',
        email: 'ebosman@usaid.gov',
      }),
    ]);
    await fixture.service.stop();
    expect(await fixture.store.list()).toHaveLength(1);
  });

  it('counts per channel user id across conversations, refusing before details are asked', async () => {
    const fixture = deliveryFixture({}, undefined, caps({ perUserPerDay: 2 }));
    for (const [i, email] of ['a@example.org', 'b@example.org'].entries()) {
      const h = contactHarness({ delivery: fixture.service, conversationId: `c${i}`, userId: 'same-user' });
      expect((await send(h, email))[0]).toMatch(/PE-/);
    }
    const third = contactHarness({ delivery: fixture.service, conversationId: 'c3', userId: 'same-user' });
    await third.say('I want to contact the deputy');
    expect(texts(await third.say('yes'))).toEqual([
      third.t('inquiryLimited', {
        reason: third.t('limitUser', { cap: 2 }),
        name: 'Elizabeth Bosman',
        email: 'ebosman@usaid.gov',
      }),
    ]);
    const other = contactHarness({ delivery: fixture.service, conversationId: 'c4', userId: 'another-user' });
    expect((await send(other, 'c@example.org'))[0]).toMatch(/PE-/);
  });
});
