/** C0 and C1 controls (newlines and tabs included) and the Unicode line and paragraph separators. */
const controls = /[\p{Cc}\u2028\u2029]/gu;

/**
 * Bidirectional embeddings, overrides, isolates and marks: invisible, they reorder what a
 * terminal or editor shows ("Trojan Source"), so text a visitor typed could display as
 * something else.
 */
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Text someone typed, made safe to keep and to print on one line: bidirectional controls are
 * removed, and control characters (escape sequences, newlines) become spaces.
 */
export function stripControlCharacters(text: string): string {
  return text.replace(bidiControls, '').replace(controls, ' ');
}
