import { AppError, ErrorCodes } from '../errors';
import type { Inquiry } from './inquiry';

/** An inquiry with the version tag the store gave it. */
export interface StoredInquiry {
  inquiry: Inquiry;
  etag: string;
}

/** Someone else changed the inquiry since it was read. */
export class ConflictError extends AppError {
  constructor(reference: string) {
    super(ErrorCodes.storageConflict, `Inquiry ${reference} was changed by someone else`);
    this.name = 'ConflictError';
  }
}

/**
 * Durable storage of inquiries. Writes are conditional on the eTag read, so two instances never
 * both claim one delivery.
 */
export interface InquiryStore {
  /** Stores a new inquiry, unless one with the same dedupe key exists: then returns that one. */
  create(inquiry: Inquiry): Promise<{ stored: StoredInquiry; created: boolean }>;
  get(reference: string): Promise<StoredInquiry | undefined>;
  /** Replaces the inquiry if its eTag still matches; throws {@link ConflictError} otherwise. */
  replace(inquiry: Inquiry, etag: string): Promise<StoredInquiry>;
  /** Deletes the inquiry, with its dedupe key, if its eTag still matches. */
  delete(stored: StoredInquiry): Promise<void>;
  /** Every stored inquiry, oldest first. */
  list(): Promise<StoredInquiry[]>;
  /**
   * The pending inquiries, oldest first: what a delivery poll looks at. A store that can tell an
   * inquiry's status without reading all of it skips delivered and failed ones cheaply.
   */
  listPending(): Promise<StoredInquiry[]>;
  /** Checks the store can be reached, for readiness probes. */
  ping(): Promise<void>;
  /** Names of the records set aside because they could not be parsed (see {@link RecordProblemEvents}). */
  listQuarantined(): Promise<string[]>;
}

/**
 * What a store reports about records it cannot use, by name only (a record's name is its
 * reference; its content is personal data). One bad record never stops the others.
 */
export interface RecordProblemEvents {
  /** A record that could not be parsed was moved to the store's quarantine. */
  quarantined(name: string, reason: string): void;
  /** A record could not be read (an I/O error); it is left in place and tried again later. */
  unreadable(name: string, error: unknown): void;
}

/** Problems go unreported (tests, and stores built only to read). */
export const ignoreRecordProblems: RecordProblemEvents = { quarantined: () => undefined, unreadable: () => undefined };

/** The inquiries found, oldest first (what `list` and `listPending` return). */
export function oldestFirst(found: readonly (StoredInquiry | undefined)[]): StoredInquiry[] {
  return found
    .filter((s): s is StoredInquiry => s !== undefined)
    .sort((a, b) => a.inquiry.createdAt.localeCompare(b.inquiry.createdAt));
}
