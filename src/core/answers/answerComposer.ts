import type { Passage } from '../knowledge/knowledgeTypes';

/** How a unit is quoted: its words only, with an ellipsis where the page's text was left out. */
export interface ComposedAnswer {
  /** The quoted text; for a list, its lead-in. */
  lead: string;
  /** A list's items, each as the page writes it. */
  items?: string[];
}

const ellipsis = '…';

/** The last sentence of a list's lead-in ("These challenges include:"). */
function lastSentence(text: string): string {
  const sentences = text.split(/(?<=[.!?])\s+(?=\p{Lu})/u);
  return sentences.at(-1) ?? text;
}

/**
 * Quotes a unit. A paragraph is quoted whole; a list is its lead-in and every item; an item is
 * the list's lead-in, then the item (with its number in a numbered list), with an ellipsis for
 * the items left out, so every word shown is the page's own.
 */
export function composeAnswer(unit: Passage, list?: Passage): ComposedAnswer {
  if (unit.list) return { lead: unit.list.intro, items: unit.list.items };
  if (unit.item && list?.list) {
    const { position, count } = unit.item;
    // A trailing conjunction belongs to the next item, which is not shown.
    const text = position < count ? unit.text.replace(/\s+(and|y|e|or|o)$/i, '') : unit.text;
    const before = position > 1 ? `${ellipsis} ` : '';
    const after = position < count ? ` ${ellipsis}` : '';
    // A numbered list keeps its number, which also tells the item's place.
    const number = list.list.ordered ? `${position}. ` : '';
    return { lead: `${lastSentence(list.list.intro)} ${before}${number}${text}${after}` };
  }
  return { lead: unit.text };
}
