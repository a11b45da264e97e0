import { createHash } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import { serializeError } from './errorSerializer';

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

/**
 * Creates the JSON logger. `destination` is for tests that read the lines. Every logger of the
 * process is this one or a child of it (restify's included), so every error goes through
 * {@link serializeError}.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'usaid-peru-bot' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      // An error is logged as its type, message, code, status code and stack: libraries attach
      // requests, responses and dialog state to errors, and those hold what people typed.
      serializers: { err: serializeError, error: serializeError, req: pino.stdSerializers.req },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** A stable, non-reversible short id for a conversation, so logs can be correlated without it. */
export function hashId(id: string | undefined): string | undefined {
  return id ? createHash('sha256').update(id).digest('hex').slice(0, 16) : undefined;
}
