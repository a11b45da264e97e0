import { createHash } from 'node:crypto';
import { IndexError } from '../errors';
import type { Language } from '../text/normalize';
import { type DecisionThresholds, maxSuggestions } from './answerDecision';
import { featureNames, noneInputNames } from './answerFeatures';
import type { KnowledgeService, QuestionHints, Ranking } from './knowledgeService';
import { foldOf } from './labelledNeighbours';
import { type ChoiceExample, type ConditionalLogit, predictChoice, trainConditionalLogit } from './conditionalLogit';

/** A question the answer model learns from. */
export interface TrainingQuestion {
  text: string;
  language: Language;
  /** Passage ids that answer it rightly; none for a question the bot must decline. */
  units: readonly string[];
}

/** How a set of questions fared, by language and kind. */
export interface OutcomeCounts {
  questions: number;
  /** Answered with a right unit. */
  correct: number;
  /** Answered with a wrong unit (for an out-of-scope question: answered at all). */
  wrong: number;
  /** A "did you mean" that offers a right unit (out of scope: any "did you mean"). */
  suggested: number;
  declined: number;
}

/** Outcomes of cross-validation, for answerable and out-of-scope questions of each language. */
export type EvaluationSummary = Record<string, OutcomeCounts>;

/** The trained model: conditional logit weights and the thresholds cross-validation chose. */
export interface AnswerModel {
  format: 'usaid-peru-bot/answer-model';
  fingerprint: string;
  features: readonly string[];
  questionFeatures: readonly string[];
  choice: ConditionalLogit;
  thresholds: DecisionThresholds;
  /** Out-of-fold outcomes at the chosen thresholds. */
  crossValidation: EvaluationSummary;
  folds: number;
}

/** Folds of the cross-validation that picks the thresholds (and keeps training votes out of fold). */
export const answerModelFolds = 5;

/** Version of the features and training; part of the fingerprint. */
export const answerModelVersion = 'v14';

/**
 * What each outcome is worth when thresholds are chosen: a wrong fact costs far more than an
 * honest "I don't know", and a "did you mean" that holds the answer is nearly as good as it.
 */
const utility = {
  answerable: { correct: 1, suggested: 0.5, wrongSuggestion: -0.3, declined: -0.3, wrong: -6 },
  outOfScope: { declined: 1, suggested: -1, wrong: -6 },
};

/** Hash of what the model is trained from. */
export function fingerprintAnswerModel(knowledgeFingerprint: string, training: unknown, entities: unknown): string {
  return createHash('sha256')
    .update(answerModelVersion)
    .update(featureNames.join(','))
    .update(noneInputNames.join(','))
    .update(JSON.stringify(utility))
    .update(knowledgeFingerprint)
    .update(JSON.stringify(training))
    .update(JSON.stringify(entities))
    .digest('hex');
}

interface Prepared {
  question: TrainingQuestion;
  ranking: Ranking;
  gold: ReadonlySet<string>;
}

type Outcome = 'correct' | 'wrong' | 'suggested' | 'wrongSuggestion' | 'declined';

/** A question's candidates under one model, ordered so any thresholds decide in constant time. */
export interface Ordered {
  prepared: Prepared;
  /** Candidates the scope rule allows, likeliest first. */
  open: { passageId: string; probability: number; suggestOnly?: boolean }[];
}

/** Orders a question's open candidates by the probabilities a model gives them. */
function order(prepared: Prepared, model: ConditionalLogit): Ordered {
  const candidates = prepared.ranking.candidates.filter((c) => !c.veto);
  const probabilities = predictChoice(
    model,
    candidates.map((c) => c.values),
    prepared.ranking.question,
  );
  const open = candidates
    .map((c, i) => ({ passageId: c.passageId, probability: probabilities[i] ?? 0, suggestOnly: c.suggestOnly }))
    .sort((a, b) => b.probability - a.probability);
  return { prepared, open };
}

/** A question as the model learns it; none when the scope rule forbids every right unit. */
function exampleOf(p: Prepared): ChoiceExample[] {
  const candidates = p.ranking.candidates.filter((c) => !c.veto);
  const right = candidates.flatMap((c, i) => (p.gold.has(c.passageId) ? [i] : []));
  if (p.gold.size > 0 && right.length === 0) return [];
  return [{ candidates: candidates.map((c) => c.values), right, question: p.ranking.question }];
}

/** The outcome {@link decide} gives, computed from the ordered candidates. */
function outcomeOf({ prepared, open }: Ordered, thresholds: DecisionThresholds): Outcome {
  const { ranking, gold } = prepared;
  if (ranking.direct) return gold.has(ranking.direct) ? 'correct' : 'wrong';
  const best = open[0];
  const suggest = allKnown(prepared) ? Math.min(thresholds.suggest, thresholds.suggestKnown) : thresholds.suggest;
  if (!best || best.probability < suggest) return 'declined';
  const lead = best.probability - (open[1]?.probability ?? 0);
  if (best.probability >= thresholds.answer && lead >= thresholds.margin && !best.suggestOnly) {
    return gold.has(best.passageId) ? 'correct' : 'wrong';
  }
  if (gold.size === 0) return 'suggested';
  for (let i = 0; i < Math.min(open.length, maxSuggestions); i += 1) {
    const c = open[i] as { passageId: string; probability: number };
    if (i > 0 && c.probability < suggest / 2) break;
    if (gold.has(c.passageId)) return 'suggested';
  }
  return 'wrongSuggestion';
}

/** Whether every topic word of the question is one the knowledge holds. */
function allKnown(prepared: Prepared): boolean {
  return prepared.ranking.allKnown;
}

function worth(prepared: Prepared, outcome: Outcome): number {
  if (prepared.gold.size > 0) return utility.answerable[outcome];
  if (outcome === 'declined') return utility.outOfScope.declined;
  return outcome === 'suggested' || outcome === 'wrongSuggestion'
    ? utility.outOfScope.suggested
    : utility.outOfScope.wrong;
}

const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 1000) / 1000);

/** Grid steps either side over which a threshold's worth is averaged (answer, margin, suggestion). */
const smoothing = { answer: 2, margin: 1, suggest: 2 } as const;

/**
 * The mean of `values` over the cells within `radius` steps of `at` that hold a value: a
 * threshold's worth judged with its neighbours', so one lucky cell of a flat, noisy surface
 * does not decide (its best single cells lay 0.66 and 0.86 apart from one build to the next).
 */
function smoothed(
  values: readonly (number | undefined)[][][],
  at: readonly number[],
  radius: readonly number[],
): number {
  let sum = 0;
  let count = 0;
  const [i0, j0, k0] = at as [number, number, number];
  const [ri, rj, rk] = radius as [number, number, number];
  for (let i = i0 - ri; i <= i0 + ri; i += 1) {
    for (let j = j0 - rj; j <= j0 + rj; j += 1) {
      for (let k = k0 - rk; k <= k0 + rk; k += 1) {
        const value = values[i]?.[j]?.[k];
        if (value === undefined) continue;
        sum += value;
        count += 1;
      }
    }
  }
  return count === 0 ? -Infinity : sum / count;
}

/**
 * What thresholds may cost at most, out of fold: the share of out-of-scope questions answered or
 * given a "did you mean", and the share of answerable questions answered wrongly. New questions
 * fare about twice as badly as cross-validation shows, and the service's aims are nine in ten
 * out-of-scope questions declined and no more than one wrong answer in ninety.
 */
export const thresholdBudgets = { outOfScopeServed: 0.06, wrongAnswers: 0.005 } as const;

/**
 * The worth of thresholds over the out-of-fold outcomes, and whether they keep within the budgets.
 * The worth surface is flat near its best, and weights alone let a few wrong answers swing the
 * choice by 0.2 either way; the budgets fix the ground within which the worth decides.
 */
function evaluator(
  ordered: readonly Ordered[],
): (thresholds: DecisionThresholds) => { value: number; within: boolean; answered: number } {
  const outOfScope = ordered.filter((o) => o.prepared.gold.size === 0).length;
  const answerable = ordered.length - outOfScope;
  return (thresholds) => {
    let value = 0;
    let served = 0;
    let wrong = 0;
    let answered = 0;
    for (const o of ordered) {
      const outcome = outcomeOf(o, thresholds);
      value += worth(o.prepared, outcome);
      if (o.prepared.gold.size === 0) served += outcome === 'declined' ? 0 : 1;
      else {
        wrong += outcome === 'wrong' ? 1 : 0;
        answered += outcome === 'correct' ? 1 : 0;
      }
    }
    const within =
      served <= thresholdBudgets.outOfScopeServed * outOfScope && wrong <= thresholdBudgets.wrongAnswers * answerable;
    return { value, within, answered };
  };
}

/**
 * How far below the best a threshold's smoothed worth may be and still count as as good: half a
 * wrong answer's cost. The surface is flat near its best, and which cell leads it is noise (the answer
 * bar moved between 0.66 and 0.80 from one build to the next, for less than one unit of worth); among
 * the cells as good as the best, those that answer most rightly are chosen, since out of fold a right
 * answer is worth more than a suggestion, and new wordings sit lower than the training questions.
 */
const tieTolerance = -utility.answerable.wrong / 2;

/**
 * The thresholds that do best over out-of-fold probabilities within the budgets, each judged with
 * its neighbours on the grid (whatever their budgets). Without any set within the budgets (too few
 * questions), the best of all.
 */
export function chooseThresholds(ordered: readonly Ordered[]): DecisionThresholds {
  const evaluate = evaluator(ordered);
  const answers = range(0.2, 0.98, 0.02);
  const margins = range(0, 0.6, 0.05);
  const suggests = range(0.02, 0.98, 0.02);
  const cells = answers.map((answer) =>
    margins.map((margin) =>
      suggests.map((suggest) =>
        suggest <= answer ? evaluate({ answer, margin, suggest, suggestKnown: suggest }) : undefined,
      ),
    ),
  );
  const values = cells.map((byMargin) => byMargin.map((bySuggest) => bySuggest.map((cell) => cell?.value)));
  const anyWithin = cells.some((byMargin) => byMargin.some((bySuggest) => bySuggest.some((cell) => cell?.within)));
  const radius = [smoothing.answer, smoothing.margin, smoothing.suggest];
  const scored: { at: [number, number, number]; value: number; answered: number }[] = [];
  cells.forEach((byMargin, i) =>
    byMargin.forEach((bySuggest, j) =>
      bySuggest.forEach((cell, k) => {
        if (!cell || (anyWithin && !cell.within)) return;
        scored.push({ at: [i, j, k], value: smoothed(values, [i, j, k], radius), answered: cell.answered });
      }),
    ),
  );
  const top = Math.max(...scored.map((c) => c.value));
  // The first of the ties that answer most rightly, then the best of those by worth.
  const best = scored
    .filter((c) => c.value >= top - tieTolerance)
    .reduce((a, b) => (b.answered > a.answered || (b.answered === a.answered && b.value > a.value) ? b : a));
  const [i, j, k] = best.at;
  const chosen = { answer: answers[i] as number, margin: margins[j] as number, suggest: suggests[k] as number };
  // Then the lower bar for questions made of the page's own words, judged the same way.
  const lower = range(0.02, chosen.suggest, 0.02);
  const knownCells = lower.map((suggestKnown) => evaluate({ ...chosen, suggestKnown }));
  const known = [[knownCells.map((cell) => cell.value)]];
  let bestKnown = { suggestKnown: chosen.suggest, value: -Infinity };
  lower.forEach((suggestKnown, at) => {
    if (anyWithin && !knownCells[at]?.within) return;
    const mean = smoothed(known, [0, 0, at], [0, 0, smoothing.suggest]);
    if (mean > bestKnown.value) bestKnown = { suggestKnown, value: mean };
  });
  return { ...chosen, suggestKnown: bestKnown.suggestKnown };
}

function summarize(ordered: readonly Ordered[], thresholds: DecisionThresholds): EvaluationSummary {
  const summary: EvaluationSummary = {};
  ordered.forEach((o) => {
    const p = o.prepared;
    const key = `${p.gold.size > 0 ? 'answer' : 'oos'}/${p.question.language}`;
    const counts = (summary[key] ??= { questions: 0, correct: 0, wrong: 0, suggested: 0, declined: 0 });
    const outcome = outcomeOf(o, thresholds);
    counts.questions += 1;
    if (outcome === 'wrongSuggestion') counts.declined += 1;
    else counts[outcome] += 1;
  });
  return summary;
}

/**
 * Trains the answer model: reads every question as the bot would (a curated question without its
 * own copy in the index), fits a logistic regression over (question, unit) pairs, and picks the
 * thresholds by `folds`-fold cross-validation, whose out-of-fold outcomes it reports.
 */
export function trainAnswerModel(
  service: KnowledgeService,
  questions: readonly TrainingQuestion[],
  hints: (text: string, language: Language) => QuestionHints,
  fingerprint: string,
  folds = answerModelFolds,
): AnswerModel {
  const prepared: (Prepared & { fold: number })[] = questions.flatMap((question) => {
    const training = { fold: foldOf(question.text, folds) };
    const ranking = service.rank(question.text, question.language, hints(question.text, question.language), training);
    return ranking ? [{ question, ranking, gold: new Set(question.units), fold: training.fold }] : [];
  });
  const fold = prepared.map((p) => p.fold);
  const ordered: Ordered[] = new Array<Ordered>(prepared.length);
  for (let k = 0; k < folds; k += 1) {
    const model = trainConditionalLogit(prepared.filter((_, i) => fold[i] !== k).flatMap(exampleOf));
    prepared.forEach((p, i) => {
      if (fold[i] === k) ordered[i] = order(p, model);
    });
  }
  const thresholds = chooseThresholds(ordered);
  return {
    format: 'usaid-peru-bot/answer-model',
    fingerprint,
    features: [...featureNames],
    questionFeatures: [...noneInputNames],
    choice: trainConditionalLogit(prepared.flatMap(exampleOf)),
    thresholds,
    crossValidation: summarize(ordered, thresholds),
    folds,
  };
}

/** Checks a loaded artifact. Throws {@link IndexError} when it is not this bot's or is stale. */
export function checkAnswerModel(json: unknown, fingerprint: string): AnswerModel {
  const model = json as Partial<AnswerModel> | null;
  if (model?.format !== 'usaid-peru-bot/answer-model' || !model.choice || !model.thresholds) {
    throw new IndexError('The answer model file is not an answer model of this bot.');
  }
  if (model.fingerprint !== fingerprint) {
    throw new IndexError('The answer model was trained from other knowledge or questions than those here.');
  }
  return model as AnswerModel;
}
