import type { DialogContext } from 'botbuilder-dialogs';
import type { Turn, TurnOutcome } from '../src/core/conversation/turn';
import { AppError, ErrorCodes } from '../src/core/errors';

const turnKey = Symbol('turn');

/**
 * Gives a dialog context the turn it runs in. botbuilder-dialogs hands a continuing dialog nothing
 * but its dialog context, and copies a context's services into each child and step context.
 */
export function giveTurn(dc: DialogContext, turn: Turn): void {
  dc.services.set(turnKey, turn);
}

/** The turn a dialog context runs in (see {@link giveTurn}). */
export function turnOf(dc: DialogContext): Turn {
  const turn = dc.services.get(turnKey) as Turn | undefined;
  if (!turn) throw new AppError(ErrorCodes.internal, 'a dialog ran without its turn');
  return turn;
}

/** Reports what the turn ended in, for the request log. */
export function reportOutcome(dc: DialogContext, outcome: TurnOutcome, detail?: string): void {
  Object.assign(turnOf(dc), { outcome, detail });
}
