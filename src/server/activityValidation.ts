import { z } from 'zod';
import { describeIssues } from '../core/errors';

const id = z.string().min(1).max(1024);
const account = z.object({ id, name: z.string().max(1024).optional() }).loose();

/**
 * The parts of an incoming activity the adapter and the bot rely on. Anything else may vary by
 * channel and passes through untouched.
 */
export const incomingActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(1024).optional(),
    channelId: z.string().min(1).max(256),
    serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
    conversation: z.object({ id, isGroup: z.boolean().optional() }).loose(),
    from: account,
    recipient: account,
    text: z.string().optional(),
    locale: z.string().max(64).optional(),
    entities: z
      .array(z.object({ type: z.string() }).loose())
      .max(100)
      .optional(),
    attachments: z
      .array(z.object({ contentType: z.string() }).loose())
      .max(50)
      .optional(),
    membersAdded: z.array(account).max(500).optional(),
  })
  .loose();

/** Returns the problems of a request body that is not a usable activity, or none. */
export function activityProblems(body: unknown): string[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return ['body: must be a JSON object'];
  const parsed = incomingActivitySchema.safeParse(body);
  return parsed.success ? [] : describeIssues('activity', parsed.error.issues);
}
