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
    // Entities the bot cannot read are dropped by `readableEntities`, not refused: a channel may
    // send kinds of entity this bot knows nothing about.
    entities: z.array(z.unknown()).max(100).optional(),
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

/** An entity the bot can read: an object naming its type. */
export type ReadableEntity = { type: string } & Record<string, unknown>;

/** The entities of an activity that are objects with a type; anything else is ignored. */
export function readableEntities(entities: unknown): ReadableEntity[] | undefined {
  if (!Array.isArray(entities)) return undefined;
  return entities.filter(
    (entity): entity is ReadableEntity =>
      entity !== null &&
      typeof entity === 'object' &&
      !Array.isArray(entity) &&
      typeof (entity as { type?: unknown }).type === 'string',
  );
}
