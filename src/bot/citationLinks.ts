import type { Activity, Middleware, TurnContext } from 'botbuilder';
import type { CitationEntity } from '../../dialogs/activities/citationEntity';

/** Channels that render citations from the entity alone and would show definitions as text. */
const entityOnlyChannels = new Set(['msteams']);

/** Appends the Markdown reference definitions (`[1]: url "name"`) of an activity's citations. */
export function withReferenceDefinitions(activity: Partial<Activity>): Partial<Activity> {
  const entity = (activity.entities ?? []).find((e) => e.type === 'https://schema.org/Message') as
    CitationEntity | undefined;
  if (!entity?.citation?.length || !activity.text) return activity;
  const definitions = entity.citation.map(
    (c) => `[${c.position}]: ${c.appearance.url} "${c.appearance.name.replace(/"/g, "'")}"`,
  );
  return { ...activity, textFormat: 'markdown', text: `${activity.text}\n\n${definitions.join('\n')}` };
}

/**
 * Web Chat turns `[1]` into a citation badge only when the text defines the reference in Markdown
 * (CommonMark hides such definitions); Teams renders from the entity alone. This middleware adds
 * the definitions on the way out, on every channel but Teams.
 */
export const citationLinksMiddleware: Middleware = {
  onTurn: async (context: TurnContext, next: () => Promise<void>) => {
    if (!entityOnlyChannels.has(context.activity.channelId)) {
      context.onSendActivities(async (_context, activities, nextSend) => {
        activities.forEach((activity, i) => {
          activities[i] = withReferenceDefinitions(activity);
        });
        return nextSend();
      });
    }
    await next();
  },
};
