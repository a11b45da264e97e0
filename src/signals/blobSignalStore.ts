import type { ContainerClient } from '@azure/storage-blob';
import type { SignalStore } from '../core/signals/signalLog';
import { newInstanceName } from './fileSignalStore';

const prefix = 'signals/';
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
/** An append block holds at most 4 MiB; batches are far smaller, but a backlog may not be. */
const maxBlockBytes = 4 * 1024 * 1024;

/** Splits JSON lines into chunks of at most `max` bytes, at line ends. */
function chunks(lines: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of lines.split(/(?<=\n)/)) {
    if (current && Buffer.byteLength(current + line) > max) {
      out.push(current);
      current = '';
    }
    current += line;
  }
  if (current) out.push(current);
  return out;
}

/**
 * Signals in the shared Blob container, as append blobs `signals/YYYY-MM-DD/<instance>.jsonl`:
 * each instance appends to a blob of its own, so no two instances ever write to one blob and
 * nothing needs a lease or an eTag; the report lists and reads them all.
 */
export class BlobSignalStore implements SignalStore {
  private ready?: Promise<unknown>;
  /** The blobs this instance has created, so each is created once. */
  private readonly created = new Set<string>();

  constructor(
    private readonly container: ContainerClient,
    private readonly instance = newInstanceName(),
  ) {}

  private ensure(): Promise<unknown> {
    this.ready ??= this.container.createIfNotExists().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  async append(day: string, lines: string): Promise<void> {
    if (!dayPattern.test(day)) throw new Error(`BlobSignalStore: invalid day ${day}`);
    await this.ensure();
    const name = `${prefix}${day}/${this.instance}.jsonl`;
    const blob = this.container.getAppendBlobClient(name);
    if (!this.created.has(name)) {
      await blob.createIfNotExists({ blobHTTPHeaders: { blobContentType: 'application/x-ndjson' } });
      this.created.add(name);
    }
    for (const chunk of chunks(lines, maxBlockBytes)) await blob.appendBlock(chunk, Buffer.byteLength(chunk));
  }

  async readAll(): Promise<string[]> {
    await this.ensure();
    const contents: string[] = [];
    for await (const item of this.container.listBlobsFlat({ prefix })) {
      const buffer = await this.container.getBlobClient(item.name).downloadToBuffer();
      contents.push(buffer.toString('utf8'));
    }
    return contents;
  }

  async purgeBefore(day: string): Promise<number> {
    await this.ensure();
    let deleted = 0;
    for await (const item of this.container.listBlobsFlat({ prefix })) {
      const itemDay = item.name.slice(prefix.length, prefix.length + 10);
      if (dayPattern.test(itemDay) && itemDay < day) {
        await this.container.getBlobClient(item.name).deleteIfExists();
        this.created.delete(item.name);
        deleted += 1;
      }
    }
    return deleted;
  }
}
