import { Lexer, type Token, type Tokens } from 'marked';
import type { Passage } from './knowledgeTypes';
import { foldAccents, type Language } from '../text/normalize';

const headingIdPattern = /\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$/;

/** Makes a URL-style id from heading text ("Our Strategy" → "our-strategy"). */
export function slugify(text: string): string {
  return foldAccents(text)
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

interface Section {
  unitId: string;
  title: string;
  paragraphs: string[];
  list?: { intro: string; items: string[]; ordered: boolean };
}

/**
 * Cuts a Markdown body into answer units. Each heading of level two or lower starts a unit whose
 * id is the heading's `{#id}` (or its slug) and whose title is the heading; its paragraphs are the
 * unit's text. A list after a paragraph ending in a colon makes it a list unit, and each item is
 * also a unit (`${id}-${n}`). Ids stay stable when other sections change and match across
 * translations. A level-one heading names the document and starts no unit.
 */
export function chunkMarkdown(markdown: string, options: ChunkOptions): Passage[] {
  const sections: Section[] = [];
  let current: Section | undefined;

  for (const token of new Lexer().lex(markdown)) {
    if (token.type === 'heading') {
      const heading = token as Tokens.Heading;
      const raw = plainText(heading.tokens, heading.text);
      const title = raw.replace(headingIdPattern, '').trim();
      current =
        heading.depth === 1
          ? undefined
          : { unitId: headingIdPattern.exec(raw)?.[1] ?? slugify(title), title, paragraphs: [] };
      if (current) sections.push(current);
    } else if (current && token.type === 'paragraph') {
      current.paragraphs.push(plainText((token as Tokens.Paragraph).tokens, token.raw));
    } else if (current && token.type === 'list') {
      const intro = current.paragraphs.at(-1);
      if (intro?.endsWith(':')) {
        current.paragraphs.pop();
        current.list = {
          intro: [...current.paragraphs.splice(0), intro].join(' '),
          items: (token as Tokens.List).items.map((item) => plainText(item.tokens, item.text)),
          ordered: (token as Tokens.List).ordered,
        };
      }
    }
  }

  return sections.flatMap((section) => {
    const base = { documentId: options.documentId, language: options.language };
    const id = `${options.documentId}#${section.unitId}`;
    if (!section.list) {
      if (section.paragraphs.length === 0) return [];
      return [{ ...base, id, unitId: section.unitId, title: section.title, text: section.paragraphs.join('\n\n') }];
    }
    const { intro, items, ordered } = section.list;
    const unit: Passage = {
      ...base,
      id,
      unitId: section.unitId,
      title: section.title,
      text: [intro, ...items].join('\n'),
      list: { intro, items, ...(ordered ? { ordered } : {}) },
    };
    const itemUnits = items.map((text, i): Passage => {
      const unitId = `${section.unitId}-${i + 1}`;
      return {
        ...base,
        id: `${options.documentId}#${unitId}`,
        unitId,
        title: `${section.title} (${i + 1})`,
        text,
        item: { listId: id, position: i + 1, count: items.length },
      };
    });
    return [unit, ...itemUnits];
  });
}
