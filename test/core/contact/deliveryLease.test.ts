import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliveryService } from '../../../src/core/contact/deliveryService';
import type { Inquiry } from '../../../src/core/contact/inquiry';
import type { StoredInquiry } from '../../../src/core/contact/inquiryStore';
import { FileInquiryStore } from '../../../src/inquiries/fileInquiryStore';
import { realKnowledge } from '../../helpers/core';
import {
  deliveryFixture,
  draft,
  ManualClock,
  RecordingMailer,
  recordingEvents,
  testDeliveryOptions,
} from '../../helpers/contact';

/** A pending inquiry as `submit` stores it, here written straight to the store. */
const pending = (reference: string, at: Date, leaseUntil?: Date): Inquiry => ({
  ...draft(),
  reference,
  createdAt: at.toISOString(),
  status: 'pending',
  attempts: 0,
  nextAttemptAt: at.toISOString(),
  leaseUntil: leaseUntil?.toISOString(),
});

/** A file store whose disk fills up: writes of a given status fail while `full` is set. */
class FillingStore extends FileInquiryStore {
  full?: Inquiry['status'];

  override replace(inquiry: Inquiry, etag: string): Promise<StoredInquiry> {
    if (inquiry.status === this.full)
      return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    return super.replace(inquiry, etag);
  }
}

describe('delivery leases and duplicates', () => {
  it('refuses to retry an inquiry another sender holds, and leaves its lease as it was', async () => {
    const { service, store, mailer, clock } = deliveryFixture();
    const leaseUntil = new Date(clock.time.getTime() + 20_000);
    const { stored } = await store.create(pending('PE-HELD22', clock.time, leaseUntil));
    expect(await service.retry('PE-HELD22')).toBe('held');
    expect(await store.get('PE-HELD22')).toEqual(stored);
    expect(mailer.sent).toHaveLength(0);
  });

  it('with force, takes the lease over (never clearing it) and sends', async () => {
    const { service, store, mailer, clock } = deliveryFixture();
    await store.create(pending('PE-HELD33', clock.time, new Date(clock.time.getTime() + 20_000)));
    const leases: (string | undefined)[] = [];
    const replace = store.replace.bind(store);
    jest.spyOn(store, 'replace').mockImplementation((inquiry, etag) => {
      leases.push(inquiry.status === 'pending' ? inquiry.leaseUntil : 'settled');
      return replace(inquiry, etag);
    });
    expect(await service.retry('PE-HELD33', { force: true })).toBe('sent');
    expect(leases).toEqual([new Date(clock.time.getTime() + testDeliveryOptions.leaseMs).toISOString(), 'settled']);
    expect(mailer.sent).toHaveLength(1);
  });

  it('retries an inquiry whose lease ran out (its sender stopped) without force', async () => {
    const { service, store, mailer, clock } = deliveryFixture();
    await store.create(pending('PE-GONE22', clock.time, new Date(clock.time.getTime() - 1)));
    expect(await service.retry('PE-GONE22')).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
  });

  it('does not send again an inquiry whose "sent" could not be written; it writes it at the next poll', async () => {
    const fixture = deliveryFixture();
    const store = new FillingStore(fixture.dir);
    const mailer = new RecordingMailer();
    const clock = new ManualClock();
    const events = recordingEvents();
    const service = new DeliveryService(
      store,
      mailer,
      realKnowledge().kb.contacts,
      testDeliveryOptions,
      events,
      clock.now,
    );
    store.full = 'sent';
    const { inquiry } = await service.submit(draft());
    await service.stop();
    expect(mailer.sent).toHaveLength(1);
    expect(events.log).toEqual(['error ENOSPC: no space left on device']);
    // Long after the lease ran out, and while the disk is still full: nothing is sent again.
    clock.advance(10 * testDeliveryOptions.leaseMs);
    await service.runDue();
    expect(mailer.sent).toHaveLength(1);
    expect(events.log).toEqual(['error ENOSPC: no space left on device', 'error ENOSPC: no space left on device']);
    store.full = undefined;
    await service.runDue();
    expect(mailer.sent).toHaveLength(1);
    expect((await store.get(inquiry.reference))?.inquiry).toMatchObject({ status: 'sent', attempts: 1 });
    expect(events.log.slice(2)).toEqual([`sent ${inquiry.reference} 1`]);
  });

  it('delivers a pending inquiry exactly once beside a record it cannot parse', async () => {
    const { dir, clock } = deliveryFixture();
    const quarantined: string[] = [];
    const store = new FileInquiryStore(dir, {
      quarantined: (name) => quarantined.push(name),
      unreadable: () => undefined,
    });
    const mailer = new RecordingMailer();
    const service = new DeliveryService(
      store,
      mailer,
      realKnowledge().kb.contacts,
      testDeliveryOptions,
      recordingEvents(),
      clock.now,
    );
    await store.create(pending('PE-GOOD22', clock.time));
    writeFileSync(join(dir, 'records', 'PE-BAD222.json'), '{"version":1,"inq');
    await service.poll();
    await service.poll();
    expect(mailer.sent.map((m) => m.headers['X-Inquiry-Reference'])).toEqual(['PE-GOOD22']);
    expect(quarantined).toEqual(['PE-BAD222.json']);
    expect(await store.listQuarantined()).toEqual(['PE-BAD222.json']);
  });
});
