import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from '../privateFiles';
import { runNowAndEvery } from '../repeat';
import { stripControlCharacters } from '../text/controlCharacters';
import type { Language } from '../text/normalize';
import type { DeclineReason } from './scopeGuard';

/** One question the knowledge could not answer, as curators see it. */
export interface UnansweredEntry {
  question: string;
  language: Language;
  count: number;
  reasons: Partial<Record<DeclineReason, number>>;
  firstSeen: string;
  lastSeen: string;
}

/**
 * Strips what could identify a person from a question: e-mail addresses, links, and long numbers
 * (phones, documents). Years and short numbers stay, since they often are the question. Control
 * and bidirectional characters go too, so the report prints what was typed, as typed.
 */
export function anonymize(question: string): string {
  return stripControlCharacters(question)
    .replace(/[^\s@]+@[^\s@]+\.[^\s@]+/g, '[email]')
    .replace(/https?:\/\/\S+|www\.\S+/gi, '[link]')
    .replace(/\+?\d[\d\s().-]{5,}\d/g, (match) => (/^\d{4}$/.test(match) ? match : '[number]'))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

const keyOf = (language: Language, question: string) => `${language}:${question.toLowerCase()}`;

/** Most asked first; among equals, the most recently asked. */
const mostAsked = (a: UnansweredEntry, b: UnansweredEntry) => b.count - a.count || b.lastSeen.localeCompare(a.lastSeen);

/** How the counts are kept. */
export interface UnansweredOptions {
  /** Wait before counts are written, so a burst of questions costs one write (default 5 s). */
  flushDelayMs?: number;
  /** Most distinct questions kept, in the file and in memory; the least asked go first (2000). */
  maxEntries?: number;
  /** Days a question is kept after it was last asked (default 90). */
  retentionDays?: number;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The questions the bot declined, counted and anonymized, kept in a JSON file (DATA_DIR/
 * unanswered.json, private to its owner) so the people who curate `knowledge/` see what to add.
 * Nothing ties an entry to a person or a conversation; a question not asked again within the
 * retention period is forgotten.
 */
export class UnansweredQuestions {
  private entries = new Map<string, UnansweredEntry>();
  /** Reading the saved counts, started once; every caller waits for the same read. */
  private loading?: Promise<void>;
  private dirty = false;
  private timer?: NodeJS.Timeout;
  private stopRetention?: () => void;
  private readonly flushDelayMs: number;
  private readonly maxEntries: number;
  private readonly retentionMs: number;

  constructor(
    private readonly file: string,
    options: UnansweredOptions = {},
  ) {
    this.flushDelayMs = options.flushDelayMs ?? 5000;
    this.maxEntries = options.maxEntries ?? 2000;
    this.retentionMs = (options.retentionDays ?? 90) * dayMs;
  }

  /** Counts a declined question; written to disk shortly after. */
  async record(question: string, language: Language, reason: DeclineReason, now = new Date()): Promise<void> {
    await this.load();
    const text = anonymize(question);
    if (!text) return;
    const key = keyOf(language, text);
    const at = now.toISOString();
    const entry = this.entries.get(key) ?? {
      question: text,
      language,
      count: 0,
      reasons: {},
      firstSeen: at,
      lastSeen: at,
    };
    entry.count += 1;
    entry.lastSeen = at;
    entry.reasons[reason] = (entry.reasons[reason] ?? 0) + 1;
    this.entries.set(key, entry);
    this.dirty = true;
    this.timer ??= setTimeout(() => void this.flush(), this.flushDelayMs);
    this.timer.unref();
  }

  /** The entries still within retention, most asked first. */
  async top(limit = 50, now = new Date()): Promise<UnansweredEntry[]> {
    await this.load();
    this.forgetExpired(now);
    return [...this.entries.values()].sort(mostAsked).slice(0, limit);
  }

  /** Forgets the questions last asked before the retention period, in memory and in the file. */
  async purge(now = new Date()): Promise<void> {
    await this.load();
    this.forgetExpired(now);
    await this.flush();
  }

  /** Purges now and then hourly (retention is counted in days), until {@link stop}. */
  startRetention(everyMs = 3_600_000): void {
    this.stopRetention = runNowAndEvery(
      () => this.purge(),
      everyMs,
      () => undefined,
    );
  }

  /** Stops the retention checks and writes pending counts. */
  async stop(): Promise<void> {
    this.stopRetention?.();
    this.stopRetention = undefined;
    await this.flush();
  }

  private forgetExpired(now: Date): void {
    const cutoff = new Date(now.getTime() - this.retentionMs).toISOString();
    for (const [key, entry] of this.entries) {
      if (entry.lastSeen < cutoff) {
        this.entries.delete(key);
        this.dirty = true;
      }
    }
  }

  /** Writes pending counts now, including any still being counted. */
  async flush(): Promise<void> {
    await this.load();
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    const kept = [...this.entries.values()].sort(mostAsked).slice(0, this.maxEntries);
    // Memory keeps what the file keeps, so distinct questions cannot pile up for ever.
    this.entries = new Map(kept.map((entry) => [keyOf(entry.language, entry.question), entry]));
    await writeFileAtomically(this.file, JSON.stringify({ entries: kept }, null, 2));
  }

  private load(): Promise<void> {
    this.loading ??= this.read();
    return this.loading;
  }

  private async read(): Promise<void> {
    try {
      const saved = JSON.parse(await readFile(this.file, 'utf8')) as { entries?: UnansweredEntry[] };
      for (const entry of saved.entries ?? []) this.entries.set(keyOf(entry.language, entry.question), entry);
    } catch {
      // No file yet, or an unreadable one: start counting afresh.
    }
  }
}
