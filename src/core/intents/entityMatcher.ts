import { foldAccents } from '../text/normalize';
import type { CluProject } from './cluModel';
import type { EntityCategory, EntityMatch } from './intentTypes';

interface ListEntry {
  category: EntityCategory;
  value: string;
  synonym: string;
}

const asciiOnly = /^[\x00-\x7f]*$/;

/** Typographic apostrophes, read as the typewriter one ("who’s in charge"). */
const apostrophes = /[\u2018\u2019\u02bc]/;

/**
 * Lower-cases, folds accents and typographic apostrophes one UTF-16 unit at a time, so offsets
 * stay those of the original.
 */
function foldKeepingOffsets(text: string): string {
  if (asciiOnly.test(text)) return text.toLowerCase();
  let folded = '';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text[i] as string;
    if (unit.charCodeAt(0) < 0x80) folded += unit.toLowerCase();
    else if (apostrophes.test(unit)) folded += "'";
    else folded += foldAccents(unit.toLowerCase())[0] ?? unit;
  }
  return folded;
}

const isWordChar = (char: string | undefined) => char !== undefined && /[a-z0-9]/.test(char);

/**
 * Finds the model's list and regex entities in text, the way CLU's prebuilt components do: list
 * synonyms match whole words regardless of case and accents, the longest match wins, and matches
 * never overlap.
 */
export class EntityMatcher {
  private readonly lists: ListEntry[];
  private readonly regexes: { category: EntityCategory; pattern: RegExp }[];

  constructor(project: CluProject) {
    this.lists = project.assets.entities.flatMap((entity) =>
      (entity.list?.sublists ?? []).flatMap((sublist) =>
        sublist.synonyms.flatMap((s) =>
          s.values.map((synonym) => ({
            category: entity.category,
            value: sublist.listKey,
            synonym: foldKeepingOffsets(synonym),
          })),
        ),
      ),
    );
    // Sorting longest first makes "deputy mission director" win over "director".
    this.lists.sort((a, b) => b.synonym.length - a.synonym.length);
    const seen = new Set<string>();
    this.regexes = project.assets.entities.flatMap((entity) =>
      (entity.regex?.expressions ?? []).flatMap((expression) => {
        const key = `${entity.category}/${expression.regexPattern}`;
        if (seen.has(key)) return [];
        seen.add(key);
        return [
          { category: entity.category, value: expression.regexKey, pattern: new RegExp(expression.regexPattern, 'gi') },
        ];
      }),
    );
  }

  /** Every entity in `text`, in order of appearance. */
  match(text: string): EntityMatch[] {
    const folded = foldKeepingOffsets(text);
    const taken: boolean[] = new Array<boolean>(text.length).fill(false);
    const found: EntityMatch[] = [];
    const claim = (offset: number, length: number) => {
      for (let i = offset; i < offset + length; i += 1) if (taken[i]) return false;
      for (let i = offset; i < offset + length; i += 1) taken[i] = true;
      return true;
    };
    for (const { category, pattern } of this.regexes) {
      for (const m of text.matchAll(pattern)) {
        if (claim(m.index, m[0].length)) {
          found.push({ category, text: m[0], value: m[0], offset: m.index, length: m[0].length, confidence: 1 });
        }
      }
    }
    for (const entry of this.lists) {
      let from = 0;
      for (;;) {
        const at = folded.indexOf(entry.synonym, from);
        if (at === -1) break;
        from = at + 1;
        const end = at + entry.synonym.length;
        if (isWordChar(folded[at - 1]) || isWordChar(folded[end])) continue;
        if (claim(at, entry.synonym.length)) {
          found.push({
            category: entry.category,
            text: text.slice(at, end),
            value: entry.value,
            offset: at,
            length: entry.synonym.length,
            confidence: 1,
          });
        }
      }
    }
    return found.sort((a, b) => a.offset - b.offset);
  }
}
