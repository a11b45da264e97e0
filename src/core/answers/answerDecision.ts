import type { DeclineReason } from './scopeGuard';

/** One unit as the answer model scored it for a question. */
export interface ScoredUnit {
  passageId: string;
  probability: number;
  /** Why the scope rule forbids answering with it, if it does. */
  veto?: DeclineReason;
  /** It may be offered as a suggestion but not given as the answer. */
  suggestOnly?: boolean;
}

/** Where the model's probabilities are cut, chosen by cross-validation. */
export interface DecisionThresholds {
  /** Least probability of the best unit for an answer. */
  answer: number;
  /** Least lead of the best unit over the second for an answer. */
  margin: number;
  /** Least probability of the best unit for a "did you mean". */
  suggest: number;
  /**
   * The same for a question every word of which the knowledge knows: lower, since a question made
   * of the page's own words is rarely about something else.
   */
  suggestKnown: number;
}

/** What the bot does with a question. */
export type Decision =
  | { kind: 'answer'; passageId: string; probability: number }
  | { kind: 'suggest'; passageIds: string[] }
  | { kind: 'decline'; reason: DeclineReason };

/** Most units offered in a "did you mean". */
export const maxSuggestions = 3;

/**
 * Three outcomes: an answer when the best unit the scope rule allows is likely enough, clearly
 * ahead of the next and not one it may only suggest; a "did you mean" with the two or three
 * likeliest when it is only plausible; otherwise a decline, giving the scope rule's reason when
 * it is what ruled the best unit out.
 */
export function decide(scored: readonly ScoredUnit[], thresholds: DecisionThresholds, allKnown = false): Decision {
  const ranked = [...scored].sort((a, b) => b.probability - a.probability);
  const open = ranked.filter((s) => !s.veto);
  const best = open[0];
  const vetoedBest = ranked[0]?.veto;
  const suggest = allKnown ? Math.min(thresholds.suggest, thresholds.suggestKnown) : thresholds.suggest;
  if (!best || best.probability < suggest) {
    return { kind: 'decline', reason: vetoedBest ?? (best ? 'low-confidence' : 'no-match') };
  }
  const lead = best.probability - (open[1]?.probability ?? 0);
  if (best.probability >= thresholds.answer && lead >= thresholds.margin && !best.suggestOnly) {
    return { kind: 'answer', passageId: best.passageId, probability: best.probability };
  }
  const offered = open.filter((s, i) => i === 0 || s.probability >= suggest / 2).slice(0, maxSuggestions);
  return { kind: 'suggest', passageIds: offered.map((s) => s.passageId) };
}
