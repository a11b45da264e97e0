import { z } from 'zod';
import type { Inquiry } from '../core/contact/inquiry';

/** The folder-safe names of records: a reference, as the stores write them. */
export const recordNamePattern = /^[A-Z0-9-]+$/;

/**
 * What a stored inquiry must hold for delivery to work with it. Fields added later are kept as
 * they are, so a record written by a newer version still reads.
 */
const inquirySchema = z.looseObject({
  reference: z.string().regex(recordNamePattern),
  createdAt: z.string(),
  contactId: z.string(),
  requester: z.looseObject({ name: z.string(), email: z.string() }),
  message: z.string(),
  language: z.string(),
  channelId: z.string(),
  dedupeKey: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.string(),
});

/** An inquiry read back with the JSON it came in, or why it cannot be used (never quoting it). */
export type ParsedRecord = { ok: true; inquiry: Inquiry; json: unknown } | { ok: false; reason: string };

/**
 * Parses a stored record. `pick` finds the inquiry in the JSON (the file store keeps a version
 * beside it). The reason given is a category only: JSON.parse's own message quotes the text
 * around the fault, which could be part of someone's message.
 */
export function parseStoredInquiry(
  text: string,
  expectedReference: string,
  pick: (json: unknown) => unknown = (json) => json,
): ParsedRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  const parsed = inquirySchema.safeParse(pick(json));
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.map(String).join('.') || 'record'))];
    return { ok: false, reason: `not an inquiry record (${fields.slice(0, 5).join(', ')})` };
  }
  if (parsed.data.reference !== expectedReference) return { ok: false, reason: 'holds another reference' };
  return { ok: true, inquiry: parsed.data as unknown as Inquiry, json };
}
