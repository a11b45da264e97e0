import { DeliveryService } from '../../../src/core/contact/deliveryService';
import { referencePattern } from '../../../src/core/contact/inquiry';
import { FileInquiryStore } from '../../../src/inquiries/fileInquiryStore';
import { realKnowledge } from '../../helpers/core';
import {
  anotherInstance,
  deliveryFixture,
  draft,
  ManualClock,
  RecordingMailer,
  recordingEvents,
  testDeliveryOptions,
} from '../../helpers/contact';

/** Lets background attempts started by submit() finish. */
const settle = (service: DeliveryService) => service.stop();

describe('DeliveryService', () => {
  it('stores the inquiry before sending, then sends it once to the contact', async () => {
    const { service, store, mailer } = deliveryFixture();
    const { inquiry, created } = await service.submit(draft());
    expect(created).toBe(true);
    expect(inquiry.reference).toMatch(referencePattern);
    expect((await store.get(inquiry.reference))?.inquiry.status).toBe('pending');
    await settle(service);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({
      to: { address: 'ebosman@usaid.gov' },
      replyTo: { address: 'ana@example.org', name: 'Ana Pérez' },
      messageId: `<${inquiry.reference.toLowerCase()}.inquiry@example.org>`,
    });
    expect(mailer.sent[0]?.subject).toContain(`[${inquiry.reference}]`);
    expect(mailer.sent[0]?.text).toContain('We would like to discuss cacao farming in Ucayali.');
    expect((await store.get(inquiry.reference))?.inquiry).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('returns the first inquiry for a repeated dedupe key and sends nothing more', async () => {
    const { service, mailer, store } = deliveryFixture();
    const first = await service.submit(draft({ dedupeKey: 'webchat/c/activity-9' }));
    const again = await service.submit(draft({ dedupeKey: 'webchat/c/activity-9', message: 'changed' }));
    await settle(service);
    expect(again).toEqual({ inquiry: expect.objectContaining({ reference: first.inquiry.reference }), created: false });
    expect(await store.list()).toHaveLength(1);
    expect(mailer.sent).toHaveLength(1);
  });

  it('keeps a failed send pending, retries it with doubling backoff, and sends it once the server is back', async () => {
    const { service, mailer, clock, store, events } = deliveryFixture();
    mailer.failWith = new Error('connect ECONNREFUSED 127.0.0.1:25');
    const { inquiry } = await service.submit(draft());
    await settle(service);
    let stored = (await store.get(inquiry.reference))?.inquiry;
    expect(stored).toMatchObject({ status: 'pending', attempts: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:25' });
    expect(new Date(stored?.nextAttemptAt ?? 0).getTime() - clock.time.getTime()).toBe(1000);

    await service.runDue();
    expect(mailer.sent).toHaveLength(0);
    clock.advance(1000);
    await service.runDue();
    stored = (await store.get(inquiry.reference))?.inquiry;
    expect(new Date(stored?.nextAttemptAt ?? 0).getTime() - clock.time.getTime()).toBe(2000);

    mailer.failWith = undefined;
    clock.advance(2000);
    await service.runDue();
    await service.runDue();
    expect(mailer.sent).toHaveLength(1);
    expect((await store.get(inquiry.reference))?.inquiry).toMatchObject({ status: 'sent', attempts: 3 });
    expect(events.log).toEqual([
      `retrying ${inquiry.reference} 1`,
      `retrying ${inquiry.reference} 2`,
      `sent ${inquiry.reference} 3`,
    ]);
  });

  it('marks an inquiry failed after the last attempt, and the retry command revives it', async () => {
    const { service, mailer, clock, store } = deliveryFixture({ maxAttempts: 2 });
    mailer.failWith = new Error('550 mailbox unavailable');
    const { inquiry } = await service.submit(draft());
    await settle(service);
    clock.advance(10_000);
    await service.runDue();
    expect((await store.get(inquiry.reference))?.inquiry.status).toBe('failed');
    clock.advance(60 * 60 * 1000);
    await service.runDue();
    expect(mailer.sent).toHaveLength(0);

    mailer.failWith = undefined;
    expect(await service.retry(inquiry.reference)).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
    expect(await service.retry(inquiry.reference)).toBe('skipped');
  });

  it('delivers pending inquiries after a restart', async () => {
    const first = deliveryFixture();
    first.mailer.failWith = new Error('down');
    const { inquiry } = await first.service.submit(draft());
    await settle(first.service);

    const mailer = new RecordingMailer();
    const clock = new ManualClock(new Date(first.clock.time.getTime() + 5000));
    const restarted = new DeliveryService(
      new FileInquiryStore(first.dir),
      mailer,
      realKnowledge().kb.contacts,
      testDeliveryOptions,
      recordingEvents(),
      clock.now,
    );
    restarted.start();
    await restarted.stop();
    expect(mailer.sent.map((m) => m.headers['X-Inquiry-Reference'])).toEqual([inquiry.reference]);
  });

  it('lets only one of two instances send an inquiry they both find due', async () => {
    const a = deliveryFixture();
    a.mailer.failWith = new Error('down');
    const { inquiry } = await a.service.submit(draft());
    await settle(a.service);
    a.mailer.failWith = undefined;
    a.clock.advance(5000);
    const { service: b, mailer: bMailer } = anotherInstance(a);
    const outcomes = await Promise.all([a.service.attempt(inquiry.reference), b.attempt(inquiry.reference)]);
    expect(outcomes.sort()).toEqual(['sent', 'skipped']);
    expect(a.mailer.sent.length + bMailer.sent.length).toBe(1);
  });

  it('stores a new inquiry leased to the instance that took it; another sends it only once the lease runs out', async () => {
    const a = deliveryFixture();
    // Instance A stores the inquiry, then stops answering before its send completes.
    a.mailer.send = () => new Promise<void>(() => undefined);
    const { inquiry } = await a.service.submit(draft());
    expect(Date.parse((await a.store.get(inquiry.reference))?.inquiry.leaseUntil ?? '')).toBeGreaterThan(
      a.clock.now().getTime(),
    );
    const { service: b, mailer: bMailer } = anotherInstance(a);
    await b.runDue();
    expect(bMailer.sent).toHaveLength(0);
    a.clock.advance(testDeliveryOptions.leaseMs + 1);
    await b.runDue();
    expect(bMailer.sent.map((m) => m.headers['X-Inquiry-Reference'])).toEqual([inquiry.reference]);
    expect((await a.store.get(inquiry.reference))?.inquiry).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('deletes delivered inquiries after the retention period, not before', async () => {
    const { service, clock, store } = deliveryFixture({ retentionDays: 30 });
    await service.submit(draft());
    await settle(service);
    clock.advance(29 * 24 * 60 * 60 * 1000);
    expect(await service.purge()).toBe(0);
    clock.advance(2 * 24 * 60 * 60 * 1000);
    expect(await service.purge()).toBe(1);
    expect(await store.list()).toHaveLength(0);
  });

  it('attempts due inquiries at every poll, but checks retention only once per purge interval', async () => {
    const { service, clock, store } = deliveryFixture({ purgeEveryMs: 60 * 60 * 1000 });
    const pending = jest.spyOn(store, 'listPending');
    const all = jest.spyOn(store, 'list');
    await service.poll();
    expect([pending.mock.calls.length, all.mock.calls.length]).toEqual([1, 1]);
    await service.poll();
    expect([pending.mock.calls.length, all.mock.calls.length]).toEqual([2, 1]);
    clock.advance(60 * 60 * 1000);
    await service.poll();
    expect([pending.mock.calls.length, all.mock.calls.length]).toEqual([3, 2]);
  });
});

describe('DeliveryService within the caps on sent inquiries', () => {
  const sender = { conversation: 'webchat/c1', user: 'webchat/u1' };
  const caps = { perConversationPerDay: 1, perUserPerDay: 5, perEmailPerDay: 5, overallPerHour: 50 };

  it('stores one inquiry and uses one slot for concurrent repeats of one summary', async () => {
    const { service, store, mailer } = deliveryFixture({}, undefined, caps);
    const once = draft({ dedupeKey: 'summary/a' });
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => service.submitWithinLimits(once, sender)));
    const references = new Set(outcomes.map((o) => (o.kind === 'stored' ? o.inquiry.reference : o.kind)));
    expect(references.size).toBe(1);
    expect(outcomes.filter((o) => o.kind === 'stored' && o.created)).toHaveLength(1);
    await settle(service);
    expect(await store.list()).toHaveLength(1);
    expect(mailer.sent).toHaveLength(1);
    expect(await service.submitWithinLimits(draft({ dedupeKey: 'summary/b' }), sender)).toEqual({
      kind: 'limited',
      scope: 'conversation',
      cap: 1,
    });
  });

  it('stores nothing over a cap', async () => {
    const { service, store } = deliveryFixture({}, undefined, { ...caps, perConversationPerDay: 0, overallPerHour: 2 });
    for (const key of ['a', 'b', 'c']) await service.submitWithinLimits(draft({ dedupeKey: key }), sender);
    await settle(service);
    expect(await store.list()).toHaveLength(2);
  });

  it('gives its slots back when the store fails, so the retry is not refused', async () => {
    const { service, store } = deliveryFixture({}, undefined, caps);
    const failure = Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' });
    const create = jest.spyOn(store, 'create').mockRejectedValueOnce(failure);
    await expect(service.submitWithinLimits(draft({ dedupeKey: 'summary/a' }), sender)).rejects.toBe(failure);
    create.mockRestore();
    const retried = await service.submitWithinLimits(draft({ dedupeKey: 'summary/a' }), sender);
    expect(retried).toMatchObject({ kind: 'stored', created: true });
    await settle(service);
  });
});
