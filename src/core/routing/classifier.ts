/**
 * Multinomial logistic regression (softmax, L2) over sparse TF-IDF vectors, trained by stochastic gradient
 * descent with Bottou's decreasing step (η_t = η₀ / (1 + λη₀t)), the weight-scale trick so the L2 decay of
 * every step costs O(1) instead of O(features), and averaging of the epoch iterates (the average of SGD
 * converges where the last iterate keeps jittering). Class weights n / (K · n_k) make a rare office as
 * costly to miss as a common one. Softmax rather than one-vs-rest SVM because its scores are already
 * probabilities, which a single temperature then calibrates.
 */
import { Prng } from '../random/prng.ts';
import type { SparseVector } from './tfidf.ts';

/** Weights of a linear softmax model, feature-major (`weights[feature * classCount + class]`). */
export interface LinearWeights {
  classCount: number;
  dimension: number;
  weights: Float64Array;
  bias: Float64Array;
}

/** Options of `trainSoftmax`. */
export interface SoftmaxTrainOptions {
  /** L2 strength λ. */
  l2: number;
  epochs: number;
  /** Initial step η₀. */
  learningRate?: number;
  seed?: number;
  /** Loss weight of each class (by index); 1 for all when absent. */
  classWeights?: readonly number[];
}

/** Balanced class weights n / (K · n_k): each class carries the same total weight in the loss. */
export function balancedClassWeights(labels: readonly number[], classCount: number): number[] {
  const counts = new Array<number>(classCount).fill(0);
  for (const label of labels) counts[label]++;
  return counts.map((count) => (count === 0 ? 0 : labels.length / (classCount * count)));
}

/** Sparse rows in one block (CSR): row r is `indices[offsets[r]…offsets[r + 1])` with its `values`. */
export interface SparseRows {
  offsets: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** Raw scores (logits) of the sparse vector `indices[from…to)`, written into `out` (length classCount). */
export function linearScoresRange(model: LinearWeights, indices: Int32Array, values: Float64Array, from: number, to: number, out: Float64Array): Float64Array {
  const k = model.classCount;
  const weights = model.weights;
  out.set(model.bias);
  for (let n = from; n < to; n++) {
    const base = indices[n] * k;
    const x = values[n];
    for (let c = 0; c < k; c++) out[c] += weights[base + c] * x;
  }
  return out;
}

/** Raw scores (logits) of one vector, written into `out` (length classCount). */
export function linearScores(model: LinearWeights, vector: SparseVector, out: Float64Array): Float64Array {
  return linearScoresRange(model, vector.indices, vector.values, 0, vector.indices.length, out);
}

/** Softmax of `scores / temperature` in place, numerically stable. */
export function softmaxInPlace(scores: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) if (scores[c] > max) max = scores[c];
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp((scores[c] - max) / temperature);
    sum += scores[c];
  }
  for (let c = 0; c < scores.length; c++) scores[c] /= sum;
  return scores;
}

/**
 * Trains the softmax model on the rows `rowIds` (labels[i] is the label of row rowIds[i]). Deterministic
 * for a given seed (the shuffle is the only randomness). Averaging starts at the second epoch so the poor
 * first pass does not drag the average. The loops run over the typed CSR block with the feature offsets
 * (feature · classCount) computed once, and allocate nothing per example.
 */
export function trainSoftmax(
  rows: SparseRows,
  rowIds: ArrayLike<number>,
  labels: ArrayLike<number>,
  classCount: number,
  dimension: number,
  options: SoftmaxTrainOptions,
): LinearWeights {
  const k = classCount;
  const lambda = options.l2;
  const eta0 = options.learningRate ?? 0.5;
  const classWeights = Float64Array.from(options.classWeights ?? new Array<number>(k).fill(1));
  const random = new Prng(options.seed ?? 1);
  const v = new Float64Array(dimension * k);
  const bias = new Float64Array(k);
  const averageWeights = new Float64Array(dimension * k);
  const averageBias = new Float64Array(k);
  let averaged = 0;
  let scale = 1; // the true weights are scale · v
  let step = 0;
  const probabilities = new Float64Array(k);
  const count = rowIds.length;
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const firstAveragedEpoch = options.epochs > 1 ? 1 : 0;
  const { offsets, values } = rows;
  const bases = new Int32Array(rows.indices.length);
  for (let p = 0; p < bases.length; p++) bases[p] = rows.indices[p] * k;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      const swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    for (let o = 0; o < count; o++) {
      const example = order[o];
      const row = rowIds[example];
      const from = offsets[row];
      const to = offsets[row + 1];
      const y = labels[example];
      const eta = eta0 / (1 + lambda * eta0 * step++);
      // Scores in blocks of four classes held in locals: each class still sums its features in order.
      let c0 = 0;
      for (; c0 + 4 <= k; c0 += 4) {
        let s0 = bias[c0];
        let s1 = bias[c0 + 1];
        let s2 = bias[c0 + 2];
        let s3 = bias[c0 + 3];
        for (let n = from; n < to; n++) {
          const base = bases[n] + c0;
          const value = values[n] * scale;
          s0 += v[base] * value;
          s1 += v[base + 1] * value;
          s2 += v[base + 2] * value;
          s3 += v[base + 3] * value;
        }
        probabilities[c0] = s0;
        probabilities[c0 + 1] = s1;
        probabilities[c0 + 2] = s2;
        probabilities[c0 + 3] = s3;
      }
      for (; c0 < k; c0++) {
        let sum = bias[c0];
        for (let n = from; n < to; n++) sum += v[bases[n] + c0] * (values[n] * scale);
        probabilities[c0] = sum;
      }
      softmaxInPlace(probabilities);
      const exampleWeight = classWeights[y];
      scale *= 1 - eta * lambda;
      if (scale < 1e-9) {
        for (let i = 0; i < v.length; i++) v[i] *= scale;
        scale = 1;
      }
      for (let c = 0; c < k; c++) {
        const gradient = exampleWeight * (probabilities[c] - (c === y ? 1 : 0));
        probabilities[c] = gradient; // reuse the buffer for the gradient
        bias[c] -= eta * gradient;
      }
      const stepOverScale = eta / scale;
      c0 = 0;
      for (; c0 + 4 <= k; c0 += 4) {
        const g0 = probabilities[c0];
        const g1 = probabilities[c0 + 1];
        const g2 = probabilities[c0 + 2];
        const g3 = probabilities[c0 + 3];
        for (let n = from; n < to; n++) {
          const base = bases[n] + c0;
          const value = values[n] * stepOverScale;
          v[base] -= g0 * value;
          v[base + 1] -= g1 * value;
          v[base + 2] -= g2 * value;
          v[base + 3] -= g3 * value;
        }
      }
      for (; c0 < k; c0++) {
        const g = probabilities[c0];
        for (let n = from; n < to; n++) v[bases[n] + c0] -= g * (values[n] * stepOverScale);
      }
    }
    if (epoch >= firstAveragedEpoch) {
      for (let i = 0; i < v.length; i++) averageWeights[i] += v[i] * scale;
      for (let c = 0; c < k; c++) averageBias[c] += bias[c];
      averaged++;
    }
  }
  for (let i = 0; i < averageWeights.length; i++) averageWeights[i] /= averaged;
  for (let c = 0; c < k; c++) averageBias[c] /= averaged;
  return { classCount: k, dimension, weights: averageWeights, bias: averageBias };
}

/**
 * The temperature T minimising the negative log-likelihood of `softmax(logits / T)` on held-out
 * examples (golden-section search on ln T in [1/20, 20]): T > 1 tempers an over-confident model.
 */
export function fitTemperature(logits: readonly Float64Array[], labels: readonly number[]): number {
  if (logits.length === 0) return 1;
  const nll = (logT: number) => {
    const t = Math.exp(logT);
    let loss = 0;
    for (let i = 0; i < logits.length; i++) {
      const row = logits[i];
      let max = -Infinity;
      for (const score of row) if (score > max) max = score;
      let sum = 0;
      for (const score of row) sum += Math.exp((score - max) / t);
      loss += Math.log(sum) - (row[labels[i]] - max) / t;
    }
    return loss;
  };
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(1 / 20);
  let high = Math.log(20);
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let fa = nll(a);
  let fb = nll(b);
  for (let iteration = 0; iteration < 60; iteration++) {
    if (fa < fb) {
      high = b;
      b = a;
      fb = fa;
      a = high - ratio * (high - low);
      fa = nll(a);
    } else {
      low = a;
      a = b;
      fa = fb;
      b = low + ratio * (high - low);
      fb = nll(b);
    }
  }
  return Math.exp((low + high) / 2);
}
