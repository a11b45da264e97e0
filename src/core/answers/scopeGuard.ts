import type { Passage } from '../knowledge/knowledgeTypes';
import type { AnalyzedQuery, QueryTerm } from '../search/queryAnalyzer';
import type { LanguageIndex } from '../search/searchIndex';

/** Why the bot says the knowledge does not hold the answer. */
export type DeclineReason =
  | 'no-topic' // nothing left of the question once framing words are removed
  | 'no-match' // no passage matched at all
  | 'unknown-name' // a place, person or organisation the knowledge never mentions
  | 'unmatched-number' // a year or figure the passage does not contain
  | 'unmatched-qualifier' // "before", "former": a time the passage does not speak of
  | 'low-coverage' // the passage misses too much of what was asked
  | 'no-quantity'; // a "how many / when" question whose answer has no number

/** How one question term relates to the knowledge and to the candidate passage. */
export interface TermCoverage {
  term: QueryTerm;
  /** Index terms the word or its synonyms match (stems, near spellings). */
  matches: Set<string>;
  knownAnywhere: boolean;
  inPassage: boolean;
  idf: number;
}

export interface ScopeOptions {
  /** Share of the question's weight (by rarity of its words) the passage must contain. Default 0.6. */
  minCoverage: number;
}

export const defaultScopeOptions: ScopeOptions = { minCoverage: 0.6 };

/** Measures which terms of the question a passage contains, weighting rare words more. */
export function assessTerms(query: AnalyzedQuery, passage: Passage, index: LanguageIndex): TermCoverage[] {
  return query.terms.map((term) => {
    const matches = new Set(
      term.isNumber
        ? [term.word].filter((w) => index.postings(w).size > 0)
        : term.alternatives.flatMap((a) => index.expand(a)),
    );
    const knownAnywhere = matches.size > 0;
    const inPassage = [...matches].some((m) => index.postings(m).has(passage.id));
    const idf = knownAnywhere ? Math.min(...[...matches].map((m) => index.idf(m))) : index.idf(undefined);
    return { term, matches, knownAnywhere, inPassage, idf };
  });
}

/**
 * The decline rule: a passage answers a question only when it holds the question's names and
 * numbers and most of its weight. Returns why not, or undefined when it does.
 */
export function declineReason(
  coverage: readonly TermCoverage[],
  options: ScopeOptions = defaultScopeOptions,
): DeclineReason | undefined {
  if (coverage.length === 0) return 'no-topic';
  if (coverage.some((c) => c.term.isName && !c.knownAnywhere)) return 'unknown-name';
  if (coverage.some((c) => c.term.isNumber && !c.inPassage)) return 'unmatched-number';
  if (coverage.some((c) => c.term.isQualifier && !c.inPassage)) return 'unmatched-qualifier';
  const total = coverage.reduce((sum, c) => sum + c.idf, 0);
  const covered = coverage.filter((c) => c.inPassage).reduce((sum, c) => sum + c.idf, 0);
  return covered / total < options.minCoverage ? 'low-coverage' : undefined;
}
