import { LRUCache } from 'lru-cache';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';

/** An item as stored: its JSON without the eTag, and the eTag apart. */
export interface StoredJson {
  json: string;
  eTag: string;
}

/**
 * A storage that keeps items as JSON text and can hand it over as such: a reader that needs the
 * text anyway (to tell later whether the item changed) need not serialize what it just parsed,
 * and a writer that serialized an item need not have it serialized again.
 */
export interface JsonItemStorage extends Storage {
  readJson(key: string): Promise<StoredJson | undefined>;
  /**
   * Stores `json` (an item without its eTag) under `key`, if `eTag` is the stored one, `*` or
   * missing; otherwise fails with an eTag conflict, as `write` does.
   */
  writeJson(key: string, json: string, eTag: string | undefined): Promise<void>;
}

/** Whether `storage` takes and gives items as JSON text (see {@link JsonItemStorage}). */
export function isJsonItemStorage(storage: Storage): storage is JsonItemStorage {
  return typeof (storage as Partial<JsonItemStorage>).readJson === 'function';
}

/** How much a single-instance bot may keep in memory. */
export interface MemoryStorageLimits {
  /** Most items (one per conversation). */
  maxItems: number;
  /** Most characters of JSON text over all items (about two bytes each in V8's heap at worst). */
  maxChars: number;
}

/**
 * Conversation state in this process's memory, as botbuilder's MemoryStorage keeps it (JSON text,
 * eTags checked on write), with two caps: beyond `maxItems` stored items, or `maxChars` characters
 * of them, the least recently written are forgotten, so a long-running single instance does not
 * grow without end, whether from many conversations or from few long ones. A forgotten
 * conversation simply starts afresh. Several instances use Blob storage instead.
 *
 * The eTag is kept beside the text rather than in it, so checking it costs no parse (MemoryStorage
 * parses the stored item again on every conditional write).
 */
export class BoundedMemoryStorage implements JsonItemStorage {
  /** Items by key; reads peek, so the order is that of writes. */
  private readonly items: LRUCache<string, StoredJson>;
  private nextETag = 1;

  constructor({ maxItems, maxChars }: MemoryStorageLimits) {
    // An item larger than the whole budget is not kept: lru-cache drops it, as if forgotten at once.
    this.items = new LRUCache({
      max: maxItems,
      maxSize: maxChars,
      sizeCalculation: (item, key) => item.json.length + key.length,
    });
  }

  read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const stored = this.items.peek(key);
      if (stored) found[key] = Object.assign(JSON.parse(stored.json) as StoreItem, { eTag: stored.eTag });
    }
    return Promise.resolve(found);
  }

  write(changes: StoreItems): Promise<void> {
    try {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...rest } = item as StoreItem;
        this.store(key, JSON.stringify(rest), eTag);
      }
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
    return Promise.resolve();
  }

  readJson(key: string): Promise<StoredJson | undefined> {
    return Promise.resolve(this.items.peek(key));
  }

  writeJson(key: string, json: string, eTag: string | undefined): Promise<void> {
    try {
      this.store(key, json, eTag);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  private store(key: string, json: string, eTag: string | undefined): void {
    const current = this.items.peek(key);
    if (current && eTag && eTag !== '*' && eTag !== current.eTag) {
      // MemoryStorage's wording, which the turn error handler recognizes as a conflict.
      throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
    }
    this.items.set(key, { json, eTag: String(this.nextETag++) });
  }
}
