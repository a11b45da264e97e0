import { MemoryStorage, type StoreItems } from 'botbuilder';

/**
 * botbuilder's MemoryStorage, with a cap: beyond `maxKeys` stored items (conversation
 * state), the least recently written are forgotten, so a long-running single instance does not
 * grow without end. A forgotten conversation simply starts afresh. Several instances use Blob
 * storage instead.
 */
export class BoundedMemoryStorage extends MemoryStorage {
  private readonly items: Record<string, string>;
  /** Keys in the order they were last written, oldest first. */
  private readonly recency = new Map<string, true>();

  constructor(private readonly maxKeys: number) {
    const items: Record<string, string> = {};
    super(items);
    this.items = items;
  }

  override async write(changes: StoreItems): Promise<void> {
    await super.write(changes);
    for (const key of Object.keys(changes)) {
      this.recency.delete(key);
      this.recency.set(key, true);
    }
    for (const key of this.recency.keys()) {
      if (this.recency.size <= this.maxKeys) break;
      this.recency.delete(key);
      delete this.items[key];
    }
  }

  override async delete(keys: string[]): Promise<void> {
    await super.delete(keys);
    for (const key of keys) this.recency.delete(key);
  }
}
