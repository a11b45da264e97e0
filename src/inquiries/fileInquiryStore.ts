import { createHash } from 'node:crypto';
import { access, constants, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ensurePrivateFolder, writeFileAtomically, writeFileCreatingFolder } from '../core/privateFiles';
import type { Inquiry } from '../core/contact/inquiry';
import {
  ConflictError,
  ignoreRecordProblems,
  type InquiryStore,
  oldestFirst,
  type RecordProblemEvents,
  type StoredInquiry,
} from '../core/contact/inquiryStore';
import { parseStoredInquiry, recordNamePattern } from './inquiryRecord';
import { QuarantineFolder } from './quarantineFolder';
import { isLockBusy, RecordLocks } from './recordLock';

interface Record {
  version: number;
  inquiry: Inquiry;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Inquiries as JSON files under a folder (the default, `DATA_DIR/inquiries`), every file private
 * to its owner. Each write goes to a temporary file and is renamed into place, so a crash never
 * leaves half a record; dedupe keys are claimed with an exclusive create. A replace or delete
 * holds a lock under `locks/` that other processes respect too (the `inquiries` command, another
 * instance on the same disk), so its eTag check holds across processes. A record that cannot be
 * parsed is moved to `quarantine/` and reported by name; the others are read and delivered as
 * usual. Several instances on several machines share Blob storage instead.
 *
 * A delivery poll ({@link listPending}) does not read again the records this store last saw
 * delivered or failed, so its cost follows the open inquiries, not the ones kept for retention. A
 * request revived from another process (`inquiries retry`, which also tries to send it at once) is
 * seen again by the next full {@link list}, which the hourly retention check makes.
 */
export class FileInquiryStore implements InquiryStore {
  private readonly records: string;
  private readonly keys: string;
  private readonly quarantine: QuarantineFolder;
  /** Serializes read-compare-write per reference within this process. */
  private readonly locks = new Map<string, Promise<unknown>>();
  /** The same across processes. */
  private readonly fileLocks: RecordLocks;
  private folders?: Promise<void>;
  /** References whose record was last read or written here as delivered or failed. */
  private readonly settled = new Set<string>();

  constructor(
    dir: string,
    private readonly problems: RecordProblemEvents = ignoreRecordProblems,
  ) {
    this.records = join(dir, 'records');
    this.keys = join(dir, 'keys');
    this.quarantine = new QuarantineFolder(join(dir, 'quarantine'), problems);
    this.fileLocks = new RecordLocks(join(dir, 'locks'));
  }

  /** Creates the folders once per process; writes recreate them should they vanish later. */
  private ready(): Promise<void> {
    this.folders ??= (async () => {
      await ensurePrivateFolder(this.records);
      await ensurePrivateFolder(this.keys);
    })();
    this.folders.catch(() => (this.folders = undefined));
    return this.folders;
  }

  private recordPath(reference: string): string {
    if (!recordNamePattern.test(reference)) throw new Error('invalid reference');
    return join(this.records, `${reference}.json`);
  }

  /** The record, undefined if there is none, or why it cannot be parsed. */
  private async readRaw(reference: string): Promise<Record | undefined | { corrupt: string }> {
    let text: string;
    try {
      text = await readFile(this.recordPath(reference), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    const parsed = parseStoredInquiry(text, reference, (json) => (json as Partial<Record> | null)?.inquiry);
    if (!parsed.ok) return { corrupt: parsed.reason };
    const { version } = parsed.json as { version?: unknown };
    if (typeof version !== 'number') return { corrupt: 'not an inquiry record (version)' };
    return { version, inquiry: parsed.inquiry };
  }

  /** Reads a record while holding its locks: one that cannot be parsed is quarantined on the spot. */
  private async read(reference: string): Promise<Record | undefined> {
    const found = await this.readRaw(reference);
    if (found && 'corrupt' in found) {
      await this.quarantine.move(this.recordPath(reference), `${reference}.json`, found.corrupt);
      this.settled.delete(reference);
      return undefined;
    }
    this.noteStatus(reference, found);
    return found;
  }

  /** Runs `work` holding the record's lock in this process and across processes. */
  private locked<T>(reference: string, work: () => Promise<T>): Promise<T> {
    return this.exclusive(reference, async () => {
      try {
        return await this.fileLocks.hold(reference, work);
      } catch (error) {
        // Another process kept the record busy all along: as good as changed by someone else.
        if (isLockBusy(error)) throw new ConflictError(reference);
        throw error;
      }
    });
  }

  private async write(record: Record): Promise<void> {
    await writeFileAtomically(this.recordPath(record.inquiry.reference), JSON.stringify(record, null, 2));
    this.noteStatus(record.inquiry.reference, record);
  }

  private noteStatus(reference: string, record: Record | undefined): void {
    if (record && record.inquiry.status !== 'pending') this.settled.add(reference);
    else this.settled.delete(reference);
  }

  private exclusive<T>(reference: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(reference) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(reference, settled);
    // The last one out removes the entry, so the map holds only references being written now.
    void settled.then(() => {
      if (this.locks.get(reference) === settled) this.locks.delete(reference);
    });
    return next;
  }

  /** References with a write in progress (for tests). */
  get writesInProgress(): number {
    return this.locks.size;
  }

  private keyPath(dedupeKey: string): string {
    return join(this.keys, createHash('sha256').update(dedupeKey).digest('hex'));
  }

  async create(inquiry: Inquiry): Promise<{ stored: StoredInquiry; created: boolean }> {
    await this.ready();
    const keyPath = this.keyPath(inquiry.dedupeKey);
    // The record is written before the key is claimed, so a claimed key always has its record;
    // a crash between the two leaves a deliverable inquiry, never a lost one. A repeat (rare)
    // finds the key taken and takes its own record back; no lookup is paid on the usual path.
    await this.write({ version: 1, inquiry });
    try {
      await writeFileCreatingFolder(keyPath, inquiry.reference, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const claimedBy = await this.claimant(keyPath);
      const winner = claimedBy === undefined ? undefined : await this.get(claimedBy);
      if (winner) {
        await rm(this.recordPath(inquiry.reference), { force: true });
        return { stored: winner, created: false };
      }
      // The key outlived its record (a crash while deleting it): this inquiry takes it over.
      await writeFileAtomically(keyPath, inquiry.reference);
    }
    return { stored: { inquiry, etag: '1' }, created: true };
  }

  /**
   * The reference a dedupe key was claimed for. A claim is created empty and then written, so an
   * empty key is waited out for up to a second; one still empty after that was left by a crash.
   */
  private async claimant(keyPath: string): Promise<string | undefined> {
    for (let attempt = 0; attempt < 40; attempt += 1) {
      let reference: string;
      try {
        reference = (await readFile(keyPath, 'utf8')).trim();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      if (reference) return reference;
      await delay(25);
    }
    return undefined;
  }

  async get(reference: string): Promise<StoredInquiry | undefined> {
    let record = await this.readRaw(reference);
    // Seen corrupt without the lock: look again holding it, so a record being replaced right now
    // is never the one moved away.
    if (record && 'corrupt' in record) record = await this.locked(reference, () => this.read(reference));
    else this.noteStatus(reference, record);
    return record && { inquiry: record.inquiry, etag: String(record.version) };
  }

  replace(inquiry: Inquiry, etag: string): Promise<StoredInquiry> {
    return this.locked(inquiry.reference, async () => {
      const current = await this.read(inquiry.reference);
      if (!current || String(current.version) !== etag) throw new ConflictError(inquiry.reference);
      const version = current.version + 1;
      await this.write({ version, inquiry });
      return { inquiry, etag: String(version) };
    });
  }

  delete({ inquiry: { reference }, etag }: StoredInquiry): Promise<void> {
    return this.locked(reference, async () => {
      const current = await this.read(reference);
      if (!current) return;
      if (String(current.version) !== etag) throw new ConflictError(reference);
      // The record goes first: a key without its record is taken over by the next repeat.
      await rm(this.recordPath(reference), { force: true });
      this.settled.delete(reference);
      await rm(this.keyPath(current.inquiry.dedupeKey), { force: true });
    });
  }

  async list(): Promise<StoredInquiry[]> {
    return this.readAll(await this.references());
  }

  /** The pending inquiries, reading only the records not last seen delivered or failed. */
  async listPending(): Promise<StoredInquiry[]> {
    const references = await this.references();
    const present = new Set(references);
    for (const reference of this.settled) if (!present.has(reference)) this.settled.delete(reference);
    const open = await this.readAll(references.filter((reference) => !this.settled.has(reference)));
    return open.filter((s) => s.inquiry.status === 'pending');
  }

  /** The references of the records; a `.json` file not named as a record is quarantined. */
  private async references(): Promise<string[]> {
    await this.ready();
    const references: string[] = [];
    for (const name of await readdir(this.records)) {
      if (!name.endsWith('.json')) continue; // temporary files of writes in progress
      const reference = name.slice(0, -'.json'.length);
      if (recordNamePattern.test(reference)) references.push(reference);
      else await this.quarantine.move(join(this.records, name), name, 'not named as a record');
    }
    return references;
  }

  /** Reads each record on its own: one that fails is reported and skipped, the others are read. */
  private async readAll(references: string[]): Promise<StoredInquiry[]> {
    const found = await Promise.all(
      references.map((reference) =>
        this.get(reference).catch((error: unknown) => {
          this.problems.unreadable(`${reference}.json`, error);
          return undefined;
        }),
      ),
    );
    return oldestFirst(found);
  }

  listQuarantined(): Promise<string[]> {
    return this.quarantine.list();
  }

  /** Checks that the folders exist (or can be made) and can be written. */
  async ping(): Promise<void> {
    await this.ready();
    await access(this.records, constants.W_OK);
    await access(this.keys, constants.W_OK);
  }
}
