import type { Activity, TurnContext } from 'botbuilder';
import { localeLanguage } from '../core/language/languagePolicy';
import type { Language } from '../core/text/normalize';

/** Turn-state key under which the bot records the language of the current turn. */
export const turnLanguageKey = Symbol('turnLanguage');

/** The language of a turn from the activity's locale: Spanish for any `es-*`, English otherwise. */
export function languageOfActivity(activity: Partial<Activity>): Language {
  return localeLanguage(activity.locale) === 'es' ? 'es' : 'en';
}

/** The language chosen for this turn, or the activity's locale when none was chosen yet. */
export function turnLanguage(context: TurnContext): Language {
  return (context.turnState.get(turnLanguageKey) as Language | undefined) ?? languageOfActivity(context.activity);
}

/**
 * Turn-state key set when the person asked for this turn's language (now or earlier in the
 * conversation), rather than the bot guessing it from the text or the locale.
 */
export const turnLanguageChosenKey = Symbol('turnLanguageChosen');

const messageLanguageKey = Symbol('messageLanguage');

/** Whether the person asked for the turn's language ("en español"), now or earlier. */
export function turnLanguageChosen(context: TurnContext): boolean {
  return context.turnState.get(turnLanguageChosenKey) === true;
}

/**
 * Makes `language` the language of the rest of the turn (a dialog keeps the language it began in,
 * whatever the data typed into it looks like), keeping the message's own for reading it.
 */
export function pinTurnLanguage(context: TurnContext, language: Language): void {
  if (!context.turnState.has(messageLanguageKey)) context.turnState.set(messageLanguageKey, turnLanguage(context));
  context.turnState.set(turnLanguageKey, language);
}

/** The language the message itself was read in, before any dialog kept its own. */
export function messageLanguage(context: TurnContext): Language {
  return (context.turnState.get(messageLanguageKey) as Language | undefined) ?? turnLanguage(context);
}
