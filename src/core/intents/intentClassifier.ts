import { LRUCache } from 'lru-cache';
import { foldAccents } from '../text/normalize';

/** A trained softmax-regression text classifier, serializable as JSON. */
export interface IntentClassifierModel {
  format: 'usaid-peru-bot/intent-classifier';
  classes: string[];
  /** Weights of every feature seen in training, one per class. */
  weights: Record<string, number[]>;
  bias: number[];
}

export interface TrainingExample {
  text: string;
  label: string;
}

/** Training settings; the defaults suit a few hundred utterances. */
export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty that keeps rare features from dominating. */
  l2: number;
}

/** Chosen by 5-fold cross-validation on the Train utterances. */
export const defaultTrainingOptions: TrainingOptions = { epochs: 100, learningRate: 0.5, l2: 1e-3 };

/** How much each kind of feature counts: whole words say more than their letters. */
const featureWeights = { word: 1, bigram: 0.4, trigram: 0.35, prefix: 0.5 } as const;

/** The words the classifier reads: case, accents and punctuation ignored. */
function wordsOf(text: string): string[] {
  return foldAccents(text.toLowerCase())
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** Calls `visit` with the features of one word: the word, its letter trigrams and its prefix. */
function visitWordFeatures(word: string, visit: (feature: string, weight: number) => void): void {
  visit(`w:${word}`, featureWeights.word);
  const padded = `#${word}#`;
  for (let j = 0; j + 3 <= padded.length; j += 1) visit(`c:${padded.slice(j, j + 3)}`, featureWeights.trigram);
  // A word's first five letters: a cheap stem shared across languages ("contact", "contactar").
  if (word.length > 4) visit(`p:${word.slice(0, 5)}`, featureWeights.prefix);
}

/**
 * Calls `visit` with each feature of an utterance and its weight: its words, word pairs, word
 * prefixes and letter trigrams (which make "helo" and "cancle" resemble "hello" and "cancel"). A
 * feature may come more than once; its values add up.
 */
function visitFeatures(words: readonly string[], visit: (feature: string, weight: number) => void): void {
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as string;
    visitWordFeatures(word, visit);
    const next = words[i + 1];
    if (next) visit(`b:${word}_${next}`, featureWeights.bigram);
  }
}

/**
 * The feature vector of an utterance (see {@link visitFeatures}). Values are divided by the square
 * root of the word count, so a long message does not drown its words in letter features the way
 * scaling to unit length would.
 */
export function features(text: string): Map<string, number> {
  const words = wordsOf(text);
  const result = new Map<string, number>();
  visitFeatures(words, (feature, weight) => result.set(feature, (result.get(feature) ?? 0) + weight));
  const norm = Math.sqrt(words.length) || 1;
  for (const [feature, value] of result) result.set(feature, value / norm);
  return result;
}

function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exp = logits.map((l) => Math.exp(l - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}

function logits(model: Pick<IntentClassifierModel, 'weights' | 'bias'>, vector: Map<string, number>): number[] {
  const out = [...model.bias];
  for (const [feature, value] of vector) {
    const row = model.weights[feature];
    if (row) row.forEach((w, c) => (out[c] = (out[c] ?? 0) + w * value));
  }
  return out;
}

/** A small deterministic generator, so the same model file always trains the same classifier. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Trains the classifier by stochastic gradient descent on the cross-entropy loss. */
export function trainClassifier(
  examples: readonly TrainingExample[],
  options: TrainingOptions = defaultTrainingOptions,
): IntentClassifierModel {
  const classes = [...new Set(examples.map((e) => e.label))].sort();
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const data = examples.map((e) => ({ vector: features(e.text), label: classIndex.get(e.label) ?? 0 }));
  const model: IntentClassifierModel = {
    format: 'usaid-peru-bot/intent-classifier',
    classes,
    weights: {},
    bias: classes.map(() => 0),
  };
  for (const { vector } of data) for (const feature of vector.keys()) model.weights[feature] ??= classes.map(() => 0);
  const random = seededRandom(7);
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    const rate = options.learningRate / (1 + epoch * 0.05);
    for (const index of order) {
      const example = data[index];
      if (!example) continue;
      const probabilities = softmax(logits(model, example.vector));
      const gradient = probabilities.map((p, c) => p - (c === example.label ? 1 : 0));
      gradient.forEach((g, c) => (model.bias[c] = (model.bias[c] ?? 0) - rate * g));
      for (const [feature, value] of example.vector) {
        const row = model.weights[feature];
        if (!row) continue;
        gradient.forEach((g, c) => (row[c] = (row[c] ?? 0) * (1 - rate * options.l2) - rate * g * value));
      }
    }
  }
  return model;
}

/**
 * A trained model made ready for classifying: weights in typed arrays, and an utterance scored
 * feature by feature without building its vector (the scores are linear in the features, so
 * adding each occurrence and scaling once at the end gives the same result).
 */
export class IntentClassifier {
  private readonly rows: Map<string, Float64Array>;
  private readonly bias: Float64Array;
  /**
   * What each word's own features (word, trigrams, prefix) add to the class scores, worked out
   * once per word: messages repeat words far more than they bring new ones. Empty: none known.
   */
  private readonly wordScores = new LRUCache<string, Float64Array>({ max: 20_000 });

  constructor(private readonly model: IntentClassifierModel) {
    this.rows = new Map(Object.entries(model.weights).map(([feature, row]) => [feature, Float64Array.from(row)]));
    this.bias = Float64Array.from(model.bias);
  }

  /** Scores every class for `text`; the scores sum to 1. Text with no known feature is "None". */
  classify(text: string): Record<string, number> {
    const words = wordsOf(text);
    const sums = new Float64Array(this.bias.length);
    let known = false;
    const add = (scores: Float64Array, weight: number) => {
      known = true;
      for (let c = 0; c < scores.length; c += 1) sums[c] = (sums[c] as number) + (scores[c] as number) * weight;
    };
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i] as string;
      const own = this.scoresOfWord(word);
      if (own.length > 0) add(own, 1);
      const next = words[i + 1];
      const pair = next ? this.rows.get(`b:${word}_${next}`) : undefined;
      if (pair) add(pair, featureWeights.bigram);
    }
    const { classes } = this.model;
    if (!known) return Object.fromEntries(classes.map((c) => [c, c === 'None' ? 1 : 0]));
    const norm = Math.sqrt(words.length) || 1;
    const probabilities = softmax(Array.from(sums, (sum, c) => (this.bias[c] as number) + sum / norm));
    return Object.fromEntries(classes.map((c, i) => [c, probabilities[i] ?? 0]));
  }

  private scoresOfWord(word: string): Float64Array {
    let scores = this.wordScores.get(word);
    if (!scores) {
      scores = this.scoreWord(word);
      this.wordScores.set(word, scores);
    }
    return scores;
  }

  private scoreWord(word: string): Float64Array {
    let sum: Float64Array | null = null;
    visitWordFeatures(word, (feature, weight) => {
      const row = this.rows.get(feature);
      if (!row) return;
      sum ??= new Float64Array(row.length);
      for (let c = 0; c < row.length; c += 1) sum[c] = (sum[c] as number) + (row[c] as number) * weight;
    });
    return sum ?? new Float64Array(0);
  }
}

/** Scores every class for `text` with `model` (see {@link IntentClassifier}, for repeated use). */
export function classify(model: IntentClassifierModel, text: string): Record<string, number> {
  return new IntentClassifier(model).classify(text);
}
