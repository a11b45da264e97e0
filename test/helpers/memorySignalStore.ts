import type { SignalStore } from '../../src/core/signals/signalLog';

/** A {@link SignalStore} in memory, whose appends a test can hold back or make fail. */
export class MemorySignalStore implements SignalStore {
  readonly files = new Map<string, string>();
  /** Every append, in order: the day and how many lines it carried. */
  readonly appends: { day: string; lines: number }[] = [];
  /** While set, appends wait for it. */
  gate?: Promise<void>;
  /** Appends fail while this is set. */
  failure?: Error;

  async append(day: string, lines: string): Promise<void> {
    await this.gate;
    if (this.failure) throw this.failure;
    this.appends.push({ day, lines: lines.trim().split('\n').length });
    this.files.set(day, (this.files.get(day) ?? '') + lines);
  }

  async readAll(): Promise<string[]> {
    return [...this.files.values()];
  }

  async purgeBefore(day: string): Promise<number> {
    const old = [...this.files.keys()].filter((d) => d < day);
    for (const d of old) this.files.delete(d);
    return old.length;
  }
}
