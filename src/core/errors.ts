/**
 * The error catalogue. Every error the service raises on purpose carries one of these codes, so
 * logs and callers can branch on `code` instead of matching message text.
 */
export const ErrorCodes = {
  /** A setting in the environment is missing or invalid. */
  configInvalid: 'CONFIG_INVALID',
  /** A file under knowledge/ is missing, malformed or inconsistent. */
  knowledgeInvalid: 'KNOWLEDGE_INVALID',
  /** The serialized search index cannot be read or does not match the knowledge files. */
  indexInvalid: 'INDEX_INVALID',
  /** An incoming HTTP request or activity is malformed. */
  requestInvalid: 'REQUEST_INVALID',
  /** A request to /api/messages carries no valid Bot Framework token. */
  unauthorized: 'UNAUTHORIZED',
  /** An incoming request body is larger than MAX_BODY_BYTES. */
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** Too many requests from one client, user or conversation. */
  rateLimited: 'RATE_LIMITED',
  /** As many turns as the instance takes at once are in progress; retry shortly. */
  overloaded: 'OVERLOADED',
  /** The caller is known but may not do this (another page's conversation, the bot's own routes). */
  forbidden: 'FORBIDDEN',
  /** The Direct Line token service failed. */
  directLineFailed: 'DIRECT_LINE_FAILED',
  /** Something failed on the server's side. */
  internal: 'INTERNAL',
  /** Azure CLU failed or answered badly; the offline recognizer took over. */
  cluUnavailable: 'CLU_UNAVAILABLE',
  /** A stored record changed between read and write (eTag mismatch). */
  storageConflict: 'STORAGE_CONFLICT',
  /** Sending an inquiry by e-mail failed; it stays pending and is retried. */
  deliveryFailed: 'DELIVERY_FAILED',
  /** An inquiry could not be stored at Send; the person keeps the draft and may try again. */
  inquiryStoreFailed: 'INQUIRY_STORE_FAILED',
  /** The overall hourly cap on sent inquiries was reached. */
  inquiryCapReached: 'INQUIRY_CAP_REACHED',
  /** A turn failed while the bot was handling it. */
  turnFailed: 'TURN_FAILED',
  /** A declined question could not be counted for the curators' report (DATA_DIR/unanswered.json). */
  unansweredLogFailed: 'UNANSWERED_LOG_FAILED',
  /** Signals for the curators' report (answers, offers, feedback) could not be written; kept for a retry. */
  signalLogFailed: 'SIGNAL_LOG_FAILED',
  /** A stored inquiry could not be parsed; it was moved to the quarantine, the others go on. */
  inquiryQuarantined: 'INQUIRY_QUARANTINED',
  /** A stored inquiry could not be read (an I/O error); it is tried again at the next poll. */
  inquiryUnreadable: 'INQUIRY_UNREADABLE',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Base class of every error with a catalogue code. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Individual problems, each naming the key or path it concerns. */
    readonly problems: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** Configuration could not be validated; `problems` names each bad key. */
export class ConfigError extends AppError {
  constructor(problems: readonly string[]) {
    super(ErrorCodes.configInvalid, `Invalid configuration:\n  - ${problems.join('\n  - ')}`, problems);
    this.name = 'ConfigError';
  }
}

/** Knowledge files could not be loaded; `problems` names each bad file or path. */
export class KnowledgeError extends AppError {
  constructor(problems: readonly string[]) {
    super(ErrorCodes.knowledgeInvalid, `Invalid knowledge:\n  - ${problems.join('\n  - ')}`, problems);
    this.name = 'KnowledgeError';
  }
}

/** The search index artifact is unreadable or stale. */
export class IndexError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCodes.indexInvalid, message, [], options);
    this.name = 'IndexError';
  }
}

/** Formats zod issues as `path: message` lines, with `root` naming what was validated. */
export function describeIssues(
  root: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return `${root}${path ? `${root ? ':' : ''}${path}` : ''}: ${issue.message}`;
  });
}
