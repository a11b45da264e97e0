import type { Activity, ConversationState, InvokeResponse, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { KnowledgeReply } from '../core/answers/knowledgeService';
import { anonymize } from '../core/answers/unansweredQuestions';
import type { Reaction } from '../core/signals/signalEvents';
import type { SignalLog } from '../core/signals/signalLog';
import { type Language, languages } from '../core/text/normalize';

/** The event Web Chat posts when someone clicks a thumb under an answer. */
export const webChatFeedbackEventName = 'webchat:activity-status/feedback';

/** How many answers and "did you mean" offers a conversation remembers for feedback and clicks. */
const rememberedAnswers = 20;
const rememberedOffers = 3;

/** An answer given in this conversation, as feedback on it needs to know it. */
interface RememberedAnswer {
  /** The id of the answer's activity, as the channel returned it (Teams feedback names it). */
  id?: string;
  /** The id of the message it answered. */
  askedId?: string;
  unit: string;
  language: Language;
  /** The question it answered, anonymized. */
  question: string;
  /** The reaction already given to it, so a second click changes it rather than adds one. */
  reaction?: Reaction;
}

/** A "did you mean" offered in this conversation. */
interface RememberedOffer {
  question: string;
  language: Language;
  units: string[];
}

interface SignalState {
  answers: RememberedAnswer[];
  offers: RememberedOffer[];
}

/** The clicked thumb, as Web Chat posts it back: the action the answer's entity offered. */
const webChatActionSchema = z.object({
  '@type': z.enum(['LikeAction', 'DislikeAction']),
  object: z.object({ '@id': z.string().min(1).max(200), inLanguage: z.string().max(20).optional() }),
});

/** Teams' feedback loop: `message/submitAction` with the reaction and an optional comment. */
const teamsFeedbackSchema = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({ reaction: z.enum(['like', 'dislike']), feedback: z.unknown().optional() }),
});

/** The comment of a Teams feedback: a JSON string holding `feedbackText` (or that object itself). */
function teamsComment(feedback: unknown): string | undefined {
  let value = feedback;
  if (typeof feedback === 'string') {
    try {
      value = JSON.parse(feedback);
    } catch {
      return feedback.slice(0, 2000) || undefined;
    }
  }
  const text = (value as { feedbackText?: unknown } | null | undefined)?.feedbackText;
  return typeof text === 'string' && text.trim() ? text.slice(0, 2000) : undefined;
}

const isLanguage = (value: unknown): value is Language => languages.includes(value as Language);

/**
 * Signals of what the knowledge answered and how people judged it, for the curators' report:
 * answers per unit, "did you mean" offers and the suggestion taken (tied to the question it was
 * offered for), declines, and thumbs up or down from Web Chat and Teams. The conversation keeps
 * its last few answers and offers so that a click or a thumb can be tied to its question; the
 * log itself never holds a user or conversation id.
 */
export class KnowledgeSignals {
  private readonly state: StatePropertyAccessor<SignalState>;

  constructor(
    conversationState: ConversationState,
    private readonly log: SignalLog,
    private readonly knowledge: {
      /** The unit whose suggestion title is this text. */
      suggestionFor(text: string, language: Language): string | undefined;
      /** Whether a unit id names a unit of the knowledge. */
      hasUnit(unit: string): boolean;
    },
  ) {
    this.state = conversationState.createProperty<SignalState>('knowledgeSignals');
  }

  /** Records what the knowledge replied to `question`; `sentId` is the id of the reply's activity. */
  async replied(context: TurnContext, question: string, reply: KnowledgeReply, sentId?: string): Promise<void> {
    const state = await this.state.get(context, { answers: [], offers: [] });
    const { language } = reply;
    if (reply.kind === 'suggest') {
      const units = reply.suggestions.map((s) => s.passageId);
      this.log.record({ kind: 'suggest', language, units, question });
      state.offers = [...state.offers.slice(1 - rememberedOffers), { question: anonymize(question), language, units }];
    } else if (reply.kind === 'decline') {
      this.log.record({ kind: 'decline', language, reason: reply.reason, question });
    } else {
      const unit = reply.passageId;
      // A click on a suggestion sends its title: the question it answers is the one offered for.
      const clicked = this.knowledge.suggestionFor(question, language) === unit;
      const offer = clicked ? [...state.offers].reverse().find((o) => o.units.includes(unit)) : undefined;
      if (offer) {
        state.offers = state.offers.filter((o) => o !== offer);
        this.log.record({
          kind: 'answer',
          language: offer.language,
          unit,
          via: 'suggestion',
          question: offer.question,
        });
      } else {
        this.log.record({ kind: 'answer', language, unit, via: 'question' });
      }
      const remembered: RememberedAnswer = {
        id: sentId || undefined,
        askedId: context.activity.id,
        unit,
        language: offer?.language ?? language,
        question: offer?.question ?? anonymize(question),
      };
      state.answers = [...state.answers.slice(1 - rememberedAnswers), remembered];
    }
    await this.state.set(context, state);
  }

  /** Records a thumb clicked in Web Chat; false when the event names no answer unit. */
  async webChatFeedback(context: TurnContext): Promise<boolean> {
    const action = (context.activity.entities ?? [])
      .map((entity) => webChatActionSchema.safeParse(entity))
      .find((parsed) => parsed.success)?.data;
    if (!action) return false;
    const unit = action.object['@id'];
    const state = await this.state.get(context, { answers: [], offers: [] });
    const answer = [...state.answers].reverse().find((a) => a.unit === unit);
    // A conversation that no longer remembers the answer still counts a thumb on a real unit.
    if (!answer && !this.knowledge.hasUnit(unit)) return false;
    const stated = action.object.inLanguage?.slice(0, 2);
    const language = answer?.language ?? (isLanguage(stated) ? stated : 'en');
    const reaction = action['@type'] === 'LikeAction' ? 'like' : 'dislike';
    this.react(context, { unit, language, reaction, answer });
    await this.state.set(context, state);
    return true;
  }

  /** Whether an activity is Teams' feedback on a bot message. */
  isTeamsFeedback(activity: Partial<Activity>): boolean {
    const value = activity.value as { actionName?: unknown } | undefined;
    return activity.type === 'invoke' && activity.name === 'message/submitAction' && value?.actionName === 'feedback';
  }

  /**
   * Records Teams feedback on the answer it replies to (`replyToId`: the answer, or the message it
   * answered). When it names none, or the channel gave the last answer no id to name, it is taken
   * as feedback on the last answer. Answered 200 whenever it is well formed, counted or not, so
   * Teams shows no error.
   */
  async teamsFeedback(context: TurnContext): Promise<InvokeResponse> {
    const parsed = teamsFeedbackSchema.safeParse(context.activity.value);
    if (!parsed.success) return { status: 400 };
    const state = await this.state.get(context, { answers: [], offers: [] });
    const { replyToId } = context.activity;
    const last = state.answers[state.answers.length - 1];
    const named = replyToId ? state.answers.find((a) => a.id === replyToId || a.askedId === replyToId) : undefined;
    const answer = named ?? (!replyToId || !last?.id ? last : undefined);
    if (answer) {
      const { reaction, feedback } = parsed.data.actionValue;
      this.react(context, {
        unit: answer.unit,
        language: answer.language,
        reaction,
        answer,
        comment: teamsComment(feedback),
      });
      await this.state.set(context, state);
    }
    return { status: 200 };
  }

  private react(
    context: TurnContext,
    given: { unit: string; language: Language; reaction: Reaction; answer?: RememberedAnswer; comment?: string },
  ): void {
    const { unit, language, reaction, answer, comment } = given;
    // The same thumb clicked again (or a channel's retry) is not a second vote.
    if (answer?.reaction === reaction) return;
    const replaces = answer?.reaction && answer.reaction !== reaction ? answer.reaction : undefined;
    this.log.record({
      kind: 'feedback',
      unit,
      language,
      reaction,
      replaces,
      channel: context.activity.channelId.slice(0, 40),
      question: answer?.question,
      comment,
    });
    if (answer) answer.reaction = reaction;
  }
}
