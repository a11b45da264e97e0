import type { Passage } from '../knowledge/knowledgeTypes';
import type { LanguageIndex } from '../search/searchIndex';
import { splitClauses, splitSentences } from '../text/sentences';
import type { TermCoverage } from './scopeGuard';

/** The part of a passage that answers a question. */
export interface ComposedAnswer {
  /** The sentence or sentences that answer, most relevant first. */
  lead: string;
  /** List items shown after the lead when the passage is a list and the question asks for all of it. */
  items?: string[];
}

interface Unit {
  text: string;
  kind: 'sentence' | 'intro' | 'item';
  position: number;
}

/** Longest lead, in characters, before a second sentence is left out. */
const maxLeadChars = 480;
/** A passage this short is shown whole: all of it is the answer. */
const wholePassageChars = 200;
/** A second sentence joins the lead when it scores at least this share of the best one. */
const secondSentenceShare = 0.75;

/** What a unit holding only a synonym of a question word counts, against the word itself. */
const synonymShare = 0.5;

/** Letters a synonym shares with the word asked for it to count as the same word in another form. */
const sameRootLetters = 5;

/** One question term as sentences are scored against it. */
interface TermMatch {
  idf: number;
  /** Index terms of the word asked, a near spelling or another form of it ("democratic"). */
  own: readonly string[];
  /** Index terms of its synonyms as well. */
  any: readonly string[];
}

function termMatch(c: TermCoverage, index: LanguageIndex): TermMatch {
  const asked = c.term.alternatives[0] ?? c.term.word;
  const root = asked.slice(0, sameRootLetters);
  const forms = c.term.alternatives.filter(
    (a) => a === asked || (root.length === sameRootLetters && a.startsWith(root)),
  );
  const own = c.term.isNumber ? [asked] : forms.flatMap((form) => index.expand(form));
  return { idf: c.idf, own, any: [...c.matches] };
}

/**
 * How much a unit answers one question term: fully when it holds the word asked, a near spelling
 * of it or another form of it ("democracy", "democratic"), half when it holds only a synonym, so
 * "why is corruption a problem?" leads with the sentence on corruption rather than the one that
 * says "challenges".
 */
function matchWeight(t: TermMatch, stems: ReadonlySet<string>): number {
  if (!t.any.some((m) => stems.has(m))) return 0;
  return t.own.some((m) => stems.has(m)) ? 1 : synonymShare;
}

/** Each passage's units, split once: passages do not change while the bot runs. */
const unitsByPassage = new Map<Passage, readonly Unit[]>();

function unitsOf(passage: Passage): readonly Unit[] {
  let units = unitsByPassage.get(passage);
  if (!units) {
    units = splitUnits(passage);
    unitsByPassage.set(passage, units);
  }
  return units;
}

function splitUnits(passage: Passage): Unit[] {
  if (passage.list) {
    const units: Unit[] = passage.list.items.map((text, i) => ({ text, kind: 'item', position: i + 1 }));
    if (passage.list.intro) units.unshift({ text: passage.list.intro, kind: 'intro', position: 0 });
    return units;
  }
  return splitSentences(passage.text)
    .flatMap((sentence) => splitClauses(sentence))
    .map((text, position) => ({ text, kind: 'sentence', position }));
}

/**
 * Picks the sentences of a passage that answer the question: each sentence scores the rarity of
 * the question words it contains; the best leads, a close second follows. A list answers with its
 * lead-in and every item, unless one item answers better than the lead-in does.
 */
export function composeAnswer(
  passage: Passage,
  coverage: readonly TermCoverage[],
  index: LanguageIndex,
): ComposedAnswer {
  if (!passage.list && passage.text.length <= wholePassageChars) return { lead: passage.text };
  const terms = coverage.map((c) => termMatch(c, index));
  const scored = unitsOf(passage).map((unit) => {
    const stems = index.stemSet(unit.text);
    const score = terms.reduce((sum, t) => sum + t.idf * matchWeight(t, stems), 0);
    return { unit, score };
  });
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.unit.position - b.unit.position);
  const best = ranked[0];
  if (!best) return { lead: passage.text };

  if (passage.list) {
    const intro = scored.find((s) => s.unit.kind === 'intro');
    const bestItem = ranked.find((s) => s.unit.kind === 'item');
    if (!bestItem || (intro && intro.score >= bestItem.score) || bestItem.score === 0) {
      return { lead: intro?.unit.text ?? '', items: passage.list.items };
    }
    return { lead: bestItem.unit.text };
  }

  const second = ranked[1];
  const lead = [best.unit.text];
  if (
    second &&
    second.score > 0 &&
    second.score >= best.score * secondSentenceShare &&
    best.unit.text.length + second.unit.text.length <= maxLeadChars
  ) {
    lead.push(second.unit.text);
  }
  return { lead: lead.join(' ') };
}
