import type { TurnContext } from 'botbuilder';

/** What a turn ended in, for the request log. Never holds anything the user typed. */
export type TurnOutcome =
  | 'answered'
  | 'declined'
  | 'suggested'
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
  | 'feedback'
  | 'error';

const turnOutcomeKey = Symbol('turnOutcome');

/** Where a turn's outcome is written; a plain object, so it stays readable after the turn. */
export interface TurnOutcomeRecord {
  outcome?: TurnOutcome;
  detail?: string;
}

/** Makes the turn write its outcome into `record` (the HTTP edge reads it for the request log). */
export function recordTurnOutcomeIn(context: TurnContext, record: TurnOutcomeRecord): void {
  context.turnState.set(turnOutcomeKey, record);
}

/** Records the outcome of the current turn. */
export function setTurnOutcome(context: TurnContext, outcome: TurnOutcome, detail?: string): void {
  const record = (context.turnState.get(turnOutcomeKey) as TurnOutcomeRecord | undefined) ?? {};
  record.outcome = outcome;
  record.detail = detail;
  context.turnState.set(turnOutcomeKey, record);
}

/** The outcome recorded so far this turn, if any. */
export function turnOutcomeOf(context: TurnContext): Readonly<TurnOutcomeRecord> {
  return (context.turnState.get(turnOutcomeKey) as TurnOutcomeRecord | undefined) ?? {};
}
