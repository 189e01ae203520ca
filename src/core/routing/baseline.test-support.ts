/**
 * The baseline the router must beat (used by tests and the benchmark only): character n-gram 1–3 TF-IDF of
 * the joined text, one-vs-rest linear SVM (hinge loss, L2) trained by Pegasos with averaging.
 */
import { Prng } from '../random/prng.ts';
import { charNgrams, normalizeText } from './text.ts';
import { fitTfidf, TfidfVectorizer, type SparseVector } from './tfidf.ts';

/** A trained baseline: predicts the label of a text. */
export interface Baseline {
  predict(text: string): string;
}

/** Trains the baseline on joined texts. */
export function trainBaseline(texts: readonly string[], labels: readonly string[], lambda = 1e-4, epochs = 15): Baseline {
  const classes = [...new Set(labels)].sort();
  const extract = (text: string) => charNgrams(text, 1, 3);
  const normalized = texts.map(normalizeText);
  const vectorizer = new TfidfVectorizer(fitTfidf(normalized.map(extract), { minDf: 1, maxFeatures: 200_000 }), extract, [1]);
  const vectors: SparseVector[] = normalized.map((text) => vectorizer.transform([text]));
  const dimension = vectorizer.dimension;
  const random = new Prng(7);
  const models = classes.map((positive) => {
    const w = new Float64Array(dimension);
    const average = new Float64Array(dimension);
    let bias = 0;
    let averageBias = 0;
    let averaged = 0;
    let t = 0;
    const order = vectors.map((_, i) => i);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random.next() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const i of order) {
        t++;
        const eta = 1 / (lambda * (t + 1000));
        const y = labels[i] === positive ? 1 : -1;
        const x = vectors[i];
        let score = bias;
        for (let n = 0; n < x.indices.length; n++) score += w[x.indices[n]] * x.values[n];
        for (let n = 0; n < x.indices.length; n++) w[x.indices[n]] *= 1 - eta * lambda; // decay on touched features only
        if (y * score < 1) {
          for (let n = 0; n < x.indices.length; n++) w[x.indices[n]] += eta * y * x.values[n];
          bias += eta * y * 0.1;
        }
      }
      if (epoch >= epochs / 2) {
        for (let d = 0; d < dimension; d++) average[d] += w[d];
        averageBias += bias;
        averaged++;
      }
    }
    for (let d = 0; d < dimension; d++) average[d] /= averaged;
    return { w: average, bias: averageBias / averaged };
  });
  return {
    predict(text: string): string {
      const x = vectorizer.transform([normalizeText(text)]);
      let best = 0;
      let bestScore = -Infinity;
      models.forEach((model, c) => {
        let score = model.bias;
        for (let n = 0; n < x.indices.length; n++) score += model.w[x.indices[n]] * x.values[n];
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      });
      return classes[best];
    },
  };
}
