import type { Contact } from '../knowledge/knowledgeTypes';
import { type Inquiry, newReference } from './inquiry';
import { composeInquiryMail, type Mailer } from './inquiryMail';
import { ConflictError, type InquiryStore, type StoredInquiry } from './inquiryStore';
import { type CapScope, type Sender, SendLimiter } from './sendLimits';

/** Timing of delivery and retries. */
export interface DeliveryOptions {
  /** The From address of inquiry e-mails. */
  mailFrom: string;
  /** Wait before the first retry; each later retry waits twice as long, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Attempts before an inquiry is marked failed (the `inquiries retry` command revives it). */
  maxAttempts: number;
  /** How long one attempt holds an inquiry against other instances. */
  leaseMs: number;
  /** How often pending inquiries are checked. */
  pollMs: number;
  /** Days a delivered or failed inquiry is kept before it is deleted. */
  retentionDays: number;
  /** How often, at most, settled inquiries are checked for deletion (default: hourly). */
  purgeEveryMs?: number;
}

/** What the service reports, for logs. Never carries personal data. */
export interface DeliveryEvents {
  sent(reference: string, attempts: number): void;
  retrying(reference: string, attempts: number, error: unknown, nextAttemptAt: string): void;
  failed(reference: string, attempts: number, error: unknown): void;
  /** Background work failed outside an attempt (the store could not be read or written). */
  backgroundError(error: unknown): void;
}

/** The parts of an inquiry the conversation provides. */
export type InquiryDraft = Pick<
  Inquiry,
  'contactId' | 'requester' | 'message' | 'language' | 'channelId' | 'dedupeKey'
>;

/**
 * The outcome of one delivery attempt. `held`: another attempt holds the inquiry's lease (it may
 * be sending it right now), so `retry` left it alone.
 */
export type AttemptOutcome = 'sent' | 'retrying' | 'failed' | 'skipped' | 'held';

/** What this instance knows it sent, while the store has not yet recorded it. */
interface UnrecordedSend {
  attempts: number;
  sentAt: string;
}

/** What became of a message the person confirmed. */
export type SubmitOutcome =
  | { kind: 'stored'; inquiry: Inquiry; created: boolean }
  /** A cap refused it; nothing was stored. */
  | { kind: 'limited'; scope: CapScope; cap: number };

/**
 * Takes inquiries from the conversation to the contact's inbox without losing any: each is
 * stored before the person is told it was received, sent in the background, and retried with
 * backoff (also after a restart) until the mail server takes it.
 */
export class DeliveryService {
  private readonly contacts: Map<string, Contact>;
  private readonly running = new Set<Promise<unknown>>();
  private timer?: NodeJS.Timeout;
  private lastPurge?: number;
  /**
   * Inquiries the mail server accepted whose "sent" status could not be written (a full disk, a
   * conflict): each poll writes the status again instead of sending the inquiry again.
   */
  private readonly unrecorded = new Map<string, UnrecordedSend>();
  /** Submissions in progress here, by idempotency key: a repeat waits for the first. */
  private readonly submitting = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: InquiryStore,
    private readonly mailer: Mailer,
    contacts: readonly Contact[],
    private readonly options: DeliveryOptions,
    private readonly events: DeliveryEvents,
    private readonly now: () => Date = () => new Date(),
    private readonly limiter: SendLimiter = SendLimiter.unlimited(),
  ) {
    this.contacts = new Map(contacts.map((c) => [c.id, c]));
  }

  /**
   * Submits a message within the caps on sent inquiries: it takes a slot under each cap, then
   * stores the inquiry (see {@link submit}); a full cap refuses it with nothing stored. A repeat of
   * the same idempotency key returns the inquiry stored the first time and counts nothing more:
   * here, repeats wait for one another; across instances, the store's dedupe makes one inquiry and
   * the repeat gives its slots back.
   */
  submitWithinLimits(draft: InquiryDraft, sender: Omit<Sender, 'email'>): Promise<SubmitOutcome> {
    return this.oneAtATime(draft.dedupeKey, async () => {
      const reservation = await this.limiter.reserve({ ...sender, email: draft.requester.email }, draft.dedupeKey);
      if (!reservation.ok) return { kind: 'limited', scope: reservation.scope, cap: reservation.cap };
      try {
        const { inquiry, created } = await this.submit(draft);
        if (!created) await reservation.release().catch(() => undefined);
        return { kind: 'stored', inquiry, created };
      } catch (error) {
        await reservation.release().catch(() => undefined);
        throw error;
      }
    });
  }

  /** The first cap the sender has already used up, if any (checked before asking for details). */
  limitReached(sender: Partial<Sender>): Promise<{ scope: CapScope; cap: number } | undefined> {
    return this.limiter.reached(sender);
  }

  private oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.submitting.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.submitting.set(key, settled);
    void settled.then(() => {
      if (this.submitting.get(key) === settled) this.submitting.delete(key);
    });
    return next;
  }

  /**
   * Stores an inquiry durably and starts sending it. The inquiry is stored already leased to this
   * instance, so the first attempt needs no second write to claim it; should this instance stop
   * before sending, the lease runs out and any instance's poll sends it. Submitting the same
   * dedupe key again returns the inquiry stored the first time and sends nothing more.
   */
  async submit(draft: InquiryDraft): Promise<{ inquiry: Inquiry; created: boolean }> {
    const now = this.now();
    const at = now.toISOString();
    const reference = newReference();
    let result;
    try {
      result = await this.store.create({
        ...draft,
        reference,
        createdAt: at,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: at,
        leaseUntil: this.leaseFrom(now),
      });
    } catch (error) {
      // The person is told nothing was recorded: a record written before the failure (its dedupe
      // key could not be claimed) must not be delivered later. Its lease keeps the poll off it.
      await this.discard(reference);
      throw error;
    }
    const { stored, created } = result;
    if (created) this.track(this.deliver(stored));
    return { inquiry: stored.inquiry, created };
  }

  /** Deletes a half-created inquiry, if the failing store let one be written. */
  private async discard(reference: string): Promise<void> {
    try {
      const leftover = await this.store.get(reference);
      if (leftover) await this.store.delete(leftover);
    } catch {
      // The store is still failing; the create's own error is the one to report.
    }
  }

  /** Tries to send one inquiry now, if it is pending, due and not held by another attempt. */
  async attempt(reference: string): Promise<AttemptOutcome> {
    const current = await this.store.get(reference);
    const now = this.now();
    if (!current || current.inquiry.status !== 'pending') {
      this.unrecorded.delete(reference);
      return 'skipped';
    }
    const sent = this.unrecorded.get(reference);
    if (sent) {
      await this.recordSent(current, sent);
      return 'sent';
    }
    const { inquiry } = current;
    if (inquiry.leaseUntil && new Date(inquiry.leaseUntil) > now) return 'skipped';
    if (new Date(inquiry.nextAttemptAt) > now) return 'skipped';
    let leased;
    try {
      leased = await this.store.replace({ ...inquiry, leaseUntil: this.leaseFrom(now) }, current.etag);
    } catch (error) {
      if (error instanceof ConflictError) return 'skipped';
      throw error;
    }
    return this.deliver(leased);
  }

  private leaseFrom(now: Date): string {
    return new Date(now.getTime() + this.options.leaseMs).toISOString();
  }

  /** Sends an inquiry this instance holds the lease of, and records the outcome. */
  private async deliver(leased: StoredInquiry): Promise<AttemptOutcome> {
    const { reference } = leased.inquiry;
    const attempts = leased.inquiry.attempts + 1;
    const contact = this.contacts.get(leased.inquiry.contactId);
    try {
      if (!contact) throw new Error(`no contact with id ${leased.inquiry.contactId}`);
      await this.mailer.send(composeInquiryMail(leased.inquiry, contact, this.options.mailFrom));
    } catch (error) {
      const failed = attempts >= this.options.maxAttempts;
      const delay = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** (attempts - 1));
      const nextAttemptAt = new Date(this.now().getTime() + delay).toISOString();
      await this.store.replace(
        {
          ...leased.inquiry,
          status: failed ? 'failed' : 'pending',
          attempts,
          nextAttemptAt,
          leaseUntil: undefined,
          lastError: error instanceof Error ? error.message.slice(0, 300) : 'unknown error',
        },
        leased.etag,
      );
      if (failed) this.events.failed(reference, attempts, error);
      else this.events.retrying(reference, attempts, error, nextAttemptAt);
      return failed ? 'failed' : 'retrying';
    }
    // Written at once: until it is on disk, a stop of this process would send the inquiry again.
    const sent = { attempts, sentAt: this.now().toISOString() };
    try {
      await this.recordSent(leased, sent);
    } catch (error) {
      this.unrecorded.set(reference, sent);
      throw error;
    }
    return 'sent';
  }

  private async recordSent(stored: StoredInquiry, { attempts, sentAt }: UnrecordedSend): Promise<void> {
    const { reference } = stored.inquiry;
    const inquiry = { ...stored.inquiry, status: 'sent' as const, attempts, sentAt };
    await this.store.replace({ ...inquiry, leaseUntil: undefined, lastError: undefined }, stored.etag);
    this.unrecorded.delete(reference);
    this.events.sent(reference, attempts);
  }

  /**
   * Attempts every pending inquiry that is due, and records the sends not yet recorded. Each is
   * attempted on its own: one the store fails on is reported and the others still go.
   */
  async runDue(): Promise<void> {
    const now = this.now();
    for (const { inquiry } of await this.store.listPending()) {
      const due = new Date(inquiry.nextAttemptAt) <= now || this.unrecorded.has(inquiry.reference);
      if (due) await this.attempt(inquiry.reference).catch((error: unknown) => this.events.backgroundError(error));
    }
  }

  /** Deletes delivered and failed inquiries older than the retention period. */
  async purge(): Promise<number> {
    const cutoff = this.now().getTime() - this.options.retentionDays * 24 * 60 * 60 * 1000;
    let deleted = 0;
    for (const { inquiry, etag } of await this.store.list()) {
      const settledAt = inquiry.sentAt ?? (inquiry.status === 'failed' ? inquiry.nextAttemptAt : undefined);
      if (inquiry.status !== 'pending' && settledAt && new Date(settledAt).getTime() < cutoff) {
        await this.store.delete({ inquiry, etag }).catch(() => undefined);
        deleted += 1;
      }
    }
    return deleted;
  }

  /**
   * Makes a failed or pending inquiry due now and sends it (the `inquiries retry` command). An
   * inquiry whose lease another attempt holds is left alone ('held'), unless `force`: then this
   * attempt takes the lease over, which sends the inquiry twice if the holder is still sending.
   * A lease is replaced, never cleared, so no third sender can step in.
   */
  async retry(reference: string, options: { force?: boolean } = {}): Promise<AttemptOutcome> {
    const current = await this.store.get(reference);
    if (!current || current.inquiry.status === 'sent') return 'skipped';
    const now = this.now();
    const { leaseUntil } = current.inquiry;
    if (!options.force && leaseUntil && new Date(leaseUntil) > now) return 'held';
    let leased;
    try {
      // One conditional write revives it and takes the lease, so nobody claims it in between.
      leased = await this.store.replace(
        { ...current.inquiry, status: 'pending', nextAttemptAt: now.toISOString(), leaseUntil: this.leaseFrom(now) },
        current.etag,
      );
    } catch (error) {
      if (error instanceof ConflictError) return 'held';
      throw error;
    }
    return this.deliver(leased);
  }

  /**
   * Attempts what is due, and deletes what is past retention if that was last checked longer
   * than `purgeEveryMs` ago: retention is counted in days, so checking it at every poll would
   * read every kept inquiry a second time for nothing.
   */
  async poll(): Promise<void> {
    await this.runDue();
    const now = this.now().getTime();
    if (this.lastPurge !== undefined && now - this.lastPurge < (this.options.purgeEveryMs ?? 3_600_000)) return;
    this.lastPurge = now;
    await this.purge();
    await this.limiter.purge();
  }

  /** Polls now and every `pollMs` until {@link stop}. */
  start(): void {
    const tick = () => this.track(this.poll());
    tick();
    this.timer = setInterval(tick, this.options.pollMs);
    this.timer.unref();
  }

  /** Stops polling and waits for attempts in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.running]);
  }

  private track(work: Promise<unknown>): void {
    const tracked = work
      .catch((error: unknown) => this.events.backgroundError(error))
      .finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }
}
