import { randomUUID } from 'node:crypto';
import type { Activity, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import type { CitationEntity } from '../../dialogs/activities/citationEntity';

const isMessageEntity = (entity: unknown): entity is CitationEntity =>
  (entity as { type?: unknown } | undefined)?.type === 'https://schema.org/Message';

/**
 * An answer as Teams takes it: Teams does not read the entity's thumbs (`potentialAction`), it
 * shows its own feedback loop on a message whose channel data asks for it. Other activities are
 * returned as they are.
 */
export function withTeamsFeedbackLoop(activity: Partial<Activity>): Partial<Activity> {
  const entity = (activity.entities ?? []).find(isMessageEntity);
  if (!entity?.potentialAction?.length) return activity;
  const { potentialAction: _thumbs, ...withoutThumbs } = entity;
  return {
    ...activity,
    entities: (activity.entities ?? []).map((e) => (e === entity ? withoutThumbs : e)),
    channelData: { ...(activity.channelData as object | undefined), feedbackLoopEnabled: true },
  };
}

/**
 * Adapts answers to Teams' feedback loop. Teams' feedback names the answer by its activity id;
 * when replies go back in the HTTP response (`expectReplies`) no Connector assigns one, so the
 * answer gets an id here and the caller learns it as the send's result.
 */
export const teamsFeedbackLoopMiddleware: Middleware = {
  onTurn: async (context: TurnContext, next: () => Promise<void>) => {
    if (context.activity.channelId === 'msteams') {
      context.onSendActivities(async (_context, activities, nextSend) => {
        const assigned = new Map<number, string>();
        activities.forEach((activity, i) => {
          const adapted = withTeamsFeedbackLoop(activity);
          if (adapted === activity) return;
          if (context.activity.deliveryMode === 'expectReplies' && !adapted.id) {
            adapted.id = randomUUID();
            assigned.set(i, adapted.id);
          }
          activities[i] = adapted;
        });
        const responses: ResourceResponse[] = await nextSend();
        for (const [i, id] of assigned) if (responses[i] && !responses[i].id) responses[i] = { id };
        return responses;
      });
    }
    await next();
  },
};
