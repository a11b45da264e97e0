import { normalizeForSearch } from '../text/normalize';

/** A command that interrupts a prompt where people type free text. */
export type ExplicitCommand = 'cancel' | 'help';

/**
 * The whole messages, in either language, that are read as a command where free text is expected.
 * Deliberately few and whole: an organization called "Stop Hunger Peru" or a message that begins
 * "Please help us…" is data, never a command.
 */
const commands: Record<ExplicitCommand, readonly string[]> = {
  cancel: [
    'cancel',
    'cancel it',
    'cancel this',
    'cancel that',
    'cancel please',
    'please cancel',
    'cancelar',
    'cancela',
    'cancele',
    'cancelalo',
    'cancelelo',
    'cancelar por favor',
    'por favor cancelar',
    'por favor cancele',
  ],
  help: ['help', 'help me', 'help please', 'ayuda', 'ayudame', 'ayuda por favor'],
};

const byText = new Map<string, ExplicitCommand>(
  (Object.entries(commands) as [ExplicitCommand, readonly string[]][]).flatMap(([command, texts]) =>
    texts.map((text) => [text, command] as const),
  ),
);

/**
 * The command a message is, when the whole message (ignoring case, accents and punctuation) is one
 * of the explicit cancel or help words in English or Spanish; otherwise undefined.
 */
export function explicitCommand(text: string): ExplicitCommand | undefined {
  return byText.get(normalizeForSearch(text));
}
