import { createHash } from 'node:crypto';
import { CharNgramIndex, defaultCharNgramOptions } from '../search/charNgrams';
import { type Language, normalizeForSearch } from '../text/normalize';
import { best } from './answerFeatures';
import type { TrainingQuestion } from './answerModel';

/** How many labelled questions vote. Chosen by 5-fold cross-validation (5, 7, 10, 15, 20 tried). */
export const labelledNeighbourCount = 10;

/** What the labelled questions most like a question say of it. */
export interface NeighbourVotes {
  /** Each unit's share of the neighbours' similarity that labels it right. */
  votes: ReadonlyMap<string, number>;
  /** Share of the neighbours' similarity that is out of scope. */
  outOfScope: number;
  /** Character n-gram cosine of the nearest labelled question. */
  nearest: number;
  /** For each unit some of the neighbours answer, the cosine of the nearest of them. */
  nearestOf: ReadonlyMap<string, number>;
  /** Cosine of the nearest out-of-scope neighbour (0 when none is). */
  nearestOutOfScope: number;
  /** Whether the nearest neighbour of all is out of scope. */
  nearestIsOutOfScope: boolean;
}

/**
 * Share of the labelled questions above which an n-gram is not scored ("wha", " the"): it weighs
 * little, and scoring it for most questions quadrupled the time to find the nearest. Measured by
 * cross-validation, leaving them out changed nothing beyond noise.
 */
const commonNgramShare = 0.05;
/** Fewest questions an n-gram must be in to be left out as common. */
const commonNgramLeast = 20;

const none: NeighbourVotes = {
  votes: new Map(),
  outOfScope: 0,
  nearest: 0,
  nearestOf: new Map(),
  nearestOutOfScope: 0,
  nearestIsOutOfScope: false,
};

/**
 * Deterministic fold of a question, so a rebuild gives the same model and the same votes. Read
 * as the search reads it, so questions that differ only in case, accents or punctuation share a
 * fold and never vote for each other while training.
 */
export function foldOf(text: string, folds: number): number {
  return createHash('sha256').update(normalizeForSearch(text)).digest().readUInt32BE(0) % folds;
}

interface Labelled {
  text: string;
  units: readonly string[];
  fold: number;
}

/** One language's labelled questions, indexed. */
interface LanguageNeighbours {
  index: CharNgramIndex;
  items: Labelled[];
  /** Per fold, the numbers of its questions. */
  inFold: Set<number>[];
}

/**
 * The labelled questions as nearest neighbours, by character n-grams: people who ask alike ask
 * for the same unit, or for something the page does not hold ("best laptop for programming" is
 * near other questions the bot must decline, not near the regional programs). Curated questions
 * are documents of the search index already; these are the many reviewed questions besides.
 */
export class LabelledNeighbours {
  private readonly byLanguage = new Map<Language, LanguageNeighbours>();

  /**
   * @param questions the labelled questions, answerable and out of scope.
   * @param folds the folds the answer model is cross-validated on: a question's votes while
   *   training come from the other folds only, as for a question the bot has never seen.
   */
  constructor(questions: readonly TrainingQuestion[], folds: number) {
    const grouped = new Map<Language, Labelled[]>();
    for (const q of questions) {
      const items = grouped.get(q.language) ?? [];
      items.push({ text: normalizeForSearch(q.text), units: q.units, fold: foldOf(q.text, folds) });
      grouped.set(q.language, items);
    }
    for (const [language, items] of grouped) {
      const index = new CharNgramIndex(
        items.map((i) => i.text),
        // In a handful of questions every n-gram is common: the cut needs some to count.
        { ...defaultCharNgramOptions, commonShare: Math.max(commonNgramShare, commonNgramLeast / items.length) },
      );
      const inFold = Array.from({ length: folds }, () => new Set<number>());
      items.forEach((item, doc) => inFold[item.fold]?.add(doc));
      this.byLanguage.set(language, { index, items, inFold });
    }
  }

  /**
   * The votes of the labelled questions nearest `question`, leaving out every question of
   * `leaveOutFold` when it is given. A question written like a labelled one falls in that one's
   * fold, so while training it never meets its own copy; asked later, the copy is its best vote.
   */
  near(question: string, language: Language, leaveOutFold?: number): NeighbourVotes {
    const labelled = this.byLanguage.get(language);
    if (!labelled) return none;
    const similarities = labelled.index.similarities(labelled.index.vector(normalizeForSearch(question)));
    const skip = leaveOutFold === undefined ? undefined : labelled.inFold[leaveOutFold];
    const nearest = best(similarities, labelledNeighbourCount, skip).map((doc) => ({
      item: labelled.items[doc] as Labelled,
      similarity: similarities.get(doc) ?? 0,
    }));
    const total = nearest.reduce((sum, n) => sum + n.similarity, 0);
    if (total === 0) return none;
    const votes = new Map<string, number>();
    const nearestOf = new Map<string, number>();
    let nearestOutOfScope = 0;
    let outOfScope = 0;
    for (const { item, similarity } of nearest) {
      if (item.units.length === 0) {
        outOfScope += similarity;
        nearestOutOfScope = Math.max(nearestOutOfScope, similarity);
      }
      for (const unit of item.units) {
        votes.set(unit, (votes.get(unit) ?? 0) + similarity / total);
        nearestOf.set(unit, Math.max(nearestOf.get(unit) ?? 0, similarity));
      }
    }
    return {
      votes,
      outOfScope: outOfScope / total,
      nearest: nearest[0]?.similarity ?? 0,
      nearestOf,
      nearestOutOfScope,
      nearestIsOutOfScope: nearest[0]?.item.units.length === 0,
    };
  }
}
