import { createHash } from 'node:crypto';
import { type BlockBlobClient, type ContainerClient, RestError } from '@azure/storage-blob';
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

const recordsPrefix = 'inquiries/records/';
const keysPrefix = 'inquiries/keys/';
const quarantinePrefix = 'inquiries/quarantine/';

const isStatus = (error: unknown, ...statuses: number[]) =>
  error instanceof RestError && statuses.includes(error.statusCode ?? 0);

/** A blob's text and the eTag of that version. */
async function readBlob(blob: BlockBlobClient): Promise<{ text: string; etag: string }> {
  const response = await blob.download();
  const chunks: Buffer[] = [];
  for await (const chunk of response.readableStreamBody ?? []) chunks.push(chunk as Buffer);
  return { text: Buffer.concat(chunks).toString('utf8'), etag: response.etag ?? '' };
}

/**
 * Inquiries in Azure Blob Storage, shared by every instance of the bot. Each write is
 * conditional on the blob's eTag, so two instances never both claim one delivery; dedupe keys are
 * created only if absent. A record that cannot be parsed is moved under `inquiries/quarantine/`
 * and reported by name; the others are read and delivered as usual.
 */
export class BlobInquiryStore implements InquiryStore {
  private ready?: Promise<unknown>;

  constructor(
    private readonly container: ContainerClient,
    private readonly problems: RecordProblemEvents = ignoreRecordProblems,
  ) {}

  private ensure(): Promise<unknown> {
    this.ready ??= this.container.createIfNotExists().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private record(reference: string) {
    if (!/^[A-Z0-9-]+$/.test(reference)) throw new Error('invalid reference');
    return this.container.getBlockBlobClient(`${recordsPrefix}${reference}.json`);
  }

  private async put(inquiry: Inquiry, conditions: { ifMatch?: string; ifNoneMatch?: string }): Promise<string> {
    const body = JSON.stringify(inquiry);
    const response = await this.record(inquiry.reference).upload(body, Buffer.byteLength(body), {
      conditions,
      blobHTTPHeaders: { blobContentType: 'application/json' },
      // Listings carry metadata, so a poll tells pending inquiries apart without downloading.
      metadata: { status: inquiry.status },
    });
    return response.etag ?? '';
  }

  private key(dedupeKey: string) {
    return this.container.getBlockBlobClient(`${keysPrefix}${createHash('sha256').update(dedupeKey).digest('hex')}`);
  }

  async create(inquiry: Inquiry): Promise<{ stored: StoredInquiry; created: boolean }> {
    await this.ensure();
    const key = this.key(inquiry.dedupeKey);
    // Record first, then claim the key, as in the file store: a claimed key always has its record.
    // A repeat (rare) finds the key taken and deletes its own record again.
    const etag = await this.put(inquiry, { ifNoneMatch: '*' });
    try {
      await key.upload(inquiry.reference, inquiry.reference.length, { conditions: { ifNoneMatch: '*' } });
    } catch (error) {
      if (!isStatus(error, 409, 412)) throw error;
      const winner = await this.byKey(key.name);
      if (winner) {
        await this.record(inquiry.reference).deleteIfExists();
        return { stored: winner, created: false };
      }
      // The key outlived its record (an instance stopped while deleting it): this one takes it over.
      await key.upload(inquiry.reference, inquiry.reference.length);
    }
    return { stored: { inquiry, etag }, created: true };
  }

  private async byKey(name: string): Promise<StoredInquiry | undefined> {
    try {
      const reference = (await this.container.getBlockBlobClient(name).downloadToBuffer()).toString('utf8');
      return await this.get(reference);
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  get(reference: string): Promise<StoredInquiry | undefined> {
    return this.read(reference, 1);
  }

  private async read(reference: string, rereads: number): Promise<StoredInquiry | undefined> {
    await this.ensure();
    let text: string;
    let etag: string;
    try {
      ({ text, etag } = await readBlob(this.record(reference)));
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
    const parsed = parseStoredInquiry(text, reference);
    if (parsed.ok) return { inquiry: parsed.inquiry, etag };
    const moved = await this.moveToQuarantine(`${reference}.json`, text, etag, parsed.reason);
    // Not moved: it was rewritten meanwhile, so read what is there now.
    return moved || rereads === 0 ? undefined : this.read(reference, rereads - 1);
  }

  /**
   * Copies a record that cannot be parsed under the quarantine prefix, then deletes it if it is
   * still the version read. Returns false, having removed the copy, when it was not.
   */
  private async moveToQuarantine(name: string, text: string, etag: string, reason: string): Promise<boolean> {
    const length = Buffer.byteLength(text);
    let copy = this.container.getBlockBlobClient(`${quarantinePrefix}${name}`);
    try {
      await copy.upload(text, length, { conditions: { ifNoneMatch: '*' } });
    } catch (error) {
      if (!isStatus(error, 409, 412)) throw error;
      copy = this.container.getBlockBlobClient(`${quarantinePrefix}${name}.${Date.now()}`);
      await copy.upload(text, length);
    }
    try {
      await this.container.getBlockBlobClient(`${recordsPrefix}${name}`).delete({ conditions: { ifMatch: etag } });
    } catch (error) {
      // Another instance moved it first (its copy stays), or it was rewritten meanwhile.
      await copy.deleteIfExists();
      if (isStatus(error, 404)) return true;
      if (isStatus(error, 409, 412)) return false;
      throw error;
    }
    this.problems.quarantined(name, reason);
    return true;
  }

  async replace(inquiry: Inquiry, etag: string): Promise<StoredInquiry> {
    try {
      return { inquiry, etag: await this.put(inquiry, { ifMatch: etag }) };
    } catch (error) {
      if (isStatus(error, 409, 412)) throw new ConflictError(inquiry.reference);
      throw error;
    }
  }

  async delete({ inquiry, etag }: StoredInquiry): Promise<void> {
    try {
      await this.record(inquiry.reference).delete({ conditions: { ifMatch: etag } });
    } catch (error) {
      if (isStatus(error, 404)) return;
      if (isStatus(error, 409, 412)) throw new ConflictError(inquiry.reference);
      throw error;
    }
    // The record goes first: a key without its record is taken over by the next repeat.
    await this.key(inquiry.dedupeKey).deleteIfExists();
  }

  async list(): Promise<StoredInquiry[]> {
    return this.download((await this.references(() => true)).map(({ reference }) => reference));
  }

  /**
   * Downloads only the records whose metadata says pending (or that have no status metadata,
   * written before it was kept), so a poll does not read every delivered inquiry kept for
   * retention.
   */
  async listPending(): Promise<StoredInquiry[]> {
    const candidates = await this.references((status) => status === undefined || status === 'pending');
    const stored = await this.download(candidates.map(({ reference }) => reference));
    // Records written before the status was kept get it now, so later polls skip them too.
    const unmarked = new Set(candidates.filter((c) => c.status === undefined).map((c) => c.reference));
    await Promise.all(
      stored
        .filter((s) => unmarked.has(s.inquiry.reference) && s.inquiry.status !== 'pending')
        .map((s) =>
          this.record(s.inquiry.reference)
            .setMetadata({ status: s.inquiry.status }, { conditions: { ifMatch: s.etag } })
            .catch(() => undefined),
        ),
    );
    return stored.filter((s) => s.inquiry.status === 'pending');
  }

  private async references(
    keep: (status: string | undefined) => boolean,
  ): Promise<{ reference: string; status: string | undefined }[]> {
    await this.ensure();
    const found: { reference: string; status: string | undefined }[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: recordsPrefix, includeMetadata: true })) {
      const name = blob.name.slice(recordsPrefix.length);
      const reference = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
      if (!recordNamePattern.test(reference)) {
        await this.quarantineMisnamed(name);
        continue;
      }
      const status = blob.metadata?.status;
      if (keep(status)) found.push({ reference, status });
    }
    return found;
  }

  /** A blob under the records prefix that is not named as a record is set aside too. */
  private async quarantineMisnamed(name: string): Promise<void> {
    try {
      const { text, etag } = await readBlob(this.container.getBlockBlobClient(`${recordsPrefix}${name}`));
      await this.moveToQuarantine(name, text, etag, 'not named as a record');
    } catch (error) {
      if (!isStatus(error, 404)) this.problems.unreadable(name, error);
    }
  }

  /** Downloads each record on its own: one that fails is reported and skipped, the others are read. */
  private async download(references: string[]): Promise<StoredInquiry[]> {
    // A few dozen requests at a time, however many inquiries are kept.
    const stored: (StoredInquiry | undefined)[] = [];
    const read = (reference: string) =>
      this.get(reference).catch((error: unknown) => {
        this.problems.unreadable(`${reference}.json`, error);
        return undefined;
      });
    for (let i = 0; i < references.length; i += 32) {
      stored.push(...(await Promise.all(references.slice(i, i + 32).map(read))));
    }
    return oldestFirst(stored);
  }

  async listQuarantined(): Promise<string[]> {
    await this.ensure();
    const names: string[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: quarantinePrefix })) {
      names.push(blob.name.slice(quarantinePrefix.length));
    }
    return names.sort();
  }

  async ping(): Promise<void> {
    await this.ensure();
    await this.container.getProperties();
  }
}
