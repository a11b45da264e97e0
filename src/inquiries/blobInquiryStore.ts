import { createHash } from 'node:crypto';
import { type ContainerClient, RestError } from '@azure/storage-blob';
import type { Inquiry } from '../core/contact/inquiry';
import { ConflictError, type InquiryStore, oldestFirst, type StoredInquiry } from '../core/contact/inquiryStore';

const recordsPrefix = 'inquiries/records/';
const keysPrefix = 'inquiries/keys/';

const isStatus = (error: unknown, ...statuses: number[]) =>
  error instanceof RestError && statuses.includes(error.statusCode ?? 0);

/**
 * Inquiries in Azure Blob Storage, shared by every instance of the bot. Each write is
 * conditional on the blob's eTag, so two instances never both claim one delivery; dedupe keys are
 * created only if absent.
 */
export class BlobInquiryStore implements InquiryStore {
  private ready?: Promise<unknown>;

  constructor(private readonly container: ContainerClient) {}

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

  async get(reference: string): Promise<StoredInquiry | undefined> {
    await this.ensure();
    try {
      const response = await this.record(reference).download();
      const chunks: Buffer[] = [];
      for await (const chunk of response.readableStreamBody ?? []) chunks.push(chunk as Buffer);
      return { inquiry: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Inquiry, etag: response.etag ?? '' };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
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
      const status = blob.metadata?.status;
      if (keep(status)) found.push({ reference: blob.name.slice(recordsPrefix.length, -'.json'.length), status });
    }
    return found;
  }

  private async download(references: string[]): Promise<StoredInquiry[]> {
    // A few dozen requests at a time, however many inquiries are kept.
    const stored: (StoredInquiry | undefined)[] = [];
    for (let i = 0; i < references.length; i += 32) {
      stored.push(...(await Promise.all(references.slice(i, i + 32).map((r) => this.get(r)))));
    }
    return oldestFirst(stored);
  }

  async ping(): Promise<void> {
    await this.ensure();
    await this.container.getProperties();
  }
}
