import type { Activity } from 'botbuilder';

/** A mention entity as channels send it; any field may be missing or of the wrong type. */
interface MentionEntity {
  type: 'mention';
  mentioned?: unknown;
  text?: unknown;
}

/**
 * The mention entities of an activity that name the bot (its recipient). botbuilder's own helpers
 * throw on a mention without `mentioned` or `text`; these skip whatever they cannot read.
 */
function mentionsOfBot(activity: Partial<Activity>): MentionEntity[] {
  const botId = activity.recipient?.id;
  if (!botId || !Array.isArray(activity.entities)) return [];
  return (activity.entities as unknown[]).filter((entity): entity is MentionEntity => {
    if (entity === null || typeof entity !== 'object') return false;
    const { type, mentioned } = entity as { type?: unknown; mentioned?: unknown };
    return (
      typeof type === 'string' &&
      type.toLowerCase() === 'mention' &&
      mentioned !== null &&
      typeof mentioned === 'object' &&
      (mentioned as { id?: unknown }).id === botId
    );
  });
}

/** Whether the activity @mentions the bot. */
export function mentionsBot(activity: Partial<Activity>): boolean {
  return mentionsOfBot(activity).length > 0;
}

/** Characters the bot's @mention markup takes in the text, which the length limit does not count. */
export function botMentionChars(activity: Partial<Activity>): number {
  return mentionsOfBot(activity).reduce(
    (total, mention) => total + (typeof mention.text === 'string' ? mention.text.length + 1 : 0),
    0,
  );
}

/** The activity's text without the bot's @mentions (`<at>USAID Peru</at>`), as written otherwise. */
export function textWithoutBotMention(activity: Partial<Activity>): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  for (const mention of mentionsOfBot(activity)) {
    if (typeof mention.text === 'string' && mention.text) text = text.split(mention.text).join(' ');
  }
  return text;
}
