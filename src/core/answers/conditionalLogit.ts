/**
 * A conditional logit: a multinomial logistic regression that chooses among a question's
 * candidate units, or none of them. Each candidate scores `w · x`; "none" scores `v · z` from
 * features of the question alone (how much of it the knowledge does not know, how long it is).
 * The probability of a unit is its share of the exponentiated scores, so a unit is likely only
 * when it beats both its rivals and "none".
 */
export interface ConditionalLogit {
  /** Standardization of the candidate features. */
  means: number[];
  scales: number[];
  weights: number[];
  /** Standardization and weights of the question features that score "none", and its bias. */
  noneMeans: number[];
  noneScales: number[];
  noneWeights: number[];
  noneBias: number;
}

/** One question to learn from: its candidates' features and which of them are right. */
export interface ChoiceExample {
  candidates: readonly (readonly number[])[];
  /** Indexes of the right candidates; empty when the right choice is "none". */
  right: readonly number[];
  /** Features of the question alone. */
  question: readonly number[];
}

/** Training settings. */
export interface LogitOptions {
  /** L2 penalty on the weights. Default 0.01. */
  l2: number;
  /** Full-batch gradient steps. Default 300. */
  steps: number;
  /** Step size. Default 0.5. */
  rate: number;
}

export const defaultLogitOptions: LogitOptions = { l2: 0.01, steps: 300, rate: 0.5 };

function standardization(rows: readonly (readonly number[])[], dims: number): { means: number[]; scales: number[] } {
  const means = new Array<number>(dims).fill(0);
  const scales = new Array<number>(dims).fill(1);
  for (let d = 0; d < dims; d += 1) {
    const column = rows.map((r) => r[d] ?? 0);
    const mean = column.reduce((a, b) => a + b, 0) / (column.length || 1);
    const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / (column.length || 1);
    means[d] = mean;
    scales[d] = Math.sqrt(variance) || 1;
  }
  return { means, scales };
}

const standardize = (row: readonly number[], means: readonly number[], scales: readonly number[]) =>
  row.map((v, d) => (v - (means[d] ?? 0)) / (scales[d] ?? 1));

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, v, d) => sum + v * (b[d] ?? 0), 0);

/** Probabilities of "none" (first) and of each candidate, from standardized inputs. */
function choiceProbabilities(
  candidates: readonly (readonly number[])[],
  question: readonly number[],
  weights: readonly number[],
  noneWeights: readonly number[],
  noneBias: number,
): number[] {
  const scores = [noneBias + dot(question, noneWeights), ...candidates.map((c) => dot(c, weights))];
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** Fits the model by full-batch gradient descent on the log-likelihood of the right choices. */
export function trainConditionalLogit(
  examples: readonly ChoiceExample[],
  options: LogitOptions = defaultLogitOptions,
): ConditionalLogit {
  const dims = examples.find((e) => e.candidates.length > 0)?.candidates[0]?.length ?? 0;
  const noneDims = examples[0]?.question.length ?? 0;
  const { means, scales } = standardization(
    examples.flatMap((e) => e.candidates),
    dims,
  );
  const none = standardization(
    examples.map((e) => e.question),
    noneDims,
  );
  const data = examples.map((e) => ({
    candidates: e.candidates.map((c) => standardize(c, means, scales)),
    question: standardize(e.question, none.means, none.scales),
    right: e.right,
  }));
  const weights = new Array<number>(dims).fill(0);
  const noneWeights = new Array<number>(noneDims).fill(0);
  let noneBias = 0;
  const n = data.length || 1;
  for (let step = 0; step < options.steps; step += 1) {
    const gradient = new Array<number>(dims).fill(0);
    const noneGradient = new Array<number>(noneDims).fill(0);
    let biasGradient = 0;
    for (const example of data) {
      const p = choiceProbabilities(example.candidates, example.question, weights, noneWeights, noneBias);
      // The target spreads evenly over the right candidates, or sits on "none".
      const share = example.right.length > 0 ? 1 / example.right.length : 0;
      const noneError = (p[0] ?? 0) - (example.right.length === 0 ? 1 : 0);
      biasGradient += noneError;
      for (let d = 0; d < noneDims; d += 1)
        noneGradient[d] = (noneGradient[d] ?? 0) + noneError * (example.question[d] ?? 0);
      example.candidates.forEach((c, i) => {
        const error = (p[i + 1] ?? 0) - (example.right.includes(i) ? share : 0);
        for (let d = 0; d < dims; d += 1) gradient[d] = (gradient[d] ?? 0) + error * (c[d] ?? 0);
      });
    }
    for (let d = 0; d < dims; d += 1) {
      weights[d] = (weights[d] ?? 0) - options.rate * ((gradient[d] ?? 0) / n + options.l2 * (weights[d] ?? 0));
    }
    for (let d = 0; d < noneDims; d += 1) {
      noneWeights[d] =
        (noneWeights[d] ?? 0) - options.rate * ((noneGradient[d] ?? 0) / n + options.l2 * (noneWeights[d] ?? 0));
    }
    noneBias -= (options.rate * biasGradient) / n;
  }
  return { means, scales, weights, noneMeans: none.means, noneScales: none.scales, noneWeights, noneBias };
}

/** The probability of each candidate (in order) being the right one; the rest is "none". */
export function predictChoice(
  model: ConditionalLogit,
  candidates: readonly (readonly number[])[],
  question: readonly number[],
): number[] {
  const p = choiceProbabilities(
    candidates.map((c) => standardize(c, model.means, model.scales)),
    standardize(question, model.noneMeans, model.noneScales),
    model.weights,
    model.noneWeights,
    model.noneBias,
  );
  return p.slice(1);
}
