import { join } from 'node:path';
import {
  type DeliveryEvents,
  type DeliveryOptions,
  DeliveryService,
  type InquiryDraft,
} from '../../src/core/contact/deliveryService';
import type { Mailer, OutgoingMail } from '../../src/core/contact/inquiryMail';
import { type SendCaps, SendLimiter } from '../../src/core/contact/sendLimits';
import { FileInquiryStore } from '../../src/inquiries/fileInquiryStore';
import { FileLimitRecords } from '../../src/inquiries/fileLimitRecords';
import { realKnowledge } from './core';
import { tempDir } from './tempDir';

/** A mailer that records what it is asked to send and can be made to fail. */
export class RecordingMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  failWith?: Error;

  send(mail: OutgoingMail): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.sent.push(mail);
    return Promise.resolve();
  }
}

/** A clock tests move by hand. */
export class ManualClock {
  constructor(public time = new Date('2026-11-30T12:00:00Z')) {}
  now = () => new Date(this.time);
  advance(ms: number) {
    this.time = new Date(this.time.getTime() + ms);
  }
}

export const testDeliveryOptions: DeliveryOptions = {
  mailFrom: 'USAID Peru assistant <assistant@example.org>',
  retryBaseMs: 1000,
  retryMaxMs: 8000,
  maxAttempts: 4,
  leaseMs: 30_000,
  pollMs: 50,
  retentionDays: 30,
};

export const recordingEvents = (): DeliveryEvents & { log: string[] } => {
  const log: string[] = [];
  return {
    log,
    sent: (reference, attempts) => log.push(`sent ${reference} ${attempts}`),
    retrying: (reference, attempts) => log.push(`retrying ${reference} ${attempts}`),
    failed: (reference, attempts) => log.push(`failed ${reference} ${attempts}`),
    backgroundError: (error) => log.push(`error ${(error as Error).message}`),
  };
};

/** Caps that never bind, for tests about something else. */
export const noCaps: SendCaps = { perConversationPerDay: 0, perUserPerDay: 0, perEmailPerDay: 0, overallPerHour: 0 };

/**
 * A delivery service over a fresh folder, a recording mailer and a manual clock; with `caps`, its
 * sends are counted in `dir/limits` (warnings of the overall cap land in `capWarnings`).
 */
export function deliveryFixture(
  options: Partial<DeliveryOptions> = {},
  dir = tempDir('inquiries-'),
  caps: SendCaps = noCaps,
) {
  const store = new FileInquiryStore(dir);
  const mailer = new RecordingMailer();
  const clock = new ManualClock();
  const events = recordingEvents();
  const capWarnings: string[] = [];
  const limiter = new SendLimiter(
    new FileLimitRecords(join(dir, 'limits')),
    caps,
    { overallCapReached: (hour, cap) => capWarnings.push(`${hour} ${cap}`) },
    clock.now,
  );
  const service = new DeliveryService(
    store,
    mailer,
    realKnowledge().kb.contacts,
    { ...testDeliveryOptions, ...options },
    events,
    clock.now,
    limiter,
  );
  return { dir, store, mailer, clock, events, service, limiter, capWarnings };
}

export const draft = (overrides: Partial<InquiryDraft> = {}): InquiryDraft => ({
  contactId: 'deputy',
  requester: { name: 'Ana Pérez', email: 'ana@example.org', organization: 'Cooperativa Sur' },
  message: 'We would like to discuss cacao farming in Ucayali.',
  language: 'en',
  channelId: 'webchat',
  dedupeKey: `webchat/conv-1/${Math.random()}`,
  ...overrides,
});

/** A second instance on the same store and clock as `fixture`, with its own recording mailer. */
export function anotherInstance(fixture: ReturnType<typeof deliveryFixture>) {
  const mailer = new RecordingMailer();
  const service = new DeliveryService(
    fixture.store,
    mailer,
    realKnowledge().kb.contacts,
    testDeliveryOptions,
    recordingEvents(),
    fixture.clock.now,
  );
  return { service, mailer };
}
