import { Lexer, type Token, type Tokens } from 'marked';
import type { Passage } from './knowledgeTypes';
import type { Language } from '../text/normalize';

const headingIdPattern = /\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$/;

/** Makes a URL-style id from heading text ("Our Strategy" → "our-strategy"). */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Plain text of inline Markdown: emphasis and code lose their marks, links keep their text. */
function plainText(tokens: readonly Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback;
  return tokens
    .map((token) => {
      if ('tokens' in token && token.tokens && token.type !== 'link') return plainText(token.tokens, token.raw);
      if (token.type === 'link') return (token as Tokens.Link).text;
      if (token.type === 'br') return ' ';
      return 'text' in token ? String(token.text) : token.raw;
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

interface ChunkOptions {
  documentId: string;
  language: Language;
}

/**
 * Cuts a Markdown body into passages: each paragraph is one passage, and a list is one passage
 * together with the paragraph that introduces it (one ending in a colon). Passage ids come from
 * the heading id (`{#id}` after the heading text, or its slug) and the paragraph's position under
 * it, so they survive edits elsewhere in the document and match across translations.
 */
export function chunkMarkdown(markdown: string, options: ChunkOptions): Passage[] {
  const passages: Passage[] = [];
  const headingStack: { depth: number; text: string; id: string }[] = [];
  let counter = 0;
  let pendingIntro: string | undefined;

  const sectionId = () => headingStack.at(-1)?.id ?? 'top';
  const push = (text: string, list?: Passage['list']) => {
    counter += 1;
    passages.push({
      id: `${options.documentId}#${sectionId()}-${counter}`,
      documentId: options.documentId,
      language: options.language,
      headings: headingStack.map((h) => h.text),
      text,
      list,
    });
  };
  const flushIntro = () => {
    if (pendingIntro !== undefined) push(pendingIntro);
    pendingIntro = undefined;
  };

  for (const token of new Lexer().lex(markdown)) {
    if (token.type === 'heading') {
      flushIntro();
      const heading = token as Tokens.Heading;
      const raw = plainText(heading.tokens, heading.text);
      const explicit = headingIdPattern.exec(raw);
      const text = raw.replace(headingIdPattern, '').trim();
      while ((headingStack.at(-1)?.depth ?? 0) >= heading.depth) headingStack.pop();
      headingStack.push({ depth: heading.depth, text, id: explicit?.[1] ?? slugify(text) });
      counter = 0;
    } else if (token.type === 'paragraph') {
      flushIntro();
      const text = plainText((token as Tokens.Paragraph).tokens, token.raw);
      if (text.endsWith(':')) pendingIntro = text;
      else push(text);
    } else if (token.type === 'list') {
      const items = (token as Tokens.List).items.map((item) => plainText(item.tokens, item.text));
      const intro = pendingIntro;
      pendingIntro = undefined;
      push([intro, ...items].filter(Boolean).join('\n'), { intro, items });
    }
  }
  flushIntro();
  return passages;
}
