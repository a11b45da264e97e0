/** Abbreviations whose trailing period does not end a sentence. */
const abbreviations = new Set([
  'u.s.',
  'e.g.',
  'i.e.',
  'mr.',
  'mrs.',
  'ms.',
  'dr.',
  'sr.',
  'sra.',
  'ee.uu.',
  'no.',
  'st.',
  'etc.',
]);

/** Sentences longer than this are split at semicolons, so an enumeration answers by its item. */
const longSentenceChars = 240;

/** Splits prose into sentences without breaking abbreviations, e-mail addresses or URLs. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const boundary = /[.!?](?=\s+["\u201c\u00bf\u00a1(]?[A-Z\u00c0-\u00de0-9])/g;
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + 1;
    const lastWord = text.slice(start, end).split(/\s+/).pop()?.toLowerCase() ?? '';
    if (abbreviations.has(lastWord)) continue;
    sentences.push(text.slice(start, end).trim());
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences.filter((sentence) => sentence.length > 0);
}

/**
 * Splits a long enumerating sentence ("These challenges include: a; b; and c.") into clauses that
 * each read as a sentence, keeping the lead-in with the first clause.
 */
export function splitClauses(sentence: string): string[] {
  if (sentence.length <= longSentenceChars || !sentence.includes(';')) return [sentence];
  const parts = sentence.split(';').map((part) => part.trim());
  return parts.map((part, i) => {
    let clause = i === 0 ? part : part.replace(/^(and|or|y|e|o)\s+/i, '');
    clause = clause.charAt(0).toUpperCase() + clause.slice(1);
    return /[.!?]$/.test(clause) ? clause : `${clause}.`;
  });
}
