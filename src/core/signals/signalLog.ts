import { anonymize } from '../answers/unansweredQuestions';
import { runNowAndEvery } from '../repeat';
import { parseSignalLine, type SignalEvent, type SignalInput } from './signalEvents';

/**
 * Where signals are kept. Each instance of the bot appends to files (or blobs) of its own, one per
 * day, so instances never write to the same place and every one of them contributes; the report
 * reads them all.
 */
export interface SignalStore {
  /** Appends JSON lines to this instance's file for `day` (YYYY-MM-DD, UTC). */
  append(day: string, lines: string): Promise<void>;
  /** The content of every day's files, of every instance. */
  readAll(): Promise<string[]>;
  /** Deletes the files of days before `day`; returns how many it deleted. */
  purgeBefore(day: string): Promise<number>;
}

/** How signals are kept. */
export interface SignalLogOptions {
  /** Days a signal is kept (the retention of unanswered questions; default 90). */
  retentionDays?: number;
  /** Signals held while the store cannot be written; the oldest go first beyond it (10,000). */
  maxPending?: number;
  /** Wait after a failed write before the next attempt (default 30 s). */
  retryMs?: number;
  /** Told when a write fails; the signals are kept and written at the next attempt. */
  onError?: (error: unknown) => void;
}

const dayMs = 24 * 60 * 60 * 1000;

/** The UTC day of an ISO time. */
const dayOf = (at: string) => at.slice(0, 10);

/**
 * Records what people ask and how the answers serve them. A signal is written at once, without
 * holding up the turn; signals arriving while a write is under way go together in the next one,
 * so a busy instance makes few writes. Question and comment text is anonymized as declined
 * questions are (no e-mail addresses, links or long numbers, no control characters).
 */
export class SignalLog {
  private pending: SignalEvent[] = [];
  private writing?: Promise<void>;
  private stopRetention?: () => void;
  private retryTimer?: NodeJS.Timeout;
  private readonly retentionDays: number;
  private readonly retryMs: number;
  private readonly maxPending: number;

  constructor(
    private readonly store: SignalStore,
    private readonly options: SignalLogOptions = {},
  ) {
    this.retentionDays = options.retentionDays ?? 90;
    this.maxPending = options.maxPending ?? 10_000;
    this.retryMs = options.retryMs ?? 30_000;
  }

  /** Records a signal; it is written shortly after. */
  record(input: SignalInput, now = new Date()): void {
    const event = { ...input, at: now.toISOString() } as SignalEvent;
    if ('question' in event && event.question !== undefined) event.question = anonymize(event.question);
    if (event.kind === 'feedback' && event.comment !== undefined) {
      event.comment = anonymize(event.comment) || undefined;
    }
    this.pending.push(event);
    if (this.pending.length > this.maxPending) this.pending.splice(0, this.pending.length - this.maxPending);
    // After a failed write, signals wait for the retry rather than fail once per turn.
    if (!this.retryTimer) this.writing ??= this.write();
  }

  /** Writes what is pending now; resolves once it is stored (or the write failed). */
  async flush(): Promise<void> {
    await this.writing;
    if (this.pending.length === 0) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await (this.writing ??= this.write());
  }

  /** Every signal still within retention, oldest first. */
  async read(now = new Date()): Promise<SignalEvent[]> {
    const cutoff = new Date(now.getTime() - this.retentionDays * dayMs).toISOString();
    const events = (await this.store.readAll())
      .flatMap((content) => content.split('\n'))
      .map((line) => (line.trim() ? parseSignalLine(line) : undefined))
      .filter((e): e is SignalEvent => e !== undefined && e.at >= cutoff);
    return events.sort((a, b) => a.at.localeCompare(b.at));
  }

  /** Deletes the days that are past retention. */
  purge(now = new Date()): Promise<number> {
    return this.store.purgeBefore(dayOf(new Date(now.getTime() - this.retentionDays * dayMs).toISOString()));
  }

  /** Purges now and then hourly (retention is counted in days), until {@link stop}. */
  startRetention(everyMs = 3_600_000): void {
    this.stopRetention = runNowAndEvery(
      () => this.purge(),
      everyMs,
      (error) => this.options.onError?.(error),
    );
  }

  /** Stops the retention checks and writes what is pending. */
  async stop(): Promise<void> {
    this.stopRetention?.();
    this.stopRetention = undefined;
    await this.flush();
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private async write(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const byDay = new Map<string, SignalEvent[]>();
        for (const event of this.pending.splice(0)) {
          const day = dayOf(event.at);
          const events = byDay.get(day);
          if (events) events.push(event);
          else byDay.set(day, [event]);
        }
        const days = [...byDay];
        for (const [i, [day, events]] of days.entries()) {
          try {
            await this.store.append(day, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
          } catch (error) {
            // What was not written waits for the next write, ahead of what came meanwhile.
            this.pending = [...days.slice(i).flatMap(([, unwritten]) => unwritten), ...this.pending];
            this.pending.splice(0, Math.max(0, this.pending.length - this.maxPending));
            this.options.onError?.(error);
            clearTimeout(this.retryTimer);
            this.retryTimer = setTimeout(() => {
              this.retryTimer = undefined;
              this.writing ??= this.write();
            }, this.retryMs);
            this.retryTimer.unref();
            return;
          }
        }
      }
    } finally {
      this.writing = undefined;
    }
  }
}
