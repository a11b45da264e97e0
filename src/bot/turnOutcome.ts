import type { TurnContext } from 'botbuilder';

/** What a turn ended in, for the request log. Never holds anything the user typed. */
export type TurnOutcome =
  | 'answered'
  | 'declined'
  | 'greeting'
  | 'help'
  | 'cancel'
  | 'goodbye'
  | 'contact'
  | 'welcome'
  | 'empty'
  | 'attachment-only'
  | 'too-long'
  | 'ignored'
  | 'duplicate'
  | 'inbox'
  | 'language'
  | 'error';

const turnOutcomeKey = Symbol('turnOutcome');

/** Records the outcome of the current turn. */
export function setTurnOutcome(context: TurnContext, outcome: TurnOutcome, detail?: string): void {
  context.turnState.set(turnOutcomeKey, { outcome, detail });
}

/** The outcome recorded for this turn, if any. */
export function getTurnOutcome(context: TurnContext): { outcome: TurnOutcome; detail?: string } | undefined {
  return context.turnState.get(turnOutcomeKey) as { outcome: TurnOutcome; detail?: string } | undefined;
}
