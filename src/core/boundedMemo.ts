/**
 * Values worked out from keys and remembered, up to `limit` entries; when full it starts afresh.
 * Meant for results that never go stale (the knowledge and the models do not change while the bot
 * runs), where dropping everything now and then is cheaper than tracking what was used last.
 */
export class BoundedMemo<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(
    private readonly compute: (key: K) => V,
    private readonly limit = 5000,
  ) {}

  get(key: K): V {
    if (this.entries.has(key)) return this.entries.get(key) as V;
    const value = this.compute(key);
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }

  /** Entries held now. */
  get size(): number {
    return this.entries.size;
  }
}
