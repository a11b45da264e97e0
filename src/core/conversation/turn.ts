import type { Language } from '../text/normalize';

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

/** A turn's outcome with its detail (a decline reason, a contact step), as the request log shows it. */
export interface TurnOutcomeRecord {
  outcome?: TurnOutcome;
  detail?: string;
}

/**
 * One message turn as the bot passes it down to the router and the dialogs: the language it is
 * read and answered in, and the outcome a dialog reports (a dialog's steps return only their
 * dialog status, so the outcome is written here).
 */
export interface Turn extends TurnOutcomeRecord {
  /** The language of the replies: the message's, or the one a dialog keeps. */
  language: Language;
  /** The language the message itself was read in. */
  messageLanguage: Language;
  /** Whether the person asked for the language (now or earlier) rather than it being guessed. */
  languageChosen: boolean;
}
