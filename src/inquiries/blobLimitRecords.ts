import { type ContainerClient, RestError } from '@azure/storage-blob';
import type { LimitRecords } from '../core/contact/sendLimits';

const root = 'limits/';

const isStatus = (error: unknown, ...statuses: number[]) =>
  error instanceof RestError && statuses.includes(error.statusCode ?? 0);

/**
 * The send limiter's records as blobs under `limits/` in the shared container, so every instance
 * counts against the same caps. A slot is claimed with a create-if-absent condition.
 */
export class BlobLimitRecords implements LimitRecords {
  private ready?: Promise<unknown>;

  constructor(private readonly container: ContainerClient) {}

  private ensure(): Promise<unknown> {
    this.ready ??= this.container.createIfNotExists().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private blob(name: string) {
    return this.container.getBlockBlobClient(`${root}${name}`);
  }

  async create(name: string, content: string): Promise<boolean> {
    await this.ensure();
    try {
      await this.blob(name).upload(content, Buffer.byteLength(content), { conditions: { ifNoneMatch: '*' } });
      return true;
    } catch (error) {
      if (isStatus(error, 409, 412)) return false;
      throw error;
    }
  }

  async read(name: string): Promise<string | undefined> {
    await this.ensure();
    try {
      return (await this.blob(name).downloadToBuffer()).toString('utf8');
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async remove(name: string): Promise<void> {
    await this.blob(name).deleteIfExists();
  }

  async children(prefix: string): Promise<string[]> {
    await this.ensure();
    const folder = `${root}${prefix}/`;
    const names: string[] = [];
    for await (const item of this.container.listBlobsByHierarchy('/', { prefix: folder })) {
      names.push(item.name.slice(folder.length).replace(/\/$/, ''));
    }
    return names;
  }

  async removeAll(prefix: string): Promise<void> {
    await this.ensure();
    for await (const blob of this.container.listBlobsFlat({ prefix: `${root}${prefix}/` })) {
      await this.container.deleteBlob(blob.name, { deleteSnapshots: 'include' }).catch((error: unknown) => {
        if (!isStatus(error, 404)) throw error;
      });
    }
  }
}
