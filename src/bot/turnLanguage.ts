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
