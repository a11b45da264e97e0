import { z } from 'zod';
import { languages } from '../text/normalize';

const language = z.enum(languages as ['en', 'es']);
const unit = z.string().min(1).max(200);
const text = z.string().max(300);
const reaction = z.enum(['like', 'dislike']);

/**
 * What the bot keeps about how people use the knowledge, for the curators' report: counts and
 * question text only. No event names a user or a conversation; question and comment text is
 * anonymized before it is kept (see {@link SignalLog}).
 */
export const signalEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('answer'),
    at: z.iso.datetime(),
    language,
    unit,
    /**
     * `question`: the answer to a question as asked; `suggestion`: a unit picked from a "did you
     * mean", whose `question` is the one that was asked (a proposed alternate question).
     */
    via: z.enum(['question', 'suggestion']),
    question: text.optional(),
  }),
  z.object({
    kind: z.literal('suggest'),
    at: z.iso.datetime(),
    language,
    units: z.array(unit).max(10),
    question: text.optional(),
  }),
  z.object({ kind: z.literal('decline'), at: z.iso.datetime(), language, reason: z.string().max(40), question: text }),
  z.object({
    kind: z.literal('feedback'),
    at: z.iso.datetime(),
    language,
    unit,
    reaction,
    /** The same person's earlier reaction to the same answer, which this one replaces. */
    replaces: reaction.optional(),
    /** The channel it came from (`msteams`, `webchat`). */
    channel: z.string().max(40),
    /** The question the answer was given to, when the conversation still remembers it. */
    question: text.optional(),
    /** What the person wrote with the reaction (Teams), anonymized. */
    comment: text.optional(),
  }),
]);

/** One recorded signal. */
export type SignalEvent = z.infer<typeof signalEventSchema>;

/** A signal as the bot reports it; the log stamps the time. */
export type SignalInput = SignalEvent extends infer E ? (E extends SignalEvent ? Omit<E, 'at'> : never) : never;

/** A thumbs up or down. */
export type Reaction = z.infer<typeof reaction>;

/** Parses one stored line; undefined for a line that is not a signal (cut short, edited by hand). */
export function parseSignalLine(line: string): SignalEvent | undefined {
  try {
    const parsed = signalEventSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
