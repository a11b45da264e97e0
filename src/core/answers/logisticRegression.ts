/** A trained logistic regression over standardized features. */
export interface LogisticModel {
  means: number[];
  scales: number[];
  weights: number[];
  bias: number;
}

/** One training example. */
export interface Example {
  values: readonly number[];
  label: 0 | 1;
}

/** Training settings. */
export interface TrainingOptions {
  /** L2 penalty on the weights. Default 0.01. */
  l2: number;
  /** Full-batch gradient steps. Default 400. */
  steps: number;
  /** Step size. Default 0.5. */
  rate: number;
}

export const defaultTrainingOptions: TrainingOptions = { l2: 0.01, steps: 400, rate: 0.5 };

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Fits a logistic regression by full-batch gradient descent with an L2 penalty. Features are
 * standardized first, so one step size suits them all and the weights compare.
 */
export function trainLogistic(
  examples: readonly Example[],
  options: TrainingOptions = defaultTrainingOptions,
): LogisticModel {
  const dims = examples[0]?.values.length ?? 0;
  const means = new Array<number>(dims).fill(0);
  const scales = new Array<number>(dims).fill(1);
  for (let d = 0; d < dims; d += 1) {
    const column = examples.map((e) => e.values[d] ?? 0);
    const mean = column.reduce((a, b) => a + b, 0) / (column.length || 1);
    const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / (column.length || 1);
    means[d] = mean;
    scales[d] = Math.sqrt(variance) || 1;
  }
  const xs = examples.map((e) => e.values.map((v, d) => (v - (means[d] ?? 0)) / (scales[d] ?? 1)));
  const weights = new Array<number>(dims).fill(0);
  let bias = 0;
  const total = examples.length || 1;
  for (let step = 0; step < options.steps; step += 1) {
    const gradient = new Array<number>(dims).fill(0);
    let biasGradient = 0;
    examples.forEach((example, i) => {
      const x = xs[i] as number[];
      let z = bias;
      for (let d = 0; d < dims; d += 1) z += (weights[d] ?? 0) * (x[d] ?? 0);
      const error = sigmoid(z) - example.label;
      for (let d = 0; d < dims; d += 1) gradient[d] = (gradient[d] ?? 0) + error * (x[d] ?? 0);
      biasGradient += error;
    });
    for (let d = 0; d < dims; d += 1) {
      weights[d] = (weights[d] ?? 0) - options.rate * ((gradient[d] ?? 0) / total + options.l2 * (weights[d] ?? 0));
    }
    bias -= (options.rate * biasGradient) / total;
  }
  return { means, scales, weights, bias };
}

/** The model's probability that an example is positive. */
export function predictLogistic(model: LogisticModel, values: readonly number[]): number {
  let z = model.bias;
  values.forEach((v, d) => {
    z += (model.weights[d] ?? 0) * ((v - (model.means[d] ?? 0)) / (model.scales[d] ?? 1));
  });
  return sigmoid(z);
}
