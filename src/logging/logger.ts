import { createHash } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Paths that may hold personal data (names, e-mail addresses, what people wrote). They are
 * censored in every log line; code should not log them in the first place.
 */
export const redactedPaths = [
  'text',
  '*.text',
  'name',
  '*.name',
  'email',
  '*.email',
  'inquiry',
  '*.inquiry',
  'from',
  '*.from',
  'req.headers.authorization',
];

/** Creates the JSON logger. `destination` is for tests that read the lines. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'usaid-peru-bot' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      // The error's own message is not personal data; keep it, and its code.
      serializers: { err: pino.stdSerializers.err },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** A stable, non-reversible short id for a conversation, so logs can be correlated without it. */
export function hashId(id: string | undefined): string | undefined {
  return id ? createHash('sha256').update(id).digest('hex').slice(0, 16) : undefined;
}
