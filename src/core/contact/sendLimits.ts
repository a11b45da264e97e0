import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** Caps on inquiries sent through the assistant; 0 turns a cap off. */
export interface SendCaps {
  /** Per conversation, per calendar day (UTC). */
  perConversationPerDay: number;
  /** Per channel user id, per calendar day (UTC). */
  perUserPerDay: number;
  /** Per requester e-mail address, per calendar day (UTC). */
  perEmailPerDay: number;
  /** For the whole service, per clock hour (UTC). */
  overallPerHour: number;
}

/** Which cap refused a message. */
export type CapScope = 'conversation' | 'user' | 'email' | 'overall';

/** Who sends: each is counted on its own. */
export interface Sender {
  /** Channel and conversation id. */
  conversation: string;
  /** Channel and user id. */
  user: string;
  email: string;
}

/**
 * Small durable records shared by every instance: files under DATA_DIR, or blobs. `create` must be
 * atomic (an exclusive create, or a create-if-absent condition), which is what makes a slot
 * claimed by one instance unavailable to all others.
 */
export interface LimitRecords {
  /** Creates `name` holding `content` unless a record of that name exists; false when one does. */
  create(name: string, content: string): Promise<boolean>;
  read(name: string): Promise<string | undefined>;
  remove(name: string): Promise<void>;
  /** The names directly under the folder `prefix`, without it; empty when there is none. */
  children(prefix: string): Promise<string[]>;
  /** Removes the folder `prefix` with everything in it. */
  removeAll(prefix: string): Promise<void>;
}

/** What the limiter reports, for logs. Carries no personal data. */
export interface SendLimitEvents {
  /** The overall hourly cap was reached; told once per hour across instances sharing the records. */
  overallCapReached(hour: string, cap: number): void;
}

/** Slots taken for one message, or the cap that refused it. */
export type Reservation = { ok: true; release(): Promise<void> } | { ok: false; scope: CapScope; cap: number };

interface Bucket {
  scope: CapScope;
  folder: string;
  cap: number;
}

/** Folders whose taken slots a limiter remembers as a hint (a few per contact request in progress). */
const rememberedFolders = 2000;

const tagOf = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);
const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const hourOf = (at: Date) => at.toISOString().slice(0, 13);

/**
 * Counts sent inquiries against the caps, durably and across instances. Each window (a UTC day, or
 * an hour for the overall cap) has a folder per sender; a message takes the lowest free numbered
 * slot in each with an exclusive create, so concurrent senders on any instance never share a slot
 * and a cap of N admits N. Senders are stored as hashes. Windows past are deleted by {@link purge}.
 */
export class SendLimiter {
  private readonly active: boolean;
  /**
   * The slots this limiter last saw taken in each folder (listed when a cap was checked, claimed,
   * or found taken by a create). Only a hint of where a claim starts: slots are taken by exclusive
   * creates alone, and a cap is declared full only after listing the folder afresh, so claims and
   * releases by other processes are always respected.
   */
  private readonly seenTaken = new LRUCache<string, Set<string>>({ max: rememberedFolders });

  constructor(
    private readonly records: LimitRecords | undefined,
    private readonly caps: SendCaps,
    private readonly events: SendLimitEvents,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.active = records !== undefined && Object.values(caps).some((cap) => cap > 0);
  }

  /** A limiter that admits everything (no records, no caps). */
  static unlimited(): SendLimiter {
    const none = { perConversationPerDay: 0, perUserPerDay: 0, perEmailPerDay: 0, overallPerHour: 0 };
    return new SendLimiter(undefined, none, { overallCapReached: () => undefined });
  }

  private buckets(sender: Partial<Sender>): Bucket[] {
    const at = this.now();
    const day = `day/${dayOf(at)}`;
    const perSender = (scope: CapScope, id: string | undefined, cap: number): Bucket[] =>
      id === undefined ? [] : [{ scope, folder: `${day}/${scope}/${tagOf(`${scope}:${id}`)}`, cap }];
    return [
      ...perSender('conversation', sender.conversation, this.caps.perConversationPerDay),
      ...perSender('user', sender.user, this.caps.perUserPerDay),
      ...perSender('email', sender.email?.toLowerCase(), this.caps.perEmailPerDay),
      { scope: 'overall' as const, folder: `hour/${hourOf(at)}/overall`, cap: this.caps.overallPerHour },
    ].filter((bucket) => bucket.cap > 0);
  }

  /**
   * Takes a slot under every cap for the message `submission` (its idempotency key), or none: if
   * one cap is full, the slots already taken are given back and that cap is named. A slot the same
   * submission already holds (a repeat racing on another instance) counts as taken by this one.
   */
  async reserve(sender: Sender, submission: string): Promise<Reservation> {
    if (!this.records) return { ok: true, release: () => Promise.resolve() };
    const records = this.records;
    const tag = tagOf(submission);
    const taken: string[] = [];
    const release = () =>
      Promise.all(
        taken.map(async (name) => {
          await records.remove(name);
          const slot = name.lastIndexOf('/');
          this.seenTaken.get(name.slice(0, slot))?.delete(name.slice(slot + 1));
        }),
      ).then(() => undefined);
    if (!this.active) return { ok: true, release };
    for (const bucket of this.buckets(sender)) {
      const slot = await this.claim(bucket, tag);
      if (slot === 'full') {
        await release();
        if (bucket.scope === 'overall') await this.reportOverall(bucket);
        return { ok: false, scope: bucket.scope, cap: bucket.cap };
      }
      if (slot !== 'shared') taken.push(slot);
      if (bucket.scope === 'overall' && slot.endsWith(`/${bucket.cap}`)) await this.reportOverall(bucket);
    }
    return { ok: true, release };
  }

  /** The first cap `sender` has already used up, if any: checked before asking for details. */
  async reached(sender: Partial<Sender>): Promise<{ scope: CapScope; cap: number } | undefined> {
    if (!this.records || !this.active) return undefined;
    for (const bucket of this.buckets(sender)) {
      if ((await this.list(bucket.folder)).size >= bucket.cap) return bucket;
    }
    return undefined;
  }

  /** The slots taken in `folder` now, remembered as the hint for the next claim there. */
  private async list(folder: string): Promise<Set<string>> {
    const taken = new Set(await (this.records as LimitRecords).children(folder));
    this.seenTaken.set(folder, taken);
    return taken;
  }

  /**
   * Takes the lowest free slot. A folder checked or claimed in lately is not listed again: its
   * slots not seen taken are tried straight away (a create that finds one taken moves on), and
   * only when none is left is the folder listed, for a slot given back since, and then for one
   * this submission already holds. A folder not seen before is listed first.
   */
  private async claim(bucket: Bucket, tag: string): Promise<string | 'shared' | 'full'> {
    const seen = this.seenTaken.get(bucket.folder);
    const claimed = seen && (await this.claimFree(bucket, tag, seen));
    if (claimed) return claimed;
    const taken = await this.list(bucket.folder);
    const listed = await this.claimFree(bucket, tag, taken);
    if (listed) return listed;
    return this.holds(bucket, tag);
  }

  /** Creates the first slot not in `taken`, noting in it the ones found taken meanwhile. */
  private async claimFree(bucket: Bucket, tag: string, taken: Set<string>): Promise<string | undefined> {
    const records = this.records as LimitRecords;
    for (let slot = 1; slot <= bucket.cap; slot += 1) {
      const number = String(slot);
      if (taken.has(number)) continue;
      const created = await records.create(`${bucket.folder}/${number}`, tag);
      taken.add(number);
      if (created) return `${bucket.folder}/${number}`;
    }
    return undefined;
  }

  /** 'shared' when a slot of the full folder is held by this same submission (a repeat). */
  private async holds(bucket: Bucket, tag: string): Promise<'shared' | 'full'> {
    const records = this.records as LimitRecords;
    for (let slot = 1; slot <= bucket.cap; slot += 1) {
      if ((await records.read(`${bucket.folder}/${slot}`)) === tag) return 'shared';
    }
    return 'full';
  }

  /** One warning per hour, whichever instance gets there first. */
  private async reportOverall(bucket: Bucket): Promise<void> {
    const hourFolder = bucket.folder.slice(0, -'/overall'.length);
    if (await (this.records as LimitRecords).create(`${hourFolder}/warned`, '')) {
      this.events.overallCapReached(hourFolder.slice('hour/'.length), bucket.cap);
    }
  }

  /** Deletes the windows that can no longer count: days before yesterday, hours before the last. */
  async purge(): Promise<void> {
    if (!this.records) return;
    const at = this.now();
    const oldestDay = dayOf(new Date(at.getTime() - 24 * 60 * 60 * 1000));
    const oldestHour = hourOf(new Date(at.getTime() - 60 * 60 * 1000));
    for (const day of await this.records.children('day')) {
      if (day < oldestDay) await this.records.removeAll(`day/${day}`);
    }
    for (const hour of await this.records.children('hour')) {
      if (hour < oldestHour) await this.records.removeAll(`hour/${hour}`);
    }
  }
}
