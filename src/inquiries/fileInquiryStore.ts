import { createHash } from 'node:crypto';
import { access, constants, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically, writeFileCreatingFolder } from '../core/atomicFile';
import type { Inquiry } from '../core/contact/inquiry';
import { ConflictError, type InquiryStore, type StoredInquiry } from '../core/contact/inquiryStore';

interface Record {
  version: number;
  inquiry: Inquiry;
}

/**
 * Inquiries as JSON files under a folder (the default, `DATA_DIR/inquiries`). Each write goes to a
 * temporary file and is renamed into place, so a crash never leaves half a record; dedupe keys are
 * claimed with an exclusive create. Suits one instance; several instances share Blob storage.
 */
export class FileInquiryStore implements InquiryStore {
  private readonly records: string;
  private readonly keys: string;
  /** Serializes read-compare-write per reference within this process. */
  private readonly locks = new Map<string, Promise<unknown>>();
  private folders?: Promise<void>;

  constructor(dir: string) {
    this.records = join(dir, 'records');
    this.keys = join(dir, 'keys');
  }

  /** Creates the folders once per process; writes recreate them should they vanish later. */
  private ready(): Promise<void> {
    this.folders ??= (async () => {
      await mkdir(this.records, { recursive: true });
      await mkdir(this.keys, { recursive: true });
    })();
    this.folders.catch(() => (this.folders = undefined));
    return this.folders;
  }

  private recordPath(reference: string): string {
    if (!/^[A-Z0-9-]+$/.test(reference)) throw new Error('invalid reference');
    return join(this.records, `${reference}.json`);
  }

  private async read(reference: string): Promise<Record | undefined> {
    try {
      return JSON.parse(await readFile(this.recordPath(reference), 'utf8')) as Record;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private write(record: Record): Promise<void> {
    return writeFileAtomically(this.recordPath(record.inquiry.reference), JSON.stringify(record, null, 2));
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

  async create(inquiry: Inquiry): Promise<{ stored: StoredInquiry; created: boolean }> {
    await this.ready();
    const keyPath = join(this.keys, createHash('sha256').update(inquiry.dedupeKey).digest('hex'));
    const existing = await this.byKey(keyPath);
    if (existing) return { stored: existing, created: false };
    // The record is written before the key is claimed, so a claimed key always has its record;
    // a crash between the two leaves a deliverable inquiry, never a lost one.
    await this.write({ version: 1, inquiry });
    try {
      await writeFileCreatingFolder(keyPath, inquiry.reference, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await rm(this.recordPath(inquiry.reference), { force: true });
      const winner = await this.byKey(keyPath);
      if (!winner) throw error;
      return { stored: winner, created: false };
    }
    return { stored: { inquiry, etag: '1' }, created: true };
  }

  private async byKey(keyPath: string): Promise<StoredInquiry | undefined> {
    try {
      return await this.get((await readFile(keyPath, 'utf8')).trim());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async get(reference: string): Promise<StoredInquiry | undefined> {
    const record = await this.read(reference);
    return record && { inquiry: record.inquiry, etag: String(record.version) };
  }

  replace(inquiry: Inquiry, etag: string): Promise<StoredInquiry> {
    return this.exclusive(inquiry.reference, async () => {
      const current = await this.read(inquiry.reference);
      if (!current || String(current.version) !== etag) throw new ConflictError(inquiry.reference);
      const version = current.version + 1;
      await this.write({ version, inquiry });
      return { inquiry, etag: String(version) };
    });
  }

  delete(reference: string, etag: string): Promise<void> {
    return this.exclusive(reference, async () => {
      const current = await this.read(reference);
      if (!current) return;
      if (String(current.version) !== etag) throw new ConflictError(reference);
      await rm(this.recordPath(reference), { force: true });
    });
  }

  async list(): Promise<StoredInquiry[]> {
    await this.ready();
    const names = (await readdir(this.records)).filter((name) => name.endsWith('.json'));
    const stored = await Promise.all(names.map((name) => this.get(name.slice(0, -'.json'.length))));
    return stored
      .filter((s): s is StoredInquiry => s !== undefined)
      .sort((a, b) => a.inquiry.createdAt.localeCompare(b.inquiry.createdAt));
  }

  /** Checks that the folders exist (or can be made) and can be written. */
  async ping(): Promise<void> {
    await this.ready();
    await access(this.records, constants.W_OK);
    await access(this.keys, constants.W_OK);
  }
}
